/**
 * Structural self-check of a catalog against the contract in
 * components/catalog/types.ts. Returns a list of problems (empty = good).
 * Runs on the parsed JSON, so it also catches anything JSON.stringify
 * would have dropped or reshaped.
 */
import { PASSES } from "../../components/catalog/types";
import { MAX_SUMMARY } from "./summary";

type Json = Record<string, unknown>;

/** Component order: case-insensitive, then by code point (locale-independent, so stable everywhere). */
export function compareNames(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x !== y) return x < y ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

const XML_NAME = /^[A-Za-z_][\w.-]*$/;
const BASE_KEYS = ["name", "page", "summary", "passes", "deprecated", "kind", "sensitive", "confidential"];
const KEYS: Record<string, string[]> = {
  value: [...BASE_KEYS, "type", "default", "allowEmpty", "emptyMeaning"],
  container: [...BASE_KEYS, "children"],
  list: [...BASE_KEYS, "item"],
  item: [...BASE_KEYS, "key", "children", "type"],
  password: [...BASE_KEYS, "suffix", "emptyMeaning"],
};

function checkLine(v: unknown, where: string, errs: string[]) {
  if (typeof v !== "string" || !v.trim() || /\n/.test(v) || v.length > 200)
    errs.push(`${where} must be one non-empty line of at most 200 characters`);
}

function isObj(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function checkPasses(v: unknown, where: string, errs: string[]): string[] | undefined {
  if (!Array.isArray(v)) {
    errs.push(`${where}: passes must be an array`);
    return undefined;
  }
  if (!v.length) errs.push(`${where}: passes is empty`);
  let last = -1;
  for (const p of v) {
    const i = (PASSES as readonly unknown[]).indexOf(p);
    if (i < 0) errs.push(`${where}: unknown pass ${JSON.stringify(p)}`);
    else if (i <= last) errs.push(`${where}: passes not in canonical order or duplicated`);
    last = i;
  }
  return v as string[];
}

function checkType(t: unknown, where: string, errs: string[]) {
  if (!isObj(t)) return errs.push(`${where}: type must be an object`);
  const extra = (allowed: string[]) => {
    for (const k of Object.keys(t)) if (!allowed.includes(k)) errs.push(`${where}: type has unexpected field ${k}`);
  };
  switch (t.kind) {
    case "boolean":
      extra(["kind"]);
      break;
    case "integer":
      extra(["kind", "min", "max"]);
      for (const k of ["min", "max"]) if (k in t && !Number.isInteger(t[k])) errs.push(`${where}: integer ${k} must be an integer`);
      if (typeof t.min === "number" && typeof t.max === "number" && t.min > t.max) errs.push(`${where}: min > max`);
      break;
    case "enum":
      extra(["kind", "values", "caseInsensitive"]);
      if (!Array.isArray(t.values) || !t.values.length || !t.values.every((x) => typeof x === "string" && x !== ""))
        errs.push(`${where}: enum values must be non-empty strings`);
      else if (new Set(t.values).size !== t.values.length) errs.push(`${where}: duplicate enum values`);
      if ("caseInsensitive" in t && t.caseInsensitive !== true) errs.push(`${where}: caseInsensitive must be true when present`);
      break;
    case "string":
      extra(["kind", "maxLength", "pattern", "patternHint"]);
      if ("maxLength" in t && (!Number.isInteger(t.maxLength) || (t.maxLength as number) <= 0)) errs.push(`${where}: bad maxLength`);
      if ("pattern" in t && typeof t.pattern !== "string") errs.push(`${where}: bad pattern`);
      if ("patternHint" in t && (typeof t.patternHint !== "string" || !("pattern" in t))) errs.push(`${where}: patternHint without pattern`);
      break;
    default:
      errs.push(`${where}: unknown type kind ${JSON.stringify(t.kind)}`);
  }
}

function fitsType(v: string, t: Json): boolean {
  switch (t.kind) {
    case "boolean":
      return v === "true" || v === "false";
    case "integer":
      return /^-?\d+$/.test(v) && (typeof t.min !== "number" || Number(v) >= t.min) && (typeof t.max !== "number" || Number(v) <= t.max);
    case "enum":
      return (t.values as string[]).includes(v);
    case "string":
      return typeof t.maxLength !== "number" || v.length <= t.maxLength;
  }
  return false;
}

function checkElement(e: unknown, where: string, errs: string[], opts: CheckOptions, top: boolean, count: { n: number }) {
  count.n++;
  if (!isObj(e)) return errs.push(`${where}: element must be an object`);
  const at = `${where}/${String(e.name)}`;
  const kind = e.kind as string;
  if (!(kind in KEYS)) return errs.push(`${at}: unknown kind ${JSON.stringify(kind)}`);
  for (const k of Object.keys(e)) if (!KEYS[kind].includes(k)) errs.push(`${at}: unexpected field ${k} for kind ${kind}`);
  if (typeof e.name !== "string" || !XML_NAME.test(e.name)) errs.push(`${at}: name must be an XML name`);
  if (typeof e.page !== "string" || !/^[a-z0-9-]+$/.test(e.page)) errs.push(`${at}: bad page ${JSON.stringify(e.page)}`);
  else if (opts.pages && !opts.pages.has(e.page)) errs.push(`${at}: page ${e.page} not in the reference`);
  if (typeof e.summary !== "string" || !e.summary.trim() || e.summary.length > MAX_SUMMARY || /\n/.test(e.summary))
    errs.push(`${at}: summary must be one non-empty line of at most ${MAX_SUMMARY} characters`);
  if ("deprecated" in e && e.deprecated !== true) errs.push(`${at}: deprecated must be true when present`);
  if ("sensitive" in e) {
    if (e.sensitive !== true) errs.push(`${at}: sensitive must be true when present`);
    if (!["value", "password", "item"].includes(kind)) errs.push(`${at}: only a value can be sensitive`);
    if ("confidential" in e) errs.push(`${at}: sensitive and confidential are exclusive`);
  }
  if ("confidential" in e) {
    if (e.confidential !== "value" && e.confidential !== "key") errs.push(`${at}: confidential must be "value" or "key"`);
    if (e.confidential === "key" && !(kind === "item" && isObj(e.key) && e.key.kind === "keyValue"))
      errs.push(`${at}: confidential "key" needs items keyed by wcm:keyValue`);
  }
  if ("emptyMeaning" in e) {
    checkLine(e.emptyMeaning, `${at}: emptyMeaning`, errs);
    if (kind === "value" && e.allowEmpty !== true) errs.push(`${at}: emptyMeaning without allowEmpty`);
  }
  if (top && !("passes" in e)) errs.push(`${at}: top-level setting without passes`);
  if ("passes" in e) checkPasses(e.passes, at, errs);
  const kids = (list: unknown, w: string) => {
    if (!Array.isArray(list) || !list.length) return errs.push(`${w}: children must be a non-empty array`);
    const names = new Set<string>();
    for (const c of list) {
      const nm = isObj(c) ? String(c.name) : "?";
      if (names.has(nm)) errs.push(`${w}: duplicate child name ${nm}`);
      names.add(nm);
      checkElement(c, w, errs, opts, false, count);
    }
  };
  switch (kind) {
    case "value":
      checkType(e.type, at, errs);
      if ("default" in e) {
        if (typeof e.default !== "string") errs.push(`${at}: default must be a string`);
        else if (isObj(e.type) && !fitsType(e.default, e.type)) errs.push(`${at}: default ${e.default} does not fit the type`);
      }
      if ("allowEmpty" in e && typeof e.allowEmpty !== "boolean") errs.push(`${at}: allowEmpty must be boolean`);
      break;
    case "container":
      kids(e.children, at);
      break;
    case "list": {
      const it = e.item;
      if (!isObj(it) || it.kind !== "item") errs.push(`${at}: list item must be an element of kind item`);
      else checkElement(it, at, errs, opts, false, count);
      break;
    }
    case "item": {
      const hasKids = "children" in e;
      const hasType = "type" in e;
      if (hasKids === hasType) errs.push(`${at}: item needs exactly one of children / type`);
      if (hasKids) kids(e.children, at);
      if (hasType) checkType(e.type, at, errs);
      if ("key" in e) {
        const k = e.key;
        if (!isObj(k)) errs.push(`${at}: bad key`);
        else if (k.kind === "keyValue") {
          if (Object.keys(k).length !== 1) errs.push(`${at}: keyValue key takes no other fields`);
        } else if (k.kind === "child") {
          const extra = Object.keys(k).filter((x) => !["kind", "name", "min", "max", "width"].includes(x));
          if (typeof k.name !== "string" || extra.length) errs.push(`${at}: child key needs a name (and only min, max, width besides)`);
          else if (hasKids && !(e.children as Json[]).some((c) => c.name === k.name)) errs.push(`${at}: key child ${k.name} is not a child`);
          for (const f of ["min", "max", "width"]) if (f in k && !Number.isInteger(k[f])) errs.push(`${at}: key ${f} must be an integer`);
          if (typeof k.min === "number" && typeof k.max === "number" && k.min > k.max) errs.push(`${at}: key min > max`);
          if ("width" in k) {
            if (typeof k.width !== "number" || k.width < 1) errs.push(`${at}: key width must be positive`);
            else if (typeof k.max !== "number" || String(k.max).length > k.width) errs.push(`${at}: key width needs a max that fits in it`);
          }
        } else errs.push(`${at}: unknown key kind`);
      }
      break;
    }
    case "password":
      if (typeof e.suffix !== "string" || !e.suffix) errs.push(`${at}: password needs a suffix`);
      break;
  }
}

export interface CheckOptions {
  /** Known page stems, to verify links. */
  pages?: Set<string>;
}

export function checkCatalog(cat: unknown, opts: CheckOptions = {}): { errors: string[]; elements: number } {
  const errs: string[] = [];
  const count = { n: 0 };
  if (!isObj(cat)) return { errors: ["catalog must be an object"], elements: 0 };
  for (const k of Object.keys(cat)) if (!["source", "components"].includes(k)) errs.push(`catalog: unexpected field ${k}`);
  if (typeof cat.source !== "string" || !cat.source) errs.push("catalog: source must be a non-empty string");
  if (!Array.isArray(cat.components) || !cat.components.length) {
    errs.push("catalog: components must be a non-empty array");
    return { errors: errs, elements: 0 };
  }
  const names: string[] = [];
  for (const c of cat.components) {
    if (!isObj(c)) {
      errs.push("component must be an object");
      continue;
    }
    const at = String(c.name);
    for (const k of Object.keys(c))
      if (!["name", "page", "summary", "passes", "deprecated", "caseVariants", "settings"].includes(k)) errs.push(`${at}: unexpected field ${k}`);
    if ("caseVariants" in c) {
      const v = c.caseVariants;
      if (!Array.isArray(v) || !v.length) errs.push(`${at}: caseVariants must be a non-empty array`);
      else {
        const name = String(c.name);
        for (const x of v)
          if (typeof x !== "string" || x === name || x.toLowerCase() !== name.toLowerCase() || !XML_NAME.test(x))
            errs.push(`${at}: bad case variant ${JSON.stringify(x)}`);
        if ([...v].sort().join("\n") !== v.join("\n") || new Set(v).size !== v.length) errs.push(`${at}: caseVariants must be sorted and unique`);
      }
    }
    if (typeof c.name !== "string" || !XML_NAME.test(c.name)) errs.push(`${at}: bad component name`);
    names.push(String(c.name));
    if (typeof c.page !== "string" || (opts.pages && !opts.pages.has(c.page))) errs.push(`${at}: bad page`);
    if (typeof c.summary !== "string" || !c.summary || c.summary.length > MAX_SUMMARY) errs.push(`${at}: bad summary`);
    if ("deprecated" in c && c.deprecated !== true) errs.push(`${at}: deprecated must be true when present`);
    const passes = checkPasses(c.passes, at, errs) ?? [];
    if (!Array.isArray(c.settings) || !c.settings.length) {
      errs.push(`${at}: settings must be a non-empty array`);
      continue;
    }
    const seen = new Set<string>();
    const union = new Set<string>();
    for (const s of c.settings) {
      if (isObj(s)) {
        if (seen.has(String(s.name))) errs.push(`${at}: duplicate setting ${String(s.name)}`);
        seen.add(String(s.name));
        if (Array.isArray(s.passes)) s.passes.forEach((p) => union.add(p as string));
      }
      checkElement(s, at, errs, opts, true, count);
    }
    const expected = PASSES.filter((p) => union.has(p));
    if (expected.join() !== passes.join()) errs.push(`${at}: passes ${passes.join(",")} are not the union of its settings' (${expected.join(",")})`);
  }
  const sorted = [...names].sort(compareNames);
  if (sorted.join("\n") !== names.join("\n")) errs.push("components are not sorted by name");
  if (new Set(names.map((n) => n.toLowerCase())).size !== names.length) errs.push("duplicate component names");
  return { errors: errs, elements: count.n };
}
