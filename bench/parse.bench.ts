/**
 * parseUnattend + validation (validateUnattendXml) on the real answer files of
 * ../shared/corpus: the largest file, and the whole corpus in one go; median
 * per call.   npm run build && node build/bench/parse.bench.js
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { SaxesParser } from "saxes";
import { parseUnattend, renderUnattend, validateUnattendXml, type UnattendDocument } from "../components";
import { normalize } from "../components/core/normalize";
import { parseXml } from "../components/core/xml/reader";
import { validateDocument } from "../components/core/validate";
import { maximalSettings } from "./maximal";
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

// validateUnattendXml against a bare saxes parse of the same bytes (target: 3x at most), interleaved so that
// a shared machine's load falls on both alike: the ratio of each pair of batches, median.
function bare(bytes: Buffer): number {
  const p = new SaxesParser({ xmlns: true, position: true });
  let n = 0;
  p.on("opentag", () => n++);
  p.on("text", () => n++);
  p.write(bytes.toString("utf8")).close();
  return n;
}
function ratio(
  bytes: Buffer,
  batches = 41,
  per = 10,
  ours: () => unknown = () => validateUnattendXml(bytes),
): { ratio: number; bareMicros: number; oursMicros: number } {
  for (let i = 0; i < 30; i++) {
    bare(bytes);
    ours();
  }
  const ratios: number[] = [];
  let tb = 0;
  let tv = 0;
  for (let b = 0; b < batches; b++) {
    let t = process.hrtime.bigint();
    for (let i = 0; i < per; i++) bare(bytes);
    const a = Number(process.hrtime.bigint() - t);
    t = process.hrtime.bigint();
    for (let i = 0; i < per; i++) ours();
    const v = Number(process.hrtime.bigint() - t);
    ratios.push(v / a);
    tb += a;
    tv += v;
  }
  ratios.sort((x, y) => x - y);
  return { ratio: ratios[batches >> 1], bareMicros: tb / batches / per / 1000, oursMicros: tv / batches / per / 1000 };
}
const maximalXml = Buffer.from(renderUnattend({ settings: maximalSettings().settings } as unknown as UnattendDocument));
const small = files.find((f) => f.name.startsWith("007"));
console.log("validateUnattendXml against a bare saxes parse of the same bytes (median of interleaved batches):");
for (const [label, bytes] of [
  [`the maximal document (${(maximalXml.length / 1024).toFixed(1)} KiB)`, maximalXml],
  [`${largest.name} (${(largest.bytes.length / 1024).toFixed(1)} KiB)`, largest.bytes],
  ...(small ? [[`${small.name} (${(small.bytes.length / 1024).toFixed(1)} KiB)`, small.bytes]] : []),
] as [string, Buffer][]) {
  const r = ratio(bytes);
  console.log(`  ${label.padEnd(60)} ${r.oursMicros.toFixed(0)} us vs ${r.bareMicros.toFixed(0)} us: ${r.ratio.toFixed(2)}x`);
}

// Where validateUnattendXml's time goes on the maximal document, each part against the same bare parse. It is
// parseUnattend (the element tree with positions, then the input-shaped document it returns and the place of
// every setting) followed by analyze (normalise that document, then validate and run the rules).
{
  const text = maximalXml.toString("utf8");
  const doc = parseUnattend(maximalXml).document;
  const normal = normalize(doc);
  const parts: [string, () => unknown][] = [
    ["the element tree with positions (parseXml)", () => parseXml(text)],
    ["parseUnattend (tree, document, positions)", () => parseUnattend(maximalXml)],
    ["normalize(document)", () => normalize(doc)],
    ["validate the normalised tree, with the rules", () => validateDocument(normal)],
    ["validateUnattendXml (all of the above)", () => validateUnattendXml(maximalXml)],
  ];
  console.log("the parts of validateUnattendXml on the maximal document, each against a bare saxes parse:");
  for (const [label, f] of parts) console.log(`  ${label.padEnd(60)} ${ratio(maximalXml, 41, 10, f).ratio.toFixed(2)}x`);
}

// the CLI's start-up: `unattend validate` of a small file against `node -e 0`, interleaved, median of 15
const cliMain = path.resolve(__dirname, "..", "components", "cli", "main.js");
const minimal = path.resolve(__dirname, "..", "..", "tests", "fixtures", "parse", "minimal.xml");
const wall = (args: string[]) => {
  const t = process.hrtime.bigint();
  spawnSync(process.execPath, args, { stdio: "ignore" });
  return Number(process.hrtime.bigint() - t) / 1e6;
};
const empty: number[] = [];
const cli: number[] = [];
for (let i = 0; i < 15; i++) {
  empty.push(wall(["-e", "0"]));
  cli.push(wall([cliMain, "validate", minimal]));
}
const median = (a: number[]) => a.sort((x, y) => x - y)[a.length >> 1];
console.log(
  `unattend validate minimal.xml: ${median(cli).toFixed(0)} ms vs node -e 0: ${median(empty).toFixed(0)} ms: ${(median(cli) / median(empty)).toFixed(2)}x`,
);
