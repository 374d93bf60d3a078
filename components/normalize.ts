/**
 * Typed inputs -> normalised tree. Pure and lenient: it never throws on bad
 * input, it keeps what it cannot place (unknown names, wrong shapes) for
 * validate.ts to report, and it fixes the order of everything so that the same
 * settings give the same tree whatever the key order of the input.
 */
import {
  ARCHITECTURES,
  PASSES,
  findChild,
  findComponent,
  type CatalogComponent,
  type Element,
  type ListItemElement,
} from "./catalog";
import type { ComponentNode, Diagnostic, NormalDocument, SettingNode } from "./model";
import { index, member } from "./path";
import { encodePassword } from "./password";

/** The plain (already resolved) input of the pure functions. */
export interface PlainDocument {
  settings?: unknown;
  architectures?: unknown;
}

export interface NormalizeOptions {
  /**
   * Values not known yet (e.g. Pulumi Outputs): kept as `raw` on an `opaque`
   * node, neither walked nor converted to text.
   */
  isOpaque?: (value: unknown) => boolean;
}

let isOpaque: (value: unknown) => boolean = () => false;

export const DEFAULT_ARCHITECTURES = ["amd64"] as const;

/** Attribute names accepted as keys of list-item objects. */
export const KEY_VALUE_ATTR = "wcm:keyValue";
export const ACTION_ATTR = "wcm:action";

function rank(order: readonly string[], value: string): number {
  const i = order.indexOf(value);
  return i === -1 ? order.length : i;
}

/** Sorts known names in the given order, unknown ones after, alphabetically. */
export function byOrder(order: readonly string[]) {
  return (a: string, b: string) => rank(order, a) - rank(order, b) || (a < b ? -1 : a > b ? 1 : 0);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Scalar input -> XML text; undefined for non-scalars. */
export function toText(v: unknown): string | undefined {
  if (v === null) return "";
  switch (typeof v) {
    case "string":
      return v;
    case "number":
      return Number.isFinite(v) ? String(v) : undefined;
    case "boolean":
      return v ? "true" : "false";
    default:
      return undefined;
  }
}

export function normalize(input: PlainDocument, options: NormalizeOptions = {}): NormalDocument {
  const previous = isOpaque;
  isOpaque = options.isOpaque ?? (() => false);
  try {
    return normalizeDocument(input);
  } finally {
    isOpaque = previous;
  }
}

/** One element and its subtree, as normalize() builds it (for values resolved later). */
export function normalizeNode(name: string, def: Element | undefined, raw: unknown, path: string, position = 0): SettingNode {
  return def?.kind === "item" ? listItem(def, raw, path, position) : node(name, def, raw, path);
}

function normalizeDocument(input: PlainDocument): NormalDocument {
  const diagnostics: Diagnostic[] = [];
  const architectures = normalizeArchitectures(input.architectures, diagnostics);
  const components: ComponentNode[] = [];

  const settings = input.settings;
  if (settings !== undefined && !isPlainObject(settings)) {
    diagnostics.push({
      severity: "error",
      path: "settings",
      code: "wrong-shape",
      message: `Expected an object of passes (${PASSES.join(", ")}), got ${describe(settings)}.`,
    });
  } else if (settings) {
    for (const pass of Object.keys(settings).sort(byOrder(PASSES))) {
      const passValue = settings[pass];
      if (passValue === undefined) continue;
      const passPath = member("settings", pass);
      if (!isPlainObject(passValue)) {
        diagnostics.push({
          severity: "error",
          path: passPath,
          code: "wrong-shape",
          message: `Expected an object of components, got ${describe(passValue)}.`,
        });
        continue;
      }
      for (const name of Object.keys(passValue).sort()) {
        const value = passValue[name];
        if (value === undefined) continue;
        const path = member(passPath, name);
        const def = findComponent(name);
        if (!isPlainObject(value)) {
          diagnostics.push({
            severity: "error",
            path,
            code: "wrong-shape",
            message: `Expected an object of settings, got ${describe(value)}.`,
          });
          continue;
        }
        const nodes = children(def, value, path);
        for (const architecture of new Set(architectures)) {
          components.push({ pass, name, architecture, path, def, settings: nodes });
        }
      }
    }
  }
  return { architectures, components, diagnostics };
}

function normalizeArchitectures(value: unknown, diagnostics: Diagnostic[]): string[] {
  if (value === undefined || value === null) return [...DEFAULT_ARCHITECTURES];
  if (!Array.isArray(value) || value.some((a) => typeof a !== "string")) {
    diagnostics.push({
      severity: "error",
      path: "architectures",
      code: "wrong-shape",
      message: `Expected an array of architecture names (${ARCHITECTURES.join(", ")}), got ${describe(value)}.`,
    });
    return [...DEFAULT_ARCHITECTURES];
  }
  // Keep duplicates: validation reports them. Order is fixed here.
  return [...(value as string[])].sort(byOrder(ARCHITECTURES));
}

type Parent = CatalogComponent | Element | undefined;

/** Child nodes of an object input, in catalog order (unknown names after, alphabetically). */
function children(parent: Parent, obj: Record<string, unknown>, path: string): SettingNode[] {
  const entries: { node: SettingNode; order: number }[] = [];
  for (const key of Object.keys(obj)) {
    const value = obj[key];
    if (value === undefined) continue;
    const found = parent ? findChild(parent, key) : undefined;
    entries.push({ node: node(key, found?.el, value, member(path, key)), order: found ? found.index : Infinity });
  }
  entries.sort((a, b) => a.order - b.order || (a.node.name < b.node.name ? -1 : a.node.name > b.node.name ? 1 : 0));
  return entries.map((e) => e.node);
}

function node(name: string, def: Element | undefined, raw: unknown, path: string): SettingNode {
  const n: SettingNode = { name, path, def, raw };
  if (isOpaque(raw)) return { ...n, opaque: true, sensitive: def?.kind === "password" || undefined };
  switch (def?.kind) {
    case "password":
      return password(n, def.suffix, raw);
    case "list":
      if (Array.isArray(raw)) n.children = raw.map((item, i) => listItem(def.item, item, index(path, i), i));
      return n;
    default: {
      const text = toText(raw);
      if (text !== undefined) n.text = text;
      else if (isPlainObject(raw)) n.children = children(def, raw, path);
      // arrays for non-list elements stay as `raw` only; validation reports them
      return n;
    }
  }
}

function listItem(def: ListItemElement, raw: unknown, path: string, position: number): SettingNode {
  const n: SettingNode = { name: def.name, path, def, raw, action: "add" };
  if (isOpaque(raw)) {
    if (def.key?.kind === "keyValue") n.keyValue = String(position + 1);
    return { ...n, opaque: true, position };
  }
  if (isPlainObject(raw)) {
    const { [KEY_VALUE_ATTR]: keyValue, [ACTION_ATTR]: action, ...rest } = raw;
    if (action !== undefined) n.action = action as SettingNode["action"];
    if (def.key?.kind === "keyValue") n.keyValue = keyValue === undefined ? String(position + 1) : String(keyValue);
    else if (keyValue !== undefined) n.keyValue = String(keyValue);
    if (def.type) {
      // a value item given in object form: { "wcm:keyValue": "2", value: "..." }
      n.text = toText(rest.value);
      return n;
    }
    const body = { ...rest };
    if (def.key?.kind === "child" && def.key.name === "Order" && body.Order === undefined) body.Order = position + 1;
    n.children = children(def, body, path);
    return n;
  }
  const text = toText(raw);
  if (text !== undefined && def.type) {
    n.text = text;
    if (def.key?.kind === "keyValue") n.keyValue = String(position + 1);
  }
  return n;
}

function password(n: SettingNode, suffix: string, raw: unknown): SettingNode {
  let value: unknown = raw;
  let plainText: unknown = true;
  if (isPlainObject(raw)) {
    value = raw.Value;
    plainText = raw.PlainText ?? true;
  }
  n.sensitive = true;
  if (isOpaque(value) || isOpaque(plainText)) {
    // known only later: the whole password is resolved at once
    return { ...n, opaque: true };
  }
  const text = toText(value);
  if (text === undefined || typeof plainText !== "boolean") return n; // validation reports the shape
  n.children = [
    {
      name: "Value",
      path: member(n.path, "Value"),
      raw: value,
      text: plainText ? text : encodePassword(text, suffix),
      sensitive: true,
    },
    { name: "PlainText", path: member(n.path, "PlainText"), raw: plainText, text: plainText ? "true" : "false" },
  ];
  return n;
}

/** A short description of a value's type, for messages. */
export function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  if (typeof v === "object") return "an object";
  if (typeof v === "string") return `the string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + "..." : v)}`;
  return `${typeof v} ${String(v)}`;
}
