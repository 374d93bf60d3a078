/**
 * Reading a Windows image's metadata costs what the header and the XML cost,
 * whatever the file's size: readWindowsImage on a 1 GB sparse file with a real
 * header (and an install.wim-sized XML resource at its end), against the same
 * metadata in a 1 MB file. Wall clock (median of runs), bytes read, and the
 * heap's growth over 1000 calls (constant memory: no growth with the size).
 *   npm run build && node --expose-gc build/bench/media.bench.js
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { readWindowsImage } from "../components/pure";
import { WIM_HEADER_SIZE } from "../components/core/media/wim";
import { machine } from "./stats";

/** The XML of an install.wim with 11 editions (about 40 KiB of UTF-16, as Microsoft's are). */
function xmlOf(images: number): string {
  const one = (i: number) =>
    `<IMAGE INDEX="${i}"><DIRCOUNT>100000</DIRCOUNT><FILECOUNT>400000</FILECOUNT><TOTALBYTES>20000000000</TOTALBYTES>` +
    `<CREATIONTIME><HIGHPART>0x01DA0000</HIGHPART><LOWPART>0x00000000</LOWPART></CREATIONTIME>` +
    `<WINDOWS><ARCH>9</ARCH><PRODUCTNAME>Microsoft® Windows® Operating System</PRODUCTNAME><EDITIONID>Edition${i}</EDITIONID>` +
    `<INSTALLATIONTYPE>Client</INSTALLATIONTYPE><SERVICINGDATA><GDRDUREVISION>0</GDRDUREVISION><PKEYCONFIGVERSION>10.0.22621.1</PKEYCONFIGVERSION></SERVICINGDATA>` +
    `<PRODUCTTYPE>WinNT</PRODUCTTYPE><PRODUCTSUITE>Terminal Server</PRODUCTSUITE><LANGUAGES><LANGUAGE>en-US</LANGUAGE><FALLBACK LANGUAGE="en-US">en-US</FALLBACK><DEFAULT>en-US</DEFAULT></LANGUAGES>` +
    `<VERSION><MAJOR>10</MAJOR><MINOR>0</MINOR><BUILD>22631</BUILD><SPBUILD>2861</SPBUILD><SPLEVEL>0</SPLEVEL></VERSION><SYSTEMROOT>WINDOWS</SYSTEMROOT></WINDOWS>` +
    `<NAME>Windows 11 Edition ${i}</NAME><DESCRIPTION>Windows 11 Edition ${i}</DESCRIPTION><FLAGS>Edition${i}</FLAGS>` +
    `<DISPLAYNAME>Windows 11 Edition ${i}</DISPLAYNAME><DISPLAYDESCRIPTION>This edition of Windows number ${i}</DISPLAYDESCRIPTION></IMAGE>`;
  return `<WIM><TOTALBYTES>1000000</TOTALBYTES>${Array.from({ length: images }, (_, i) => one(i + 1)).join("")}</WIM>`;
}

/** A sparse file of `size` bytes: a WIM header at 0, the XML resource at the end. */
function sparseWim(file: string, size: number, xml: string): void {
  const body = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, "utf16le")]);
  const h = Buffer.alloc(WIM_HEADER_SIZE);
  h.write("MSWIM\0\0\0", 0, "latin1");
  h.writeUInt32LE(WIM_HEADER_SIZE, 0x08);
  h.writeUInt32LE(0x10d00, 0x0c);
  h.writeUInt32LE(0x40002, 0x10); // compressed, LZX, as install.wim
  h.writeUInt32LE(32768, 0x14);
  h.writeUInt16LE(1, 0x28);
  h.writeUInt16LE(1, 0x2a);
  h.writeUInt32LE(11, 0x2c);
  h.writeUIntLE(body.length, 0x48, 6);
  h[0x4f] = 0x2;
  const offset = size - body.length;
  h.writeBigUInt64LE(BigInt(offset), 0x50);
  h.writeBigUInt64LE(BigInt(body.length), 0x58);
  const fd = fs.openSync(file, "w");
  try {
    fs.writeSync(fd, h, 0, h.length, 0);
    fs.writeSync(fd, body, 0, body.length, offset);
    fs.ftruncateSync(fd, size);
  } finally {
    fs.closeSync(fd);
  }
}

function median(fn: () => unknown, runs: number): number {
  for (let i = 0; i < 5; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const gc = (global as { gc?: () => void }).gc;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "unattend-media-bench-"));
try {
  const xml = xmlOf(11);
  console.log(`machine: ${machine()}`);
  console.log(`date: ${new Date().toISOString().slice(0, 10)}`);
  console.log(`XML metadata: 11 images, ${((2 + xml.length * 2) / 1024).toFixed(0)} KiB of UTF-16`);
  for (const [label, size] of [
    ["1 MB file", 1_000_000],
    ["1 GB sparse file", 1_000_000_000],
    ["6 GB sparse file", 6_000_000_000],
  ] as const) {
    const file = path.join(dir, `${size}.wim`);
    sparseWim(file, size, xml);
    const check = readWindowsImage(file);
    if (check.images.length !== 11 || check.diagnostics.length !== 0) throw new Error(`${label}: read ${check.images.length} images`);
    const ms = median(() => readWindowsImage(file), 51);
    gc?.();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 1000; i++) readWindowsImage(file);
    gc?.();
    const growth = process.memoryUsage().heapUsed - before;
    console.log(
      `  ${label.padEnd(18)} readWindowsImage ${ms.toFixed(2)} ms (median of 51)   heap after 1000 calls ${growth >= 0 ? "+" : ""}${(growth / 1024).toFixed(0)} KiB${gc ? "" : " (run with --expose-gc)"}`,
    );
    fs.rmSync(file);
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
