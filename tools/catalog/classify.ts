/**
 * Turning the page tree into catalog elements: value / container / list /
 * item / password, with passes, types, defaults and deprecated flags.
 */
import { PASSES, type Element, type ListKey, type Pass } from "../../components/catalog/types";
import { parsePasses, section, toText, walkXml, type XNode } from "./parse";
import { childTableLinks, type Log, type Node, type XmlIndex } from "./model";
import type { Override } from "./overrides";
import { describeType, inferValue, normalizeLiteral, type ValueFacts } from "./values";
import { summarizeElement } from "./summary";

export interface PasswordCheck {
  page: string;
  suffix: string;
  result: "ok" | "mismatch" | "no-example";
  detail: string;
}

export interface Ctx {
  ix: XmlIndex;
  log: Log;
  overrides: Override[];
  applied: Set<Override>;
  passwordChecks: PasswordCheck[];
  unclassified: string[];
  valueBasis: Map<string, number>;
  /** Overrides applied, with their before/after, for the report. */
  overrideLines: string[];
  /** Pages listed under "Deprecated" / "Removed" headings of the changed-settings pages. */
  listedDeprecated: Set<string>;
}

const PASS_ORDER = new Map<Pass, number>(PASSES.map((p, i) => [p, i]));

function sortPasses(p: Iterable<Pass>): Pass[] {
  return [...new Set(p)].sort((a, b) => PASS_ORDER.get(a)! - PASS_ORDER.get(b)!);
}

export function ownPasses(n: Node, log: Log): Pass[] {
  const s = section(n.p, "valid configuration passes");
  if (!s) return [];
  const info = parsePasses(s.body);
  if (info.ignored.length)
    log.check(`passes of ${n.page}: ignored non-pass text: ${info.ignored.map((l) => JSON.stringify(l.slice(0, 80))).join("; ")}`);
  if (info.miscased.length) log.check(`passes of ${n.page}: normalized spelling ${info.miscased.join(", ")}`);
  return info.passes;
}

/** Is this a "Key" page describing the wcm:keyValue attribute rather than a child element? */
export function isKeyAttributePage(n: Node): boolean {
  return /^key$/i.test(n.name) && /wcm:keyValue/.test(n.p.raw) && !/<Key>/.test(n.p.raw);
}

const DEPRECATED_OWN = [
  /\b(this|the|these) (setting|settings|component|element|option)s? (is|are|has been|have been|is now|was) (now )?(deprecated|removed)\b/i,
  /\bsettings are deprecated\b/i,
  /\b(this|these) (setting|settings|component|element)s? (is|are) not supported\s*(\.|$|and should not)/im,
  /^\s*deprecated\b/im,
  /\bdeprecated, do not use\b/i,
];

function mentionsDeprecated(text: string): boolean {
  return DEPRECATED_OWN.some((re) => re.test(text));
}

export function isDeprecated(n: Node, parentTableDesc: string | undefined): { yes: boolean; why?: string } {
  // The page's own prose: not its examples, value tables, or child tables (a child's
  // deprecation noted in this page's child table is about the child, not this element).
  const skip = ["xml example", "related topics", "applies to", "values", "child elements", "in this section"];
  const body = [n.p.intro, ...n.p.sections.filter((s) => !skip.includes(s.key)).map((s) => s.body)]
    .join("\n")
    .replace(/```[\s\S]*?```/g, "")
    .replace(/<table[\s\S]*?<\/table>/gi, (t) => (/href="[^"]*\.md"/i.test(t) ? "" : t))
    .replace(/^\s*\|.*\]\([^)]*\.md\).*$/gim, "");
  const text = toText(body);
  if (mentionsDeprecated(text)) return { yes: true, why: "own page" };
  if (parentTableDesc && mentionsDeprecated(parentTableDesc)) return { yes: true, why: "parent's child table" };
  return { yes: false };
}

/** Values of `name` elements in the examples on a page (leaf elements only). */
function exampleValues(ix: XmlIndex, page: string, name: string, parentName?: string): string[] {
  const out: string[] = [];
  for (const t of ix.byPage.get(page) ?? [])
    for (const x of walkXml(t))
      if (x.name === name && x.children.length === 0 && (!parentName || !x.parent || x.parent.name === "#root" || x.parent.name === parentName))
        out.push(x.text.trim());
  return out.filter((v) => v !== "");
}

function isRepeated(n: Node, ctx: Ctx): { yes: boolean; why: string } {
  const o = ctx.overrides.find((x) => x.page === n.page && x.repeated !== undefined);
  if (o) {
    ctx.applied.add(o);
    ctx.overrideLines.push(`${n.page}: repeated=${o.repeated} — ${o.reason}`);
    return { yes: o.repeated!, why: "override" };
  }
  if (n.parent && ctx.ix.addPairs.has(`${n.parent.name}>${n.name}`)) return { yes: true, why: `examples add <${n.name}> under <${n.parent.name}>` };
  if (n.children.some(isKeyAttributePage)) return { yes: true, why: "Key page describes wcm:keyValue" };
  // Examples on the element's own page that add it (fragment starting at the item).
  for (const t of ctx.ix.byPage.get(n.page) ?? [])
    for (const x of walkXml(t)) if (x.name === n.name && x.attrs["wcm:action"] === "add") return { yes: true, why: `own examples add <${n.name}>` };
  if (n.parent && !n.parent.component) {
    // The element occurs several times under one parent in an example (wcm:action omitted by the docs).
    const lower = n.name.toLowerCase();
    const plower = n.parent.name.toLowerCase();
    for (const pg of [n.page, n.parent.page])
      for (const t of ctx.ix.byPage.get(pg) ?? [])
        for (const x of walkXml(t))
          if (x.name.toLowerCase() === plower && x.children.filter((c) => c.name.toLowerCase() === lower).length >= 2)
            return { yes: true, why: `examples repeat <${n.name}> inside one <${n.parent.name}>` };
    // The parent page says it holds one or more / up to N of them.
    const ptext = toText(n.parent.p.intro);
    const re = new RegExp(
      `\\b(?:contains?|holds?|include|can contain|can have|specify|add) (?:one or more|up to (?:\\w+)|multiple|several|any number of) (?:\\w+ )?${n.name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`,
      "i",
    );
    if (re.test(ptext)) return { yes: true, why: `parent page says it holds several <${n.name}>` };
  }
  return { yes: false, why: "" };
}

function listKey(n: Node, kids: Node[], ctx: Ctx): ListKey | undefined {
  if (n.children.some(isKeyAttributePage) || ctx.ix.keyValueTags.has(n.name)) return { kind: "keyValue" };
  const order = kids.find((k) => k.name === "Order");
  if (order) return { kind: "child", name: "Order" };
  // A child named as the item's key or identifier ("Key", "Identifier").
  const named = kids.find((k) => !k.children.length && /^(key|identifier)$/i.test(k.name));
  if (named) {
    ctx.log.check(`${n.page}: items keyed by their <${named.name}> child`);
    return { kind: "child", name: named.name };
  }
  // A child the docs call unique ("a unique string for the FeedItem", "must be unique").
  for (const k of kids) {
    if (k.children.length) continue;
    const text = toText([k.p.intro, section(k.p, "values")?.body ?? ""].join("\n")).replace(/locally unique/gi, "");
    if (/\bunique\b/i.test(text) && /(key|id|identifier|name)$/i.test(k.name)) {
      ctx.log.check(`${n.page}: items keyed by <${k.name}>, which its page calls unique`);
      return { kind: "child", name: k.name };
    }
  }
  return undefined;
}

function decodePassword(v: string): string | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(v) || v.length < 4) return undefined;
  const buf = Buffer.from(v, "base64");
  if (buf.length % 2) return undefined;
  const s = buf.toString("utf16le");
  return /^[\x20-\x7e]*$/.test(s) ? s : undefined;
}

function checkPassword(n: Node, suffix: string, ctx: Ctx) {
  const seen: string[] = [];
  const pages = [n.page, ...(n.parent ? [n.parent.page] : []), ...n.children.map((c) => c.page)];
  const visitNodes: XNode[] = [];
  for (const pg of pages) for (const t of ctx.ix.byPage.get(pg) ?? []) for (const x of walkXml(t)) if (x.name === n.name) visitNodes.push(x);
  for (const x of visitNodes) {
    const val = x.children.find((c) => c.name === "Value")?.text.trim();
    const plain = x.children.find((c) => c.name === "PlainText")?.text.trim();
    if (val && plain === "false") seen.push(val);
  }
  const uniq = [...new Set(seen)];
  if (!uniq.length) {
    ctx.passwordChecks.push({ page: n.page, suffix, result: "no-example", detail: "no obfuscated example" });
    return;
  }
  const results = uniq.map((v) => ({ v, d: decodePassword(v) }));
  const bad = results.filter((r) => r.d === undefined || !r.d.endsWith(suffix));
  if (bad.length)
    ctx.passwordChecks.push({
      page: n.page,
      suffix,
      result: "mismatch",
      detail: bad.map((r) => (r.d === undefined ? `${r.v} is not base64 UTF-16LE` : `${r.v} decodes to "${r.d}"`)).join("; "),
    });
  else ctx.passwordChecks.push({ page: n.page, suffix, result: "ok", detail: results.map((r) => `"${r.d}"`).join(", ") });
}

function applyOverride(el: Element, n: Node, ctx: Ctx) {
  for (const o of ctx.overrides) {
    if (o.page !== n.page) continue;
    const changes: string[] = [];
    const rec = el as unknown as Record<string, unknown>;
    const set = (field: string, v: unknown) => {
      const before = JSON.stringify(rec[field]);
      if (v === null) delete rec[field];
      else rec[field] = v;
      const after = JSON.stringify(rec[field]);
      if (before !== after) changes.push(`${field}: ${before ?? "-"} -> ${after ?? "-"}`);
    };
    if (o.type !== undefined) {
      if (el.kind === "value" || (el.kind === "item" && el.type)) set("type", o.type);
      else ctx.log.warn(`override for ${o.page}: type given but element is ${el.kind}`);
    }
    if (o.default !== undefined) set("default", o.default);
    if (o.allowEmpty !== undefined) set("allowEmpty", o.allowEmpty);
    if (o.deprecated !== undefined) set("deprecated", o.deprecated);
    if (o.passes !== undefined) set("passes", o.passes);
    if (o.key !== undefined) set("key", o.key);
    if (o.suffix !== undefined) set("suffix", o.suffix);
    const structural = o.parent !== undefined || o.exclude || o.name !== undefined || o.repeated !== undefined;
    if (changes.length) {
      ctx.applied.add(o);
      ctx.overrideLines.push(`${n.page}: ${changes.join(", ")} — ${o.reason}`);
    } else if (!structural) ctx.log.warn(`override for ${o.page} changes nothing (stale?) — ${o.reason}`);
  }
}

function valueFacts(n: Node, factsPage: Node, ctx: Ctx, exampleName: string): ValueFacts {
  const examples = exampleValues(ctx.ix, n.page, exampleName, n.parent?.name);
  const f = inferValue({ page: factsPage.p, name: factsPage.name, examples });
  for (const note of f.notes) ctx.log.check(`${n.page}: ${note}`);
  if (f.unclassified) ctx.unclassified.push(`${n.page}: no type information on the page; treated as string`);
  ctx.valueBasis.set(f.basis, (ctx.valueBasis.get(f.basis) ?? 0) + 1);
  return f;
}

/** Builds the element for a node. `parentPasses` are the passes in effect for the parent. */
export function classify(n: Node, parentPasses: Pass[] | undefined, parentTableDesc: Map<string, string>, ctx: Ctx): Element {
  const own = ownPasses(n, ctx.log);
  const top = !!n.parent?.component;
  let passes: Pass[] | undefined;
  let effective: Pass[];
  if (top) {
    if (own.length) effective = own;
    else {
      // No pass section: fall back to what the children say.
      const fromKids = new Set<Pass>();
      const visit = (c: Node) => {
        ownPasses(c, { warn() {}, check() {} }).forEach((p) => fromKids.add(p));
        c.children.forEach(visit);
      };
      n.children.forEach(visit);
      effective = sortPasses(fromKids);
      if (effective.length) ctx.log.check(`${n.page}: no passes on the page; using its children's (${effective.join(", ")})`);
      else ctx.log.warn(`${n.page}: top-level setting with no passes anywhere`);
    }
    passes = effective;
  } else {
    const parentEff = parentPasses ?? [];
    if (own.length) {
      const outside = own.filter((p) => !parentEff.includes(p));
      if (outside.length && parentEff.length) ctx.log.check(`${n.page}: lists passes ${outside.join(", ")} that its parent does not; ignored`);
      const inter = parentEff.length ? own.filter((p) => parentEff.includes(p)) : own;
      effective = inter.length ? inter : parentEff;
      if (effective.length < parentEff.length) passes = effective;
    } else effective = parentEff;
  }

  const dep = isDeprecated(n, parentTableDesc.get(n.page));
  if (!dep.yes && ctx.listedDeprecated.has(n.page)) {
    dep.yes = true;
    ctx.log.check(`${n.page}: deprecated per a changed-settings page only`);
  }
  const kidsAll = n.children;
  const keyAttr = kidsAll.find(isKeyAttributePage);
  const kids = kidsAll.filter((k) => k !== keyAttr);
  if (keyAttr) ctx.log.check(`${keyAttr.page}: "Key" describes the wcm:keyValue attribute of <${n.name}>, not a child element`);
  const rep = isRepeated(n, ctx);
  const base = { name: n.name, page: n.page, summary: "", ...(passes ? { passes } : {}), ...(dep.yes ? { deprecated: true as const } : {}) };

  let el: Element;
  const kidNames = kids.map((k) => k.name.toLowerCase()).sort();
  if (kids.length === 2 && kidNames[0] === "plaintext" && kidNames[1] === "value") {
    el = { ...base, kind: "password", suffix: n.name };
    checkPassword(n, n.name, ctx);
  } else if (rep.yes && (kids.length === 0 || (kids.length === 1 && /^value$/i.test(kids[0].name) && kids[0].children.length === 0))) {
    // A list item that is a single text value: <DomainName wcm:action="add" wcm:keyValue="1">contoso.com</DomainName>
    const factsNode = kids[0] ?? n;
    const f = valueFacts(n, factsNode, ctx, n.name);
    const key: ListKey | undefined = keyAttr || ctx.ix.keyValueTags.has(n.name) ? { kind: "keyValue" } : undefined;
    el = { ...base, kind: "item", ...(key ? { key } : {}), type: f.type };
    if (kids[0]) ctx.log.check(`${kids[0].page}: "Value" is the text of <${n.name}>, not a child element`);
  } else if (kids.length === 0) {
    const f = valueFacts(n, n, ctx, n.name);
    el = {
      ...base,
      kind: "value",
      type: f.type,
      ...(f.default !== undefined ? { default: f.default } : {}),
      ...(f.allowEmpty ? { allowEmpty: true } : {}),
    };
  } else {
    const children = kids.map((k) => classify(k, effective, childDescs(n), ctx));
    if (rep.yes) {
      const key = listKey(n, kids, ctx);
      el = { ...base, kind: "item", ...(key ? { key } : {}), children };
    } else if (children.length === 1 && children[0].kind === "item") {
      el = { ...base, kind: "list", item: children[0] };
    } else {
      el = { ...base, kind: "container", children };
      for (const c of children)
        if (c.kind === "item") ctx.log.check(`${n.page}: repeated <${c.name}> sits among other children (kept as an item in the container)`);
    }
  }
  applyOverride(el, n, ctx);
  el.summary = summarizeElement(el, n.parent && !n.parent.component ? n.parent.name : undefined);
  if (el.kind === "value" && el.default !== undefined && normalizeLiteral(el.default, el.type) === undefined)
    ctx.log.warn(`${n.page}: default ${el.default} does not fit ${describeType(el.type)}`);
  return el;
}

function childDescs(n: Node): Map<string, string> {
  return new Map(childTableLinks(n.p).map((l) => [l.page, l.desc]));
}
