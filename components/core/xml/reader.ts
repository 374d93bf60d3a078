/**
 * Bytes -> text -> a small element tree with source positions, using saxes
 * (namespace-aware, so an undeclared `wcm:` prefix is an error as it is for
 * Windows Setup). Never throws: a file that is not well-formed XML gives the
 * first problem with its line and column.
 */
import { MAX_XML_DEPTH } from "../limits";
import { SaxesParser, type SaxesTagNS } from "saxes";
import { detached } from "./text";

/** 1-based line and column (in UTF-16 code units) of a place in the text. */
export interface SourceLocation {
  /** Line number, from 1; a line ends at \n, \r\n or a lone \r. */
  line: number;
  /** Column, from 1, counted in UTF-16 code units from the start of the line. */
  column: number;
}

export interface XmlAttribute {
  /** Qualified name as written, e.g. `wcm:action`. */
  name: string;
  local: string;
  prefix: string;
  uri: string;
  value: string;
}

export interface XmlElement {
  /** Qualified name as written. */
  name: string;
  local: string;
  prefix: string;
  /** Namespace URI ("" for none). */
  uri: string;
  attributes: XmlAttribute[];
  /** Namespace declarations made on this element: prefix ("" for the default) -> URI. */
  declarations: Record<string, string>;
  children: XmlElement[];
  /** All text and CDATA directly inside, concatenated (line ends normalised to \n). */
  text: string;
  /** Offset of `<` in the text, and just past the end tag's `>`. */
  start: number;
  end: number;
  /** Where the start tag begins (line and column: see locationOf; no object per element, kept for every element of a file). */
  line: number;
  column: number;
}

/** Where an element's start tag begins. */
export function locationOf(el: XmlElement): SourceLocation {
  return { line: el.line, column: el.column };
}

export interface XmlProblem {
  message: string;
  location: SourceLocation;
  /** Set when the text is well-formed as far as read but past a limit. */
  code?: "too-deep" | "too-large";
}

export { MAX_XML_DEPTH };

/** Markup that carries no settings: counted, so that readers can say what is not written back. */
export interface DroppedMarkup {
  comments: number;
  processingInstructions: number;
  doctype: number;
  /** Where the first of each kind is. */
  first: { comments?: SourceLocation; processingInstructions?: SourceLocation; doctype?: SourceLocation };
}

export interface DecodedText {
  text: string;
  encoding: "utf-8" | "utf-8-bom" | "utf-16le" | "utf-16be" | string;
  /** Set when the bytes could not be decoded cleanly. */
  warning?: string;
}

/**
 * Decodes a file: UTF-8 with or without byte-order mark, UTF-16 LE/BE with a
 * byte-order mark (or recognisable by its first `<`), else the encoding named
 * in the XML declaration when Node knows it, else UTF-8.
 */
export function decode(input: string | Uint8Array): DecodedText {
  if (typeof input === "string") {
    return { text: input.charCodeAt(0) === 0xfeff ? input.slice(1) : input, encoding: "utf-8" };
  }
  const b = input;
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return strict(b.subarray(3), "utf-8", "utf-8-bom");
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return strict(b.subarray(2), "utf-16le", "utf-16le");
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return strict(b.subarray(2), "utf-16be", "utf-16be");
  // UTF-16 without a byte-order mark: "<" followed (LE) or preceded (BE) by a zero byte.
  if (b.length >= 4 && b[0] === 0x3c && b[1] === 0 && b[2] !== 0 && b[3] === 0) return strict(b, "utf-16le", "utf-16le");
  if (b.length >= 4 && b[0] === 0 && b[1] === 0x3c && b[2] === 0 && b[3] !== 0) return strict(b, "utf-16be", "utf-16be");
  const head = Buffer.from(b.subarray(0, 200)).toString("latin1");
  const declared = /^<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1].toLowerCase();
  if (declared && !/^(utf-?8|utf-?16|ucs-?2|unicode)$/.test(declared)) {
    let known = true;
    try {
      new TextDecoder(declared);
    } catch {
      // unknown to this Node: fall back to UTF-8
      known = false;
    }
    if (known) return strict(b, declared, declared);
  }
  return strict(b, "utf-8", "utf-8");
}

/**
 * Decodes strictly; bytes that are not valid in the encoding (invalid UTF-8,
 * a lone UTF-16 surrogate or an odd last byte, a byte a legacy code page does
 * not map) are read as U+FFFD with a warning, whatever the encoding.
 */
function strict(b: Uint8Array, decoder: string, encoding: DecodedText["encoding"]): DecodedText {
  try {
    return { text: new TextDecoder(decoder, { fatal: true }).decode(b), encoding };
  } catch {
    const text = new TextDecoder(decoder).decode(b);
    const name = decoder.startsWith("utf-") ? decoder.toUpperCase().replace(/(LE|BE)$/, " $1") : decoder;
    return { text, encoding, warning: `The file is not valid ${name}; the invalid bytes were read as U+FFFD.` };
  }
}

/** Offsets -> 1-based line and column. Lines end at \n, \r\n or a lone \r. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    // indexOf finds line ends far faster than a loop over every character; a lone CR is rare, looked for only when present
    if (text.indexOf("\r") === -1) {
      for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) this.starts.push(i + 1);
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      }
    }
  }

  private cursor = 0;

  /** The line of at(), for offsets met in increasing order (the start tags of a parse): a line walk, not a search. */
  nextLine(offset: number): number {
    let i = this.cursor;
    if (this.starts[i] > offset) return this.at(offset).line;
    while (i + 1 < this.starts.length && this.starts[i + 1] <= offset) i++;
    this.cursor = i;
    return i + 1;
  }

  /** The column of an offset on its line. */
  column(offset: number, line: number): number {
    return offset - this.starts[line - 1] + 1;
  }

  /** The line of an offset (a search: see nextLine for offsets met in order). */
  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  at(offset: number): SourceLocation {
    const line = this.lineOf(offset);
    return { line, column: this.column(offset, line) };
  }
}

export interface XmlDocument {
  root?: XmlElement;
  problem?: XmlProblem;
  lines: LineIndex;
  /** Comments, processing instructions (other than the XML declaration) and DOCTYPE met. */
  dropped: DroppedMarkup;
  /**
   * Namespace declarations whose URI holds white space (`xmlns:wcm="⏎http://..."`):
   * the XML parser trims it, Windows Setup does not, so what they name is in
   * another namespace for Windows.
   */
  spacedNamespaces: { name: string; value: string; location: SourceLocation }[];
}

/** A valid entity or character reference starting at an `&`. */
const REFERENCE = /&(?:#[0-9]+|#x[0-9A-Fa-f]+|[A-Za-z_:][A-Za-z0-9._:\u00B7\u00C0-\uFFFF-]*);/y;

/**
 * The first `&` that does not start a reference, outside comments, CDATA and
 * processing instructions, before `limit`. saxes reads an entity name up to the
 * next `;`, so it reports a stray `&` far from where it is.
 */
function strayAmpersand(text: string, limit: number): number | undefined {
  let i = 0;
  while (i < limit) {
    const amp = text.indexOf("&", i);
    const lt = text.indexOf("<", i);
    if (amp === -1 || amp >= limit) return undefined;
    if (lt !== -1 && lt < amp) {
      const skip = skipMarkup(text, lt);
      if (skip !== undefined) {
        i = skip;
        continue;
      }
      i = lt + 1;
      continue;
    }
    REFERENCE.lastIndex = amp;
    if (!REFERENCE.test(text)) return amp;
    i = REFERENCE.lastIndex;
  }
  return undefined;
}

/** The end of a comment, CDATA section, processing instruction or DOCTYPE starting at `lt`. */
function skipMarkup(text: string, lt: number): number | undefined {
  const close = (open: string, end: string) => {
    if (!text.startsWith(open, lt)) return undefined;
    const e = text.indexOf(end, lt + open.length);
    return e === -1 ? text.length : e + end.length;
  };
  return close("<!--", "-->") ?? close("<![CDATA[", "]]>") ?? close("<?", "?>") ?? close("<!DOCTYPE", ">");
}

type Parser = SaxesParser<{ xmlns: true; position: true }>;

/**
 * A SaxesParser whose handler fields exist before any is set. saxes keeps each
 * handler in its own field, added by on() with a computed key: after nine or
 * so such additions V8 turns the parser into a dictionary-mode object, and
 * every field read in the tokenizer's hot loop becomes a hash look-up
 * (measured: parsing 4x slower). Adding the fields first, as named stores,
 * keeps the object's shape fast; on() then only replaces values. (Not a
 * subclass: the state provider's code is serialised by Pulumi, which cannot
 * serialise saxes' class, only refer to the module.)
 */
function newParser(fragment?: { namespaces: Record<string, string>; version: "1.0" | "1.1" }): Parser {
  const parser = fragment
    ? new SaxesParser({ xmlns: true, position: true, fragment: true, additionalNamespaces: fragment.namespaces, defaultXMLVersion: fragment.version })
    : new SaxesParser({ xmlns: true, position: true });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const fields = parser as any;
  fields.xmldeclHandler = undefined;
  fields.textHandler = undefined;
  fields.piHandler = undefined;
  fields.doctypeHandler = undefined;
  fields.commentHandler = undefined;
  fields.openTagStartHandler = undefined;
  fields.attributeHandler = undefined;
  fields.openTagHandler = undefined;
  fields.closeTagHandler = undefined;
  fields.cdataHandler = undefined;
  fields.errorHandler = undefined;
  fields.endHandler = undefined;
  fields.readyHandler = undefined;
  return parser;
}

/** Thrown from a saxes handler to stop reading (a plain object: no stack to capture). */
const STOP = { stop: true };

/*
 * Shared empty values for the many elements that have no attributes, no
 * namespace declarations or no children: the tree is built for files of up
 * to 16 MiB, where a per-element empty object and arrays weighed more than
 * the file (frozen: no reader may add to them; a parent's own children array
 * is made on its first child).
 */
export const NO_ATTRIBUTES: XmlAttribute[] = Object.freeze([]) as unknown as XmlAttribute[];
const NO_DECLARATIONS: Record<string, string> = Object.freeze(Object.create(null)) as Record<string, string>;
export const NO_CHILDREN: XmlElement[] = Object.freeze([]) as unknown as XmlElement[];

/**
 * An element as read. Only what differs from the usual is its own: no prefix,
 * attributes, declarations, children or text are the prototype's (the shared
 * empty values), so that a leaf of a long list (the most numerous elements of
 * a large file, all alive until their component is read) weighs 88 bytes, not
 * 120. A class: V8 then keeps room in the object for the fields set after
 * (text, children, attributes). To every reader an XmlElement.
 */
class Element {
  declare prefix: string;
  declare attributes: XmlAttribute[];
  declare declarations: Record<string, string>;
  declare children: XmlElement[];
  declare text: string;
  constructor(
    public name: string,
    public local: string,
    public uri: string,
    public start: number,
    public end: number,
    public line: number,
    public column: number,
  ) {}
}
Object.defineProperties(Element.prototype, {
  prefix: { value: "", writable: true },
  attributes: { value: NO_ATTRIBUTES, writable: true },
  declarations: { value: NO_DECLARATIONS, writable: true },
  children: { value: NO_CHILDREN, writable: true },
  text: { value: "", writable: true },
});

/** A name, local name, prefix and namespace. */
interface Names {
  readonly name: string;
  readonly local: string;
  readonly prefix: string;
  readonly uri: string;
}

/** Its names and namespace read through `shape`, one object for all that carry the same (see OwnValueAttribute, LazyElement). */
abstract class NamedThrough {
  constructor(protected readonly shape: Names) {}
  get name(): string {
    return this.shape.name;
  }
  get local(): string {
    return this.shape.local;
  }
  get prefix(): string {
    return this.shape.prefix;
  }
  get uri(): string {
    return this.shape.uri;
  }
}

/**
 * An attribute whose value is its own (one too long, or past
 * MAX_SHARED_ATTRIBUTES distinct ones: a list's `wcm:keyValue="1"`,
 * `"2"`...): its name, local name, prefix and namespace are those of one
 * shared object, read through; 40 bytes instead of 64 per list item.
 */
class OwnValueAttribute extends NamedThrough {
  constructor(
    shape: XmlAttribute,
    public value: string,
  ) {
    super(shape);
  }
}

/**
 * An element whose content was let go (see LetGo): only its name and place
 * are kept, and what is inside it (attributes, declarations, children, text)
 * is read from the text when first asked for, kept until release(). A reader
 * walking a large component then holds, besides these, only the content of
 * the element it is reading: the content of every item of a list of 100,000
 * was alive until the component closed, long enough to reach V8's old
 * generation (about 3.5x the file), and now dies young.
 */
class LazyElement extends NamedThrough {
  private content: XmlElement | undefined = undefined;
  constructor(
    shape: Names,
    public start: number,
    public end: number,
    private readonly context: FragmentContext,
  ) {
    super(shape);
  }
  /** The element read again (once until released). */
  read(): XmlElement {
    return (this.content ??= reread(this.context, this.start, this.end));
  }
  /** Lets go of what read() made; asked for again, it is read again. */
  release(): void {
    this.content = undefined;
  }
  /** From its start (a search in the lines' index): 24 bytes fewer for each of 100,000 items than keeping them. */
  get line(): number {
    return this.context.main.lines.lineOf(this.start);
  }
  get column(): number {
    const { lines } = this.context.main;
    return lines.column(this.start, lines.lineOf(this.start));
  }
  get attributes(): XmlAttribute[] {
    return this.read().attributes;
  }
  set attributes(v: XmlAttribute[]) {
    this.read().attributes = v;
  }
  get declarations(): Record<string, string> {
    return this.read().declarations;
  }
  set declarations(v: Record<string, string>) {
    this.read().declarations = v;
  }
  get children(): XmlElement[] {
    return this.read().children;
  }
  set children(v: XmlElement[]) {
    this.read().children = v;
  }
  get text(): string {
    return this.read().text;
  }
  set text(v: string) {
    this.read().text = v;
  }
}

/**
 * Lets go of what reading a let-go element's content again made (a reader
 * done with it calls this): asked for again, it is read again. Does nothing
 * to any other element.
 */
export function releaseElement(el: XmlElement): void {
  if (el instanceof LazyElement) el.release();
}

/**
 * What reading a let-go element again needs: the reading's text, lines and
 * shared names, the namespaces in scope, the XML version, and a parser for
 * fragments in that scope (made on first use, for all the elements let go in
 * that scope).
 */
interface FragmentContext {
  readonly main: TreeReading;
  readonly namespaces: Record<string, string>;
  /** The version the XML declaration gave (saxes forgets it once the text is read). */
  readonly version: "1.0" | "1.1";
  fragments: TreeReading | undefined;
}

/**
 * The namespaces in scope inside the innermost of `stack` (prefix -> URI, "" for the default), as saxes
 * resolved them: it trims a declared URI (`declarations` keep it as written).
 */
function inScope(stack: readonly XmlElement[]): Record<string, string> {
  const out = Object.create(null) as Record<string, string>;
  for (const el of stack) {
    const d = el.declarations;
    if (d !== NO_DECLARATIONS) for (const prefix in d) out[prefix] = d[prefix].trim();
  }
  return out;
}

/**
 * An element's text [start, end) read again, with the places, names and shared attributes the first reading
 * gave (the same offsets, lines and columns): the element as it was before it was let go.
 */
function reread(context: FragmentContext, start: number, end: number): XmlElement {
  const { main } = context;
  let f = context.fragments;
  if (f === undefined) {
    f = context.fragments = {
      ...main,
      doc: { lines: main.lines, dropped: { comments: 0, processingInstructions: 0, doctype: 0, first: {} }, spacedNamespaces: [] },
      parser: newParser({ namespaces: context.namespaces, version: context.version }),
      stack: [],
      pieces: [],
      onClose: undefined,
      letGo: undefined,
      skipping: 0,
      skipped: undefined,
      letGone: false,
      lastScope: undefined,
      lastContext: undefined,
      // counted when first read
      maxNodes: Infinity,
    };
    buildTree(f);
  }
  f.base = start;
  f.failed = false;
  f.doc.root = undefined;
  f.doc.spacedNamespaces.length = 0;
  // well-formed when first read: a problem now is this reader's (saxes throws, no handler being set)
  f.parser.write(main.text.slice(start, end)).close();
  const root = f.doc.root;
  if (root === undefined || f.stack.length !== 0) throw new Error(`internal: the element at offset ${start} did not read again`);
  f.doc.root = undefined;
  return root;
}

/** One reading's state, shared by the parser's handlers (one object per document, none per element). */
interface TreeReading {
  /** The whole text (a let-go element is read again from its part of it). */
  readonly text: string;
  /** Where in the text what the parser reads starts: 0, or a let-go element's start when it is read again. */
  base: number;
  readonly lines: LineIndex;
  readonly doc: XmlDocument;
  readonly parser: Parser;
  /** The open elements, innermost last. */
  readonly stack: XmlElement[];
  /**
   * By depth in the stack: the text pieces of an open element past its first, joined when it closes. An
   * element with thousands of children has as many pieces (the white space between them): `+=` kept a 32-byte
   * piece of a string for each, until read.
   */
  readonly pieces: (string[] | undefined)[];
  /** Offset of the `<` of the start tag being read. */
  tagStart: number;
  inStartTag: boolean;
  failed: boolean;
  /** The element closed last, and where (saxes closes an element before it reports a mismatched end tag). */
  lastClosed: XmlElement | undefined;
  lastClosedAt: number;
  /** One string per distinct name, however many elements carry it. */
  readonly names: Map<string, string>;
  /** One attribute object per distinct short attribute (`wcm:action="add"`, `language="neutral"`): up to MAX_SHARED_ATTRIBUTES. */
  readonly attributes: Map<string, XmlAttribute>;
  /** The name, local name, prefix and namespace of attributes with values of their own, one object per distinct name and namespace (up to MAX_SHARED_ATTRIBUTES). */
  readonly shapes: Map<string, XmlAttribute>;
  readonly onClose: OnElementClosed | undefined;
  readonly letGo: LetGo | undefined;
  /** The names and namespace of elements let go, one object per distinct name and namespace (up to MAX_SHARED_ATTRIBUTES). */
  readonly elementShapes: Map<string, Names>;
  /** While inside an element let go: how many elements are open there (it included); their content is not built. */
  skipping: number;
  /** The element let go being read past (while skipping). */
  skipped: LazyElement | undefined;
  /** The elements and attributes met so far (past `maxNodes`, the file is refused: see MAX_NODES). */
  nodes: number;
  readonly maxNodes: number;
  /** Whether any element was let go (a text that turns out not to be well-formed is then read again without). */
  letGone: boolean;
  /** The innermost element declaring namespaces around the element let go last, and its context (shared by all let go in that scope). */
  lastScope: XmlElement | undefined;
  lastContext: FragmentContext | undefined;
}

/** How many distinct attributes are shared at most (the map stays small whatever the file), and how long a shared value is at most. */
const MAX_SHARED_ATTRIBUTES = 4096;
const MAX_SHARED_VALUE = 64;

/**
 * Called as each element is closed, with its ancestors (outermost first): a
 * reader may take what it needs from the element's subtree and let it go
 * (`children` emptied), so that the tree of a large file never exists whole.
 * Not called once the text turned out not to be well-formed, nor for the
 * elements inside an element let go (see LetGo).
 */
export type OnElementClosed = (el: XmlElement, ancestors: readonly XmlElement[]) => void;

/**
 * Asked at each start tag, with where it starts and the open elements
 * (outermost first): true lets go of the element's content, transparently.
 * Its content is not built: in its parent, an element with its name and place
 * stands for it (see LazyElement), and reads its content from the text when
 * asked for.
 */
export type LetGo = (start: number, ancestors: readonly XmlElement[]) => boolean;

/**
 * Parses XML text into a tree. Stops at the first well-formedness error, at MAX_XML_DEPTH, or at the start
 * tag that takes the elements and attributes read past `maxNodes` (see MAX_NODES).
 */
export function parseXml(text: string, onClose?: OnElementClosed, letGo?: LetGo, maxNodes = Infinity): XmlDocument {
  const r = startReading(text, onClose, letGo, maxNodes);
  countDropped(r);
  buildTree(r);
  placeErrors(r);
  const doc = readAll(r);
  // the first problem is placed and said from the open elements: read again with all of them built, to say it
  // exactly as a reading that let nothing go does
  return r.failed && r.letGone ? parseXml(text, undefined, undefined, maxNodes) : doc;
}

function startReading(text: string, onClose: OnElementClosed | undefined, letGo: LetGo | undefined, maxNodes: number): TreeReading {
  const lines = new LineIndex(text);
  const doc: XmlDocument = { lines, dropped: { comments: 0, processingInstructions: 0, doctype: 0, first: {} }, spacedNamespaces: [] };
  return {
    text,
    base: 0,
    lines,
    doc,
    parser: newParser(),
    stack: [],
    pieces: [],
    tagStart: 0,
    inStartTag: false,
    failed: false,
    lastClosed: undefined,
    lastClosedAt: -1,
    names: new Map(),
    attributes: new Map(),
    shapes: new Map(),
    onClose,
    letGo,
    elementShapes: new Map(),
    skipping: 0,
    skipped: undefined,
    letGone: false,
    lastScope: undefined,
    lastContext: undefined,
    nodes: 0,
    maxNodes,
  };
}

/** Comments, processing instructions and DOCTYPE: counted, with the place of the first of each kind. */
function countDropped(r: TreeReading): void {
  const { text, lines, doc, parser } = r;
  const drop = (kind: "comments" | "processingInstructions" | "doctype") => {
    doc.dropped[kind]++;
    if (!doc.dropped.first[kind]) {
      const open = kind === "comments" ? "<!--" : kind === "doctype" ? "<!DOCTYPE" : "<?";
      const at = text.lastIndexOf(open, parser.position - 1);
      doc.dropped.first[kind] = lines.at(at === -1 ? parser.position : at);
    }
  };
  parser.on("comment", () => drop("comments"));
  parser.on("processinginstruction", () => drop("processingInstructions"));
  parser.on("doctype", () => drop("doctype"));
}

/** Elements and their text, as the parser meets them. */
function buildTree(r: TreeReading): void {
  const { parser } = r;
  parser.on("opentagstart", () => openTagStart(r));
  parser.on("opentag", (tag: SaxesTagNS) => openTag(r, tag));
  parser.on("closetag", () => closeTag(r));
  const addText = (t: string) => {
    if (r.failed || r.skipping > 0) return;
    const depth = r.stack.length - 1;
    if (depth < 0) return;
    const el = r.stack[depth];
    if (el.text === "") el.text = t;
    else (r.pieces[depth] ??= [el.text]).push(t);
  };
  parser.on("text", addText);
  parser.on("cdata", addText);
}

/** A start tag begins: where its `<` is; refused past MAX_XML_DEPTH or past the reading's maxNodes. */
function openTagStart(r: TreeReading): void {
  if (r.failed) return;
  const { text, parser } = r;
  // saxes is past the tag's name here (or its ">"): the "<" before is this tag's, never the next one's
  // (a name holds no "<"; a backward scan over it, not a search that builds a string per element)
  // (offsets in the whole text: `base` is where the parser's text starts in it)
  const { base } = r;
  let found = base + parser.position - 1;
  while (found >= base && text.charCodeAt(found) !== 60 /* < */) found--;
  r.tagStart = found < base ? base + parser.position : found;
  r.inStartTag = true;
  if (r.stack.length + r.skipping >= MAX_XML_DEPTH) {
    refuse(
      r,
      "too-deep",
      `Elements nest more than ${MAX_XML_DEPTH} levels deep here; answer files nest about 12 at most. The file is not read further.`,
      r.tagStart,
    );
  }
  if (++r.nodes > r.maxNodes) pastMaxNodes(r, r.tagStart);
}

/** Stops the reading at a limit, with the place (an offset in the text) and what was past it. */
function refuse(r: TreeReading, code: "too-deep" | "too-large", message: string, at: number): never {
  r.failed = true;
  r.doc.problem = { message, location: r.lines.at(at), code };
  // stop the tokenizer: the rest of the text is not looked at
  throw STOP;
}

function pastMaxNodes(r: TreeReading, at: number): never {
  refuse(
    r,
    "too-large",
    `The file holds more than ${r.maxNodes} elements and attributes, the limit, by here (real answer files hold a few hundred); it is not read further. Raise the limit with the maxNodes option, or --max-nodes in the CLI.`,
    at,
  );
}

/** The attributes of a start tag (namespace declarations included) counted against the reading's maxNodes. */
function countAttributes(r: TreeReading, tag: SaxesTagNS): void {
  if (r.maxNodes === Infinity) return;
  let n = 0;
  for (const _ in tag.attributes) n++;
  r.nodes += n;
  if (r.nodes > r.maxNodes) pastMaxNodes(r, r.tagStart);
}

/** One string per distinct name, detached from the text (see detached()). */
function intern(names: Map<string, string>, s: string): string {
  const known = names.get(s);
  if (known !== undefined) return known;
  const own = detached(s);
  names.set(own, own);
  return own;
}

/**
 * An attribute as the tree keeps it: one object for all the attributes of the
 * same name, namespace and short value (the same publicKeyToken on every
 * component, wcm:action="add" on every list item), never changed by readers.
 */
function attribute(r: TreeReading, a: SaxesTagNS["attributes"][string]): XmlAttribute {
  const short = a.value.length <= MAX_SHARED_VALUE;
  const key = short ? `${a.name}\u0000${a.uri}\u0000${a.value}` : "";
  if (short) {
    const known = r.attributes.get(key);
    if (known !== undefined) return known;
  }
  // wcm:action's few values, one string each; any other value detached from the text (see detached())
  const value = a.local === "action" ? intern(r.names, a.value) : detached(a.value);
  if (short && r.attributes.size < MAX_SHARED_ATTRIBUTES) {
    const made = newAttribute(r, a, value);
    r.attributes.set(key, made);
    return made;
  }
  if (r.shapes.size >= MAX_SHARED_ATTRIBUTES) return newAttribute(r, a, value);
  return new OwnValueAttribute(sharedShape(r, a), value);
}

/** An attribute object with `value`, its name, local name and prefix interned. */
function newAttribute(r: TreeReading, a: SaxesTagNS["attributes"][string], value: string): XmlAttribute {
  const { names } = r;
  const attrName = intern(names, a.name);
  const local = a.local === a.name ? attrName : intern(names, a.local);
  return { name: attrName, local, prefix: a.prefix === "" ? "" : intern(names, a.prefix), uri: intern(names, a.uri), value };
}

/** The one shape of attributes of this name and namespace (at most MAX_SHARED_ATTRIBUTES of them: see attribute()). */
function sharedShape(r: TreeReading, a: SaxesTagNS["attributes"][string]): XmlAttribute {
  const key = `${a.name}\u0000${a.uri}`;
  let shape = r.shapes.get(key);
  if (shape === undefined) {
    shape = newAttribute(r, a, "");
    r.shapes.set(key, shape);
  }
  return shape;
}

/**
 * A start tag read: its element, added to its parent (or made the root). The
 * element is made whole, its attributes and declarations read first (measured:
 * with them read by a separate function into the element once made, parsing
 * the corpus cost 15% more instructions once warm, the optimiser recompiling).
 */
function openTag(r: TreeReading, tag: SaxesTagNS): void {
  r.inStartTag = false;
  if (r.failed) return;
  countAttributes(r, tag);
  if (r.skipping > 0) {
    r.skipping++;
    spacedDeclarations(r, tag);
    return;
  }
  const { names, stack, tagStart } = r;
  if (r.letGo !== undefined && stack.length > 0 && r.letGo(tagStart, stack)) {
    letGo(r, tag);
    return;
  }
  const line = r.lines.nextLine(tagStart);
  const column = r.lines.column(tagStart, line);
  let attributes = NO_ATTRIBUTES;
  let declarations = NO_DECLARATIONS;
  const given = tag.attributes;
  for (const key in given) {
    const a = given[key];
    if (a.name === "xmlns" || a.prefix === "xmlns") {
      // prefixes are the file's names: no prototype, so that xmlns:__proto__ is a declaration like any other
      if (declarations === NO_DECLARATIONS) declarations = Object.create(null) as Record<string, string>;
      declarations[a.name === "xmlns" ? "" : a.local] = a.value;
      noteSpaced(r, a, line, column);
    } else {
      if (attributes === NO_ATTRIBUTES) attributes = [];
      attributes.push(attribute(r, a));
    }
  }
  // an array grown by push keeps room for 16 more: a copy is its exact size
  if (attributes !== NO_ATTRIBUTES) attributes = attributes.slice();
  const name = intern(names, tag.name);
  const el: XmlElement = new Element(
    name,
    tag.local === tag.name ? name : intern(names, tag.local),
    intern(names, tag.uri),
    tagStart,
    tagStart,
    line,
    column,
  );
  if (tag.prefix !== "") el.prefix = intern(names, tag.prefix);
  if (attributes !== NO_ATTRIBUTES) el.attributes = attributes;
  if (declarations !== NO_DECLARATIONS) el.declarations = declarations;
  const parent = stack[stack.length - 1];
  if (parent) {
    if (parent.children === NO_CHILDREN) parent.children = [el];
    else parent.children.push(el);
  } else if (!r.doc.root) r.doc.root = el;
  stack.push(el);
}

/** An end tag read: its element complete. */
function closeTag(r: TreeReading): void {
  if (r.failed) return;
  if (r.skipping > 0) {
    if (--r.skipping === 0) r.skipped!.end = r.base + r.parser.position;
    return;
  }
  const depth = r.stack.length - 1;
  const el = r.stack.pop();
  if (el) {
    const pieces = r.pieces[depth];
    if (pieces !== undefined) {
      el.text = pieces.join("");
      r.pieces[depth] = undefined;
    } else if (el.children.length === 0) {
      // a value: kept by readers, so not a view into the text (see detached())
      el.text = detached(el.text);
    }
    if (el.children.length > 1 && el.children.length < 64) el.children = el.children.slice();
    el.end = r.base + r.parser.position;
    r.lastClosed = el;
    r.lastClosedAt = r.parser.position;
    if (r.onClose) r.onClose(el, r.stack);
  }
}

/**
 * An element's content let go (see LetGo): a LazyElement stands for it in its parent, and the reading goes past
 * its content without building it (only a namespace declaration with white space is still noted).
 */
function letGo(r: TreeReading, tag: SaxesTagNS): void {
  const { names, stack } = r;
  const parent = stack[stack.length - 1];
  // the namespaces in scope are those of the innermost open element that declares any: elements let go under
  // different parents in one scope (the items of a component's several lists) share one context and its parser
  let scope = stack.length - 1;
  while (scope > 0 && stack[scope].declarations === NO_DECLARATIONS) scope--;
  const owner = stack[scope];
  if (r.lastScope !== owner || r.lastContext === undefined) {
    r.lastScope = owner;
    const version = r.parser.xmlDecl.version === "1.1" ? "1.1" : "1.0";
    r.lastContext = { main: r, namespaces: inScope(stack), version, fragments: undefined };
  }
  const key = `${tag.name}\u0000${tag.uri}`;
  let shape = r.elementShapes.get(key);
  if (shape === undefined) {
    const name = intern(names, tag.name);
    shape = {
      name,
      local: tag.local === tag.name ? name : intern(names, tag.local),
      prefix: tag.prefix === "" ? "" : intern(names, tag.prefix),
      uri: intern(names, tag.uri),
    };
    if (r.elementShapes.size < MAX_SHARED_ATTRIBUTES) r.elementShapes.set(key, shape);
  }
  const el = new LazyElement(shape, r.tagStart, r.tagStart, r.lastContext);
  if (parent.children === NO_CHILDREN) parent.children = [el];
  else parent.children.push(el);
  r.skipped = el;
  r.skipping = 1;
  r.letGone = true;
  spacedDeclarations(r, tag);
}

/** The namespace declarations of a start tag whose content is not built, noted when their URI holds white space (see noteSpaced). */
function spacedDeclarations(r: TreeReading, tag: SaxesTagNS): void {
  for (const key in tag.attributes) {
    const a = tag.attributes[key];
    if (a.name === "xmlns" || a.prefix === "xmlns") {
      const line = r.lines.nextLine(r.tagStart);
      noteSpaced(r, a, line, r.lines.column(r.tagStart, line));
    }
  }
}

/** A namespace declaration noted when its URI holds white space (see XmlDocument.spacedNamespaces). */
function noteSpaced(r: TreeReading, a: SaxesTagNS["attributes"][string], line: number, column: number): void {
  if (/[ \t\n\r]/.test(a.value)) r.doc.spacedNamespaces.push({ name: a.name, value: a.value, location: { line, column } });
}

/** The first problem, placed where it is in the text (saxes often notices it further on). */
function fail(r: TreeReading, message: string, offset: number): void {
  if (r.failed) return;
  r.failed = true;
  const { text, lines } = r;
  // saxes may notice a stray "&" far after it: look for one up to where saxes stopped
  const amp = strayAmpersand(text, Math.min(Math.max(offset, r.parser.position) + 1, text.length));
  if (amp !== undefined) {
    r.doc.problem = {
      message: `"&" must start an entity reference such as &amp; (write "&amp;" for a literal "&", or wrap the text in <![CDATA[...]]>).`,
      location: lines.at(amp),
    };
  } else {
    r.doc.problem = { message, location: lines.at(Math.max(0, Math.min(offset, text.length))) };
  }
}

/** saxes' errors, each placed at the markup it is about and said in plain words. */
function placeErrors(r: TreeReading): void {
  r.parser.on("error", (e: Error) => {
    if (r.failed) return;
    const { text, stack } = r;
    const message = e.message.replace(/^(?:[^:]*:)?\d+:\d+: /, "");
    const at = r.parser.position;
    let offset = at;
    if (/unbound namespace prefix|duplicate attribute|attribute .*(?:without value|unquoted)/i.test(message) && r.inStartTag) {
      offset = r.tagStart;
    } else if (/only one root/i.test(message)) {
      offset = r.tagStart;
    } else if (/disallowed character in closing tag/i.test(message)) {
      const lt = text.lastIndexOf("</", Math.max(0, at - 1));
      const tag = lt === -1 ? "</...>" : (/^<\/[^>]*>?/.exec(text.slice(lt))?.[0] ?? "</...>");
      fail(r, `End tag ${tag} holds more than the element name: an end tag has no attributes and no space after "</".`, lt === -1 ? at : lt);
      return;
    } else if (/close tag|closing tag/i.test(message)) {
      const lt = text.lastIndexOf("</", Math.max(0, at - 1));
      if (lt !== -1) {
        offset = lt;
        const name = /^<\/([^\s>]+)/.exec(text.slice(lt))?.[1] ?? "";
        // saxes closes the open element before reporting: that one is the element left open
        const open = r.lastClosed && r.lastClosedAt === at ? r.lastClosed : stack[stack.length - 1];
        if (open && name) {
          fail(r, `End tag </${name}> does not match <${open.name}> (line ${open.line}, column ${open.column}), which is still open.`, offset);
          return;
        }
      }
    } else if (/XML declaration/i.test(message)) {
      const decl = text.lastIndexOf("<?xml", at);
      if (decl !== -1) offset = decl;
    } else if (/text data outside of root node/i.test(message)) {
      // the start of the stray text: after the last markup before it
      const gt = text.lastIndexOf(">", Math.max(0, at - 1));
      let i = gt === -1 ? 0 : gt + 1;
      while (i < at && /\s/.test(text[i])) i++;
      offset = i;
    } else if (/unclosed tag/i.test(message) && stack.length > 0) {
      offset = stack[stack.length - 1].start;
    }
    fail(r, humanize(message, stack), offset);
  });
}

/** The whole text through the parser: the tree, or the first problem. */
function readAll(r: TreeReading): XmlDocument {
  try {
    writeInPieces(r.parser, r.text);
    r.parser.close();
  } catch (e) {
    if (e !== STOP) fail(r, e instanceof Error ? e.message : String(e), r.parser.position);
  }
  if (!r.failed && !r.doc.root) fail(r, "The file contains no XML element.", r.text.length);
  if (r.failed) delete r.doc.root;
  return r.doc;
}

/** How much of the text saxes is given at a time (see writeInPieces); tests make it small. */
let PIECE = 1 << 16;

/** For tests: the size of the pieces writeInPieces gives saxes, returning the one before. */
export function setPieceSize(chars: number): number {
  const before = PIECE;
  PIECE = chars;
  return before;
}

/**
 * Gives saxes the text in pieces. saxes gathers a text, an attribute value or a comment with `+=`, an entity
 * reference (`&amp;`) at a time: 4 MiB of them became a chain of 800,000 strings of 32 bytes each before
 * anything read it (validating such a file peaked at 14x its size, 8x in the command). A piece ends before a
 * tag, so that a text or an attribute value (neither holds a `<`) is given whole, and read as one string; unless
 * a reference follows within it: then it is cut, and between pieces what saxes has gathered is made one string
 * again (reading a character of it does that in V8: nothing else changes), when both hold: at least as much
 * text has been given since the last time as it holds (each copy is paid for by the text read since: the
 * copying stays linear), and the text given since grew it by much less than its length (each reference
 * shortens it by two characters or more, and each is a link of 32 bytes).
 */
function writeInPieces(parser: Parser, text: string): void {
  const gathering = parser as unknown as { text: string };
  let given = 0;
  let held = 0;
  // the next "&" at or past where it was last looked for (Infinity: none): each character looked at once
  let amp = -1;
  for (let at = 0; at < text.length;) {
    let end = text.indexOf("<", at + PIECE);
    if (end === -1) end = text.length;
    if (amp !== Infinity && amp < at + PIECE) {
      const i = text.indexOf("&", at + PIECE);
      amp = i === -1 ? Infinity : i;
    }
    if (amp < end) end = at + PIECE;
    parser.write(text.slice(at, end));
    given += end - at;
    at = end;
    const { length } = gathering.text;
    const links = (given - Math.max(0, length - held)) * 16;
    if (given >= length && links >= length) {
      gathering.text.charCodeAt(0);
      given = 0;
      held = length;
    }
  }
}

function humanize(message: string, stack: XmlElement[]): string {
  const m = message.replace(/\.$/, "");
  if (/^unclosed tag/i.test(m) && stack.length > 0) return `<${stack[stack.length - 1].name}> is never closed.`;
  if (/only one root/i.test(m)) return "A second root element: an XML file holds exactly one root element.";
  if (/^text data outside of root node/i.test(m))
    return "Text outside the root element: an XML file holds exactly one root element and nothing but comments around it.";
  if (/^unbound namespace prefix: "?([^"]+)"?/i.test(m)) {
    const p = /^unbound namespace prefix: "?([^"]+)"?/i.exec(m)![1];
    return `Namespace prefix "${p}" is not declared (add xmlns:${p}="..." to this element or an ancestor).`;
  }
  return m[0].toUpperCase() + m.slice(1) + ".";
}
