/**
 * Building the element tree from the reference: which pages are components,
 * which element each page describes, who its parent is (TOC, Parent
 * Hierarchy, file name and child tables are cross-checked), and in what
 * order children come.
 */
import { parseHierarchy, parseXmlFragment, section, sections, toText, walkXml, type Page, type Reference, type XNode } from "./parse";
import type { Override } from "./overrides";
import { compareNames } from "./check";

export interface Node {
  page: string;
  p: Page;
  name: string;
  component: boolean;
  parent?: Node;
  children: Node[];
  /** Position in the TOC (Infinity when missing). */
  tocIndex: number;
  tocText?: string;
  tocParent?: string;
}

export interface Log {
  warn(msg: string): void;
  check(msg: string): void;
}

export interface XmlIndex {
  /** Trees of every XML example, per page. */
  byPage: Map<string, XNode[]>;
  /** "Parent>Child" pairs where Child carries wcm:action="add". */
  addPairs: Set<string>;
  /** Tag names seen with wcm:action="add". */
  addTags: Set<string>;
  /** Tag names seen with wcm:keyValue. */
  keyValueTags: Set<string>;
}

export function buildXmlIndex(ref: Reference): XmlIndex {
  const byPage = new Map<string, XNode[]>();
  const addPairs = new Set<string>();
  const addTags = new Set<string>();
  const keyValueTags = new Set<string>();
  for (const [page, p] of ref.pages) {
    const trees = p.xml.map(parseXmlFragment);
    byPage.set(page, trees);
    for (const t of trees)
      for (const n of walkXml(t)) {
        if (n.attrs["wcm:action"] === "add") {
          addTags.add(n.name);
          if (n.parent && n.parent.name !== "#root") addPairs.add(`${n.parent.name}>${n.name}`);
        }
        if ("wcm:keyValue" in n.attrs) keyValueTags.add(n.name);
      }
  }
  return { byPage, addPairs, addTags, keyValueTags };
}

/** Tag names used in a page's examples, with counts. */
export function xmlTags(ix: XmlIndex, page: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const t of ix.byPage.get(page) ?? []) for (const n of walkXml(t)) m.set(n.name, (m.get(n.name) ?? 0) + 1);
  return m;
}

const VALID_NAME = /^[A-Za-z_][\w.-]*$/;

function cleanName(s: string): string {
  return s
    .replace(/\\([_*\\])/g, "$1")
    .replace(/[`*]/g, "")
    .replace(/<[^>]*>/g, "")
    .trim()
    .replace(/-+$/, "");
}

function squash(s: string): string {
  return s.toLowerCase().replace(/[\s_-]+/g, "");
}

/** Links from a page's child tables (Child Elements, In This Section, and child tables misplaced under Values). */
export function childTableLinks(p: Page): { text: string; page: string; desc: string }[] {
  const out: { text: string; page: string; desc: string }[] = [];
  const secs = [...sections(p, "child elements"), ...sections(p, "in this section"), ...sections(p, "values")];
  for (const s of secs)
    for (const t of s.tables)
      for (const r of t.rows) {
        const l = r[0]?.links.find((x) => x.page);
        if (l?.page)
          out.push({
            text: l.text,
            page: l.page,
            desc: r
              .slice(1)
              .map((c) => c.text)
              .join(" "),
          });
      }
  return out;
}

export interface Tree {
  components: Node[];
  nodes: Map<string, Node>;
}

export function buildTree(ref: Reference, ix: XmlIndex, overrides: Override[], log: Log, applied: Set<Override>): Tree {
  const nodes = new Map<string, Node>();
  // ---- TOC: entries under the Components heading
  const toc = ref.toc;
  const compIdx = toc.findIndex((e) => e.page === "components-b-unattend");
  const entries = toc.slice(compIdx + 1).filter((e) => e.depth >= 3);
  const stack: string[] = [];
  const tocParent = new Map<string, string>();
  entries.forEach((e, i) => {
    stack[e.depth] = e.page;
    stack.length = e.depth + 1;
    const p = ref.pages.get(e.page);
    if (!p) {
      log.warn(`TOC line ${e.line}: ${e.page}.md does not exist; skipped`);
      return;
    }
    if (nodes.has(e.page)) {
      log.warn(`TOC line ${e.line}: ${e.page} listed twice; first entry kept`);
      return;
    }
    const n: Node = { page: e.page, p, name: "", component: e.depth === 3, children: [], tocIndex: i, tocText: e.text };
    if (e.depth > 3) {
      const parent = stack[e.depth - 1];
      if (parent) {
        n.tocParent = parent;
        tocParent.set(e.page, parent);
      }
    }
    nodes.set(e.page, n);
  });

  // ---- components list page vs TOC
  const listPage = ref.pages.get("components-b-unattend");
  if (listPage) {
    const inList = new Set<string>();
    const liveSec = listPage.sections.find((s) => s.key === "in this section");
    for (const t of liveSec?.tables ?? []) for (const r of t.rows) for (const l of r[0]?.links ?? []) if (l.page) inList.add(l.page);
    const tocComps = [...nodes.values()].filter((n) => n.component).map((n) => n.page);
    for (const c of tocComps) if (!inList.has(c)) log.check(`component ${c} is in the TOC but missing from the Components list page`);
    for (const c of inList) {
      if (tocComps.includes(c)) continue;
      const p = ref.pages.get(c);
      if (!p) {
        log.warn(`Components list links ${c}.md, which does not exist`);
        continue;
      }
      log.check(`component ${c} is on the Components list page but not in the TOC; added`);
      nodes.set(c, { page: c, p, name: "", component: true, children: [], tocIndex: Infinity });
    }
  }

  // ---- pages missing from the TOC: any element page (with a Parent Hierarchy) or linked from a child table
  const meta = new Set(["index", "components-b-unattend"]);
  for (const [page, p] of ref.pages) {
    if (nodes.has(page) || meta.has(page) || page.startsWith("changed-answer-file-settings")) continue;
    if (section(p, "parent hierarchy") || section(p, "valid configuration passes")) {
      log.check(`page ${page} is not in the TOC; placed by its Parent Hierarchy / file name`);
      nodes.set(page, { page, p, name: "", component: false, children: [], tocIndex: Infinity });
    } else log.warn(`page ${page} is neither in the TOC nor an element page; ignored`);
  }

  // ---- exclusions
  for (const o of overrides)
    if (o.exclude && nodes.has(o.page)) {
      nodes.delete(o.page);
      applied.add(o);
    }

  // ---- child tables: who lists whom
  const listedBy = new Map<string, string[]>();
  const tableOrder = new Map<string, string[]>();
  for (const n of nodes.values()) {
    const links = childTableLinks(n.p).filter((l) => l.page !== n.page);
    tableOrder.set(
      n.page,
      links.map((l) => l.page),
    );
    for (const l of links) {
      if (!listedBy.has(l.page)) listedBy.set(l.page, []);
      const a = listedBy.get(l.page)!;
      if (!a.includes(n.page)) a.push(n.page);
    }
  }

  // ---- parents, by vote
  const pages = [...nodes.keys()];
  const byPrefix = (page: string): string | undefined => {
    let best: string | undefined;
    for (const q of pages) if (q !== page && page.startsWith(`${q}-`) && (!best || q.length > best.length)) best = q;
    return best;
  };
  for (const n of nodes.values()) {
    if (n.component) continue;
    const votes: { src: string; page: string }[] = [];
    if (n.tocParent && nodes.has(n.tocParent)) votes.push({ src: "TOC", page: n.tocParent });
    const h = section(n.p, "parent hierarchy");
    const hier = h ? parseHierarchy(h.body) : undefined;
    const hp = hier?.ancestors.filter((l) => l.page && l.page !== n.page && nodes.has(l.page)).pop()?.page;
    if (hp) votes.push({ src: "Parent Hierarchy", page: hp });
    const pp = byPrefix(n.page);
    if (pp) votes.push({ src: "file name", page: pp });
    const lb = (listedBy.get(n.page) ?? []).filter((q) => nodes.has(q));
    if (lb.length === 1) votes.push({ src: "child table", page: lb[0] });
    const forced = overrides.find((o) => o.page === n.page && o.parent);
    let chosen: string | undefined;
    if (forced) {
      chosen = forced.parent!;
      applied.add(forced);
    } else {
      const tally = new Map<string, number>();
      for (const v of votes) tally.set(v.page, (tally.get(v.page) ?? 0) + 1);
      // Ties go to the file name, then the child table, then the hierarchy, then the TOC.
      const pri = ["file name", "child table", "Parent Hierarchy", "TOC"];
      const ranked = [...tally.entries()].sort(
        (a, b) =>
          b[1] - a[1] ||
          Math.min(...votes.filter((v) => v.page === a[0]).map((v) => pri.indexOf(v.src))) -
            Math.min(...votes.filter((v) => v.page === b[0]).map((v) => pri.indexOf(v.src))),
      );
      chosen = ranked[0]?.[0];
    }
    if (!chosen || !nodes.has(chosen)) {
      log.warn(`no parent found for ${n.page}; dropped`);
      continue;
    }
    const dissent = votes.filter((v) => v.page !== chosen);
    if (dissent.length)
      log.check(
        `parent of ${n.page}: ${chosen} (${votes
          .filter((v) => v.page === chosen)
          .map((v) => v.src)
          .join(
            ", ",
          )}${forced ? `${votes.some((v) => v.page === chosen) ? ", " : ""}override` : ""}); disagreeing: ${dissent.map((v) => `${v.src} says ${v.page}`).join("; ")}`,
      );
    n.parent = nodes.get(chosen);
  }
  // cycles / orphans
  for (const n of nodes.values()) {
    const seen = new Set<Node>();
    for (let a: Node | undefined = n; a; a = a.parent) {
      if (seen.has(a)) throw new Error(`parent cycle at ${n.page}`);
      seen.add(a);
    }
  }
  for (const n of nodes.values()) if (n.parent) n.parent.children.push(n);
  // drop subtrees not attached to a component
  const components = [...nodes.values()].filter((n) => n.component);
  const attached = new Set<Node>();
  const mark = (n: Node) => {
    attached.add(n);
    n.children.forEach(mark);
  };
  components.forEach(mark);
  for (const n of nodes.values()) if (!attached.has(n)) log.warn(`page ${n.page} is not under any component; ignored`);

  // ---- names
  for (const c of components) c.name = componentName(c, ix, log);
  for (const n of attached) if (!n.component) n.name = elementName(n, ix, log);
  for (const o of overrides) {
    const n = nodes.get(o.page);
    if (o.name && n) {
      if (n.name !== o.name) {
        log.check(`name of ${o.page}: ${n.name} -> ${o.name} (override)`);
        n.name = o.name;
        applied.add(o);
      }
    }
  }

  // ---- child order
  for (const n of attached) orderChildren(n, tableOrder.get(n.page) ?? []);
  components.sort((a, b) => compareNames(a.name, b.name));
  const live = new Map([...nodes].filter(([, n]) => attached.has(n)));
  return { components, nodes: live };
}

function orderChildren(n: Node, table: string[]) {
  // An explicit order stated on the page ("must be added in the following order: A, B, and then C").
  const explicit: string[] = [];
  const m = /must be added in the following order:([^\n]*)/i.exec(toText(n.p.raw.replace(/```[\s\S]*?```/g, "")));
  if (m)
    for (const part of m[1].split(/,|\band then\b|\band\b/)) {
      const w = part.replace(/[.\s]+$/, "").trim();
      if (w) explicit.push(w.toLowerCase());
    }
  const key = (c: Node): [number, number, number, string] => {
    const e = explicit.indexOf(c.name.toLowerCase());
    const t = table.indexOf(c.page);
    return [e < 0 ? Infinity : e, t < 0 ? Infinity : t, c.tocIndex, c.name];
  };
  n.children.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < 3; i++) if (ka[i] !== kb[i]) return (ka[i] as number) < (kb[i] as number) ? -1 : 1;
    return ka[3] < kb[3] ? -1 : ka[3] > kb[3] ? 1 : 0;
  });
}

function componentName(c: Node, ix: XmlIndex, log: Log): string {
  const cands: { src: string; v: string }[] = [];
  // XML examples on the component's own pages naming it
  const xmlNames = new Map<string, number>();
  const visit = (n: Node) => {
    for (const t of ix.byPage.get(n.page) ?? [])
      for (const x of walkXml(t)) {
        const v = x.name === "component" ? x.attrs.name : undefined;
        if (v) xmlNames.set(v, (xmlNames.get(v) ?? 0) + 1);
      }
    n.children.forEach(visit);
  };
  visit(c);
  const base = squash(cleanName(c.tocText ?? c.p.h1 ?? c.p.title));
  for (const [v] of [...xmlNames].sort((a, b) => b[1] - a[1])) if (squash(cleanName(v)) === base) cands.push({ src: "XML example", v: cleanName(v) });
  const tick = /`([A-Za-z][\w.-]*)`/.exec(c.p.intro);
  if (tick && squash(tick[1]) === base) cands.push({ src: "intro", v: tick[1] });
  const firstLine = toText(c.p.intro).split("\n")[0] ?? "";
  if (!c.p.h1 && VALID_NAME.test(firstLine) && squash(firstLine) === base) cands.push({ src: "first line", v: firstLine });
  cands.push({ src: "title", v: cleanName(c.p.h1) }, { src: "front matter", v: cleanName(c.p.title) }, { src: "TOC", v: cleanName(c.tocText ?? "") });
  const valid = cands.filter((x) => x.v && VALID_NAME.test(x.v) && squash(x.v) === base);
  // A name that is all lower case is an artifact of the "name-" pages; prefer a cased spelling.
  let pick = valid.find((x) => x.v !== x.v.toLowerCase()) ?? valid[0];
  if (!pick) {
    log.warn(`component ${c.page}: no usable name among ${cands.map((x) => x.v).join(" / ")}`);
    pick = { src: "page", v: c.page };
  }
  const others = [...new Set(cands.map((x) => x.v).filter((v) => v && v !== pick!.v))];
  if (others.length) log.check(`component ${c.page}: name ${pick.v} (from ${pick.src}); also spelled ${others.join(", ")}`);
  return pick.v;
}

function elementName(n: Node, ix: XmlIndex, log: Log): string {
  // Every place the page names the element votes (case-insensitively); the file name votes too.
  const cands: { src: string; v: string }[] = [];
  cands.push({ src: "title", v: cleanName(n.p.h1) }, { src: "front matter", v: cleanName(n.p.title) });
  if (n.tocText) cands.push({ src: "TOC", v: cleanName(n.tocText) });
  if (n.parent) for (const l of childTableLinks(n.parent.p)) if (l.page === n.page) cands.push({ src: "parent table", v: cleanName(l.text) });
  const h = section(n.p, "parent hierarchy");
  const hier = h ? parseHierarchy(h.body) : undefined;
  if (hier?.self) cands.push({ src: "Parent Hierarchy", v: cleanName(hier.self) });
  const fileTail = n.parent && n.page.startsWith(`${n.parent.page}-`) ? n.page.slice(n.parent.page.length + 1) : "";
  // strip a leading component name ("Microsoft-Windows-TPM-Tasks-ClearTpm")
  let comp: Node = n;
  while (comp.parent) comp = comp.parent;
  const pre = cleanName(comp.tocText ?? comp.p.h1).toLowerCase();
  for (const c of cands) if (pre && c.v.toLowerCase().startsWith(`${pre}-`)) c.v = c.v.slice(pre.length + 1);
  const valid = cands.filter((c) => VALID_NAME.test(c.v));
  const tally = new Map<string, number>();
  for (const c of valid) tally.set(c.v.toLowerCase(), (tally.get(c.v.toLowerCase()) ?? 0) + 1);
  if (fileTail) tally.set(fileTail, (tally.get(fileTail) ?? 0) + 1);
  const ranked = [...tally].sort((a, b) => b[1] - a[1] || (a[0] === fileTail ? -1 : b[0] === fileTail ? 1 : 0));
  const winner = ranked[0]?.[0];
  if (!winner) {
    log.warn(`element ${n.page}: no usable name among ${cands.map((c) => c.v).join(" / ")}`);
    return fileTail || n.page;
  }
  // Spelling (case) from the XML examples when they use the name, else the title, else the most common spelling.
  const tags = xmlTags(ix, n.page);
  if (n.parent) for (const [t, k] of xmlTags(ix, n.parent.page)) tags.set(t, (tags.get(t) ?? 0) + k);
  const xmlHits = [...tags].filter(([t]) => t.toLowerCase() === winner).sort((a, b) => b[1] - a[1]);
  const spellings = valid.filter((c) => c.v.toLowerCase() === winner);
  let pick: { src: string; v: string };
  if (xmlHits.length) pick = { src: "XML example", v: (xmlHits.find(([t]) => spellings.some((s) => s.v === t)) ?? xmlHits[0])[0] };
  else {
    const counts = new Map<string, number>();
    for (const s of spellings) counts.set(s.v, (counts.get(s.v) ?? 0) + 1);
    const title = spellings.find((s) => s.src === "title");
    const best = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
    pick = title ? { src: "title", v: title.v } : best ? { src: "most pages", v: best } : { src: "file name", v: winner };
  }
  const differing = [...new Set(cands.map((c) => c.v).filter((v) => v && v !== pick.v))];
  if (differing.length) log.check(`element ${n.page}: name ${pick.v} (${pick.src}); page also says ${differing.join(", ")}`);
  return pick.v;
}
