// The schema of the source-based package "unattend": @pulumi/pulumi's component analyzer reading
// index.ts, cached in a file keyed by the content of everything it reads, with the attribute names
// Go's code generator cannot take renamed (and back, for construct). See index.js.
"use strict";
const crypto = require("node:crypto");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const pulumi = require("@pulumi/pulumi");
const { UnattendFile } = require("../lib/pulumi/unattendFile");

const NAME = "unattend";
const manifest = require("./package.json");
const COMPONENTS = { UnattendFile };

/** The files whose content decides the schema: the analyzer's inputs, the analyzer itself, and this file. */
function schemaInputs() {
  const root = path.resolve(__dirname, "..");
  const files = [
    path.join(__dirname, "index.js"),
    path.join(__dirname, "schema.js"),
    path.join(__dirname, "index.ts"),
    path.join(__dirname, "tsconfig.json"),
    path.join(__dirname, "package.json"),
    path.join(root, "tsconfig.json"),
    require.resolve("@pulumi/pulumi/package.json"),
  ];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".ts")) files.push(p);
    }
  };
  walk(path.join(root, "components"));
  return files;
}

/** { schema, outputs: { Component: [output names] } }: the analysis, from the cache when it is there. */
function analysis() {
  const hash = crypto.createHash("sha256");
  for (const f of schemaInputs()) hash.update(f).update("\0").update(fs.readFileSync(f)).update("\0");
  const cacheFile = path.join(os.tmpdir(), `pulumi-unattend-schema-${hash.digest("hex").slice(0, 32)}.json`);
  try {
    return JSON.parse(fs.readFileSync(cacheFile, "utf8"));
  } catch {
    // not analysed yet
  }
  const { Analyzer } = require("@pulumi/pulumi/provider/experimental/analyzer");
  const { generateSchema } = require("@pulumi/pulumi/provider/experimental/schema");
  const analyzer = new Analyzer(__dirname, NAME, manifest, new Set(Object.keys(COMPONENTS)));
  const { components, typeDefinitions, dependencies } = analyzer.analyze();
  const result = {
    schema: renameAttributes(generateSchema(NAME, manifest.version, manifest.description, components, typeDefinitions, dependencies)),
    outputs: Object.fromEntries(Object.entries(components).map(([name, c]) => [name, Object.keys(c.outputs)])),
  };
  try {
    const tmp = `${cacheFile}.${process.pid}`;
    fs.writeFileSync(tmp, JSON.stringify(result));
    fs.renameSync(tmp, cacheFile);
  } catch {
    // a cache we cannot write costs time only
  }
  return result;
}

/** Schema property names for the attributes of list items, and back. */
const RENAMED = { "wcm:action": "wcmAction", "wcm:keyValue": "wcmKeyValue" };
const ORIGINAL = Object.fromEntries(Object.entries(RENAMED).map(([a, b]) => [b, a]));

function renameAttributes(schema) {
  for (const type of Object.values(schema.types ?? {})) {
    if (!type.properties) continue;
    const renamed = {};
    for (const [key, prop] of Object.entries(type.properties)) {
      renamed[RENAMED[key] ?? key] = RENAMED[key] ? { ...prop, description: `${prop.description ?? ""}\n(The ${key} attribute.)`.trim() } : prop;
    }
    type.properties = renamed;
    if (type.required) type.required = type.required.map((k) => RENAMED[k] ?? k);
  }
  return schema;
}

/** The inputs with the renamed attributes under their own names again, through plain objects, arrays and Outputs. */
function originalNames(value) {
  if (pulumi.Output.isInstance(value)) return value.apply(originalNames);
  if (Array.isArray(value)) return value.map(originalNames);
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [ORIGINAL[k] ?? k, originalNames(v)]));
  }
  return value;
}

let cached;
/** The analysis, once per process. */
const analysed = () => (cached ??= analysis());

module.exports = { NAME, COMPONENTS, manifest, analysed, originalNames };
