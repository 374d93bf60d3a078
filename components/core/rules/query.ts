/**
 * The one set of look-ups the rules share: components by pass and name (per
 * architecture), children by name, list items, and values read as literals.
 * Rules read the normalised document only (model.ts), never the raw input.
 *
 * A value is read for a comparison only when it is a plain literal: a value
 * that is not known yet (a Pulumi Output), nil, given through `unvalidated`,
 * or a template placeholder (`${var.x}`, `{{ .Name }}`, `@@X@@`, `%arch%`,
 * `$Var`) reads as undefined, and the rule skips the comparison rather than
 * guess.
 */
import { mayHoldPlaceholder } from "../templates";
import { formatPath } from "../paths";
import type { ComponentNode, NormalDocument, SettingNode } from "../model";

/** A component or a setting: anything with child settings. */
export type Parent = ComponentNode | SettingNode;

function kids(parent: Parent | undefined): SettingNode[] {
  if (!parent) return [];
  if ("settings" in parent && "pass" in parent) return parent.settings;
  return (parent as SettingNode).children ?? [];
}

/** Whether a node is a documented setting the rules may read (not unvalidated, not an unknown name). */
function readable(n: SettingNode): boolean {
  return !n.unvalidated && n.def !== undefined;
}

/** The first documented child setting with this name (nil ones included: they are present). */
export function child(parent: Parent | undefined, name: string): SettingNode | undefined {
  for (const n of kids(parent)) if (n.name === name && readable(n)) return n;
  return undefined;
}

/** Every documented child setting with this name (items repeated without a list wrapper, e.g. Disk). */
export function childrenNamed(parent: Parent | undefined, name: string): SettingNode[] {
  return kids(parent).filter((n) => n.name === name && readable(n));
}

/** A descendant by names, e.g. `at(setup, "ImageInstall", "OSImage", "InstallTo")`. */
export function at(parent: Parent | undefined, ...names: string[]): SettingNode | undefined {
  let n: Parent | undefined = parent;
  for (const name of names) {
    n = child(n, name);
    if (!n) return undefined;
  }
  return n as SettingNode | undefined;
}

/** The items of a list setting (e.g. CreatePartitions -> CreatePartition items), in input order. */
export function items(list: SettingNode | undefined): SettingNode[] {
  if (!list || list.opaque || list.nil) return [];
  return (list.children ?? []).filter((n) => readable(n) && n.def?.kind === "item");
}

/** Whether text holds a template placeholder instead of a literal value (then rules do not compare it). */
export function isPlaceholder(text: string): boolean {
  return mayHoldPlaceholder(text);
}

/** The text of a value setting, when known now (not opaque, not nil); placeholders included. */
export function text(n: SettingNode | undefined): string | undefined {
  if (!n || n.opaque || n.nil || n.unvalidated) return undefined;
  return n.text;
}

/** The text of a value setting when it is a plain literal (trimmed), else undefined. */
export function literal(n: SettingNode | undefined): string | undefined {
  const t = text(n);
  if (t === undefined || isPlaceholder(t)) return undefined;
  return t.trim();
}

/** A boolean setting: true, false, or undefined when absent or not a literal boolean. */
export function flag(n: SettingNode | undefined): boolean | undefined {
  const t = literal(n)?.toLowerCase();
  return t === "true" ? true : t === "false" ? false : undefined;
}

/** A whole-number setting, or undefined when absent or not a literal whole number. */
export function whole(n: SettingNode | undefined): number | undefined {
  const t = literal(n);
  return t !== undefined && /^[+-]?\d{1,15}$/.test(t) ? Number(t) : undefined;
}

/**
 * The password a password setting holds (the text before obfuscation), when
 * it is a plain literal; undefined when absent, not known yet or a
 * placeholder. Never put it in a message.
 */
export function password(n: SettingNode | undefined): string | undefined {
  if (!n || n.opaque || n.nil) return undefined;
  const value = n.children?.find((c) => c.name === "Value");
  if (!value) return undefined;
  const raw = value.raw;
  const t = typeof raw === "string" ? raw : typeof raw === "number" || typeof raw === "boolean" ? String(raw) : undefined;
  return t === undefined || isPlaceholder(t) ? undefined : t;
}

/** The path of a node, as messages write it. */
export function p(n: { path: readonly (string | number)[] }): string {
  return formatPath(n.path);
}

/**
 * The subject of a message about a setting, as validation's messages name it:
 * its element name, quoted (the diagnostic's path says where it is).
 */
export function q(n: { name: string }): string {
  return `"${n.name}"`;
}

/** Where a child would be: the parent's path plus the name (for settings that are missing). */
export function pathOf(parent: Parent, ...names: string[]): string {
  return formatPath([...parent.path, ...names]);
}

/**
 * One architecture's view of a document: its components by pass and name.
 * Rules run once per view; findings on settings shared by all architectures
 * come out equal and are reported once.
 */
export interface View {
  architecture: string;
  /** The documented component of this name in this pass, for this architecture. */
  component(pass: string, name: string): ComponentNode | undefined;
  /** Every component of this architecture, in document order. */
  components: readonly ComponentNode[];
  /** The XML of the elements outside <settings> (a generator's scripts may live there). */
  extras: readonly string[];
  /** The architectures the document declares for its shared settings (`architectures`), as given. */
  declared: readonly string[];
  /** Every component of the document, of every architecture (for rules that compare architectures or passes). */
  all: readonly ComponentNode[];
}

/** The views of a document: one per architecture its components are declared for. */
export function views(doc: NormalDocument): View[] {
  const byArch = new Map<string, ComponentNode[]>();
  for (const c of doc.components) {
    const list = byArch.get(c.architecture) ?? [];
    list.push(c);
    byArch.set(c.architecture, list);
  }
  return [...byArch].map(([architecture, components]) => {
    // by pass, then by name: the rules look components up often, and a key joined per look-up costs more than the rule
    const index = new Map<string, Map<string, ComponentNode>>();
    for (const c of components) {
      if (!c.def || c.unvalidated) continue;
      let byName = index.get(c.pass);
      if (!byName) index.set(c.pass, (byName = new Map()));
      if (!byName.has(c.name)) byName.set(c.name, c);
    }
    const extras = doc.extras.map((e) => e.xml);
    return {
      architecture,
      components,
      extras,
      declared: doc.architectures,
      all: doc.components,
      component: (pass, name) => index.get(pass)?.get(name),
    };
  });
}

/**
 * Whether any text of the view (every setting of every component, and the
 * elements outside <settings>) matches: evidence that a command does
 * something, wherever the file keeps its scripts.
 */
export function mentions(view: View, re: RegExp): boolean {
  const stack: SettingNode[] = [];
  for (const c of view.components) stack.push(...c.settings);
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.text !== undefined && !n.sensitive && re.test(n.text)) return true;
    if (n.children) stack.push(...n.children);
  }
  return view.extras.some((x) => re.test(x));
}

/**
 * A per-view look-up computed once per view however many rules read it (the
 * rules read a view's accounts, commands or partitions many times over).
 * What it returns is shared: callers must not change it.
 */
export function perView<T>(compute: (view: View) => T): (view: View) => T {
  const known = new WeakMap<View, T>();
  return (view) => {
    if (known.has(view)) return known.get(view) as T;
    const value = compute(view);
    known.set(view, value);
    return value;
  };
}
