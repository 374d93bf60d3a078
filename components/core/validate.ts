/**
 * Normalised tree -> diagnostics. Pure: reads the catalog, never throws, and
 * reports every problem (not the first only), each with the path of the
 * offending input, what is wrong and what would be valid. Messages never
 * quote the text of a credential.
 */
import {
  ARCHITECTURES,
  PASSES,
  childElements,
  componentNames,
  findComponent,
  findUnlisted,
  unlistedOf,
  pageUrl,
  placesOf,
  type CatalogComponent,
  type Element,
  type Pass,
  type SettingPlace,
  type ValueType,
} from "../catalog";
import { HIDDEN } from "./confidential";
import { diagnostic, formatPath, pathKey, wrongShape, type Diagnostic, type DiagnosticCode, type DiagnosticPath } from "./diagnostics";
import { inspectExtra } from "./extras";
import type { ComponentNode, NormalDocument, SettingNode } from "./model";
import { CHILDREN_KEY } from "./normalize";
import { WCM_ACTIONS } from "./names";
import { didYouMean, listOf } from "./suggest";
import { checkRules, type RuleOptions } from "./rules";
import { placeholderInside, wholePlaceholder } from "./templates";
import { append, describe, isPlainObject, quoteText } from "./values";
import { codePointCount, isXmlName, isXmlWhitespace, trimXmlWhitespace, xmlTextProblem } from "./xml/text";

/** Integer ranges up to this size are listed value by value in messages. */
const LIST_RANGE_UP_TO = 10;

export function validateDocument(doc: NormalDocument, options: RuleOptions = {}): Diagnostic[] {
  const out: Diagnostic[] = [...doc.diagnostics];
  validateArchitectures(doc.architectures, out);
  validateExtras(doc.extras, out);
  validateNotEmpty(doc, out);
  validateComponents(doc.components, out);
  // the settings one by one are checked; now how they go together (components/core/rules)
  out.push(...checkRules(doc, options));
  return out;
}

/** Each extra is one well-formed element, placed where the schema puts it, with one <servicing> at most. */
function validateExtras(extras: NormalDocument["extras"], out: Diagnostic[]) {
  let servicing: DiagnosticPath | undefined;
  for (const e of extras) {
    const info = inspectExtra(e.xml);
    if (info.problem) {
      out.push(
        diagnostic(
          "error",
          "invalid-extra",
          e.path,
          `Not one well-formed XML element: ${info.problem}. Give a single element that declares the namespace prefixes it uses.`,
        ),
      );
      continue;
    }
    if (info.placement === "before") {
      if (servicing) {
        out.push(
          diagnostic(
            "error",
            "invalid-extra",
            e.path,
            `A second <servicing> element (the first is ${formatPath(servicing)}); an answer file has at most one.`,
          ),
        );
      }
      servicing ??= e.path;
    }
    if (e.placement !== undefined && e.placement !== info.placement) {
      out.push(
        diagnostic(
          "error",
          "invalid-extra",
          e.path.concat(["placement"]),
          `<${info.name}> goes ${info.placement} the <settings> elements (the answer-file schema puts <servicing> first and elements of other namespaces last); leave placement out or write "${info.placement}".`,
        ),
      );
    }
    if (info.misplaced) {
      out.push(
        diagnostic(
          "warning",
          "extra-element",
          e.path,
          `<${info.name}> is in the answer-file namespace, where only <servicing> and <settings> may stand: Windows Setup ignores it. It is written after the <settings> elements, as given.`,
        ),
      );
    }
  }
}

/** A document with no settings, no extras and no other error about its settings. */
function validateNotEmpty(doc: NormalDocument, out: Diagnostic[]) {
  if (doc.components.length === 0 && doc.extras.length === 0 && !out.some((d) => d.path.length === 1 && d.path[0] === "settings")) {
    out.push(
      diagnostic(
        "error",
        "empty-document",
        ["settings"],
        `The answer file has no settings. Add at least one, e.g. settings.generalize["Microsoft-Windows-WorkstationService"].AllowInsecureGuestAuth = 0.`,
      ),
    );
  }
}

/** Each component once per pass and architecture, then its settings (once for all architectures that share them). */
function validateComponents(components: ComponentNode[], out: Diagnostic[]) {
  const firstOf = firstDeclarations(components);
  // a shared component's copies (one per architecture) share its path: with one architecture there are none
  const validated = components.some((c) => c.architecture !== components[0].architecture) ? new Set<DiagnosticPath>() : undefined;
  for (const c of components) {
    const first = firstOf.get(c);
    if (first) {
      const where = pathKey(first.path) === pathKey(c.path) ? "" : ` (also at ${formatPath(first.path)})`;
      const spelling =
        first.name === c.name ? "" : ` ("${first.name}" and "${c.name}" are one component: Windows matches component names without regard to case)`;
      out.push(
        diagnostic(
          "error",
          "duplicate-component",
          c.path,
          `Component "${c.name}" is declared twice in pass ${c.pass} for architecture ${c.architecture}${where}${spelling}; Windows Setup rejects duplicated components. Declare it in one place, with one spelling: settings for every architecture, or perArchitecture (with unvalidatedPerArchitecture) for each.`,
        ),
      );
      continue;
    }
    // The same settings are repeated once per architecture: check them once.
    if (validated) {
      if (validated.has(c.path)) continue;
      validated.add(c.path);
    }
    validateComponent(c, out);
  }
}

/**
 * Each component declared again (the same pass and architecture, and the same name whatever its case: Windows
 * matches component names without regard to case), with the one declared first.
 */
function firstDeclarations(components: ComponentNode[]): Map<ComponentNode, ComponentNode> {
  const out = new Map<ComponentNode, ComponentNode>();
  if (components.length < 2) return out;
  const lower = components.map((c) => c.name.toLowerCase());
  const repeats = repeatsOf(
    Int32Array.from(components.keys()),
    (i, j) =>
      compareText(components[i].pass, components[j].pass) ||
      compareText(lower[i], lower[j]) ||
      compareText(components[i].architecture, components[j].architecture),
  );
  for (const [i, first] of repeats) out.set(components[i], components[first]);
  return out;
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Each of `indices` equal (by `compare`) to one before it, with the first of them: found by sorting the indices
 * (by `compare`, then by index), so that only the repeats are kept. A key kept for each component weighed 0.4x
 * a file of 16 MiB; a map of every key of a list of 100,000 items, and the copies it made as it grew, 10 MB,
 * moved to V8's old generation before the list was done (BENCHMARKS.md, rounds 6 and 8).
 */
function repeatsOf(indices: Int32Array, compare: (i: number, j: number) => number): Map<number, number> {
  indices.sort((i, j) => compare(i, j) || i - j);
  const out = new Map<number, number>();
  for (let k = 1, first = indices[0]; k < indices.length; k++) {
    const i = indices[k];
    if (compare(i, first) === 0) out.set(i, first);
    else first = i;
  }
  return out;
}

function validateArchitectures(architectures: string[], out: Diagnostic[]) {
  if (architectures.length === 0) {
    out.push(
      diagnostic("error", "empty-architectures", ["architectures"], `No architecture given. Valid: ${listOf(ARCHITECTURES)} (default ["amd64"]).`),
    );
  }
  const seen = new Set<string>();
  for (const a of architectures) {
    if (!(ARCHITECTURES as readonly string[]).includes(a)) {
      out.push(
        diagnostic(
          "error",
          "unknown-architecture",
          ["architectures"],
          `Unknown architecture "${a}". Valid: ${listOf(ARCHITECTURES)}.${didYouMean(a, ARCHITECTURES)}`,
        ),
      );
    } else if (seen.has(a)) {
      out.push(
        diagnostic(
          "error",
          "duplicate-architecture",
          ["architectures"],
          `Architecture "${a}" is listed more than once; each architecture gets one <component>, so list it once.`,
        ),
      );
    }
    seen.add(a);
  }
}

function validateComponent(c: ComponentNode, out: Diagnostic[]) {
  if (!(PASSES as readonly string[]).includes(c.pass)) {
    out.push(
      diagnostic(
        "error",
        "unknown-pass",
        c.path.slice(0, -1),
        `Unknown configuration pass "${c.pass}". Valid: ${listOf(PASSES)}.${didYouMean(c.pass, PASSES)}`,
      ),
    );
    return;
  }
  const documented = c.unvalidated ? findComponent(c.name) : undefined;
  // read once: an unvalidated component makes its settings each time they are read (normalize's LAZY_SETTINGS)
  const settings = c.settings;
  if (documented) {
    // a documented component given only through unvalidated: each element is said to be unvalidated, or misplaced
    validateChildren(documented, settings, c.pass, out, true);
    return;
  }
  if (c.unvalidated) {
    const problem = xmlTextProblem(c.name);
    if (problem) out.push(diagnostic("error", "invalid-name", c.path, `The component name ${problem}.`));
    // Setup (and parseUnattend) read no <component> without a name
    else if (isXmlWhitespace(c.name)) {
      out.push(
        diagnostic(
          "error",
          "invalid-name",
          c.path,
          `A component needs a name, got ${quoteText(c.name)}: give the component's name, e.g. "Contoso-Agent".`,
        ),
      );
    }
    const note = unlistedNote(c.name, [], settings) || didYouMean(c.name, componentNames(), { anyCase: true });
    out.push(unvalidatedWarning(c.path, `component "${c.name}"`, note));
    validateUnvalidated(settings, out);
    return;
  }
  if (!c.def) {
    const hint = didYouMean(c.name, componentNames());
    out.push(diagnostic("error", "unknown-component", c.path, `Unknown component "${c.name}".${hint || " See the component list in the README."}`));
    return;
  }
  if (c.def.name !== c.name) {
    out.push(
      diagnostic(
        "warning",
        "name-case",
        c.path,
        `Component "${c.name}" is written "${c.def.name}" by Windows System Image Manager${(c.def.caseVariants ?? []).includes(c.name) ? " (real files use both)" : ""}; Windows matches component names without regard to case, so it is validated as "${c.def.name}" and written as given.`,
      ),
    );
  }
  if (c.def.deprecated) {
    out.push(diagnostic("warning", "deprecated", c.path, `Component "${c.name}" is deprecated. See ${pageUrl(c.def.page)}.`));
  }
  if (settings.length === 0) {
    out.push(diagnostic("warning", "empty-component", c.path, `Component "${c.name}" has no settings; it will be written as an empty <component>.`));
  }
  validateChildren(c.def, settings, c.pass, out, true);
}

/** Content given through `unvalidated`: not checked against the catalog, but it must be writable. */
function validateUnvalidated(nodes: SettingNode[], out: Diagnostic[]) {
  const stack = [...nodes];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (!isXmlName(n.name)) {
      out.push(
        diagnostic(
          "error",
          "invalid-name",
          repeatedPath(n),
          `${JSON.stringify(n.name.length > 60 ? n.name.slice(0, 60) + "..." : n.name)} cannot be an XML element name: a name starts with a letter or "_", holds letters, digits, ".", "-" and "_", and has no ":" prefix.`,
        ),
      );
    }
    checkAttributes(n, out);
    if (n.text !== undefined) checkText(n, n.text, out);
    if (n.children) append(stack, n.children);
  }
}

/** `wcm:action` and `wcm:keyValue` of a node. */
function checkAttributes(n: SettingNode, out: Diagnostic[]) {
  if (n.action !== undefined && !(WCM_ACTIONS as readonly string[]).includes(n.action)) {
    out.push(
      diagnostic(
        "error",
        "invalid-action",
        n.path,
        `wcm:action ${JSON.stringify(n.action.slice(0, 40))} is not one Windows System Image Manager writes. Valid: ${listOf(WCM_ACTIONS)}.${didYouMean(n.action, WCM_ACTIONS)}`,
      ),
    );
  }
  if (n.keyValue !== undefined) {
    const problem = xmlTextProblem(n.keyValue);
    if (problem) out.push(diagnostic("error", "invalid-text", n.path, `The wcm:keyValue ${problem}.`));
  }
}

/** Text that XML cannot hold. */
function checkText(n: SettingNode, text: string, out: Diagnostic[]): boolean {
  const problem = xmlTextProblem(text);
  if (!problem) return true;
  out.push(
    diagnostic(
      "error",
      "invalid-text",
      n.path,
      `The value of "${n.name}" ${problem}. Remove that character (a file cannot carry it, not even as &#...;).`,
    ),
  );
  return false;
}

function validateChildren(parent: CatalogComponent | Element, nodes: SettingNode[], pass: string, out: Diagnostic[], topLevel: boolean) {
  const warned = new Set<string>();
  const unvalidated: SettingNode[] = [];
  let validatedNames: Set<string> | undefined; // needed only beside unvalidated elements
  for (const n of nodes) {
    if (n.unvalidated) {
      validatedNames ??= new Set(nodes.filter((x) => !x.unvalidated && x.def?.kind !== "item").map((x) => x.name));
      // one warning per element name (an array gives several same-named elements)
      if (!warned.has(n.name)) {
        warned.add(n.name);
        const path = repeatedPath(n);
        if (validatedNames.has(n.name)) {
          out.push(
            diagnostic(
              "error",
              "duplicate-element",
              path,
              `<${n.name}> is given both in the validated settings and under unvalidated, so it would be written twice; give the whole <${n.name}> in one place (under unvalidated if it holds settings the catalog lacks).`,
            ),
          );
        }
        const at = componentOf(path);
        const misplaced = at && misplacement(parent, n.name, at, pass, path);
        if (misplaced) out.push(misplaced);
        else {
          // known from real files: said so; else the documented name it may be a misspelling of
          const note =
            (at && unlistedNote(at.component, at.rel.slice(0, -1), [n])) ||
            didYouMean(
              n.name,
              childElements(parent).map((e) => e.name),
            );
          out.push(unvalidatedWarning(path, `"${n.name}"`, note));
        }
      }
      unvalidated.push(n);
      continue;
    }
    if (n.nil || n.reported) continue;
    if (!n.def) {
      const names = childElements(parent).map((e) => e.name);
      const where = "settings" in parent ? `component "${parent.name}"` : `"${parent.name}"`;
      const hint = didYouMean(n.name, names);
      const at = componentOf(n.path);
      const unlisted = at && findUnlisted(at.component, at.rel);
      const misplaced = at && !unlisted && misplacement(parent, n.name, at, pass, n.path);
      if (misplaced) {
        out.push(misplaced);
        continue;
      }
      out.push(
        diagnostic(
          "error",
          "unknown-setting",
          n.path,
          unlisted
            ? `"${n.name}" is not in the 2018 reference the catalog is built from (it is known from real files for ${unlisted.knownFor}); give it under unvalidated (same pass and component) to write it without validation.`
            : `Unknown setting "${n.name}" in ${where}.${hint || (names.length ? ` Valid: ${listOf(names)}.` : "")}`,
        ),
      );
      continue;
    }
    validateNode(n, n.def, pass, out, topLevel);
  }
  validateUnvalidated(unvalidated, out);
  // repeated elements without a list wrapper: their keys must differ too
  for (const el of childElements(parent)) {
    if (el.kind === "item") checkDuplicateKeys(nodes, el, "name" in parent ? parent.name : "", out);
  }
}

function validateNode(n: SettingNode, def: Element, pass: string, out: Diagnostic[], topLevel: boolean) {
  if (def.passes && !def.passes.includes(pass as (typeof PASSES)[number])) {
    out.push(
      diagnostic(
        "error",
        "wrong-pass",
        n.path,
        `"${def.name}" is not valid in the ${pass} pass; it is valid only in ${listOf(def.passes)}. Move it to ${
          def.passes.length === 1 ? `settings.${def.passes[0]}` : "one of those passes"
        }.`,
      ),
    );
    if (topLevel) return; // the rest would only repeat the same mistake
  }
  if (def.deprecated) {
    out.push(diagnostic("warning", "deprecated", n.path, `"${def.name}" is deprecated. See ${pageUrl(def.page)}.`));
  }
  checkAttributes(n, out);
  switch (def.kind) {
    case "value":
      if (n.text === undefined) return shape(n, "a single value", out);
      return checkValue(n, def.type, def.allowEmpty ?? false, out);
    case "password": {
      if (!n.children) {
        return shape(n, `a password string or { Value: string, PlainText?: boolean }`, out);
      }
      const value = n.children[0];
      const plain = n.children[1];
      if (plain.text !== "true" && plain.text !== "false") {
        out.push(
          diagnostic(
            "error",
            "invalid-boolean",
            plain.path,
            `"PlainText" of "${def.name}" must be true or false, got ${quoteText(shorten(plain.text ?? ""))}; the password's <Value> is read as the password itself with true and as Windows' obfuscation with false. ${expectedValues({ kind: "boolean" })}.`,
          ),
        );
      }
      if (value.text === "") {
        out.push(diagnostic("warning", "empty-password", value.path, `"${def.name}" is empty: the account will have no password.`));
      } else if (value.text !== undefined && checkText(value, value.text, out)) {
        const whole = wholePlaceholder(value.text);
        if (whole !== undefined) placeholder(value, def.name, whole, true, out);
      }
      return;
    }
    case "container":
    case "item": {
      if (def.kind === "item" && def.type) {
        if (n.text === undefined) return shape(n, "a single value", out);
        // a value item may come in object form: { "wcm:keyValue": "5", value: ... }
        const raw = isPlainObject(n.raw) ? n.raw.value : n.raw;
        return checkValue(n, def.type, false, out, raw);
      }
      if (!n.children)
        return shape(
          n,
          `an object of settings (${listOf(
            childElements(def).map((e) => e.name),
            6,
          )})`,
          out,
        );
      validateChildren(def, n.children, pass, out, false);
      const keyChild = def.kind === "item" && def.key?.kind === "child" ? def.key.name : undefined;
      if (keyChild !== undefined && !n.children.some((c) => c.name === keyChild)) {
        out.push(diagnostic("error", "missing-key", n.path, `List item "${def.name}" needs its key "${keyChild}" to tell it apart from the others.`));
      }
      return;
    }
    case "list":
      if (!n.children) return shape(n, `an array of "${def.item.name}" items`, out);
      // its items, their keys, and elements kept as written beside them (from a file)
      validateChildren(def, n.children, pass, out, false);
      return;
  }
}

/**
 * An element kept as written inside a documented group, whose name the catalog documents in another place
 * (another component, another parent): Windows Setup stops on it, so it is an error naming where it
 * belongs. Undefined when the name is documented here (given under unvalidated on purpose), is a case
 * variant of a setting here, is known from real files here, or is documented nowhere (it may be newer than
 * the reference: a warning).
 */
function misplacement(
  parent: CatalogComponent | Element,
  name: string,
  at: { component: string; rel: string[] },
  pass: string,
  path: DiagnosticPath,
): Diagnostic | undefined {
  const lower = name.toLowerCase();
  if (childElements(parent).some((e) => e.name.toLowerCase() === lower)) return undefined;
  if (findUnlisted(at.component, at.rel)) return undefined;
  const places = placesOf(name);
  if (places.length === 0) return undefined;
  const parents = at.rel.slice(0, -1);
  const score = (p: SettingPlace) => {
    let s = p.component === at.component ? 8 : 0;
    if (s) for (let i = 0; i < parents.length && i < p.path.length - 1 && parents[i] === p.path[i]; i++) s += 2;
    if (p.passes.includes(pass as Pass)) s += 1;
    // a group of its own (OSImage) before a repeated one (DataImage), the reference before real files
    return s - (p.underItem ? 0.25 : 0) - (p.unlisted ? 0.5 : 0);
  };
  const ranked = places
    .map((p) => ({ p, s: score(p), key: `${p.component}/${p.path.join("/")}` }))
    .sort((a, b) => b.s - a.s || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const where = (p: SettingPlace) =>
    `${p.component}/${p.path.join("/")} (${p.passes.length === 1 ? `${p.passes[0]} pass` : `passes ${p.passes.join(", ")}`}${p.unlisted ? "; known from real files, not in the reference" : ""})`;
  const here = "settings" in parent ? `component "${parent.name}"` : `<${parent.name}> in component "${at.component}"`;
  const others = ranked.slice(1, 3).map((r) => where(r.p));
  const more = ranked.length > 3 ? ` and ${ranked.length - 3} more` : "";
  return diagnostic(
    "error",
    "misplaced-setting",
    path,
    `<${name}> is not a setting of ${here}: Windows Setup stops on it there. Did you mean ${where(ranked[0].p)}? It is documented there${
      others.length ? `; also at ${others.join("; ")}${more}` : ""
    }.`,
  );
}

function unvalidatedWarning(path: DiagnosticPath, what: string, note: string): Diagnostic {
  return diagnostic(
    "warning",
    "unvalidated",
    path,
    `${what[0].toUpperCase()}${what.slice(1)} is not in the catalog of documented settings; it is written as given, without validation.${note}`,
  );
}

/** The component name and the element names below it, for a setting's path. */
function componentOf(path: DiagnosticPath): { component: string; rel: string[] } | undefined {
  const at =
    path[0] === "settings" || path[0] === "unvalidated" ? 2 : path[0] === "perArchitecture" || path[0] === "unvalidatedPerArchitecture" ? 3 : -1;
  const component = path[at];
  if (at < 0 || typeof component !== "string") return undefined;
  return { component, rel: path.slice(at + 1).filter((s): s is string => typeof s === "string" && s !== CHILDREN_KEY) };
}

/** The path of a repeated element's group: without its array index (an element of a #children sequence keeps its own). */
function repeatedPath(n: SettingNode): DiagnosticPath {
  return n.repeated && typeof n.path[n.path.length - 1] === "number" ? n.path.slice(0, -1) : n.path;
}

const shorten = (s: string) => (s.length > 60 ? s.slice(0, 60) + "..." : s);

/**
 * What is known of settings the 2018 reference lacks but real files use
 * (catalog/unlisted.ts), for the elements of these subtrees: " SkipMachineOOBE
 * is not in the 2018 reference; known from real files for ...".
 */
export function unlistedNote(component: string, base: string[], nodes: SettingNode[]): string {
  // most components have no entry: nothing to walk
  if (unlistedOf(component).length === 0) return "";
  const notes: string[] = [];
  const whole = findUnlisted(component, []);
  if (base.length === 0 && whole && nodes.length > 0 && !nodes.some((n) => n.def)) {
    return ` Component "${component}" is not in the 2018 reference; it is known from real files for ${whole.knownFor}.`;
  }
  const stack: [string[], SettingNode][] = nodes.map((n) => [base.concat([n.name]), n]);
  let seen = 0;
  while (stack.length > 0 && seen++ < 10_000) {
    const [rel, n] = stack.pop()!;
    const u = findUnlisted(component, rel);
    if (u) notes.push(`${rel.join("/")} is not in the 2018 reference; it is known from real files for ${u.knownFor}.`);
    for (const c of n.children ?? []) stack.push([rel.concat([c.name]), c]);
  }
  return notes.length ? ` ${[...new Set(notes)].sort().join(" ")}` : "";
}

function shape(n: SettingNode, expected: string, out: Diagnostic[]) {
  out.push(wrongShape(n.path, expected, n.raw, !!n.sensitive));
}

/**
 * Each item whose key (its wcm:keyValue, or the child that keys the list) an item before it has, reported in the
 * items' order with the first that has it (see repeatsOf).
 */
function checkDuplicateKeys(items: SettingNode[], item: Element & { kind: "item" }, listName: string, out: Diagnostic[]) {
  const byChild = item.key?.kind === "child" ? item.key.name : undefined;
  const label = byChild ?? "wcm:keyValue";
  const keys: (string | undefined)[] = new Array<string | undefined>(items.length);
  let count = 0;
  for (let i = 0; i < items.length; i++) {
    const n = items[i];
    if (n.def !== item) continue;
    const key = byChild === undefined ? n.keyValue : n.children?.find((c) => c.name === byChild)?.text;
    keys[i] = key;
    if (key !== undefined) count++;
  }
  if (count < 2) return;
  const keyed = new Int32Array(count);
  for (let i = 0, k = 0; i < items.length; i++) if (keys[i] !== undefined) keyed[k++] = i;
  const key = (i: number) => keys[i] as string;
  const repeats = repeatsOf(keyed, (i, j) => compareText(key(i), key(j)));
  for (const i of [...repeats.keys()].sort((a, b) => a - b)) {
    const n = items[i];
    out.push(
      diagnostic(
        "error",
        "duplicate-key",
        n.path,
        `${label} ${n.sensitive ? HIDDEN : JSON.stringify(key(i))} is used twice in "${listName}" (first at ${formatPath(items[repeats.get(i)!].path)}); each item needs its own ${label}.`,
      ),
    );
  }
}

/** Checks one text value against its catalog type; `raw`, the value as given (a value item's may be inside an object). */
export function checkValue(n: SettingNode, type: ValueType, allowEmpty: boolean, out: Diagnostic[], raw: unknown = n.raw) {
  const text = n.text ?? "";
  const name = n.def?.name ?? n.name;
  const hidden = !!n.sensitive;
  const shown = (s: string) => (hidden ? HIDDEN : quoteText(s.length > 80 ? s.slice(0, 80) + "..." : s));
  if (!checkText(n, text, out)) return;
  if (text === "") {
    if (!allowEmpty) out.push(diagnostic("error", "empty-value", n.path, `"${name}" must not be empty. ${expectedValues(type)}.`));
    return;
  }
  // a template placeholder is filled in before Windows Setup sees the file: reported, not type-checked
  const whole = wholePlaceholder(text);
  if (whole !== undefined) return placeholder(n, name, whole, hidden, out);
  const inside = placeholderInside(text);
  if (inside !== undefined) {
    const withPlaceholder: Diagnostic[] = [];
    checkValueAsGiven(n, raw, type, withPlaceholder, text, hidden, name, shown);
    if (withPlaceholder.some((d) => d.severity === "error")) return placeholder(n, name, inside, hidden, out);
    append(out, withPlaceholder);
    return;
  }
  checkValueAsGiven(n, raw, type, out, text, hidden, name, shown);
}

function placeholder(n: SettingNode, name: string, found: string, hidden: boolean, out: Diagnostic[]) {
  out.push(
    diagnostic(
      "warning",
      "template",
      n.path,
      `"${name}" holds the template placeholder ${hidden ? HIDDEN : JSON.stringify(found.length > 60 ? found.slice(0, 60) + "..." : found)}: this is a template, not a finished answer file, so the value is not checked; fill it in (and validate the result) before Windows Setup sees it (--strict fails on this).`,
    ),
  );
}

function checkValueAsGiven(
  n: SettingNode,
  raw: unknown,
  type: ValueType,
  out: Diagnostic[],
  text: string,
  hidden: boolean,
  name: string,
  shown: (s: string) => string,
) {
  switch (type.kind) {
    case "boolean":
      if (typeof raw === "boolean" || text === "true" || text === "false") return;
      if (/^(true|false)$/i.test(text)) {
        out.push(
          diagnostic(
            "warning",
            "boolean-case",
            n.path,
            `"${name}" is ${JSON.stringify(text)}; XML booleans are lower case: write ${text.toLowerCase()}.`,
          ),
        );
        return;
      }
      return bad(n, "invalid-boolean", `"${name}" must be true or false, got ${describe(raw, hidden)}.`, out);
    case "integer": {
      if (!/^-?\d+$/.test(text) || (typeof raw !== "number" && typeof raw !== "string")) {
        return bad(n, "invalid-integer", `"${name}" must be a whole number, got ${describe(raw, hidden)}. ${expectedValues(type)}.`, out);
      }
      const v = Number(text);
      if ((type.min !== undefined && v < type.min) || (type.max !== undefined && v > type.max)) {
        return bad(n, "out-of-range", `"${name}" is ${hidden ? HIDDEN : text}, outside the valid range. ${expectedValues(type)}.`, out);
      }
      return;
    }
    case "enum": {
      if (type.values.includes(text)) return;
      const trimmed = trimXmlWhitespace(text);
      if (trimmed !== text && type.values.includes(trimmed)) {
        // "/IMAGE/NAME " (a trailing space) is in Packer templates in wide use (mwrock/packer-templates,
        // gusztavvargadr/packer, ../shared/corpus 008, 014, 017): Windows Setup evidently trims it
        out.push(
          diagnostic(
            "warning",
            "surrounding-whitespace",
            n.path,
            `"${name}" is ${shown(text)}, with space around the value ${shown(trimmed)}; Windows Setup accepts it in files in wide use, but write it without the space.`,
          ),
        );
        return;
      }
      const ci = type.values.find((v) => v.toLowerCase() === text.toLowerCase());
      if (ci && type.caseInsensitive) return;
      return bad(
        n,
        "invalid-enum",
        `"${name}" is ${shown(text)}, which is not one of its values. ${expectedValues(type)}.${hidden ? "" : didYouMean(text, type.values)}`,
        out,
      );
    }
    case "string":
      if (typeof raw === "object" && raw !== null) {
        return bad(n, "wrong-shape", `"${name}" must be text, got ${describe(raw, hidden)}.`, out);
      }
      if (type.maxLength !== undefined && text.length > type.maxLength) {
        // counted only past the limit in code units: a character is one or two of them
        const length = codePointCount(text);
        if (length > type.maxLength) return bad(n, "too-long", `"${name}" is ${length} characters long; the maximum is ${type.maxLength}.`, out);
      }
      if (type.pattern !== undefined && !new RegExp(`^(?:${type.pattern})$`).test(text)) {
        return bad(
          n,
          "invalid-format",
          `"${name}" is ${shown(text)}, which is not valid: it must be ${type.patternHint ?? `text matching ${type.pattern}`}.`,
          out,
        );
      }
      return;
  }
}

function bad(n: SettingNode, code: DiagnosticCode, message: string, out: Diagnostic[]) {
  out.push(diagnostic("error", code, n.path, message));
}

/** "Valid: 0, 1" and the like. */
export function expectedValues(type: ValueType): string {
  switch (type.kind) {
    case "boolean":
      return "Valid: true, false";
    case "integer": {
      const { min, max } = type;
      if (min !== undefined && max !== undefined && max - min < LIST_RANGE_UP_TO) {
        return `Valid: ${Array.from({ length: max - min + 1 }, (_, i) => String(min + i)).join(", ")}`;
      }
      if (min !== undefined && max !== undefined) return `Valid: a whole number from ${min} to ${max}`;
      if (min !== undefined) return `Valid: a whole number of at least ${min}`;
      if (max !== undefined) return `Valid: a whole number of at most ${max}`;
      return "Valid: a whole number";
    }
    case "enum":
      return `Valid: ${listOf(type.values, 20)}`;
    case "string":
      return type.maxLength !== undefined ? `Valid: text of up to ${type.maxLength} characters` : "Valid: any text";
  }
}
