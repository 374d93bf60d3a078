import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import type { UnattendDocument } from "../components";
import { formatPath } from "../components/core/diagnostics";
import { extraFingerprint } from "../components/core/extras";
import * as path from "node:path";

/** The repository root (tests run from build/tests). */
export const REPO = path.resolve(__dirname, "../..");

export function readRepoFile(rel: string): string {
  return fs.readFileSync(path.join(REPO, rel), "utf8");
}

/**
 * The answer-file schema the tests validate against: vendored (MIT, with its licence and origin in
 * vendor/unattend-schema/), so a clone without ../shared runs every schema check.
 */
export const SCHEMA = path.join(REPO, "vendor", "unattend-schema", "autounattend.xsd");

/** ../shared beside the checkout, when present. */
export function sharedDir(sub: string): string | undefined {
  const dir = path.resolve(REPO, "..", "shared", sub);
  return fs.existsSync(dir) ? dir : undefined;
}

/**
 * Inside a describe(): ../shared/<sub>, or, when it is absent, one test that
 * skips saying why (then the caller returns without declaring its tests).
 */
export function sharedOrSkip(sub: string): string | undefined {
  const dir = sharedDir(sub);
  if (!dir) {
    it(`needs ../shared/${sub}`, function () {
      console.log(`      skipped: ../shared/${sub} is absent (it sits beside the checkout in the project's workspace and CI)`);
      this.skip();
    });
  }
  return dir;
}

/** A deep copy of `value` with every object's keys in the reverse order. */
export function reverseKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reverseKeys) as T;
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).reverse()) out[k] = reverseKeys((value as Record<string, unknown>)[k]);
    return out as T;
  }
  return value;
}

/** A document with its extras by meaning (their layout is xmlbuilder2's once rendered), for round-trip checks. */
export function documentMeaning(doc: UnattendDocument): unknown {
  return { ...doc, extras: doc.extras?.map((e) => ({ ...e, xml: extraFingerprint(e.xml) })) };
}

/** A diagnostic with its path as text (formatPath), for assertions written with paths as JavaScript writes them. */
export function textPath<T extends { path: readonly (string | number)[] }>(d: T): Omit<T, "path"> & { path: string } {
  return { ...d, path: formatPath(d.path) };
}

/**
 * Type-checks (and, per the project's options, builds) a TypeScript project with the repository's compiler:
 * TypeScript 7 (typescript-native), the one compiler of the build and the tests. TypeScript 5.9 (`typescript`)
 * stays installed for its JavaScript API only, which TypeScript 7 does not offer: the language service that
 * editors run (tests/types.test.ts's hovers and completions), typescript-eslint's parser, and @pulumi/pulumi's
 * component analyzer (plugin/: the package schema; @pulumi/pulumi asks for typescript below 7).
 * bench/tsc.bench.ts times both, as users' projects compile with either.
 */
export function tsc(project: string): { status: number | null; stdout: string; stderr: string } {
  const compiler = path.join(REPO, "node_modules", "typescript-native", "bin", "tsc");
  return spawnSync(process.execPath, [compiler, "-p", project], { cwd: REPO, encoding: "utf8" });
}

/** The identity attributes and namespace declarations every `<component>` carries. */
export const COMPONENT_ATTRS =
  'publicKeyToken="31bf3856ad364e35" language="neutral" versionScope="nonSxS" xmlns:wcm="http://schemas.microsoft.com/WMIConfig/2002/State" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';

/** A one-component answer file: `body` (lines of XML) inside `<component name=component>` in `pass`. */
export function oneComponentFile(pass: string, component: string, body: string, arch = "amd64"): string {
  return [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<unattend xmlns="urn:schemas-microsoft-com:unattend">`,
    `    <settings pass="${pass}">`,
    `        <component name="${component}" processorArchitecture="${arch}" ${COMPONENT_ATTRS}>`,
    body,
    `        </component>`,
    `    </settings>`,
    `</unattend>`,
    ``,
  ].join("\n");
}

/** A fenced code block of a Markdown file. */
export interface CodeBlock {
  file: string;
  line: number;
  lang: string;
  code: string;
}

/** The fenced code blocks of a Markdown text, with their language and first line. */
export function codeBlocks(file: string, text: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)\s*$/.exec(lines[i]);
    if (!open) continue;
    const start = i;
    let j = i + 1;
    while (j < lines.length && lines[j] !== "```") j++;
    if (j === lines.length) throw new Error(`${file}:${start + 1}: a code block that is never closed`);
    blocks.push({ file, line: start + 1, lang: open[1], code: lines.slice(start + 1, j).join("\n") + "\n" });
    i = j;
  }
  return blocks;
}
