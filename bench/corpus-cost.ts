/**
 * The callgrind script of issue 19's budget: `validateUnattendXml` of a build's entry over the 40 files of
 * ../shared/corpus, `passes` times. Count it with N passes and with none, for this build and the one compared
 * (BENCHMARKS.md, "Parsing and validating existing answer files"):
 *
 *   valgrind --tool=callgrind --callgrind-out-file=/dev/null node --single-threaded \
 *     [--predictable --hash-seed=1 --random-seed=1] build/bench/corpus-cost.js ENTRY.js N
 *
 * ENTRY is build/components/pure.js (build/components/core.js in builds before 1.0). It prints the number of
 * files and of diagnostics, so that two builds can be seen to give the same.
 */
import * as fs from "node:fs";
import * as path from "node:path";

const corpus = path.resolve(__dirname, "..", "..", "..", "shared", "corpus");
const [entry, passes = "15"] = process.argv.slice(2);
if (!entry) throw new Error("usage: corpus-cost.js ENTRY.js [passes]");
if (!fs.existsSync(corpus)) console.log(`skipped: ${corpus} is absent`);
else {
  const { validateUnattendXml } = require(path.resolve(entry)) as { validateUnattendXml: (x: Uint8Array) => { diagnostics: unknown[] } };
  const files = fs
    .readdirSync(corpus)
    .filter((f) => f.endsWith(".xml"))
    .sort()
    .map((f) => fs.readFileSync(path.join(corpus, f)));
  let diagnostics = 0;
  for (let i = 0; i < Number(passes); i++) for (const x of files) diagnostics += validateUnattendXml(x).diagnostics.length;
  console.log(`${files.length} files, ${diagnostics} diagnostics`);
}
