/**
 * Existing answer files -> UnattendDocument: `parseUnattend` reads unattend.xml
 * (bytes or text) into the same `{ settings, architectures, perArchitecture,
 * unvalidated }` shape that UnattendFile and renderUnattend take, with the
 * line and column of every setting, and never throws: a malformed file gives
 * an error diagnostic (`malformed-xml`) with its line and column.
 *
 * What the catalog knows goes to `settings` (text kept as written, so that
 * parse -> render -> parse gives the same settings); what it does not
 * (unknown components and elements) goes to `unvalidated`, written back as
 * given. A component repeated per architecture is merged back when the copies
 * are identical, else kept per architecture. Elements outside `<settings>`
 * (`<servicing>`, `<cpi:offlineImage>`, `<Extensions>`) are kept verbatim in
 * `extras` (and in the document's `extras`, which rendering writes back).
 */
import { canonicalJson } from "./json";
import { analyze, renderUnattend, type UnattendDocument } from "./api";
import { ARCHITECTURES, PASSES, componentNames, findComponent, type Architecture } from "./catalog";
import type { Diagnostic } from "./model";
import { byOrder, normalize } from "./normalize";
import { member } from "./path";
import { ComponentReader, type PendingDiagnostic, type ReadComponent } from "./parse/read";
import { decode, parseXml, type SourceLocation, type XmlElement } from "./parse/xml";
import { PUBLIC_KEY_TOKEN, UNATTEND_NS, renderDocument } from "./render";

export type { SourceLocation } from "./parse/xml";

/** A diagnostic with the place in the file it is about (1-based line and column), when known. */
export interface LocatedDiagnostic extends Diagnostic {
  line?: number;
  column?: number;
}

/** An element outside `<settings>`, kept verbatim. */
export interface ExtraElement {
  /** Element name as written, e.g. `servicing`, `cpi:offlineImage`, `Extensions`. */
  name: string;
  /** The element's XML as written (line ends \n), with the namespace declarations it needs to stand alone. */
  xml: string;
  /** Whether it came before the first `<settings>` or after. */
  placement: "before" | "after";
  location: SourceLocation;
}

export interface ParseOptions {
  /**
   * The architecture given to components whose processorArchitecture is a
   * template placeholder (`%arch%`, `${architecture}`).
   * @default "amd64"
   */
  templateArchitecture?: Architecture;
}

export interface ParseResult {
  /** The settings, in the shape UnattendFile and renderUnattend take. */
  document: UnattendDocument;
  /** Problems found while reading (each with line and column); validation is separate (validateUnattendXml). */
  diagnostics: LocatedDiagnostic[];
  /**
   * Where each input path starts in the file, keyed by the paths normalize()
   * and validation use: `settings.specialize["Microsoft-Windows-Shell-Setup"].ComputerName`,
   * `...RunSynchronous[0].Path`, `unvalidated.oobeSystem["X"].Y`.
   */
  locations: Map<string, SourceLocation>;
  /** Elements outside `<settings>`, with their names and places (their XML is also in `document.extras`). */
  extras: ExtraElement[];
  /** The file is not well-formed XML (or not an answer file at all): `document` is empty. */
  malformed: boolean;
  /** How the bytes were decoded. */
  encoding: string;
}

const STANDARD_ATTRIBUTES: Record<string, string> = {
  publicKeyToken: PUBLIC_KEY_TOKEN,
  language: "neutral",
  versionScope: "nonSxS",
};

interface Copy {
  pass: string;
  name: string;
  arch: string;
  element: XmlElement;
  known: boolean;
  read: ReadComponent;
  /** Canonical JSON of the content, to compare copies. */
  key: string;
}


function isPlaceholder(arch: string): boolean {
  return !/^[A-Za-z0-9_]+$/.test(arch);
}

/** Reads an answer file. Never throws. */
export function parseUnattend(input: string | Uint8Array, options: ParseOptions = {}): ParseResult {
  const templateArchitecture = options.templateArchitecture ?? "amd64";
  const diagnostics: LocatedDiagnostic[] = [];
  const locations = new Map<string, SourceLocation>();
  const extras: ExtraElement[] = [];
  const decoded = decode(input);
  const result: ParseResult = { document: { settings: {} }, diagnostics, locations, extras, malformed: false, encoding: decoded.encoding };
  const at = (d: Diagnostic, loc: SourceLocation) => diagnostics.push({ ...d, line: loc.line, column: loc.column });

  if (decoded.warning) at({ severity: "warning", path: "xml", code: "encoding", message: decoded.warning }, { line: 1, column: 1 });
  const xml = parseXml(decoded.text);
  if (xml.problem || !xml.root) {
    result.malformed = true;
    const loc = xml.problem?.location ?? { line: 1, column: 1 };
    at(
      {
        severity: "error",
        path: "xml",
        code: "malformed-xml",
        message: `Not well-formed XML at line ${loc.line}, column ${loc.column}: ${xml.problem?.message ?? "no root element."}`,
      },
      loc,
    );
    return result;
  }

  const root = xml.root;
  locations.set("settings", root.location);
  if (root.local !== "unattend") {
    result.malformed = true;
    at(
      {
        severity: "error",
        path: "settings",
        code: "not-unattend",
        message: `The root element is <${root.name}>; an answer file's root is <unattend xmlns="${UNATTEND_NS}">.`,
      },
      root.location,
    );
    return result;
  }
  if (root.uri !== UNATTEND_NS) {
    at(
      {
        severity: "error",
        path: "settings",
        code: "wrong-namespace",
        message: `<unattend> is in namespace ${JSON.stringify(root.uri)}; Windows Setup reads only xmlns="${UNATTEND_NS}". It is written back with that namespace.`,
      },
      root.location,
    );
  }

  // 1. Every <component> of every <settings>, one copy per architecture.
  const copies: Copy[] = [];
  const placeholders = new Map<string, SourceLocation>();
  let seenSettings = false;
  const passLocations = new Map<string, SourceLocation>();
  if (root.children.length > 0 && !/^\s*$/.test(root.text)) {
    at({ severity: "warning", path: "settings", code: "ignored-text", message: "Text directly inside <unattend> is ignored." }, root.location);
  }
  for (const child of root.children) {
    if (child.local === "settings" && child.uri === root.uri) {
      seenSettings = true;
      const passAttr = child.attributes.find((a) => a.local === "pass" && a.uri === "");
      if (!passAttr) {
        at(
          {
            severity: "error",
            path: "settings",
            code: "missing-pass",
            message: `<settings> has no pass attribute${
              child.attributes.length ? ` (it has ${child.attributes.map((a) => a.name).join(", ")})` : ""
            }, so Windows Setup never applies it; its ${child.children.length} element(s) are not read. Valid passes: ${PASSES.join(", ")}.`,
          },
          child.location,
        );
        continue;
      }
      const pass = passAttr.value;
      if (!passLocations.has(pass)) passLocations.set(pass, child.location);
      for (const c of child.children) {
        if (c.local !== "component" || c.uri !== root.uri) {
          at(
            {
              severity: "warning",
              path: member("settings", pass),
              code: "ignored-element",
              message: `<${c.name}> inside <settings pass="${pass}"> is not a <component>; it is ignored and not written back.`,
            },
            c.location,
          );
          continue;
        }
        const copy = readComponent(pass, c, templateArchitecture, placeholders, at);
        if (!copy) continue;
        const dup = copies.find((o) => o.pass === copy.pass && o.name === copy.name && o.arch === copy.arch);
        if (dup) {
          at(
            {
              severity: "error",
              path: member(member("settings", pass), copy.name),
              code: "duplicate-component",
              message: `Component "${copy.name}" appears twice in pass ${pass} for architecture ${copy.arch} (first at line ${dup.element.location.line}); Windows Setup rejects duplicated components. Only the first is kept.`,
            },
            c.location,
          );
          continue;
        }
        copies.push(copy);
      }
    } else {
      const outside = child.local === "component" && child.uri === root.uri;
      extras.push({ name: child.name, xml: extraXml(child, decoded.text, root), placement: seenSettings ? "after" : "before", location: child.location });
      at(
        {
          severity: "warning",
          path: "settings",
          code: outside ? "component-outside-settings" : "extra-element",
          message: outside
            ? `This <component> is outside any <settings>, so Windows Setup ignores it. It is kept as written, in the document's extras, but not validated.`
            : `<${child.name}> is not a setting: it is kept as written, in the document's extras, and not validated.`,
        },
        child.location,
      );
    }
  }
  for (const [pass, loc] of passLocations) {
    locations.set(member("settings", pass), loc);
    locations.set(member("unvalidated", pass), loc);
  }

  // 2. Architectures: the set most components share is the document's; the rest per architecture.
  const groups = new Map<string, Copy[]>();
  for (const c of copies) {
    const id = `${c.pass}\u0000${c.name}`;
    const list = groups.get(id);
    if (list) list.push(c);
    else groups.set(id, [c]);
  }
  const archOrder = byOrder(ARCHITECTURES);
  const setOf = (g: Copy[]) => [...new Set(g.map((c) => c.arch))].sort(archOrder);
  const tally = new Map<string, { archs: string[]; count: number }>();
  for (const g of groups.values()) {
    const archs = setOf(g);
    const id = archs.join(",");
    const t = tally.get(id) ?? { archs, count: 0 };
    t.count++;
    tally.set(id, t);
  }
  const best = [...tally.values()].sort((a, b) => b.count - a.count || b.archs.length - a.archs.length)[0];
  const shared = best?.archs ?? [];

  const settings: Record<string, Record<string, unknown>> = {};
  const unvalidated: Record<string, Record<string, unknown>> = {};
  const perArchitecture: Record<string, Record<string, Record<string, unknown>>> = {};
  const put = (target: Record<string, Record<string, unknown>>, pass: string, name: string, value: unknown) => {
    (target[pass] ??= {})[name] = value;
  };
  const finish = (c: Copy, base: string, unvalidatedBase: string) => {
    locations.set(base, c.element.location);
    for (const [rel, loc] of c.read.sLocs) locations.set(base + rel, loc);
    if (Object.keys(c.read.raw).length > 0) {
      locations.set(unvalidatedBase, c.element.location);
      for (const [rel, loc] of c.read.uLocs) locations.set(unvalidatedBase + rel, loc);
    }
    for (const d of c.read.diagnostics) at(pendingToDiagnostic(d, d.part === "s" ? base : unvalidatedBase), d.location);
  };

  for (const g of groups.values()) {
    const { pass, name } = g[0];
    const forShared = shared.map((a) => g.find((c) => c.arch === a));
    const merge = forShared.every((c) => c !== undefined && c.key === forShared[0]!.key);
    const rest = merge ? g.filter((c) => !shared.includes(c.arch)) : g;
    if (merge) {
      const rep = (forShared as Copy[]).reduce((a, c) => (c.element.start < a.element.start ? c : a));
      const base = member(member("settings", pass), name);
      const ubase = member(member("unvalidated", pass), name);
      if (rep.known) put(settings, pass, name, rep.read.settings);
      if (Object.keys(rep.read.raw).length > 0 || !rep.known) put(unvalidated, pass, name, rep.read.raw);
      finish(rep, base, ubase);
    }
    for (const c of rest) {
      const base = member(member(member("perArchitecture", c.arch), pass), name);
      const hasRaw = Object.keys(c.read.raw).length > 0 || !c.known;
      // `unvalidated` has no per-architecture form: such elements are given as (unknown) settings of this architecture.
      const value = hasRaw ? { ...c.read.settings, ...c.read.raw } : c.read.settings;
      (perArchitecture[c.arch] ??= {})[pass] ??= {};
      perArchitecture[c.arch][pass][name] = value;
      finish(c, base, base);
      if (hasRaw) {
        at(
          {
            severity: "error",
            path: base,
            code: "unvalidated-per-architecture",
            message: `${c.known ? "Elements of this component are not in the catalog, and the component" : `Component "${name}" is not in the catalog and`} differs between architectures or exists for ${c.arch} only; unvalidated settings cannot be given per architecture, so they are read as settings of ${c.arch} and reported as unknown.`,
          },
          c.element.location,
        );
      }
    }
  }

  const document: UnattendDocument = { settings: settings as UnattendDocument["settings"] };
  if (copies.length > 0) document.architectures = shared.length > 0 ? (shared as Architecture[]) : [copies[0].arch as Architecture];
  if (Object.keys(perArchitecture).length > 0) document.perArchitecture = perArchitecture as UnattendDocument["perArchitecture"];
  if (Object.keys(unvalidated).length > 0) document.unvalidated = unvalidated as UnattendDocument["unvalidated"];
  if (extras.length > 0) {
    // with no component to write, no <settings> is written either: "after" would read back as "before"
    const noSettings = copies.length === 0;
    document.extras = extras.map((x) => ({ xml: x.xml, placement: noSettings ? "before" : x.placement }));
    extras.forEach((x, i) => locations.set(`extras[${i}]`, x.location));
  }
  result.document = document;
  if (copies.length > 0) {
    locations.set("architectures", copies[0].element.location);
    locations.set("perArchitecture", copies[0].element.location);
    locations.set("unvalidated", copies[0].element.location);
  }
  for (const [placeholder, loc] of placeholders) {
    at(
      {
        severity: "warning",
        path: "architectures",
        code: "template",
        message: `processorArchitecture="${placeholder}" is a template placeholder: this file is a template, not a finished answer file. Its components are read as ${templateArchitecture}; fill in the placeholders before giving it to Windows Setup.`,
      },
      loc,
    );
  }
  diagnostics.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  return result;
}

function pendingToDiagnostic(d: PendingDiagnostic, base: string): Diagnostic {
  return { severity: d.severity, path: base + d.rel, code: d.code, message: d.message };
}

function readComponent(
  pass: string,
  el: XmlElement,
  templateArchitecture: Architecture,
  placeholders: Map<string, SourceLocation>,
  at: (d: Diagnostic, loc: SourceLocation) => void,
): Copy | undefined {
  const attr = (name: string) => el.attributes.find((a) => a.local === name && a.uri === "")?.value;
  let name = attr("name");
  if (name === undefined || name === "") {
    at(
      { severity: "error", path: member("settings", pass), code: "missing-attribute", message: `<component> has no name attribute; it is not read.` },
      el.location,
    );
    return undefined;
  }
  const path = member(member("settings", pass), name);
  let arch = attr("processorArchitecture");
  if (arch === undefined) {
    at(
      {
        severity: "error",
        path,
        code: "missing-architecture",
        message: `Component "${name}" has no processorArchitecture; Windows Setup applies a component only to its architecture. Read as ${templateArchitecture}.`,
      },
      el.location,
    );
    arch = templateArchitecture;
  } else if (!(ARCHITECTURES as readonly string[]).includes(arch) && isPlaceholder(arch)) {
    if (!placeholders.has(arch)) placeholders.set(arch, el.location);
    arch = templateArchitecture;
  }
  for (const a of el.attributes) {
    if (a.uri !== "" || a.local === "name" || a.local === "processorArchitecture") continue;
    const standard = STANDARD_ATTRIBUTES[a.local];
    if (standard === undefined) {
      at(
        { severity: "warning", path, code: "ignored-attribute", message: `Attribute ${a.name}="${a.value}" on <component> is not written back.` },
        el.location,
      );
    } else if (a.value.toLowerCase() !== standard.toLowerCase()) {
      at(
        {
          severity: "warning",
          path,
          code: "component-attribute",
          message: `${a.local}="${a.value}" on component "${name}"; it is written back as ${a.local}="${standard}".`,
        },
        el.location,
      );
    }
  }
  let def = findComponent(name);
  if (!def) {
    const lower = name.toLowerCase();
    const match = componentNames().find((n) => n.toLowerCase() === lower);
    if (match) {
      // Windows matches component names without regard to case (WSIM itself writes "Microsoft-Windows-SQMApi").
      def = findComponent(match)!;
      at(
        {
          severity: "warning",
          path: member(member("settings", pass), match),
          code: "name-case",
          message: `Component "${name}" is read as "${match}", the reference's spelling, and written back so; Windows matches component names without regard to case.`,
        },
        el.location,
      );
      name = match;
    }
  }
  const reader = new ComponentReader();
  const read = def ? reader.readKnown(def, el) : reader.readUnknown(el);
  return { pass, name, arch, element: el, known: !!def, read, key: canonicalJson([read.settings, read.raw]) };
}

/** An element's XML as written, standing alone: namespace prefixes declared on ancestors are declared on it. */
function extraXml(el: XmlElement, text: string, root: XmlElement): string {
  let xml = text.slice(el.start, el.end).replace(/\r\n?/g, "\n");
  const used = new Set<string>();
  const declared = new Set<string>();
  const walk = (e: XmlElement) => {
    if (e.prefix) used.add(e.prefix);
    for (const a of e.attributes) if (a.prefix && a.prefix !== "xml") used.add(a.prefix);
    for (const p of Object.keys(e.declarations)) declared.add(p);
    e.children.forEach(walk);
  };
  walk(el);
  const add: string[] = [];
  for (const p of [...used].sort()) {
    if (!declared.has(p) && root.declarations[p] !== undefined) add.push(`xmlns:${p}="${root.declarations[p]}"`);
  }
  if (!el.prefix && el.declarations[""] === undefined && el.uri !== UNATTEND_NS) add.push(`xmlns="${el.uri}"`);
  if (add.length > 0) {
    const cut = 1 + el.name.length;
    xml = `${xml.slice(0, cut)} ${add.join(" ")}${xml.slice(cut)}`;
  }
  return xml;
}

/**
 * Renders a parsed document back to XML, with the elements outside
 * `<settings>` (extras) where they were. With `validate` (the default) it
 * throws UnattendValidationError on errors, as renderUnattend does; without,
 * it renders whatever can be rendered (for round trips of files with errors).
 */
export function renderParsed(parsed: Pick<ParseResult, "document">, options: { validate?: boolean } = {}): string {
  return options.validate === false ? renderDocument(normalize(parsed.document)) : renderUnattend(parsed.document);
}

/** Where a path is in the file: the path itself, else its nearest parent with a location. */
export function locate(path: string, locations: Map<string, SourceLocation>): SourceLocation | undefined {
  let p = path;
  for (;;) {
    const loc = locations.get(p);
    if (loc) return loc;
    const parent = p.replace(/(?:\.[A-Za-z_$][A-Za-z0-9_$]*|\[(?:\d+|"(?:[^"\\]|\\.)*")\])$/, "");
    if (parent === p || parent === "") return undefined;
    p = parent;
  }
}

export interface XmlValidation extends ParseResult {
  /** Parse diagnostics and validation diagnostics, by line and column. */
  diagnostics: LocatedDiagnostic[];
}

/**
 * Parses and validates an answer file: parse diagnostics plus validateUnattend's,
 * each with the line and column of the setting it is about.
 */
export function validateUnattendXml(input: string | Uint8Array, options: ParseOptions = {}): XmlValidation {
  const parsed = parseUnattend(input, options);
  if (parsed.malformed) return parsed;
  const explained = new Set(parsed.diagnostics.filter((d) => d.severity === "warning").map((d) => d.path));
  const validation: LocatedDiagnostic[] = [];
  for (const d of analyze(parsed.document).diagnostics) {
    // the parser already said why this part is unvalidated
    if (d.code === "unvalidated" && explained.has(d.path)) continue;
    const loc = locate(d.path, parsed.locations);
    validation.push(loc ? { ...d, line: loc.line, column: loc.column } : { ...d });
  }
  const diagnostics = [...parsed.diagnostics, ...validation].sort(
    (a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0),
  );
  return { ...parsed, diagnostics };
}
