/**
 * Running the examples from the build: they import "pulumi-unattend" as a
 * user's program does, which TypeScript resolves through tsconfig's `paths`
 * but Node cannot. linkPackage() makes build/node_modules/pulumi-unattend a
 * one-line module that re-exports build/components, so that
 * `require("../examples/golden-image/...")` works in tests. Also: the
 * answer-file schema check that the block and example tests share.
 */
import { expect } from "chai";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO, SCHEMA } from "./helpers";

/** Makes `require("pulumi-unattend")` from build/ load build/components (idempotent). */
export function linkPackage(): void {
  const dir = path.join(REPO, "build", "node_modules", "pulumi-unattend");
  fs.mkdirSync(dir, { recursive: true });
  const files: Record<string, string> = {
    "package.json": JSON.stringify({ name: "pulumi-unattend", private: true, main: "index.js" }) + "\n",
    "index.js": '// made by tests/blocks.examples.ts: the package, as built in build/components\nmodule.exports = require("../../components");\n',
  };
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dir, name);
    if (!fs.existsSync(file) || fs.readFileSync(file, "utf8") !== text) fs.writeFileSync(file, text);
  }
}

/** The compiled example module `examples/<rel>` (fresh: its top-level code runs again). */
export function requireExample<T>(rel: string): T {
  linkPackage();
  const file = require.resolve(path.join(REPO, "build", "examples", rel));
  delete require.cache[file];
  return require(file) as T;
}

function xmllintSchema(): { xsd: string } | { skip: string } {
  const probe = spawnSync("xmllint", ["--version"], { encoding: "utf8" });
  if (probe.error) return { skip: "xmllint is not installed (Debian/Ubuntu: apt-get install libxml2-utils)" };
  return { xsd: SCHEMA };
}

/** Checks an answer file against vendor/unattend-schema/autounattend.xsd with xmllint, or skips the test saying why. */
export function checkSchema(ctx: Mocha.Context, xml: string): void {
  const lint = xmllintSchema();
  if ("skip" in lint) {
    console.log(`      skipped: ${lint.skip}`);
    ctx.skip();
  }
  const r = spawnSync("xmllint", ["--noout", "--schema", (lint as { xsd: string }).xsd, "-"], { input: xml, encoding: "utf8" });
  expect(r.status, r.stderr).to.equal(0);
  expect(r.stderr).to.match(/- validates/);
}
