/**
 * parseUnattend + validation (validateUnattendXml) on the real answer files of
 * ../shared/corpus: the largest file, and the whole corpus in one go; median
 * per call.   npm run build && node build/bench/parse.bench.js
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseUnattend, validateUnattendXml } from "../components";
import { machine, time } from "./stats";

const corpus = path.resolve(__dirname, "..", "..", "..", "shared", "corpus");
if (!fs.existsSync(corpus)) {
  console.log(`skipped: ${corpus} is absent`);
  process.exit(0);
}

const files = fs
  .readdirSync(corpus)
  .filter((f) => f.endsWith(".xml"))
  .map((f) => ({ name: f, bytes: fs.readFileSync(path.join(corpus, f)) }));
const wellFormed = files.filter((f) => !parseUnattend(f.bytes).malformed);
const largest = wellFormed.reduce((a, b) => (b.bytes.length > a.bytes.length ? b : a));
const totalBytes = files.reduce((n, f) => n + f.bytes.length, 0);

const largestBoth = time(() => validateUnattendXml(largest.bytes), 31, 20);
const largestParse = time(() => parseUnattend(largest.bytes), 31, 20);
const all = time(
  () => {
    for (const f of files) validateUnattendXml(f.bytes);
  },
  21,
  3,
);

console.log(`machine: ${machine()}`);
console.log(`date: ${new Date().toISOString().slice(0, 10)}`);
console.log(`largest well-formed file: ${largest.name} (${(largest.bytes.length / 1024).toFixed(1)} KiB)`);
console.log(`  parse + validate (validateUnattendXml)  ${(largestBoth.medianMicros / 1000).toFixed(2)} ms/call`);
console.log(`  parse alone (parseUnattend)             ${(largestParse.medianMicros / 1000).toFixed(2)} ms/call`);
console.log(`whole corpus: ${files.length} files, ${(totalBytes / 1024).toFixed(0)} KiB (${wellFormed.length} well-formed)`);
console.log(`  parse + validate, every file            ${(all.medianMicros / 1000).toFixed(2)} ms/run`);
console.log(`  throughput                              ${(totalBytes / 2 ** 20 / (all.medianMicros / 1e6)).toFixed(1)} MiB/s`);
