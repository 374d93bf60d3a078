#!/usr/bin/env node
/**
 * The `unattend` command: validate, diff, import, render and merge answer files.
 * Exit codes: 0 success (valid, no difference), 1 problems found (errors,
 * differences, a file that cannot be read as an answer file), 2 usage errors
 * (bad arguments, files that cannot be opened or read), 70 a bug of ours (a
 * one-line message, never a stack trace, and where to report it).
 *
 * Each command loads only the modules it uses (YAML and the XML writer are
 * loaded by the commands that need them), so that start-up stays small.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import * as v8 from "node:v8";
import { DOCUMENT_FIELDS } from "../core/args";
import type { UnattendDocument } from "../core/document";
import { formatDiagnostic, formatPath, type Diagnostic } from "../core/diagnostics";
import type { ParseResult } from "../core/parse";
import { PASSES } from "../catalog/types";
import { MAX_NODES, MAX_INPUT_BYTES } from "../core/limits";
import { cyclePath, isPlainObject, own } from "../core/values";

export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;
export const EXIT_BUG = 70;

class UsageError extends Error {}

/** The widest a value is shown in diff's table (terminal columns); --format json has every value in full. */
export const DIFF_CELL_COLUMNS = 32;

/** Where the CLI reads and writes: the process (nodeIo) or, in tests, memory. */
export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  /**
   * The bytes of a regular file, or of standard input for "-", at most
   * `maxBytes`; throws an Error with `code` ENOENT, EISDIR, ENOTREG (not a
   * regular file) or EFBIG (larger than maxBytes).
   */
  readFile: (file: string, maxBytes: number) => Uint8Array;
  /** Writes as UnattendFile does (writeFileSafely): a new file renamed over the target, owner-only when `secret`. */
  writeFile: (file: string, text: string, secret: boolean) => void;
}

const USAGE = `Usage: unattend <command> [options]

Windows answer files (unattend.xml) from the command line.

Commands:
  validate FILE...     check answer files against the catalog of documented settings
  diff OLD NEW...      the settings that differ between two answer files (more: a table)
  import FILE          a Pulumi program (or stack config) that declares the same file
  render CONFIG        settings in YAML or JSON -> unattend.xml
  merge FILE...        answer files merged in order, later on top; conflicts reported
  media FILE           the images of install.wim / install.esd / install.swm

Options:
  -h, --help           show help (also: unattend <command> --help)
  -v, --version        show the version

Files are read as given ("-" for standard input, once per command); only
regular files are read, up to 16 MiB and 25,000 elements and attributes
(--max-bytes N and --max-nodes N raise the limits).

Exit codes: 0 success, 1 problems found (errors, differences), 2 usage error.
`;

const HELP = new Map<string, string>([
  [
    "validate",
    `Usage: unattend validate [--format text|json] [--strict] [--ignore ID]... [--rule-docs] [--media IMAGE] FILE...

Reads each answer file (UTF-8 or UTF-16, "-" for standard input) and prints
its problems, one a line:

  FILE:LINE:COLUMN SEVERITY PATH MESSAGE [CODE]

Options:
  --format json   a JSON array of { file, line, column, severity, code, path, segments, message }
  --strict        fail on warnings too (template placeholders, unvalidated settings, ...)
  -q, --quiet     print errors only
  --ignore ID     do not report the cross-setting rule warning ID (repeatable;
                  rule errors cannot be ignored); the rules are listed in the README
  --rule-docs     after each rule finding, the reference page it comes from and
                  what the page says (JSON: a "docs" field)
  --media IMAGE   also check each file against the installation media's
                  install.wim, install.esd or install.swm: the image selected,
                  its architecture, languages and build, and the edition of a
                  generic product key (see unattend media)
  --max-bytes N   read files up to N bytes (default 16777216)
  --max-nodes N   read files of up to N elements and attributes (default 25000)

Exit codes: 0 no errors (no warnings with --strict), 1 problems, 2 usage error.
`,
  ],
  [
    "diff",
    `Usage: unattend diff [--format text|json] OLD NEW
       unattend diff [--format text|json] FILE FILE FILE... (or --table FILE FILE)

Compares what two answer files render to (each in canonical form, so blind to
their layout, comments and the order of settings); one line per difference,
as \`pulumi preview\` shows them:

  + pass/component/path: value          added
  ~ pass/component/path: old => new     changed
  - pass/component/path: value          removed

Attributes are compared too, as path/@wcm:action, path/@wcm:keyValue and
path/@xsi:nil; so are components without settings, the order of elements and
the elements outside <settings> (written byte for byte, each as often as it
appears). Files that render to different bytes are never reported the same.
Passwords, product keys, SNMP communities and other credentials are shown as
[secret]. What either file has that is not written back (comments, unknown
attributes, ...) is reported on stderr; a file with errors while reading it
(malformed, a component given twice, ...) cannot be compared.

With three files or more (or --table), a table of what is not the same in
all of them: one row per setting path, one column per file (its name, with
as many folders as make it distinct), each cell the value, "-" where the file
has no such setting, [secret] for a credential (a row of [secret] cells says
that they are not all the same, not which: compare two files for that);
values wider than ${DIFF_CELL_COLUMNS} columns cut with an ellipsis. Then one line:

  3 files: 2 differences, 41 settings the same in all

A file may also be the output of \`pulumi stack output --json\` of a stack
that exports its UnattendFile's xml as "xml" (this package's program does).

Options:
  --format json   2 files: { architectures, changes, extras, lines }; more (or
                  --table): { files, labels, rows: [{ kind, path, values }],
                  same }, every value in full (null where absent)
  --table         the table for two files too
  --max-bytes N   read files up to N bytes (default 16777216)
  --max-nodes N   read files of up to N elements and attributes (default 25000)

Exit codes: 0 same settings, 1 different, 2 usage error or a file that cannot be read or has reading errors.
`,
  ],
  [
    "import",
    `Usage: unattend import [--format ts|yaml] [options] FILE

Prints a Pulumi TypeScript program with an UnattendFile that renders the same
settings, or with --format yaml the config block of a Pulumi.<stack>.yaml for
this package's own program (keys pulumi-unattend:settings and
pulumi-unattend:architectures). Credentials are never printed: the program
reads them from secret config; the YAML leaves them out and says which
\`pulumi config set --secret\` commands store them.

Options:
  --format ts|yaml   output (default ts)
  --name NAME        the UnattendFile's resource name (default unattend)
  --module NAME      the module to import UnattendFile from (default pulumi-unattend)
  --stack NAME       stack name for the YAML header (default dev)
  --media IMAGE      the installation media's install.wim (.esd, .swm): the
                     image the file selects is checked and written back as
                     --select asks
  --select index|name  with --media: select the image by /IMAGE/INDEX or
                     /IMAGE/NAME (default: as the file does)
  --max-bytes N      read files up to N bytes (default 16777216)
  --max-nodes N      read files of up to N elements and attributes (default 25000)

Exit codes: 0 printed, 1 the file cannot be read as an answer file, 2 usage error.
`,
  ],
  [
    "media",
    `Usage: unattend media [--format text|json] IMAGE

Lists the images of a Windows image file (install.wim, a solid install.esd,
or the first part of a split install.swm) as a table: index, name, edition,
architecture, build and languages, the values InstallFrom/MetaData and the
language settings are checked against. Only the file's header and XML
metadata are read, whatever its size.

Options:
  --format json   { file, compression, solid, parts, images: [...] } with every field read

Exit codes: 0 listed, 1 not a Windows image that can be read, 2 usage error.
`,
  ],
  [
    "render",
    `Usage: unattend render [-o FILE] CONFIG

Renders unattend.xml from settings in YAML or JSON ("-" for standard input):
  { settings, architectures?, perArchitecture?, unvalidated?,
    unvalidatedPerArchitecture?, extras? }, or a Pulumi stack file with
  pulumi-unattend:settings (and the other keys), or just the settings
  (pass -> component -> setting). A value is written as its YAML text
  (0123, 1e3 and 0x1F stay so, where YAML would read numbers).
An answer file (XML) is also accepted: it is written back in canonical form.

Options:
  -o, --output FILE   write the XML there instead of standard output
  --max-bytes N       read files up to N bytes (default 16777216)
  --max-nodes N       read files of up to N elements and attributes (default 25000)

Exit codes: 0 rendered, 1 the settings have errors, 2 usage error.
`,
  ],
  [
    "merge",
    `Usage: unattend merge [--override] [-o FILE] FILE...

Merges answer files in order, each later file on top of the earlier ones, and
prints the merged file (canonical form). A setting two files give different
values is a conflict; lists of commands and partitions are joined in file
order and their Order renumbered 1, 2, 3...; items with the same key (image
MetaData, a disk's DiskID, a local account's Name) must be equal; the
architectures are united. Conflicts, overrides and what reading found go to
stderr, one a line:

  FILE:LINE:COLUMN SEVERITY PATH MESSAGE [CODE]

Nothing is written when there is an error.

Options:
  --override          later files may replace what earlier ones set (each place is a warning)
  -o, --output FILE   write the merged file there instead of standard output
  --max-bytes N       read files up to N bytes (default 16777216)
  --max-nodes N       read files of up to N elements and attributes (default 25000)

Exit codes: 0 merged, 1 conflicts or errors (a file that cannot be read as an
answer file, or a merged file that is not valid), 2 usage error.
`,
  ],
]);

function version(): string {
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    const file = path.join(dir, "package.json");
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, "utf8")) as { name?: string; version?: string };
      if (pkg.name === "pulumi-unattend" && pkg.version) return pkg.version;
    }
    dir = path.dirname(dir);
  }
  return "unknown";
}

/** Reads the files a command was given; "-" (standard input) at most once. */
function readAll(io: Io, files: string[], maxBytes: number): Uint8Array[] {
  if (files.filter((f) => f === "-").length > 1) throw new UsageError(`"-" (standard input) can be read only once`);
  return files.map((file) => {
    try {
      return io.readFile(file, maxBytes);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      switch (err.code) {
        case "ENOENT":
          throw new UsageError(`${file}: no such file`);
        case "EISDIR":
          throw new UsageError(`${file}: is a directory`);
        case "ENOTREG":
          throw new UsageError(`${file}: not a regular file (only files and standard input are read)`);
        case "EFBIG":
          throw new UsageError(`${file}: larger than ${maxBytes} bytes (raise the limit with --max-bytes N)`);
        default:
          throw new UsageError(`${file}: ${err.message}`);
      }
    }
  });
}

/**
 * Lines written through `write` in pieces of about 64 KiB (`flush` writes what is left). One write per
 * diagnostic (19,568 for a realistic 4 MiB file) made as many write requests and buffers: with standard output
 * a pipe, `unattend validate` of that file peaked 0.6x the file higher than with it a file.
 */
function batched(write: (s: string) => void): { add(s: string): void; flush(): void } {
  let parts: string[] = [];
  let size = 0;
  const flush = () => {
    if (parts.length === 0) return;
    const s = parts.join("");
    parts = [];
    size = 0;
    write(s);
  };
  return {
    add(s) {
      parts.push(s);
      size += s.length;
      if (size >= 1 << 16) flush();
    },
    flush,
  };
}

function line(file: string, d: Diagnostic): string {
  return formatDiagnostic(d, { file });
}

type Spec = Record<string, { type: "string" | "boolean"; short?: string; multiple?: boolean }>;

function options<T extends Spec>(args: string[], spec: T) {
  try {
    return parseArgs({
      args,
      options: { ...spec, help: { type: "boolean", short: "h" }, "max-bytes": { type: "string" }, "max-nodes": { type: "string" } },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/** The limits on what a command reads (--max-bytes, --max-nodes), as the parse options take them. */
interface Limits {
  maxBytes: number;
  maxNodes: number;
}

function limitsOf(values: { "max-bytes"?: string | boolean; "max-nodes"?: string | boolean }): Limits {
  return {
    maxBytes: positiveOf("--max-bytes", values["max-bytes"], MAX_INPUT_BYTES),
    maxNodes: positiveOf("--max-nodes", values["max-nodes"], MAX_NODES),
  };
}

function positiveOf(flag: string, value: string | boolean | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "string" || !/^[1-9][0-9]{0,15}$/.test(value))
    throw new UsageError(`${flag} must be a positive whole number, got ${JSON.stringify(value)}`);
  return Number(value);
}

function format(value: string | boolean | undefined, allowed: string[], fallback: string): string {
  if (value === undefined) return fallback;
  if (typeof value !== "string" || !allowed.includes(value)) {
    throw new UsageError(`--format must be ${allowed.join(" or ")}, got ${JSON.stringify(value)}`);
  }
  return value;
}

function validate(args: string[], io: Io): number {
  const { values, positionals } = options(args, {
    format: { type: "string" },
    strict: { type: "boolean" },
    quiet: { type: "boolean", short: "q" },
    ignore: { type: "string", multiple: true },
    "rule-docs": { type: "boolean" },
    media: { type: "string" },
  });
  if (values.help) return help(io, "validate");
  const fmt = format(values.format, ["text", "json"], "text");
  if (positionals.length === 0) throw new UsageError("validate needs at least one FILE");
  const limits = limitsOf(values);
  const rules = require("../core/rules") as typeof import("../core/rules");
  const ignore = values.ignore as string[] | undefined;
  try {
    rules.ignoredRules(ignore);
  } catch (e) {
    if (e instanceof rules.RuleIgnoreError) throw new UsageError(`--ignore: ${e.message}`);
    throw e;
  }
  const docs = (d: Diagnostic) => (values["rule-docs"] ? rules.ruleDocs(d.code) : undefined);
  const contents: (Uint8Array | undefined)[] = readAll(io, positionals, limits.maxBytes);
  const { validateTaken } = require("../core/parse") as typeof import("../core/parse");
  const media = typeof values.media === "string" ? readMedia(values.media) : undefined;
  let errors = 0;
  let warnings = 0;
  const json: object[] = [];
  const out = batched(io.out);
  positionals.forEach((file, i) => {
    // each file's bytes handed over, so that they go once decoded (validateTaken); the ids were checked above (ignoredRules)
    const take = () => {
      const bytes = contents[i]!;
      contents[i] = undefined;
      return bytes;
    };
    const parsed = validateTaken(take, { ...limits, ignore: ignore as import("../core/rules").RuleId[] | undefined });
    const diagnostics = media ? [...parsed.diagnostics, ...mediaFindings(parsed, media, i === 0)] : parsed.diagnostics;
    for (const d of diagnostics) {
      if (d.severity === "error") errors++;
      else warnings++;
      if (values.quiet && d.severity !== "error") continue;
      if (fmt === "json") {
        json.push({
          file,
          line: d.line ?? null,
          column: d.column ?? null,
          severity: d.severity,
          code: d.code,
          path: formatPath(d.path),
          segments: d.path,
          message: d.message,
          ...(docs(d) ? { docs: docs(d) } : {}),
        });
      } else {
        out.add(line(file, d) + "\n");
        const doc = docs(d);
        if (doc) out.add(`    rule: ${doc.url}\n    ${doc.says}\n`);
      }
    }
  });
  out.flush();
  if (fmt === "json") io.out(JSON.stringify(json, null, 2) + "\n");
  else {
    const files = positionals.length === 1 ? "1 file" : `${positionals.length} files`;
    io.err(`${files}: ${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}\n`);
  }
  return errors > 0 || (values.strict && warnings > 0) ? EXIT_PROBLEMS : EXIT_OK;
}

/**
 * Parses a file for diff or import and prints what reading it found. Undefined
 * when it cannot be used: malformed, or, for diff, any error while reading
 * (a duplicated component, say, has no one meaning to compare).
 */
function load(io: Io, file: string, bytes: Uint8Array, limits: Limits, purpose: "diff" | "import"): ParseResult | undefined {
  const { parseUnattend } = require("../core/parse") as typeof import("../core/parse");
  if (purpose === "diff") {
    const xml = stackOutputXml(io, file, bytes);
    if (xml === undefined) return undefined;
    bytes = xml;
  }
  const parsed = parseUnattend(bytes, limits);
  // diff writes nothing back: what would not be written back is no concern of it
  for (const d of parsed.diagnostics) if (!(purpose === "diff" && d.code === "ignored-markup")) io.err(line(file, d) + "\n");
  if (parsed.malformed || (purpose === "diff" && parsed.diagnostics.some((d) => d.severity === "error"))) return undefined;
  return parsed;
}

/**
 * What diff compares in a file: an answer file as it is, or, for a JSON object
 * (what `pulumi stack output --json` prints for a stack that exports its
 * UnattendFile's `xml`, as this package's own program does), the `xml`
 * output (lines and columns in messages are then the XML's). Undefined, with
 * the reason on stderr, when the JSON has none.
 */
function stackOutputXml(io: Io, file: string, bytes: Uint8Array): Uint8Array | undefined {
  // only UTF-8 (with or without a byte-order mark) can start with "{": answer files start with "<" or a UTF-16 mark
  let at = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (at < bytes.length && (bytes[at] === 0x20 || bytes[at] === 0x09 || bytes[at] === 0x0a || bytes[at] === 0x0d)) at++;
  if (bytes[at] !== 0x7b) return bytes;
  let outputs: unknown;
  try {
    outputs = JSON.parse(Buffer.from(bytes.subarray(at)).toString("utf8"));
  } catch (e) {
    io.err(`${file}: neither an answer file nor valid JSON (\`pulumi stack output --json\`): ${(e as Error).message.split("\n")[0]}\n`);
    return undefined;
  }
  const xml = isPlainObject(outputs) ? own(outputs, "xml") : undefined;
  if (typeof xml !== "string") {
    const names = isPlainObject(outputs) ? Object.keys(outputs).slice(0, 10) : [];
    io.err(
      `${file}: JSON without an "xml" output: diff reads answer files, or the \`pulumi stack output --json\` of a stack that exports its UnattendFile's xml as "xml" (this file's outputs: ${names.length ? names.map((k) => JSON.stringify(k)).join(", ") : "none"})\n`,
    );
    return undefined;
  }
  // how pulumi prints a secret output without --show-secrets
  if (xml === "[secret]") {
    io.err(
      `${file}: the "xml" output is secret, and pulumi printed it as [secret]: write the file with \`pulumi stack output --json --show-secrets\` (it then holds the credentials: keep it private), or give the stack's file itself\n`,
    );
    return undefined;
  }
  return Buffer.from(xml, "utf8");
}

function diff(args: string[], io: Io): number {
  const { values, positionals } = options(args, { format: { type: "string" }, table: { type: "boolean" } });
  if (values.help) return help(io, "diff");
  const fmt = format(values.format, ["text", "json"], "text");
  if (positionals.length < 2) throw new UsageError("diff needs two files (OLD NEW) or more (a table of what differs)");
  const limits = limitsOf(values);
  if (positionals.length > 2 || values.table) return diffMany(io, positionals, fmt, limits);
  const [oldFile, newFile] = positionals;
  const [oldBytes, newBytes] = readAll(io, positionals, limits.maxBytes);
  const a = load(io, oldFile, oldBytes, limits, "diff");
  const b = load(io, newFile, newBytes, limits, "diff");
  if (!a || !b) {
    io.err(`unattend: not compared: ${[!a && oldFile, !b && newFile].filter(Boolean).join(" and ")} had errors while reading (see above)\n`);
    return EXIT_USAGE;
  }
  // what each file renders, compared part by part (./compare): a difference in the bytes is never "same"
  const { analyze } = require("../core/document") as typeof import("../core/document");
  const { diffDocuments } = require("../core/compare") as typeof import("../core/compare");
  const { lines, changes, architectures, extras } = diffDocuments(analyze(a.document).document, analyze(b.document).document);
  if (fmt === "json") {
    io.out(JSON.stringify({ architectures, changes, extras, lines }, null, 2) + "\n");
  } else {
    for (const l of lines) io.out(l + "\n");
  }
  return lines.length > 0 ? EXIT_PROBLEMS : EXIT_OK;
}

/**
 * `unattend diff A B C...` (or --table): what is not the same in all files, as
 * a table, one row per setting, one column per file; a summary line after it.
 */
function diffMany(io: Io, files: string[], fmt: string, limits: Limits): number {
  const contents = readAll(io, files, limits.maxBytes);
  const { analyze } = require("../core/document") as typeof import("../core/document");
  // each file's normalised document only: what reading it built besides (positions, ...) is let go file by file
  const docs: import("../core/model").NormalDocument[] = [];
  const unreadable: string[] = [];
  files.forEach((file, i) => {
    const parsed = load(io, file, contents[i], limits, "diff");
    if (parsed) docs.push(analyze(parsed.document).document);
    else unreadable.push(file);
  });
  if (unreadable.length > 0) {
    io.err(`unattend: not compared: ${unreadable.join(" and ")} had errors while reading (see above)\n`);
    return EXIT_USAGE;
  }
  const { diffManyDocuments, UNNAMED_DIFFERENCE } = require("../core/compare") as typeof import("../core/compare");
  const { rows, same, unnamed } = diffManyDocuments(docs);
  const labels = distinctLabels(files);
  const differences = rows.length + (unnamed ? 1 : 0);
  if (fmt === "json") {
    io.out(JSON.stringify({ files, labels, rows, same, ...(unnamed ? { unnamed: UNNAMED_DIFFERENCE } : {}) }, null, 2) + "\n");
    return differences > 0 ? EXIT_PROBLEMS : EXIT_OK;
  }
  if (rows.length > 0) {
    const cell = (v: FlatValueOrNull) => {
      if (v === null) return "-";
      const s = String(v);
      // an empty value, or one that reads as "absent" or has spaces at its ends, in quotes
      return visible(s === "" || s === "-" || s.trim() !== s ? JSON.stringify(s) : s);
    };
    const table = [
      ["SETTING", ...labels.map(visible)],
      ...rows.map((r) => [
        visible(r.kind === "order" ? `${r.path} (element order)` : r.path),
        ...r.values.map((v) => truncate(cell(v), DIFF_CELL_COLUMNS)),
      ]),
    ];
    printTable(io, table);
  }
  if (unnamed) io.out(UNNAMED_DIFFERENCE + "\n");
  const settings = `${same} setting${same === 1 ? "" : "s"} the same in all`;
  io.out(`${files.length} files: ${differences === 0 ? "no difference" : `${differences} difference${differences === 1 ? "" : "s"}`}, ${settings}\n`);
  return differences > 0 ? EXIT_PROBLEMS : EXIT_OK;
}

type FlatValueOrNull = import("../core/flatten").FlatValue | null;

/**
 * Column headers for files: each file's name, with as many of its folders as
 * make it distinct from the others ("prod/autounattend.xml"); standard input
 * is "(stdin)"; a file given twice is numbered.
 */
export function distinctLabels(files: readonly string[]): string[] {
  const segments = files.map((f) => (f === "-" ? ["(stdin)"] : f.split(/[\\/]+/).filter((s) => s !== "" && s !== ".")));
  const depth = files.map(() => 1);
  const label = (i: number) => segments[i].slice(-depth[i]).join("/") || files[i];
  for (;;) {
    const labels = files.map((_, i) => label(i));
    const count = new Map<string, number>();
    for (const l of labels) count.set(l, (count.get(l) ?? 0) + 1);
    let longer = false;
    labels.forEach((l, i) => {
      if (count.get(l)! > 1 && depth[i] < segments[i].length) {
        depth[i]++;
        longer = true;
      }
    });
    if (!longer) break;
  }
  const labels = files.map((_, i) => label(i));
  const seen = new Map<string, number>();
  const total = new Map<string, number>();
  for (const l of labels) total.set(l, (total.get(l) ?? 0) + 1);
  return labels.map((l) => {
    if (total.get(l) === 1) return l;
    const k = (seen.get(l) ?? 0) + 1;
    seen.set(l, k);
    return `${l} (${k})`;
  });
}

/** Rows of cells (already made visible) in aligned columns, two spaces apart, the last column unpadded. */
function printTable(io: Io, rows: string[][]): void {
  // no spread of the rows into Math.max: a fleet's table can have more rows than a call has arguments
  const widths = rows[0].map((_, c) => rows.reduce((w, r) => Math.max(w, columns(r[c])), 0));
  for (const r of rows)
    io.out(
      r
        .map((cell, c) => (c === r.length - 1 ? cell : cell + " ".repeat(widths[c] - columns(cell))))
        .join("  ")
        .trimEnd() + "\n",
    );
}

/** A cell cut to at most `max` terminal columns, an ellipsis at the end when cut. */
function truncate(s: string, max: number): string {
  if (columns(s) <= max) return s;
  let out = "";
  let width = 0;
  for (const ch of s) {
    const w = columns(ch);
    if (width + w > max - 1) break;
    out += ch;
    width += w;
  }
  return out + "\u2026";
}

function importCommand(args: string[], io: Io): number {
  const { values, positionals } = options(args, {
    format: { type: "string" },
    name: { type: "string" },
    module: { type: "string" },
    stack: { type: "string" },
    media: { type: "string" },
    select: { type: "string" },
  });
  if (values.help) return help(io, "import");
  if (values.select !== undefined && values.media === undefined) throw new UsageError("--select needs --media IMAGE");
  const select = format(values.select, ["index", "name"], "as-is");
  const fmt = format(values.format, ["ts", "yaml"], "ts") as "ts" | "yaml";
  if (positionals.length !== 1) throw new UsageError("import needs one FILE");
  const limits = limitsOf(values);
  const file = positionals[0];
  const [bytes] = readAll(io, positionals, limits.maxBytes);
  const parsed = load(io, file, bytes, limits, "import");
  if (!parsed) return EXIT_PROBLEMS;
  if (typeof values.media === "string") {
    const media = readMedia(values.media);
    let failed = false;
    for (const d of mediaFindings(parsed, media, true)) {
      io.err(line(d.path[0] === "media" ? values.media : file, d) + "\n");
      failed ||= d.severity === "error";
    }
    if (failed) return EXIT_PROBLEMS;
    if (select !== "as-is") selectImage(parsed, media, select as "index" | "name", io, file);
  }
  const { importUnattend } = require("../core/importer") as typeof import("../core/importer");
  const result = importUnattend(parsed, {
    format: fmt,
    source: file === "-" ? undefined : path.basename(file),
    resourceName: values.name as string | undefined,
    moduleName: values.module as string | undefined,
    stack: values.stack as string | undefined,
  });
  io.out(result.text);
  if (result.secrets.length) {
    io.err(`${result.secrets.length} credential${result.secrets.length === 1 ? " was" : "s were"} left out; see the comments at the top.\n`);
  }
  return EXIT_OK;
}

/** The document in a YAML/JSON config, in any of the accepted shapes. */
export function documentFromConfig(value: unknown): UnattendDocument {
  if (!isPlainObject(value)) throw new UsageError("the config must be an object (settings by pass, or { settings, architectures })");
  const config = own(value, "config");
  if (isPlainObject(config)) {
    const pick = (k: string) => own(config, `pulumi-unattend:${k}`) ?? own(config, k);
    if (pick("settings") === undefined) throw new UsageError("the stack config has no pulumi-unattend:settings");
    const doc: Record<string, unknown> = {};
    for (const k of DOCUMENT_FIELDS) if (pick(k) !== undefined) doc[k] = pick(k);
    if (JSON.stringify(doc).includes('"secure":')) {
      throw new UsageError(
        "the config holds encrypted secrets (secure: ...); this command cannot decrypt them: use `pulumi config get` or give the values in a separate file",
      );
    }
    return doc as unknown as UnattendDocument;
  }
  if (own(value, "settings") !== undefined) return value as unknown as UnattendDocument;
  if (Object.keys(value).some((k) => (PASSES as readonly string[]).includes(k))) {
    return { settings: value } as UnattendDocument;
  }
  throw new UsageError("the config has neither settings nor passes (windowsPE, specialize, oobeSystem, ...)");
}

function render(args: string[], io: Io): number {
  const { values, positionals } = options(args, { output: { type: "string", short: "o" } });
  if (values.help) return help(io, "render");
  if (positionals.length !== 1) throw new UsageError("render needs one CONFIG file");
  const limits = limitsOf(values);
  const file = positionals[0];
  const [bytes] = readAll(io, positionals, limits.maxBytes);
  const { UnattendValidationError, throwIfErrors } = require("../core/errors") as typeof import("../core/errors");
  const { renderParsed, validateUnattendXml } = require("../core/parse") as typeof import("../core/parse");
  const text = Buffer.from(bytes)
    .toString("utf8")
    .replace(/^\uFEFF/, "");
  let xml: string;
  let warnings: Diagnostic[];
  let document: UnattendDocument;
  try {
    if (/^\s*</.test(text) || (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
      const parsed = validateUnattendXml(bytes, limits);
      if (parsed.malformed || parsed.diagnostics.some((d) => d.severity === "error")) {
        for (const d of parsed.diagnostics) io.err(line(file, d) + "\n");
        return EXIT_PROBLEMS;
      }
      warnings = [...parsed.diagnostics, ...parsed.notWrittenBack];
      xml = renderParsed(parsed);
      document = parsed.document;
    } else {
      // numbers and booleans as written (`0123` stays "0123"): ./yaml
      const { parseYamlAsWritten } = require("./yaml") as typeof import("./yaml");
      const { analyze } = require("../core/document") as typeof import("../core/document");
      let config: unknown;
      try {
        config = parseYamlAsWritten(text, { maxAliasCount: 100, logLevel: "error" });
      } catch (e) {
        io.err(`${file}: not valid YAML or JSON: ${(e as Error).message.split("\n")[0]}\n`);
        return EXIT_PROBLEMS;
      }
      const cycle = cyclePath(config);
      if (cycle) {
        io.err(
          `${file}: ${cycle.length ? cycle.join(".") : "the whole document"} contains itself (a YAML alias to an anchor around it): settings are a tree; write the values out.\n`,
        );
        return EXIT_PROBLEMS;
      }
      const doc = documentFromConfig(config);
      const { diagnostics } = analyze(doc);
      warnings = throwIfErrors(diagnostics);
      xml = renderParsed({ document: doc });
      document = doc;
    }
  } catch (e) {
    if (e instanceof UnattendValidationError) {
      for (const d of e.diagnostics) io.err(line(file, d) + "\n");
      return EXIT_PROBLEMS;
    }
    throw e;
  }
  for (const d of warnings) io.err(line(file, d) + "\n");
  return writeXml(io, values.output, xml, document);
}

function mergeCommand(args: string[], io: Io): number {
  const { values, positionals } = options(args, { output: { type: "string", short: "o" }, override: { type: "boolean" } });
  if (values.help) return help(io, "merge");
  if (positionals.length === 0) throw new UsageError("merge needs at least one FILE");
  const limits = limitsOf(values);
  const contents = readAll(io, positionals, limits.maxBytes);
  const { parseUnattend } = require("../core/parse") as typeof import("../core/parse");
  const parsed = positionals.map((file, i) => {
    const p = parseUnattend(contents[i], limits);
    for (const d of p.diagnostics) io.err(line(file, d) + "\n");
    return p;
  });
  const unreadable = positionals.filter((_, i) => parsed[i].malformed || parsed[i].diagnostics.some((d) => d.severity === "error"));
  if (unreadable.length > 0) {
    io.err(`unattend: not merged: ${unreadable.join(" and ")} had errors while reading (see above)\n`);
    return EXIT_PROBLEMS;
  }
  const { mergeLayersWith } = require("../core/merge") as typeof import("../core/merge");
  const place = (i: number, p: readonly (string | number)[]) => {
    const loc = parsed[i].locations.locate(p);
    return loc ? `${positionals[i]}:${loc.line}:${loc.column}` : positionals[i];
  };
  const layers = parsed.map((p, i) => ({ ...p.document, override: i > 0 && values.override === true }));
  const { document, diagnostics } = mergeLayersWith(layers, undefined, {
    label: (i) => positionals[i],
    where: place,
    howToOverride: "run with --override",
  });
  let errors = 0;
  for (const d of diagnostics) {
    const [, i, ...rest] = d.path as [string, number, ...(string | number)[]];
    const loc = parsed[i]?.locations.locate(rest);
    io.err(line(positionals[i] ?? "-", { ...d, path: rest, ...(loc ? { line: loc.line, column: loc.column } : {}) }) + "\n");
    if (d.severity === "error") errors++;
  }
  if (errors > 0) {
    io.err(`unattend: not merged: ${errors} error${errors === 1 ? "" : "s"} (see above)\n`);
    return EXIT_PROBLEMS;
  }
  // the merged file must be valid too (e.g. a component given for all architectures in one file and per architecture in another)
  const { analyze } = require("../core/document") as typeof import("../core/document");
  const invalid = analyze(document).diagnostics.filter((d) => d.severity === "error");
  if (invalid.length > 0) {
    for (const d of invalid) {
      const i = [...parsed.keys()].reverse().find((k) => parsed[k].locations.get(d.path) !== undefined);
      const loc = i !== undefined ? parsed[i].locations.get(d.path) : undefined;
      io.err(line(i !== undefined ? positionals[i] : "(merged)", { ...d, ...(loc ? { line: loc.line, column: loc.column } : {}) }) + "\n");
    }
    io.err(`unattend: not merged: the merged file has ${invalid.length} error${invalid.length === 1 ? "" : "s"} (see above)\n`);
    return EXIT_PROBLEMS;
  }
  const { renderParsed } = require("../core/parse") as typeof import("../core/parse");
  const xml = renderParsed({ document: document as unknown as UnattendDocument });
  return writeXml(io, values.output, xml, document as unknown as UnattendDocument);
}

/**
 * The rendered file to -o FILE, or to standard output. The file is written as
 * UnattendFile writes it (one writer: state/file.ts), owner-only when the
 * document holds a credential.
 */
function writeXml(io: Io, output: string | boolean | undefined, xml: string, document: UnattendDocument): number {
  if (typeof output === "string") {
    const { analyze } = require("../core/document") as typeof import("../core/document");
    const { flattenDocument } = require("../core/flatten") as typeof import("../core/flatten");
    const secret = flattenDocument(analyze(document).document).entries.some((e) => e.sensitive);
    try {
      io.writeFile(output, xml, secret);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      throw new UsageError(`${output}: cannot write it: ${err.message.split("\n")[0]}`);
    }
  } else {
    io.out(xml);
  }
  return EXIT_OK;
}

function help(io: Io, command?: string): number {
  io.out((command && HELP.get(command)) || USAGE);
  return EXIT_OK;
}

/** A Windows image file for --media and `unattend media`: a missing file or a folder is a usage error; what it holds is read by readWindowsImage. */
function readMedia(file: string): { file: string; info: import("../core/media").WindowsImageInfo } {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat) throw new UsageError(`${file}: no such file`);
  if (stat.isDirectory()) throw new UsageError(`${file}: is a directory (give the path of sources/install.wim, install.esd or install.swm)`);
  const { readWindowsImage } = require("../core/media") as typeof import("../core/media");
  return { file, info: readWindowsImage(file) };
}

/**
 * The media's findings for one parsed answer file, located in it: the media's
 * own (reported with the first file only), then checkMedia's.
 */
function mediaFindings(parsed: ParseResult, media: { file: string; info: import("../core/media").WindowsImageInfo }, first: boolean): Diagnostic[] {
  const prefix = `The file ${JSON.stringify(media.file)} `;
  const own = first
    ? media.info.diagnostics.map((d) => (d.message.startsWith(prefix) ? { ...d, message: `The media file ${d.message.slice(prefix.length)}` } : d))
    : [];
  if (parsed.malformed || media.info.diagnostics.some((d) => d.severity === "error")) return own;
  const { checkMedia } = require("../core/media") as typeof import("../core/media");
  const { normalize } = require("../core/normalize") as typeof import("../core/normalize");
  const found = checkMedia(normalize(parsed.document), media.info.images, { label: path.basename(media.file) }).map((d) => {
    const loc = parsed.locations.locate(d.path);
    return loc ? { ...d, line: loc.line, column: loc.column } : d;
  });
  return [...own, ...found];
}

/** import --media --select: the file's image selection rewritten as one /IMAGE/INDEX or /IMAGE/NAME item. */
function selectImage(
  parsed: ParseResult,
  media: { file: string; info: import("../core/media").WindowsImageInfo },
  by: "index" | "name",
  io: Io,
  file: string,
): void {
  const { selectedImages } = require("../core/media") as typeof import("../core/media");
  const { normalize } = require("../core/normalize") as typeof import("../core/normalize");
  const chosen = selectedImages(normalize(parsed.document), media.info.images).images;
  if (!chosen || chosen.length !== 1) {
    io.err(
      `${file}: --select ${by}: the file selects ${chosen ? `${chosen.length} images` : "no image"} of ${path.basename(media.file)}; written as it is (select one image first, e.g. /IMAGE/INDEX).\n`,
    );
    return;
  }
  const image = chosen[0];
  if (by === "name" && image.name === undefined) {
    io.err(`${file}: --select name: image ${image.index} has no name; written as it is.\n`);
    return;
  }
  const item = by === "index" ? { Key: "/IMAGE/INDEX", Value: String(image.index) } : { Key: "/IMAGE/NAME", Value: image.name! };
  const settings = parsed.document.settings as Record<string, Record<string, Record<string, unknown>> | undefined>;
  const pe = (settings.windowsPE ??= {});
  const setup = (pe["Microsoft-Windows-Setup"] ??= {});
  const imageInstall = (setup.ImageInstall ??= {}) as Record<string, Record<string, unknown>>;
  const osImage = (imageInstall.OSImage ??= {});
  const installFrom = (osImage.InstallFrom ??= {}) as Record<string, unknown>;
  installFrom.MetaData = [item];
}

/** Text for a table cell: control characters (a name could hold a line break) as \\u escapes. */
const visible = (s: string) =>
  [...s].map((c) => (/[\p{Cc}\u2028\u2029]/u.test(c) ? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}` : c)).join("");

/** Columns a cell takes in a terminal: East Asian wide characters (CJK, Hangul, full-width forms) take two. */
const columns = (s: string) =>
  [...s].reduce((n, ch) => n + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1), 0);

/** `unattend media IMAGE`: the images as a table, or JSON. */
function mediaCommand(args: string[], io: Io): number {
  const { values, positionals } = options(args, { format: { type: "string" } });
  if (values.help) return help(io, "media");
  const fmt = format(values.format, ["text", "json"], "text");
  if (positionals.length !== 1) throw new UsageError("media needs one IMAGE file (install.wim, install.esd or install.swm)");
  const file = positionals[0];
  const { info } = readMedia(file);
  for (const d of info.diagnostics) io.err(`${file} ${d.severity} ${d.message} [${d.code}]\n`);
  if (info.diagnostics.some((d) => d.severity === "error")) return EXIT_PROBLEMS;
  if (fmt === "json") {
    const h = info.header!;
    io.out(
      JSON.stringify({ file, compression: h.compression, solid: h.solid, part: h.partNumber, parts: h.totalParts, images: info.images }, null, 2) +
        "\n",
    );
    return EXIT_OK;
  }
  const rows = [
    ["INDEX", "NAME", "EDITION", "ARCH", "BUILD", "LANGUAGES"],
    ...info.images.map((i) => [
      String(i.index),
      i.name ?? "",
      i.edition ?? "",
      i.architecture ?? "",
      i.build !== undefined ? String(i.build) : "",
      i.languages.join(","),
    ]),
  ].map((r) => r.map(visible));
  printTable(io, rows);
  return EXIT_OK;
}

const COMMANDS = new Map<string, (args: string[], io: Io) => number>([
  ["validate", validate],
  ["diff", diff],
  ["import", importCommand],
  ["render", render],
  ["merge", mergeCommand],
  ["media", mediaCommand],
]);

/** Runs the CLI with the given arguments; returns the exit code. Never throws. */
export function run(argv: string[], io: Io): number {
  const [command, ...rest] = argv;
  try {
    if (command === undefined) {
      io.err(USAGE);
      return EXIT_USAGE;
    }
    if (command === "-h" || command === "--help") return help(io);
    if (command === "help") return help(io, rest[0]);
    if (command === "-v" || command === "--version" || command === "version") {
      io.out(`${version()}\n`);
      return EXIT_OK;
    }
    const fn = COMMANDS.get(command);
    if (!fn) throw new UsageError(`unknown command ${JSON.stringify(command)}; commands: ${[...COMMANDS.keys()].join(", ")}`);
    return fn(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`unattend: ${e.message}\nRun \`unattend ${command && COMMANDS.has(command) ? `${command} ` : ""}--help\` for usage.\n`);
      return EXIT_USAGE;
    }
    // a bug of ours: one line, no stack trace (it could hold input text), and where to report it
    const what = e instanceof Error ? `${e.name}: ${e.message.split("\n")[0].slice(0, 200)}` : "a non-Error value was thrown";
    io.err(
      `unattend: internal error (${what}). This is a bug in pulumi-unattend ${version()}: please report it to the project's issue tracker with the command line and this message (not the file, if it holds credentials).\n`,
    );
    return EXIT_BUG;
  }
}

/**
 * Reads at most `maxBytes` + 1 bytes from a descriptor, into one buffer: of the file's size (and a byte more, to
 * see whether it grew) when that is known, else grown as it fills. (Chunks then joined held the file twice.)
 */
function readCapped(fd: number, maxBytes: number, expected = 0): Uint8Array {
  let buffer = Buffer.allocUnsafe(Math.min(expected, maxBytes) + 1);
  let total = 0;
  for (;;) {
    if (total === buffer.length) {
      const bigger = Buffer.allocUnsafe(Math.min(Math.max(buffer.length * 2, 1 << 16), maxBytes + 1));
      buffer.copy(bigger, 0, 0, total);
      buffer = bigger;
    }
    let n: number;
    try {
      n = fs.readSync(fd, buffer, total, buffer.length - total, null);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "EAGAIN") continue;
      if ((e as NodeJS.ErrnoException).code === "EOF") break;
      throw e;
    }
    if (n === 0) break;
    total += n;
    if (total > maxBytes) throw Object.assign(new Error("too large"), { code: "EFBIG" });
  }
  return buffer.subarray(0, total);
}

export const nodeIo: Io = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  readFile: (file, maxBytes) => {
    if (file === "-") return readCapped(0, maxBytes);
    const stat = fs.statSync(file);
    if (stat.isDirectory()) throw Object.assign(new Error("is a directory"), { code: "EISDIR" });
    if (!stat.isFile()) throw Object.assign(new Error("not a regular file"), { code: "ENOTREG" });
    if (stat.size > maxBytes) throw Object.assign(new Error("too large"), { code: "EFBIG" });
    const fd = fs.openSync(file, "r");
    try {
      return readCapped(fd, maxBytes, stat.size);
    } finally {
      fs.closeSync(fd);
    }
  },
  writeFile: (file, text, secret) => {
    const { writeFileSafely } = require("../pulumi/state/file") as typeof import("../pulumi/state/file");
    writeFileSafely(file, text, secret);
  },
};

/**
 * What to do when standard output or error cannot be written: a reader that
 * stops early (`unattend diff a b | head`, EPIPE) is not an error; anything
 * else (a full disk, ENOSPC; EIO...) is one line on standard error, if it can
 * be written, and exit code 2, never a stack trace.
 */
export function outputFailed(stream: "standard output" | "standard error", e: NodeJS.ErrnoException, io: Pick<Io, "err">): number {
  if (e.code === "EPIPE") return (process.exitCode as number | undefined) ?? EXIT_OK;
  if (stream === "standard output") {
    try {
      io.err(`unattend: cannot write to standard output: ${(e.message || String(e.code)).split("\n")[0]}\n`);
    } catch {
      // standard error is gone too: the exit code says it
    }
  }
  return EXIT_USAGE;
}

/**
 * The V8 heap policy of the `unattend` process, set when it starts. V8's defaults trade memory for speed: the
 * young generation grows to two semi-spaces of 16 MiB once about 15 MB has outlived a collection, and the old
 * generation to up to four times what its last full collection kept before it collects again. Validating a
 * realistic file of 15.6 MiB then peaked at 13x its size, though it completes in a heap of 6x. The command is
 * one short process reading one set of files: its young generation keeps its first size, and its old
 * generation is collected once it has grown by 30%. The same file then peaks at 8x, for about 10% more time
 * (BENCHMARKS.md, round 8). Both flags are read by V8 each time it sizes a space, so they apply when set here,
 * once started (given at start-up, a growth factor of 1 is raised to V8's minimum of 2; a test checks that the
 * young generation keeps its first size). Only the command's own process: a program that imports the package
 * keeps its host's policy (docs/cli.md, "Memory").
 */
export const CLI_HEAP_FLAGS = "--semi-space-growth-factor=1 --heap-growing-percent=30";

if (require.main === module) {
  v8.setFlagsFromString(CLI_HEAP_FLAGS);
  process.stdout.on("error", (e: NodeJS.ErrnoException) => process.exit(outputFailed("standard output", e, nodeIo)));
  process.stderr.on("error", (e: NodeJS.ErrnoException) => process.exit(outputFailed("standard error", e, nodeIo)));
  process.exitCode = run(process.argv.slice(2), nodeIo);
}
