// The schema of the source-based package "unattend": @pulumi/pulumi's component analyzer reading
// index.ts, cached in a file keyed by the content of everything it reads, then post-processed
// from the catalog's facts (postProcess): the attribute names Go's code generator cannot take
// renamed (and back, for construct), integer settings typed as integers, credentials as secrets,
// numeric enum members named after their values, and one shared type for each shape that repeats.
// See index.js and docs/languages.md.
"use strict";
const crypto = require("node:crypto");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const pulumi = require("@pulumi/pulumi");
const { UnattendFile } = require("../lib/pulumi/unattendFile");
const { findComponent, findChild, PASSES } = require("../lib/catalog");
const { isConfidentialDef } = require("../lib/core/confidential");

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
  files.push(path.join(root, "components", "catalog", "catalog.json"));
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
    schema: postProcess(generateSchema(NAME, manifest.version, manifest.description, components, typeDefinitions, dependencies)),
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

const TYPE_PREFIX = "#/types/";
const refName = (ref) => (typeof ref === "string" && ref.startsWith(TYPE_PREFIX) ? ref.slice(TYPE_PREFIX.length) : undefined);

/** The analyzer's schema, post-processed from the catalog's facts (each step says why). */
function postProcess(schema) {
  renameAttributes(schema);
  const root = schema.resources?.[`${NAME}:index:UnattendFile`]?.inputProperties?.settings;
  if (root) typeFromCatalog(schema, refName(root.$ref));
  nameNumericMembers(schema);
  shareRepeatedTypes(schema);
  return schema;
}

/**
 * Integers and secrets, from the catalog, walking the schema as the settings nest (pass ->
 * component -> setting -> ...): the analyzer reads TypeScript's `number` as `number` (Go float64)
 * and a password's `string | { Value, PlainText }` as its string side.
 * - A setting whose catalog type is an integer is an `integer` (Go int, Python int); construct
 *   still gets a number, what UnattendFile takes. An enum of whole numbers (an integer with a
 *   small range) stays a `number` enum: Pulumi YAML's type checker (v1.25.0) checks a literal
 *   against the members of a number enum only, and names each member's value anyway.
 * - A setting the confidentiality policy keeps confidential (isConfidentialDef: passwords,
 *   credentials, product keys, ...) is `secret`: SDKs document it so; UnattendFile keeps its
 *   value secret whether or not it came as one, and a secret Output passes as any Input does.
 */
function typeFromCatalog(schema, settingsType) {
  const types = schema.types ?? {};
  const seen = new Set();
  const visitProps = (typeName, parent) => {
    const type = types[typeName];
    const visit = `${typeName}\0${parent.name ?? ""}\0${parent.page ?? ""}`;
    if (!type?.properties || seen.has(visit)) return;
    seen.add(visit);
    for (const [key, prop] of Object.entries(type.properties)) {
      const el = findChild(parent, key)?.el;
      if (el) visitSetting(prop, el);
    }
  };
  // prop: the setting's property; el: its catalog element (a list's: its item, for a list of values)
  const visitSetting = (prop, el) => {
    if (isConfidentialDef(el) && !prop.secret) {
      prop.secret = true;
      // (SDKs make a secret of a resource's own inputs only: UnattendFile does it for settings)
      prop.description = [prop.description, "A credential: kept secret, a plain value as well as a secret one."].filter(Boolean).join("\n");
    }
    const target = prop.type === "array" ? prop.items : prop;
    const nested = refName(target?.$ref);
    if (el.kind === "value" || (el.kind === "item" && el.type)) {
      if (el.type.kind === "integer" && target.type === "number") target.type = "integer";
      return;
    }
    if (!nested) return;
    if (el.kind === "list") {
      if (el.item.type) visitSetting(prop, el.item);
      else visitProps(nested, el.item);
    } else visitProps(nested, el);
  };
  // pass -> component -> settings
  for (const [pass, passProp] of Object.entries(types[settingsType]?.properties ?? {})) {
    if (!PASSES.includes(pass)) continue;
    for (const [componentName, componentProp] of Object.entries(types[refName(passProp.$ref)]?.properties ?? {})) {
      const component = findComponent(componentName);
      const componentType = refName(componentProp.$ref);
      if (component && componentType) visitProps(componentType, component);
    }
  }
}

const ONES = [
  "Zero",
  "One",
  "Two",
  "Three",
  "Four",
  "Five",
  "Six",
  "Seven",
  "Eight",
  "Nine",
  "Ten",
  "Eleven",
  "Twelve",
  "Thirteen",
  "Fourteen",
  "Fifteen",
  "Sixteen",
  "Seventeen",
  "Eighteen",
  "Nineteen",
];
const TENS = ["", "", "Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety"];
const SCALES = [
  [1e12, "Trillion"],
  [1e9, "Billion"],
  [1e6, "Million"],
  [1e3, "Thousand"],
  [100, "Hundred"],
];

/**
 * A whole number in English words, as one identifier: 3 -> Three, 115 -> OneHundredFifteen,
 * -1 -> MinusOne. Pulumi's own code generators name the members 0 to 9 so (Zero ... Nine).
 */
function numberName(n) {
  if (n < 0) return `Minus${numberName(-n)}`;
  if (n < 20) return ONES[n];
  if (n < 100) return TENS[Math.floor(n / 10)] + (n % 10 ? ONES[n % 10] : "");
  for (const [scale, word] of SCALES) {
    if (n >= scale) return numberName(Math.floor(n / scale)) + word + (n % scale ? numberName(n % scale) : "");
  }
  return String(n);
}

/**
 * Enum members whose value is a whole number (the analyzer names them V0, V1, ...: the catalog
 * gives values, not meanings) named after the value in words (Zero, One, ... OneHundred), as
 * Pulumi's code generators name 0 to 9: valid identifiers in every SDK language, unique within
 * their enum (values are), and the same on every run. Other members keep the analyzer's names.
 */
function nameNumericMembers(schema) {
  for (const type of Object.values(schema.types ?? {})) {
    for (const member of type.enum ?? []) {
      const text = String(member.value);
      if (/^-?\d{1,15}$/.test(text)) member.name = numberName(Number(text));
    }
  }
}

/** The JSON of a value with its descriptions left out and its references replaced by keyOf(name). */
function shapeOf(value, keyOf) {
  if (Array.isArray(value)) return value.map((v) => shapeOf(v, keyOf));
  if (value === null || typeof value !== "object") return value;
  const out = {};
  for (const k of Object.keys(value).sort()) {
    if (k === "description") continue;
    const name = k === "$ref" ? refName(value[k]) : undefined;
    out[k] = name ? keyOf(name) : shapeOf(value[k], keyOf);
  }
  return out;
}

/** The common leading items of lists. */
function commonPrefix(lists) {
  const out = [];
  for (let i = 0; lists.every((l) => i < l.length && l[i] === lists[0][i]); i++) out.push(lists[0][i]);
  return out;
}

/** The common leading characters of strings. */
function commonStart(strings) {
  let i = 0;
  while (strings.every((s) => i < s.length && s[i] === strings[0][i])) i++;
  return strings[0].slice(0, i);
}

/**
 * The name of one type standing for several of the same shape (names `Component_Setting_...`),
 * from what their names share: the leading and trailing parts they all have (9 Credentials
 * blocks -> Credentials; DataImage and OSImage's InstallFrom -> Setup_ImageInstall_InstallFrom);
 * else their last parts without a trailing number (SquareTile1...12 -> ..._SquareTile), or the
 * longer of the words those parts start or end with (SquareTile, WideTile -> ..._Tile;
 * PnpCustomizationsWinPE, PnpCustomizationsNonWinPE -> PnpCustomizations); else, for an enum,
 * its values (80 keys of the keyboard filter -> EmbeddedKeyboardFilterService_AllowedOrBlocked;
 * the settings of 41 components that are an integer 0 to 1 -> Int0To1) or, past 3 values, the
 * shared part and Value; else the differing parts joined (TwinUI_specialize_oobeSystem).
 */
function sharedName(names, type) {
  const short = names.map((n) => n.slice(n.lastIndexOf(":") + 1).split("_"));
  const head = commonPrefix(short);
  const tail = commonPrefix(short.map((s) => s.slice(head.length).reverse())).reverse();
  const module = names[0].slice(0, names[0].lastIndexOf(":") + 1);
  const join = (parts) => module + parts.filter(Boolean).join("_");
  if (tail.length > 0) return join([...head, ...tail]);
  const lasts = short.map((s) => s[s.length - 1]);
  const bare = lasts.map((m) => m.replace(/\d+$/, ""));
  if (bare.every((m) => m === bare[0]) && bare[0]) return join([...head, bare[0]]);
  const start = commonStart(bare).match(/^[A-Za-z][a-z0-9]*(?:[A-Z][a-z0-9]+)*(?=[A-Z]|$)/)?.[0] ?? "";
  const ending =
    [...commonStart(bare.map((m) => [...m].reverse().join("")))]
      .reverse()
      .join("")
      .match(/[A-Z][A-Za-z0-9]*$/)?.[0] ?? "";
  const word = start.length >= ending.length ? start : ending;
  if (word.length >= 3) return join([...head, word]);
  if (type.enum) {
    const values = type.enum.map((m) => m.value);
    const int = (n) => (n < 0 ? `Minus${-n}` : String(n));
    const whole = type.type !== "string" && values.every((v) => Number.isInteger(v));
    if (whole && values.every((v, i) => i === 0 || v === values[i - 1] + 1)) {
      return join([...head, `Int${int(values[0])}To${int(values[values.length - 1])}`]);
    }
    if (values.length <= 3) return join([...head, whole ? `Int${values.map(int).join("Or")}` : type.enum.map((m) => m.name).join("Or")]);
    return join(head.length > 0 ? [...head, "Value"] : [`${type.enum[0].name}To${type.enum[values.length - 1].name}`]);
  }
  const middles = short.map((s) => s.slice(head.length).join("_"));
  return join([...head, ...middles]);
}

/**
 * One type for each shape that repeats: types with the same properties (names, types, secrets,
 * required) or the same enum values, however nested, and whatever their descriptions, are one
 * type, named by sharedName (unique: a taken name gets a number). The generated SDKs hold every
 * type several times over (Go: Args, Input, Ptr, Output, Array, ... of each), so the repeats cost
 * more in them than in the schema: a component that is the same in several passes, the
 * Credentials of every command and image, the 80 keys of the keyboard filter, tiles 1 to 12.
 * Settings names stay checked where they are written (a shared type has the same properties).
 * The shared type keeps the first's descriptions, with the passes of every `Valid in:` line.
 */
function shareRepeatedTypes(schema) {
  const types = schema.types ?? {};
  const keys = new Map();
  const keyOf = (name) => {
    if (keys.has(name)) return keys.get(name);
    if (!types[name]) return name;
    keys.set(name, `cycle:${name}`);
    const { description: _d, ...rest } = types[name];
    const key = crypto
      .createHash("sha256")
      .update(JSON.stringify(shapeOf(rest, keyOf)))
      .digest("hex");
    keys.set(name, key);
    return key;
  };
  const groups = new Map();
  for (const name of Object.keys(types)) {
    const key = keyOf(name);
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(name);
  }
  const renamed = new Map();
  const taken = new Set(Object.keys(types));
  for (const names of groups.values()) {
    if (names.length < 2) continue;
    for (const n of names) taken.delete(n);
  }
  for (const names of groups.values()) {
    if (names.length < 2) continue;
    const base = sharedName(names, types[names[0]]);
    let name = base;
    for (let i = 2; taken.has(name); i++) name = `${base}${i}`;
    taken.add(name);
    for (const n of names) renamed.set(n, name);
  }
  if (renamed.size === 0) return;
  const places = new Map();
  for (const [name, target] of renamed) places.set(target, [...(places.get(target) ?? []), name.slice(name.lastIndexOf(":") + 1)]);
  const out = {};
  for (const [name, type] of Object.entries(types)) {
    const target = renamed.get(name) ?? name;
    if (target in out) {
      mergeValidIn(out[target], type);
      continue;
    }
    out[target] = type;
    if (renamed.has(name)) type.description = placesDescription(places.get(target), type.description);
  }
  const rewrite = (value) => {
    if (Array.isArray(value)) return value.forEach(rewrite);
    if (value === null || typeof value !== "object") return;
    const name = refName(value.$ref);
    if (name && renamed.has(name)) value.$ref = TYPE_PREFIX + renamed.get(name);
    for (const v of Object.values(value)) rewrite(v);
  };
  rewrite(out);
  rewrite(schema.resources);
  schema.types = out;
}

/** A shared type's description: the places it stands for (the names they would have had), then its own. */
function placesDescription(names, own) {
  const shown = names.length <= 8 ? names.join(", ") : `${names.slice(0, 6).join(", ")} and ${names.length - 6} more`;
  return [`One type for ${names.length} places of the same shape: ${shown}.`, own].filter(Boolean).join("\n");
}

/** The `Valid in: a, b.` lines of type's property descriptions merged into into's. */
function mergeValidIn(into, type) {
  for (const [key, prop] of Object.entries(into.properties ?? {})) {
    const other = type.properties?.[key]?.description?.match(/^Valid in: (.*)\.$/m)?.[1];
    const mine = prop.description?.match(/^Valid in: (.*)\.$/m)?.[1];
    if (!other || !mine || other === mine) continue;
    const passes = new Set([...mine.split(", "), ...other.split(", ")]);
    prop.description = prop.description.replace(/^Valid in: .*\.$/m, `Valid in: ${PASSES.filter((p) => passes.has(p)).join(", ")}.`);
  }
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
