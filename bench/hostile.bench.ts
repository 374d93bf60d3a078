/**
 * Bounded work on hostile and large input (issue: trust under hostile input):
 * validate 200 000 list items, parse a 16 MiB file, refuse a 10 000- and a
 * 40 000-deep file, read 1 MiB of invalid UTF-8, refuse a 50 MB input unread,
 * report 20 000 unknown names (each with the nearest documented one).
 * Wall clock (median of a few runs) and the heap's growth. Targets: 200 000
 * items well under 10 s, a 10 000-deep file refused in under a second, time
 * linear in size.   npm run build && node --expose-gc build/bench/hostile.bench.js
 */
import { renderUnattend, validateUnattend, validateUnattendXml, type UnattendDocument } from "../components";
import { MAX_INPUT_BYTES, MAX_NODES } from "../components/core/limits";
import { machine } from "./stats";

function measure(label: string, fn: () => unknown, runs = 3): void {
  const gc = (global as { gc?: () => void }).gc;
  const times: number[] = [];
  let heap = 0;
  for (let i = 0; i < runs; i++) {
    gc?.();
    const before = process.memoryUsage().heapUsed;
    const start = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    heap = Math.max(heap, process.memoryUsage().heapUsed - before);
  }
  times.sort((a, b) => a - b);
  const ms = times[Math.floor(times.length / 2)];
  console.log(`  ${label.padEnd(62)} ${ms < 10 ? ms.toFixed(2) : ms.toFixed(0)} ms   heap +${(heap / 2 ** 20).toFixed(0)} MiB`);
}

const items = (n: number) => Array.from({ length: n }, (_, i) => `d${i}.contoso.com`);
const list = (n: number): UnattendDocument => ({
  settings: { specialize: { "Microsoft-Windows-DNS-Client": { DNSSuffixSearchOrder: items(n) as never } } },
});

console.log(`machine: ${machine()}`);
console.log(`date: ${new Date().toISOString().slice(0, 10)}`);
console.log("validateUnattend of a list (linear in size):");
for (const n of [20_000, 200_000]) measure(`${n} list items`, () => validateUnattend(list(n)));

console.log("validateUnattendXml of a large file (linear in size):");
const big = renderUnattend(list(200_000));
const sixteen = renderUnattend(list(Math.floor((200_000 * (MAX_INPUT_BYTES - 1024)) / Buffer.byteLength(big))));
// 200,000 items of 3 nodes each: past the default MAX_NODES, raised here (what grows is the cost past it)
for (const xml of [big, sixteen])
  measure(
    `${(Buffer.byteLength(xml) / 2 ** 20).toFixed(1)} MiB file (maxNodes raised)`,
    () => validateUnattendXml(xml, { maxNodes: Number.MAX_SAFE_INTEGER }),
    2,
  );

console.log("unknown names, each reported with the nearest documented one (linear in their number):");
// distinct names of a typo's length (14 characters, like OOBE's settings): each is compared with OOBE's settings
const unknown = (n: number) => Array.from({ length: n }, (_, i) => `Q${i.toString(36)}abcdefghijklmnopqrstuvwxyz`.slice(0, 14));
for (const n of [2_000, 20_000]) {
  const oobe = Object.fromEntries(unknown(n).map((k) => [k, 1]));
  measure(`${n} unknown settings (errors)`, () =>
    validateUnattend({ settings: { oobeSystem: { "Microsoft-Windows-Shell-Setup": { OOBE: oobe as never } } } }),
  );
}
{
  const body = unknown(20_000)
    .map((k) => `<${k}>1</${k}>`)
    .join("");
  const xml = `<unattend xmlns="urn:schemas-microsoft-com:unattend"><settings pass="oobeSystem"><component name="Microsoft-Windows-Shell-Setup" processorArchitecture="amd64" publicKeyToken="31bf3856ad364e35" language="neutral" versionScope="nonSxS"><OOBE>${body}</OOBE></component></settings></unattend>`;
  measure("20000 unknown elements in a file (warnings)", () => validateUnattendXml(xml));
}

console.log("refusals:");
const deep = (n: number) => `<unattend xmlns="urn:schemas-microsoft-com:unattend">${"<a>".repeat(n)}${"</a>".repeat(n)}</unattend>`;
for (const n of [10_000, 40_000]) {
  const xml = deep(n);
  measure(`${n} levels deep (refused at 256)`, () => validateUnattendXml(xml));
}
const invalid = Buffer.alloc(2 ** 20, 0xff);
measure("1 MiB of invalid UTF-8", () => validateUnattendXml(invalid));
const huge = Buffer.alloc(50 * 1000 * 1000, 0x20);
measure("50 MB input (over the 16 MiB limit: refused unread)", () => validateUnattendXml(huge));
measure(`the ${(Buffer.byteLength(sixteen) / 2 ** 20).toFixed(1)} MiB file (refused past ${MAX_NODES} elements and attributes)`, () =>
  validateUnattendXml(sixteen),
);
