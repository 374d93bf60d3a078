#!/usr/bin/env node
/**
 * The `unattend` command: validate, diff, import and render answer files.
 * Exit codes: 0 success (valid, no difference), 1 problems found (errors,
 * differences, a file that cannot be read as an answer file), 2 usage errors
 * (bad arguments, files that cannot be opened).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { extraFingerprint } from "../extras";
import { isPlainObject } from "../normalize";
import { parse as parseYaml } from "yaml";
import { analyze, type UnattendDocument } from "../api";
import { PASSES } from "../catalog";
import { UnattendValidationError } from "../errors";
import { flattenDocument, diffFlat, formatChange, type FlatValue } from "../flatten";
import { importUnattend } from "../importer";
import { parseUnattend, renderParsed, validateUnattendXml, type LocatedDiagnostic, type ParseResult } from "../parse";

export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;

class UsageError extends Error {}

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  readFile: (file: string) => Uint8Array;
  writeFile: (file: string, text: string) => void;
}

const USAGE = `Usage: unattend <command> [options]

Windows answer files (unattend.xml) from the command line.

Commands:
  validate FILE...     check answer files against the catalog of documented settings
  diff OLD NEW         the settings that differ between two answer files
  import FILE          a Pulumi program (or stack config) that declares the same file
  render CONFIG        settings in YAML or JSON -> unattend.xml

Options:
  -h, --help           show help (also: unattend <command> --help)
  -v, --version        show the version

Exit codes: 0 success, 1 problems found (errors, differences), 2 usage error.
`;

const HELP: Record<string, string> = {
  validate: `Usage: unattend validate [--format text|json] [--strict] FILE...

Reads each answer file (UTF-8 or UTF-16, "-" for standard input) and prints
its problems, one a line:

  FILE:LINE:COLUMN SEVERITY PATH MESSAGE [CODE]

Options:
  --format json   a JSON array of { file, line, column, severity, code, path, message }
  --strict        fail on warnings too
  -q, --quiet     print errors only

Exit codes: 0 no errors (no warnings with --strict), 1 problems, 2 usage error.
`,
  diff: `Usage: unattend diff [--format text|json] OLD NEW

Compares the settings of two answer files, blind to formatting, comments and
order; one line per setting, as \`pulumi preview\` shows them:

  + pass/component/path: value          added
  ~ pass/component/path: old => new     changed
  - pass/component/path: value          removed

Passwords are shown as [secret].

Exit codes: 0 same settings, 1 different, 2 usage error or a file that cannot be read.
`,
  import: `Usage: unattend import [--format ts|yaml] [options] FILE

Prints a Pulumi TypeScript program with an UnattendFile that renders the same
settings, or with --format yaml the config block of a Pulumi.<stack>.yaml for
this package's own program (keys pulumi-unattend:settings and
pulumi-unattend:architectures). Passwords are never printed: the program reads
them from secret config; the YAML leaves them out and says which
\`pulumi config set --secret\` commands store them.

Options:
  --format ts|yaml   output (default ts)
  --name NAME        the UnattendFile's resource name (default unattend)
  --module NAME      the module to import UnattendFile from (default pulumi-unattend)
  --stack NAME       stack name for the YAML header (default dev)

Exit codes: 0 printed, 1 the file cannot be read as an answer file, 2 usage error.
`,
  render: `Usage: unattend render [-o FILE] CONFIG

Renders unattend.xml from settings in YAML or JSON ("-" for standard input):
  { settings, architectures?, perArchitecture?, unvalidated? }, or a Pulumi
  stack file with pulumi-unattend:settings and pulumi-unattend:architectures,
  or just the settings (pass -> component -> setting).
An answer file (XML) is also accepted: it is written back in canonical form.

Options:
  -o, --output FILE   write the XML there instead of standard output

Exit codes: 0 rendered, 1 the settings have errors, 2 usage error.
`,
};

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

function read(io: Io, file: string): Uint8Array {
  try {
    return io.readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === "ENOENT" ? `${file}: no such file` : code === "EISDIR" ? `${file}: is a directory` : `${file}: ${(e as Error).message}`,
    );
  }
}

function line(file: string, d: LocatedDiagnostic): string {
  const where = d.line !== undefined ? `${file}:${d.line}:${d.column ?? 1}` : file;
  return `${where} ${d.severity} ${d.path} ${d.message} [${d.code}]`;
}

function options<T extends Record<string, { type: "string" | "boolean"; short?: string }>>(args: string[], spec: T) {
  try {
    return parseArgs({ args, options: { ...spec, help: { type: "boolean", short: "h" } }, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
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
  });
  if (values.help) return help(io, "validate");
  const fmt = format(values.format, ["text", "json"], "text");
  if (positionals.length === 0) throw new UsageError("validate needs at least one FILE");
  const inputs = positionals.map((f) => ({ file: f, bytes: read(io, f) }));
  let errors = 0;
  let warnings = 0;
  const json: object[] = [];
  for (const { file, bytes } of inputs) {
    const { diagnostics } = validateUnattendXml(bytes);
    for (const d of diagnostics) {
      if (d.severity === "error") errors++;
      else warnings++;
      if (values.quiet && d.severity !== "error") continue;
      if (fmt === "json") {
        json.push({ file, line: d.line ?? null, column: d.column ?? null, severity: d.severity, code: d.code, path: d.path, message: d.message });
      } else {
        io.out(line(file, d) + "\n");
      }
    }
  }
  if (fmt === "json") io.out(JSON.stringify(json, null, 2) + "\n");
  else {
    const files = inputs.length === 1 ? "1 file" : `${inputs.length} files`;
    io.err(`${files}: ${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}\n`);
  }
  return errors > 0 || (values.strict && warnings > 0) ? EXIT_PROBLEMS : EXIT_OK;
}

/** Parses a file for diff/import; reports and returns undefined when it is not an answer file. */
function load(io: Io, file: string): ParseResult | undefined {
  const parsed = parseUnattend(read(io, file));
  if (parsed.malformed) {
    for (const d of parsed.diagnostics.filter((x) => x.severity === "error")) io.err(line(file, d) + "\n");
    return undefined;
  }
  return parsed;
}

/** Flat keys whose value is a password: sensitive nodes, and anything under an element named like a password. */
function passwordKey(key: string): boolean {
  if (/\/PlainText$/.test(key)) return false;
  return key.split("/").some((s) => /password/i.test(s.replace(/\[.*$/, "")));
}

function flat(doc: UnattendDocument) {
  const { document } = analyze(doc);
  const values: Record<string, FlatValue> = {};
  const sensitive = new Set<string>();
  for (const e of flattenDocument(document).entries) {
    if (e.value === undefined) continue;
    values[e.key] = e.value;
    if (e.sensitive) sensitive.add(e.key);
  }
  return { values, sensitive, architectures: [...new Set(document.architectures)] };
}

function diff(args: string[], io: Io): number {
  const { values, positionals } = options(args, { format: { type: "string" } });
  if (values.help) return help(io, "diff");
  const fmt = format(values.format, ["text", "json"], "text");
  if (positionals.length !== 2) throw new UsageError("diff needs two files: OLD NEW");
  const [oldFile, newFile] = positionals;
  const a = load(io, oldFile);
  const b = load(io, newFile);
  if (!a || !b) return EXIT_USAGE;
  const fa = flat(a.document);
  const fb = flat(b.document);
  const masked = (k: string) => fa.sensitive.has(k) || fb.sensitive.has(k) || passwordKey(k);
  const changes = diffFlat(fa.values, fb.values, masked);
  const lines: string[] = [];
  const archA = fa.architectures.join(", ");
  const archB = fb.architectures.join(", ");
  if (archA !== archB) lines.push(`~ architectures: ${archA} => ${archB}`);
  for (const c of changes) lines.push(formatChange(c));
  // elements outside <settings>, by name and content
  const extrasA = a.extras.map((x) => `${x.name}\u0000${extraFingerprint(x.xml)}`);
  const extrasB = b.extras.map((x) => `${x.name}\u0000${extraFingerprint(x.xml)}`);
  const nameOf = (s: string) => s.slice(0, s.indexOf("\u0000"));
  for (const x of extrasA) if (!extrasB.includes(x)) lines.push(`- <${nameOf(x)}>${extrasB.some((y) => nameOf(y) === nameOf(x)) ? " (changed)" : ""}`);
  for (const x of extrasB) if (!extrasA.includes(x)) lines.push(`+ <${nameOf(x)}>${extrasA.some((y) => nameOf(y) === nameOf(x)) ? " (changed)" : ""}`);
  if (fmt === "json") {
    io.out(
      JSON.stringify(
        {
          architectures: archA !== archB ? { old: fa.architectures, new: fb.architectures } : undefined,
          changes,
          extras: lines.filter((l) => /^[+-] </.test(l)),
        },
        null,
        2,
      ) + "\n",
    );
  } else {
    for (const l of lines) io.out(l + "\n");
  }
  return lines.length > 0 ? EXIT_PROBLEMS : EXIT_OK;
}

function importCommand(args: string[], io: Io): number {
  const { values, positionals } = options(args, {
    format: { type: "string" },
    name: { type: "string" },
    module: { type: "string" },
    stack: { type: "string" },
  });
  if (values.help) return help(io, "import");
  const fmt = format(values.format, ["ts", "yaml"], "ts") as "ts" | "yaml";
  if (positionals.length !== 1) throw new UsageError("import needs one FILE");
  const file = positionals[0];
  const parsed = load(io, file);
  if (!parsed) return EXIT_PROBLEMS;
  const result = importUnattend(parsed, {
    format: fmt,
    source: file === "-" ? undefined : path.basename(file),
    resourceName: values.name as string | undefined,
    moduleName: values.module as string | undefined,
    stack: values.stack as string | undefined,
  });
  io.out(result.text);
  for (const d of parsed.diagnostics) io.err(line(file, d) + "\n");
  if (result.secrets.length) {
    io.err(`${result.secrets.length} password${result.secrets.length === 1 ? " was" : "s were"} left out; see the comments at the top.\n`);
  }
  return EXIT_OK;
}


/** The document in a YAML/JSON config, in any of the accepted shapes. */
export function documentFromConfig(value: unknown): UnattendDocument {
  if (!isPlainObject(value)) throw new UsageError("the config must be an object (settings by pass, or { settings, architectures })");
  if (isPlainObject(value.config)) {
    const c = value.config;
    const pick = (k: string) => c[`pulumi-unattend:${k}`] ?? c[k];
    const settings = pick("settings");
    if (settings === undefined) throw new UsageError("the stack config has no pulumi-unattend:settings");
    const doc = { settings, architectures: pick("architectures"), perArchitecture: pick("perArchitecture"), unvalidated: pick("unvalidated") };
    if (JSON.stringify(doc).includes('"secure":')) {
      throw new UsageError("the config holds encrypted secrets (secure: ...); this command cannot decrypt them: use `pulumi config get` or give the values in a separate file");
    }
    return doc as UnattendDocument;
  }
  if ("settings" in value) return value as unknown as UnattendDocument;
  if (Object.keys(value).some((k) => (PASSES as readonly string[]).includes(k))) return { settings: value } as UnattendDocument;
  throw new UsageError("the config has neither settings nor passes (windowsPE, specialize, oobeSystem, ...)");
}

function render(args: string[], io: Io): number {
  const { values, positionals } = options(args, { output: { type: "string", short: "o" } });
  if (values.help) return help(io, "render");
  if (positionals.length !== 1) throw new UsageError("render needs one CONFIG file");
  const file = positionals[0];
  const bytes = read(io, file);
  const text = Buffer.from(bytes).toString("utf8").replace(/^\uFEFF/, "");
  let xml: string;
  let warnings: LocatedDiagnostic[];
  try {
    if (/^\s*</.test(text) || (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
      const parsed = validateUnattendXml(bytes);
      if (parsed.malformed || parsed.diagnostics.some((d) => d.severity === "error")) {
        for (const d of parsed.diagnostics) io.err(line(file, d) + "\n");
        return EXIT_PROBLEMS;
      }
      warnings = parsed.diagnostics;
      xml = renderParsed(parsed);
    } else {
      let config: unknown;
      try {
        config = parseYaml(text);
      } catch (e) {
        io.err(`${file}: not valid YAML or JSON: ${(e as Error).message.split("\n")[0]}\n`);
        return EXIT_PROBLEMS;
      }
      const doc = documentFromConfig(config);
      const { diagnostics } = analyze(doc);
      if (diagnostics.some((d) => d.severity === "error")) throw new UnattendValidationError(diagnostics);
      warnings = diagnostics;
      xml = renderParsed({ document: doc });
    }
  } catch (e) {
    if (e instanceof UnattendValidationError) {
      for (const d of e.diagnostics) io.err(line(file, d) + "\n");
      return EXIT_PROBLEMS;
    }
    throw e;
  }
  for (const d of warnings) io.err(line(file, d) + "\n");
  if (values.output) {
    try {
      io.writeFile(values.output as string, xml);
    } catch (e) {
      throw new UsageError(`${values.output}: ${(e as Error).message}`);
    }
  } else {
    io.out(xml);
  }
  return EXIT_OK;
}

function help(io: Io, command?: string): number {
  io.out(command ? HELP[command] : USAGE);
  return EXIT_OK;
}

const COMMANDS: Record<string, (args: string[], io: Io) => number> = {
  validate,
  diff,
  import: importCommand,
  render,
};

/** Runs the CLI with the given arguments; returns the exit code. */
export function run(argv: string[], io: Io): number {
  const [command, ...rest] = argv;
  try {
    if (command === undefined) {
      io.err(USAGE);
      return EXIT_USAGE;
    }
    if (command === "-h" || command === "--help") return help(io);
    if (command === "help") return help(io, rest[0] && HELP[rest[0]] ? rest[0] : undefined);
    if (command === "-v" || command === "--version" || command === "version") {
      io.out(`${version()}\n`);
      return EXIT_OK;
    }
    const fn = COMMANDS[command];
    if (!fn) throw new UsageError(`unknown command ${JSON.stringify(command)}; commands: ${Object.keys(COMMANDS).join(", ")}`);
    return fn(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`unattend: ${e.message}\nRun \`unattend ${command && COMMANDS[command] ? `${command} ` : ""}--help\` for usage.\n`);
      return EXIT_USAGE;
    }
    io.err(`unattend: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 70;
  }
}

export const nodeIo: Io = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  readFile: (file) => (file === "-" ? fs.readFileSync(0) : fs.readFileSync(file)),
  writeFile: (file, text) => fs.writeFileSync(file, text, "utf8"),
};

if (require.main === module) {
  // a reader that stops early (`unattend diff a b | head`) is not an error
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw e;
  });
  process.exitCode = run(process.argv.slice(2), nodeIo);
}
