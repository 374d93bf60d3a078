/**
 * Normalised tree -> flat settings: one key per simple value,
 * `pass/component/path/to/setting` (list items as `Item[key]`, by their key or
 * position), the value as rendered; plus the layout that rebuilds the tree from
 * those keys. Pure. Used for Pulumi state (one input per key, so the engine's
 * diff prints one line per setting) and for the semantic diff of two files.
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
   * known, is the JSON of the subtree's layout with inline text (see LayoutNode.t).
   */
  subtree: boolean;
}

/** One element of the layout. Exactly one of v, t, c, o describes its content. */
export interface LayoutNode {
  /** Element name. */
  n: string;
  /** wcm:action. */
  a?: string;
  /** wcm:keyValue. */
  k?: string;
  /** Flat key holding the element's text. */
  v?: string;
  /** Inline text (inside subtrees). */
  t?: string;
  /** Children. */
  c?: LayoutNode[];
  /** Flat key holding the JSON of this element's children (a subtree known late). */
  o?: string;
  /** Sensitive: mask in diffs. */
  s?: 1;
  /** xsi:nil="true". */
  z?: 1;
}

export interface LayoutComponent {
  /** Pass. */
  p: string;
  /** Component name. */
  n: string;
  /** Architecture, for a component declared for one architecture only (else written for every architecture). */
  r?: string;
  /** Settings. */
  s: LayoutNode[];
}

export interface Flattened {
  entries: FlatEntry[];
  layout: LayoutComponent[];
}

/** Typed flat value of a leaf: numbers for integer settings, booleans for boolean ones. */
export function typedValue(node: SettingNode, text: string): FlatValue {
  const type = node.def?.kind === "value" || node.def?.kind === "item" ? node.def.type : undefined;
  if (type?.kind === "integer" && /^-?\d{1,15}$/.test(text)) return Number(text);
  if (type?.kind === "boolean" && (text === "true" || text === "false")) return text === "true";
  return text;
}

/**
 * Flattens a document. Components written for every architecture are
 * flattened once, as `pass/component/...`; components declared for one
 * architecture only (perArchitecture) as `pass/component/architecture/...`.
 */
export function flattenDocument(doc: NormalDocument): Flattened {
  const entries: FlatEntry[] = [];
  const layout: LayoutComponent[] = [];
  const seen = new Set<string>();
  for (const c of doc.components) {
    if (c.fixedArchitecture) {
      const base = `${c.pass}/${c.name}/${c.architecture}`;
      layout.push({ p: c.pass, n: c.name, r: c.architecture, s: layoutOf(c.settings, base, entries) });
      continue;
    }
    // the same settings are repeated for each architecture: flatten them once
    const base = `${c.pass}/${c.name}`;
    if (seen.has(base)) continue;
    seen.add(base);
    layout.push({ p: c.pass, n: c.name, s: layoutOf(c.settings, base, entries) });
  }
  return { entries, layout };
}

/** Key segment of a node: its name, or `Item[key]` for list items. */
function segment(n: SettingNode, position: number): string {
  if (n.action === undefined && !n.repeated) return n.name;
  const def = n.def?.kind === "item" ? n.def : undefined;
  let key: string | undefined;
  if (def?.key?.kind === "child") {
    const keyName = def.key.name;
    key = n.children?.find((c) => c.name === keyName)?.text;
  } else if (n.keyValue !== undefined && !n.sensitive) {
    // a secret item's key (an SNMP community name) never names it: it goes by position
    key = n.keyValue;
  }
  return `${n.name}[${key ?? position + 1}]`;
}

function layoutOf(nodes: SettingNode[], base: string, entries: FlatEntry[]): LayoutNode[] {
  const out: LayoutNode[] = [];
  const positions = new Map<string, number>();
  for (const n of nodes) {
    const position = positions.get(n.name) ?? 0;
    positions.set(n.name, position + 1);
    const key = `${base}/${segment(n, position)}`;
    const l: LayoutNode = { n: n.name };
    if (n.action) l.a = n.action;
    if (n.keyValue !== undefined) l.k = n.keyValue;
    if (n.sensitive) l.s = 1;
    if (n.nil) {
      l.z = 1;
      entries.push({ key, value: "xsi:nil", node: n, sensitive: false, subtree: false });
    } else if (n.opaque) {
      const leaf = n.def?.kind === "value" || (n.def?.kind === "item" && n.def.type !== undefined);
      if (leaf) l.v = key;
      else l.o = key;
      entries.push({ key, node: n, sensitive: !!n.sensitive, subtree: !leaf });
    } else if (n.children) {
      l.c = layoutOf(n.children, key, entries);
    } else {
      l.v = key;
      entries.push({ key, value: typedValue(n, n.text ?? ""), node: n, sensitive: !!n.sensitive, subtree: false });
    }
    out.push(l);
  }
  return out;
}

/** Layout with inline text: the value of a subtree entry once its node is known. */
export function inlineLayout(nodes: SettingNode[]): LayoutNode[] {
  return nodes.map((n) => {
    const l: LayoutNode = { n: n.name };
    if (n.action) l.a = n.action;
    if (n.keyValue !== undefined) l.k = n.keyValue;
    if (n.sensitive) l.s = 1;
    if (n.nil) l.z = 1;
    else if (n.children) l.c = inlineLayout(n.children);
    else l.t = n.text ?? "";
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
