/**
 * Catalog generator: reads Microsoft's Unattended Windows Setup Reference
 * (Markdown, CC BY 4.0) and writes components/catalog/catalog.json.
 *
 *   node build/tools/catalog/generate.js [--reference DIR] [--out FILE] [--check] [--verbose]
 *
 * --reference  the reference folder (default: ../shared/unattend-reference from the repo root)
 * --out        where to write (default: components/catalog/catalog.json)
 * --check      do not write; exit 1 if the file on disk differs from what would be written
 * --verbose    also print every cross-check note (parent votes, name spellings, ignored text)
 *
 * Same input gives the same bytes. Hand corrections live in overrides.ts.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { PASSES, type Catalog, type CatalogComponent, type Element, type Pass } from "../../components/catalog/types";
import { extractTables, readReference } from "./parse";
import { buildTree, buildXmlIndex, childTableLinks, type Log } from "./model";
import { classify, isDeprecated, type Ctx, type PasswordCheck } from "./classify";
import { OVERRIDES, type Override } from "./overrides";
import { summarizeComponent } from "./summary";
import { checkCatalog, compareNames } from "./check";
import { renderFacts, withFacts, type Facts } from "./docs";
import { applyNames, keyForms, markEmpty, markSecrets } from "./enrich";

export const SOURCE =
  "Facts derived from Microsoft's Unattended Windows Setup Reference (2018 snapshot, CC BY 4.0): " +
  "https://learn.microsoft.com/en-us/windows-hardware/customize/desktop/unattend/";

export interface GenerateResult {
  catalog: Catalog;
  json: string;
  warnings: string[];
  checks: string[];
  overrideLines: string[];
  unappliedOverrides: Override[];
  passwordChecks: PasswordCheck[];
  unclassified: string[];
  stats: Stats;
  /** Problems found by the structural self-check; the CLI refuses to write when non-empty. */
  selfCheck: string[];
  /** Reviewed facts (secrets, empty values, key forms, spellings) and their reports. */
  facts: Facts;
}

export interface Stats {
  components: number;
  elements: number;
  topLevel: number;
  kinds: Record<string, number>;
  valueTypes: Record<string, number>;
  passesTopLevel: Record<string, number>;
  passesComponents: Record<string, number>;
  deprecated: number;
  valueBasis: Record<string, number>;
}

export function repoRoot(): string {
  let d = __dirname;
  for (;;) {
    const pj = path.join(d, "package.json");
    if (fs.existsSync(pj)) {
      try {
        if ((JSON.parse(fs.readFileSync(pj, "utf8")) as { name?: string }).name === "pulumi-unattend") return d;
      } catch {
        /* keep looking */
      }
    }
    const up = path.dirname(d);
    if (up === d) return process.cwd();
    d = up;
  }
}

export function defaultReferenceDir(): string {
  return path.resolve(repoRoot(), "..", "shared", "unattend-reference");
}

export function defaultOutFile(): string {
  return path.join(repoRoot(), "components", "catalog", "catalog.json");
}

/** components/catalog/README.md, whose facts section is generated with the catalog. */
export function defaultReadmeFile(): string {
  return path.join(repoRoot(), "components", "catalog", "README.md");
}

/** The catalog README as it should be: the current file with its facts section regenerated. */
export function expectedReadme(r: GenerateResult, current: string): string {
  return withFacts(current, renderFacts(r.facts));
}

function walk(e: Element, f: (e: Element) => void) {
  f(e);
  if (e.kind === "container") e.children.forEach((c) => walk(c, f));
  if (e.kind === "list") walk(e.item, f);
  if (e.kind === "item" && e.children) e.children.forEach((c) => walk(c, f));
}

export function generate(referenceDir: string, overrides: Override[] = OVERRIDES): GenerateResult {
  const warnings: string[] = [];
  const checks: string[] = [];
  const log: Log = { warn: (m) => warnings.push(m), check: (m) => checks.push(m) };
  for (const o of overrides) if (!o.reason || !o.reason.trim()) throw new Error(`override for ${o.page} has no reason`);

  const ref = readReference(referenceDir);
  const ix = buildXmlIndex(ref);
  const applied = new Set<Override>();
  const tree = buildTree(ref, ix, overrides, log, applied);
  const names = applyNames(tree.components, ref);
  const ctx: Ctx = {
    ix,
    log,
    overrides,
    applied,
    passwordChecks: [],
    unclassified: [],
    valueBasis: new Map(),
    overrideLines: [],
    listedDeprecated: new Set(),
  };
  for (const o of overrides) {
    if (o.parent) ctx.overrideLines.push(`${o.page}: parent -> ${o.parent} — ${o.reason}`);
    if (o.exclude) ctx.overrideLines.push(`${o.page}: excluded — ${o.reason}`);
    if (o.name) ctx.overrideLines.push(`${o.page}: name -> ${o.name} — ${o.reason}`);
  }

  // Settings listed (first column of a table) under "Deprecated" / "Removed" headings of the changed-settings pages.
  for (const [page, p] of ref.pages) {
    if (!page.startsWith("changed-answer-file-settings")) continue;
    const chunks = p.raw.split(/^(?=#{2,4}\s)/m);
    for (const chunk of chunks) {
      const heading = /^#{2,4}\s+(.*)$/m.exec(chunk)?.[1] ?? "";
      if (!/deprecated|removed/i.test(heading)) continue;
      // Only cells that are exactly one link (not "component\\Sub\\Setting" paths that merely link the component).
      for (const t of extractTables(chunk))
        for (const r of t.rows) {
          const links = r[0]?.links ?? [];
          if (links.length === 1 && links[0].page && links[0].text.trim() === r[0].text.trim()) ctx.listedDeprecated.add(links[0].page);
        }
    }
  }
  // Deprecated components, from the Components page's "Deprecated and removed" table.
  const deprecatedComponents = new Set<string>();
  const listPage = ref.pages.get("components-b-unattend");
  for (const s of listPage?.sections ?? [])
    if (/deprecated|removed/i.test(s.heading))
      for (const t of s.tables) for (const r of t.rows) for (const l of r[0]?.links ?? []) if (l.page) deprecatedComponents.add(l.page);

  const components: CatalogComponent[] = [];
  for (const c of tree.components) {
    if (!c.children.length) {
      log.warn(`component ${c.name} has no settings; left out`);
      continue;
    }
    const descs = new Map(childTableLinks(c.p).map((l) => [l.page, l.desc]));
    const settings = c.children.map((n) => classify(n, undefined, descs, ctx));
    const union = new Set<Pass>();
    for (const s of settings) (s.passes ?? []).forEach((p) => union.add(p));
    const deprecated = deprecatedComponents.has(c.page) || ctx.listedDeprecated.has(c.page) || isDeprecated(c, undefined).yes;
    const comp: Omit<CatalogComponent, "summary"> = {
      name: c.name,
      page: c.page,
      passes: PASSES.filter((p) => union.has(p)),
      ...(deprecated ? { deprecated: true as const } : {}),
      settings,
    };
    const o = overrides.find((x) => x.page === c.page && x.deprecated !== undefined);
    if (o) {
      applied.add(o);
      if (o.deprecated) (comp as { deprecated?: true }).deprecated = true;
      else delete (comp as { deprecated?: true }).deprecated;
      ctx.overrideLines.push(`${c.page}: deprecated -> ${o.deprecated} — ${o.reason}`);
    }
    const caseVariants = names.variants.get(c.page);
    components.push({
      name: comp.name,
      page: comp.page,
      summary: summarizeComponent(comp),
      passes: comp.passes,
      ...(comp.deprecated ? { deprecated: true } : {}),
      ...(caseVariants?.length ? { caseVariants } : {}),
      settings,
    });
  }
  components.sort((a, b) => compareNames(a.name, b.name));
  const secrets = markSecrets(components, ref);
  const empty = markEmpty(components, ref);
  const keys = keyForms(components, ref);
  const facts: Facts = {
    secrets,
    empty,
    keys,
    names: { spellings: names.spellings, problems: names.problems },
    problems: [...names.problems, ...secrets.problems, ...empty.problems, ...keys.problems],
  };
  const catalog: Catalog = { source: SOURCE, components };
  const json = `${JSON.stringify(catalog, null, 2)}\n`;

  // ---- self-check on the serialized form
  const selfCheck = checkCatalog(JSON.parse(json), { pages: new Set(ref.pages.keys()) }).errors;

  // ---- stats
  const stats: Stats = {
    components: components.length,
    elements: 0,
    topLevel: 0,
    kinds: { value: 0, container: 0, list: 0, item: 0, password: 0 },
    valueTypes: { boolean: 0, integer: 0, enum: 0, string: 0 },
    passesTopLevel: Object.fromEntries(PASSES.map((p) => [p, 0])),
    passesComponents: Object.fromEntries(PASSES.map((p) => [p, 0])),
    deprecated: 0,
    valueBasis: Object.fromEntries([...ctx.valueBasis].sort()),
  };
  for (const c of components) {
    c.passes.forEach((p) => stats.passesComponents[p]++);
    for (const s of c.settings) {
      stats.topLevel++;
      (s.passes ?? []).forEach((p) => stats.passesTopLevel[p]++);
      walk(s, (e) => {
        stats.elements++;
        stats.kinds[e.kind]++;
        if (e.deprecated) stats.deprecated++;
        if (e.kind === "value" || (e.kind === "item" && e.type)) stats.valueTypes[(e.kind === "value" ? e.type : e.type!).kind]++;
      });
    }
  }
  const unappliedOverrides = overrides.filter((o) => !applied.has(o));
  return {
    catalog,
    json,
    warnings,
    checks,
    overrideLines: ctx.overrideLines,
    unappliedOverrides,
    passwordChecks: ctx.passwordChecks,
    unclassified: ctx.unclassified,
    stats,
    selfCheck,
    facts,
  };
}

export function formatReport(r: GenerateResult, verbose: boolean): string {
  const s = r.stats;
  const out: string[] = [];
  const row = (o: Record<string, number>) =>
    Object.entries(o)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ");
  out.push(`components: ${s.components}`);
  out.push(`settings (all elements): ${s.elements} (top-level ${s.topLevel}, deprecated ${s.deprecated})`);
  out.push(`per kind: ${row(s.kinds)}`);
  out.push(`per value type (values and text items): ${row(s.valueTypes)}`);
  out.push(`value types found from: ${row(s.valueBasis)}`);
  out.push(`top-level settings per pass: ${row(s.passesTopLevel)}`);
  out.push(`components per pass: ${row(s.passesComponents)}`);
  out.push("");
  out.push(`hand corrections applied (${r.overrideLines.length}):`);
  for (const l of r.overrideLines) out.push(`  ${l}`);
  for (const o of r.unappliedOverrides) out.push(`  WARNING unused override ${o.page} — ${o.reason}`);
  out.push("");
  const pw = r.passwordChecks;
  out.push(
    `password suffix checks: ${pw.filter((p) => p.result === "ok").length} ok, ${pw.filter((p) => p.result === "mismatch").length} disagree, ${pw.filter((p) => p.result === "no-example").length} without an obfuscated example`,
  );
  for (const p of pw) out.push(`  ${p.result.padEnd(10)} ${p.page} (suffix ${p.suffix}): ${p.detail}`);
  out.push("");
  const f = r.facts;
  out.push(`credentials (sensitive, by rule): ${f.secrets.credentials.length}`);
  for (const c of f.secrets.credentials) out.push(`  ${c.path} — ${c.why}`);
  out.push(`confidential candidates (reviewed): ${f.secrets.confidential.length}; reviewed as not secret: ${f.secrets.notSecret.length}`);
  for (const c of f.secrets.confidential) out.push(`  ${c.path} (${c.where})`);
  out.push(
    `documented empty values: ${f.empty.applied.length} (pages with an empty-value phrase: ${f.empty.hits.length}, rejected: ${f.empty.rejected.length})`,
  );
  for (const e of f.empty.applied) out.push(`  ${e.path}: ${e.meaning}`);
  out.push(`list keys with a documented form: ${f.keys.forms.length}`);
  for (const k of f.keys.forms) out.push(`  ${k.path} by ${k.key}: ${k.basis}`);
  out.push(`component spellings reviewed: ${f.names.spellings.length}`);
  for (const n of f.names.spellings)
    out.push(`  ${n.name}${n.chosenFrom !== n.name ? ` (generator picked ${n.chosenFrom})` : ""}; variants ${n.variants.join(", ")}`);
  out.push(`review problems (${f.problems.length}):`);
  for (const p of f.problems) out.push(`  PROBLEM ${p}`);
  out.push("");
  out.push(`could not classify (${r.unclassified.length}):`);
  for (const u of r.unclassified) out.push(`  ${u}`);
  out.push("");
  out.push(`warnings (${r.warnings.length}):`);
  for (const w of r.warnings) out.push(`  ${w}`);
  out.push("");
  if (verbose) {
    out.push(`cross-checks (${r.checks.length}):`);
    for (const c of r.checks) out.push(`  ${c}`);
  } else out.push(`cross-checks: ${r.checks.length} notes (run with --verbose to list them)`);
  return out.join("\n");
}

function main(argv: string[]) {
  let reference = defaultReferenceDir();
  let outFile = defaultOutFile();
  let check = false;
  let verbose = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--reference") reference = path.resolve(argv[++i] ?? "");
    else if (a.startsWith("--reference=")) reference = path.resolve(a.slice(12));
    else if (a === "--out") outFile = path.resolve(argv[++i] ?? "");
    else if (a === "--check") check = true;
    else if (a === "--verbose") verbose = true;
    else if (a === "--help" || a === "-h") {
      console.log("usage: node build/tools/catalog/generate.js [--reference DIR] [--out FILE] [--check] [--verbose]");
      return;
    } else throw new Error(`unknown argument ${a}`);
  }
  if (!fs.existsSync(reference)) throw new Error(`reference folder not found: ${reference} (use --reference DIR)`);
  const r = generate(reference);
  console.log(formatReport(r, verbose));
  if (r.selfCheck.length) {
    const dump = process.env.CATALOG_DEBUG_OUT;
    if (dump) fs.writeFileSync(dump, r.json);
    throw new Error(`\ncatalog self-check failed (${r.selfCheck.length} problems); nothing written:\n  ${r.selfCheck.join("\n  ")}`);
  }
  console.log("\nself-check: catalog conforms to components/catalog/types.ts");
  if (r.facts.problems.length) {
    throw new Error(`\n${r.facts.problems.length} review problems (see above): update the reviews in tools/catalog/; nothing written`);
  }
  const readmeFile = defaultReadmeFile();
  const readmeNow = fs.readFileSync(readmeFile, "utf8");
  const readme = expectedReadme(r, readmeNow);
  if (check) {
    const cur = fs.existsSync(outFile) ? fs.readFileSync(outFile, "utf8") : "";
    for (const [file, now, want] of [
      [outFile, cur, r.json],
      [readmeFile, readmeNow, readme],
    ]) {
      if (now !== want) {
        console.error(`\n${path.relative(process.cwd(), file)} is out of date; regenerate it.`);
        process.exitCode = 1;
      } else console.log(`\n${path.relative(process.cwd(), file)} is up to date.`);
    }
    return;
  }
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, r.json);
  console.log(`\nwrote ${path.relative(process.cwd(), outFile)} (${r.json.length} bytes)`);
  if (readme !== readmeNow) {
    fs.writeFileSync(readmeFile, readme);
    console.log(`wrote ${path.relative(process.cwd(), readmeFile)}`);
  }
}

if (require.main === module) {
  try {
    main(process.argv.slice(2));
  } catch (e) {
    console.error((e as Error).message);
    process.exitCode = 1;
  }
}
