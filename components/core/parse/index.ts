/**
 * Existing answer files -> UnattendDocument: `parseUnattend` reads unattend.xml
 * (bytes or text) into the same `{ settings, architectures, perArchitecture,
 * unvalidated, unvalidatedPerArchitecture, extras }` shape that UnattendFile
 * and renderUnattend take, with the line and column of every setting, and
 * never throws: a malformed file gives an error diagnostic (`malformed-xml`)
 * with its line and column.
 *
 * What the catalog knows goes to `settings` (text kept as written, so that
 * parse -> render -> parse gives the same settings); what it does not
 * (unknown components and elements) goes to `unvalidated`, written back as
 * given: an unknown element inside a known group at the same place under
 * `unvalidated` (normalize() puts it back inside the group, whose known
 * settings are validated), in document order. A component repeated per
 * architecture is merged back when the copies are identical, else kept per
 * architecture (`perArchitecture` and
 * `unvalidatedPerArchitecture`). Elements outside `<settings>` (`<servicing>`,
 * `<cpi:offlineImage>`, `<Extensions>`) are kept byte for byte in `extras`.
 *
 * The file is untrusted: its size and depth are bounded (MAX_INPUT_BYTES,
 * MAX_XML_DEPTH), names that reach JavaScript prototypes are refused with
 * their line and column, and what is not written back (comments, processing
 * instructions, DOCTYPE, unknown attributes, stray text) is reported once per
 * kind.
 */
import { analyze, renderUnattend, type UnattendDocument, type ValidateOptions } from "../document";
import {
  ARCHITECTURES,
  PASSES,
  componentReadAs,
  findChild,
  findComponent,
  findComponentIgnoringCase,
  type Architecture,
  type CatalogComponent,
} from "../../catalog";
import { pathKey, type Diagnostic, type DiagnosticPath, type PathSegment } from "../diagnostics";
import { canonicalJson } from "../json";
import { PUBLIC_KEY_TOKEN, UNATTEND_NS } from "../names";
import { byOrder, normalize } from "../normalize";
import { renderDocument } from "../render";
import { RESERVED_NAMES, describe, quoteText } from "../values";
import { detached, isXmlWhitespace, trimXmlWhitespace } from "../xml/text";
import { MAX_NODES, MAX_INPUT_BYTES } from "../limits";
import { Chunked, Int32Chunks } from "../chunked";
import {
  ComponentReader,
  TREE_ENTRY,
  ignoredAttributesMessage,
  record,
  setOwn,
  type Locations as SettingLocations,
  type ReadComponent,
  type TreeLocations,
} from "./read";
import {
  NO_ATTRIBUTES,
  NO_CHILDREN,
  decode,
  locationOf,
  parseXml,
  type DecodedText,
  type DroppedMarkup,
  type SourceLocation,
  type XmlAttribute,
  type XmlDocument,
  type XmlElement,
} from "../xml/reader";
import { append, hasKeys } from "../values";
import { templateBranches, templateText } from "./template-text";

export type { SourceLocation } from "../xml/reader";
export { MAX_XML_DEPTH } from "../xml/reader";

/**
 * The former name of Diagnostic, whose `line` and `column` give the place in
 * the file a diagnostic is about.
 * @deprecated Use Diagnostic: it is the same type.
 */
export type LocatedDiagnostic = Diagnostic;

/** An element outside `<settings>`, kept byte for byte. */
export interface ExtraElement {
  /** Element name as written, e.g. `servicing`, `cpi:offlineImage`, `Extensions`. */
  name: string;
  /** The element's XML as written (line ends \n), with the namespace declarations it needs to stand alone. */
  xml: string;
  /** Where the element's start tag (its `<`) is in the file. */
  location: SourceLocation;
}

export { MAX_NODES, MAX_INPUT_BYTES } from "../limits";

/** Options of parseUnattend and validateUnattendXml: how to read the file. */
export interface ParseOptions {
  /**
   * The architecture given to components whose processorArchitecture is a
   * template placeholder (`%arch%`, `${architecture}`).
   * @default "amd64"
   * @example templateArchitecture: "arm64"
   */
  templateArchitecture?: Architecture;
  /**
   * Inputs larger than this many bytes (UTF-16 code units for text) are
   * refused with `too-large`, unread.
   * @default 16777216 (16 MiB)
   * @example maxBytes: 64 * 1024 * 1024
   */
  maxBytes?: number;
  /**
   * A file holding more elements and attributes than this, together, is refused with `too-large` at the start
   * tag that goes past the limit, read no further (what validating weighs follows their number: see MAX_NODES).
   * @default 25000
   * @example maxNodes: 1_000_000
   */
  maxNodes?: number;
}

/** Children of a node past which a look-up goes through a Map rather than along the siblings. */
const SIBLINGS_SCANNED = 8;

/**
 * The children of a node of many, by segment: list indices (0, 1, 2...) in a
 * typed array, 4 bytes each where a Map took about 40 (a list of 100,000 items
 * kept 0.5x the file in its Map); other segments, and an index far past the
 * others, in a Map.
 */
class ChildIndex {
  private byIndex = new Int32Array(0);
  /** One past the largest index in byIndex. */
  private used = 0;
  private byName: Map<PathSegment, number> | undefined;

  get(segment: PathSegment): number {
    if (typeof segment === "number" && segment >= 0 && segment < this.used && Number.isInteger(segment)) {
      const c = this.byIndex[segment];
      if (c !== 0) return c;
    }
    return this.byName?.get(segment) ?? 0;
  }

  /** Adds a child (a segment not there yet). */
  set(segment: PathSegment, child: number): void {
    // the array grows to twice what it holds at most: an index far past the others (never from a file) goes to the Map
    if (typeof segment === "number" && segment >= 0 && Number.isInteger(segment) && segment < Math.max(2 * this.used, 1024)) {
      if (segment >= this.byIndex.length) {
        const grown = new Int32Array(Math.max(segment + 1, 2 * this.byIndex.length, 16));
        grown.set(this.byIndex);
        this.byIndex = grown;
      }
      this.byIndex[segment] = child;
      this.used = Math.max(this.used, segment + 1);
      return;
    }
    (this.byName ??= new Map()).set(segment, child);
  }

  /** The same children under their new numbers (see Locations.dropUnattached), at their size. */
  renumbered(renumber: Int32Array): ChildIndex {
    const out = new ChildIndex();
    out.byIndex = new Int32Array(this.used);
    for (let i = 0; i < this.used; i++) out.byIndex[i] = renumber[this.byIndex[i]];
    out.used = this.used;
    if (this.byName) out.byName = new Map([...this.byName].map(([segment, child]) => [segment, renumber[child]]));
    return out;
  }

  /** Its array at its size, once filled. */
  trim(): void {
    if (this.used < this.byIndex.length) this.byIndex = this.byIndex.slice(0, this.used);
  }
}

/**
 * Where each input path starts in the file: a trie keyed by path segments
 * (no string key per element), filled while reading; `locate` walks down a
 * path and keeps the deepest place it passes. The trie is kept in columns
 * (typed arrays in blocks, Int32Chunks: a node's first child, next sibling, line and column; its
 * segment in a Chunked list) rather than an object per node: it has a node per
 * element of the file, and an object, a Map of children and a location
 * object per node weighed several times the file. A node with many children
 * gets an index of them by segment (ChildIndex), so that look-ups stay
 * constant.
 *
 * A component's places are entered as soon as it is read (a large one's when
 * it is placed: LARGE_READING), in a subtree of its own (`detached`), linked
 * in where the component is placed once every component is read (`attach`):
 * kept as lists of entries until then, they were about 1x the file for a
 * large file. A subtree never linked in (a copy for an architecture that
 * another stands for, a duplicate) is dropped by `trim`.
 */
export class Locations {
  /** Node 0 is the root; 0 as a child or sibling means none; a line of 0, no location. */
  private segments = Chunked.of<PathSegment>("");
  private first = new Int32Chunks();
  private next = new Int32Chunks();
  private lines = new Int32Chunks();
  private columns = new Int32Chunks();
  private nodes = 1;
  /** The children of nodes with more than SIBLINGS_SCANNED of them, by segment. */
  private wide = new Map<number, ChildIndex>();
  private count = 0;
  /** Subtrees made by detached() and not linked in (yet): trim() drops those left. */
  private unattached = 0;

  private childOf(n: number, segment: PathSegment): number {
    const index = this.wide.get(n);
    if (index !== undefined) return index.get(segment) ?? 0;
    let scanned = 0;
    for (let c = this.first.at(n); c !== 0; c = this.next.at(c)) {
      if (this.segments.at(c) === segment) return c;
      scanned++;
    }
    if (scanned > SIBLINGS_SCANNED) {
      const index = new ChildIndex();
      // siblings are listed newest first: entered oldest first (a list's indices in order; segments are unique)
      const children: number[] = [];
      for (let c = this.first.at(n); c !== 0; c = this.next.at(c)) children.push(c);
      for (let i = children.length - 1; i >= 0; i--) index.set(this.segments.at(children[i]), children[i]);
      this.wide.set(n, index);
    }
    return 0;
  }

  private add(parent: number, segment: PathSegment): number {
    const n = this.newNode(segment);
    this.link(parent, n);
    return n;
  }

  /** A node of no parent yet. */
  private newNode(segment: PathSegment): number {
    const n = this.nodes++;
    this.segments.push(segment);
    return n;
  }

  /** `n` made the newest child of `parent`, at its segment. */
  private link(parent: number, n: number): void {
    this.next.set(n, this.first.at(parent));
    this.first.set(parent, n);
    this.wide.get(parent)?.set(this.segments.at(n), n);
  }

  /**
   * A subtree of its own, placed at `location`: its places are entered by placeRuns and placeTree, and it is
   * linked in by attach().
   */
  detached(location: SourceLocation): number {
    const n = this.newNode("");
    this.first.set(n, 0);
    this.next.set(n, 0);
    this.place(n, location.line, location.column);
    this.unattached++;
    return n;
  }

  /**
   * The detached subtree `root` made the node of `path`. Where that node already exists (never, for a
   * component's places: each is placed once), the subtree's places are copied into it instead.
   */
  attach(path: DiagnosticPath, root: number): void {
    const parent = this.node(path.slice(0, -1));
    const segment = path[path.length - 1];
    const existing = this.childOf(parent, segment);
    if (existing === 0) {
      this.segments.set(root, segment);
      this.link(parent, root);
      this.unattached--;
      return;
    }
    const stack: [number, number][] = [[root, existing]];
    while (stack.length > 0) {
      const [from, to] = stack.pop()!;
      if (this.lines.at(from) !== 0) this.place(to, this.lines.at(from), this.columns.at(from));
      for (let c = this.first.at(from); c !== 0; c = this.next.at(c)) stack.push([c, this.step(to, this.segments.at(c))]);
    }
  }

  private node(path: readonly PathSegment[], from = 0): number {
    let n = from;
    for (const segment of path) n = this.step(n, segment);
    return n;
  }

  /** The child of `n` at `segment`, made when there is none. */
  private step(n: number, segment: PathSegment): number {
    const c = this.childOf(n, segment);
    return c !== 0 ? c : this.add(n, segment);
  }

  /**
   * Its columns at their size, once filled (they grow by doubling: up to half of each was room, kept with the
   * parse result). Places can still be added after: the columns grow again.
   */
  trim(): void {
    if (this.unattached > 0) this.dropUnattached();
    for (const index of this.wide.values()) index.trim();
    this.segments.trim();
  }

  /** Keeps the nodes reachable from the root only (renumbered, in the same order), and counts their places again. */
  private dropUnattached(): void {
    const renumber = new Int32Array(this.nodes);
    const order: number[] = [0];
    for (let i = 0; i < order.length; i++) {
      for (let c = this.first.at(order[i]); c !== 0; c = this.next.at(c)) {
        renumber[c] = order.length;
        order.push(c);
      }
    }
    const n = order.length;
    const first = new Int32Chunks();
    const next = new Int32Chunks();
    const lines = new Int32Chunks();
    const columns = new Int32Chunks();
    const segments = new Chunked<PathSegment>();
    let count = 0;
    for (let i = 0; i < n; i++) {
      const old = order[i];
      first.set(i, renumber[this.first.at(old)]);
      next.set(i, renumber[this.next.at(old)]);
      lines.set(i, this.lines.at(old));
      columns.set(i, this.columns.at(old));
      segments.push(this.segments.at(old));
      if (lines.at(i) !== 0) count++;
    }
    const wide = new Map<number, ChildIndex>();
    for (const [parent, children] of this.wide) {
      if (parent !== 0 && renumber[parent] === 0) continue;
      wide.set(renumber[parent], children.renumbered(renumber));
    }
    this.first = first;
    this.next = next;
    this.lines = lines;
    this.columns = columns;
    this.segments = segments;
    this.nodes = n;
    this.count = count;
    this.unattached = 0;
    this.wide = wide;
  }

  private place(n: number, line: number, column: number): void {
    if (this.lines.at(n) === 0) this.count++;
    this.lines.set(n, line);
    this.columns.set(n, column);
  }

  private placeOf(n: number): SourceLocation | undefined {
    return this.lines.at(n) === 0 ? undefined : { line: this.lines.at(n), column: this.columns.at(n) };
  }

  set(path: DiagnosticPath, location: SourceLocation): void {
    this.place(this.node(path), location.line, location.column);
  }

  /** Places of paths relative to the node `b` (see Locations in read.ts). */
  placeRuns(b: number, runs: readonly SettingLocations[]): void {
    // the node of each prefix of the path before: a path is kept as what it shares with it, then its own segments
    const prefix: number[] = [];
    for (const run of runs) {
      const e = run.entries;
      prefix.length = 0;
      prefix.push(b);
      for (let i = 0; i < e.length;) {
        const keep = e.at(i) as number;
        const count = e.at(i + 1) as number;
        i += 2;
        prefix.length = keep + 1;
        let n = prefix[keep];
        for (let k = 0; k < count; k++) {
          n = this.step(n, e.at(i++) as PathSegment);
          prefix.push(n);
        }
        this.place(n, e.at(i) as number, e.at(i + 1) as number);
        i += 2;
      }
    }
  }

  /** Places of a tree of paths relative to the node `b` (see TreeLocations in read.ts), each entry one segment below its parent. */
  placeTree(b: number, entries: TreeLocations): void {
    const nodes = new Int32Array(entries.length / TREE_ENTRY);
    for (let i = 0, k = 0; i < entries.length; i += TREE_ENTRY, k++) {
      const parent = entries.at(i) as number;
      const line = entries.at(i + 2) as number;
      const n = this.step(parent < 0 ? b : nodes[parent], entries.at(i + 1) as PathSegment);
      if (line !== 0) this.place(n, line, entries.at(i + 3) as number);
      nodes[k] = n;
    }
  }

  get(path: DiagnosticPath): SourceLocation | undefined {
    let n = 0;
    for (const segment of path) {
      n = this.childOf(n, segment);
      if (n === 0) return undefined;
    }
    return this.placeOf(n);
  }

  /** Where a path is in the file: the path itself, else its nearest parent with a location. */
  locate(path: DiagnosticPath): SourceLocation | undefined {
    let n = 0;
    let found = 0;
    for (const segment of path) {
      n = this.childOf(n, segment);
      if (n === 0) break;
      if (this.lines.at(n) !== 0) found = n;
    }
    return found === 0 ? undefined : this.placeOf(found);
  }

  get size(): number {
    return this.count;
  }
}

/**
 * What parseUnattend returns: the settings as a document UnattendFile and
 * renderUnattend take, what was wrong with the file, and where each setting
 * and extra element is in it.
 */
export interface ParseResult {
  /** The settings, in the shape UnattendFile and renderUnattend take. */
  document: UnattendDocument;
  /** Problems found while reading (each with line and column); validation is separate (validateUnattendXml). */
  diagnostics: Diagnostic[];
  /**
   * Where each input path starts in the file, keyed by the paths normalize()
   * and validation use: `["settings", "specialize", "Microsoft-Windows-Shell-Setup", "ComputerName"]`.
   */
  locations: Locations;
  /** Elements outside `<settings>`, with their names and places (their XML is also in `document.extras`). */
  extras: ExtraElement[];
  /** The file is not well-formed XML (or not an answer file at all): `document` is empty. */
  malformed: boolean;
  /** How the bytes were decoded. */
  encoding: string;
}

const STANDARD_ATTRIBUTES = new Map<string, string>([
  ["publicKeyToken", PUBLIC_KEY_TOKEN],
  ["language", "neutral"],
  ["versionScope", "nonSxS"],
]);

interface Copy {
  pass: string;
  name: string;
  arch: string;
  element: XmlElement;
  known: boolean;
  /** What reading it gave, but its places: those are in the trie already (sRoot, uRoot). */
  read: Pick<ReadComponent, "settings" | "raw" | "diagnostics">;
  /** Its places under `settings` (or `perArchitecture`), a subtree of the trie linked in when it is placed. */
  sRoot: number;
  /** Its places under `unvalidated` (or `unvalidatedPerArchitecture`), when it has content there; else 0. */
  uRoot: number;
  /** A large component's places, entered in sRoot and uRoot when it is placed (see LARGE_READING); else undefined. */
  pending: Pick<ReadComponent, "sLocs" | "uLocs"> | undefined;
  /** Canonical JSON of the content, to compare copies (computed only when there are copies to compare). */
  key?: string;
}

function isPlaceholder(arch: string): boolean {
  return !/^[A-Za-z0-9_]+$/.test(arch);
}

type Tree = Record<string, Record<string, unknown>>;

/** `tree[a][b] = value`, own properties only. */
function put(tree: Record<string, unknown>, a: string, b: string, value: unknown) {
  if (!Object.prototype.hasOwnProperty.call(tree, a)) setOwn(tree, a, record());
  setOwn(tree[a] as Record<string, unknown>, b, value);
}

/** One parse's working state: the result being filled, and how a diagnostic gets its place in the file. */
interface Parse {
  result: ParseResult;
  diagnostics: Diagnostic[];
  locations: Locations;
  extras: ExtraElement[];
  templateArchitecture: Architecture;
  at: (d: Diagnostic, loc: SourceLocation) => void;
  /** Components read as soon as the XML reader closed them (readWhenClosed), by element, with what reading them said. */
  early: Map<XmlElement, { copy: Copy | undefined; said: [Diagnostic, SourceLocation][] | undefined }>;
  /** Template placeholders met in processorArchitecture, each with its first place. */
  placeholders: Map<string, SourceLocation>;
}

/** Step 1's result: the decoded text and its root element. */
interface Xml {
  text: string;
  doc: XmlDocument;
  root: XmlElement;
}

/** Step 3's result: every `<component>` of every `<settings>`, one copy per architecture. */
interface Sections {
  copies: Copy[];
  /**
   * The copies by pass and name, in the order first met (one per architecture; a second for the same
   * architecture is a duplicate). One key per component, not one per copy and another to group them.
   */
  groups: Map<string, Copy[]>;
  /** The copies of the groups of more than one, by pass, name and architecture (to find duplicates). */
  byArch: Map<string, Copy>;
  /** The decoded text (for extras and template hints). */
  text: string;
  /** Template markers of the text, found on the first duplicate. */
  markers?: TemplateMarkers;
}

/** Step 4's result: the copies grouped by pass and component, and the architectures most components share. */
interface Grouped {
  groups: Map<string, Copy[]>;
  shared: string[];
}

/** Step 5's result: the copies placed in the document's trees. */
interface Placed {
  settings: Tree;
  unvalidated: Tree;
  perArchitecture: Record<string, Tree>;
  unvalidatedPerArchitecture: Record<string, Tree>;
  /** An architecture's place: its first component in the file. */
  archFirst: Map<string, XmlElement>;
}

/** Reads an answer file. Never throws. */
export function parseUnattend(input: string | Uint8Array, options: ParseOptions = {}): ParseResult {
  return parseTaken(() => input, options);
}

/**
 * parseUnattend of an input handed over (see validateTaken): `take` is called once, and what it returns is
 * kept only until it is decoded.
 */
function parseTaken(take: () => string | Uint8Array, options: ParseOptions): ParseResult {
  const p = newParse(options.templateArchitecture ?? "amd64");
  const xml = readXml(take, options.maxBytes ?? MAX_INPUT_BYTES, options.maxNodes ?? MAX_NODES, p);
  if (!xml || !checkRoot(xml, p)) {
    // the places of components read before the text turned out not to be XML are not linked in: dropped
    p.locations.trim();
    return p.result;
  }
  const sections = readSections(xml, p);
  const grouped = groupArchitectures(sections.groups);
  const placed = placeCopies(grouped, sections.byArch, p);
  p.result.document = assembleDocument(placed, grouped, sections, p);
  p.locations.trim();
  p.diagnostics.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  return p.result;
}

function newParse(templateArchitecture: Architecture): Parse {
  const diagnostics: Diagnostic[] = [];
  const locations = new Locations();
  const extras: ExtraElement[] = [];
  const at = (d: Diagnostic, loc: SourceLocation) => diagnostics.push({ ...d, line: loc.line, column: loc.column });
  const result: ParseResult = { document: { settings: record() }, diagnostics, locations, extras, malformed: false, encoding: "utf-8" };
  return { result, diagnostics, locations, extras, templateArchitecture, at, early: new Map(), placeholders: new Map() };
}

/** Step 1: the input checked, decoded and read as XML; undefined (with the error) when it is not well-formed. */
function readXml(take: () => string | Uint8Array, maxBytes: number, maxNodes: number, p: Parse): Xml | undefined {
  // the input is referred to only while it is decoded (decodeInput), not while its text is read
  const decoded = decodeInput(take, maxBytes, p);
  if (decoded === undefined) return undefined;
  const { result, at } = p;
  const last: LastSetting = { setting: undefined, documented: false };
  const xml = parseXml(
    decoded.text,
    (el, ancestors) => readWhenClosed(el, ancestors, p),
    (start, ancestors) => letGo(start, ancestors, last),
    maxNodes,
  );
  if (xml.problem || !xml.root) {
    result.malformed = true;
    const loc = xml.problem?.location ?? { line: 1, column: 1 };
    at(
      {
        severity: "error",
        path: ["xml"],
        code: xml.problem?.code ?? "malformed-xml",
        message: `${xml.problem?.code ? "Refused" : "Not well-formed XML"} at line ${loc.line}, column ${loc.column}: ${xml.problem?.message ?? "no root element."}`,
      },
      loc,
    );
    return undefined;
  }
  return { text: decoded.text, doc: xml, root: xml.root };
}

/** The input taken, checked and decoded; undefined (with the error) when it is not text or bytes, or too large. */
function decodeInput(take: () => string | Uint8Array, maxBytes: number, p: Parse): DecodedText | undefined {
  const { result, at } = p;
  const input: unknown = take();
  if (typeof input !== "string" && !(input instanceof Uint8Array)) {
    result.malformed = true;
    at(
      {
        severity: "error",
        path: ["xml"],
        code: "wrong-shape",
        message: `The input must be the file's text (a string) or bytes (a Uint8Array); got ${describe(input)}.`,
      },
      { line: 1, column: 1 },
    );
    return undefined;
  }

  if (input.length > maxBytes) {
    result.malformed = true;
    at(
      {
        severity: "error",
        path: ["xml"],
        code: "too-large",
        message: `The input is ${input.length} ${typeof input === "string" ? "characters" : "bytes"}, more than the limit of ${maxBytes} (real answer files are a few KiB; raise the limit with the maxBytes option, or --max-bytes in the CLI).`,
      },
      { line: 1, column: 1 },
    );
    return undefined;
  }
  const decoded = decode(input);
  result.encoding = decoded.encoding;
  if (decoded.warning) at({ severity: "warning", path: ["xml"], code: "encoding", message: decoded.warning }, { line: 1, column: 1 });
  return decoded;
}

/**
 * A `<component>` of a `<settings>` of the root (one whose pass is read), read
 * as soon as it is closed, and its subtree and attributes let go, so that the
 * element tree of the whole file never exists at once. What reading it says
 * is kept and said when readPass comes to it, in the same order as if it were
 * read then. Whatever is not such a component (or fails to read) is read
 * when its turn comes, as before.
 */
function readWhenClosed(el: XmlElement, ancestors: readonly XmlElement[], p: Parse): void {
  if (ancestors.length !== 2 || el.local !== "component") return;
  const [root, settings] = ancestors;
  if (root.local !== "unattend" || settings.local !== "settings" || settings.uri !== root.uri || el.uri !== root.uri) return;
  const pass = passValue(settings);
  if (pass === undefined) return;
  const said: [Diagnostic, SourceLocation][] = [];
  let copy: Copy | undefined;
  try {
    copy = readComponent(pass, el, { ...p, at: (d, loc) => said.push([d, loc]) });
  } catch {
    // read again when its turn comes (as any component was), so that it fails there as it would have
    return;
  }
  p.early.set(el, { copy, said: said.length > 0 ? said : undefined });
  // read whole: only its place (line, column, offsets) is looked at from now on
  el.children = NO_CHILDREN;
  el.attributes = NO_ATTRIBUTES;
}

/** Past this many characters into a `<component>`, the content of its settings' children is let go (see letGo). */
let LET_GO_AFTER = 1 << 16;

/** For tests: the threshold of letGo (0: every setting's children of every component), returning the one before. */
export function setLetGoAfter(chars: number): number {
  const before = LET_GO_AFTER;
  LET_GO_AFTER = chars;
  return before;
}

/**
 * Whether the content of an item of a documented setting of a large
 * component (a `<RunSynchronousCommand>`, a `<DomainName>`) is let go, asked
 * at its start tag, past the component's first LET_GO_AFTER characters. Its
 * content is then not built, and is read from the text when the component is
 * read (the XML reader's LazyElement): until a component closes, the content
 * of all its elements was alive (a list of 100,000 items weighed 3.5x its
 * file), long enough for V8 to move it to the old generation; now each item's
 * content is made when it is read, into its compact value, and dies young.
 * Not under a setting the catalog lacks: that content becomes the unvalidated
 * tree, as large as the elements it is read from, so letting it go saved
 * nothing and cost a second reading (the issue's case 19: the same peak, 30%
 * more time). A small component is read as before.
 */
function letGo(start: number, ancestors: readonly XmlElement[], last: LastSetting): boolean {
  if (ancestors.length !== 4) return false;
  const component = ancestors[2];
  if (component.local !== "component" || ancestors[1].local !== "settings" || start - component.start <= LET_GO_AFTER) return false;
  const setting = ancestors[3];
  if (setting !== last.setting) {
    last.setting = setting;
    const def = componentReadAs(plainAttribute(component, "name") ?? "");
    last.documented = def !== undefined && setting.uri === component.uri && findChild(def, setting.local) !== undefined;
  }
  return last.documented;
}

/** The setting letGo was asked about last in a parse, and whether the catalog documents it (asked once for all its items). */
interface LastSetting {
  setting: XmlElement | undefined;
  documented: boolean;
}

/** Step 2: what the XML reader noticed, and the root element; false (with the error) when it is not `<unattend>`. */
function checkRoot({ doc, root }: Xml, p: Parse): boolean {
  const { at } = p;
  reportDropped(doc.dropped, at);
  // a namespace URI with white space: Windows reads it as written (never repaired without a word)
  for (const ns of doc.spacedNamespaces) {
    at(
      {
        severity: "error",
        path: ["xml"],
        code: "namespace-whitespace",
        message: `${ns.name}=${quoteText(ns.value)} holds white space: Windows Setup reads the URI as written, so what uses it is in another namespace for Setup${ns.name === "xmlns:wcm" ? " (no wcm:action or wcm:keyValue is read)" : ns.name === "xmlns:xsi" ? " (no xsi:nil is read)" : ""}. Write the URI without white space${ns.value.trim() ? `: ${ns.name}="${trimXmlWhitespace(ns.value)}"` : ""}.`,
      },
      ns.location,
    );
  }

  p.locations.set(["settings"], locationOf(root));
  if (root.local !== "unattend") {
    p.result.malformed = true;
    at(
      {
        severity: "error",
        path: ["settings"],
        code: "not-unattend",
        message: `The root element is <${root.name}>; an answer file's root is <unattend xmlns="${UNATTEND_NS}">.`,
      },
      locationOf(root),
    );
    return false;
  }
  if (root.uri !== UNATTEND_NS) {
    at(
      {
        severity: "error",
        path: ["settings"],
        code: "wrong-namespace",
        message: `<unattend> is in namespace ${JSON.stringify(root.uri)}; Windows Setup reads only xmlns="${UNATTEND_NS}". It is written back with that namespace.`,
      },
      locationOf(root),
    );
  }
  ignoredAttributes(root, root.attributes, ["settings"], at);
  return true;
}

/** Step 3: every `<component>` of every `<settings>`, one copy per architecture; the other elements to the extras. */
function readSections({ text, root }: Xml, p: Parse): Sections {
  // every field set from the start (markers too): one shape for the optimiser
  const sections: Sections = { copies: [], groups: new Map(), byArch: new Map(), text, markers: undefined };
  const passLocations = new Map<string, SourceLocation>();
  const outsideSettings: boolean[] = [];
  const servicing: boolean[] = [];
  const rootDirectives = root.children.length > 0 ? templateText(root.text, "<unattend>") : undefined;
  if (rootDirectives) {
    p.at({ severity: "warning", path: ["settings"], code: "template", message: rootDirectives }, locationOf(root));
  } else if (root.children.length > 0 && !isXmlWhitespace(root.text)) {
    p.at({ severity: "warning", path: ["settings"], code: "ignored-text", message: "Text directly inside <unattend> is ignored." }, locationOf(root));
  }
  for (const child of root.children) {
    if (child.local === "settings" && child.uri === root.uri) {
      const pass = passOf(child, p);
      if (pass === undefined) continue;
      if (!passLocations.has(pass)) passLocations.set(pass, locationOf(child));
      readPass(pass, child, root.uri, sections, p);
    } else {
      p.extras.push({ name: child.name, xml: extraXml(child, text, root), location: locationOf(child) });
      outsideSettings.push(child.local === "component" && child.uri === root.uri);
      servicing.push(child.local === "servicing" && child.uri === UNATTEND_NS);
    }
  }
  orderExtras(outsideSettings, servicing, p);
  for (const [pass, loc] of passLocations) {
    p.locations.set(["settings", pass], loc);
    p.locations.set(["unvalidated", pass], loc);
  }
  return sections;
}

/** The `pass` attribute of a `<settings>` element, if it has one. */
function passAttribute(settings: XmlElement): XmlAttribute | undefined {
  for (const a of settings.attributes) if (a.local === "pass" && a.uri === "") return a;
  return undefined;
}

/** The pass passOf reads from a `<settings>` element (without saying anything): undefined when it has none usable. */
function passValue(settings: XmlElement): string | undefined {
  const pass = passAttribute(settings)?.value;
  return pass === undefined || RESERVED_NAMES.has(pass) ? undefined : pass;
}

/** A `<settings>` element's pass, with what it holds besides its components; undefined (with the error) when it has none usable. */
function passOf(child: XmlElement, p: Parse): string | undefined {
  const { at } = p;
  const passAttr = passAttribute(child);
  if (!passAttr) {
    at(
      {
        severity: "error",
        path: ["settings"],
        code: "missing-pass",
        message: `<settings> has no pass attribute${
          child.attributes.length ? ` (it has ${child.attributes.map((a) => a.name).join(", ")})` : ""
        }, so Windows Setup never applies it; its ${child.children.length} element(s) are not read. Valid passes: ${PASSES.join(", ")}.`,
      },
      locationOf(child),
    );
    return undefined;
  }
  const pass = passAttr.value;
  if (RESERVED_NAMES.has(pass)) {
    at(
      {
        severity: "error",
        path: ["settings", pass],
        code: "reserved-name",
        message: `<settings pass="${pass}"> is not a configuration pass (valid: ${PASSES.join(", ")}); it is not read.`,
      },
      locationOf(child),
    );
    return undefined;
  }
  ignoredAttributes(
    child,
    child.attributes.filter((a) => a !== passAttr),
    ["settings", pass],
    at,
  );
  const directives = child.children.length > 0 ? templateText(child.text, `<settings pass="${pass}">`) : undefined;
  if (directives) {
    at({ severity: "warning", path: ["settings", pass], code: "template", message: directives }, locationOf(child));
  } else if (!isXmlWhitespace(child.text)) {
    at(
      {
        severity: "warning",
        path: ["settings", pass],
        code: "ignored-text",
        message: `Text directly inside <settings pass="${pass}"> is ignored and not written back.`,
      },
      locationOf(child),
    );
  }
  return pass;
}

/** The components of one `<settings>`, each read into a copy; a duplicate is reported and left out. */
function readPass(pass: string, child: XmlElement, uri: string, sections: Sections, p: Parse): void {
  const { at } = p;
  let settingsBranches: [ReturnType<typeof templateBranches>] | undefined;
  for (const c of child.children) {
    if (c.local !== "component" || c.uri !== uri) {
      at(
        {
          severity: "warning",
          path: ["settings", pass],
          code: "ignored-element",
          message: `<${c.name}> inside <settings pass="${pass}"> is not a <component>; it is ignored and not written back.`,
        },
        locationOf(c),
      );
      continue;
    }
    const early = p.early.get(c);
    let copy: Copy | undefined;
    if (early) {
      // not deleted from p.early (which goes at the end of the parse): a map emptied one entry at a time remade its table again and again
      if (early.said) for (const [d, loc] of early.said) at(d, loc);
      copy = early.copy;
    } else {
      copy = readComponent(pass, c, p);
      // read: its subtree can go, so that the whole tree and the whole document it becomes never coexist (peak memory)
      c.children = NO_CHILDREN;
    }
    if (!copy) continue;
    const id = `${copy.pass}\u0000${copy.name}`;
    const group = sections.groups.get(id);
    const dup = group === undefined ? undefined : copyFor(group, id, copy.arch, sections.byArch);
    // the settings' text scanned once, not once per duplicate (n duplicates were quadratic)
    const branches = dup ? (settingsBranches ??= [templateBranches(child.text)])[0] : undefined;
    if (dup && branches) {
      at(
        {
          severity: "warning",
          path: ["settings", pass, copy.name],
          code: "template",
          message: branches(`<component name="${copy.name}">`, dup.element.line),
        },
        locationOf(c),
      );
      continue;
    }
    if (dup) {
      at(
        {
          severity: "error",
          path: ["settings", pass, copy.name],
          code: "duplicate-component",
          message: `Component "${copy.name}" appears twice in pass ${pass} for architecture ${copy.arch} (first at line ${dup.element.line}); Windows Setup rejects duplicated components. Only the first is kept.${(sections.markers ??= new TemplateMarkers(sections.text)).between(dup.element.start, c.start)}`,
        },
        locationOf(c),
      );
      continue;
    }
    if (group) {
      if (group.length === 1) sections.byArch.set(archKey(id, group[0].arch), group[0]);
      sections.byArch.set(archKey(id, copy.arch), copy);
      group.push(copy);
    } else sections.groups.set(id, [copy]);
    sections.copies.push(copy);
  }
}

/** Extras in the order they are written: `<servicing>` first, then the others, each group in file order; each with its warning. */
function orderExtras(outsideSettings: boolean[], servicing: boolean[], p: Parse): void {
  const { extras } = p;
  if (extras.length === 0) return;
  const order = extras.map((x, i) => ({ x, i, before: servicing[i] }));
  order.sort((a, b) => Number(b.before) - Number(a.before) || a.i - b.i);
  extras.splice(0, extras.length, ...order.map((o) => o.x));
  order.forEach(({ x, i }, n) => {
    p.at(
      {
        severity: "warning",
        path: ["extras", n],
        code: outsideSettings[i] ? "component-outside-settings" : "extra-element",
        message: outsideSettings[i]
          ? `This <component> is outside any <settings>, so Windows Setup ignores it. It is kept as written, in the document's extras, but not validated.`
          : `<${x.name}> is not a setting: it is kept as written, in the document's extras, and not validated.`,
      },
      x.location,
    );
  });
}

/**
 * A group's copy for an architecture: most groups have one copy, compared with it; the copies of a larger group
 * are looked up in `byArch` (never scanned: one component for many architectures stays linear).
 */
function copyFor(group: Copy[], id: string, arch: string, byArch: Map<string, Copy>): Copy | undefined {
  if (group.length === 1) return group[0].arch === arch ? group[0] : undefined;
  return byArch.get(archKey(id, arch));
}

/** A copy's key in `byArch`: its group's (pass and name) and its architecture. */
const archKey = (id: string, arch: string) => `${id}\u0000${arch}`;

/** Step 4: architectures: the set most components share is the document's; the rest per architecture. */
function groupArchitectures(groups: Map<string, Copy[]>): Grouped {
  const archOrder = byOrder(ARCHITECTURES);
  const setOf = (g: Copy[]) => [...new Set(g.map((c) => c.arch))].sort(archOrder);
  const tally = new Map<string, { archs: string[]; count: number }>();
  for (const g of groups.values()) {
    // most components have one copy: its architecture is the key, no set and arrays made for each
    const archs = g.length === 1 ? undefined : setOf(g);
    const id = archs === undefined ? g[0].arch : archs.join(",");
    const t = tally.get(id);
    if (t) t.count++;
    else tally.set(id, { archs: archs ?? [g[0].arch], count: 1 });
  }
  // ties broken by the architectures' own order, not by where the components stand in the file: the same
  // document gives the same choice once rendered (found by the round-trip property)
  const rankOf = (archs: string[]) => archs.map((a) => String(ARCHITECTURES.indexOf(a as Architecture) + 1)).join(",");
  const best = [...tally.values()].sort(
    (a, b) =>
      b.count - a.count || b.archs.length - a.archs.length || (rankOf(a.archs) < rankOf(b.archs) ? -1 : rankOf(a.archs) > rankOf(b.archs) ? 1 : 0),
  )[0];
  return { groups, shared: best?.archs ?? [] };
}

/** Canonical JSON of a copy's content, computed once and only when there are copies to compare. */
function keyOf(c: Copy): string {
  return (c.key ??= canonicalJson([c.read.settings, c.read.raw]));
}

/**
 * Step 5: each component in the document's trees: once, when its copies for the
 * shared architectures are identical, else per architecture.
 */
function placeCopies({ groups, shared }: Grouped, byArch: Map<string, Copy>, p: Parse): Placed {
  const sharedSet = new Set(shared);
  const placed: Placed = {
    settings: record(),
    unvalidated: record(),
    perArchitecture: record(),
    unvalidatedPerArchitecture: record(),
    archFirst: new Map(),
  };
  const { perArchitecture, unvalidatedPerArchitecture, archFirst } = placed;
  for (const [id, g] of groups) {
    const { pass, name } = g[0];
    const rep = sharedCopy(g, id, shared, byArch);
    const rest = rep === undefined ? g : g.length === 1 ? NO_COPIES : g.filter((c) => !sharedSet.has(c.arch));
    if (rep !== undefined) {
      if (rep.known) put(placed.settings, pass, name, rep.read.settings);
      if (hasKeys(rep.read.raw) || !rep.known) put(placed.unvalidated, pass, name, rep.read.raw);
      locateCopy(rep, ["settings", pass, name], ["unvalidated", pass, name], p);
    }
    for (const c of rest) {
      if (!Object.prototype.hasOwnProperty.call(perArchitecture, c.arch)) {
        setOwn(perArchitecture, c.arch, {});
        setOwn(unvalidatedPerArchitecture, c.arch, {});
      }
      const first = archFirst.get(c.arch);
      if (!first || c.element.start < first.start) archFirst.set(c.arch, c.element);
      if (c.known) put(perArchitecture[c.arch], pass, name, c.read.settings);
      if (hasKeys(c.read.raw) || !c.known) put(unvalidatedPerArchitecture[c.arch], pass, name, c.read.raw);
      locateCopy(c, ["perArchitecture", c.arch, pass, name], ["unvalidatedPerArchitecture", c.arch, pass, name], p);
    }
  }
  return placed;
}

const NO_COPIES: Copy[] = [];

/**
 * The copy that stands for the shared architectures (the first in the file) when each of them has one and,
 * for more than one, all are identical; else undefined.
 */
function sharedCopy(g: Copy[], id: string, shared: string[], byArch: Map<string, Copy>): Copy | undefined {
  // plain loops, not map/every/reduce over a fresh array: one array shape for the optimiser (it bailed out here)
  let rep: Copy | undefined;
  for (const a of shared) {
    const c = copyFor(g, id, a, byArch);
    if (c === undefined) return undefined;
    if (rep === undefined || c.element.start < rep.element.start) rep = c;
  }
  if (shared.length > 1) {
    const first = keyOf(copyFor(g, id, shared[0], byArch)!);
    for (let i = 1; i < shared.length; i++) if (keyOf(copyFor(g, id, shared[i], byArch)!) !== first) return undefined;
  }
  return rep;
}

/** A placed copy's locations, and its diagnostics at the paths where it was placed. */
function locateCopy(c: Copy, base: PathSegment[], unvalidatedBase: PathSegment[], p: Parse): void {
  if (c.pending) enterPlaces(c.sRoot, c.uRoot, c.pending.sLocs, c.pending.uLocs, p);
  p.locations.attach(base, c.sRoot);
  if (c.uRoot !== 0) p.locations.attach(unvalidatedBase, c.uRoot);
  for (const d of c.read.diagnostics) {
    p.at({ severity: d.severity, code: d.code, message: d.message, path: (d.part === "s" ? base : unvalidatedBase).concat(d.rel) }, d.location);
  }
}

/** The architectures whose tree holds something, or undefined when none does. */
function nonEmpty(o: Record<string, Tree>): Record<string, Tree> | undefined {
  const out = record<Record<string, Tree>>();
  for (const k of Object.keys(o)) if (hasKeys(o[k])) setOwn(out, k, o[k]);
  return hasKeys(out) ? out : undefined;
}

/** Step 6: the document from the placed trees and the extras, with the places of its top-level fields and the template warnings. */
function assembleDocument(placed: Placed, { shared }: Grouped, { copies }: Sections, p: Parse): UnattendDocument {
  const { locations, extras } = p;
  const document: UnattendDocument = { settings: placed.settings as UnattendDocument["settings"] };
  if (copies.length > 0) document.architectures = shared.length > 0 ? (shared as Architecture[]) : [copies[0].arch as Architecture];
  const per = nonEmpty(placed.perArchitecture);
  if (per) document.perArchitecture = per as UnattendDocument["perArchitecture"];
  if (hasKeys(placed.unvalidated)) document.unvalidated = placed.unvalidated as UnattendDocument["unvalidated"];
  const uper = nonEmpty(placed.unvalidatedPerArchitecture);
  if (uper) document.unvalidatedPerArchitecture = uper as UnattendDocument["unvalidatedPerArchitecture"];
  if (extras.length > 0) {
    document.extras = extras.map((x) => ({ xml: x.xml }));
    extras.forEach((x, i) => locations.set(["extras", i], x.location));
  }
  if (copies.length > 0) {
    locations.set(["architectures"], locationOf(copies[0].element));
    locations.set(["perArchitecture"], locationOf(copies[0].element));
    locations.set(["unvalidated"], locationOf(copies[0].element));
    locations.set(["unvalidatedPerArchitecture"], locationOf(copies[0].element));
    for (const [arch, first] of placed.archFirst) {
      locations.set(["perArchitecture", arch], locationOf(first));
      locations.set(["unvalidatedPerArchitecture", arch], locationOf(first));
    }
  }
  for (const [placeholder, loc] of p.placeholders) {
    p.at(
      {
        severity: "warning",
        path: ["architectures"],
        code: "template",
        message: `processorArchitecture="${placeholder}" is a template placeholder: this file is a template, not a finished answer file. Its components are read as ${p.templateArchitecture}; fill in the placeholders before giving it to Windows Setup.`,
      },
      loc,
    );
  }
  return document;
}

/** One warning per kind of markup that is not written back. */
function reportDropped(dropped: DroppedMarkup, at: (d: Diagnostic, loc: SourceLocation) => void) {
  const kinds = [
    ["comments", "comment"],
    ["processingInstructions", "processing instruction"],
    ["doctype", "DOCTYPE declaration"],
  ] as const;
  for (const [kind, word] of kinds) {
    const count = dropped[kind];
    const first = dropped.first[kind];
    if (count === 0 || !first) continue;
    at(
      {
        severity: "warning",
        path: ["xml"],
        code: "ignored-markup",
        message: `${count} ${word}${count === 1 ? "" : "s"} (the first here) ${count === 1 ? "is" : "are"} not part of the settings and ${count === 1 ? "is" : "are"} not written back${kind === "comments" ? " (comments inside extras are kept)" : ""}.`,
      },
      first,
    );
  }
}

/**
 * Where the file has template markers, found once: a hint when a duplicated
 * component sits near them (an if/else in a template). The same component
 * repeated n times asks n times about the text since its first copy; a scan
 * of that text each time was quadratic.
 */
class TemplateMarkers {
  private readonly starts: number[] = [];

  constructor(text: string) {
    const marker = /\{%|%\}|\{\{|\}\}|%\{|\$\{|<%|%>|@@/g;
    for (let m = marker.exec(text); m; m = marker.exec(text)) this.starts.push(m.index);
  }

  /** The hint, when a marker lies wholly between the offsets `from` and `to`. */
  between(from: number, to: number): string {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid] < from) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.starts.length && this.starts[lo] + 2 <= to
      ? " Template markers sit between the two: if this is an if/else of a template, fill in the template first (validate the rendered file)."
      : "";
  }
}

/**
 * Entries of places past which a component's places wait for its placement (a list of 16,000 items, a deep
 * unvalidated tree). Entered at once, they would be in the trie while the reader's elements of the component
 * are alive (they go once it is read): for one component as large as the file (the issue's case 19), that
 * made the peak bimodal (48x or 70x); waiting, its entries stay alive instead, as before.
 */
const LARGE_READING = 1 << 16;

/** A component's places entered in its subtrees (uRoot 0: none under unvalidated). */
function enterPlaces(sRoot: number, uRoot: number, sLocs: readonly SettingLocations[], uLocs: TreeLocations, p: Parse): void {
  p.locations.placeRuns(sRoot, sLocs);
  if (uRoot !== 0) p.locations.placeTree(uRoot, uLocs);
}

/** A component read into a copy: its name, architecture and attributes checked, its content read with the catalog's definition when there is one. */
function readComponent(pass: string, el: XmlElement, p: Parse): Copy | undefined {
  const written = componentName(pass, el, p.at);
  if (written === undefined) return undefined;
  const path = ["settings", pass, written];
  const arch = componentArchitecture(el, written, path, p);
  checkComponentAttributes(el, written, path, p.at);
  const def = findComponent(written) ?? caseVariant(written, pass, el, p.at);
  const reader = new ComponentReader();
  const { settings, raw, diagnostics, sLocs, uLocs } = def ? reader.readKnown(def, el) : reader.readUnknown(el);
  // its places under the component's element, linked in where the component is placed (see Locations): entered
  // now, unless it is large (entered when it is placed)
  const sRoot = p.locations.detached(locationOf(el));
  const uRoot = hasKeys(raw) ? p.locations.detached(locationOf(el)) : 0;
  let size = uLocs.length;
  for (const run of sLocs) size += run.length;
  const pending = size > LARGE_READING ? { sLocs, uLocs } : undefined;
  if (!pending) enterPlaces(sRoot, uRoot, sLocs, uLocs, p);
  // `key` set from the start, though computed later: one shape for every copy (the optimiser recompiled placeCopies for the second)
  return {
    pass,
    name: def ? def.name : written,
    arch,
    element: el,
    known: !!def,
    read: { settings, raw, diagnostics },
    sRoot,
    uRoot,
    pending,
    key: undefined,
  };
}

/** An attribute in no namespace, by its name. */
function plainAttribute(el: XmlElement, name: string): string | undefined {
  for (const a of el.attributes) if (a.local === name && a.uri === "") return a.value;
  return undefined;
}

/** A component's name as written; undefined (with the error) when it has none or one that reaches the object prototype. */
function componentName(pass: string, el: XmlElement, at: Parse["at"]): string | undefined {
  const name = plainAttribute(el, "name");
  if (name === undefined || name === "") {
    at(
      { severity: "error", path: ["settings", pass], code: "missing-attribute", message: `<component> has no name attribute; it is not read.` },
      locationOf(el),
    );
    return undefined;
  }
  if (RESERVED_NAMES.has(name)) {
    at(
      {
        severity: "error",
        path: ["settings", pass, name],
        code: "reserved-name",
        message: `<component name="${name}"> is not a component (no component has that name, and the name is refused because it reaches JavaScript's object prototype); it is not read.`,
      },
      locationOf(el),
    );
    return undefined;
  }
  return name;
}

/** A component's architecture: the template architecture when it has none (an error) or a placeholder (remembered for one warning). */
function componentArchitecture(el: XmlElement, name: string, path: PathSegment[], p: Parse): string {
  const arch = plainAttribute(el, "processorArchitecture");
  if (arch === undefined) {
    p.at(
      {
        severity: "error",
        path,
        code: "missing-architecture",
        message: `Component "${name}" has no processorArchitecture; Windows Setup applies a component only to its architecture. Read as ${p.templateArchitecture}.`,
      },
      locationOf(el),
    );
    return p.templateArchitecture;
  }
  if (!(ARCHITECTURES as readonly string[]).includes(arch) && isPlaceholder(arch)) {
    if (!p.placeholders.has(arch)) p.placeholders.set(arch, locationOf(el));
    return p.templateArchitecture;
  }
  return arch;
}

/** The warnings for the attributes of a component that are not written back as given: one for those not of the format, one for each standard one of another value. */
function checkComponentAttributes(el: XmlElement, name: string, path: PathSegment[], at: Parse["at"]): void {
  const ignored: XmlAttribute[] = [];
  for (const a of el.attributes) {
    if (a.uri !== "" || a.local === "name" || a.local === "processorArchitecture") continue;
    const standard = STANDARD_ATTRIBUTES.get(a.local);
    if (standard === undefined) ignored.push(a);
    else if (a.value.toLowerCase() !== standard.toLowerCase()) {
      at(
        {
          severity: "warning",
          path,
          code: "component-attribute",
          message: `${a.local}="${a.value.slice(0, 60)}" on component "${name}"; it is written back as ${a.local}="${standard}".`,
        },
        locationOf(el),
      );
    }
  }
  ignoredAttributes(el, ignored, path, at);
}

/** The one warning for `attrs` of `el`, not written back, when there are any (see ignoredAttributesMessage). */
function ignoredAttributes(el: XmlElement, attrs: readonly XmlAttribute[], path: PathSegment[], at: Parse["at"]): void {
  if (attrs.length > 0) at({ severity: "warning", path, code: "ignored-attribute", message: ignoredAttributesMessage(el, attrs) }, locationOf(el));
}

/** The catalog's component whose name differs from `name` only in case (Windows matches component names without regard to case), with a warning. */
function caseVariant(name: string, pass: string, el: XmlElement, at: Parse["at"]): CatalogComponent | undefined {
  const match = findComponentIgnoringCase(name);
  if (!match) return undefined;
  const def = match.component;
  at(
    {
      severity: "warning",
      path: ["settings", pass, def.name],
      code: "name-case",
      message: `Component "${name}" is read as "${def.name}", the spelling Windows System Image Manager writes${match.known ? " (real files use both)" : ""}, and written back so; Windows matches component names without regard to case.`,
    },
    locationOf(el),
  );
  return def;
}

/** An element's XML as written, standing alone: namespace prefixes declared on ancestors are declared on it. */
function extraXml(el: XmlElement, text: string, root: XmlElement): string {
  let xml = text.slice(el.start, el.end).replace(/\r\n?/g, "\n");
  const used = new Set<string>();
  const declared = new Set<string>();
  const stack = [el];
  while (stack.length > 0) {
    const e = stack.pop()!;
    if (e.prefix) used.add(e.prefix);
    for (const a of e.attributes) if (a.prefix && a.prefix !== "xml") used.add(a.prefix);
    for (const p of Object.keys(e.declarations)) declared.add(p);
    append(stack, e.children);
  }
  const add: string[] = [];
  for (const p of [...used].sort()) {
    if (!declared.has(p) && Object.prototype.hasOwnProperty.call(root.declarations, p)) add.push(`xmlns:${p}="${root.declarations[p]}"`);
  }
  if (!el.prefix && !Object.prototype.hasOwnProperty.call(el.declarations, "") && el.uri !== UNATTEND_NS) add.push(`xmlns="${el.uri}"`);
  if (add.length > 0) {
    const cut = 1 + el.name.length;
    xml = `${xml.slice(0, cut)} ${add.join(" ")}${xml.slice(cut)}`;
  }
  // kept in the document: not a view into the file's text
  return detached(xml);
}

/**
 * Renders a parsed document back to XML, with the elements outside
 * `<settings>` (extras) where the schema puts them. With `validate` (the
 * default) it throws UnattendValidationError on errors, as renderUnattend
 * does; without, it renders whatever can be rendered (for round trips of
 * files with errors; text XML cannot hold is still refused).
 */
export function renderParsed(parsed: Pick<ParseResult, "document">, options: { validate?: boolean } = {}): string {
  return options.validate === false ? renderDocument(normalize(parsed.document)) : renderUnattend(parsed.document);
}

/**
 * What validateUnattendXml returns: parseUnattend's result, with
 * validation's diagnostics (placed at their settings' lines) added to the
 * parser's, and the markup a rendering would drop.
 */
export interface XmlValidation extends ParseResult {
  /** Parse diagnostics and validation diagnostics, by line and column. */
  diagnostics: Diagnostic[];
  /**
   * Comments, processing instructions and DOCTYPE (`ignored-markup`): not a
   * problem of the file, so not in `diagnostics`, but rendering the document
   * back does not keep them.
   */
  notWrittenBack: Diagnostic[];
}

/**
 * Parses and validates an answer file: parse diagnostics plus validateUnattend's,
 * each with the line and column of the setting it is about. `options.ignore`
 * silences rule warnings by id, as in validateUnattend.
 * @throws RuleIgnoreError when `options.ignore` names a rule error or no rule.
 */
export function validateUnattendXml(input: string | Uint8Array, options: ParseOptions & ValidateOptions = {}): XmlValidation {
  return validateTaken(() => input, options);
}

/**
 * validateUnattendXml of an input its caller hands over and keeps no reference to (the command, its file's
 * bytes): `take` is called once, when the parse starts, and what it returns is let go once decoded. A caller's
 * argument is alive until the call returns, so that the bytes of a file were alive beside everything
 * validation made from them (1x the file, at the command's peak).
 */
export function validateTaken(take: () => string | Uint8Array, options: ParseOptions & ValidateOptions = {}): XmlValidation {
  const parsed = parseTaken(take, options);
  // plain loops rather than filter/map with callbacks: less for the optimiser to compile on every short run
  const notWrittenBack: Diagnostic[] = [];
  const fromParse: Diagnostic[] = [];
  for (const d of parsed.diagnostics) (d.code === "ignored-markup" ? notWrittenBack : fromParse).push(d);
  if (parsed.malformed) return { ...parsed, diagnostics: fromParse, notWrittenBack };
  const explained = new Set<string>();
  for (const d of fromParse) if (d.severity === "warning") explained.add(pathKey(d.path));
  const validation: Diagnostic[] = [];
  for (const d of analyze(parsed.document, { ignore: options.ignore }).diagnostics) {
    // the parser already said why this part is unvalidated
    if (d.code === "unvalidated" && explained.size > 0 && explained.has(pathKey(d.path))) continue;
    const loc = parsed.locations.locate(d.path);
    // analyze's diagnostics are this call's own: placed where they are, not copied (one copy each weighed as much again)
    if (loc) {
      d.line = loc.line;
      d.column = loc.column;
    }
    validation.push(d);
  }
  const diagnostics = fromParse.concat(validation).sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  return { ...parsed, diagnostics, notWrittenBack };
}
