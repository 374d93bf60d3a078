/**
 * Typed inputs -> normalised tree. Pure and lenient: it never throws on bad
 * input, it keeps what it cannot place (unknown names, wrong shapes) for
 * validate.ts to report, and it fixes the order of everything so that the same
 * settings give the same tree whatever the key order of the input.
 *
 * Input is untrusted: only own properties are read, `__proto__`,
 * `constructor` and `prototype` are reported (`reserved-name`) and skipped,
 * and nesting deeper than MAX_DEPTH is reported (`too-deep`) and not walked,
 * so no input can reach a prototype, recurse without bound or loop on a cycle.
 */
import {
  ARCHITECTURES,
  PASSES,
  findChild,
  componentReadAs,
  formatListKey,
  type CatalogComponent,
  type Element,
  type ListItemElement,
} from "../catalog";
import type { DocumentField } from "./args";
import { isConfidentialAsWritten, isConfidentialDef, isConfidentialSetting, markConfidential } from "./confidential";
import { diagnostic, wrongShape, type BuiltinCode, type DiagnosticOf, type DiagnosticPath, type PathSegment } from "./diagnostics";
import { MAX_DEPTH } from "./limits";
import type { ComponentNode, ExtraNode, NormalDocument, SettingNode } from "./model";
import { ACTION_ATTR, KEY_VALUE_ATTR, NIL_ATTR, PASSWORD_PARTS } from "./names";
import { didYouMean, listOf } from "./suggest";
import { encodePassword } from "./password";
import { RESERVED_NAMES, append, describe, isPlainObject, own, toText } from "./values";

/**
 * The key that gives an unvalidated element's children in order, as an array of objects of child
 * elements: `{ "#children": [{ Step: "a" }, { Run: "b" }, { Step: "c" }] }` (an object's own keys are
 * written sorted, whatever their order). It cannot be an element name.
 */
export const CHILDREN_KEY = "#children";

/** The plain (already resolved) input of the pure functions: the document's fields, untrusted. */
export type PlainDocument = { [K in DocumentField]?: unknown };

export interface NormalizeOptions {
  /**
   * Values not known yet (e.g. Pulumi Outputs): kept as `raw` on an `opaque`
   * node, neither walked nor converted to text.
   */
  isOpaque?: (value: unknown) => boolean;
}

export const DEFAULT_ARCHITECTURES = ["amd64"] as const;

/** The architecture of a shared component until forArchitectures places it (never in a document). */
const SHARED = "";

export { MAX_DEPTH };

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

export function normalize(input: PlainDocument, options: NormalizeOptions = {}): NormalDocument {
  // values not known yet are looked up by their node later (UnattendFile): the nodes must then be kept
  return new Normalizer(options.isOpaque ?? (() => false), options.isOpaque === undefined).document(input);
}

/** An unvalidated component's value, kept for its settings (see LAZY_SETTINGS). */
const RAW_VALUE = Symbol("its unvalidated value");

/**
 * The settings of a component given whole under `unvalidated` (and joining
 * no validated one), made from its value each time they are read, not kept:
 * such a component is read, as given, by validation, by the rule that looks
 * for a mention and by rendering, each once, and nothing refers to its nodes
 * from one reading to the next. Kept, they were half the normalised tree of a
 * file of thousands of unknown components (753 bytes each: 18 of 37 MB for a
 * realistic file of 15.6 MiB), alive beside the parse result while it was
 * validated. The value is read once when normalised, for what it says
 * (diagnostics). One getter for all such components (own and enumerable: a
 * spread or JSON sees `settings`).
 */
const LAZY_SETTINGS: PropertyDescriptor = {
  get(this: ComponentNode & { [RAW_VALUE]: Record<string, unknown> }): SettingNode[] {
    return new RawReader(new Walk(() => false)).rawChildren(this[RAW_VALUE], this.path, false);
  },
  enumerable: true,
  configurable: true,
};

/**
 * The element(s) an opaque node stands for, as normalize() builds them once
 * its value is known (for values resolved later). An `unvalidated` element
 * whose value is an array is that many elements. The problems found in the
 * value go into `diagnostics`.
 */
export function normalizeNode(node: SettingNode, raw: unknown, diagnostics: DiagnosticOf<BuiltinCode>[] = []): SettingNode[] {
  const walk = new Walk(() => false);
  const nodes = elementsOf(walk, node, raw);
  // what normalize() would have found in the value: reported with the document's
  append(diagnostics, walk.diagnostics);
  return nodes;
}

function elementsOf(walk: Walk, node: SettingNode, raw: unknown): SettingNode[] {
  // a property given as an Output (a secret, a promise) of undefined is left out, as a property of undefined is
  // (normalize() skips it), an item's Order numbered as one left out; an item of a list is read as normalize() reads one
  if (raw === undefined && typeof node.path[node.path.length - 1] === "string") {
    if (node.absentText === undefined) return [];
    raw = node.absentText;
  }
  if (node.unvalidated) {
    const r = new RawReader(walk);
    const sensitive = !!node.sensitive;
    // an array repeats its element, only one level up (an item of one is reported, as normalize() does)
    if (Array.isArray(raw) && !node.repeated) return Array.from(raw).flatMap((v, i) => r.rawNode(node.name, v, node.path, i, true, sensitive) ?? []);
    // the node's path is its parent's and its name (or its index, for one of a repeated element)
    const last = node.path[node.path.length - 1];
    const index = typeof last === "number" ? last : undefined;
    return [r.rawNode(node.name, raw, node.path.slice(0, -1), index, !!node.repeated, sensitive)].filter((x): x is SettingNode => x !== undefined);
  }
  const n = new SettingsReader(walk);
  const def = node.def;
  if (def?.kind === "item" && node.position === undefined) {
    // a repeated element without a list wrapper (DiskConfiguration/Disk): one element per item, as normalize() reads it
    return (Array.isArray(raw) ? Array.from(raw) : [raw]).map((item, i) => n.listItem(def, item, node.path, i));
  }
  // the node's path is its parent's and its name (or its index in its list)
  const up = node.path.slice(0, -1);
  return [def?.kind === "item" ? n.listItem(def, raw, up, node.position ?? 0) : n.node(node.name, def, raw, up)];
}

/**
 * `null` is not a value. It used to be written as `xsi:nil="true"`, which no
 * answer file uses (none of the 40 real files in ../shared/corpus, none of the
 * reference's 1,103 examples, none found in public code) and which a strict
 * schema validator rejects (the answer-file elements are not nillable): see
 * the README. `xsi:nil` stays available, explicitly, under `unvalidated`.
 */
/**
 * The path of an unvalidated node, one segment on its parent's, made into an
 * array only when read (`pathOf`): such content nests up to MAX_DEPTH, and a
 * copied path per node made deep input quadratic in time and memory.
 */
interface PathStep {
  up: PathStep | DiagnosticPath;
  segment: PathSegment;
  length: number;
}
type PathRef = PathStep | DiagnosticPath;

const isStep = (p: PathRef): p is PathStep => !Array.isArray(p);
const stepOf = (up: PathRef, segment: PathSegment): PathStep => ({ up, segment, length: up.length + 1 });

function pathOf(p: PathRef): DiagnosticPath {
  return isStep(p) ? pathWith(p, 0) : p;
}

/**
 * The path of `p` with room for `extra` more segments at its end, made at its
 * size (an array grown by push keeps room for 16 more: a diagnostic's path
 * weighed twice what it holds).
 */
function pathWith(p: PathRef, extra: number): PathSegment[] {
  const out: PathSegment[] = new Array<PathSegment>(p.length + extra);
  let i = p.length;
  let r: PathRef = p;
  for (; isStep(r); r = r.up) out[--i] = r.segment;
  for (let j = 0; j < i; j++) out[j] = r[j];
  return out;
}

/**
 * A node's path is its parent's and its own last segment: its name, or its
 * index when it is an item of a list or of a repeated element. A node keeps
 * its parent's (a PathStep, or an array at the top: not enumerable, under
 * PARENT) and the index when there is one (INDEX), and the array is made when
 * `path` is read (one getter for all nodes; a getter per node weighed 700
 * bytes): a path array per node weighed more than the node (a list of 100,000
 * items kept 100,000 of them), and a copied path per node made deep input
 * quadratic. Not enumerable, but writable and configurable: a Proxy around a
 * node (a test counting reads) may hand out its own value for them, which a
 * read-only, non-configurable property forbids.
 */
const PARENT = Symbol("parent path");
const INDEX = Symbol("index in its list");
/** For an element of a `#children` sequence: its entry's index, between the sequence's path and its name (no step object for each entry). */
const ENTRY = Symbol("entry of its sequence");
const LAZY_PATH: PropertyDescriptor = {
  get(this: { name: string; [PARENT]: PathRef; [INDEX]?: number; [ENTRY]?: number }) {
    const up = this[PARENT];
    const entry = this[ENTRY];
    const out = pathWith(up, entry === undefined ? 1 : 2);
    if (entry !== undefined) out[up.length] = entry;
    out[out.length - 1] = this[INDEX] ?? this.name;
    return out;
  },
  enumerable: true,
  configurable: true,
};

/** Gives `n` its path: `up` (then `entry`, in a sequence) and its name, or `up` and `index`. */
function place<N extends object>(n: N, up: PathRef, index?: number, entry?: number): N {
  Object.defineProperty(n, PARENT, { value: up, writable: true, configurable: true });
  if (index !== undefined) Object.defineProperty(n, INDEX, { value: index, writable: true, configurable: true });
  if (entry !== undefined) Object.defineProperty(n, ENTRY, { value: entry, writable: true, configurable: true });
  Object.defineProperty(n, "path", LAZY_PATH);
  return n;
}

/**
 * Nodes as made: classes only so that V8 keeps room in the object for what is
 * set after (text or children, action, keyValue, repeated, sensitive): an
 * object literal has none, and each such node then took a separate store (40
 * bytes more, for the most numerous objects of a large file). To every reader
 * plain objects: own enumerable fields.
 */
class RawNode {
  readonly unvalidated = true;
  constructor(
    public name: string,
    public raw: unknown,
  ) {}
}
class KnownNode {
  constructor(
    public name: string,
    public def: Element | undefined,
    public raw: unknown,
  ) {}
}
/** A list item: a class of its own, its room sized by items (index, action, keyValue), not given to every setting. */
class ItemNode {
  constructor(
    public name: string,
    public def: Element | undefined,
    public raw: unknown,
  ) {}
}

/** A known node at `up` plus its name, or plus `index` for a list item. */
function knownNode(name: string, def: Element | undefined, raw: unknown, up: PathRef, index?: number): SettingNode {
  return place((index === undefined ? new KnownNode(name, def, raw) : new ItemNode(name, def, raw)) as SettingNode, up, index);
}

/** The step of `up`, then `entry` (for an element of a `#children` sequence), then `segment`. */
const stepBelow = (up: PathRef, segment: PathSegment, entry?: number): PathStep => stepOf(entry === undefined ? up : stepOf(up, entry), segment);

/** The step of a node's own path (for its children), made only for nodes that have some. */
const hereOf = (up: PathRef, name: string, index?: number, entry?: number): PathStep => stepBelow(up, index ?? name, entry);

function nullValue(path: DiagnosticPath): DiagnosticOf<"wrong-shape"> {
  return diagnostic(
    "error",
    "wrong-shape",
    path,
    `null is not a value: leave the setting out (or undefined) to not write it, or give "" for an empty element. (An element with xsi:nil="true" is written only from unvalidated, as { "xsi:nil": true }.)`,
  );
}

/** The one `too-deep` diagnostic (normalize and merge stop at MAX_DEPTH alike), at the path where the limit is reached. */
/** The message for a value met again inside itself: endlessly deep, reported where it starts again. */
export const CONTAINS_ITSELF =
  "This value contains itself (an object inside itself, from JavaScript references or YAML aliases): walked as a tree it is endlessly deep. Give a tree of values.";

export function tooDeep(path: DiagnosticPath, what: "input" | "layer", verb: "read" | "merged"): DiagnosticOf<"too-deep"> {
  return diagnostic(
    "error",
    "too-deep",
    path,
    `The ${what} nests more than ${MAX_DEPTH} levels deep here; answer files nest at most about 10. Nothing below this point is ${verb} (a value that contains itself also ends here).`,
  );
}

/**
 * Unvalidated elements joined into the validated settings of the same component: an element that names a
 * validated group (a container, a list, a list item, matched by name and, for repeated ones, by position)
 * adds its children inside that group, after its documented settings (a file's `<OOBE>` holding an
 * undocumented `<SkipMachineOOBE>` is written back so); any other comes after the validated settings.
 * Returns new nodes: the validated ones may be shared by several architectures.
 */
export function mergeUnvalidated(validated: SettingNode[], unvalidated: SettingNode[]): SettingNode[] {
  const out = [...validated];
  // the validated nodes of each name, in order, and how many of them unvalidated ones have matched (linear)
  let byName: Map<string, number[]> | undefined;
  const used = new Map<string, number>();
  for (const u of unvalidated) {
    if (u.text === undefined && !u.nil && !u.opaque && u.action === undefined && u.keyValue === undefined && u.children) {
      if (!byName) {
        byName = new Map();
        validated.forEach((v, i) => {
          if (v.unvalidated) return;
          const list = byName!.get(v.name);
          if (list) list.push(i);
          else byName!.set(v.name, [i]);
        });
      }
      const seen = used.get(u.name) ?? 0;
      used.set(u.name, seen + 1);
      const nth = byName.get(u.name)?.[seen];
      const target = nth === undefined ? undefined : out[nth];
      const kind = target?.def?.kind;
      if (target && target.children && !target.opaque && (kind === "container" || kind === "list" || (kind === "item" && !target.def!.type))) {
        out[nth!] = { ...target, children: mergeUnvalidated(target.children, u.children) };
        continue;
      }
    }
    out.push(u);
  }
  return out;
}

/**
 * One <component> per pass, name and architecture: unvalidated settings join
 * the validated component of the same pass and name declared the same way
 * (`unvalidated` joins `settings`, `unvalidatedPerArchitecture` joins
 * `perArchitecture` for the same architecture), whatever else the document
 * declares: so joining does not depend on the document's architectures.
 */
function joinComponents(components: ComponentNode[]): ComponentNode[] {
  const merged: ComponentNode[] = [];
  // the validated components only: components() gives them first, each id once, and only an unvalidated one
  // joins one (a key kept for each of 80,000 unvalidated components weighed 0.5x a file of 16 MiB)
  const index = new Map<string, number>();
  const idOf = (c: ComponentNode) => `${c.pass}\u0000${c.name}\u0000${c.architecture}\u0000${c.fixedArchitecture ? "fixed" : "shared"}`;
  for (const c of components) {
    if (!c.unvalidated) {
      const id = idOf(c);
      if (!index.has(id)) index.set(id, merged.length);
    } else if (index.size > 0) {
      const at = index.get(idOf(c));
      if (at !== undefined) {
        const existing = merged[at];
        merged[at] = { ...existing, settings: mergeUnvalidated(existing.settings, c.settings), extraPath: c.path };
        continue;
      }
    }
    merged.push(c);
  }
  return merged;
}

/**
 * The components of a document for its architectures: each shared one
 * (`settings`, `unvalidated`) once per architecture, in the document's order:
 * by pass, name and architecture; for the same, the settings' before
 * perArchitecture's, then unvalidated ones that joined none. normalize places
 * a document's components with it, and UnattendFile the components of a tree
 * normalized before its architectures were known. The components given are
 * the caller's own new objects: a shared one becomes its first
 * architecture's (a copy of each, its original left as garbage, weighed 0.3x
 * a large file).
 */
export function forArchitectures(components: ComponentNode[], architectures: readonly string[]): ComponentNode[] {
  const shared = [...new Set(architectures)];
  const rank = (c: ComponentNode) => (c.unvalidated ? 2 : 0) + (c.fixedArchitecture ? 1 : 0);
  const out: ComponentNode[] = [];
  for (const c of components) {
    if (c.fixedArchitecture) out.push(c);
    else shared.forEach((architecture, i) => out.push(i === 0 ? Object.assign(c, { architecture }) : { ...c, architecture }));
  }
  return out.sort((a, b) => compareComponents(a, b) || rank(a) - rank(b));
}

/** Own keys of an input object, in a fixed order, without reserved names (which are reported). */
type KeyFilter = (key: string) => boolean;

/** The keys of an unvalidated object that are elements (not its wcm:action, wcm:keyValue or xsi:nil). */
const isElementKey: KeyFilter = (k) => k !== ACTION_ATTR && k !== KEY_VALUE_ATTR && k !== NIL_ATTR;

/**
 * What the readers of one normalize() share: the diagnostics, the depth limit
 * (reported once), which values are not known yet, and the reading of an
 * object's keys and attributes.
 */
class Walk {
  readonly diagnostics: DiagnosticOf<BuiltinCode>[] = [];
  private tooDeep = false;

  constructor(readonly isOpaque: (value: unknown) => boolean) {}

  /** Own keys in input order, reserved names reported and left out. */
  keys(obj: Record<string, unknown>, path: PathRef, keep: KeyFilter = () => true): string[] {
    const out: string[] = [];
    for (const key of Object.keys(obj)) {
      if (RESERVED_NAMES.has(key)) {
        this.diagnostics.push(
          diagnostic(
            "error",
            "reserved-name",
            pathOf(path).concat([key]),
            `"${key}" is not a valid name here: no pass, component, setting or key is called so, and such names are refused because they reach JavaScript's object prototype.`,
          ),
        );
        continue;
      }
      if (keep(key)) out.push(key);
    }
    return out;
  }

  /** False (and reported once) when a path is past MAX_DEPTH. */
  withinDepth(path: PathRef): boolean {
    if (path.length <= MAX_DEPTH) return true;
    if (!this.tooDeep) {
      this.tooDeep = true;
      this.diagnostics.push(tooDeep(pathOf(path).slice(0, MAX_DEPTH), "input", "read"));
    }
    return false;
  }

  /** withinDepth of the path stepBelow(up, segment, entry) (no step made for it when within). */
  withinDepthBelow(up: PathRef, segment: PathSegment, entry?: number): boolean {
    return up.length + (entry === undefined ? 1 : 2) <= MAX_DEPTH || this.withinDepth(stepBelow(up, segment, entry));
  }

  /**
   * Whether an element's attributes or its `value` are not known yet: then the
   * whole element is (its attributes are written with its value, so nothing
   * of it can be decided before: no placeholder that would be written).
   */
  opaqueParts(raw: unknown): boolean {
    return isPlainObject(raw) && [ACTION_ATTR, KEY_VALUE_ATTR, NIL_ATTR, "value"].some((k) => this.isOpaque(own(raw, k)));
  }

  /** `wcm:action` and `wcm:keyValue` of an input object onto its node (values checked by validate). */
  attributes(n: SettingNode, raw: Record<string, unknown>) {
    const action = own(raw, ACTION_ATTR);
    if (action !== undefined) {
      if (typeof action === "string") n.action = action;
      else this.diagnostics.push(wrongShape(n.path.concat([ACTION_ATTR]), 'a wcm:action string ("add", "modify" or "remove")', action));
    }
    const keyValue = own(raw, KEY_VALUE_ATTR);
    if (keyValue !== undefined) {
      if (typeof keyValue === "string" || (typeof keyValue === "number" && Number.isFinite(keyValue))) n.keyValue = String(keyValue);
      else this.diagnostics.push(wrongShape(n.path.concat([KEY_VALUE_ATTR]), "a wcm:keyValue string or number", keyValue));
    }
  }
}

/**
 * The document: its architectures, the passes and components of settings,
 * perArchitecture, unvalidated and unvalidatedPerArchitecture, and extras.
 * The settings inside components are read by SettingsReader (the catalog's)
 * and RawReader (unvalidated).
 */
class Normalizer {
  private readonly walk: Walk;
  private readonly settings: SettingsReader;
  private readonly raw: RawReader;

  /** The pass and name of each validated component (see joins()). */
  private validated: Set<string> | undefined;

  /** `lazy`: a component given whole under `unvalidated` makes its settings when they are read (LAZY_SETTINGS). */
  constructor(
    isOpaque: (value: unknown) => boolean,
    private readonly lazy: boolean,
  ) {
    this.walk = new Walk(isOpaque);
    this.settings = new SettingsReader(this.walk);
    this.raw = new RawReader(this.walk);
  }

  document(input: PlainDocument): NormalDocument {
    const architectures = this.architectures(input.architectures);
    // the shared components once (for no architecture yet), joined, then placed for each architecture
    const components = joinComponents(this.components(input, [SHARED]));
    return {
      architectures,
      components: forArchitectures(components, architectures),
      diagnostics: this.walk.diagnostics,
      extras: this.extras(input.extras),
    };
  }

  /** The components of settings, perArchitecture, unvalidated and unvalidatedPerArchitecture, in that order. */
  private components(input: PlainDocument, shared: string[]): ComponentNode[] {
    const components: ComponentNode[] = [];

    this.addPasses(input.settings, ["settings"], shared, false, components);

    this.addPerArchitecture(input.perArchitecture, "perArchitecture", false, components);

    const unvalidated = input.unvalidated;
    if (unvalidated !== undefined && !isPlainObject(unvalidated)) {
      this.walk.diagnostics.push(wrongShape(["unvalidated"], "an object of passes", unvalidated));
    } else if (unvalidated) {
      this.addPasses(unvalidated, ["unvalidated"], shared, true, components);
    }
    this.addPerArchitecture(input.unvalidatedPerArchitecture, "unvalidatedPerArchitecture", true, components);
    return components;
  }

  /** `perArchitecture` or `unvalidatedPerArchitecture`: architecture -> passes, for that architecture only. */
  private addPerArchitecture(value: unknown, field: string, unvalidated: boolean, components: ComponentNode[]) {
    if (value === undefined) return;
    if (!isPlainObject(value)) {
      this.walk.diagnostics.push(wrongShape([field], `an object of architectures (${ARCHITECTURES.join(", ")})`, value));
      return;
    }
    for (const arch of this.walk.keys(value, [field]).sort(archOrder)) {
      if (!(ARCHITECTURES as readonly string[]).includes(arch)) {
        this.walk.diagnostics.push(
          diagnostic(
            "error",
            "unknown-architecture",
            [field, arch],
            `Unknown architecture "${arch}". Valid: ${listOf(ARCHITECTURES)}.${didYouMean(arch, ARCHITECTURES)}`,
          ),
        );
        // kept as written, like an unknown name in `architectures`: rendering without validation drops nothing
      }
      const before = components.length;
      this.addPasses(value[arch], [field, arch], [arch], unvalidated, components);
      for (let i = before; i < components.length; i++) components[i].fixedArchitecture = true;
    }
  }

  private extras(value: unknown): ExtraNode[] {
    if (value === undefined || value === null) return [];
    const expected = 'an array of { xml: string, placement?: "before" | "after" }';
    if (!Array.isArray(value)) {
      this.walk.diagnostics.push(wrongShape(["extras"], expected, value));
      return [];
    }
    const out: ExtraNode[] = [];
    Array.from(value).forEach((e, i) => {
      const path = ["extras", i];
      const placement = isPlainObject(e) ? own(e, "placement") : undefined;
      const xml = isPlainObject(e) ? own(e, "xml") : undefined;
      if (typeof xml !== "string" || (placement !== undefined && placement !== "before" && placement !== "after")) {
        this.walk.diagnostics.push(wrongShape(path, expected, e));
        return;
      }
      out.push({ xml, path, ...(placement !== undefined ? { placement } : {}) });
    });
    return out;
  }

  /** Adds the components of one pass -> component -> settings object. */
  private addPasses(settings: unknown, base: DiagnosticPath, architectures: string[], unvalidated: boolean, components: ComponentNode[]) {
    if (settings === undefined) return;
    if (!isPlainObject(settings)) {
      this.walk.diagnostics.push(wrongShape(base, `an object of passes (${PASSES.join(", ")})`, settings));
      return;
    }
    for (const pass of this.walk.keys(settings, base).sort(passOrder)) {
      const passValue = settings[pass];
      if (passValue === undefined) continue;
      const passPath = base.concat([pass]);
      if (!isPlainObject(passValue)) {
        this.walk.diagnostics.push(wrongShape(passPath, "an object of components", passValue));
        continue;
      }
      for (const name of this.walk.keys(passValue, passPath).sort()) {
        const value = passValue[name];
        if (value === undefined) continue;
        const path = passPath.concat([name]);
        if (!isPlainObject(value)) {
          this.walk.diagnostics.push(wrongShape(path, "an object of settings", value));
          continue;
        }
        // Windows matches component names without regard to case: another spelling is read as the catalog's (validation warns)
        const def = unvalidated ? undefined : componentReadAs(name);
        const nodes = unvalidated ? this.raw.rawChildren(value, path, false) : this.settings.children(def, value, path);
        // one that joins a validated component of its pass and name (joinComponents) is read into it at once
        const lazy = unvalidated && this.lazy && !this.joins(pass, name, components);
        for (const architecture of architectures) {
          if (lazy) {
            // its nodes, read for what they say, are let go: made again when read (the same keys, in the same order)
            const c = { pass, name, architecture, path, def } as unknown as ComponentNode;
            Object.defineProperty(c, RAW_VALUE, { value, writable: true, configurable: true });
            Object.defineProperty(c, "settings", LAZY_SETTINGS);
            c.unvalidated = true;
            components.push(c);
          } else components.push({ pass, name, architecture, path, def, settings: nodes, ...(unvalidated ? { unvalidated } : {}) });
        }
      }
    }
  }

  /**
   * Whether a validated component of this pass and name was added: an unvalidated one of the same may join it
   * (joinComponents also compares the architecture and how it is declared; here the pass and name suffice to
   * keep every one that joins).
   */
  private joins(pass: string, name: string, components: ComponentNode[]): boolean {
    // the validated components come first (components()): indexed when the first unvalidated one is added
    this.validated ??= new Set(components.filter((c) => !c.unvalidated).map((c) => `${c.pass}\u0000${c.name}`));
    return this.validated.has(`${pass}\u0000${name}`);
  }

  private architectures(value: unknown): string[] {
    if (value === undefined || value === null) return [...DEFAULT_ARCHITECTURES];
    // Array.from: a hole in a sparse array is undefined, not skipped as some() would
    if (!Array.isArray(value) || Array.from(value).some((a) => typeof a !== "string")) {
      this.walk.diagnostics.push(wrongShape(["architectures"], `an array of architecture names (${ARCHITECTURES.join(", ")})`, value));
      return [...DEFAULT_ARCHITECTURES];
    }
    // Keep duplicates: validation reports them. Order is fixed here.
    return [...(value as string[])].sort(archOrder);
  }
}

/**
 * Marks the nodes of a sequence whose name is given more than once (set on
 * the nodes: new, ours). A short sequence (most: an element's few children) is
 * compared pairwise, without a Map for each; a long one counts in a Map.
 */
function markRepeated(sequence: SettingNode[]): void {
  if (sequence.length <= 16) {
    for (let i = 0; i < sequence.length; i++) {
      for (let j = i + 1; j < sequence.length; j++) {
        if (sequence[i].name === sequence[j].name) sequence[i].repeated = sequence[j].repeated = true;
      }
    }
    return;
  }
  const count = new Map<string, number>();
  for (const n of sequence) count.set(n.name, (count.get(n.name) ?? 0) + 1);
  for (const n of sequence) if (count.get(n.name)! > 1) n.repeated = true;
}

/** Settings outside the catalog (`unvalidated`), read as given. */
class RawReader {
  /**
   * The unvalidated objects being read, outermost first: one met again inside itself is a cycle. A stack,
   * not a Set: as deep as the input nests at most (withinDepth), and a Set that one object joins and leaves
   * per element remade its table each time (1 MB of garbage for a file of 4 MiB).
   */
  private readonly open: object[] = [];

  constructor(private readonly walk: Walk) {}

  /**
   * Settings outside the catalog, as given: an object's keys are element names,
   * an array repeats its element once per item, `wcm:action`, `wcm:keyValue`
   * and `xsi:nil` keys become attributes.
   */
  rawChildren(obj: Record<string, unknown>, up: PathRef, sensitive: boolean, entry?: number): SettingNode[] {
    const out: SettingNode[] = [];
    // the object's path: `up`, or `up` and the entry's index for an entry of a sequence (its elements keep `up`
    // and the index, not this step)
    const path = entry === undefined ? up : stepOf(up, entry);
    const keys = this.walk.keys(obj, path, isElementKey).sort();
    for (const key of keys) {
      const value = obj[key];
      if (value === undefined) continue;
      if (key === CHILDREN_KEY) {
        const p = stepOf(path, key);
        // children in the order given: [{ Step: "a" }, { Run: "b" }, { Step: "c" }]
        if (!Array.isArray(value) || this.walk.isOpaque(value)) {
          this.walk.diagnostics.push(wrongShape(pathOf(p), "an array of objects of child elements, in the order they are written", value));
          continue;
        }
        const sequence: SettingNode[] = [];
        Array.from(value).forEach((item, i) => {
          if (!isPlainObject(item)) this.walk.diagnostics.push(wrongShape(pathOf(stepOf(p, i)), "an object of child elements", item));
          else if (this.walk.withinDepthBelow(p, i)) append(sequence, this.rawChildren(item, p, sensitive, i));
        });
        // a name given more than once is a repeated element (numbered in state and diffs, as an array's are)
        markRepeated(sequence);
        append(out, sequence);
        continue;
      }
      const secret = isConfidentialAsWritten(key, sensitive);
      if (secret && !sensitive) {
        this.walk.diagnostics.push(
          diagnostic(
            "warning",
            "password-name",
            pathOf(stepOf(path, key)),
            `"${key}" is named like a confidential value (a password, product key, AccountData or SNMP community): it is treated as a secret (masked in diffs, state and messages, and it makes the file secret).`,
          ),
        );
      }
      if (Array.isArray(value) && !this.walk.isOpaque(value)) {
        const p = stepOf(path, key);
        Array.from(value).forEach((v, i) => {
          const node = this.rawNode(key, v, p, i, true, secret);
          if (node) out.push(node);
        });
      } else {
        const node = this.rawNode(key, value, up, undefined, false, secret, entry);
        if (node) out.push(node);
      }
    }
    // an array grown by push keeps room for 16 more: a copy is its exact size (a large file has an array per element that holds some)
    return out.slice();
  }

  /** An unvalidated node at `up` plus its name, or plus `index` for an item of a repeated element. */
  rawNode(
    name: string,
    raw: unknown,
    up: PathRef,
    index: number | undefined,
    repeated: boolean,
    sensitive: boolean,
    entry?: number,
  ): SettingNode | undefined {
    if (!this.walk.withinDepthBelow(up, index ?? name, entry)) return undefined;
    const n = place(new RawNode(name, raw) as SettingNode, up, index, entry);
    if (repeated) n.repeated = repeated;
    if (sensitive) n.sensitive = sensitive;
    if (this.walk.isOpaque(raw) || this.walk.opaqueParts(raw)) {
      n.opaque = true;
      return n;
    }
    if (isPlainObject(raw)) {
      this.walk.attributes(n, raw);
      const nil = own(raw, NIL_ATTR);
      if (nil !== undefined) {
        if (typeof nil !== "boolean") this.walk.diagnostics.push(wrongShape(n.path.concat([NIL_ATTR]), "true or false", nil));
        else if (nil) {
          n.nil = true;
          return n;
        }
      }
      const keys = Object.keys(raw).filter(isElementKey);
      if (keys.length === 1 && keys[0] === "value") {
        n.text = this.rawText(raw.value, n, "value", sensitive);
        return n;
      }
      if (this.open.includes(raw)) {
        // an object inside itself (a JavaScript value, or YAML aliases): walked as a tree it never ends
        this.walk.diagnostics.push(diagnostic("error", "too-deep", n.path, CONTAINS_ITSELF));
        n.reported = true;
        return n;
      }
      this.open.push(raw);
      n.children = this.rawChildren(raw, hereOf(up, name, index, entry), sensitive);
      this.open.pop();
      return n;
    }
    if (Array.isArray(raw)) {
      this.walk.diagnostics.push(wrongShape(n.path, "a value or an object (an array repeats its element only one level up)", raw));
      return n;
    }
    if (raw === null) {
      this.walk.diagnostics.push(nullValue(n.path));
      n.reported = true;
      return n;
    }
    n.text = this.rawText(raw, n, undefined, sensitive);
    return n;
  }

  /** Text of an unvalidated value; non-JSON values (NaN, Infinity, BigInt, functions, ...) are reported. */
  private rawText(value: unknown, n: SettingNode, key: "value" | undefined, sensitive: boolean): string | undefined {
    const text = toText(value);
    if (text === undefined && value !== null) {
      this.walk.diagnostics.push(
        diagnostic(
          "error",
          "invalid-value",
          key === undefined ? n.path : n.path.concat([key]),
          `Cannot write ${describe(value, sensitive)} into XML. Give a string, a finite number, a boolean, an object of child elements (with "xsi:nil": true for an empty element with xsi:nil) or an array.`,
        ),
      );
    }
    return text;
  }
}

/** Settings of the catalog's components: each read by its definition (values, passwords, lists, containers). */
class SettingsReader {
  constructor(private readonly walk: Walk) {}

  /** Child nodes of an object input, in catalog order (unknown names after, alphabetically). */
  children(parent: CatalogComponent | Element | undefined, obj: Record<string, unknown>, path: PathRef): SettingNode[] {
    const entries: { node: SettingNode; order: number }[] = [];
    for (const key of this.walk.keys(obj, path)) {
      const value = obj[key];
      if (value === undefined) continue;
      const found = parent ? findChild(parent, key) : undefined;
      const order = found ? found.index : Infinity;
      if (found?.el.kind === "item" && !this.walk.isOpaque(value)) {
        // a repeated element without a list wrapper (e.g. DiskConfiguration/Disk): one element per item
        const items = Array.isArray(value) ? Array.from(value) : [value];
        const def = found.el;
        const p = stepOf(path, key);
        items.forEach((item, i) => {
          const node = this.listItem(def, item, p, i);
          if (node) entries.push({ node, order });
        });
        continue;
      }
      const node = this.node(key, found?.el, value, path);
      if (node) entries.push({ node, order });
    }
    entries.sort((a, b) => a.order - b.order || (a.node.name < b.node.name ? -1 : a.node.name > b.node.name ? 1 : 0));
    return entries.map((e) => e.node);
  }

  /** The node of setting `name` of the element at `up`. */
  node(name: string, def: Element | undefined, raw: unknown, up: PathRef): SettingNode {
    const n = knownNode(name, def, raw, up);
    // a name the catalog does not know here (reported by validation) is judged by the name alone
    if (isConfidentialSetting(def, name)) n.sensitive = true;
    if (!this.walk.withinDepthBelow(up, name)) return n;
    if (this.walk.isOpaque(raw)) {
      n.opaque = true;
      return n;
    }
    switch (def?.kind) {
      case "password":
        return this.password(n, def.suffix, raw);
      case "list":
        if (Array.isArray(raw)) {
          const here = hereOf(up, name);
          n.children = Array.from(raw, (item, i) => this.listItem(def.item, item, here, i));
        }
        return n;
      default: {
        if (raw === null) {
          this.walk.diagnostics.push(nullValue(n.path));
          n.reported = true;
          return n;
        }
        const text = toText(raw);
        if (text !== undefined) {
          n.text = text;
          return n;
        }
        if (isPlainObject(raw)) n.children = this.children(def, raw, hereOf(up, name));
        // everything inside a confidential element is confidential
        if (n.sensitive && n.children) markConfidential(n.children);
        // arrays for non-list elements stay as `raw` only; validation reports them
        return n;
      }
    }
  }

  /** The node of item `position` of the list (or the repeated element) at `up`. */
  listItem(def: ListItemElement, raw: unknown, up: PathRef, position: number): SettingNode {
    const n = knownNode(def.name, def, raw, up, position);
    n.action = "add";
    if (isConfidentialDef(def)) n.sensitive = true;
    if (!this.walk.withinDepthBelow(up, position)) return n;
    // known only later: its wcm:action and wcm:keyValue come from the value too (no placeholder: it would be written)
    if (this.walk.isOpaque(raw) || this.walk.opaqueParts(raw)) {
      n.opaque = true;
      n.position = position;
      return n;
    }
    if (isPlainObject(raw)) {
      this.walk.attributes(n, raw);
      if (def.key?.kind === "keyValue" && n.keyValue === undefined) n.keyValue = String(position + 1);
      if (def.type) {
        // a value item given in object form: { "wcm:keyValue": "2", value: "..." }
        n.text = toText(own(raw, "value"));
        return n;
      }
      const body: Record<string, unknown> = {};
      for (const k of Object.keys(raw)) {
        if (k !== ACTION_ATTR && k !== KEY_VALUE_ATTR)
          Object.defineProperty(body, k, { value: raw[k], enumerable: true, writable: true, configurable: true });
      }
      const key = def.key;
      // an Order given as an Output: numbered as one left out if it turns out undefined (elementsOf)
      let absentOrder: string | undefined;
      if (key?.kind === "child") {
        // Order numbers: the item's position when omitted, and in the list's documented form (RegionalOverride: 001)
        const given = own(body, key.name);
        const numbered = () => formatListKey(key, position + 1) ?? position + 1;
        if (key.name === "Order" && given === undefined) body.Order = numbered();
        else if (typeof given === "number" && key.width !== undefined) body[key.name] = formatListKey(key, given) ?? given;
        else if (key.name === "Order" && this.walk.isOpaque(given)) absentOrder = String(numbered());
      }
      n.children = this.children(def, body, hereOf(up, def.name, position));
      if (absentOrder !== undefined) {
        const order = n.children.find((c) => c.name === "Order" && c.opaque);
        if (order) order.absentText = absentOrder;
      }
      if (n.sensitive) markConfidential(n.children);
      return n;
    }
    const text = toText(raw);
    if (text !== undefined && def.type) {
      n.text = text;
      if (def.key?.kind === "keyValue") n.keyValue = String(position + 1);
    }
    return n;
  }

  private password(n: SettingNode, suffix: string, raw: unknown): SettingNode {
    let value: unknown = raw;
    let plainText: unknown = true;
    if (isPlainObject(raw)) {
      let unknown = false;
      for (const key of this.walk.keys(raw, n.path)) {
        if (!(PASSWORD_PARTS as readonly string[]).includes(key)) {
          unknown = true;
          this.walk.diagnostics.push(
            diagnostic(
              "error",
              "unknown-setting",
              n.path.concat([key]),
              `Unknown setting "${key}" in password "${n.name}".${didYouMean(key, PASSWORD_PARTS) || ` Valid: ${listOf(PASSWORD_PARTS)}.`}`,
            ),
          );
        }
      }
      value = own(raw, "Value");
      // { Valu: "..." }: said above, with the name meant; not again as a password without a Value
      if (unknown && value === undefined) {
        n.reported = true;
        return n;
      }
      const given = own(raw, "PlainText");
      // null (`PlainText:` left empty in YAML) is not "true": an error, as null is everywhere
      if (given === null) {
        this.walk.diagnostics.push(nullValue(n.path.concat(["PlainText"])));
        n.reported = true;
        return n;
      }
      plainText = given ?? true;
    }
    if (this.walk.isOpaque(value) || this.walk.isOpaque(plainText)) {
      // known only later: the whole password is resolved at once
      n.opaque = true;
      return n;
    }
    const text = toText(value);
    if (text !== undefined && typeof plainText === "string" && plainText !== "true" && plainText !== "false") {
      // PlainText that is not a boolean (read from a file as written): kept as given, validation reports it there
      n.children = [
        { name: "Value", path: n.path.concat(["Value"]), raw: value, text, sensitive: true },
        { name: "PlainText", path: n.path.concat(["PlainText"]), raw: plainText, text: plainText },
      ];
      return n;
    }
    if (typeof plainText === "string") plainText = plainText === "true";
    if (text === undefined || typeof plainText !== "boolean") return n; // validation reports the shape
    n.children = [
      {
        name: "Value",
        path: n.path.concat(["Value"]),
        raw: value,
        text: plainText ? text : encodePassword(text, suffix),
        sensitive: true,
      },
      { name: "PlainText", path: n.path.concat(["PlainText"]), raw: plainText, text: plainText ? "true" : "false" },
    ];
    return n;
  }
}
