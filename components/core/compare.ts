/**
 * The honest diff of two documents (`unattend diff`): it compares what is
 * rendered, never a projection that loses part of it. Each element is known
 * by its setting key (flatten.ts: the keys the state and `changes` use), and
 * each key's rendered parts are compared: the text (typed as in the state),
 * `wcm:action`, `wcm:keyValue` and `xsi:nil` (as `key/@wcm:action`, ...),
 * empty components, the order of elements, the architectures, and the
 * elements outside `<settings>` byte for byte and with their multiplicity.
 * Two documents that render to different bytes always give at least one line.
 *
 * Confidential values (credentials, product keys, SNMP community names, which
 * are a `wcm:keyValue`) are masked, as the confidentiality policy marks them
 * (isConfidentialNode in confidential.ts).
 */
import { isConfidentialNode, MASK } from "./confidential";
import { extraFingerprint, inspectExtra } from "./extras";
import {
  componentKey,
  diffFlat,
  elementKey,
  flattenDocument,
  formatChange,
  typedValue,
  type FlatChange,
  type FlatValue,
  type LayoutElement,
} from "./flatten";
import type { NormalDocument, SettingNode } from "./model";
import { ACTION_ATTR, KEY_VALUE_ATTR, NIL_ATTR } from "./names";
import { renderDocument } from "./render";

/** What a document renders, by setting key. */
export interface RenderedSettings {
  /** Every rendered part: element text by key, attributes by `key/@attribute`. */
  values: Record<string, FlatValue>;
  /** The keys whose value is confidential (masked in every line). */
  confidential: Set<string>;
  /** Per component key: every element key, in document order. */
  order: Map<string, string[]>;
  /** Component keys of components without settings. */
  empty: Set<string>;
  architectures: string[];
  /** The extras' XML, as written, in order. */
  extras: string[];
}

/** The rendered parts of a document, by setting key. */
export function renderedSettings(doc: NormalDocument): RenderedSettings {
  const values: Record<string, FlatValue> = Object.create(null) as Record<string, FlatValue>;
  const confidential = new Set<string>();
  const order = new Map<string, string[]>();
  const empty = new Set<string>();
  const put = (key: string, value: FlatValue, node: SettingNode) => {
    values[key] = value;
    if (isConfidentialNode(node)) confidential.add(key);
  };
  // the layout gives each element its key (unique in the document); the nodes, in the same order, what is rendered
  const { layout } = flattenDocument(doc);
  const seen = new Set<string>();
  let at = 0;
  for (const c of doc.components) {
    const base = c.fixedArchitecture ? componentKey(c.pass, c.name, c.architecture) : componentKey(c.pass, c.name);
    if (!c.fixedArchitecture) {
      if (seen.has(base)) continue;
      seen.add(base);
    }
    const keys: string[] = [];
    order.set(base, keys);
    if (c.settings.length === 0) empty.add(base);
    const walk = (nodes: SettingNode[], elements: LayoutElement[], parent: string) => {
      nodes.forEach((n, i) => {
        const l = elements[i];
        const key = elementKey(parent, n.name, typeof l === "string" ? undefined : l.item);
        keys.push(key);
        if (n.action !== undefined) put(`${key}/@${ACTION_ATTR}`, n.action, n);
        if (n.keyValue !== undefined) put(`${key}/@${KEY_VALUE_ATTR}`, n.keyValue, n);
        if (n.nil) put(`${key}/@${NIL_ATTR}`, "true", n);
        else if (n.children && n.children.length > 0) walk(n.children, (l as { children: LayoutElement[] }).children, key);
        // no children is written as no text: <X></X>
        else put(key, typedValue(n, n.text ?? ""), n);
      });
    };
    walk(c.settings, layout[at++].elements, base);
  }
  return { values, confidential, order, empty, architectures: [...new Set(doc.architectures)], extras: doc.extras.map((e) => e.xml) };
}

/** What differs between two documents, as lines and as data. */
export interface DocumentDiff {
  /** One line per difference: `+ key: value`, `~ key: old => new`, `- key: value`, then architectures, order and extras. */
  lines: string[];
  changes: FlatChange[];
  architectures?: { old: string[]; new: string[] };
  /** The lines about elements outside `<settings>`. */
  extras: string[];
}

/** A line for a difference this module cannot name: never expected (a guard; the property tests check it is never printed). */
export const UNNAMED_DIFFERENCE = "~ the files render differently, in a way this diff cannot name (please report it)";

/** The differences between two documents' renderings; no line exactly when they render to the same bytes. */
export function diffDocuments(a: NormalDocument, b: NormalDocument): DocumentDiff {
  const ra = renderedSettings(a);
  const rb = renderedSettings(b);
  const lines: string[] = [];
  const out: DocumentDiff = { lines, changes: [], extras: [] };
  if (ra.architectures.join(",") !== rb.architectures.join(",")) {
    out.architectures = { old: ra.architectures, new: rb.architectures };
    lines.push(`~ architectures: ${ra.architectures.join(", ")} => ${rb.architectures.join(", ")}`);
  }
  const hidden = (k: string) => ra.confidential.has(k) || rb.confidential.has(k);
  out.changes = diffFlat(ra.values, rb.values, hidden);
  for (const c of out.changes) lines.push(formatChange(c));
  // components without settings have no key of their own
  for (const k of ra.empty) if (!rb.order.has(k)) lines.push(`- ${k}: (a component without settings)`);
  for (const k of rb.empty) if (!ra.order.has(k)) lines.push(`+ ${k}: (a component without settings)`);
  // the same elements in another order
  for (const [k, keysA] of ra.order) {
    const keysB = rb.order.get(k);
    if (keysB && !sameRelativeOrder(keysA, keysB)) lines.push(`~ ${k}: the elements are in another order`);
  }
  out.extras = diffExtras(ra.extras, rb.extras);
  lines.push(...out.extras);
  if (lines.length === 0 && renderOrUndefined(a) !== renderOrUndefined(b)) lines.push(UNNAMED_DIFFERENCE);
  return out;
}

function renderOrUndefined(doc: NormalDocument): string | undefined {
  try {
    return renderDocument(doc);
  } catch {
    return undefined;
  }
}

/** Extras compared as written, with their multiplicity and order: `- <name>`, `+ <name>`, `~ <name>: ...`. */
function diffExtras(a: string[], b: string[]): string[] {
  if (a.length === b.length && a.every((x, i) => x === b[i])) return [];
  const count = new Map<string, number>();
  for (const x of b) count.set(x, (count.get(x) ?? 0) + 1);
  const removed: string[] = [];
  for (const x of a) {
    const n = count.get(x) ?? 0;
    if (n > 0) count.set(x, n - 1);
    else removed.push(x);
  }
  const back = new Map<string, number>();
  for (const x of a) back.set(x, (back.get(x) ?? 0) + 1);
  const added: string[] = [];
  for (const x of b) {
    const n = back.get(x) ?? 0;
    if (n > 0) back.set(x, n - 1);
    else added.push(x);
  }
  if (removed.length === 0 && added.length === 0) return ["~ extras: the same elements outside <settings>, in another order"];
  const name = (x: string) => inspectExtra(x).name ?? "?";
  const lines: string[] = [];
  // the same content written otherwise (layout, prefixes): paired first
  const pending = [...added];
  const rest: string[] = [];
  for (const x of removed) {
    const i = pending.findIndex((y) => extraFingerprint(y) === extraFingerprint(x));
    if (i === -1) rest.push(x);
    else {
      lines.push(`~ <${name(x)}>: the same content, written otherwise (extras are written byte for byte)`);
      pending.splice(i, 1);
    }
  }
  for (const x of rest) lines.push(`- <${name(x)}>${pending.some((y) => name(y) === name(x)) ? " (changed)" : ""}`);
  for (const y of pending) lines.push(`+ <${name(y)}>${rest.some((x) => name(x) === name(y)) ? " (changed)" : ""}`);
  return lines;
}

/** One line of the comparison of many documents: something not the same in all of them. */
export interface ManyRow {
  /**
   * What differs: `setting` a setting key (`key/@attribute` for an attribute),
   * `architectures`, `component` a component without settings in some
   * documents and absent from others, `order` a component whose elements are
   * in another order in some documents, `extras` the elements outside
   * `<settings>`.
   */
  kind: "setting" | "architectures" | "component" | "order" | "extras";
  /** The setting or component key; `architectures` and `extras` for those rows. */
  path: string;
  /**
   * One cell per document, in the documents' order: the value (a confidential
   * one as MASK), or null where the document has no such setting. For
   * `architectures` the architectures joined by ", "; for `component`
   * "(no settings)" or "(with settings)"; for `order` "order 1", "order 2"...
   * (the same number, the same order); for `extras` the elements' names
   * ("(none)" for none), numbered when different elements have the same names.
   */
  values: (FlatValue | null)[];
}

/** What differs across many documents (`unattend diff A B C...`). */
export interface ManyDiff {
  /** The settings and the rest that are not the same in all documents: architectures, settings in key order, components, order, extras. */
  rows: ManyRow[];
  /** How many settings (keys with a value) every document has, the same in all. */
  same: number;
  /** The documents render differently in a way no row names (never expected: a guard, as UNNAMED_DIFFERENCE). */
  unnamed: boolean;
}

/** Numbers distinct values in first-appearance order: 1, 2, ...; undefined stays undefined. */
function classes<T>(values: (T | undefined)[]): (number | undefined)[] {
  const seen = new Map<T, number>();
  return values.map((v) => {
    if (v === undefined) return undefined;
    if (!seen.has(v)) seen.set(v, seen.size + 1);
    return seen.get(v);
  });
}

/**
 * Whether one order of all their keys has every sequence as a subsequence
 * (then any two agree on the keys they share): a topological sort of "comes
 * right after" in any sequence, linear in their total length. When there is
 * none, some two may still agree pairwise: compare them two by two.
 */
function oneOrderFitsAll(sequences: readonly string[][]): boolean {
  const next = new Map<string, Set<string>>();
  const before = new Map<string, number>();
  for (const s of sequences)
    s.forEach((x, i) => {
      if (!next.has(x)) next.set(x, new Set());
      if (!before.has(x)) before.set(x, 0);
      const y = s[i + 1];
      if (y !== undefined && y !== x && !next.get(x)!.has(y)) {
        next.get(x)!.add(y);
        before.set(y, (before.get(y) ?? 0) + 1);
      }
    });
  const ready = [...before].filter(([, n]) => n === 0).map(([x]) => x);
  let placed = 0;
  while (ready.length > 0) {
    const x = ready.pop()!;
    placed++;
    for (const y of next.get(x)!) {
      const n = before.get(y)! - 1;
      before.set(y, n);
      if (n === 0) ready.push(y);
    }
  }
  return placed === next.size;
}

/** Whether the keys two sequences share are in the same relative order (else diffDocuments reports "another order"). */
function sameRelativeOrder(a: string[], b: string[]): boolean {
  const inA = new Set(a);
  const inB = new Set(b);
  const commonA = a.filter((x) => inB.has(x));
  const commonB = b.filter((x) => inA.has(x));
  return commonA.length === commonB.length && commonA.every((x, i) => x === commonB[i]);
}

/**
 * What differs across documents, setting by setting, as a table: one row per
 * setting (or architectures, empty component, element order, extras) that is
 * not the same in all of them, one cell per document. The same parts as
 * diffDocuments compares, with confidential values masked (MASK: their
 * values are compared, never shown nor digested). Any two documents that
 * diffDocuments reports different make at least one row or `unnamed`. Cost:
 * each document's settings once, times the number of documents for the
 * table's cells; element order checked in one pass (oneOrderFitsAll), and
 * compared two by two, between distinct orders, only when that fails.
 */
export function diffManyDocuments(docs: readonly NormalDocument[]): ManyDiff {
  const n = docs.length;
  const rendered = docs.map(renderedSettings);
  const rows: ManyRow[] = [];
  const allSame = (cells: readonly unknown[]) => cells.every((c) => c === cells[0]);
  const arch = rendered.map((r) => r.architectures.join(", "));
  if (!allSame(arch)) rows.push({ kind: "architectures", path: "architectures", values: arch });
  // every setting key, with its value in each document
  const byKey = new Map<string, (FlatValue | undefined)[]>();
  const hidden = new Set<string>();
  rendered.forEach((r, i) => {
    for (const key of Object.keys(r.values)) {
      let cells = byKey.get(key);
      if (!cells) byKey.set(key, (cells = new Array<FlatValue | undefined>(n).fill(undefined)));
      cells[i] = r.values[key];
    }
    for (const key of r.confidential) hidden.add(key);
  });
  let same = 0;
  // key order, as diffFlat lists the changes of two documents
  for (const key of [...byKey.keys()].sort()) {
    const cells = byKey.get(key)!;
    if (cells.every((c) => c !== undefined && c === cells[0])) {
      same++;
      continue;
    }
    // MASK: confidential values are compared above, never shown
    const masked = hidden.has(key);
    rows.push({ kind: "setting", path: key, values: cells.map((c) => (c === undefined ? null : masked ? MASK : c)) });
  }
  // components without settings in some documents and absent from others (their settings, if any, are rows above)
  const emptyKeys = [...new Set(rendered.flatMap((r) => [...r.empty]))].sort();
  for (const k of emptyKeys) {
    if (rendered.every((r) => r.order.has(k))) continue;
    rows.push({
      kind: "component",
      path: k,
      values: rendered.map((r) => (r.empty.has(k) ? "(no settings)" : r.order.has(k) ? "(with settings)" : null)),
    });
  }
  // the same elements in another order: compared between the distinct orders of each component
  const componentKeys = [...new Set(rendered.flatMap((r) => [...r.order.keys()]))].sort();
  for (const k of componentKeys) {
    const sequences = rendered.map((r) => r.order.get(k));
    const joined = sequences.map((s) => s?.join("\u0000"));
    const distinct = [...new Set(joined.filter((s): s is string => s !== undefined))];
    if (distinct.length < 2) continue;
    const lists = distinct.map((s) => (s === "" ? [] : s.split("\u0000")));
    let differ = false;
    if (oneOrderFitsAll(lists)) continue;
    for (let a = 0; a < lists.length && !differ; a++)
      for (let b = a + 1; b < lists.length && !differ; b++) differ = !sameRelativeOrder(lists[a], lists[b]);
    if (!differ) continue;
    // numbered by the order of the elements every one of these documents has, or, when those agree, of all their elements
    const present = sequences.filter((s): s is string[] => s !== undefined);
    const counts = new Map<string, number>();
    for (const s of present) for (const x of new Set(s)) counts.set(x, (counts.get(x) ?? 0) + 1);
    const common = sequences.map((s) => s?.filter((x) => counts.get(x) === present.length).join("\u0000"));
    const labels = classes(new Set(common.filter((c) => c !== undefined)).size > 1 ? common : joined);
    rows.push({ kind: "order", path: k, values: labels.map((l) => (l === undefined ? null : `order ${l}`)) });
  }
  // the elements outside <settings>: by name, numbered when different elements have the same names
  const extras = rendered.map((r) => r.extras.join("\u0000"));
  if (!allSame(extras)) {
    const names = rendered.map((r) => (r.extras.length ? r.extras.map((x) => `<${inspectExtra(x).name ?? "?"}>`).join(" ") : "(none)"));
    const variant = classes(extras);
    const ambiguous = (i: number) => names.some((m, j) => m === names[i] && extras[j] !== extras[i]);
    rows.push({ kind: "extras", path: "extras", values: names.map((m, i) => (ambiguous(i) ? `${m} (variant ${variant[i]})` : m)) });
  }
  let unnamed = false;
  if (rows.length === 0 && n > 1) {
    const first = renderOrUndefined(docs[0]);
    unnamed = docs.some((d, i) => i > 0 && renderOrUndefined(d) !== first);
  }
  return { rows, same, unnamed };
}
