/**
 * `unattend import`: a parsed answer file -> a Pulumi TypeScript program with
 * an UnattendFile, or a `Pulumi.<stack>.yaml` config block for this
 * repository's program. Keys in a stable order (passes in Windows order,
 * components by name, settings in catalog order); values typed as the
 * generated inputs want them (numbers for integer settings, booleans for
 * boolean ones); passwords never written: the program reads them from secret
 * config, the YAML leaves them out with the `pulumi config set --secret`
 * command to run.
 */
import { Document as YamlDocument } from "yaml";
import type { UnattendDocument } from "./document";
import { PASSES, childElements, findChild, findComponent, type CatalogComponent, type Element, type ValueType } from "../catalog";
import { formatPath, type DiagnosticPath } from "./diagnostics";
import { ACTION_ATTR, KEY_VALUE_ATTR, NIL_ATTR } from "./names";
import { isConfidentialAsWritten, isConfidentialDef, isConfidentialExtra, isConfidentialKey, isPlainInside } from "./confidential";
import { byOrder } from "./normalize";
import type { ParseResult } from "./parse";
import { placeholderInside, wholePlaceholder } from "./templates";
import { isPlainObject } from "./values";
import { append } from "./values";

/** Options of importUnattend (`unattend import`): what to generate and the names it writes into it. */
export interface ImportOptions {
  /**
   * What to generate: `ts`, a TypeScript program with an UnattendFile;
   * `yaml`, a Pulumi.<stack>.yaml config block.
   * @default "ts"
   * @example format: "yaml"
   */
  format?: "ts" | "yaml";
  /**
   * Where the program imports UnattendFile from (`ts`).
   * @default "pulumi-unattend"
   * @example moduleName: "../components"
   */
  moduleName?: string;
  /**
   * The UnattendFile's resource name (`ts`); also the exported constant's
   * name when it is a JavaScript identifier, else `file`.
   * @default "unattend"
   * @example resourceName: "workstation"
   */
  resourceName?: string;
  /**
   * The file imported, named in the header comment.
   * @default undefined (the header names no file)
   * @example source: "autounattend.xml"
   */
  source?: string;
  /**
   * Stack name, for the YAML header (`Pulumi.<stack>.yaml`).
   * @default "dev"
   * @example stack: "prod"
   */
  stack?: string;
  /**
   * The project's config namespace (`yaml`): keys are written as `<namespace>:settings`.
   * @default "pulumi-unattend"
   * @example namespace: "my-project"
   */
  namespace?: string;
}

/** A password (or other secret) taken out of the program. */
export interface ImportedSecret {
  /** Config key (TS: `config.requireSecret(key)`). */
  key: string;
  /** Input path, e.g. `settings.oobeSystem["Microsoft-Windows-Shell-Setup"].AutoLogon.Password.Value`. */
  path: string;
  /** `pulumi config set` command that stores it. */
  command: string;
  /** Whether the file had it obfuscated (PlainText false) rather than in plain text. */
  obfuscated: boolean;
}

/** What importUnattend returns: the generated text, the secrets kept out of it, and notes. */
export interface ImportResult {
  /**
   * The generated file: a TypeScript program (format `ts`) or a
   * Pulumi.<stack>.yaml config block (format `yaml`). Holds no secret value.
   */
  text: string;
  /**
   * Every password (or other secret) the file held, each with its config
   * key, its input path and the `pulumi config set --secret` command that
   * stores it.
   */
  secrets: ImportedSecret[];
  /** Things the output cannot carry or the reader should know (also written as comments). */
  notes: string[];
}

/** A value to print: literals, or a reference to a secret. */
type Lit =
  | { t: "scalar"; v: string | number | boolean | null; untyped?: string }
  | { t: "array"; items: Lit[] }
  | { t: "object"; entries: [string, Lit][] }
  | { t: "secret"; secret: ImportedSecret };

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const RESERVED = new Set(
  "break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package private protected public await config pulumi".split(
    " ",
  ),
);

/**
 * Text -> the typed value the generated inputs expect, when that writes the
 * same text back; booleans in another case ("True") become booleans too (the
 * caller notes it: they are written in lower case).
 */
function typed(text: string, type: ValueType | undefined, recase?: () => void): string | number | boolean {
  if (!type) return text;
  const canonicalInt = /^-?(0|[1-9][0-9]{0,14})$/.test(text);
  switch (type.kind) {
    case "boolean":
      if (text === "true" || text === "false") return text === "true";
      if (/^(true|false)$/i.test(text)) {
        recase?.();
        return text.toLowerCase() === "true";
      }
      return text;
    case "integer":
      return canonicalInt ? Number(text) : text;
    case "enum":
      return canonicalInt && type.values.every((v) => /^-?\d+$/.test(v)) ? Number(text) : text;
    case "string":
      return text;
  }
}

class Builder {
  readonly secrets: ImportedSecret[] = [];
  readonly notes: string[] = [];
  private readonly used = new Set<string>();

  constructor(private readonly yamlPath: (path: DiagnosticPath) => string) {}

  /** pass -> component -> settings, with the catalog. */
  passes(settings: unknown, base: DiagnosticPath): Lit {
    const entries: [string, Lit][] = [];
    if (!isPlainObject(settings)) return { t: "object", entries };
    for (const pass of Object.keys(settings).sort(byOrder(PASSES))) {
      const comps = settings[pass];
      if (!isPlainObject(comps)) continue;
      const passPath = [...base, pass];
      const ce: [string, Lit][] = [];
      for (const name of Object.keys(comps).sort()) {
        const def = findComponent(name);
        ce.push([name, this.children(def, comps[name], [...passPath, name])]);
      }
      entries.push([pass, { t: "object", entries: ce }]);
    }
    return { t: "object", entries };
  }

  /** pass -> component -> elements, as given (unvalidated), passes in Windows order and components by name. */
  rawPasses(passes: unknown, base: DiagnosticPath): Lit {
    const entries: [string, Lit][] = [];
    if (!isPlainObject(passes)) return { t: "object", entries };
    for (const pass of Object.keys(passes).sort(byOrder(PASSES))) {
      const comps = passes[pass];
      if (!isPlainObject(comps)) continue;
      entries.push([
        pass,
        {
          t: "object",
          entries: Object.keys(comps)
            .sort()
            .map((c): [string, Lit] => [c, this.raw(comps[c], [...base, pass, c])]),
        },
      ]);
    }
    return { t: "object", entries };
  }

  /**
   * pass -> component -> elements, as given (unvalidated). An element that is
   * confidential by its name (components/core/confidential.ts), and everything in
   * it, its text and `wcm:keyValue` included, is a secret.
   */
  raw(v: unknown, path: DiagnosticPath, name = "", hidden = false): Lit {
    const secret = isConfidentialAsWritten(name, hidden);
    if (Array.isArray(v)) return { t: "array", items: v.map((x, i) => this.raw(x, [...path, i], name, hidden)) };
    if (isPlainObject(v)) {
      const entries: [string, Lit][] = [];
      const keys = Object.keys(v).sort((a, b) => attrRank(a) - attrRank(b) || (a < b ? -1 : a > b ? 1 : 0));
      for (const k of keys) {
        const x = v[k];
        if (k === ACTION_ATTR || k === NIL_ATTR) entries.push([k, this.raw(x, [...path, k], k)]);
        else if (k === KEY_VALUE_ATTR || k === "value") entries.push([k, this.hiddenText(x, [...path, k], name, secret)]);
        else if (secret && isPlainInside(k, x)) entries.push([k, this.raw(x, [...path, k], k)]);
        else entries.push([k, this.raw(x, [...path, k], k, secret)]);
      }
      return { t: "object", entries };
    }
    return this.hiddenText(v, path, name, secret);
  }

  /** A scalar: a secret when confidential and not empty. */
  private hiddenText(v: unknown, path: DiagnosticPath, name: string, secret: boolean): Lit {
    if (secret && (typeof v === "string" || typeof v === "number") && v !== "") return this.secret(path, name, false);
    if (isPlainObject(v) || Array.isArray(v)) return this.raw(v, path, name, secret);
    return { t: "scalar", v: v as string | number | boolean | null };
  }

  private children(parent: CatalogComponent | Element | undefined, v: unknown, path: DiagnosticPath): Lit {
    if (!isPlainObject(v)) return this.raw(v, path);
    const order = parent ? childElements(parent).map((e) => e.name) : [];
    const keys = Object.keys(v).sort((a, b) => attrRank(a) - attrRank(b) || byOrder(order)(a, b));
    const entries: [string, Lit][] = [];
    for (const k of keys) {
      const def = parent && k !== ACTION_ATTR && k !== KEY_VALUE_ATTR ? findChild(parent, k)?.el : undefined;
      entries.push([k, this.value(def, v[k], [...path, k], k)]);
    }
    return { t: "object", entries };
  }

  private value(def: Element | undefined, v: unknown, path: DiagnosticPath, name: string): Lit {
    if (v === null) return { t: "scalar", v: null };
    if (!def) return this.raw(v, path, name);
    switch (def.kind) {
      case "value":
        if (typeof v === "string" && isConfidentialDef(def) && v !== "") return this.secret(path, def.name, false);
        return typeof v === "string" ? this.scalar(v, def.type, path) : this.raw(v, path, name);
      case "password": {
        if (!isPlainObject(v) || typeof v.Value !== "string") return this.raw(v, path, name);
        const plain = v.PlainText !== false;
        const value: Lit = v.Value === "" ? { t: "scalar", v: "" } : this.secret([...path, "Value"], def.name, !plain);
        return {
          t: "object",
          entries: [
            ["Value", value],
            ["PlainText", { t: "scalar", v: plain }],
          ],
        };
      }
      case "container":
        return this.children(def, v, path);
      case "list":
        if (!Array.isArray(v)) return this.raw(v, path, name);
        return { t: "array", items: v.map((item, i) => this.item(def.item, item, [...path, i])) };
      case "item":
        // repeated without a list wrapper: an array (a single object is accepted too)
        if (Array.isArray(v)) return { t: "array", items: v.map((item, i) => this.item(def, item, [...path, i])) };
        return this.item(def, v, path);
    }
  }

  private item(def: Element & { kind: "item" }, v: unknown, path: DiagnosticPath): Lit {
    if (def.type) {
      if (typeof v === "string") return this.scalar(v, def.type, path);
      if (isPlainObject(v) && typeof v.value === "string") {
        // an item whose key is the confidential part (an SNMP community name): the key is a secret
        const secretKey = isConfidentialKey(def);
        const entries: [string, Lit][] = Object.keys(v)
          .sort((a, b) => attrRank(a) - attrRank(b))
          .map((k) => [
            k,
            k === KEY_VALUE_ATTR && secretKey && v[k] !== ""
              ? this.secret([...path, k], def.name, false)
              : {
                  t: "scalar",
                  v: k === "value" ? typed(v.value as string, def.type, () => this.recased(path, v.value as string)) : (v[k] as string),
                },
          ]);
        return { t: "object", entries };
      }
      return this.raw(v, path);
    }
    return this.children(def, v, path);
  }

  /**
   * A value as the typed inputs want it; text that does not fit its type (a
   * template placeholder, an enum value with a space around it) is kept exactly,
   * with `as never` and a comment, so that the program still compiles.
   */
  private scalar(text: string, type: ValueType, path: DiagnosticPath): Lit {
    const v = typed(text, type, () => this.recased(path, text));
    const fits =
      type.kind === "string" ||
      (type.kind === "enum" && (type.values.includes(text) || typeof v === "number")) ||
      (type.kind !== "enum" && typeof v !== "string");
    if (fits) return { t: "scalar", v };
    const why = wholePlaceholder(text) || placeholderInside(text) ? "a template placeholder: fill it in" : `not a valid ${type.kind}: check it`;
    this.notes.push(`${formatPath(path)} is ${JSON.stringify(text)}, ${why} (kept as written, typed \`as never\`).`);
    return { t: "scalar", v: text, untyped: why };
  }

  private recased(path: DiagnosticPath, text: string) {
    this.notes.push(
      `${formatPath(path)} is ${JSON.stringify(text)}: imported as the boolean ${text.toLowerCase()} (written in lower case, as XML booleans are).`,
    );
  }

  /** A secret left out of the program at `path` (see secret). */
  secretAt(path: DiagnosticPath, name: string): Lit {
    return this.secret(path, name, false);
  }

  private secret(path: DiagnosticPath, name: string, obfuscated: boolean): Lit {
    const base = configKey(path, name);
    let key = base;
    for (let i = 2; this.used.has(key); i++) key = `${base}${i}`;
    this.used.add(key);
    const yamlPath = this.yamlPath(path);
    const command = yamlPath ? `pulumi config set --secret --path '${yamlPath}' '<value>'` : `pulumi config set --secret ${key} '<value>'`;
    const s: ImportedSecret = { key, path: formatPath(path), obfuscated, command };
    this.secrets.push(s);
    return { t: "secret", secret: s };
  }
}

/** `wcm:action` and `wcm:keyValue` first, `value` last, the rest in between. */
function attrRank(k: string): number {
  return k === ACTION_ATTR ? 0 : k === KEY_VALUE_ATTR ? 1 : k === NIL_ATTR ? 2 : k === "value" ? 4 : 3;
}

/** A config key from a path: `AdministratorPassword` -> administratorPassword, `AutoLogon.Password` -> autoLogonPassword. */
function configKey(path: DiagnosticPath, name: string): string {
  const segs = path.slice(1).map((s) => (typeof s === "number" ? String(s + 1) : s));
  // drop the trailing "Value" of a password, keep what names it
  if (segs[segs.length - 1] === "Value") segs.pop();
  const last = segs[segs.length - 1] ?? name;
  let parts: string[];
  if (last !== "Password" && /password/i.test(last)) parts = [last];
  else {
    // nearest named parent (and list position) + the name
    const i = segs.length - 2;
    const parent = segs[i] ?? "";
    parts = /^\d+$/.test(parent) ? [segs[i - 1] ?? "", parent, last] : [parent, last];
  }
  const words = parts
    .join(" ")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  let key = words.map((w, i) => (i === 0 ? w[0].toLowerCase() + w.slice(1) : w[0].toUpperCase() + w.slice(1))).join("");
  if (!IDENT.test(key) || RESERVED.has(key)) key = `secret${key[0]?.toUpperCase() ?? ""}${key.slice(1)}`;
  return key;
}

/** A Pulumi `--path` for a config value: `ns:settings.oobeSystem["Microsoft-Windows-Shell-Setup"].AutoLogon.Password.Value`. */
function pulumiPath(namespace: string, path: DiagnosticPath): string {
  // Pulumi's property paths: .name for simple names, ["name"] otherwise, [i] for indexes (as formatPath writes them)
  return `${namespace}:${formatPath(path)}`;
}

function printTs(l: Lit, indent: string, secretName: (s: ImportedSecret) => string): string {
  const inner = indent + "  ";
  switch (l.t) {
    case "scalar":
      if (l.untyped) return `${JSON.stringify(l.v)} as never /* ${l.untyped} */`;
      return l.v === null ? "null" : typeof l.v === "string" ? JSON.stringify(l.v) : String(l.v);
    case "secret":
      return secretName(l.secret);
    case "array":
      if (l.items.length === 0) return "[]";
      return `[\n${l.items.map((x) => `${inner}${printTs(x, inner, secretName)},`).join("\n")}\n${indent}]`;
    case "object":
      if (l.entries.length === 0) return "{}";
      return `{\n${l.entries
        .map(([k, v]) => {
          const comment = v.t === "secret" ? `${inner}// from secret config: ${v.secret.command}\n` : "";
          return `${comment}${inner}${IDENT.test(k) ? k : JSON.stringify(k)}: ${printTs(v, inner, secretName)},`;
        })
        .join("\n")}\n${indent}}`;
  }
}

function toPlain(l: Lit): unknown {
  switch (l.t) {
    case "scalar":
      return l.v;
    case "secret":
      return undefined;
    case "array":
      return l.items.map(toPlain);
    case "object": {
      const o: Record<string, unknown> = {};
      for (const [k, v] of l.entries) {
        if (v.t !== "secret") o[k] = toPlain(v);
      }
      return o;
    }
  }
}

function hasSecret(l: Lit): boolean {
  if (l.t === "secret") return true;
  if (l.t === "array") return l.items.some(hasSecret);
  if (l.t === "object") return l.entries.some(([, v]) => hasSecret(v));
  return false;
}

function isEmpty(l: Lit): boolean {
  return l.t === "object" && l.entries.length === 0;
}

function commentLines(lines: string[], prefix: string): string {
  return lines.map((l) => `${prefix}${l}`.trimEnd()).join("\n");
}

/** Step 1's result: the document as values to print, the secrets taken out into the builder. */
interface Literals {
  builder: Builder;
  architectures: string[];
  settings: Lit;
  perArchitecture: Lit;
  unvalidated: Lit;
  unvalidatedPerArchitecture: Lit;
  extras: ({ xml: string } | { secret: Lit })[];
}

/** The program or config block for a parsed answer file. */
export function importUnattend(parsed: Pick<ParseResult, "document" | "extras" | "diagnostics">, options: ImportOptions = {}): ImportResult {
  const format = options.format ?? "ts";
  const namespace = options.namespace ?? "pulumi-unattend";
  const literals = toLiterals(parsed.document, new Builder((p) => (format === "yaml" ? pulumiPath(namespace, p) : "")));
  const notes = importNotes(parsed, literals.builder);
  return format === "yaml" ? configBlock(literals, notes, namespace, options) : program(literals, notes, options);
}

/** Step 1: every part of the document as values to print, in a stable order. */
function toLiterals(doc: UnattendDocument, b: Builder): Literals {
  const settings = b.passes(doc.settings, ["settings"]);
  const perArchEntries: [string, Lit][] = [];
  for (const [arch, s] of Object.entries(doc.perArchitecture ?? {})) {
    perArchEntries.push([arch, b.passes(s, ["perArchitecture", arch])]);
  }
  const unvalidated = b.rawPasses(doc.unvalidated, ["unvalidated"]);
  const unvalidatedPerArchEntries: [string, Lit][] = [];
  for (const [arch, s] of Object.entries(doc.unvalidatedPerArchitecture ?? {})) {
    unvalidatedPerArchEntries.push([arch, b.rawPasses(s, ["unvalidatedPerArchitecture", arch])]);
  }
  // an extra holding an element named like a confidential value is a secret as a whole
  const extras = (doc.extras ?? []).map((e, i): { xml: string } | { secret: Lit } =>
    isConfidentialExtra(e.xml) ? { secret: b.secretAt(["extras", i, "xml"], "extra") } : { xml: e.xml },
  );
  return {
    builder: b,
    architectures: doc.architectures ?? ["amd64"],
    settings,
    perArchitecture: { t: "object", entries: perArchEntries },
    unvalidated,
    unvalidatedPerArchitecture: { t: "object", entries: unvalidatedPerArchEntries },
    extras,
  };
}

/** Step 2: what the output cannot carry or the reader should know. */
function importNotes(parsed: Pick<ParseResult, "extras" | "diagnostics">, b: Builder): string[] {
  const notes: string[] = [];
  for (const x of parsed.extras) {
    notes.push(`<${x.name}> (line ${x.location.line}) is not a setting: it is carried over as written, in extras.`);
  }
  if (parsed.diagnostics.some((d) => d.code === "template")) {
    notes.push("The file is a template (processorArchitecture placeholder): fill in its placeholders before deploying.");
  }
  const errors = parsed.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) notes.push(`The file had ${errors.length} error(s) while reading it; run \`unattend validate\` on it.`);
  append(notes, b.notes);
  return notes;
}

/** Step 3 (`yaml`): a Pulumi.<stack>.yaml config block, secrets left out with the commands that store them. */
function configBlock(l: Literals, notes: string[], namespace: string, options: ImportOptions): ImportResult {
  const b = l.builder;
  const config: Record<string, unknown> = {
    [`${namespace}:architectures`]: l.architectures,
    [`${namespace}:settings`]: toPlain(l.settings),
  };
  if (!isEmpty(l.perArchitecture)) config[`${namespace}:perArchitecture`] = toPlain(l.perArchitecture);
  if (!isEmpty(l.unvalidated)) config[`${namespace}:unvalidated`] = toPlain(l.unvalidated);
  if (!isEmpty(l.unvalidatedPerArchitecture)) config[`${namespace}:unvalidatedPerArchitecture`] = toPlain(l.unvalidatedPerArchitecture);
  if (l.extras.length) config[`${namespace}:extras`] = l.extras.map((e) => ("xml" in e ? e : {}));
  const header = [
    `Pulumi.${options.stack ?? "dev"}.yaml config imported${options.source ? ` from ${options.source}` : ""} by \`unattend import --format yaml\`.`,
    ...notes.map((n) => `NOTE: ${n}`),
    ...(b.secrets.length
      ? [
          "Passwords are left out: secrets cannot be encrypted without the stack's key. Store each with:",
          ...b.secrets.map((s) => `  ${s.command}${s.obfuscated ? "   # the file had it obfuscated: give the password itself" : ""}`),
        ]
      : []),
  ];
  const ydoc = new YamlDocument({ config });
  ydoc.commentBefore = commentLines(header, " ");
  return { text: ydoc.toString({ lineWidth: 0 }), secrets: b.secrets, notes };
}

/** A secret's variable in the program. */
const secretVar = (s: ImportedSecret) => s.key;

/** Step 3 (`ts`): a TypeScript program with an UnattendFile, secrets read from the stack's secret config. */
function program(l: Literals, notes: string[], options: ImportOptions): ImportResult {
  const b = l.builder;
  const moduleName = options.moduleName ?? "pulumi-unattend";
  const resourceName = options.resourceName ?? "unattend";
  const lines: string[] = [];
  lines.push(`// Imported${options.source ? ` from ${options.source}` : ""} by \`unattend import\`.`);
  for (const n of notes) lines.push(`// NOTE: ${n}`);
  if (b.secrets.length) {
    lines.push("// Passwords are read from the stack's secret config; store each once with:");
    for (const s of b.secrets) lines.push(`//   ${s.command}${s.obfuscated ? "   (the file had it obfuscated: give the password itself)" : ""}`);
  }
  const anySecret = b.secrets.length > 0;
  if (anySecret) lines.push(`import * as pulumi from "@pulumi/pulumi";`);
  lines.push(`import { UnattendFile } from ${JSON.stringify(moduleName)};`, "");
  if (anySecret) {
    lines.push("const config = new pulumi.Config();");
    for (const s of b.secrets) lines.push(`const ${secretVar(s)} = config.requireSecret(${JSON.stringify(s.key)});`);
    lines.push("");
  }
  lines.push(
    `export const ${IDENT.test(resourceName) && !RESERVED.has(resourceName) ? resourceName : "file"} = new UnattendFile(${JSON.stringify(resourceName)}, {`,
  );
  append(lines, programArgs(l));
  lines.push("});", "");
  return { text: lines.join("\n"), secrets: b.secrets, notes };
}

/** The UnattendFile's arguments, one line per field (unvalidated values holding secrets resolved first). */
function programArgs(l: Literals): string[] {
  const args: string[] = [];
  args.push(`  architectures: ${JSON.stringify(l.architectures).replace(/,/g, ", ")},`);
  args.push(`  settings: ${printTs(l.settings, "  ", secretVar)},`);
  if (!isEmpty(l.perArchitecture)) args.push(`  perArchitecture: ${printTs(l.perArchitecture, "  ", secretVar)},`);
  for (const [field, lit] of [
    ["unvalidated", l.unvalidated],
    ["unvalidatedPerArchitecture", l.unvalidatedPerArchitecture],
  ] as const) {
    if (isEmpty(lit)) continue;
    const secretsInside = l.builder.secrets.filter((s) => s.path.startsWith(`${field}.`) || s.path.startsWith(`${field}[`));
    if (hasSecret(lit) && secretsInside.length) {
      // unvalidated values are plain: resolve the secrets first
      const names = secretsInside.map(secretVar).join(", ");
      args.push(`  ${field}: pulumi.all([${names}]).apply(([${names}]) => (${printTs(lit, "  ", secretVar)})),`);
    } else {
      args.push(`  ${field}: ${printTs(lit, "  ", secretVar)},`);
    }
  }
  if (l.extras.length) {
    args.push("  extras: [");
    for (const e of l.extras) args.push(`    { xml: ${"xml" in e ? JSON.stringify(e.xml) : printTs(e.secret, "    ", secretVar)} },`);
    args.push("  ],");
  }
  return args;
}
