/**
 * One `<component>` element -> the input shape of UnattendDocument, driven by
 * the catalog: known settings as in `settings` (text kept as written, so the
 * round trip is exact), everything the catalog does not describe as in
 * `unvalidated` (written back as given), at the same place: an unknown element
 * (or a known one that cannot be read as such) inside a known group is kept
 * alone, under the group's name in `unvalidated`, so that the group's other
 * settings are still read and validated, and normalize() writes it back inside
 * the group; elements keep their document order (`#children` where it is not
 * the sorted one). Paths are relative to the component
 * (`["ComputerName"]`, `["RunSynchronous", 0, "Path"]`) and completed once the
 * component's place in the document (settings or perArchitecture) is known.
 *
 * Element names come from the file: objects are filled with own properties
 * only (`setOwn`), and `__proto__`, `constructor`, `prototype` are refused
 * with their place in the file, so no file can reach a prototype.
 */
import { childElements, findChild, formatListKey, type CatalogComponent, type Element, type ListItemElement } from "../../catalog";
import type { DiagnosticCode, PathSegment, Severity } from "../diagnostics";
import { ACTION_ATTR, KEY_VALUE_ATTR, NIL_ATTR, PASSWORD_PARTS, WCM_NS, XSI_NS } from "../names";
import { HIDDEN, isConfidentialAsWritten, isConfidentialAttribute, isConfidentialDef } from "../confidential";
import { Chunked } from "../chunked";
import { CHILDREN_KEY } from "../normalize";
import { decodePassword, encodePassword } from "../password";
import { RESERVED_NAMES, quoteText } from "../values";
import { codePointName, isXmlWhitespace as isWs, trimXmlWhitespace } from "../xml/text";
import { didYouMean } from "../suggest";
import { locationOf, releaseElement, type SourceLocation, type XmlAttribute, type XmlElement } from "../xml/reader";
import { append, hasKeys } from "../values";
import { templateBranches, templateText } from "./template-text";

/** A diagnostic found while reading a component, before its final path is known. */
export interface PendingDiagnostic {
  severity: Severity;
  code: DiagnosticCode;
  message: string;
  /** Which part of the component the path is in: `settings` (s) or `unvalidated` (u). */
  part: "s" | "u";
  rel: PathSegment[];
  location: SourceLocation;
}

/**
 * Paths (relative to the component) and where they start in the file, in the
 * order read. Each path is kept as how many segments it shares with the path
 * before, then the segments after those (the items of a list share all but
 * their index), then its location: no path array per element is kept until
 * the component is read (a list of 100,000 items kept 100,000 of them), when
 * its places go into the trie (parse/index.ts, Locations.placeRuns).
 */
export class Locations {
  /** keep, count, count segments, line, column; keep, count... */
  readonly entries = new Chunked<number | PathSegment>();
  private last: readonly PathSegment[] | undefined;

  get length(): number {
    return this.entries.length;
  }

  add(rel: readonly PathSegment[], at: SourceLocation): void {
    const last = this.last;
    let keep = 0;
    if (last !== undefined) {
      const max = Math.min(last.length, rel.length);
      while (keep < max && last[keep] === rel[keep]) keep++;
    }
    const e = this.entries;
    e.push(keep);
    e.push(rel.length - keep);
    for (let i = keep; i < rel.length; i++) e.push(rel[i]);
    e.push(at.line);
    e.push(at.column);
    this.last = rel;
  }

  /** Back to an earlier length (what an attempt that fell back had added); the next path is kept whole. */
  truncate(length: number): void {
    this.entries.truncate(length);
    this.last = undefined;
  }
}

/**
 * Places of unvalidated elements, each relative to an earlier entry (its
 * parent: an index into the list, -1 for the component) by one path segment,
 * in document order. Unvalidated content nests up to MAX_XML_DEPTH: a whole
 * path per element made reading deep chains quadratic in time and memory.
 */
export type TreeLocations = Chunked<number | PathSegment>;

/** The values an entry of TreeLocations takes: parent, segment, line, column (0 for none: a step that is no element). */
export const TREE_ENTRY = 4;

/** A path inside unvalidated content, one step at a time (no copy per element); an array only for a message. */
interface RelStep {
  up: RelStep | undefined;
  segment: PathSegment;
  /** Its entry in `uLocs`. */
  index: number;
}
type Rel = PathSegment[] | RelStep;

function relPath(rel: Rel): PathSegment[] {
  if (Array.isArray(rel)) return rel;
  const out: PathSegment[] = [];
  for (let r: RelStep | undefined = rel; r; r = r.up) out.push(r.segment);
  return out.reverse();
}

export interface ReadComponent {
  /** Settings for `settings[pass][name]` (known component) — or every element, for an unknown component read as settings. */
  settings: Record<string, unknown>;
  /** Elements for `unvalidated[pass][name]`. */
  raw: Record<string, unknown>;
  sLocs: Locations[];
  uLocs: TreeLocations;
  diagnostics: PendingDiagnostic[];
}

/**
 * A known element read: its input value, and `raw`, the elements inside it that the catalog does not
 * describe, in the `unvalidated` shape at the same place (normalize() puts them back inside it).
 */
type Attempt = { ok: true; value: unknown; raw?: Record<string, unknown> } | { ok: false; why: string; at: XmlElement };

/**
 * Sets an own property, whatever the key: never the prototype's setter for
 * `__proto__` (any other name, `toString` included, is an own property when
 * assigned; `__proto__` takes the slower defineProperty).
 */
export function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

/**
 * Makes the instances of `record()`: a constructor of its own whose prototype is Object.prototype, so that
 * they are plain objects in every respect (prototype, JSON, deep equality, isPlainObject).
 */
function FileNamed(): void {}
FileNamed.prototype = Object.prototype;

/**
 * An empty object for names that come from the file (element and component
 * names): a plain object, but not from the `{}` literal's shape. V8 records
 * each first property added to an empty object as a transition of one shape
 * shared by the whole process, and past 1,536 of them it adds no more: every
 * object with a property name new from then on, anywhere in the process, gets
 * a shape of its own (about 200 bytes more each). A file with thousands of
 * unknown components filled that table, and validating it in a fresh process
 * (as `unattend validate` runs) peaked at 18x the file instead of 14x; each
 * diagnostic of it weighed 550 bytes instead of 300. Objects made here fill a
 * table of their own.
 */
export function record<T extends object = Record<string, unknown>>(): T {
  return new (FileNamed as unknown as new () => T)();
}

function hasOwn(obj: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

/** The key of an element in the input: its local name in the unattend namespace, else its name as written. */
export function elementKey(el: XmlElement): string {
  return el.prefix ? el.name : el.local;
}

interface Attrs {
  action?: string;
  keyValue?: string;
  nil: boolean;
  other: XmlAttribute[];
}

/**
 * The one warning for the attributes of an element that are not written back (on `<unattend>`, `<settings>`,
 * `<component>` and inside components alike): the first three quoted, a value hidden where the element or the
 * attribute is named like a credential (isConfidentialAttribute), then how many more. One for the element,
 * however many: 4 MiB of unknown attributes made one warning each, 650 bytes of memory for each attribute of
 * the file (BENCHMARKS.md, round 9).
 */
export function ignoredAttributesMessage(el: XmlElement, attrs: readonly XmlAttribute[]): string {
  const shown = attrs.slice(0, 3).map((a) => {
    const value = isConfidentialAttribute(el.local, a.local) ? HIDDEN : a.value.length > 60 ? a.value.slice(0, 60) + "..." : a.value;
    return `${a.name}="${value}"`;
  });
  if (attrs.length === 1) return `Attribute ${shown[0]} on <${el.name}> is not part of the answer-file format; it is not written back.`;
  const more = attrs.length > 3 ? ` and ${attrs.length - 3} more` : "";
  return `Attributes ${shown.join(", ")}${more} on <${el.name}> are not part of the answer-file format; they are not written back.`;
}

/** Text for a message: quoted and shortened, or hidden inside a credential. */
function quote(text: string, hidden: boolean): string {
  if (hidden) return "(hidden: it is inside a confidential value)";
  const t = trimXmlWhitespace(text).replace(/[ \t\n\r]+/g, " ");
  // spaces XML does not count as white space (U+00A0, U+3000, U+FEFF...) would print as nothing: named instead
  if (/^\s+$/.test(t)) return `made of ${[...t.slice(0, 8)].map((c) => codePointName(c.codePointAt(0)!)).join(" ")}${t.length > 8 ? "..." : ""}`;
  return quoteText(t.length > 40 ? t.slice(0, 40) + "..." : t);
}

/**
 * The unvalidated content of repeated items, at their positions: `name: [{}, { Foo: "x" }]` when only the
 * second item holds an element the catalog does not describe (nothing when none does).
 */
function mirrorItems(target: Record<string, unknown>, name: string, mirrors: (Record<string, unknown> | undefined)[]) {
  let last = -1;
  mirrors.forEach((m, i) => {
    if (m) last = i;
  });
  if (last >= 0)
    setOwn(
      target,
      name,
      Array.from({ length: last + 1 }, (_, i) => mirrors[i] ?? record()),
    );
}

/** Shared empty parts of a reading (see ComponentReader.done), and the length under which a list is copied to its size. */
const NOTHING: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>;
const NO_RUNS: Locations[] = Object.freeze([]) as unknown as Locations[];
const NO_PENDING: PendingDiagnostic[] = Object.freeze([]) as unknown as PendingDiagnostic[];
const SMALL = 1024;

export class ComponentReader {
  private readonly out: ReadComponent = { settings: record(), raw: record(), sLocs: [], uLocs: new Chunked(), diagnostics: [] };
  /** The component being read (for what is known of settings the catalog lacks). */
  private component = "";
  /** The namespace of the component element: its settings are in it. */
  private uri = "";
  /**
   * Where the element being read is in the `unvalidated` shape (`RunSynchronous`, `RunSynchronousCommand`, 1):
   * one stack for the whole walk, copied only where an element the catalog does not describe is kept.
   */
  private rawPath: PathSegment[] = [];
  /** Text beside elements met while reading one top-level setting, reported if it is read as known. */
  private pendingText: { el: XmlElement; rel: PathSegment[]; hidden: boolean }[] = [];
  /** Other notes (items numbered by position, attributes dropped), reported if the setting is read as known. */
  private pendingNotes: PendingDiagnostic[] = [];

  private note(severity: Severity, code: DiagnosticCode, message: string, part: "s" | "u", rel: Rel, location: SourceLocation) {
    this.out.diagnostics.push({ severity, code, message, part, rel: relPath(rel), location });
  }

  /** Children grouped by name, in order of first appearance (other namespaces and reserved names reported and left out). */
  private groups(el: XmlElement, part: "s" | "u", rel: Rel): [string, XmlElement[]][] {
    const map = new Map<string, XmlElement[]>();
    for (const c of this.settingChildren(el, part, rel, false)) {
      const list = map.get(c.local);
      if (list) list.push(c);
      else map.set(c.local, [c]);
    }
    return [...map];
  }

  /** Whether a child element is in another namespace than its component (it is not a setting). */
  private foreign(c: XmlElement): boolean {
    return c.uri !== this.uri;
  }

  /**
   * Whether a child element is not a setting: an element of another namespace (a warning) or a reserved
   * name (an error), reported now, or with the setting when `later`.
   */
  private skipped(c: XmlElement, part: "s" | "u", rel: Rel, later: boolean): boolean {
    let d: PendingDiagnostic;
    if (this.foreign(c)) {
      d = {
        severity: "warning",
        code: "ignored-element",
        message: `<${c.name}> is in namespace ${JSON.stringify(c.uri)}, not the answer file's; it is ignored and not written back.`,
        part,
        rel: relPath(rel),
        location: locationOf(c),
      };
    } else if (RESERVED_NAMES.has(c.local)) {
      d = {
        severity: "error",
        code: "reserved-name",
        message: `<${c.name}> is not a setting of any component, and the name is refused (it reaches JavaScript's object prototype); it is not read.`,
        part,
        rel: relPath(rel).concat([c.local]),
        location: locationOf(c),
      };
    } else return false;
    if (later) this.pendingNotes.push(d);
    else this.out.diagnostics.push(d);
    return true;
  }

  /** The children of an element that are settings, in document order (see `skipped` for the others). */
  private settingChildren(el: XmlElement, part: "s" | "u", rel: Rel, later: boolean): XmlElement[] {
    const out: XmlElement[] = [];
    for (const c of el.children) if (!this.skipped(c, part, rel, later)) out.push(c);
    return out;
  }

  /**
   * Elements kept as written into `target`, in document order: as an object (names to values, an array
   * for a run of same-named elements) when that order is the one an object is written in (names sorted,
   * each name in one run), else as a sequence under CHILDREN_KEY (`<Step/><Run/><Step/>`).
   */
  private rawOrdered(target: Record<string, unknown>, els: XmlElement[], base: RelStep | undefined, hidden: boolean) {
    const runs: [string, XmlElement[]][] = [];
    for (const e of els) {
      const last = runs[runs.length - 1];
      if (last && last[0] === e.local) last[1].push(e);
      else runs.push([e.local, [e]]);
    }
    let sorted = true;
    for (let i = 1; i < runs.length && sorted; i++) sorted = runs[i - 1][0] < runs[i][0];
    if (sorted) {
      for (const [name, run] of runs) this.rawInto(target, name, run, base, hidden);
      return;
    }
    const sequence = this.step(base, CHILDREN_KEY, undefined);
    setOwn(
      target,
      CHILDREN_KEY,
      runs.map(([name, run], i) => {
        const entry = record();
        this.rawInto(entry, name, run, this.step(sequence, i, undefined), hidden);
        return entry;
      }),
    );
  }

  /** One step below `up` in the unvalidated shape, its place entered in `uLocs` (none for a step that is no element). */
  private step(up: RelStep | undefined, segment: PathSegment, at: SourceLocation | undefined): RelStep {
    const u = this.out.uLocs;
    const index = u.length / TREE_ENTRY;
    u.push(up ? up.index : -1);
    u.push(segment);
    u.push(at ? at.line : 0);
    u.push(at ? at.column : 0);
    return { up, segment, index };
  }

  /** The steps of a whole path (a known setting's place, `rawPath`: a few segments), for what is kept inside it. */
  private steps(path: readonly PathSegment[]): RelStep | undefined {
    let up: RelStep | undefined;
    for (const segment of path) up = this.step(up, segment, undefined);
    return up;
  }

  private attrs(el: XmlElement, part: "s" | "u", rel: Rel): Attrs {
    const out: Attrs = { nil: false, other: [] };
    for (const a of el.attributes) {
      if (a.uri === WCM_NS && a.local === "action") out.action = a.value;
      else if (a.uri === WCM_NS && a.local === "keyValue") out.keyValue = a.value;
      else if (a.uri === XSI_NS && a.local === "nil") {
        const v = trimXmlWhitespace(a.value);
        out.nil = v === "true" || v === "1";
        if (!out.nil) {
          this.note(
            "warning",
            "ignored-attribute",
            `${a.name}="${a.value}" on <${el.name}> is the default (not nil); it is not written back.`,
            part,
            rel,
            locationOf(el),
          );
        }
      } else out.other.push(a);
    }
    return out;
  }

  /** Reads a component the catalog knows. */
  readKnown(def: CatalogComponent, el: XmlElement): ReadComponent {
    this.component = def.name;
    this.uri = el.uri;
    this.checkText(el, "s", [], false);
    const unknown = new Set<string>();
    let componentBranches: [ReturnType<typeof templateBranches>] | undefined;
    for (const [name, els] of this.groups(el, "s", [])) {
      const found = findChild(def, name);
      if (!found) {
        const hint = didYouMean(
          name,
          childElements(def).map((e) => e.name),
          { caseOnly: true },
        );
        if (hint) {
          this.note("warning", "name-case", `"${name}" is not a setting of component "${def.name}".${hint}`, "u", [name], locationOf(els[0]));
        }
        unknown.add(name);
        continue;
      }
      const rel = [name];
      const first = els[0];
      if (els.length > 1 && found.el.kind !== "item") {
        // the component's text scanned once, not once per repeated name
        const branches = (componentBranches ??= [templateBranches(el.text)])[0];
        for (const dup of els.slice(1)) {
          if (branches) {
            this.note("warning", "template", branches(`<${name}>`, first.line), "s", rel, locationOf(dup));
            continue;
          }
          this.note(
            "error",
            "duplicate-element",
            `<${name}> appears more than once in component "${def.name}" (first at line ${first.line}); Windows Setup expects it once. Only the first is kept.`,
            "s",
            rel,
            locationOf(dup),
          );
        }
      }
      const locs = new Locations();
      this.pendingText = [];
      this.pendingNotes = [];
      // what the attempt reports as written (unknown elements inside) is taken back if it falls back
      const mark = [this.out.uLocs.length, this.out.diagnostics.length];
      this.rawPath = [name];
      const attempt = found.el.kind === "item" ? this.items(found.el, els, rel, locs) : this.known(found.el, first, rel, locs);
      if (attempt.ok) {
        setOwn(this.out.settings, name, attempt.value);
        if (attempt.raw) setOwn(this.out.raw, name, attempt.raw);
        if (locs.length > 0) this.out.sLocs.push(locs);
        for (const t of this.pendingText) this.checkText(t.el, "s", t.rel, t.hidden);
        append(this.out.diagnostics, this.pendingNotes);
      } else {
        this.out.uLocs.truncate(mark[0]);
        this.out.diagnostics.length = mark[1];
        this.rawInto(this.out.raw, name, found.el.kind === "item" ? els : [first], undefined, isConfidentialDef(found.el));
        this.note(
          "warning",
          "unvalidated-content",
          `${attempt.why} The whole <${name}> is kept as written, under unvalidated, without validation.`,
          "u",
          rel,
          locationOf(attempt.at),
        );
      }
    }
    // elements the component does not have, in document order
    if (unknown.size > 0) {
      this.rawOrdered(
        this.out.raw,
        el.children.filter((c) => !this.foreign(c) && unknown.has(c.local)),
        undefined,
        false,
      );
    }
    return this.done(false);
  }

  /** Reads a component the catalog does not know: every element as written. */
  readUnknown(el: XmlElement): ReadComponent {
    this.uri = el.uri;
    this.checkText(el, "u", [], false);
    this.rawOrdered(this.out.raw, this.settingChildren(el, "u", [], false), undefined, false);
    return this.done(true);
  }

  /**
   * The reading: its settings, raw content and diagnostics are kept until the
   * component is placed (the end of the parse), its diagnostics at their size
   * (a list grown by push keeps room for more) and what it left empty shared,
   * frozen; its places go into the trie at once (parse/index.ts).
   */
  private done(unknown: boolean): ReadComponent {
    const out = this.out;
    // an unknown component's settings stay empty (its elements are under raw)
    if (unknown && !hasKeys(out.settings)) out.settings = NOTHING;
    if (out.sLocs.length === 0) out.sLocs = NO_RUNS;
    if (out.diagnostics.length === 0) out.diagnostics = NO_PENDING;
    else if (out.diagnostics.length < SMALL) out.diagnostics = out.diagnostics.slice();
    return out;
  }

  private checkText(el: XmlElement, part: "s" | "u", rel: Rel, hidden: boolean) {
    const directives = el.children.length > 0 ? templateText(el.text, `<${el.name}>`) : undefined;
    if (directives) {
      this.note("warning", "template", directives, part, rel, locationOf(el));
    } else if (!isWs(el.text) && el.children.length > 0) {
      this.note(
        "warning",
        "ignored-text",
        `Text ${quote(el.text, hidden)} directly inside <${el.name}>, which holds elements, is ignored and not written back.`,
        part,
        rel,
        locationOf(el),
      );
    }
  }

  /** Text beside the elements of a known container: reported, dropped. */
  private mixedText(el: XmlElement, rel: PathSegment[], hidden: boolean) {
    if (!isWs(el.text)) this.pendingText.push({ el, rel, hidden });
  }

  /** Adds elements as unvalidated raw values under `target[name]` (an array when repeated). */
  private rawInto(target: Record<string, unknown>, name: string, els: XmlElement[], base: RelStep | undefined, hidden: boolean) {
    const secret = isConfidentialAsWritten(name, hidden);
    if (els.length === 1) {
      setOwn(target, name, this.raw(els[0], this.step(base, name, els[0]), secret));
    } else {
      const rel = this.step(base, name, undefined);
      setOwn(
        target,
        name,
        els.map((e, i) => this.raw(e, this.step(rel, i, e), secret)),
      );
    }
  }

  /**
   * An element as written, in the `unvalidated` shape. Here, in known() and in item(), an element whose content
   * was let go (a child of a large component's setting: see the XML reader's LazyElement) is released once read:
   * what reading it again made is garbage while still young.
   */
  private raw(el: XmlElement, rel: RelStep, hidden: boolean): unknown {
    const value = this.rawValue(el, rel, hidden);
    releaseElement(el);
    return value;
  }

  private rawValue(el: XmlElement, rel: RelStep, hidden: boolean): unknown {
    const a = this.attrs(el, "u", rel);
    this.dropAttributes(el, a.other, "u", rel);
    const head: Record<string, unknown> = {};
    if (a.action !== undefined) head[ACTION_ATTR] = a.action;
    if (a.keyValue !== undefined) head[KEY_VALUE_ATTR] = a.keyValue;
    if (a.nil) return { ...head, [NIL_ATTR]: true };
    const children = el.children.length === 0 ? [] : this.settingChildren(el, "u", rel, false);
    if (children.length === 0) return Object.keys(head).length ? { ...head, value: el.text } : el.text;
    this.checkText(el, "u", rel, hidden);
    const obj = Object.assign(record(), head);
    this.rawOrdered(obj, children, rel, hidden);
    return obj;
  }

  /** Attributes of a known element that the format does not have: dropped (in either reading), reported if read as known. */
  private dropAttributesLater(el: XmlElement, other: XmlAttribute[], rel: PathSegment[]) {
    const before = this.out.diagnostics.length;
    this.dropAttributes(el, other, "s", rel);
    append(this.pendingNotes, this.out.diagnostics.splice(before));
  }

  private attrsLater(el: XmlElement, rel: PathSegment[]): Attrs {
    const before = this.out.diagnostics.length;
    const a = this.attrs(el, "s", rel);
    append(this.pendingNotes, this.out.diagnostics.splice(before));
    return a;
  }

  private dropAttributes(el: XmlElement, other: XmlAttribute[], part: "s" | "u", rel: Rel) {
    if (other.length > 0) this.note("warning", "ignored-attribute", ignoredAttributesMessage(el, other), part, rel, locationOf(el));
  }

  /**
   * A known element -> its input value; fails (for the caller to keep it raw) on what the catalog does not
   * describe and cannot be kept beside it. `this.rawPath` is where the element is in the `unvalidated` shape.
   */
  private known(def: Element, el: XmlElement, rel: PathSegment[], locs: Locations): Attempt {
    const attempt = this.knownValue(def, el, rel, locs);
    releaseElement(el);
    return attempt;
  }

  private knownValue(def: Element, el: XmlElement, rel: PathSegment[], locs: Locations): Attempt {
    locs.add(rel, el);
    const a = this.attrsLater(el, rel);
    this.dropAttributesLater(el, a.other, rel);
    if (def.kind !== "item" && (a.action !== undefined || a.keyValue !== undefined)) {
      return { ok: false, why: `<${el.name}> is not a list item but has wcm:${a.action !== undefined ? "action" : "keyValue"}.`, at: el };
    }
    if (a.nil) {
      // no answer file the catalog describes uses xsi:nil (see README): kept as written, under unvalidated
      return { ok: false, why: `<${el.name}> has xsi:nil="true", which documented settings do not use.`, at: el };
    }
    const hidden = isConfidentialDef(def);
    switch (def.kind) {
      case "value":
        if (el.children.length > 0) {
          return { ok: false, why: `<${el.name}> holds a single value in the catalog but contains <${el.children[0].name}>.`, at: el.children[0] };
        }
        return { ok: true, value: el.text };
      case "password":
        return this.password(def.suffix, el, rel, locs);
      case "container":
        return this.object(def, el, rel, locs, {}, hidden);
      case "list": {
        if (el.children.length === 0 && !isWs(el.text)) return { ok: false, why: `<${el.name}> is a list but holds text.`, at: el };
        this.mixedText(el, rel, hidden);
        const items: unknown[] = [];
        const mirrors: (Record<string, unknown> | undefined)[] = [];
        const unknown: XmlElement[] = [];
        for (const c of this.settingChildren(el, "s", rel, true)) {
          if (c.local !== def.item.name) {
            // not an item of this list: kept as written, inside it, after its items
            unknown.push(c);
            continue;
          }
          this.rawPath.push(def.item.name, items.length);
          const r = this.item(def.item, c, rel.concat([items.length]), items.length, locs);
          this.rawPath.length -= 2;
          if (!r.ok) return r;
          items.push(r.value);
          mirrors.push(r.raw);
        }
        const raw = record();
        mirrorItems(raw, def.item.name, mirrors);
        if (unknown.length > 0) this.rawOrdered(raw, unknown, this.steps(this.rawPath), hidden);
        return { ok: true, value: items, raw: hasKeys(raw) ? raw : undefined };
      }
      case "item":
        // an item directly inside a container (e.g. <Disk> in <DiskConfiguration>): an array, as the typed inputs have it
        return this.items(def, [el], rel, locs);
    }
  }

  /** Repeated item elements without a list wrapper (DiskConfiguration/Disk): an array. */
  private items(def: ListItemElement, els: XmlElement[], rel: PathSegment[], locs: Locations): Attempt {
    const out: unknown[] = [];
    const mirrors: (Record<string, unknown> | undefined)[] = [];
    for (const el of els) {
      this.rawPath.push(out.length);
      const r = this.item(def, el, rel.concat([out.length]), out.length, locs);
      this.rawPath.length -= 1;
      if (!r.ok) return r;
      out.push(r.value);
      mirrors.push(r.raw);
    }
    const holder = record();
    mirrorItems(holder, def.name, mirrors);
    return { ok: true, value: out, raw: holder[def.name] as Record<string, unknown> | undefined };
  }

  /** One list item, at `position` (0-based) in its list. */
  private item(def: ListItemElement, el: XmlElement, rel: PathSegment[], position: number, locs: Locations): Attempt {
    const attempt = this.itemValue(def, el, rel, position, locs);
    releaseElement(el);
    return attempt;
  }

  private itemValue(def: ListItemElement, el: XmlElement, rel: PathSegment[], position: number, locs: Locations): Attempt {
    locs.add(rel, el);
    const a = this.attrsLater(el, rel);
    this.dropAttributesLater(el, a.other, rel);
    if (a.nil) return { ok: false, why: `List item <${el.name}> has xsi:nil="true", which documented settings do not use.`, at: el };
    const head: Record<string, unknown> = {};
    if (a.action !== undefined && a.action !== "add") head[ACTION_ATTR] = a.action;
    if (a.keyValue !== undefined) {
      if (!(def.key?.kind === "keyValue" && a.keyValue === String(position + 1))) head[KEY_VALUE_ATTR] = a.keyValue;
    }
    if (def.type) {
      if (el.children.length > 0) {
        return {
          ok: false,
          why: `List item <${el.name}> holds a single value in the catalog but contains <${el.children[0].name}>.`,
          at: el.children[0],
        };
      }
      return { ok: true, value: Object.keys(head).length ? { ...head, value: el.text } : el.text };
    }
    const r = this.object(def, el, rel, locs, head, isConfidentialDef(def));
    if (r.ok && def.key?.kind === "child" && def.key.name === "Order" && !hasOwn(r.value as object, "Order")) {
      // what normalize() writes for an item without Order: its position, in the list's documented form
      const order = formatListKey(def.key, position + 1) ?? String(position + 1);
      (r.value as Record<string, unknown>).Order = order;
      this.pendingNotes.push({
        severity: "warning",
        code: "missing-order",
        message: `<${el.name}> has no <Order>; it is numbered by its position and written with <Order>${order}</Order>.`,
        part: "s",
        rel,
        location: locationOf(el),
      });
    }
    return r;
  }

  private object(
    def: Element & { kind: "container" | "item" },
    el: XmlElement,
    rel: PathSegment[],
    locs: Locations,
    head: Record<string, unknown>,
    hidden: boolean,
  ): Attempt {
    if (el.children.length === 0 && !isWs(el.text)) {
      return { ok: false, why: `<${el.name}> groups other settings but holds text${hidden ? "" : ` ${quote(el.text, false)}`}.`, at: el };
    }
    this.mixedText(el, rel, hidden);
    const obj = Object.assign(record(), head);
    const raw = record();
    const itemMirrors = new Map<string, (Record<string, unknown> | undefined)[]>();
    const unknown: XmlElement[] = [];
    for (const c of el.children) {
      if (this.skipped(c, "s", rel, true)) continue;
      const key = c.local;
      const found = findChild(def, key);
      if (!found) {
        // kept as written, in its place (validation says whether it is a setting of another place)
        unknown.push(c);
        continue;
      }
      if (found.el.kind === "item") {
        if (!hasOwn(obj, key)) setOwn(obj, key, []);
        const list = obj[key] as unknown[];
        this.rawPath.push(key, list.length);
        const r = this.item(found.el, c, rel.concat([key, list.length]), list.length, locs);
        this.rawPath.length -= 2;
        if (!r.ok) return r;
        list.push(r.value);
        const mirrors = itemMirrors.get(key) ?? [];
        mirrors.push(r.raw);
        itemMirrors.set(key, mirrors);
        continue;
      }
      if (hasOwn(obj, key)) {
        // a repeated element: several items where the catalog has one (e.g. two <Disk>), or a duplicated value
        return { ok: false, why: `<${c.name}> appears more than once inside <${el.name}>.`, at: c };
      }
      const marks = [this.pendingNotes.length, this.pendingText.length, locs.length, this.out.uLocs.length, this.out.diagnostics.length];
      this.rawPath.push(key);
      const r = this.known(found.el, c, rel.concat([key]), locs);
      this.rawPath.length -= 1;
      if (!r.ok) {
        // this setting alone is kept as written, in its place; its siblings are still read (and validated)
        this.pendingNotes.length = marks[0];
        this.pendingText.length = marks[1];
        locs.truncate(marks[2]);
        this.out.uLocs.truncate(marks[3]);
        this.out.diagnostics.length = marks[4];
        this.rawInto(raw, key, [c], this.steps(this.rawPath), hidden || isConfidentialDef(found.el));
        this.note(
          "warning",
          "unvalidated-content",
          `${r.why} The whole <${key}> is kept as written, under unvalidated, without validation.`,
          "u",
          this.rawPath.concat([key]),
          locationOf(r.at),
        );
        continue;
      }
      setOwn(obj, key, r.value);
      if (r.raw) setOwn(raw, key, r.raw);
    }
    for (const [key, mirrors] of itemMirrors) mirrorItems(raw, key, mirrors);
    if (unknown.length > 0) this.rawOrdered(raw, unknown, this.steps(this.rawPath), hidden);
    return { ok: true, value: obj, raw: hasKeys(raw) ? raw : undefined };
  }

  private password(suffix: string, el: XmlElement, rel: PathSegment[], locs: Locations): Attempt {
    if (el.children.length === 0 && !isWs(el.text)) {
      return { ok: false, why: `Password <${el.name}> contains text instead of <Value> and <PlainText>.`, at: el };
    }
    this.mixedText(el, rel, true);
    let value: XmlElement | undefined;
    let plain: XmlElement | undefined;
    for (const c of this.settingChildren(el, "s", rel, true)) {
      if (c.local === "Value" && !value) value = c;
      else if (c.local === "PlainText" && !plain) plain = c;
      else {
        const why = `<${c.name}> is not expected in password <${el.name}> (only <Value> and <PlainText>).${didYouMean(c.local, PASSWORD_PARTS)}`;
        return { ok: false, why, at: c };
      }
    }
    for (const c of [value, plain]) {
      if (c && (c.children.length > 0 || c.attributes.length > 0))
        return { ok: false, why: `<${c.name}> in password <${el.name}> must hold text only.`, at: c };
    }
    if (!value) return { ok: false, why: `Password <${el.name}> has no <Value>.`, at: el };
    let plainText = true; // the documented default
    if (plain) {
      const trimmed = trimXmlWhitespace(plain.text);
      const t = trimmed.toLowerCase();
      if (t !== "true" && t !== "false") {
        // not a boolean: read as written, for validation to report (invalid-boolean) where it is
        locs.add(rel.concat(["Value"]), value);
        locs.add(rel.concat(["PlainText"]), plain);
        return { ok: true, value: { Value: value.text, PlainText: plain.text } };
      }
      plainText = t === "true";
      if (plain.text !== t) {
        // the password is re-written from its reading: say what changes in how PlainText is spelled
        this.pendingNotes.push({
          severity: "warning",
          code: trimmed !== plain.text ? "surrounding-whitespace" : "boolean-case",
          message: `<PlainText> in <${el.name}> is ${quoteText(plain.text.slice(0, 20))}; it is written back as "${t}".`,
          part: "s",
          rel: rel.concat(["PlainText"]),
          location: locationOf(plain),
        });
      }
    }
    locs.add(rel.concat(["Value"]), value);
    locs.add(rel.concat(["PlainText"]), plain ?? el);
    if (plainText) return { ok: true, value: { Value: value.text, PlainText: true } };
    // Obfuscated: the input holds the password itself (normalize encodes it again, giving the same text).
    const encoded = trimXmlWhitespace(value.text);
    const decoded = decodePassword(encoded, suffix);
    if (decoded === undefined || encodePassword(decoded, suffix) !== encoded) {
      return {
        ok: false,
        why: `<Value> of <${el.name}> has PlainText false but is not base64(UTF-16LE(password + "${suffix}")) as Windows expects.`,
        at: value,
      };
    }
    if (encoded !== value.text) {
      this.pendingNotes.push({
        severity: "warning",
        code: "surrounding-whitespace",
        message: `<Value> of <${el.name}> has white space around the obfuscated password; it is written back without it.`,
        part: "s",
        rel: rel.concat(["Value"]),
        location: locationOf(value),
      });
    }
    return { ok: true, value: { Value: decoded, PlainText: false } };
  }
}
