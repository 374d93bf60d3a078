/**
 * An A/B of `validateUnattendXml` over the 40 files of ../shared/corpus
 * between two builds of the pure entry (e.g. a worktree of an older commit,
 * built): each pair runs both in fresh processes, in alternating order, 10
 * warm-up passes then `passes` timed ones; prints each pair's ms per pass and
 * the median ratio (after / before). Issue 19's budget (within 10% of
 * b02f9c3) is read from it and from callgrind counts (BENCHMARKS.md).
 *
 *   node build/bench/corpus-ab.bench.js BEFORE/components/core.js build/components/pure.js [pairs] [passes]
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { median } from "./stats";

const corpus = path.resolve(__dirname, "..", "..", "..", "shared", "corpus");

/** The child: ms per timed pass of one build. */
function child(entry: string, passes: number): void {
  const { validateUnattendXml } = require(path.resolve(entry)) as { validateUnattendXml: (x: Uint8Array) => unknown };
  const files = fs
    .readdirSync(corpus)
    .filter((f) => f.endsWith(".xml"))
    .map((f) => fs.readFileSync(path.join(corpus, f)));
  for (let i = 0; i < 10; i++) for (const x of files) validateUnattendXml(x);
  const start = process.hrtime.bigint();
  for (let i = 0; i < passes; i++) for (const x of files) validateUnattendXml(x);
  process.stdout.write(String(Number(process.hrtime.bigint() - start) / 1e6 / passes));
}

function run(entry: string, passes: number): number {
  const r = spawnSync(process.execPath, [__filename, "--child", entry, String(passes)], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${entry}: ${r.stderr}`);
  return Number(r.stdout);
}

if (process.argv[2] === "--child") child(process.argv[3], Number(process.argv[4]));
else if (!fs.existsSync(corpus)) console.log(`skipped: ${corpus} is absent`);
else {
  const [before, after, pairs = "12", passes = "30"] = process.argv.slice(2);
  if (!before || !after) throw new Error("usage: corpus-ab.bench.js BEFORE_ENTRY.js AFTER_ENTRY.js [pairs] [passes]");
  const ratios: number[] = [];
  for (let i = 0; i < Number(pairs); i++) {
    const first = i % 2 === 0 ? after : before;
    const a = run(first, Number(passes));
    const b = run(first === after ? before : after, Number(passes));
    const [tb, ta] = first === after ? [b, a] : [a, b];
    ratios.push(ta / tb);
    console.log(`before ${tb.toFixed(2)} ms, after ${ta.toFixed(2)} ms per pass: ${(ta / tb).toFixed(3)}`);
  }
  console.log(`median ratio (after / before): ${median(ratios).toFixed(3)} over ${pairs} pairs`);
}
