/**
 * Normalised tree -> diagnostics. Pure: reads the catalog, never throws, and
 * reports every problem (not the first only), each with the path of the
 * offending input, what is wrong and what would be valid.
 */
import {
  ARCHITECTURES,
  PASSES,
  childElements,
  componentNames,
  pageUrl,
  type CatalogComponent,
  type Element,
  type ValueType,
} from "./catalog";
import { SaxesParser } from "saxes";
import type { ComponentNode, Diagnostic, NormalDocument, SettingNode } from "./model";
import { describe, isPlainObject } from "./normalize";
import { didYouMean, listOf } from "./suggest";

/** Integer ranges up to this size are listed value by value in messages. */
const LIST_RANGE_UP_TO = 10;

export function validateDocument(doc: NormalDocument): Diagnostic[] {
  const out: Diagnostic[] = [...doc.diagnostics];
  validateArchitectures(doc.architectures, out);

  doc.extras.forEach((e) => {
    const problem = extraProblem(e.xml);
    if (problem) {
      out.push({
        severity: "error",
        path: e.path,
        code: "invalid-extra",
        message: `Not one well-formed XML element: ${problem}. Give a single element that declares the namespace prefixes it uses.`,
      });
    }
  });

  if (doc.components.length === 0 && doc.extras.length === 0 && !out.some((d) => d.path === "settings")) {
    out.push({
      severity: "error",
      path: "settings",
      code: "empty-document",
      message: `The answer file has no settings. Add at least one, e.g. settings.generalize["Microsoft-Windows-WorkstationService"].AllowInsecureGuestAuth = 0.`,
    });
  }

  const seen = new Set<string>();
  const validated = new Set<string>();
  for (const c of doc.components) {
    const id = `${c.pass}\u0000${c.name}\u0000${c.architecture}`;
    if (seen.has(id)) {
      out.push({
        severity: "error",
        path: c.path,
        code: "duplicate-component",
        message: `Component "${c.name}" is declared twice in pass ${c.pass} for architecture ${c.architecture}; Windows Setup rejects duplicated components. Merge the two.`,
      });
      continue;
    }
    seen.add(id);
    // The same settings are repeated once per architecture: check them once.
    if (validated.has(c.path)) continue;
    validated.add(c.path);
    validateComponent(c, out);
  }
  return out;
}

function validateArchitectures(architectures: string[], out: Diagnostic[]) {
  if (architectures.length === 0) {
    out.push({
      severity: "error",
      path: "architectures",
      code: "empty-architectures",
      message: `No architecture given. Valid: ${listOf(ARCHITECTURES)} (default ["amd64"]).`,
    });
  }
  const seen = new Set<string>();
  for (const a of architectures) {
    if (!(ARCHITECTURES as readonly string[]).includes(a)) {
      out.push({
        severity: "error",
        path: "architectures",
        code: "unknown-architecture",
        message: `Unknown architecture "${a}". Valid: ${listOf(ARCHITECTURES)}.${didYouMean(a, ARCHITECTURES)}`,
      });
    } else if (seen.has(a)) {
      out.push({
        severity: "error",
        path: "architectures",
        code: "duplicate-architecture",
        message: `Architecture "${a}" is listed more than once; each architecture gets one <component>, so list it once.`,
      });
    }
    seen.add(a);
  }
}

function validateComponent(c: ComponentNode, out: Diagnostic[]) {
  if (!(PASSES as readonly string[]).includes(c.pass)) {
    out.push({
      severity: "error",
      path: c.path.slice(0, c.path.lastIndexOf("[")),
      code: "unknown-pass",
      message: `Unknown configuration pass "${c.pass}". Valid: ${listOf(PASSES)}.${didYouMean(c.pass, PASSES)}`,
    });
    return;
  }
  if (c.unvalidated) {
    out.push(unvalidatedWarning(c.path, `component "${c.name}"`));
    return;
  }
  if (!c.def) {
    out.push({
      severity: "error",
      path: c.path,
      code: "unknown-component",
      message: `Unknown component "${c.name}".${didYouMean(c.name, componentNames())}${
        didYouMean(c.name, componentNames()) ? "" : " See the component list in the README."
      }`,
    });
    return;
  }
  if (c.def.deprecated) {
    out.push({
      severity: "warning",
      path: c.path,
      code: "deprecated",
      message: `Component "${c.name}" is deprecated. See ${pageUrl(c.def.page)}.`,
    });
  }
  if (c.settings.length === 0) {
    out.push({
      severity: "warning",
      path: c.path,
      code: "empty-component",
      message: `Component "${c.name}" has no settings; it will be written as an empty <component>.`,
    });
  }
  validateChildren(c.def, c.settings, c.pass, out, true);
}

function validateChildren(
  parent: CatalogComponent | Element,
  nodes: SettingNode[],
  pass: string,
  out: Diagnostic[],
  topLevel: boolean,
) {
  for (const n of nodes) {
    if (n.unvalidated) {
      if (!n.repeated || !nodes.some((o) => o !== n && o.repeated && o.name === n.name && nodes.indexOf(o) < nodes.indexOf(n))) {
        out.push(unvalidatedWarning(n.path.replace(/\[\d+\]$/, ""), `"${n.name}"`));
      }
      continue;
    }
    if (n.nil) continue;
    if (!n.def) {
      const names = childElements(parent).map((e) => e.name);
      const where = "settings" in parent ? `component "${parent.name}"` : `"${parent.name}"`;
      const hint = didYouMean(n.name, names);
      out.push({
        severity: "error",
        path: n.path,
        code: "unknown-setting",
        message: `Unknown setting "${n.name}" in ${where}.${hint || (names.length ? ` Valid: ${listOf(names)}.` : "")}`,
      });
      continue;
    }
    validateNode(n, n.def, pass, out, topLevel);
  }
  // repeated elements without a list wrapper: their keys must differ too
  for (const el of childElements(parent)) {
    if (el.kind === "item") checkDuplicateKeys(nodes, el, "name" in parent ? parent.name : "", out);
  }
}

function validateNode(n: SettingNode, def: Element, pass: string, out: Diagnostic[], topLevel: boolean) {
  if (def.passes && !def.passes.includes(pass as (typeof PASSES)[number])) {
    out.push({
      severity: "error",
      path: n.path,
      code: "wrong-pass",
      message: `"${def.name}" is not valid in the ${pass} pass; it is valid only in ${listOf(def.passes)}. Move it to ${
        def.passes.length === 1 ? `settings.${def.passes[0]}` : "one of those passes"
      }.`,
    });
    if (topLevel) return; // the rest would only repeat the same mistake
  }
  if (def.deprecated) {
    out.push({
      severity: "warning",
      path: n.path,
      code: "deprecated",
      message: `"${def.name}" is deprecated. See ${pageUrl(def.page)}.`,
    });
  }
  switch (def.kind) {
    case "value":
      if (n.text === undefined) return shape(n, "a single value", out);
      return checkValue(n, def.type, def.allowEmpty ?? false, out);
    case "password":
      if (!n.children) {
        return shape(n, `a password string or { Value: string, PlainText?: boolean }`, out);
      }
      if (n.children[0].text === "") {
        out.push({
          severity: "warning",
          path: n.children[0].path,
          code: "empty-password",
          message: `"${def.name}" is empty: the account will have no password.`,
        });
      }
      return;
    case "container":
    case "item":
      if (def.kind === "item" && def.type) {
        if (n.text === undefined) return shape(n, "a single value", out);
        // a value item may come in object form: { "wcm:keyValue": "5", value: ... }
        const raw = isPlainObject(n.raw) ? n.raw.value : n.raw;
        return checkValue({ ...n, raw }, def.type, false, out);
      }
      if (!n.children) return shape(n, `an object of settings (${listOf(childElements(def).map((e) => e.name), 6)})`, out);
      validateChildren(def, n.children, pass, out, false);
      const keyChild = def.kind === "item" && def.key?.kind === "child" ? def.key.name : undefined;
      if (keyChild !== undefined && !n.children.some((c) => c.name === keyChild)) {
        const key = keyChild;
        out.push({
          severity: "error",
          path: n.path,
          code: "missing-key",
          message: `List item "${def.name}" needs its key "${key}" to tell it apart from the others.`,
        });
      }
      return;
    case "list":
      if (!n.children) return shape(n, `an array of "${def.item.name}" items`, out);
      for (const item of n.children) validateNode(item, def.item, pass, out, false);
      checkDuplicateKeys(n.children, def.item, def.name, out);
      return;
  }
}

function unvalidatedWarning(path: string, what: string): Diagnostic {
  return {
    severity: "warning",
    path,
    code: "unvalidated",
    message: `${what[0].toUpperCase()}${what.slice(1)} is not in the catalog of documented settings; it is written as given, without validation.`,
  };
}

function shape(n: SettingNode, expected: string, out: Diagnostic[]) {
  out.push({
    severity: "error",
    path: n.path,
    code: "wrong-shape",
    message: `Expected ${expected}, got ${describe(n.raw)}.`,
  });
}

function checkDuplicateKeys(items: SettingNode[], item: Element & { kind: "item" }, listName: string, out: Diagnostic[]) {
  const seen = new Map<string, string>();
  for (const n of items) {
    if (n.def !== item) continue;
    let key: string | undefined;
    let label: string;
    if (item.key?.kind === "child") {
      const name = item.key.name;
      key = n.children?.find((c) => c.name === name)?.text;
      label = name;
    } else {
      key = n.keyValue;
      label = "wcm:keyValue";
    }
    if (key === undefined) continue;
    const first = seen.get(key);
    if (first !== undefined) {
      out.push({
        severity: "error",
        path: n.path,
        code: "duplicate-key",
        message: `${label} ${JSON.stringify(key)} is used twice in "${listName}" (first at ${first}); each item needs its own ${label}.`,
      });
    } else {
      seen.set(key, n.path);
    }
  }
}

/** Why an extra element cannot be written, or undefined when it can. */
export function extraProblem(xml: string): string | undefined {
  const parser = new SaxesParser({ xmlns: true, position: true });
  let depth = 0;
  let roots = 0;
  let first: string | undefined;
  let problem: string | undefined;
  parser.on("opentag", (tag) => {
    if (depth++ === 0) {
      roots++;
      first ??= tag.name;
    }
  });
  parser.on("closetag", () => void depth--);
  parser.on("text", (t) => {
    if (depth === 0 && t.trim() !== "") problem ??= "text outside the element";
  });
  parser.on("error", (e) => {
    problem ??= e.message;
  });
  try {
    parser.write(xml).close();
  } catch (e) {
    problem ??= e instanceof Error ? e.message : String(e);
  }
  if (problem) return problem;
  if (roots !== 1) return roots === 0 ? "no element" : `${roots} elements`;
  if (first === "unattend" || first === "settings") return `<${first}> is not an extra element`;
  return undefined;
}

/** Checks one text value against its catalog type. */
export function checkValue(n: SettingNode, type: ValueType, allowEmpty: boolean, out: Diagnostic[]) {
  const text = n.text ?? "";
  const name = n.def?.name ?? n.name;
  if (text === "") {
    if (!allowEmpty) {
      out.push({
        severity: "error",
        path: n.path,
        code: "empty-value",
        message: `"${name}" must not be empty. ${expectedValues(type)}.`,
      });
    }
    return;
  }
  switch (type.kind) {
    case "boolean":
      if (typeof n.raw === "boolean" || text === "true" || text === "false") return;
      if (/^(true|false)$/i.test(text)) {
        out.push({
          severity: "warning",
          path: n.path,
          code: "boolean-case",
          message: `"${name}" is ${JSON.stringify(text)}; XML booleans are lower case: write ${text.toLowerCase()}.`,
        });
        return;
      }
      return bad(n, "invalid-boolean", `"${name}" must be true or false, got ${describe(n.raw)}.`, out);
    case "integer": {
      if (!/^-?\d+$/.test(text) || (typeof n.raw !== "number" && typeof n.raw !== "string")) {
        return bad(n, "invalid-integer", `"${name}" must be a whole number, got ${describe(n.raw)}. ${expectedValues(type)}.`, out);
      }
      const v = Number(text);
      if ((type.min !== undefined && v < type.min) || (type.max !== undefined && v > type.max)) {
        return bad(n, "out-of-range", `"${name}" is ${text}, outside the valid range. ${expectedValues(type)}.`, out);
      }
      return;
    }
    case "enum": {
      if (type.values.includes(text)) return;
      const ci = type.values.find((v) => v.toLowerCase() === text.toLowerCase());
      if (ci && type.caseInsensitive) return;
      return bad(
        n,
        "invalid-enum",
        `"${name}" is ${JSON.stringify(text)}, which is not one of its values. ${expectedValues(type)}.${didYouMean(text, type.values)}`,
        out,
      );
    }
    case "string":
      if (typeof n.raw === "object" && n.raw !== null) {
        return bad(n, "wrong-shape", `"${name}" must be text, got ${describe(n.raw)}.`, out);
      }
      if (type.maxLength !== undefined && [...text].length > type.maxLength) {
        return bad(
          n,
          "too-long",
          `"${name}" is ${[...text].length} characters long; the maximum is ${type.maxLength}.`,
          out,
        );
      }
      if (type.pattern !== undefined && !new RegExp(`^(?:${type.pattern})$`).test(text)) {
        return bad(
          n,
          "invalid-format",
          `"${name}" is ${JSON.stringify(text)}, which is not valid: it must be ${type.patternHint ?? `text matching ${type.pattern}`}.`,
          out,
        );
      }
      return;
  }
}

function bad(n: SettingNode, code: string, message: string, out: Diagnostic[]) {
  out.push({ severity: "error", path: n.path, code, message });
}

/** "Valid: 0, 1" and the like. */
export function expectedValues(type: ValueType): string {
  switch (type.kind) {
    case "boolean":
      return "Valid: true, false";
    case "integer": {
      const { min, max } = type;
      if (min !== undefined && max !== undefined && max - min < LIST_RANGE_UP_TO) {
        return `Valid: ${Array.from({ length: max - min + 1 }, (_, i) => String(min + i)).join(", ")}`;
      }
      if (min !== undefined && max !== undefined) return `Valid: a whole number from ${min} to ${max}`;
      if (min !== undefined) return `Valid: a whole number of at least ${min}`;
      if (max !== undefined) return `Valid: a whole number of at most ${max}`;
      return "Valid: a whole number";
    }
    case "enum":
      return `Valid: ${listOf(type.values, 20)}`;
    case "string":
      return type.maxLength !== undefined ? `Valid: text of up to ${type.maxLength} characters` : "Valid: any text";
  }
}
