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
import type { ComponentNode, Diagnostic, ExtraNode, NormalDocument, SettingNode } from "./model";
import { index, member } from "./path";
import { encodePassword } from "./password";

/** The plain (already resolved) input of the pure functions. */
export interface PlainDocument {
  settings?: unknown;
  architectures?: unknown;
  perArchitecture?: unknown;
  unvalidated?: unknown;
  extras?: unknown;
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
export const NIL_ATTR = "xsi:nil";

function rank(order: readonly string[], value: string): number {
  const i = order.indexOf(value);
  return i === -1 ? order.length : i;
}

/** Sorts known names in the given order, unknown ones after, alphabetically. */
export function byOrder(order: readonly string[]) {
  return (a: string, b: string) => rank(order, a) - rank(order, b) || (a < b ? -1 : a > b ? 1 : 0);
}

const passOrder = byOrder(PASSES);
const archOrder = byOrder(ARCHITECTURES);

/** The order of components in a document: by pass (Windows order), then name, then architecture. */
export function compareComponents(
  a: { pass: string; name: string; architecture: string },
  b: { pass: string; name: string; architecture: string },
): number {
  return passOrder(a.pass, b.pass) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) || archOrder(a.architecture, b.architecture);
}

/** A non-null, non-array object. */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Scalar input -> XML text; undefined for non-scalars (and for null, which means xsi:nil). */
export function toText(v: unknown): string | undefined {
  if (v === null) return undefined;
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
  const shared = [...new Set(architectures)];

  addPasses(input.settings, "settings", shared, false, components, diagnostics);

  const perArchitecture = input.perArchitecture;
  if (perArchitecture !== undefined && !isPlainObject(perArchitecture)) {
    diagnostics.push(wrongShape("perArchitecture", `an object of architectures (${ARCHITECTURES.join(", ")})`, perArchitecture));
  } else if (perArchitecture) {
    for (const arch of Object.keys(perArchitecture).sort(byOrder(ARCHITECTURES))) {
      const before = components.length;
      addPasses(perArchitecture[arch], member("perArchitecture", arch), [arch], false, components, diagnostics);
      for (let i = before; i < components.length; i++) components[i].fixedArchitecture = true;
    }
  }

  const unvalidated = input.unvalidated;
  if (unvalidated !== undefined && !isPlainObject(unvalidated)) {
    diagnostics.push(wrongShape("unvalidated", "an object of passes", unvalidated));
  } else if (unvalidated) {
    addPasses(unvalidated, "unvalidated", shared, true, components, diagnostics);
  }

  // One <component> per pass, name and architecture: unvalidated settings join
  // the validated component of the same pass, name and architecture.
  const merged: ComponentNode[] = [];
  const index = new Map<string, ComponentNode>();
  for (const c of components) {
    const id = `${c.pass}\u0000${c.name}\u0000${c.architecture}`;
    const existing = index.get(id);
    if (existing && c.unvalidated && !existing.unvalidated) {
      index.set(id, { ...existing, settings: [...existing.settings, ...c.settings], extraPath: c.path });
      merged[merged.indexOf(existing)] = index.get(id)!;
      continue;
    }
    if (!existing) index.set(id, c);
    merged.push(c);
  }
  merged.sort(compareComponents);
  return { architectures, components: merged, diagnostics, extras: normalizeExtras(input.extras, diagnostics) };
}

function normalizeExtras(value: unknown, diagnostics: Diagnostic[]): ExtraNode[] {
  if (value === undefined || value === null) return [];
  const expected = 'an array of { xml: string, placement?: "before" | "after" }';
  if (!Array.isArray(value)) {
    diagnostics.push(wrongShape("extras", expected, value));
    return [];
  }
  const out: ExtraNode[] = [];
  value.forEach((e, i) => {
    const path = index("extras", i);
    const placement = isPlainObject(e) ? (e.placement ?? "after") : undefined;
    if (!isPlainObject(e) || typeof e.xml !== "string" || (placement !== "before" && placement !== "after")) {
      diagnostics.push(wrongShape(path, expected, e));
      return;
    }
    out.push({ xml: e.xml, placement, path });
  });
  return out;
}

function wrongShape(path: string, expected: string, value: unknown): Diagnostic {
  return { severity: "error", path, code: "wrong-shape", message: `Expected ${expected}, got ${describe(value)}.` };
}

/** Adds the components of one pass -> component -> settings object. */
function addPasses(
  settings: unknown,
  base: string,
  architectures: string[],
  unvalidated: boolean,
  components: ComponentNode[],
  diagnostics: Diagnostic[],
) {
  if (settings === undefined) return;
  if (!isPlainObject(settings)) {
    diagnostics.push(wrongShape(base, `an object of passes (${PASSES.join(", ")})`, settings));
    return;
  }
  for (const pass of Object.keys(settings).sort(byOrder(PASSES))) {
    const passValue = settings[pass];
    if (passValue === undefined) continue;
    const passPath = member(base, pass);
    if (!isPlainObject(passValue)) {
      diagnostics.push(wrongShape(passPath, "an object of components", passValue));
      continue;
    }
    for (const name of Object.keys(passValue).sort()) {
      const value = passValue[name];
      if (value === undefined) continue;
      const path = member(passPath, name);
      if (!isPlainObject(value)) {
        diagnostics.push(wrongShape(path, "an object of settings", value));
        continue;
      }
      const def = unvalidated ? undefined : findComponent(name);
      const nodes = unvalidated ? rawChildren(value, path) : children(def, value, path);
      for (const architecture of architectures) {
        components.push({ pass, name, architecture, path, def, settings: nodes, ...(unvalidated ? { unvalidated } : {}) });
      }
    }
  }
}

/**
 * Settings outside the catalog, as given: an object's keys are element names,
 * an array repeats its element once per item, `wcm:action`, `wcm:keyValue`
 * and `xsi:nil` keys become attributes.
 */
function rawChildren(obj: Record<string, unknown>, path: string): SettingNode[] {
  const out: SettingNode[] = [];
  for (const key of Object.keys(obj).sort()) {
    if (key === ACTION_ATTR || key === KEY_VALUE_ATTR || key === NIL_ATTR) continue;
    const value = obj[key];
    if (value === undefined) continue;
    const p = member(path, key);
    if (Array.isArray(value)) value.forEach((v, i) => out.push(rawNode(key, v, index(p, i), true)));
    else out.push(rawNode(key, value, p, false));
  }
  return out;
}

function rawNode(name: string, raw: unknown, path: string, repeated: boolean): SettingNode {
  const n: SettingNode = { name, path, raw, unvalidated: true, ...(repeated ? { repeated } : {}) };
  if (isOpaque(raw)) return { ...n, opaque: true };
  if (isPlainObject(raw)) {
    const action = raw[ACTION_ATTR];
    if (action !== undefined) n.action = String(action) as SettingNode["action"];
    if (raw[KEY_VALUE_ATTR] !== undefined) n.keyValue = String(raw[KEY_VALUE_ATTR]);
    if (raw[NIL_ATTR] === true) {
      n.nil = true;
      return n;
    }
    if ("value" in raw && Object.keys(raw).every((k) => k === "value" || k === ACTION_ATTR || k === KEY_VALUE_ATTR)) {
      n.text = toText(raw.value);
      return n;
    }
    n.children = rawChildren(raw, path);
    return n;
  }
  if (raw === null) {
    n.nil = true;
    return n;
  }
  n.text = toText(raw);
  return n;
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
    const order = found ? found.index : Infinity;
    if (found?.el.kind === "item" && !isOpaque(value)) {
      // a repeated element without a list wrapper (e.g. DiskConfiguration/Disk): one element per item
      const items = Array.isArray(value) ? value : [value];
      const p = member(path, key);
      items.forEach((item, i) => entries.push({ node: listItem(found.el as ListItemElement, item, index(p, i), i), order }));
      continue;
    }
    entries.push({ node: node(key, found?.el, value, member(path, key)), order });
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
      if (raw === null) return { ...n, nil: true };
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
