/**
 * The independent check of what we write: vendor/unattend-schema/autounattend.xsd
 * (the answer file's outer structure), with xmllint (libxml2-utils) and, since
 * xmllint misses order errors inside xsd:any, a strict second validator
 * (Debian's python3-xmlschema, run with /usr/bin/python3). Documents are
 * checked in one batch per validator. `.ci/run` installs both when missing.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { SCHEMA } from "./helpers";

export interface SchemaResult {
  /** Why nothing was checked (xmllint absent). */
  skipped?: string;
  /** Validators that ran. */
  validators: string[];
  /** Documents that failed, by name, with the validator's message. */
  failures: { name: string; validator: string; message: string }[];
}

const PYTHON = "/usr/bin/python3";
const STRICT = `
import json, sys
import xmlschema
schema = xmlschema.XMLSchema(sys.argv[1])
out = {}
for f in sys.argv[2:]:
    errors = [str(e).split("\\n")[0] for e in schema.iter_errors(f)]
    if errors:
        out[f] = errors[0]
print(json.dumps(out))
`;

function hasXmlschema(): boolean {
  if (!fs.existsSync(PYTHON)) return false;
  return spawnSync(PYTHON, ["-c", "import xmlschema"], { encoding: "utf8" }).status === 0;
}

/** Validates documents (name -> XML text) against the schema. */
export function checkSchema(docs: { name: string; xml: string }[]): SchemaResult {
  const xsd = SCHEMA;
  const xmllint = spawnSync("xmllint", ["--version"], { encoding: "utf8" });
  if (xmllint.error) return { skipped: "xmllint is not installed (Debian: libxml2-utils)", validators: [], failures: [] };
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "unattend-schema-"));
  try {
    const files = docs.map((d, i) => {
      const file = path.join(tmp, `${i}.xml`);
      fs.writeFileSync(file, d.xml);
      return file;
    });
    const byFile = new Map(files.map((f, i) => [f, docs[i].name]));
    const failures: SchemaResult["failures"] = [];
    const validators = ["xmllint"];
    for (let i = 0; i < files.length; i += 500) {
      const batch = files.slice(i, i + 500);
      const r = spawnSync("xmllint", ["--noout", "--schema", xsd, ...batch], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
      for (const line of r.stderr.split("\n")) {
        const m = /^(\S+?\.xml)(?::\d+:)? (.*)$/.exec(line);
        if (!m || /validates$/.test(line) || !byFile.has(m[1])) continue;
        if (/fails to validate$/.test(line) && failures.some((f) => f.name === byFile.get(m[1]) && f.validator === "xmllint")) continue;
        failures.push({ name: byFile.get(m[1])!, validator: "xmllint", message: m[2] });
      }
    }
    if (hasXmlschema()) {
      validators.push("xmlschema");
      for (let i = 0; i < files.length; i += 500) {
        const r = spawnSync(PYTHON, ["-c", STRICT, xsd, ...files.slice(i, i + 500)], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
        if (r.status !== 0) throw new Error(`xmlschema failed: ${r.stderr}`);
        for (const [f, message] of Object.entries(JSON.parse(r.stdout) as Record<string, string>)) {
          failures.push({ name: byFile.get(f)!, validator: "xmlschema", message });
        }
      }
    }
    return { validators, failures };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** Inside a test: fails with every failure, or skips saying why. */
export function expectSchemaValid(ctx: Mocha.Context, docs: { name: string; xml: string }[]): void {
  const r = checkSchema(docs);
  if (r.skipped) {
    console.log(`      skipped: ${r.skipped}`);
    ctx.skip();
  }
  if (!r.validators.includes("xmlschema")) console.log("      (python3-xmlschema is not installed: checked with xmllint only)");
  if (r.failures.length > 0) {
    throw new Error(
      `${r.failures.length} schema failure(s):\n${r.failures
        .slice(0, 20)
        .map((f) => `  ${f.name} [${f.validator}]: ${f.message}`)
        .join("\n")}`,
    );
  }
  console.log(`      ${docs.length} document(s) valid against autounattend.xsd (${r.validators.join(" and ")})`);
}
