/**
 * `unattend diff` of many files (the table): time per file as the number of
 * files grows, for the maximal document (every documented setting once), each
 * file with its own ComputerName and one in ten with another RegisteredOwner. The
 * cost should be linear: the time per file at N = 200 no more than at 10.
 *   npm run build && node build/bench/diff-many.bench.js
 */
import { run, type Io } from "../components/cli/main";
import { analyze } from "../components/core/document";
import { diffManyDocuments } from "../components/core/compare";
import { parseUnattend, renderParsed } from "../components/core/parse";
import { maximalSettings } from "./maximal";
import { machine } from "./stats";

const base = renderParsed({ document: { settings: maximalSettings().settings as never, architectures: ["amd64"] } }, { validate: false });
const name = /<ComputerName>[^<]*<\/ComputerName>/;
const owner = /<RegisteredOwner>[^<]*<\/RegisteredOwner>/;
if (!name.test(base) || !owner.test(base)) throw new Error("the maximal document has no ComputerName or RegisteredOwner to vary");
const variant = (i: number) =>
  base
    .replace(name, `<ComputerName>WS-${String(i).padStart(4, "0")}</ComputerName>`)
    .replace(owner, i % 10 === 0 ? "<RegisteredOwner>Lab</RegisteredOwner>" : "$&");

/** Median of `runs` wall-clock times of fn, in ms. */
function median(fn: () => void, runs: number): number {
  const t: number[] = [];
  for (let r = 0; r < runs; r++) {
    const start = process.hrtime.bigint();
    fn();
    t.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  t.sort((a, b) => a - b);
  return t[Math.floor(t.length / 2)];
}

console.log(`machine: ${machine()}`);
console.log(`date: ${new Date().toISOString().slice(0, 10)}`);
console.log(`file: the maximal document, ${(Buffer.byteLength(base) / 1024).toFixed(1)} KiB`);
console.log("N     command (ms)  per file (ms)  compare only (ms)  per file (ms)  rows");
for (const n of [10, 50, 200]) {
  const files = new Map<string, Uint8Array>();
  for (let i = 0; i < n; i++) files.set(`site-${i}/unattend.xml`, Buffer.from(variant(i)));
  let out = "";
  const io: Io = {
    out: (s) => void (out += s),
    err: () => undefined,
    readFile: (f) => files.get(f)!,
    writeFile: () => undefined,
  };
  const args = ["diff", ...files.keys()];
  const runs = n >= 200 ? 3 : 5;
  run(args, io); // warm-up
  const command = median(() => {
    out = "";
    if (run(args, io) !== 1) throw new Error("expected differences");
  }, runs);
  const docs = [...files.values()].map((b) => analyze(parseUnattend(b).document).document);
  let rows = 0;
  const compare = median(() => {
    rows = diffManyDocuments(docs).rows.length;
  }, runs);
  console.log(
    `${String(n).padEnd(6)}${command.toFixed(0).padStart(12)}  ${(command / n).toFixed(2).padStart(13)}  ${compare.toFixed(0).padStart(17)}  ${(compare / n).toFixed(2).padStart(13)}  ${rows}`,
  );
}
