/**
 * Facts added to the classified catalog by rules with a human review beside
 * them: credentials and confidential values (sensitive.ts), documented empty
 * values (empty.ts), how list keys are written (keys below), and component
 * spellings (names.ts). Each step returns a report for the generator's output,
 * components/catalog/README.md and the tests; problems (unreviewed hits, stale
 * reviews) go to `problems`, which the generator prints and the tests require
 * to be empty.
 */
import type { CatalogComponent, Element, ListKey, ValueType } from "../../components/catalog/types";
import { section, toText, type Page, type Reference } from "./parse";
import type { Node } from "./model";
import { CREDENTIAL_PAGE_WORDS, REVIEWED, SECRET_LOOKING, credentialRule, pathMatches, type SensitiveReview } from "./sensitive";
import { EMPTY_PHRASES, EMPTY_REVIEWED, GENERIC_SENTENCES } from "./empty";
import { NAME_REVIEWS } from "./names";
import { summarizeElement } from "./summary";

export interface Visit {
  el: Element;
  /** "Component/A/B". */
  path: string;
  parent?: Element;
}

export function* walkComponent(c: CatalogComponent): Generator<Visit> {
  function* rec(el: Element, path: string, parent?: Element): Generator<Visit> {
    const p = `${path}/${el.name}`;
    yield { el, path: p, parent };
    const kids = el.kind === "container" ? el.children : el.kind === "list" ? [el.item] : el.kind === "item" ? (el.children ?? []) : [];
    for (const k of kids) yield* rec(k, p, el);
  }
  for (const s of c.settings) yield* rec(s, c.name);
}

function resummarize(v: Visit) {
  v.el.summary = summarizeElement(v.el, v.parent?.name);
}

// ------------------------------------------------------------------ secrets

export interface SecretsReport {
  credentials: { path: string; page: string; why: string }[];
  confidential: { path: string; page: string; where: "value" | "key"; review: SensitiveReview }[];
  notSecret: { path: string; page: string; review: SensitiveReview }[];
  problems: string[];
}

export function markSecrets(components: CatalogComponent[], ref: Reference): SecretsReport {
  const r: SecretsReport = { credentials: [], confidential: [], notSecret: [], problems: [] };
  const used = new Set<SensitiveReview>();
  for (const c of components)
    for (const v of walkComponent(c)) {
      const { el, path } = v;
      const why = credentialRule(el);
      if (why) {
        el.sensitive = true;
        r.credentials.push({ path, page: el.page, why });
        // Cross-check: the element's own page (or its Value page) talks about a password.
        const pages = [el.page, `${el.page}-value`].map((p) => ref.pages.get(p)).filter((p): p is Page => !!p);
        if (!pages.some((p) => CREDENTIAL_PAGE_WORDS.test(toText(`${p.intro}\n${section(p, "values")?.body ?? ""}`))))
          r.problems.push(`credential rule marks ${path}, but its page does not say "password"`);
        continue;
      }
      const reviews = REVIEWED.filter((x) => pathMatches(path, x.path));
      for (const x of reviews) used.add(x);
      const review = reviews[0];
      if (reviews.length > 1) r.problems.push(`${path}: ${reviews.length} sensitive reviews match`);
      if (review?.confidential) {
        if (review.confidential === "key" && !(el.kind === "item" && el.key?.kind === "keyValue"))
          r.problems.push(`${path}: reviewed as a confidential key, but its items are not keyed by wcm:keyValue`);
        el.confidential = review.confidential;
        r.confidential.push({ path, page: el.page, where: review.confidential, review });
      } else if (review) r.notSecret.push({ path, page: el.page, review });
      // Rule for reviews: secret-looking leaves, and every non-credential leaf of a Credentials block.
      const leaf = el.kind === "value" || el.kind === "password" || (el.kind === "item" && el.type !== undefined);
      const needsReview = leaf && (SECRET_LOOKING.test(el.name) || v.parent?.name === "Credentials");
      if (needsReview && !review)
        r.problems.push(`${path} looks confidential (name or Credentials block) but has no review in tools/catalog/sensitive.ts`);
    }
  // Every Credentials block holds exactly one credential.
  for (const c of components)
    for (const v of walkComponent(c))
      if (v.el.name === "Credentials" && v.el.kind === "container") {
        const n = v.el.children.filter((k) => k.sensitive).length;
        if (n !== 1) r.problems.push(`${v.path}: Credentials block with ${n} credentials (expected 1)`);
      }
  for (const x of REVIEWED) if (!used.has(x)) r.problems.push(`sensitive review ${x.path} matches no catalog setting`);
  return r;
}

// ------------------------------------------------------------------ empty values

export interface EmptyReport {
  /** Pages where a phrase was found, with the phrases. */
  hits: { page: string; path: string; phrases: string[] }[];
  applied: { path: string; page: string; meaning: string }[];
  rejected: { path: string; page: string; reason: string }[];
  problems: string[];
}

/** The page text searched for empty-value phrases: prose and value tables, without examples and generic sentences. */
export function emptySearchText(p: Page): string {
  const skip = new Set(["xml example", "related topics", "parent hierarchy", "applies to", "valid configuration passes"]);
  const body = [p.intro, ...p.sections.filter((s) => !skip.has(s.key)).map((s) => s.body)].join("\n").replace(/```[\s\S]*?```/g, "");
  return toText(body).replace(GENERIC_SENTENCES, "");
}

export function markEmpty(components: CatalogComponent[], ref: Reference): EmptyReport {
  const r: EmptyReport = { hits: [], applied: [], rejected: [], problems: [] };
  const reviewed = new Map(EMPTY_REVIEWED.map((x) => [x.page, x]));
  const used = new Set<string>();
  for (const x of EMPTY_REVIEWED) if (!!x.meaning === !!x.notEmpty) r.problems.push(`empty review ${x.page}: give exactly one of meaning / notEmpty`);
  for (const c of components)
    for (const v of walkComponent(c)) {
      const { el, path } = v;
      const pages = el.kind === "password" ? [el.page, `${el.page}-value`, `${el.page}-plaintext`] : [el.page];
      const phrases = new Set<string>();
      for (const pg of pages) {
        const p = ref.pages.get(pg);
        if (!p) continue;
        const text = emptySearchText(p);
        for (const ph of EMPTY_PHRASES) if (ph.re.test(text)) phrases.add(ph.what);
      }
      if (!phrases.size) continue;
      if (r.hits.some((h) => h.page === el.page)) continue; // the same page under two parents is reviewed once
      r.hits.push({ page: el.page, path, phrases: [...phrases] });
      const review = reviewed.get(el.page);
      if (!review) {
        r.problems.push(`${path} (${el.page}): the page mentions ${[...phrases].join(", ")}; review it in tools/catalog/empty.ts`);
        continue;
      }
      used.add(el.page);
      if (review.notEmpty) {
        r.rejected.push({ path, page: el.page, reason: review.notEmpty });
        continue;
      }
      const meaning = review.meaning!;
      if (el.kind === "value") {
        if (el.allowEmpty === false) r.problems.push(`${path}: an override forbids empty, the empty review gives it a meaning`);
        el.allowEmpty = true;
        el.emptyMeaning = meaning;
        resummarize(v);
      } else if (el.kind === "password") el.emptyMeaning = meaning;
      else {
        r.problems.push(`${path}: empty meaning reviewed for a ${el.kind}; only values and passwords can be empty`);
        continue;
      }
      r.applied.push({ path, page: el.page, meaning });
    }
  for (const x of EMPTY_REVIEWED) if (!used.has(x.page)) r.problems.push(`empty review ${x.page} matches no page with an empty-value phrase`);
  return r;
}

// ------------------------------------------------------------------ key forms

export interface KeyReport {
  forms: { path: string; key: string; min?: number; max?: number; width?: number; basis: string }[];
  problems: string[];
}

const DIGIT_WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6 };

/** "a three-digit integer between 001 and 199" -> { width: 3, min: 1, max: 199 }. */
export function digitForm(text: string): { width: number; min: number; max: number } | undefined {
  const m = /\b(one|two|three|four|five|six|\d)-digit (?:integer|number)s?\b[^.]*?\b(?:between|from)\s+(\d+)\s+(?:and|to|through)\s+(\d+)/i.exec(
    text,
  );
  if (!m) return undefined;
  const width = DIGIT_WORDS[m[1].toLowerCase()] ?? Number(m[1]);
  return { width, min: Number(m[2]), max: Number(m[3]) };
}

function accepts(type: ValueType, text: string): boolean {
  switch (type.kind) {
    case "integer":
      return /^\d+$/.test(text) && (type.min === undefined || Number(text) >= type.min) && (type.max === undefined || Number(text) <= type.max);
    case "string":
      return (
        (type.pattern === undefined || new RegExp(`^(?:${type.pattern})$`).test(text)) &&
        (type.maxLength === undefined || text.length <= type.maxLength)
      );
    case "enum":
      return type.values.includes(text);
    case "boolean":
      return text === "true" || text === "false";
  }
}

export function keyForms(components: CatalogComponent[], ref: Reference): KeyReport {
  const r: KeyReport = { forms: [], problems: [] };
  for (const c of components)
    for (const v of walkComponent(c)) {
      const { el, path } = v;
      if (el.kind !== "item" || el.key?.kind !== "child" || !el.children) continue;
      const key = el.key as Extract<ListKey, { kind: "child" }>;
      const child = el.children.find((k) => k.name === key.name);
      if (!child || child.kind !== "value") continue;
      const p = ref.pages.get(child.page);
      const form = p ? digitForm(emptySearchText(p)) : undefined;
      let basis: string;
      if (form) {
        Object.assign(key, { min: form.min, max: form.max, width: form.width });
        basis = `${child.name} page: ${form.width}-digit number from ${form.min} to ${form.max}`;
        // The key's value type must accept exactly the padded forms.
        const pad = (n: number) => String(n).padStart(form.width, "0");
        for (let n = form.min; n <= form.max; n++) {
          if (!accepts(child.type, pad(n))) r.problems.push(`${path}: key ${pad(n)} (documented form) is refused by the type of ${child.name}`);
          if (pad(n) !== String(n) && accepts(child.type, String(n)))
            r.problems.push(`${path}: unpadded key ${n} is accepted by the type of ${child.name}`);
        }
        if (String(form.max).length > form.width) r.problems.push(`${path}: maximum ${form.max} does not fit in ${form.width} digits`);
      } else if (child.type.kind === "integer" && (child.type.min !== undefined || child.type.max !== undefined)) {
        if (child.type.min !== undefined) key.min = child.type.min;
        if (child.type.max !== undefined) key.max = child.type.max;
        basis = `${child.name} is an integer${child.type.min !== undefined ? ` from ${child.type.min}` : ""}${child.type.max !== undefined ? ` to ${child.type.max}` : ""}`;
      } else continue;
      // Key fields in a fixed order, so the JSON is the same whatever set them.
      el.key = {
        kind: "child",
        name: key.name,
        ...(key.min !== undefined ? { min: key.min } : {}),
        ...(key.max !== undefined ? { max: key.max } : {}),
        ...(key.width !== undefined ? { width: key.width } : {}),
      };
      r.forms.push({ path, key: key.name, min: key.min, max: key.max, width: key.width, basis });
    }
  return r;
}

// ------------------------------------------------------------------ component spellings

export interface NamesReport {
  spellings: { page: string; name: string; chosenFrom: string; variants: string[]; reference: Record<string, number> }[];
  problems: string[];
}

/** Case spellings of a component name in the reference's text (link targets and all-lower-case stems left out), with counts. */
export function referenceSpellings(ref: Reference, name: string): Record<string, number> {
  const re = new RegExp(`(?<![A-Za-z0-9-])${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![A-Za-z0-9-])`, "gi");
  const counts: Record<string, number> = {};
  for (const p of [...ref.pages.values()].sort((a, b) => (a.page < b.page ? -1 : 1))) {
    const text = p.raw
      .replace(/\]\([^)]*\)/g, "]")
      .replace(/\b(?:href|data-raw-source|src)="[^"]*"/g, "")
      .replace(/^---[\s\S]*?---/, (fm) => fm.replace(/^(?:ms\.|MSHAttr|author|description).*$/gm, ""));
    for (const m of text.matchAll(re)) if (m[0] !== m[0].toLowerCase()) counts[m[0]] = (counts[m[0]] ?? 0) + 1;
  }
  for (const e of ref.toc) for (const m of e.text.matchAll(re)) if (m[0] !== m[0].toLowerCase()) counts[m[0]] = (counts[m[0]] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Applies NAME_REVIEWS to the component nodes (before classification, so summaries use the final names). */
export function applyNames(components: Node[], ref: Reference): NamesReport & { variants: Map<string, string[]> } {
  const r: NamesReport & { variants: Map<string, string[]> } = { spellings: [], problems: [], variants: new Map() };
  const byPage = new Map(NAME_REVIEWS.map((x) => [x.page, x]));
  const used = new Set<string>();
  for (const c of components) {
    const counts = referenceSpellings(ref, c.name);
    const review = byPage.get(c.page);
    const seen = new Set(Object.keys(counts));
    if (!review) {
      const others = [...seen].filter((s) => s !== c.name);
      if (others.length)
        r.problems.push(`component ${c.page}: the reference also spells it ${others.join(", ")}; review the spelling in tools/catalog/names.ts`);
      continue;
    }
    used.add(c.page);
    if (review.spelling.toLowerCase() !== c.name.toLowerCase()) {
      r.problems.push(`component ${c.page}: reviewed spelling ${review.spelling} is not a case variant of ${c.name}`);
      continue;
    }
    const from = c.name;
    c.name = review.spelling;
    for (const v of review.variants)
      if (v.toLowerCase() !== c.name.toLowerCase() || v === c.name)
        r.problems.push(`component ${c.page}: variant ${v} is not a case-only variant of ${c.name}`);
    for (const s of seen)
      if (s !== c.name && !review.variants.includes(s))
        r.problems.push(`component ${c.page}: the reference spells it ${s}, which the review does not list`);
    const variants = [...new Set(review.variants)].sort();
    r.variants.set(c.page, variants);
    r.spellings.push({ page: c.page, name: c.name, chosenFrom: from, variants, reference: counts });
  }
  for (const x of NAME_REVIEWS) if (!used.has(x.page)) r.problems.push(`name review ${x.page} matches no component`);
  return r;
}
