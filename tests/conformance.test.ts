/**
 * Conformance against the reference (../shared/unattend-reference, read-only,
 * never copied here): every well-formed XML example of every page is turned
 * into our settings shape (parseUnattend), validated (no errors), rendered
 * (renderUnattend) and compared with the example as an element tree; the
 * rendering must also be a fixed point (parse -> render gives the same bytes).
 *
 * Finding the examples
 *   Every fenced code block (``` or ~~~) of every page whose info string is
 *   `XML`/`xml`, or empty with a first non-blank character `<`. PowerShell and
 *   console blocks are not examples. Keys are `<file name>#<n>`, n counting the
 *   page's XML examples from 1.
 *
 * Wrapping a fragment into an answer file
 *   A leading `<?xml ...?>` declaration is blanked. The fragment is first parsed
 *   inside a neutral root that declares the unattend default namespace and the
 *   `wcm:`/`xsi:` prefixes (the reference omits them almost everywhere); if
 *   that fails the example is "not well-formed" (reported with the example's
 *   own line:column, not a failure). Otherwise, by its top-level elements:
 *   - `<unattend>`: used as written; `xmlns:wcm`/`xmlns:xsi` are added to its
 *     start tag when it does not declare them.
 *   - `<settings pass=...>`: put into `<unattend>`.
 *   - `<component ...>`: put into `<settings pass="P">` (components needing
 *     different passes go into separate `<settings>`).
 *   - anything else is a bare setting fragment: put into a
 *     `<component name="C" processorArchitecture="amd64" publicKeyToken="31bf3856ad364e35"
 *     language="neutral" versionScope="nonSxS">` of the component that owns the
 *     page, inside `<settings pass="P">`. The owner is the catalog component
 *     whose tree holds an entry with `page` equal to the file stem (lower
 *     case); for a page the catalog has no entry for (`...-password-value`,
 *     `...-validcommunity-key`: pages about the text or key of another
 *     element) the stem is shortened one `-segment` at a time until it
 *     names an entry. A top-level element that is not a top-level setting of
 *     C but sits deeper in C's tree (`<SquareTiles>`, `<Prefix>`, `<ScheduleDay>`)
 *     is wrapped in its ancestors as the catalog has them (the path closest to
 *     the page's own entry when the name occurs more than once); a wrapping
 *     list item gets `wcm:action="add"`, `wcm:keyValue="1"` when keyed by that
 *     attribute, and its key child (`<Identifier>1</Identifier>`, or the first
 *     value the key's type accepts: `<Order>001</Order>` in a RegionalOverride)
 *     when keyed by a child the fragment does not give. Elements sharing
 *     ancestors share the wrappers. Pages with no owner at all (overviews)
 *     take the component whose top-level settings hold the element, when there
 *     is exactly one.
 *   - P, the pass: examples do not say which pass they are for, so they are
 *     not faulted for it. For a `<component>`, P is the first pass (in Windows
 *     order) where every element in it that the catalog restricts to passes is
 *     valid, preferring the passes of the page's own entry (or of its nearest
 *     ancestor that has passes; for a component page, the component's). Bare
 *     settings take the same pass when one accepts them all; otherwise they are
 *     spread over as few `<settings>` blocks as cover them all (an overview
 *     such as Deployment/Generalize shows AuditComputerName, valid only in
 *     auditSystem, beside Generalize, valid only in auditUser). An element no
 *     pass accepts goes to the page's first pass, and validation says why.
 *   A fragment mixing a `<component>` with bare settings gets both treatments.
 *
 * What passes
 *   parseUnattend reports no error and puts everything into `settings`
 *   (nothing under `unvalidated`: that would mean the catalog does not
 *   describe the example); validateUnattend reports no error (findings of
 *   the cross-setting rules aside: tests/rules-real.test.ts reviews them
 *   example by example); rendering succeeds; the element trees are
 *   equivalent; parse -> render of the rendering gives the same bytes.
 *
 * Equivalence of element trees
 *   For each `<settings pass>` (blocks of the same pass merged), each
 *   `<component>` is identified by name (compared without regard to case, as
 *   Windows does) and processorArchitecture, its other attributes ignored. Its
 *   content is compared as a tree whose children are an unordered multiset
 *   (our renderer writes catalog order), each element carrying its name, its
 *   wcm:action, wcm:keyValue and xsi:nil attributes, and, for a leaf, its
 *   trimmed text. Comments, whitespace and text beside child elements are
 *   ignored. Where our model adds something implicitly, the example is read as
 *   if it had it: `wcm:action="add"` on a list item, `<PlainText>true</PlainText>`
 *   (the documented default) in a password without one. An obfuscated password
 *   (PlainText false) compares by its decoded value. Anything else our model
 *   adds (an `<Order>` or `wcm:keyValue` it numbers for an item without one)
 *   is a difference.
 *
 * Failures
 *   Every failing example must be in REVIEWED (tests/conformance-reviewed.ts:
 *   the example contradicts its page, or our model legitimately differs, each
 *   checked by hand) or in KNOWN_BUGS below (our bug, reported to the owners
 *   of the catalog, parser, validator or renderer). The test fails on an
 *   unexpected failure and on a stale entry (an example in either list that
 *   passes, or no longer exists), so that both lists stay honest.
 *
 * Set CONFORMANCE_VERBOSE=1 to print every failure with its details, and
 * CONFORMANCE_DUMP=<file> to write every result (with the wrapped answer file) as JSON.
 */
import { expect } from "chai";
import * as fs from "node:fs";
import * as path from "node:path";
import { parseUnattend, validateUnattend } from "../components";
import { decodePassword } from "../components/core/password";
import { renderParsed } from "../components/core/parse";
import { formatPath } from "../components/core/diagnostics";
import { expectSchemaValid } from "./schema";
import { PASSES, catalog, childElements, findChild, findComponent, type CatalogComponent, type Element, type Pass } from "../components/catalog";
import { parseXml, type XmlElement } from "../components/core/xml/reader";
import { isRuleId } from "../components/core/rules";
import { REVIEWED } from "./conformance-reviewed";
import { sharedOrSkip } from "./helpers";

/**
 * Failures that are our bugs (catalog, parser, validator or renderer), each
 * with the evidence and the fix, reported to the owners of those files. The
 * test prints them while they occur and fails once one no longer does.
 */
export const KNOWN_BUGS: Record<string /* "page.md#index" */, string /* bug, evidence, fix */> = {};

const UNATTEND_NS = "urn:schemas-microsoft-com:unattend";
const WCM_NS = "http://schemas.microsoft.com/WMIConfig/2002/State";
const XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";
const DECLARATIONS = `xmlns="${UNATTEND_NS}" xmlns:wcm="${WCM_NS}" xmlns:xsi="${XSI_NS}"`;
const COMPONENT_ATTRIBUTES = `processorArchitecture="amd64" publicKeyToken="31bf3856ad364e35" language="neutral" versionScope="nonSxS"`;

// ---------------------------------------------------------------- examples

export interface Example {
  key: string;
  file: string;
  /** The fenced text. */
  body: string;
  /** Line of the page where the fenced text starts. */
  line: number;
}

export function extractExamples(dir: string): Example[] {
  const out: Example[] = [];
  for (const file of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".md"))
    .sort()) {
    const text = fs.readFileSync(path.join(dir, file), "utf8").replace(/\r\n?/g, "\n");
    const fence = /^[ \t]*(```|~~~)([^\n]*)\n([\s\S]*?)^[ \t]*\1[ \t]*$/gm;
    let n = 0;
    for (let m; (m = fence.exec(text));) {
      const info = m[2].trim();
      const body = m[3];
      if (!(/^xml$/i.test(info) || (info === "" && /^\s*</.test(body)))) continue;
      n++;
      const line = text.slice(0, m.index).split("\n").length + 1;
      out.push({ key: `${file}#${n}`, file, body, line });
    }
  }
  return out;
}

// ---------------------------------------------------------------- the catalog, by page

type Parent = CatalogComponent | Element;

interface PageEntry {
  component: CatalogComponent;
  /** From the top-level setting down to the entry itself; empty for the component. */
  chain: Element[];
}

const pageIndex = new Map<string, PageEntry>();
for (const component of catalog.components) {
  if (!pageIndex.has(component.page)) pageIndex.set(component.page, { component, chain: [] });
  const walk = (el: Element, chain: Element[]) => {
    const c = [...chain, el];
    if (!pageIndex.has(el.page)) pageIndex.set(el.page, { component, chain: c });
    for (const k of childElements(el)) walk(k, c);
  };
  for (const s of component.settings) walk(s, []);
}

/** The catalog entry of a page, or of the nearest page its stem extends. */
function ownerOf(file: string): PageEntry | undefined {
  let stem = file.replace(/\.md$/i, "").toLowerCase();
  for (;;) {
    const e = pageIndex.get(stem);
    if (e) return e;
    const cut = stem.lastIndexOf("-");
    if (cut <= 0) return undefined;
    stem = stem.slice(0, cut);
  }
}

function findComponentAnyCase(name: string): CatalogComponent | undefined {
  return findComponent(name) ?? catalog.components.find((c) => c.name.toLowerCase() === name.toLowerCase());
}

/** Every path from the component's settings down to an element with this name. */
function chainsTo(component: CatalogComponent, name: string): Element[][] {
  const out: Element[][] = [];
  const walk = (el: Element, chain: Element[]) => {
    const c = [...chain, el];
    if (el.name === name) out.push(c);
    for (const k of childElements(el)) walk(k, c);
  };
  for (const s of component.settings) walk(s, []);
  return out;
}

function commonPrefix(a: Element[], b: Element[]): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/** Where a bare top-level element goes: its component and the ancestors to wrap it in. */
function placeBare(el: XmlElement, owner: PageEntry | undefined): { component?: CatalogComponent; ancestors: Element[] } {
  if (!owner) {
    const holders = catalog.components.filter((c) => findChild(c, el.local));
    return { component: holders.length === 1 ? holders[0] : undefined, ancestors: [] };
  }
  const component = owner.component;
  if (el.prefix || findChild(component, el.local)) return { component, ancestors: [] };
  const chains = chainsTo(component, el.local);
  if (chains.length === 0) return { component, ancestors: [] };
  const best = chains.reduce((a, b) => (commonPrefix(b, owner.chain) > commonPrefix(a, owner.chain) ? b : a));
  return { component, ancestors: best.slice(0, -1) };
}

// ---------------------------------------------------------------- passes

/** Passes of an element's entry or of its nearest ancestor that has them. */
function passesOf(entry: PageEntry | undefined): Pass[] | undefined {
  if (!entry) return undefined;
  for (let i = entry.chain.length - 1; i >= 0; i--) if (entry.chain[i].passes) return entry.chain[i].passes;
  return entry.component.passes;
}

/** Intersects `allowed` with the passes of every catalog element met in the XML subtree. */
function restrictPasses(parent: Parent, el: XmlElement, allowed: Set<Pass>) {
  if (el.prefix) return;
  const found = findChild(parent, el.local);
  if (!found) return;
  const def = found.el;
  if (def.passes) for (const p of [...allowed]) if (!def.passes.includes(p)) allowed.delete(p);
  for (const c of el.children) restrictPasses(def, c, allowed);
}

/** A bare top-level element of a fragment and the catalog ancestors it is wrapped in. */
interface Placed {
  el: XmlElement;
  ancestors: Element[];
}

/** The passes where an element (and everything in it) is valid, as far as the catalog restricts them. */
function allowedPasses(component: CatalogComponent | undefined, p: Placed): Set<Pass> {
  const allowed = new Set<Pass>(PASSES);
  if (!component) return allowed;
  for (const a of p.ancestors) if (a.passes) for (const q of [...allowed]) if (!a.passes.includes(q)) allowed.delete(q);
  restrictPasses(p.ancestors.length ? p.ancestors[p.ancestors.length - 1] : component, p.el, allowed);
  return allowed;
}

/** The pass of a whole `<component>` fragment: the first accepting all its settings, preferring the page's passes. */
function componentPass(component: CatalogComponent | undefined, el: XmlElement, owner: PageEntry | undefined): Pass {
  const pagePasses = owner && (!component || owner.component === component) ? passesOf(owner) : undefined;
  const fallback = pagePasses?.[0] ?? component?.passes[0] ?? "specialize";
  if (!component) return fallback;
  const allowed = new Set<Pass>(PASSES);
  for (const c of el.children) {
    const a = allowedPasses(component, { el: c, ancestors: [] });
    for (const q of [...allowed]) if (!a.has(q)) allowed.delete(q);
  }
  return PASSES.find((q) => allowed.has(q) && (!pagePasses || pagePasses.includes(q))) ?? PASSES.find((q) => allowed.has(q)) ?? fallback;
}

// ---------------------------------------------------------------- wrapping

export interface Wrapped {
  /** The complete answer file. */
  xml: string;
  /** How the fragment was wrapped, for messages. */
  how: string;
}

export type Outcome = { wellFormed: false; problem: string } | { wellFormed: true; wrapped: Wrapped };

const attr = (el: XmlElement, local: string) => el.attributes.find((a) => a.local === local && a.uri === "")?.value;

/** A placeholder value for a key child that a wrapping list item needs. */
function keyPlaceholder(item: Element, name: string): string {
  const def = findChild(item, name)?.el;
  if (def?.kind === "value") {
    const type = def.type;
    if (type.kind === "enum") return type.values[0];
    if (type.kind === "integer" && type.min !== undefined) return String(Math.max(1, type.min));
    if (type.kind === "string" && type.pattern !== undefined) {
      const fits = ["1", "01", "001", "A"].find((v) => new RegExp(`^(?:${type.pattern})$`).test(v));
      if (fits) return fits;
    }
  }
  return "1";
}

interface WrapNode {
  def: Element;
  children: WrapNode[];
  /** Fragment text placed directly inside. */
  texts: string[];
  /** Names of the fragment's elements placed directly inside. */
  names: string[];
}

function wrapperText(node: WrapNode, indent: string): string {
  const def = node.def;
  let open = `<${def.name}`;
  if (def.kind === "item") {
    open += ` wcm:action="add"`;
    if (def.key?.kind === "keyValue") open += ` wcm:keyValue="1"`;
  }
  const inner: string[] = [];
  const key = def.kind === "item" && def.key?.kind === "child" ? def.key.name : undefined;
  if (key !== undefined && !node.names.includes(key) && !node.children.some((c) => c.def.name === key)) {
    inner.push(`${indent}  <${key}>${keyPlaceholder(def, key)}</${key}>`);
  }
  for (const c of node.children) inner.push(wrapperText(c, indent + "  "));
  for (const t of node.texts) inner.push(t);
  return `${indent}${open}>\n${inner.join("\n")}\n${indent}</${def.name}>`;
}

/** Elements in their catalog ancestors (shared ancestors written once), as text. */
function wrapPlaced(placed: Placed[], slice: (el: XmlElement) => string): string {
  const roots: WrapNode[] = [];
  const loose: string[] = [];
  for (const p of placed) {
    let level = roots;
    let holder: WrapNode | undefined;
    for (const a of p.ancestors) {
      let n = level.find((x) => x.def === a);
      if (!n) {
        n = { def: a, children: [], texts: [], names: [] };
        level.push(n);
      }
      holder = n;
      level = n.children;
    }
    if (holder) {
      holder.texts.push(slice(p.el));
      holder.names.push(p.el.local);
    } else loose.push(slice(p.el));
  }
  return [...roots.map((r) => wrapperText(r, "")), ...loose].join("\n");
}

export function wrap(ex: Example): Outcome {
  // A declaration is allowed only at the very start of a document: blank it, keeping positions.
  const body = ex.body.replace(/^(\s*)(<\?xml[^>]*\?>)/, (_m, ws: string, decl: string) => ws + " ".repeat(decl.length));
  const probe = parseXml(`<probe ${DECLARATIONS}>\n${body}\n</probe>`);
  if (!probe.root) {
    // positions in the example itself (the probe's start tag is a line of its own)
    const loc = probe.problem!.location;
    let at = `${Math.max(1, loc.line - 1)}:${loc.column}`;
    let message = probe.problem!.message.replace(
      /\(line (\d+), column (\d+)\)/g,
      (_m, l: string, c: string) => `(line ${Number(l) - 1}, column ${c})`,
    );
    const unclosed = /^End tag <\/probe> does not match (<[^>]+>) \(line (\d+), column (\d+)\), which is still open\.$/.exec(message);
    if (unclosed) {
      at = `${unclosed[2]}:${unclosed[3]}`;
      message = `${unclosed[1]} is never closed.`;
    }
    message = message.replace(/ does not match <probe> \(line 0, column 1\), which is still open\./, " closes an element that was never opened.");
    return { wellFormed: false, problem: `${at} ${message}` };
  }
  const offset = `<probe ${DECLARATIONS}>\n`.length;
  const slice = (el: XmlElement) => body.slice(el.start - offset, el.end - offset);
  const tops = probe.root.children;
  const owner = ownerOf(ex.file);

  if (tops.length === 1 && tops[0].local === "unattend") {
    const u = tops[0];
    let xml = slice(u);
    const startTag = xml.slice(0, xml.indexOf(">"));
    const add = [];
    if (!/\sxmlns:wcm\s*=/.test(startTag)) add.push(`xmlns:wcm="${WCM_NS}"`);
    if (!/\sxmlns:xsi\s*=/.test(startTag)) add.push(`xmlns:xsi="${XSI_NS}"`);
    if (add.length) xml = `<unattend ${add.join(" ")}${xml.slice("<unattend".length)}`;
    return { wellFormed: true, wrapped: { xml: `<?xml version="1.0" encoding="utf-8"?>\n${xml}\n`, how: "whole answer file" } };
  }

  const blocks: string[] = [];
  const hows = new Set<string>();
  // <settings> blocks as written
  const settings = tops.filter((t) => t.local === "settings");
  for (const s of settings) blocks.push(slice(s));
  if (settings.length) hows.add("settings blocks as written");
  // <component> elements: each into its pass
  for (const c of tops.filter((t) => t.local === "component")) {
    const def = findComponentAnyCase(attr(c, "name") ?? "");
    const pass = componentPass(def, c, owner);
    blocks.push(`<settings pass="${pass}">\n${slice(c)}\n</settings>`);
    hows.add(`component into ${pass}`);
  }
  // bare settings: into the owner component, wrapped in their catalog ancestors
  const bare = tops.filter((t) => !["settings", "component", "unattend"].includes(t.local));
  const byComponent = new Map<string, { component?: CatalogComponent; placed: Placed[] }>();
  for (const el of bare) {
    const p = placeBare(el, owner);
    const name = p.component?.name ?? owner?.component.name ?? "Unknown-Component";
    const group = byComponent.get(name) ?? { component: p.component, placed: [] };
    group.placed.push({ el, ancestors: p.ancestors });
    byComponent.set(name, group);
  }
  for (const [name, { component, placed }] of byComponent) {
    const pagePasses = owner && (!component || owner.component === component) ? passesOf(owner) : undefined;
    const fallback: Pass = pagePasses?.[0] ?? component?.passes[0] ?? "specialize";
    // as few passes as cover every element (ties: the page's passes, then Windows order)
    const sets = placed.map((p) => allowedPasses(component, p));
    const passes: Pass[] = placed.map(() => fallback);
    let open = placed.map((_p, i) => i);
    while (component && open.length > 0) {
      const score = (q: Pass) => open.filter((i) => sets[i].has(q)).length;
      const page = (q: Pass) => (pagePasses?.includes(q) ? 0 : 1);
      const best = [...PASSES].sort((a, b) => score(b) - score(a) || page(a) - page(b) || PASSES.indexOf(a) - PASSES.indexOf(b))[0];
      if (score(best) === 0) break; // accepted nowhere: the page's pass, and validation says why
      for (const i of open) if (sets[i].has(best)) passes[i] = best;
      open = open.filter((i) => !sets[i].has(best));
    }
    const distinct = [...new Set(passes)].sort((a, b) => PASSES.indexOf(a) - PASSES.indexOf(b));
    for (const pass of distinct) {
      const mine = placed.filter((_p, i) => passes[i] === pass);
      const nested = mine.some((p) => p.ancestors.length > 0);
      // the common case (all top-level settings of one component, one pass): the fragment as written, comments included
      const verbatim = byComponent.size === 1 && distinct.length === 1 && !nested && mine.length === tops.length;
      const inner = verbatim ? body : wrapPlaced(mine, slice);
      blocks.push(`<settings pass="${pass}">\n<component name="${name}" ${COMPONENT_ATTRIBUTES}>\n${inner}\n</component>\n</settings>`);
      hows.add(`${nested ? "nested settings" : "settings"} into ${name} in ${pass}`);
    }
  }
  const xml = `<?xml version="1.0" encoding="utf-8"?>\n<unattend ${DECLARATIONS}>\n${blocks.join("\n")}\n</unattend>\n`;
  return { wellFormed: true, wrapped: { xml, how: [...hows].join("; ") } };
}

// ---------------------------------------------------------------- element trees

/**
 * The canonical form of a document's settings: one string per pass, component
 * (lower-case name) and architecture, with children sorted.
 */
function canonicalDocument(xml: string): Map<string, string> {
  const doc = parseXml(xml);
  const out = new Map<string, string[]>();
  if (!doc.root) return new Map();
  for (const s of doc.root.children) {
    if (s.local !== "settings" || s.uri !== UNATTEND_NS) continue;
    const pass = attr(s, "pass") ?? "";
    for (const c of s.children) {
      if (c.local !== "component" || c.uri !== UNATTEND_NS) continue;
      const name = attr(c, "name") ?? "";
      const id = `${pass} ${name.toLowerCase()} ${attr(c, "processorArchitecture") ?? ""}`;
      const def = findComponentAnyCase(name);
      const list = out.get(id) ?? [];
      list.push(...c.children.map((k) => canonicalElement(k, def)));
      out.set(id, list);
    }
  }
  return new Map([...out].map(([k, v]) => [k, v.sort().join("")]));
}

function canonicalElement(el: XmlElement, parent: Parent | undefined): string {
  const def = parent && !el.prefix ? findChild(parent, el.local)?.el : undefined;
  const attrs: string[] = [];
  let action = el.attributes.find((a) => a.uri === WCM_NS && a.local === "action")?.value;
  if (action === undefined && def?.kind === "item") action = "add"; // what our model writes on every list item
  if (action !== undefined) attrs.push(`wcm:action=${JSON.stringify(action)}`);
  const keyValue = el.attributes.find((a) => a.uri === WCM_NS && a.local === "keyValue")?.value;
  if (keyValue !== undefined) attrs.push(`wcm:keyValue=${JSON.stringify(keyValue)}`);
  const nil = el.attributes.find((a) => a.uri === XSI_NS && a.local === "nil")?.value;
  if (nil !== undefined) attrs.push(`xsi:nil=${JSON.stringify(nil.trim())}`);
  const head = `<${el.name}${attrs.map((a) => " " + a).join("")}>`;
  if (el.children.length === 0) return `${head}${JSON.stringify(el.text.trim())}</>`;
  let kids = el.children.map((k) => canonicalElement(k, def));
  if (def?.kind === "password") {
    const value = el.children.find((k) => k.local === "Value");
    const plain = el.children.find((k) => k.local === "PlainText");
    if (!plain) kids.push(`<PlainText>"true"</>`); // the documented default, which our model writes
    if (value && plain && plain.text.trim().toLowerCase() === "false") {
      const decoded = decodePassword(value.text.trim(), def.suffix);
      if (decoded !== undefined) kids = kids.map((k) => (k.startsWith("<Value>") ? `<Value>decoded:${JSON.stringify(decoded)}</>` : k));
    }
  }
  return `${head}${kids.sort().join("")}</>`;
}

/** Leaves (path from the component, attributes, text) of a canonical string, for messages. */
function leaves(canonical: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [id, body] of canonical) {
    const stack: string[] = [id];
    const re = /<([^>]+)>("(?:[^"\\]|\\.)*"|decoded:"(?:[^"\\]|\\.)*")?(<\/>)?|<\/>/g;
    for (let m; (m = re.exec(body));) {
      if (m[0] === "</>") stack.pop();
      else if (m[2] !== undefined) out.push(`${[...stack, m[1]].join(" / ")} = ${m[2]}`);
      else stack.push(m[1]);
    }
  }
  return out.sort();
}

function multisetDiff(a: string[], b: string[]): { missing: string[]; extra: string[] } {
  const count = new Map<string, number>();
  for (const x of b) count.set(x, (count.get(x) ?? 0) + 1);
  const missing: string[] = [];
  for (const x of a) {
    const n = count.get(x) ?? 0;
    if (n > 0) count.set(x, n - 1);
    else missing.push(x);
  }
  const extra = [...count].flatMap(([x, n]) => Array<string>(n).fill(x));
  return { missing, extra };
}

// ---------------------------------------------------------------- one example

type Stage = "parse" | "unvalidated" | "validation" | "render" | "not-equivalent" | "not-fixed-point";

interface Result {
  example: Example;
  wrapped?: Wrapped;
  notWellFormed?: string;
  failure?: { stage: Stage; detail: string };
  /** Our rendering, when it passed. */
  xml?: string;
}

function check(ex: Example): Result {
  const o = wrap(ex);
  if (!o.wellFormed) return { example: ex, notWellFormed: o.problem };
  const { wrapped } = o;
  const fail = (stage: Stage, detail: string): Result => ({ example: ex, wrapped, failure: { stage, detail } });

  const parsed = parseUnattend(wrapped.xml);
  if (parsed.malformed) return { example: ex, wrapped, notWellFormed: `(after wrapping) ${parsed.diagnostics[0]?.message ?? ""}` };
  const parseErrors = parsed.diagnostics.filter((d) => d.severity === "error");
  if (parseErrors.length) return fail("parse", parseErrors.map((d) => `${d.code} ${formatPath(d.path)}: ${d.message}`).join("\n"));
  if (parsed.document.unvalidated && Object.keys(parsed.document.unvalidated).length) {
    const why = parsed.diagnostics.filter((d) => d.severity === "warning").map((d) => `${d.code} ${formatPath(d.path)}: ${d.message}`);
    return fail("unvalidated", [`unvalidated: ${JSON.stringify(parsed.document.unvalidated)}`, ...why].join("\n"));
  }
  // cross-setting rule findings are reviewed example by example in tests/rules-real.test.ts
  const errors = validateUnattend(parsed.document).diagnostics.filter((d) => d.severity === "error" && !isRuleId(d.code));
  if (errors.length) return fail("validation", errors.map((d) => `${d.code} ${formatPath(d.path)}: ${d.message}`).join("\n"));
  let xml: string;
  try {
    // validated above; rule errors (reviewed in tests/rules-real.test.ts) do not stop the comparison
    xml = renderParsed(parsed, { validate: false });
  } catch (e) {
    return fail("render", e instanceof Error ? e.message : String(e));
  }
  const expected = canonicalDocument(wrapped.xml);
  const actual = canonicalDocument(xml);
  const same = expected.size === actual.size && [...expected].every(([k, v]) => actual.get(k) === v);
  if (!same) {
    const { missing, extra } = multisetDiff(leaves(expected), leaves(actual));
    const ids = (m: Map<string, string>) => [...m.keys()].sort().join(", ");
    const detail = [
      ids(expected) !== ids(actual) ? `components: example ${ids(expected)}; rendered ${ids(actual)}` : "",
      ...missing.map((l) => `- ${l}`),
      ...extra.map((l) => `+ ${l}`),
      missing.length + extra.length === 0 ? "same leaves, grouped differently" : "",
    ].filter(Boolean);
    return fail("not-equivalent", detail.join("\n"));
  }
  const again = parseUnattend(xml);
  let xml2: string;
  try {
    xml2 = renderParsed(again, { validate: false });
  } catch (e) {
    return fail("not-fixed-point", `the rendering does not render again: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (xml2 !== xml) return fail("not-fixed-point", "parse -> render of the rendering gives different bytes");
  return { example: ex, wrapped, xml };
}

// ---------------------------------------------------------------- the test

describe("conformance with the reference's XML examples (../shared/unattend-reference)", function () {
  this.timeout(60_000);

  const reference = sharedOrSkip("unattend-reference");
  if (!reference) return;

  let results: Result[] = [];

  before(() => {
    results = extractExamples(reference).map(check);
    const dump = process.env.CONFORMANCE_DUMP;
    if (dump) fs.writeFileSync(dump, JSON.stringify(results, null, 1));
  });

  it("finds the XML examples of every page", () => {
    expect(results.length).to.be.greaterThan(1000);
  });

  it("every well-formed example validates, renders to an equivalent tree and is a fixed point, unless reviewed or a known bug", () => {
    const failures = results.filter((r) => r.failure);
    const failing = new Set(failures.map((r) => r.example.key));
    const keys = new Set(results.map((r) => r.example.key));
    const verbose = !!process.env.CONFORMANCE_VERBOSE;

    const describeFailure = (r: Result) =>
      `${r.example.key} (page line ${r.example.line}; ${r.wrapped?.how}) ${r.failure!.stage}:\n${r.failure!.detail.replace(/^/gm, "          ")}`;
    if (verbose) for (const r of failures) console.log(`      ${describeFailure(r)}`);

    for (const [key, why] of Object.entries(KNOWN_BUGS)) {
      if (failing.has(key)) console.log(`      known bug: ${key}: ${why}`);
    }

    const unexpected = failures.filter((r) => !(r.example.key in REVIEWED) && !(r.example.key in KNOWN_BUGS));
    const stale = [...Object.keys(REVIEWED), ...Object.keys(KNOWN_BUGS)].filter((k) => !failing.has(k));
    const staleWhy = stale.map((k) =>
      keys.has(k)
        ? `${k} passes now${k in KNOWN_BUGS ? " (bug fixed?)" : ""}: remove it from ${k in KNOWN_BUGS ? "KNOWN_BUGS" : "REVIEWED"}`
        : `${k} is not an example any more: remove it`,
    );

    const wellFormed = results.filter((r) => !r.notWellFormed);
    const byStage = new Map<string, number>();
    for (const r of failures) byStage.set(r.failure!.stage, (byStage.get(r.failure!.stage) ?? 0) + 1);
    console.log(
      `      ${results.length} examples found, ${wellFormed.length} well-formed, ${wellFormed.length - failures.length} passed, ` +
        `${failures.filter((r) => r.example.key in REVIEWED && !(r.example.key in KNOWN_BUGS)).length} reviewed contradictions, ` +
        `${failures.filter((r) => r.example.key in KNOWN_BUGS).length} known bugs, ${results.length - wellFormed.length} not well-formed`,
    );
    if (failures.length) console.log(`      failures by stage: ${[...byStage].map(([s, n]) => `${s} ${n}`).join(", ")}`);

    expect(
      unexpected.map((r) => r.example.key),
      `unexpected failures (add to REVIEWED with the reason, or fix the bug):\n${unexpected.map(describeFailure).join("\n")}`,
    ).to.deep.equal([]);
    expect(staleWhy, "stale entries").to.deep.equal([]);
    const both = Object.keys(REVIEWED).filter((k) => k in KNOWN_BUGS);
    expect(both, "in both REVIEWED and KNOWN_BUGS: a failure is either the reference's or ours").to.deep.equal([]);
  });

  it("every rendering of an example validates against the answer-file schema (xmllint and xmlschema)", function () {
    this.timeout(120_000);
    expectSchemaValid(
      this,
      results.filter((r) => r.xml !== undefined).map((r) => ({ name: r.example.key, xml: r.xml! })),
    );
  });

  it("reports every example that is not well-formed with its line and column", () => {
    const broken = results.filter((r) => r.notWellFormed);
    console.log(`      not well-formed (${broken.length}), line:column within the example:`);
    for (const r of broken) console.log(`        ${r.example.key} (page line ${r.example.line}): ${r.notWellFormed}`);
    for (const r of broken) expect(r.notWellFormed).to.match(/^(\d+:\d+ |\(after wrapping\))/);
  });
});
