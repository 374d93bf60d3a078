/**
 * Reading the Unattended Windows Setup Reference (Markdown pages with YAML
 * front matter, Markdown and HTML tables, fenced XML examples) into plain
 * structures. Nothing here decides what a page means; see generate.ts.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parse as parseYaml } from "yaml";
import { PASSES, type Pass } from "../../components/catalog/types";

export interface Link {
  text: string;
  /** Lower-case page stem (file name without `.md`), for links to .md pages. */
  page?: string;
}

export type CellStyle = "bold" | "italic" | "code" | "plain";

export interface Cell {
  raw: string;
  text: string;
  style: CellStyle;
  links: Link[];
}

export interface Table {
  header: string[];
  rows: Cell[][];
}

export interface Section {
  /** Normalized heading: lower case, anchors removed, singular/plural folded. */
  key: string;
  heading: string;
  body: string;
  tables: Table[];
}

export interface Page {
  /** Actual file name on disk. */
  file: string;
  /** Lower-case stem, as linked from the TOC and used in learn.microsoft.com URLs. */
  page: string;
  title: string;
  description: string;
  h1: string;
  /** Prose between the H1 and the first H2. */
  intro: string;
  sections: Section[];
  /** Every fenced code block that looks like XML. */
  xml: string[];
  /** The whole page, for phrase searches. */
  raw: string;
}

export interface TocEntry {
  depth: number;
  text: string;
  page: string;
  line: number;
}

// ---------------------------------------------------------------- text helpers

const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  "#39": "'",
  "#160": " ",
};

export function decodeEntities(s: string): string {
  return s.replace(/&(#?[a-z0-9]+);/gi, (m, e: string) => {
    const k = e.toLowerCase();
    if (k in ENTITIES) return ENTITIES[k];
    if (/^#\d+$/.test(k)) return String.fromCodePoint(Number(k.slice(1)));
    if (/^#x[0-9a-f]+$/.test(k)) return String.fromCodePoint(parseInt(k.slice(2), 16));
    return m;
  });
}

/** Markdown / HTML fragment to plain text (one line per paragraph). */
export function toText(s: string): string {
  let t = s;
  t = t.replace(/<br\s*\/?>/gi, "\n");
  t = t.replace(/<\/(p|li|tr|div|h\d)>/gi, "\n");
  t = t.replace(/<[^>]+>/g, "");
  t = t.replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1");
  t = t.replace(/\*\*([^*]*)\*\*/g, "$1");
  t = t.replace(/(^|[^\w*])\*([^*\n]+)\*(?!\w)/g, "$1$2");
  t = t.replace(/(^|\W)_([^_\n]+)_(?!\w)/g, "$1$2");
  t = t.replace(/`([^`]*)`/g, "$1");
  t = decodeEntities(t);
  t = t.replace(/\\([\\_*|<>[\]])/g, "$1");
  t = t.replace(/[ \t\u00a0]+/g, " ");
  t = t
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "")
    .join("\n");
  return t;
}

function pageOfHref(href: string): string | undefined {
  const h = href.trim().split("#")[0];
  if (!/\.md$/i.test(h) || /^[a-z]+:/i.test(h)) return undefined;
  return path.basename(h).replace(/\.md$/i, "").toLowerCase();
}

export function extractLinks(s: string): Link[] {
  const out: Link[] = [];
  const re = /\[([^\]]*)\]\(([^)\s]*)[^)]*\)|<a\s[^>]*href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/gi;
  for (let m; (m = re.exec(s));) {
    if (m[2] !== undefined) out.push({ text: toText(m[1]), page: pageOfHref(m[2]) });
    else out.push({ text: toText(m[4]), page: pageOfHref(m[3]) });
  }
  return out;
}

function cellStyle(raw: string): CellStyle {
  const r = raw
    .trim()
    .replace(/^<p>|<\/p>$/gi, "")
    .trim();
  if (/^(\*\*[^*]+\*\*|<strong>[\s\S]*<\/strong>|<b>[\s\S]*<\/b>)$/i.test(r)) return "bold";
  if (/^(\*[^*]+\*|_[^_]+_|<em>[\s\S]*<\/em>|<i>[\s\S]*<\/i>)$/i.test(r)) return "italic";
  if (/^(`[^`]+`|<code>[\s\S]*<\/code>)$/i.test(r)) return "code";
  return "plain";
}

function makeCell(raw: string): Cell {
  return { raw, text: toText(raw), style: cellStyle(raw), links: extractLinks(raw) };
}

// ---------------------------------------------------------------- tables

function splitPipeRow(line: string): string[] {
  let l = line.trim();
  if (l.startsWith("|")) l = l.slice(1);
  if (l.endsWith("|") && !l.endsWith("\\|")) l = l.slice(0, -1);
  const cells: string[] = [];
  let cur = "";
  let code = false;
  for (let i = 0; i < l.length; i++) {
    const c = l[i];
    if (c === "\\" && l[i + 1] === "|") {
      cur += "|";
      i++;
      continue;
    }
    if (c === "`") code = !code;
    if (c === "|" && !code) {
      cells.push(cur);
      cur = "";
      continue;
    }
    cur += c;
  }
  cells.push(cur);
  return cells.map((c) => c.trim());
}

export function extractTables(body: string): Table[] {
  const tables: Table[] = [];
  // HTML tables
  const htmlRe = /<table[\s\S]*?<\/table>/gi;
  for (let m; (m = htmlRe.exec(body));) {
    const html = m[0];
    const header: string[] = [];
    const rows: Cell[][] = [];
    const trRe = /<tr[^>]*>([\s\S]*?)<\/tr>/gi;
    for (let tr; (tr = trRe.exec(html));) {
      const cells: { th: boolean; raw: string }[] = [];
      const tdRe = /<(td|th)[^>]*>([\s\S]*?)<\/\1>/gi;
      for (let td; (td = tdRe.exec(tr[1]));) cells.push({ th: td[1].toLowerCase() === "th", raw: td[2] });
      if (cells.length && cells.every((c) => c.th)) header.push(...cells.map((c) => toText(c.raw)));
      else if (cells.length) rows.push(cells.map((c) => makeCell(c.raw)));
    }
    tables.push({ header, rows });
  }
  // Markdown pipe tables
  const lines = body.replace(htmlRe, "").split("\n");
  for (let i = 0; i < lines.length; i++) {
    if (!/^\s*\|/.test(lines[i])) continue;
    const block: string[] = [];
    while (i < lines.length && /^\s*\|/.test(lines[i])) block.push(lines[i++]);
    let header: string[] = [];
    let rowLines = block;
    if (block.length >= 2 && /^\s*\|?\s*:?-{2,}/.test(block[1])) {
      header = splitPipeRow(block[0]).map(toText);
      rowLines = block.slice(2);
    }
    tables.push({ header, rows: rowLines.map((l) => splitPipeRow(l).map(makeCell)) });
  }
  return tables;
}

// ---------------------------------------------------------------- pages

const HEADING_KEYS: [RegExp, string][] = [
  [/^xml examples?$/, "xml example"],
  [/^child elements?$/, "child elements"],
  [/^in this section$/, "in this section"],
  [/^valid configuration passes$/, "valid configuration passes"],
  [/^parent hierarchy$/, "parent hierarchy"],
  [/^values?$/, "values"],
  [/^applies to$/, "applies to"],
  [/^related topics$/, "related topics"],
];

export function normalizeHeading(h: string): string {
  const t = toText(h).toLowerCase().replace(/\s+/g, " ").trim();
  for (const [re, k] of HEADING_KEYS) if (re.test(t)) return k;
  return t;
}

export function parsePage(file: string, src: string): Page {
  let text = src.replace(/\r\n?/g, "\n").replace(/^\uFEFF/, "");
  let title = "";
  let description = "";
  const fm = /^---\n([\s\S]*?)\n---[ \t]*\n/.exec(text);
  if (fm) {
    try {
      const y = parseYaml(fm[1]) as Record<string, unknown> | null;
      if (y && typeof y === "object") {
        title = typeof y.title === "string" ? y.title.trim() : "";
        description = typeof y.description === "string" ? y.description.trim() : "";
      }
    } catch {
      const t = /^title:\s*(.*)$/m.exec(fm[1]);
      if (t) title = t[1].trim();
    }
    text = text.slice(fm[0].length);
  }
  const xml: string[] = [];
  const fenceRe = /^[ \t]*(```|~~~)[^\n]*\n([\s\S]*?)^[ \t]*\1[ \t]*$/gm;
  for (let m; (m = fenceRe.exec(text));) if (/<[A-Za-z]/.test(m[2])) xml.push(m[2]);

  // Split into sections on level-2 headings, outside code fences.
  const lines = text.split("\n");
  let h1 = "";
  const intro: string[] = [];
  const sections: Section[] = [];
  let cur: { heading: string; body: string[] } | null = null;
  let fence = false;
  const flush = () => {
    if (!cur) return;
    const body = cur.body.join("\n");
    sections.push({ key: normalizeHeading(cur.heading), heading: cur.heading, body, tables: extractTables(body) });
  };
  for (const line of lines) {
    if (/^[ \t]*(```|~~~)/.test(line)) fence = !fence;
    if (!fence) {
      const h = /^(#{1,2})\s+(.*?)\s*#*\s*$/.exec(line);
      if (h && h[1] === "#" && !h1 && !cur) {
        h1 = toText(h[2]);
        continue;
      }
      if (h && h[1] === "##") {
        flush();
        cur = { heading: h[2], body: [] };
        continue;
      }
    }
    if (cur) cur.body.push(line);
    else intro.push(line);
  }
  flush();
  // Pages with no "# Title" line start with the bare name (e.g. pnpcustomizationswinpe).
  const introText = intro.join("\n");
  return { file, page: file.replace(/\.md$/i, "").toLowerCase(), title, description, h1, intro: introText, sections, xml, raw: text };
}

export function section(p: Page, key: string): Section | undefined {
  return p.sections.find((s) => s.key === key);
}

export function sections(p: Page, key: string): Section[] {
  return p.sections.filter((s) => s.key === key);
}

// ---------------------------------------------------------------- passes

const PASS_BY_LOWER = new Map<string, Pass>(PASSES.map((p) => [p.toLowerCase(), p]));

export interface PassInfo {
  passes: Pass[];
  /** Lines in the section that were not a bare pass name (notes, prose). */
  ignored: string[];
  /** Pass names written with non-canonical case. */
  miscased: string[];
}

/** Only real pass lines count: a line that is a pass name, optionally bulleted or bold. */
export function parsePasses(body: string): PassInfo {
  const found = new Set<Pass>();
  const ignored: string[] = [];
  const miscased: string[] = [];
  for (const line of toText(body).split("\n")) {
    const bare = line
      .replace(/^[-*+]\s+/, "")
      .replace(/[.,;]$/, "")
      .trim();
    const p = PASS_BY_LOWER.get(bare.toLowerCase());
    if (p) {
      found.add(p);
      if (bare !== p) miscased.push(bare);
    } else if (bare) ignored.push(line);
  }
  return { passes: PASSES.filter((p) => found.has(p)), ignored, miscased };
}

// ---------------------------------------------------------------- parent hierarchy

export interface Hierarchy {
  /** Linked ancestors, outermost first. */
  ancestors: Link[];
  /** The bold last segment (the element itself). */
  self: string;
}

export function parseHierarchy(body: string): Hierarchy | undefined {
  const line = body.split("\n").find((l) => /\*\*[^*]+\*\*|\]\(/.test(l));
  if (!line) return undefined;
  const ancestors = extractLinks(line);
  const b = /\*\*([^*]+)\*\*\s*$/.exec(line.trim()) ?? /\*\*([^*]+)\*\*/.exec(line);
  return { ancestors, self: b ? toText(b[1]) : "" };
}

// ---------------------------------------------------------------- TOC

export function parseToc(src: string): TocEntry[] {
  const out: TocEntry[] = [];
  src.split(/\r?\n/).forEach((line, i) => {
    const m = /^(#+)\s*\[([^\]]*)\]\(([^)]*)\)\s*$/.exec(line.trim());
    if (!m) return;
    const page = pageOfHref(m[3]);
    if (page) out.push({ depth: m[1].length, text: toText(m[2]), page, line: i + 1 });
  });
  return out;
}

// ---------------------------------------------------------------- XML examples

export interface XNode {
  name: string;
  attrs: Record<string, string>;
  children: XNode[];
  text: string;
  parent?: XNode;
}

/**
 * A forgiving XML reader for documentation fragments: unbalanced or
 * truncated snippets still produce a tree, mismatched end tags are skipped.
 */
export function parseXmlFragment(src: string): XNode {
  const root: XNode = { name: "#root", attrs: {}, children: [], text: "" };
  const stack: XNode[] = [root];
  const s = src.replace(/<!--[\s\S]*?-->/g, "").replace(/<\?[\s\S]*?\?>/g, "");
  const re = /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))*)\s*(\/?)>|([^<]+)|</g;
  for (let m; (m = re.exec(s));) {
    const top = stack[stack.length - 1];
    if (m[5] !== undefined) {
      top.text += decodeEntities(m[5]);
      continue;
    }
    if (m[2] === undefined) {
      top.text += "<";
      continue;
    }
    const name = m[2];
    if (m[1]) {
      const idx = stack.map((n) => n.name).lastIndexOf(name);
      if (idx > 0) stack.length = idx;
      continue;
    }
    const attrs: Record<string, string> = {};
    const aRe = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/g;
    for (let a; (a = aRe.exec(m[3] ?? ""));) attrs[a[1]] = decodeEntities(a[2] ?? a[3] ?? a[4] ?? "");
    const node: XNode = { name, attrs, children: [], text: "", parent: top };
    top.children.push(node);
    if (!m[4]) stack.push(node);
  }
  return root;
}

export function* walkXml(n: XNode): Generator<XNode> {
  for (const c of n.children) {
    yield c;
    yield* walkXml(c);
  }
}

// ---------------------------------------------------------------- reference folder

export interface Reference {
  dir: string;
  pages: Map<string, Page>;
  toc: TocEntry[];
  tocFile: string;
}

export function readReference(dir: string): Reference {
  const files = fs
    .readdirSync(dir)
    .filter((f) => /\.md$/i.test(f))
    .sort();
  const pages = new Map<string, Page>();
  let tocFile = "";
  for (const f of files) {
    const lower = f.toLowerCase();
    if (lower === "toc.md") {
      tocFile = f;
      continue;
    }
    const p = parsePage(f, fs.readFileSync(path.join(dir, f), "utf8"));
    if (pages.has(p.page)) throw new Error(`two files map to page ${p.page}: ${pages.get(p.page)!.file}, ${f}`);
    pages.set(p.page, p);
  }
  if (!tocFile) throw new Error(`no TOC.md in ${dir}`);
  const toc = parseToc(fs.readFileSync(path.join(dir, tocFile), "utf8"));
  return { dir, pages, toc, tocFile };
}
