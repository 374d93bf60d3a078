/**
 * Layers -> one document. `mergeUnattend(base, image, environment)` deep-merges
 * answer-file layers in order, the way an organisation composes them: a base
 * (locale, OOBE, security), an image layer (disk layout, image, commands), an
 * environment layer (domain, accounts, names). Pure, deterministic, never
 * throws: every conflict is a diagnostic naming both layers' paths.
 *
 * The rules, setting by setting (the catalog says which setting is which):
 *
 * - **Values** (a setting with text, a password, `null`): the same value in two
 *   layers merges silently (compared as written in XML, so `1` and `"1"` are
 *   equal; the later layer's form is kept). Two different values are a
 *   `merge-conflict` error, unless the later layer allows it: `override: true`
 *   on the layer, or `override(value)` around the setting (or any object above
 *   it); then the later value wins with a `merge-override` warning.
 * - **Groups** (components, containers, `unvalidated` elements): merged key by key.
 * - **Sequences** (list items keyed by `Order`: RunSynchronous and the other
 *   command lists, CreatePartitions, ModifyPartitions, DataImage,
 *   RegionalOverrides): concatenated in layer order, never a conflict. A
 *   sequence that one layer sets is kept exactly as given; when several layers
 *   add to it, each layer's items are taken in their own `Order` (an item
 *   without one counts as its position, as when rendering) and `Order` is
 *   rewritten 1, 2, 3, ... over the whole sequence (three digits where the
 *   setting is a three-digit string). Two items of one layer with the same
 *   `Order` are then a `duplicate-key` error (their order would be a guess).
 * - **Keyed items** (`Key` of MetaData and Region, an explicit `wcm:keyValue`,
 *   and, for merging, `DiskID` of Disk and `Name` of LocalAccount): an item
 *   whose key an earlier layer already used is dropped when it is equal to the
 *   earlier one, is a `merge-conflict` error when it differs, or replaces the
 *   earlier item in place (with a `merge-override` warning) when overridden.
 * - **Other items** (value lists numbered by position, repeated `unvalidated`
 *   elements): concatenated; an item equal to one from an earlier layer is kept once.
 * - **architectures**: the union, in first-seen order (rendering sorts them);
 *   an overriding layer's list replaces the earlier ones.
 * - **extras**: concatenated; an element equal to an earlier one (by meaning,
 *   blind to layout) is kept once; `<servicing>` may come from one layer only
 *   (a `merge-conflict`, or replaced by an overriding layer).
 *
 * Laws (property-tested in tests/merge.property.test.ts): merging with an
 * empty layer gives the other layer back; merging is associative for layers
 * without conflicts; layers that set different settings (no shared value,
 * sequence or keyed list) give the same answer file in either order, and
 * `architectures` merge in any order to the same set.
 *
 * Diagnostics follow the contract of diagnostics.ts with paths into the
 * layers: `["layers", 2, "settings", "oobeSystem", "Microsoft-Windows-Shell-Setup", "TimeZone"]`
 * (written `layers[2].settings.oobeSystem["Microsoft-Windows-Shell-Setup"].TimeZone`).
 * Credentials (passwords, product keys, domain-join secrets) are never quoted.
 *
 * Values not known yet (Pulumi Outputs, for layers.ts) are handled through
 * MergeHooks: where one is met, the two sides are combined once known.
 */
import { DOCUMENT_FIELDS } from "./args";
import type { UnattendDocument, UnattendLayer } from "./document";
import { componentReadAs, findChild, type CatalogComponent, type Element, type ListItemElement } from "../catalog";
import { HIDDEN, isConfidentialDef, isConfidentialSetting } from "./confidential";
import { diagnostic, formatPath, type Diagnostic, type DiagnosticPath, type PathSegment } from "./diagnostics";
import { extraFingerprint, inspectExtra } from "./extras";
import { KEY_VALUE_ATTR } from "./names";
import { MAX_DEPTH, tooDeep } from "./normalize";
import { OVERRIDE_KEY } from "./names";
import { RESERVED_NAMES, describe, isPlainObject, own, toText } from "./values";
import { didYouMean } from "./suggest";

export type { UnattendLayer };

/** What mergeUnattend returns. */
export interface MergeResult {
  /**
   * The merged document. When `diagnostics` has errors, it holds the earlier
   * layer's value at each conflict: inspect it, but do not render it.
   */
  document: UnattendDocument;
  /** Conflicts (`merge-conflict`), overrides (`merge-override`) and malformed layers; [] for a clean merge. */
  diagnostics: Diagnostic[];
}

export { OVERRIDE_KEY };

/**
 * Marks one value (a setting, a list item, or a whole group) as deliberately
 * replacing what earlier layers set there: a conflict below it becomes a
 * `merge-override` warning and this value wins. Only merging understands the
 * marker (mergeUnattend, and UnattendFile given layers); it is written as
 * `{ "unattend:override": value }`, so the same form works in stack config.
 * @param value the value that wins.
 * @returns the marked value (typed as the value, so it fits the typed settings).
 * @example
 * const env: UnattendLayer = {
 *   settings: { oobeSystem: { "Microsoft-Windows-Shell-Setup": { TimeZone: override("W. Europe Standard Time") } } },
 * };
 */
export function override<T>(value: T): T {
  return { [OVERRIDE_KEY]: value } as unknown as T;
}

/** The value inside an override marker, and whether there was one. */
function unwrapOverride(v: unknown): [unknown, boolean] {
  if (isPlainObject(v)) {
    const keys = Object.keys(v);
    if (keys.length === 1 && keys[0] === OVERRIDE_KEY) return [v[OVERRIDE_KEY], true];
  }
  return [v, false];
}

/**
 * How merging treats values that are not known yet (Pulumi Outputs and
 * promises): layers.ts supplies them; the pure merge has none.
 */
export interface MergeHooks {
  /** Whether a value is not known yet. */
  isOpaque(value: unknown): boolean;
  /**
   * Combines an earlier and a later value, at least one not known yet:
   * `merge` is the pure merge of the two once known (its diagnostics are the
   * caller's to report or throw).
   */
  defer(earlier: unknown, later: unknown, merge: (earlier: unknown, later: unknown) => MergeValueResult): unknown;
}

/** The pure merge of two known values at one place of the document. */
export interface MergeValueResult {
  value: unknown;
  diagnostics: Diagnostic[];
}

const NO_HOOKS: MergeHooks = { isOpaque: () => false, defer: (a) => a };

/** The document fields a layer may have, and what else it may say. */
export const LAYER_FIELDS = DOCUMENT_FIELDS;
const LAYER_OPTIONS = ["name", "override"] as const;

/**
 * Items that the catalog does not key, but that name one thing in the
 * answer file: for merging, the same key in two layers is the same item.
 */
const MERGE_IDENTITY: ReadonlyMap<string, string> = new Map([
  ["Disk", "DiskID"],
  ["LocalAccount", "Name"],
]);

// ---------------------------------------------------------------- the tree

interface Source {
  layer: number;
  path: DiagnosticPath;
  /** Conflicts here are resolved in favour of this value. */
  override: boolean;
}

interface Leaf {
  t: "leaf";
  value: unknown;
  src: Source;
  /** A value not known yet. */
  opaque?: boolean;
}
interface MapNode {
  t: "map";
  entries: Map<string, MNode>;
  src: Source;
}
interface ListItem {
  node: MNode;
  src: Source;
  /** The item as merged (markers removed), for equality. */
  value: unknown;
  /** Identity key (keyed items); undefined for others. */
  id?: string;
  /** Numeric Order (sequences): as given, or the 1-based position. */
  order: number;
  /** Order was given explicitly. */
  explicitOrder: boolean;
  /** The item, or what identifies or orders it, is not known yet. */
  opaque: boolean;
  /** Something inside the item is not known yet (it cannot be compared now). */
  deep: boolean;
}
interface ListNode {
  t: "list";
  items: ListItem[];
  src: Source;
  /** The catalog's item, when known. */
  def?: ListItemElement;
  /** Given as one object where an array is also accepted (an item without list wrapper, e.g. `Disk: { ... }`). */
  single: boolean;
}
type MNode = Leaf | MapNode | ListNode;

/** Where a value sits, which says how it merges. */
type Ctx =
  | { kind: "passes"; unvalidated: boolean }
  | { kind: "pass"; unvalidated: boolean }
  | { kind: "perArchitecture"; unvalidated: boolean }
  | {
      kind: "element";
      def?: CatalogComponent | Element;
      name: string;
      parent?: string;
      unvalidated: boolean;
      /** One item of a list (its def is the list's item): merged as a group, not as a list again. */
      item?: boolean;
      /** Confidential (components/core/confidential.ts): never quoted, nor anything inside it. */
      secret?: boolean;
    };

function childCtx(ctx: Ctx, key: string): Ctx {
  switch (ctx.kind) {
    case "perArchitecture":
      return { kind: "passes", unvalidated: ctx.unvalidated };
    case "passes":
      return { kind: "pass", unvalidated: ctx.unvalidated };
    case "pass": {
      // Windows matches component names without regard to case (normalize reads them so; validation warns)
      const def = ctx.unvalidated ? undefined : componentReadAs(key);
      return { kind: "element", def, name: key, unvalidated: ctx.unvalidated };
    }
    case "element": {
      const def = ctx.def && !isListDef(ctx.def) ? findChild(ctx.def, key)?.el : undefined;
      return { kind: "element", def, name: key, parent: ctx.name, unvalidated: ctx.unvalidated, secret: secretChild(ctx, key, def) };
    }
  }
}

function isListDef(def: CatalogComponent | Element): def is Element & { kind: "list" } {
  return "kind" in def && def.kind === "list";
}

/** The item definition when the value at ctx is a list, else undefined; `generic` for arrays of unknown elements. */
function listItemDef(ctx: Ctx, value: unknown): ListItemElement | "generic" | undefined {
  if (ctx.kind !== "element" || ctx.item) return undefined;
  const def = ctx.def;
  if (def && "kind" in def) {
    if (def.kind === "list") return Array.isArray(value) ? def.item : undefined;
    if (def.kind === "item") return Array.isArray(value) || isPlainObject(value) ? def : undefined;
    return undefined;
  }
  return def === undefined && Array.isArray(value) ? "generic" : undefined;
}

/** Whether a value at ctx is written as a whole (compared, never merged inside). */
function isAtomic(ctx: Ctx): boolean {
  return ctx.kind === "element" && ctx.def !== undefined && "kind" in ctx.def && (ctx.def.kind === "value" || ctx.def.kind === "password");
}

/** Whether the element `key` inside the element at ctx is confidential (the policy: components/core/confidential.ts). */
function secretChild(ctx: Ctx & { kind: "element" }, key: string, def: Element | undefined): boolean {
  if (ctx.secret) return true;
  return isConfidentialSetting(def, key, ctx.name);
}

function isSecretCtx(ctx: Ctx): boolean {
  if (ctx.kind !== "element") return false;
  if (ctx.secret) return true;
  const def = ctx.def && "kind" in ctx.def ? ctx.def : undefined;
  return isConfidentialSetting(def, ctx.name, ctx.parent ?? "");
}

/**
 * Two known values mean the same in XML: scalars compared as written,
 * passwords by value and PlainText, groups and lists element by element.
 * @example sameValue(1, "1") // true
 * @example sameValue("pw", { Value: "pw", PlainText: true }) // true
 */
export function sameValue(a: unknown, b: unknown, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  if (a === b) return true;
  if (a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i], depth + 1));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && sameValue(a[k], b[k], depth + 1));
  }
  if (isPlainObject(a) || isPlainObject(b)) return samePassword(a, b);
  const ta = toText(a);
  return ta !== undefined && ta === toText(b);
}

/** "x" and { Value: "x", PlainText: true } are the same password. */
function samePassword(a: unknown, b: unknown): boolean {
  // PlainText left out is true; null is not (normalize reports it)
  const norm = (v: unknown) =>
    isPlainObject(v) ? { value: own(v, "Value"), plain: own(v, "PlainText") === undefined ? true : own(v, "PlainText") } : { value: v, plain: true };
  const x = norm(a);
  const y = norm(b);
  return x.plain === y.plain && toText(x.value) !== undefined && toText(x.value) === toText(y.value);
}

function numericOrder(v: unknown): number | undefined {
  if (typeof v === "number" && Number.isInteger(v)) return v;
  if (typeof v === "string" && /^\s*\d{1,9}\s*$/.test(v)) return Number(v);
  return undefined;
}

// ---------------------------------------------------------------- the merger

/**
 * How messages name a layer and a place in it. By default `layers[2] ("env")`
 * and `layers[2].settings...`; the CLI names files and lines instead.
 */
export interface LayerNaming {
  /** The layer, e.g. `base.xml`. */
  label?(layer: number): string | undefined;
  /** A place in a layer, e.g. `base.xml:12:13`. */
  where?(layer: number, path: DiagnosticPath): string | undefined;
  /**
   * How to let a later layer win, for messages.
   * @default "`override: true` on that layer, or `override(value)` around this value"
   */
  howToOverride?: string;
}

/** How to let a later layer win, as messages say it. */
function howToOverride(naming: LayerNaming, what: "value" | "item"): string {
  return (
    naming.howToOverride ??
    (what === "value"
      ? "`override: true` on that layer, or `override(value)` around this value"
      : "`override: true` on that layer, or `override(item)` around the item")
  );
}

/** The diagnostics of one merge, and how they name layers and places. */
class LayerReport {
  readonly diagnostics: Diagnostic[] = [];
  private tooDeep = false;

  constructor(
    private readonly labels: readonly string[],
    readonly naming: LayerNaming,
  ) {}

  label(layer: number): string {
    return this.naming.label?.(layer) ?? this.labels[layer] ?? `layers[${layer}]`;
  }

  where(src: Source): string {
    return this.naming.where?.(src.layer, src.path) ?? formatPath(["layers", src.layer, ...src.path]);
  }

  layerPath(src: Source): DiagnosticPath {
    return ["layers", src.layer, ...src.path];
  }

  /** False (and reported once) when a place is past MAX_DEPTH. */
  withinDepth(src: Source): boolean {
    if (src.path.length <= MAX_DEPTH) return true;
    if (!this.tooDeep) {
      this.tooDeep = true;
      this.diagnostics.push(tooDeep(this.layerPath({ ...src, path: src.path.slice(0, MAX_DEPTH) }), "layer", "merged"));
    }
    return false;
  }
}

/**
 * The merge of values into a tree: values, groups and conflicts here; lists
 * (mergeList) and the tree as plain values (emit) below.
 */
class Merger {
  readonly report: LayerReport;
  readonly diagnostics: Diagnostic[];

  constructor(
    private readonly labels: readonly string[],
    private readonly hooks: MergeHooks,
    private readonly naming: LayerNaming = {},
  ) {
    this.report = new LayerReport(labels, naming);
    this.diagnostics = this.report.diagnostics;
  }

  opaque(v: unknown): boolean {
    return this.hooks.isOpaque(v);
  }

  /** Merges `value` (from src.layer at src.path) into `a`; returns the merged node (undefined: nothing there). */
  merge(a: MNode | undefined, raw: unknown, ctx: Ctx, src: Source): MNode | undefined {
    if (raw === undefined) return a;
    const [value, marked] = unwrapOverride(raw);
    if (value === undefined) return a;
    if (marked) src = { ...src, override: true };
    if (!this.report.withinDepth(src)) return a ?? { t: "leaf", value, src };
    if (this.opaque(value) || (a?.t === "leaf" && a.opaque)) {
      if (a === undefined) return { t: "leaf", value, src, opaque: true };
      return this.deferred(a, value, ctx, src);
    }
    const itemDef = listItemDef(ctx, value);
    if (itemDef !== undefined) {
      if (a !== undefined && a.t !== "list") return this.conflict(a, value, ctx, src);
      return mergeList(this, a, value, itemDef, ctx, src);
    }
    if (isPlainObject(value) && !isAtomic(ctx)) {
      if (a !== undefined && a.t !== "map") return this.conflict(a, value, ctx, src);
      return this.mergeMap(a, value, ctx, src);
    }
    // a value
    if (a === undefined) return { t: "leaf", value, src };
    if (a.t === "leaf" && sameValue(a.value, value)) return { t: "leaf", value, src: a.src };
    return this.conflict(a, value, ctx, src);
  }

  /** A group (component, container, unvalidated element): merged key by key. */
  private mergeMap(a: MapNode | undefined, value: Record<string, unknown>, ctx: Ctx, src: Source): MapNode {
    const node: MapNode = a ?? { t: "map", entries: new Map(), src };
    for (const key of Object.keys(value)) {
      if (RESERVED_NAMES.has(key)) {
        this.diagnostics.push(
          diagnostic(
            "error",
            "reserved-name",
            this.report.layerPath({ ...src, path: [...src.path, key] }),
            `"${key}" is not a valid name here: no pass, component, setting or key is called so, and such names are refused because they reach JavaScript's object prototype.`,
          ),
        );
        continue;
      }
      const merged = this.merge(node.entries.get(key), value[key], childCtx(ctx, key), { ...src, path: [...src.path, key] });
      if (merged !== undefined) node.entries.set(key, merged);
    }
    return node;
  }

  /** Two different values at one place: the later wins when overriding (a warning), else the earlier stays (an error). */
  private conflict(a: MNode, value: unknown, ctx: Ctx, src: Source): MNode | undefined {
    const r = this.report;
    const hidden = isSecretCtx(ctx);
    const earlier = a.t === "leaf" ? describe(a.value, hidden) : a.t === "map" ? "an object" : "a list";
    const later = describe(value, hidden);
    const what = hidden ? "different values (not shown: a credential)" : `${earlier} and ${later}`;
    if (src.override) {
      this.diagnostics.push(
        diagnostic(
          "warning",
          "merge-override",
          r.layerPath(src),
          `${r.label(src.layer)} overrides ${hidden ? "the value" : earlier} that ${r.label(a.src.layer)} set at ${r.where(a.src)}${hidden ? "" : ` with ${later}`}.`,
        ),
      );
      return this.merge(undefined, value, ctx, { ...src, override: false });
    }
    this.diagnostics.push(
      diagnostic(
        "error",
        "merge-conflict",
        r.layerPath(src),
        `${r.label(a.src.layer)} and ${r.label(src.layer)} set this to ${what} (the earlier at ${r.where(a.src)}). Give it in one layer only, make them equal, or let the later layer win: ${howToOverride(this.naming, "value")}.`,
      ),
    );
    return a;
  }

  /** One side not known yet: both are combined, by this same merge, once known. */
  deferred(a: MNode, value: unknown, ctx: Ctx, src: Source): MNode {
    const earlier = this.emit(a);
    const earlierSrc = a.src;
    const combined = this.hooks.defer(earlier, value, (x, y) => {
      const m = new Merger(this.labels, NO_HOOKS, this.naming);
      const first = m.merge(undefined, x, ctx, { ...earlierSrc, override: false });
      const node = m.merge(first, y, ctx, src);
      return { value: node === undefined ? undefined : m.emit(node), diagnostics: m.diagnostics };
    });
    return { t: "leaf", value: combined, src, opaque: true };
  }

  /** The merged tree as plain values (sequences renumbered where several layers added to them). */
  emit(node: MNode): unknown {
    return emit(node, this.report);
  }
}

// ---------------------------------------------------------------- lists

/** A list's items from one more layer: concatenated, sequences renumbered, keyed and equal items matched with earlier layers' (see the module's rules). */
function mergeList(m: Merger, a: MNode | undefined, value: unknown, itemDef: ListItemElement | "generic", ctx: Ctx, src: Source): MNode | undefined {
  const def = itemDef === "generic" ? undefined : itemDef;
  const node: ListNode = a?.t === "list" ? a : { t: "list", items: [], src, def, single: !Array.isArray(value) };
  if (a !== undefined) node.single = false;
  const itemCtx = listItemCtx(ctx, def);
  const incoming = incomingItems(m, value, def, itemCtx, src);
  const others = node.items.filter((x) => x.src.layer !== src.layer);
  if (others.length === 0) {
    node.items.push(...incoming);
    return node;
  }
  // to merge with another layer's items, what identifies (or orders) them must be known
  if (others.some((x) => x.opaque) || incoming.some((x) => x.opaque)) return m.deferred(node, value, ctx, src);
  const twins = twinsOf(incoming, others, isSequence(def));
  if (incoming.some((item, i) => twins[i] !== undefined && (item.deep || twins[i]!.deep))) return m.deferred(node, value, ctx, src);
  addItems(m.report, node, incoming, twins, others, def, itemCtx);
  return node;
}

/** Where a list's items sit: each merged as a group of its own, confidential where the list or the item is. */
function listItemCtx(ctx: Ctx, def: ListItemElement | undefined): Ctx {
  return ctx.kind === "element"
    ? {
        kind: "element",
        def,
        name: def?.name ?? ctx.name,
        parent: ctx.name,
        unvalidated: ctx.unvalidated,
        item: true,
        secret: isSecretCtx(ctx) || isConfidentialDef(def),
      }
    : { kind: "element", name: "", unvalidated: true, item: true };
}

/** The items one layer gives (one object where an array is also accepted counts as one item), read. */
function incomingItems(m: Merger, value: unknown, def: ListItemElement | undefined, itemCtx: Ctx, src: Source): ListItem[] {
  const items = Array.isArray(value) ? value : [value];
  const incoming: ListItem[] = [];
  items.forEach((raw, i) => {
    const [v, marked] = unwrapOverride(raw);
    if (v === undefined) return;
    const isrc: Source = { layer: src.layer, path: Array.isArray(value) ? [...src.path, i] : src.path, override: src.override || marked };
    incoming.push(listItem(m, v, isrc, def, i, itemCtx));
  });
  return incoming;
}

/** For each incoming item, the earlier layers' item it is the same item as (same key, or equal): none in a sequence. */
function twinsOf(incoming: ListItem[], others: ListItem[], sequence: boolean): (ListItem | undefined)[] {
  return incoming.map((item) => {
    if (sequence) return undefined;
    if (item.id !== undefined) return others.find((x) => x.id === item.id);
    return item.deep ? undefined : others.find((x) => x.id === undefined && !x.deep && sameValue(x.value, item.value));
  });
}

/** The incoming items into the list: new ones added (with warnings for repeated commands and image selections), twins kept once, replaced or in conflict. */
function addItems(
  r: LayerReport,
  node: ListNode,
  incoming: ListItem[],
  twins: (ListItem | undefined)[],
  others: ListItem[],
  def: ListItemElement | undefined,
  itemCtx: Ctx,
) {
  const sequence = isSequence(def);
  incoming.forEach((item, i) => {
    const twin = twins[i];
    if (twin === undefined) {
      if (sequence) repeatedCommand(r, others, item, def!);
      else if (def?.name === "MetaData") imageSelection(r, others, item);
      node.items.push(item);
    } else if (!sameValue(twin.value, item.value)) itemConflict(r, node, twin, item, def, itemCtx);
    // else: the same item again, kept once
  });
}

/** A command (CommandLine, or Path of RunSynchronous/RunAsynchronous) that an earlier layer already adds to the same list: it would run twice. */
function repeatedCommand(r: LayerReport, others: ListItem[], item: ListItem, def: ListItemElement) {
  const field = commandField(item.value);
  if (field === undefined) return;
  const first = others.find((x) => commandField(x.value)?.[0] === field[0] && sameCommand(commandField(x.value)![1], field[1]));
  if (!first) return;
  r.diagnostics.push(
    diagnostic(
      "warning",
      "merge-repeated-command",
      [...r.layerPath(item.src), field[0]],
      `${r.label(item.src.layer)} adds a ${def.name} whose ${field[0]} is the same as that of ${r.label(first.src.layer)} at ${r.where(first.src)}: layers' commands are concatenated, so it would run twice. Keep it in one layer (or make the two differ, if running it twice is meant).`,
    ),
  );
}

/** Two layers selecting the Windows image by different MetaData keys (/IMAGE/INDEX and /IMAGE/NAME): both are kept, and both must match. */
function imageSelection(r: LayerReport, others: ListItem[], item: ListItem) {
  const key = item.id?.trim().toUpperCase();
  if (key === undefined || !key.startsWith("/IMAGE/")) return;
  const other = others.find((x) => x.id !== undefined && x.id.trim().toUpperCase() !== key && x.id.trim().toUpperCase().startsWith("/IMAGE/"));
  if (!other) return;
  r.diagnostics.push(
    diagnostic(
      "warning",
      "merge-image-selection",
      r.layerPath(item.src),
      `${r.label(item.src.layer)} selects the image by ${key} while ${r.label(other.src.layer)} selects it by ${other.id!.trim().toUpperCase()} (at ${r.where(other.src)}): the merged file keeps both MetaData items, and Windows Setup installs only an image that matches every one of them, stopping at "Select the operating system" when none does. Select the image in one layer, by one key.`,
    ),
  );
}

/** A keyed item that an earlier layer declared differently: replaced when overriding (a warning), else the earlier stays (an error). */
function itemConflict(r: LayerReport, node: ListNode, twin: ListItem, item: ListItem, def: ListItemElement | undefined, ctx: Ctx) {
  const keyName = identityName(def) ?? "key";
  const key = isSecretCtx(ctx) ? HIDDEN : JSON.stringify(item.id);
  const what = def?.name ?? "item";
  if (item.src.override) {
    r.diagnostics.push(
      diagnostic(
        "warning",
        "merge-override",
        r.layerPath(item.src),
        `${r.label(item.src.layer)} replaces the ${what} with ${keyName} ${key} that ${r.label(twin.src.layer)} declared at ${r.where(twin.src)}.`,
      ),
    );
    node.items[node.items.indexOf(twin)] = item;
    return;
  }
  r.diagnostics.push(
    diagnostic(
      "error",
      "merge-conflict",
      r.layerPath(item.src),
      `${r.label(twin.src.layer)} and ${r.label(item.src.layer)} both declare a ${what} with ${keyName} ${key}, differently (the earlier at ${r.where(twin.src)}). Declare it in one layer only, make both equal, or let the later replace it: ${howToOverride(r.naming, "item")}.`,
    ),
  );
}

/** An incoming list item, with what identifies or orders it. */
function listItem(m: Merger, v: unknown, src: Source, def: ListItemElement | undefined, position: number, ctx: Ctx): ListItem {
  const node = m.merge(undefined, v, ctx, src) ?? { t: "leaf", value: v, src };
  const deep = containsOpaque(node);
  let opaque = m.opaque(v);
  let id: string | undefined;
  let order = position + 1;
  let explicitOrder = false;
  if (isPlainObject(v) && !opaque) {
    if (isSequence(def)) {
      const given = own(v, "Order");
      const n = numericOrder(given);
      if (n !== undefined) {
        order = n;
        explicitOrder = true;
      } else if (given !== undefined && m.opaque(given)) opaque = true;
    } else {
      const keyChild = identityName(def);
      if (keyChild !== undefined) {
        const k = own(v, keyChild);
        if (m.opaque(k)) opaque = true;
        else id = toText(k);
      }
    }
  }
  // items told apart by equality only must be known to be compared
  if (!isSequence(def) && identityName(def) === undefined && deep) opaque = true;
  return { node, src, value: deep ? undefined : m.emit(node), id, order, explicitOrder, opaque, deep };
}

// ---------------------------------------------------------------- the tree as plain values

/** The merged tree as plain values (sequences renumbered where several layers added to them). */
function emit(node: MNode, r: LayerReport): unknown {
  switch (node.t) {
    case "leaf":
      return node.value;
    case "map": {
      const out: Record<string, unknown> = {};
      for (const [k, v] of node.entries) setOwn(out, k, emit(v, r));
      return out;
    }
    case "list": {
      const layers = new Set(node.items.map((x) => x.src.layer));
      if (layers.size > 1 && isSequence(node.def)) return renumber(node, node.def!, r);
      const values = node.items.map((x) => emit(x.node, r));
      return node.single && values.length === 1 ? values[0] : values;
    }
  }
}

/** A sequence that several layers added to: each layer's items in their Order, then Order = 1, 2, 3... */
function renumber(node: ListNode, def: ListItemElement, r: LayerReport): unknown[] {
  const sorted = node.items
    .map((x, i) => ({ x, i }))
    .sort((p, q) => p.x.src.layer - q.x.src.layer || p.x.order - q.x.order || p.i - q.i)
    .map((p) => p.x);
  for (let i = 1; i < sorted.length; i++) {
    const [p, q] = [sorted[i - 1], sorted[i]];
    if (p.src.layer === q.src.layer && p.order === q.order) {
      r.diagnostics.push(
        diagnostic(
          "error",
          "duplicate-key",
          r.layerPath(q.src),
          `Order ${q.order}${q.explicitOrder ? "" : " (its position)"} is used twice in ${r.label(q.src.layer)}'s ${def.name} items (first at ${r.where(p.src)}); merged with other layers, the items are numbered in each layer's Order, so each item of a layer needs its own Order.`,
        ),
      );
    }
  }
  const format = orderFormat(def);
  return sorted.map((x, i) => {
    const v = emit(x.node, r);
    if (!isPlainObject(v)) return v;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) setOwn(out, k, v[k]);
    setOwn(out, "Order", format(i + 1));
    return out;
  });
}

// ---------------------------------------------------------------- helpers

/** The field that says what a command list item runs (CommandLine, or Path for RunSynchronous/RunAsynchronous), with its text, when plain. */
function commandField(v: unknown): [string, string] | undefined {
  if (!isPlainObject(v)) return undefined;
  for (const name of ["CommandLine", "Path"]) {
    const x = own(v, name);
    if (typeof x === "string" && x.trim() !== "") return [name, x];
  }
  return undefined;
}

/** Commands equal but for case and white space around and between words. */
function sameCommand(a: string, b: string): boolean {
  const norm = (s: string) => s.trim().replace(/\s+/g, " ").toLowerCase();
  return norm(a) === norm(b);
}

/** Sets an own property (never a prototype setter, whatever the key). */
function setOwn(o: Record<string, unknown>, k: string, v: unknown) {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}

function isSequence(def: ListItemElement | undefined): boolean {
  return def?.key?.kind === "child" && def.key.name === "Order";
}

/** The child (or attribute) that identifies an item, for keyed items. */
function identityName(def: ListItemElement | undefined): string | undefined {
  if (def === undefined || isSequence(def)) return undefined;
  if (def.key?.kind === "child") return def.key.name;
  if (def.key?.kind === "keyValue") return KEY_VALUE_ATTR;
  return MERGE_IDENTITY.get(def.name);
}

/** How a renumbered Order is written: a number, or text (three digits where the setting's pattern asks for them). */
function orderFormat(def: ListItemElement): (n: number) => unknown {
  const order = def.children?.find((c) => c.name === "Order");
  const type = order?.kind === "value" ? order.type : undefined;
  if (type?.kind !== "string") return (n) => n;
  const threeDigits = type.pattern !== undefined && new RegExp(`^(?:${type.pattern})$`).test("001");
  return threeDigits ? (n) => String(n).padStart(3, "0") : (n) => String(n);
}

function containsOpaque(node: MNode): boolean {
  switch (node.t) {
    case "leaf":
      return node.opaque === true;
    case "map":
      return [...node.entries.values()].some(containsOpaque);
    case "list":
      return node.items.some((x) => x.opaque || containsOpaque(x.node));
  }
}

// ---------------------------------------------------------------- layers

function layerLabel(layer: unknown, i: number): string {
  const name = isPlainObject(layer) ? own(layer, "name") : undefined;
  return typeof name === "string" && name !== "" ? `layers[${i}] (${JSON.stringify(name)})` : `layers[${i}]`;
}

const FIELD_CTX: Record<"settings" | "perArchitecture" | "unvalidated" | "unvalidatedPerArchitecture", Ctx> = {
  settings: { kind: "passes", unvalidated: false },
  perArchitecture: { kind: "perArchitecture", unvalidated: false },
  unvalidated: { kind: "passes", unvalidated: true },
  unvalidatedPerArchitecture: { kind: "perArchitecture", unvalidated: true },
};

/**
 * The merge of any layers, known or not (see MergeHooks): the document as
 * plain values where known, and the diagnostics found now. Never throws.
 * mergeUnattend is this without hooks; layers.ts passes hooks for Outputs,
 * the CLI a naming that says files and lines.
 * @param layers the layers, earliest first (anything: what is not a layer is reported).
 * @param hooks how values not known yet are merged.
 * @default hooks none: every value is known
 * @param naming how messages name layers and places.
 * @default naming `layers[i] ("name")` and `layers[i].settings...`
 * @example mergeLayersWith([a, b], undefined, { label: (i) => files[i] })
 */
export function mergeLayersWith(
  layers: readonly unknown[],
  hooks: MergeHooks = NO_HOOKS,
  naming: LayerNaming = {},
): { document: Record<string, unknown>; diagnostics: Diagnostic[] } {
  const labels = layers.map((l, i) => naming.label?.(i) ?? layerLabel(l, i));
  const run: LayerRun = { m: new Merger(labels, hooks, naming), labels, hooks, naming };
  const merged: MergedLayers = { roots: new Map(), extras: [] };
  layers.forEach((layer, j) => {
    if (!isLayer(run, layer, j)) return;
    const overriding = checkLayerFields(run, layer, j);
    mergeTrees(run, merged, layer, j, overriding);
    mergeArchitectures(run, merged, own(layer, "architectures"), j, overriding);
    mergeLayerExtras(run, merged, own(layer, "extras"), j, overriding);
  });
  return { document: emitDocument(run, merged, layers), diagnostics: run.m.diagnostics };
}

/** What every step of mergeLayersWith reads: the tree merger (which holds the diagnostics), the layers' labels, the hooks and the naming. */
interface LayerRun {
  m: Merger;
  labels: readonly string[];
  hooks: MergeHooks;
  naming: LayerNaming;
}

/** An extra element as merged, with what tells it apart. */
interface MergedExtra {
  value: unknown;
  src: Source;
  fingerprint?: string;
  servicing: boolean;
}

/** The layers merged so far, field by field. */
interface MergedLayers {
  /** The trees of settings, perArchitecture, unvalidated and unvalidatedPerArchitecture. */
  roots: Map<keyof typeof FIELD_CTX, MNode>;
  architectures?: { value: unknown; src: Source };
  extras: MergedExtra[];
  /** The extras, once one of them is not known yet: combined when known. */
  extrasLate?: unknown;
  /** The first layer that gives extras. */
  extrasFirstLayer?: number;
}

/** Whether a value is a layer (an object known now); anything else is reported. */
function isLayer(run: LayerRun, layer: unknown, j: number): layer is Record<string, unknown> {
  if (isPlainObject(layer) && !run.hooks.isOpaque(layer)) return true;
  run.m.diagnostics.push(
    diagnostic(
      "error",
      "wrong-shape",
      ["layers", j],
      `Expected a layer ({ settings?, architectures?, perArchitecture?, unvalidated?, unvalidatedPerArchitecture?, extras?, name?, override? }), got ${describe(layer)}.`,
    ),
  );
  return false;
}

/** A layer's `name`, `override` and other fields checked; returns whether it overrides. */
function checkLayerFields(run: LayerRun, layer: Record<string, unknown>, j: number): boolean {
  const at = (...path: PathSegment[]): DiagnosticPath => ["layers", j, ...path];
  const name = own(layer, "name");
  if (name !== undefined && typeof name !== "string")
    run.m.diagnostics.push(diagnostic("error", "wrong-shape", at("name"), `Expected a string naming the layer, got ${describe(name)}.`));
  const flag = own(layer, "override");
  if (flag !== undefined && typeof flag !== "boolean")
    run.m.diagnostics.push(diagnostic("error", "wrong-shape", at("override"), `Expected true or false, got ${describe(flag)}.`));
  for (const key of Object.keys(layer)) {
    if ((LAYER_FIELDS as readonly string[]).includes(key) || (LAYER_OPTIONS as readonly string[]).includes(key)) continue;
    const hint = /^(windowsPE|offlineServicing|generalize|specialize|auditSystem|auditUser|oobeSystem)$/.test(key)
      ? ` Passes go under \`settings\`: { settings: { ${key}: ... } }.`
      : didYouMean(key, [...LAYER_FIELDS, ...LAYER_OPTIONS]);
    run.m.diagnostics.push(
      diagnostic("error", "wrong-shape", at(key), `A layer has no field "${key}". Valid: ${[...LAYER_FIELDS, ...LAYER_OPTIONS].join(", ")}.${hint}`),
    );
  }
  return flag === true;
}

/** The layer's trees (settings, perArchitecture, unvalidated, unvalidatedPerArchitecture) merged into the earlier ones. */
function mergeTrees(run: LayerRun, merged: MergedLayers, layer: Record<string, unknown>, j: number, overriding: boolean) {
  for (const field of Object.keys(FIELD_CTX) as (keyof typeof FIELD_CTX)[]) {
    const node = run.m.merge(merged.roots.get(field), own(layer, field), FIELD_CTX[field], { layer: j, path: [field], override: overriding });
    if (node !== undefined) merged.roots.set(field, node);
  }
}

/** architectures: the union, or replaced by an overriding layer. */
function mergeArchitectures(run: LayerRun, merged: MergedLayers, arch: unknown, j: number, overriding: boolean) {
  if (arch === undefined) return;
  const { hooks, labels, naming } = run;
  const src: Source = { layer: j, path: ["architectures"], override: overriding };
  const earlier = merged.architectures;
  if (hooks.isOpaque(arch) || (Array.isArray(arch) && arch.some((a) => hooks.isOpaque(a))) || (earlier && hooks.isOpaque(earlier.value))) {
    // the earlier side's source as it is now (the union is made later, once known), and the kept one's as when known
    merged.architectures =
      earlier?.value === undefined
        ? { value: arch, src }
        : {
            value: hooks.defer(earlier.value, arch, (x, y) => unionArchitectures(x, y, overriding, labels, earlier.src, src, naming)),
            src: overriding ? src : earlier.src,
          };
  } else if (!Array.isArray(arch)) {
    run.m.diagnostics.push(
      diagnostic(
        "error",
        "wrong-shape",
        ["layers", j, "architectures"],
        `Expected an array of architecture names (x86, amd64, arm64, wow64), got ${describe(arch)}.`,
      ),
    );
  } else if (earlier === undefined) {
    merged.architectures = { value: [...arch], src };
  } else {
    const r = unionArchitectures(earlier.value, arch, overriding, labels, earlier.src, src, naming);
    run.m.diagnostics.push(...r.diagnostics);
    merged.architectures = { value: r.value, src: overriding ? src : earlier.src };
  }
}

/** extras: concatenated, equal ones once, <servicing> from one layer; combined once known when one is not known yet. */
function mergeLayerExtras(run: LayerRun, merged: MergedLayers, ex: unknown, j: number, overriding: boolean) {
  if (ex === undefined) return;
  const { hooks, labels, naming } = run;
  merged.extrasFirstLayer ??= j;
  if (
    hooks.isOpaque(ex) ||
    merged.extrasLate !== undefined ||
    (Array.isArray(ex) && ex.some((e) => hooks.isOpaque(e) || (isPlainObject(e) && hooks.isOpaque(own(e, "xml")))))
  ) {
    const earlier = merged.extrasLate ?? merged.extras.map((e) => e.value);
    const earlierLayer = merged.extrasFirstLayer ?? j;
    merged.extras.length = 0;
    merged.extrasLate = hooks.defer(earlier, ex, (x, y) => {
      const inner: MergedExtra[] = [];
      const diagnostics: Diagnostic[] = [];
      addExtras(inner, x, { layer: earlierLayer, path: ["extras"], override: false }, labels, diagnostics, naming);
      addExtras(inner, y, { layer: j, path: ["extras"], override: overriding }, labels, diagnostics, naming);
      return { value: inner.map((e) => e.value), diagnostics };
    });
    return;
  }
  addExtras(merged.extras, ex, { layer: j, path: ["extras"], override: overriding }, labels, run.m.diagnostics, naming);
}

/** The merged layers as one document of plain values (where known). */
function emitDocument(run: LayerRun, merged: MergedLayers, layers: readonly unknown[]): Record<string, unknown> {
  const document: Record<string, unknown> = {};
  const settings = merged.roots.get("settings");
  setOwn(document, "settings", settings ? run.m.emit(settings) : {});
  if (merged.architectures !== undefined) setOwn(document, "architectures", merged.architectures.value);
  for (const field of ["perArchitecture", "unvalidated", "unvalidatedPerArchitecture"] as const) {
    const node = merged.roots.get(field);
    if (node !== undefined) setOwn(document, field, run.m.emit(node));
  }
  if (merged.extrasLate !== undefined) setOwn(document, "extras", merged.extrasLate);
  else if (layers.some((l) => isPlainObject(l) && own(l, "extras") !== undefined))
    setOwn(
      document,
      "extras",
      merged.extras.map((e) => e.value),
    );
  return document;
}

function unionArchitectures(
  earlier: unknown,
  later: unknown,
  overriding: boolean,
  labels: readonly string[],
  a: Source,
  b: Source,
  naming: LayerNaming,
): MergeValueResult {
  const diagnostics: Diagnostic[] = [];
  if (!Array.isArray(later)) {
    diagnostics.push(
      diagnostic(
        "error",
        "wrong-shape",
        ["layers", b.layer, "architectures"],
        `Expected an array of architecture names (x86, amd64, arm64, wow64), got ${describe(later)}.`,
      ),
    );
    return { value: earlier, diagnostics };
  }
  if (!Array.isArray(earlier)) return { value: [...later], diagnostics };
  if (overriding) {
    const same = earlier.length === later.length && earlier.every((x) => later.includes(x)) && later.every((x) => earlier.includes(x));
    if (!same) {
      diagnostics.push(
        diagnostic(
          "warning",
          "merge-override",
          ["layers", b.layer, "architectures"],
          `${labels[b.layer] ?? `layers[${b.layer}]`} replaces the architectures ${names(earlier)} that ${labels[a.layer] ?? `layers[${a.layer}]`} set at ${naming.where?.(a.layer, a.path) ?? formatPath(["layers", a.layer, ...a.path])} with ${names(later) || "none"}.`,
        ),
      );
    }
    return { value: [...later], diagnostics };
  }
  return { value: [...earlier, ...later.filter((x) => !earlier.includes(x))], diagnostics };
}

/** Architecture names for messages: "x86", "amd64". */
function names(list: unknown[]): string {
  return list.map((x) => (typeof x === "string" ? JSON.stringify(x) : describe(x))).join(", ");
}

function addExtras(out: MergedExtra[], value: unknown, src: Source, labels: readonly string[], diagnostics: Diagnostic[], naming: LayerNaming) {
  if (value === undefined || value === null) return;
  if (!Array.isArray(value)) {
    diagnostics.push(
      diagnostic(
        "error",
        "wrong-shape",
        ["layers", src.layer, ...src.path],
        `Expected an array of { xml: string, placement?: "before" | "after" }, got ${describe(value)}.`,
      ),
    );
    return;
  }
  const label = (i: number) => labels[i] ?? `layers[${i}]`;
  value.forEach((e, i) => {
    const path = [...src.path, i];
    const xml = isPlainObject(e) ? own(e, "xml") : undefined;
    if (typeof xml !== "string") {
      out.push({ value: e, src: { ...src, path }, servicing: false }); // validation reports its shape
      return;
    }
    const info = inspectExtra(xml);
    const fingerprint = info.problem ? undefined : extraFingerprint(xml);
    const servicing = info.placement === "before";
    if (fingerprint !== undefined && out.some((x) => x.src.layer !== src.layer && x.fingerprint === fingerprint)) return; // the same element again
    const earlier = servicing ? out.find((x) => x.servicing && x.src.layer !== src.layer) : undefined;
    if (earlier) {
      const where = naming.where?.(earlier.src.layer, earlier.src.path) ?? formatPath(["layers", earlier.src.layer, ...earlier.src.path]);
      if (src.override) {
        diagnostics.push(
          diagnostic(
            "warning",
            "merge-override",
            ["layers", src.layer, ...path],
            `${label(src.layer)} replaces the <servicing> element that ${label(earlier.src.layer)} gave at ${where}.`,
          ),
        );
        out[out.indexOf(earlier)] = { value: e, src: { ...src, path }, fingerprint, servicing };
      } else {
        diagnostics.push(
          diagnostic(
            "error",
            "merge-conflict",
            ["layers", src.layer, ...path],
            `${label(earlier.src.layer)} and ${label(src.layer)} both give a <servicing> element, differently (the earlier at ${where}); an answer file has at most one. Give it in one layer, or let the later replace it: ${naming.howToOverride ?? "`override: true` on that layer"}.`,
          ),
        );
      }
      return;
    }
    out.push({ value: e, src: { ...src, path }, fingerprint, servicing });
  });
}

/**
 * Deep-merges answer-file layers in order (see this module's rules): values
 * set twice must agree unless the later layer overrides, sequences of
 * commands and partitions are concatenated and renumbered, keyed items must
 * not collide, architectures are united and extras concatenated. Pure and
 * deterministic; never throws.
 * @param layers the layers, earliest first: any `UnattendDocument`, a
 *   building block's result, or a partial document with `name` and `override`.
 * @returns the merged document and the diagnostics (errors for conflicts,
 *   warnings for overrides); render the document only when there are no errors.
 * @example
 * const { document, diagnostics } = mergeUnattend(
 *   { name: "base", settings: { oobeSystem: { "Microsoft-Windows-Shell-Setup": { TimeZone: "UTC" } } } },
 *   localAdministrator({ name: "ops", password: "..." }),
 * );
 * if (!diagnostics.some((d) => d.severity === "error")) renderUnattend(document);
 */
export function mergeUnattend(...layers: UnattendLayer[]): MergeResult {
  const { document, diagnostics } = mergeLayersWith(layers);
  return { document: document as unknown as UnattendDocument, diagnostics };
}
