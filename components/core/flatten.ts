/**
 * Normalised tree -> flat settings: one key per simple value,
 * `pass/component/path/to/setting` (list items as `Item[key]`, by their key or
 * position), the value as rendered; plus the layout that rebuilds the tree from
 * those keys. Pure. Used for Pulumi state (one entry per key in the `settings`
 * input, so the engine's diff prints one line per setting; docs/state.md) and
 * for the semantic diff of two files.
 */
import type { NormalDocument, SettingNode } from "./model";

/** A flat value: numbers and booleans where the catalog types them so. */
export type FlatValue = string | number | boolean;

export interface FlatEntry {
  key: string;
  /** The value as rendered, typed; undefined when the node is opaque (not known yet). */
  value?: FlatValue;
  /** The node the entry comes from. */
  node: SettingNode;
  /** A password or other sensitive value. */
  sensitive: boolean;
  /**
   * The entry stands for a whole subtree that is not known yet: its value, once
   * known, is the JSON of the subtree's inline elements (see LayoutObject.text).
   */
  subtree: boolean;
}

/**
 * One element of the layout (state format v1, see docs/state.md). A plain
 * string is a leaf element whose text is the setting at its key; an object
 * describes anything more: attributes, children, a list item's key, a secret,
 * or a subtree known only at deployment.
 */
export type LayoutElement = string | LayoutObject;

export interface LayoutObject {
  /** Element name. */
  name: string;
  /**
   * For list items and repeated elements: the key written in brackets in the
   * setting key (`RunSynchronousCommand[1]`): the item's key, or its position.
   */
  item?: string;
  /** wcm:action. */
  action?: string;
  /** wcm:keyValue. */
  keyValue?: string;
  /** xsi:nil="true" (the setting's value is "xsi:nil"). */
  nil?: true;
  /** The setting's value is secret: masked in `changes`; the file is then written readable by its owner only. */
  secret?: true;
  /** Child elements. */
  children?: LayoutElement[];
  /**
   * The element, with everything inside it, is one setting whose value was
   * known only at deployment: the JSON of its content (inline elements).
   */
  subtree?: true;
  /** Text, inline: only inside a subtree's JSON. */
  text?: string;
}

/** One component of the layout. */
export interface LayoutComponent {
  pass: string;
  component: string;
  /** For a component declared for one architecture only (else written for every architecture). */
  architecture?: string;
  elements: LayoutElement[];
}

export interface Flattened {
  entries: FlatEntry[];
  layout: LayoutComponent[];
}

export interface FlattenOptions {
  /** Keys whose value is secret beyond the sensitive ones (e.g. secret Outputs): marked `secret` in the layout. */
  isSecret?: (key: string) => boolean;
}

/**
 * Typed flat value of a leaf: numbers for integer settings, booleans for
 * boolean ones, but only when the number is written back as the same text
 * (`"01"`, `"-0"`, `"+1"` stay strings: the state renders what the file holds).
 */
export function typedValue(node: SettingNode, text: string): FlatValue {
  const type = node.def?.kind === "value" || node.def?.kind === "item" ? node.def.type : undefined;
  if (type?.kind === "integer" && /^-?\d{1,15}$/.test(text) && String(Number(text)) === text) return Number(text);
  if (type?.kind === "boolean" && (text === "true" || text === "false")) return text === "true";
  return text;
}

/** The key of the settings of a component: `pass/component`, or `pass/component/architecture` for one architecture only. */
export function componentKey(pass: string, component: string, architecture?: string): string {
  return architecture === undefined ? `${pass}/${component}` : `${pass}/${component}/${architecture}`;
}

/** The key of an element under `base`: `base/Name`, or `base/Name[item]` for list items. */
export function elementKey(base: string, name: string, item?: string): string {
  return item === undefined ? `${base}/${name}` : `${base}/${name}[${item}]`;
}

/**
 * Flattens a document. Components written for every architecture are
 * flattened once, as `pass/component/...`; components declared for one
 * architecture only (perArchitecture) as `pass/component/architecture/...`.
 */
export function flattenDocument(doc: NormalDocument, options: FlattenOptions = {}): Flattened {
  const entries: FlatEntry[] = [];
  const layout: LayoutComponent[] = [];
  const seen = new Set<string>();
  const used = new Set<string>();
  const isSecret = options.isSecret ?? (() => false);
  for (const c of doc.components) {
    if (c.fixedArchitecture) {
      const base = componentKey(c.pass, c.name, c.architecture);
      layout.push({ pass: c.pass, component: c.name, architecture: c.architecture, elements: layoutOf(c.settings, base, entries, isSecret, used) });
      continue;
    }
    // the same settings are repeated for each architecture: flatten them once
    const base = componentKey(c.pass, c.name);
    if (seen.has(base)) continue;
    seen.add(base);
    layout.push({ pass: c.pass, component: c.name, elements: layoutOf(c.settings, base, entries, isSecret, used) });
  }
  return { entries, layout };
}

/** The bracketed key of a list item or repeated element (by its key or position); undefined for other elements. */
function itemKey(n: SettingNode, position: number): string | undefined {
  if (n.action === undefined && !n.repeated) return undefined;
  const def = n.def?.kind === "item" ? n.def : undefined;
  let key: string | undefined;
  if (def?.key?.kind === "child") {
    const keyName = def.key.name;
    key = n.children?.find((c) => c.name === keyName)?.text;
  } else if (n.keyValue !== undefined && !n.sensitive) {
    // a secret item's key (an SNMP community name) never names it: it goes by position
    key = n.keyValue;
  }
  return key ?? String(position + 1);
}

/** The layout element of a node, as a bare name when it needs nothing more. */
function element(l: LayoutObject): LayoutElement {
  return Object.keys(l).length === 1 ? l.name : l;
}

/**
 * An element's key, unique in the document: two items with the same key (the
 * same wcm:keyValue or Order), or a key whose text looks like a path, would
 * otherwise share one setting, and the state would render one value twice.
 * The later one gets `(2)`, `(3)`, ... after its item key (the layout stores it).
 */
function uniqueKey(base: string, name: string, item: string | undefined, used: Set<string>): { key: string; item?: string } {
  let key = elementKey(base, name, item);
  for (let i = 2; used.has(key); i++) {
    const next = `${item ?? ""}(${i})`;
    key = elementKey(base, name, next);
    if (!used.has(key)) item = next;
  }
  used.add(key);
  return item === undefined ? { key } : { key, item };
}

function layoutOf(nodes: SettingNode[], base: string, entries: FlatEntry[], isSecret: (key: string) => boolean, used: Set<string>): LayoutElement[] {
  const out: LayoutElement[] = [];
  const positions = new Map<string, number>();
  for (const n of nodes) {
    const position = positions.get(n.name) ?? 0;
    positions.set(n.name, position + 1);
    const { key, item } = uniqueKey(base, n.name, itemKey(n, position), used);
    const l: LayoutObject = { name: n.name };
    if (item !== undefined) l.item = item;
    const secret = !!n.sensitive || isSecret(key);
    if (n.sensitive && n.keyValue !== undefined) {
      // a confidential item whose key may be the secret (an SNMP community name): its key is in no
      // layout and no setting key, only inside its value, one secret inline element
      l.subtree = true;
      l.secret = true;
      entries.push({ key, ...(n.opaque ? {} : { value: JSON.stringify(inlineElements([n])[0]) }), node: n, sensitive: true, subtree: true });
      out.push(element(l));
      continue;
    }
    if (n.action) l.action = n.action;
    if (n.keyValue !== undefined) l.keyValue = n.keyValue;
    if (n.nil) {
      l.nil = true;
      entries.push({ key, value: "xsi:nil", node: n, sensitive: false, subtree: false });
    } else if (n.opaque) {
      // a list item's attributes (wcm:action, wcm:keyValue) come with its value: the whole item is the setting
      const leaf = n.def?.kind === "value";
      if (!leaf) l.subtree = true;
      if (secret) l.secret = true;
      entries.push({ key, node: n, sensitive: !!n.sensitive, subtree: !leaf });
    } else if (n.children) {
      l.children = layoutOf(n.children, key, entries, isSecret, used);
    } else {
      if (secret) l.secret = true;
      entries.push({ key, value: typedValue(n, n.text ?? ""), node: n, sensitive: !!n.sensitive, subtree: false });
    }
    out.push(element(l));
  }
  return out;
}

/**
 * The layout with the elements at `keys` marked secret, as flattenDocument's
 * `isSecret` marks them: for values found secret only once known (secret
 * Outputs), without flattening again. Returns the layout itself when there are none.
 */
export function markSecret(layout: LayoutComponent[], keys: ReadonlySet<string>): LayoutComponent[] {
  return editLayout(layout, keys, (l) => [{ ...l, secret: true }]);
}

/**
 * The layout without the elements at `keys`: settings given as Outputs (secrets, promises) that turned out to be
 * undefined, left out as an undefined setting is (normalize), without flattening again. Returns the layout itself
 * when there are none.
 */
export function withoutKeys(layout: LayoutComponent[], keys: ReadonlySet<string>): LayoutComponent[] {
  return editLayout(layout, keys, () => []);
}

/** The layout with each element at `keys` replaced by what `edit` makes of it, the others as they are (the layout itself when there are none). */
function editLayout(layout: LayoutComponent[], keys: ReadonlySet<string>, edit: (l: LayoutObject) => LayoutElement[]): LayoutComponent[] {
  if (keys.size === 0) return layout;
  const walk = (elements: LayoutElement[], base: string): LayoutElement[] =>
    elements.flatMap((e) => {
      const l: LayoutObject = typeof e === "string" ? { name: e } : e;
      const key = elementKey(base, l.name, l.item);
      if (keys.has(key)) return edit(l);
      return [l.children ? { ...l, children: walk(l.children, key) } : e];
    });
  return layout.map((c) => ({ ...c, elements: walk(c.elements, componentKey(c.pass, c.component, c.architecture)) }));
}

/** Inline elements (text included): the value of a subtree entry once its node is known. */
export function inlineElements(nodes: SettingNode[]): LayoutObject[] {
  return nodes.map((n) => {
    const l: LayoutObject = { name: n.name };
    if (n.action) l.action = n.action;
    if (n.keyValue !== undefined) l.keyValue = n.keyValue;
    if (n.nil) l.nil = true;
    else if (n.children) l.children = inlineElements(n.children);
    else l.text = n.text ?? "";
    return l;
  });
}

/** One difference between two flat maps. */
export interface FlatChange {
  op: "add" | "change" | "remove";
  key: string;
  old?: FlatValue;
  new?: FlatValue;
}

/**
 * The keys added, changed and removed between two flat maps, in key order,
 * with the values of `masked` keys shown as "[secret]". Self-contained: the
 * state provider's serialised code calls it.
 */
export function diffFlat(
  olds: Record<string, FlatValue>,
  news: Record<string, FlatValue>,
  masked: (key: string) => boolean = () => false,
): FlatChange[] {
  const keys = [...new Set([...Object.keys(olds), ...Object.keys(news)])].sort();
  const out: FlatChange[] = [];
  for (const key of keys) {
    // MASK of components/core/confidential.ts, written here as a literal: this module loads no catalog (the provider's code is serialised)
    const show = (v: FlatValue) => (masked(key) ? "[secret]" : v);
    const inOld = Object.prototype.hasOwnProperty.call(olds, key);
    const inNew = Object.prototype.hasOwnProperty.call(news, key);
    if (inOld && !inNew) out.push({ op: "remove", key, old: show(olds[key]) });
    else if (!inOld && inNew) out.push({ op: "add", key, new: show(news[key]) });
    else if (olds[key] !== news[key]) out.push({ op: "change", key, old: show(olds[key]), new: show(news[key]) });
  }
  return out;
}

/** `+ key: v`, `~ key: a => b`, `- key: v`. */
export function formatChange(c: FlatChange): string {
  switch (c.op) {
    case "add":
      return `+ ${c.key}: ${c.new}`;
    case "remove":
      return `- ${c.key}: ${c.old}`;
    case "change":
      return `~ ${c.key}: ${c.old} => ${c.new}`;
  }
}
