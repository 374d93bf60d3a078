/**
 * Real Windows image files for the media tests, built with wimlib (Debian's
 * wimtools; .ci/run installs it) from small folders, once per test run, in a
 * temporary folder: several images with names in other languages and set
 * architectures, editions, languages and builds; a solid .esd; a split .swm.
 */
import { spawnSync } from "node:child_process";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { WIM_HEADER_SIZE } from "../components/core/media/wim";

export interface BuiltImages {
  dir: string;
  /** Four images: amd64 Pro (en-US), amd64 Éducation (fr-FR, de-DE), arm64 家庭版 (zh-CN), x86 Корпоративная (ru-RU). */
  multi: string;
  /** The same images, solid (wimlib --solid: LZMS, version 0xe00, as Microsoft's .esd). */
  esd: string;
  /** The first part of a split WIM of one amd64 image (install.swm, install2.swm, ...). */
  swm: string;
  /** Its second part. */
  swm2: string;
  /** One image, no Windows properties at all (a data image). */
  bare: string;
}

export const IMAGES = [
  {
    name: "Windows 11 Pro",
    description: "Windows 11 Pro",
    props: {
      "WINDOWS/ARCH": "9",
      "WINDOWS/EDITIONID": "Professional",
      "WINDOWS/LANGUAGES/LANGUAGE": "en-US",
      "WINDOWS/LANGUAGES/DEFAULT": "en-US",
      "WINDOWS/VERSION/MAJOR": "10",
      "WINDOWS/VERSION/MINOR": "0",
      "WINDOWS/VERSION/BUILD": "22631",
      DISPLAYNAME: "Windows 11 Pro",
      FLAGS: "Professional",
    },
  },
  {
    name: "Windows 11 Éducation",
    description: "Windows 11 Éducation (français)",
    props: {
      "WINDOWS/ARCH": "9",
      "WINDOWS/EDITIONID": "Education",
      "WINDOWS/LANGUAGES/LANGUAGE": "fr-FR",
      "WINDOWS/LANGUAGES/DEFAULT": "fr-FR",
      "WINDOWS/VERSION/BUILD": "22631",
      DISPLAYNAME: "Windows 11 Éducation",
    },
  },
  {
    name: "Windows 11 家庭版",
    description: "Windows 11 家庭版",
    props: {
      "WINDOWS/ARCH": "12",
      "WINDOWS/EDITIONID": "Core",
      "WINDOWS/LANGUAGES/LANGUAGE": "zh-CN",
      "WINDOWS/LANGUAGES/DEFAULT": "zh-CN",
      "WINDOWS/VERSION/BUILD": "26100",
    },
  },
  {
    name: "Windows 10 Корпоративная",
    description: "Windows 10 Корпоративная LTSC",
    props: {
      "WINDOWS/ARCH": "0",
      "WINDOWS/EDITIONID": "EnterpriseS",
      "WINDOWS/LANGUAGES/LANGUAGE": "ru-RU",
      "WINDOWS/LANGUAGES/DEFAULT": "ru-RU",
      "WINDOWS/VERSION/BUILD": "17763",
    },
  },
];

/** Whether wimlib's tools are installed, or why not. */
export function wimlibMissing(): string | undefined {
  const r = spawnSync("wimlib-imagex", ["--version"], { encoding: "utf8" });
  return r.error || r.status !== 0 ? "wimlib-imagex is not installed (Debian: apt-get install wimtools; .ci/run installs it)" : undefined;
}

/** In a `before` hook: skips the suite, saying why, when wimlib's tools are not installed. */
export function skipWithoutWimlib(ctx: Mocha.Context): void {
  const missing = wimlibMissing();
  if (missing) {
    console.log(`      skipped: ${missing}`);
    ctx.skip();
  }
}

function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: "utf8" });
  if (r.error || r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed: ${r.error?.message ?? r.stderr}`);
  return r.stdout;
}

let built: BuiltImages | undefined;

/** Builds the images once (about a second). */
export function buildImages(): BuiltImages {
  if (built) return built;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "unattend-media-"));
  process.on("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
  const multi = path.join(dir, "install.wim");
  IMAGES.forEach((image, i) => {
    const src = path.join(dir, `src${i}`);
    fs.mkdirSync(path.join(src, "Windows", "System32"), { recursive: true });
    fs.writeFileSync(path.join(src, "Windows", "System32", "hello.txt"), `${image.name}\n`);
    run("wimlib-imagex", [i === 0 ? "capture" : "append", src, multi, image.name, image.description]);
    const props = Object.entries(image.props).flatMap(([k, v]) => ["--image-property", `${k}=${v}`]);
    run("wiminfo", [multi, String(i + 1), ...props]);
  });
  const esd = path.join(dir, "install.esd");
  run("wimlib-imagex", ["export", multi, "all", esd, "--solid"]);
  // a split WIM: an incompressible file larger than the 1 MiB parts
  const big = path.join(dir, "big");
  fs.mkdirSync(big);
  fs.writeFileSync(path.join(big, "data.bin"), crypto.randomBytes(3 * 1024 * 1024));
  const whole = path.join(dir, "big.wim");
  run("wimlib-imagex", ["capture", big, whole, "Windows Server 2022 SERVERDATACENTER", "--compress=none"]);
  run("wiminfo", [
    whole,
    "1",
    "--image-property",
    "WINDOWS/ARCH=9",
    "--image-property",
    "WINDOWS/EDITIONID=ServerDatacenter",
    "--image-property",
    "WINDOWS/LANGUAGES/LANGUAGE=en-US",
  ]);
  const swm = path.join(dir, "install.swm");
  run("wimlib-imagex", ["split", whole, swm, "1"]);
  const bare = path.join(dir, "data.wim");
  run("wimlib-imagex", ["capture", path.join(dir, "src0"), bare, "Data"]);
  built = { dir, multi, esd, swm, swm2: path.join(dir, "install2.swm"), bare };
  return built;
}

/** wiminfo --xml FILE: the XML metadata as wimlib reads it (UTF-16LE with BOM) -> text. */
export function wiminfoXml(file: string): string {
  const r = spawnSync("wiminfo", ["--xml", file]);
  if (r.error || r.status !== 0) throw new Error(`wiminfo --xml ${file} failed`);
  return new TextDecoder("utf-16le").decode(r.stdout);
}

/** wiminfo FILE: wimlib's own listing, field -> value per image. */
export function wiminfoImages(file: string): Record<string, string>[] {
  const out = run("wiminfo", [file]);
  const images: Record<string, string>[] = [];
  let current: Record<string, string> | undefined;
  for (const line of out.split("\n")) {
    const m = /^([A-Za-z][A-Za-z ]*?):\s*(.*)$/.exec(line);
    if (!m) continue;
    if (m[1] === "Index") images.push((current = {}));
    if (current) current[m[1]] = m[2].trim();
  }
  return images;
}

/** A WIM header (208 bytes) followed by `xml` (UTF-16LE with BOM, uncompressed), fields overridable. */
export function handMadeWim(
  xml: string | Buffer,
  o: { magic?: string; headerSize?: number; xmlFlags?: number; xmlOffset?: number; xmlSize?: number; imageCount?: number; padding?: number } = {},
): Buffer {
  const body = typeof xml === "string" ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, "utf16le")]) : xml;
  const h = Buffer.alloc(WIM_HEADER_SIZE);
  h.write(o.magic ?? "MSWIM\0\0\0", 0, "latin1");
  h.writeUInt32LE(o.headerSize ?? WIM_HEADER_SIZE, 0x08);
  h.writeUInt32LE(0x10d00, 0x0c);
  h.writeUInt16LE(1, 0x28);
  h.writeUInt16LE(1, 0x2a);
  h.writeUInt32LE(o.imageCount ?? 1, 0x2c);
  const size = o.xmlSize ?? body.length;
  h.writeUIntLE(size % 2 ** 48, 0x48, 6);
  h[0x4e] = Math.floor(size / 2 ** 48);
  h[0x4f] = o.xmlFlags ?? 0x2;
  const padding = o.padding ?? 0;
  h.writeBigUInt64LE(BigInt(o.xmlOffset ?? WIM_HEADER_SIZE + padding), 0x50);
  h.writeBigUInt64LE(BigInt(size), 0x58);
  return Buffer.concat([h, Buffer.alloc(padding), body]);
}
