/**
 * The cost of UnattendFile in a real deployment, against plain
 * ComponentResources (the floor), with the real Pulumi CLI and a file://
 * backend: `pulumi up` and `pulumi preview` of N = 1, 10, 50 components (20
 * settings each), a one-setting-change preview against a no-change preview,
 * the exported state per component (20 settings; the maximal document) against
 * its XML, and the start-up cost of `require("pulumi-unattend")` (and of
 * `pulumi-unattend/core` when the package exports it) against `node -e 0`.
 * A second floor, "dynamic", gives each plain component a child dynamic
 * resource whose provider does nothing: what the engine and Pulumi's
 * dynamic-provider plugin cost any component that keeps state of its own.
 *
 * Each variant is installed the way users install it: a copy of the package
 * (package.json + lib/) in the program's node_modules. Variants run
 * interleaved in one process, so that compare like with like on a shared
 * machine. Set BENCH_BASELINE to another package folder (package.json + lib/,
 * e.g. an older commit's `npm run build:lib`) to measure it side by side.
 *
 *   npm run build:lib && npm run build && node build/bench/engine.bench.js
 *   BENCH_BASELINE=/tmp/pkg-before BENCH_REPS=3 node build/bench/engine.bench.js
 *
 * BENCH_NS (default "1,10,50") and BENCH_REPS (default 3) trade time for noise. BENCH_SKIP_CHECKPOINTS=1
 * adds the dynamic floor and the current package run with PULUMI_SKIP_CHECKPOINTS=true (what the engine's
 * rewriting of the whole state after each step costs). BENCH_PAD=<characters> adds the dynamic floor
 * whose child stores that many characters as an input and again as an output (UnattendFile's bytes
 * without its work); BENCH_SHAPED=1, the dynamic floor whose child has an UnattendFile state's own
 * properties and values (the engine's and the SDK's cost of that state, without our code).
 * BENCH_TABLE_ONLY=1 stops after the table; BENCH_EXPORT=<folder> keeps each exported state there.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { renderUnattend, type UnattendDocument } from "../components";
import { flattenDocument } from "../components/core/flatten";
import { normalize } from "../components/core/normalize";
import { maximalSettings } from "./maximal";
import { machine } from "./stats";

const REPO = path.resolve(__dirname, "../..");
const WORK = path.join(REPO, "build", "bench-engine");
const REPS = Number(process.env.BENCH_REPS ?? 3);
const NS = (process.env.BENCH_NS ?? "1,10,50").split(",").map(Number);
const PASSPHRASE = "bench-passphrase";

const cli = require(path.join(REPO, "scripts", "pulumi.js")) as {
  ensureCli(): string;
  pulumiEnv(bin: string): Record<string, string>;
};

// ---------------------------------------------------------------------------------------------
// Documents

/** 20 settings as a user writes them, one of them a secret password. */
function twentySettings(i: number, change: boolean): UnattendDocument["settings"] {
  return {
    specialize: {
      "Microsoft-Windows-Shell-Setup": {
        ComputerName: `WS-${String(i).padStart(3, "0")}`,
        TimeZone: change ? "W. Europe Standard Time" : "UTC",
        RegisteredOrganization: "Contoso",
        RegisteredOwner: "Operations",
      },
      "Microsoft-Windows-Deployment": {
        RunSynchronous: [
          { Path: "powershell -NoProfile -Command Set-NetFirewallProfile -Enabled True", Description: "firewall on" },
          { Path: "cmd /c reg add HKLM\\Software\\Contoso /v Imaged /t REG_DWORD /d 1 /f", WillReboot: "Never" },
        ],
      },
    },
    generalize: { "Microsoft-Windows-WorkstationService": { AllowInsecureGuestAuth: 0 } },
    oobeSystem: {
      "Microsoft-Windows-Shell-Setup": {
        OOBE: { HideEULAPage: true, HideOnlineAccountScreens: true, HideWirelessSetupInOOBE: true, ProtectYourPC: 3 },
        UserAccounts: { AdministratorPassword: { Value: "@SECRET@", PlainText: false } },
      },
      "Microsoft-Windows-International-Core": { InputLocale: "en-US", SystemLocale: "en-US", UILanguage: "en-US", UserLocale: "en-US" },
    },
  } as UnattendDocument["settings"];
}

/** The flat settings and the layout an UnattendFile's state child gets for these settings (the password still "@SECRET@"). */
function shapeOf(settings: UnattendDocument["settings"]): { settings: Record<string, unknown>; layout: string } {
  const flat = flattenDocument(normalize({ settings } as UnattendDocument));
  const value = (e: (typeof flat.entries)[number]) => (e.sensitive ? `@SECRET@:${String(e.value)}` : e.value);
  return { settings: Object.fromEntries(flat.entries.map((e) => [e.key, value(e)])), layout: JSON.stringify(flat.layout) };
}

// ---------------------------------------------------------------------------------------------
// Programs

const PROGRAM = `"use strict";
const pulumi = require("@pulumi/pulumi");
const n = Number(process.env.BENCH_N);
const kind = process.env.BENCH_KIND;
const change = process.env.BENCH_CHANGE === "1";
const docs = require("./documents.json");
/** Puts the password back as a secret. */
function withSecret(v) {
  if (v === "@SECRET@") return pulumi.secret("Bench-Pa55word-" + "secret");
  if (typeof v === "string" && v.startsWith("@SECRET@:")) return pulumi.secret(v.slice(9));
  if (Array.isArray(v)) return v.map(withSecret);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, withSecret(x)]));
  return v;
}
if (kind === "floor" || kind === "dynamic" || kind === "sized" || kind === "shaped") {
  // the floor: plain components; "dynamic": each with a child dynamic resource whose provider does nothing
  // (the engine's and the dynamic-provider plugin's own cost, which any component with per-setting preview lines pays);
  // "sized": the same child carrying BENCH_PAD characters of input, which its create copies to an output
  // (the state an UnattendFile keeps, without any of its work)
  const pad = kind === "sized" ? "p".repeat(Number(process.env.BENCH_PAD)) : undefined;
  // "shaped": the child has an UnattendFile state's very properties (its flat settings, one of them a secret, the
  // layout, path, architectures...) and its create returns them with outputs of the same sizes: the engine's and the
  // SDK's cost of that state, without any of our code
  const provider = {
    async create(inputs) {
      // (the outputs an UnattendFile state returns: the settings packed, 888 characters for these, and the digest)
      if (kind === "shaped") {
        const outs = { stateVersion: 1, applied: "a".repeat(888), sha256: "0".repeat(64), changes: [] };
        return { id: "x", outs: { ...outs, path: inputs.path, fileState: inputs.fileState } };
      }
      return { id: "x", outs: inputs.pad === undefined ? {} : { copy: inputs.pad } };
    },
  };
  class Nothing extends pulumi.dynamic.Resource {
    constructor(name, props, opts) {
      super(provider, name, props, opts, "bench", "Nothing");
    }
  }
  class Plain extends pulumi.ComponentResource {
    constructor(name, i) {
      super("bench:index:Plain", name, {}, {});
      const value = change && i === 0 ? 1 : 0;
      if (kind === "dynamic") new Nothing(name + "-state", { value }, { parent: this });
      if (kind === "sized") new Nothing(name + "-state", { value, pad }, { parent: this });
      if (kind === "shaped") {
        const shape = docs.shaped[change && i === 0 ? "changed" : "plain"][i];
        const props = { stateVersion: 1, architectures: ["amd64"], fileState: "written", path: __dirname + "/files/" + name + ".xml" };
        new Nothing(name + "-state", { ...props, settings: withSecret(shape.settings), layout: shape.layout, changes: undefined }, {
          parent: this,
          additionalSecretOutputs: ["applied", "sha256"],
        });
      }
      this.registerOutputs({});
    }
  }
  for (let i = 0; i < n; i++) new Plain("image-" + i, i);
} else {
  const { UnattendFile } = require("pulumi-unattend");
  for (let i = 0; i < n; i++) {
    const settings = kind === "maximal" ? docs.maximal : docs.twenty[i === 0 && change ? "changed" : "plain"][i];
    new UnattendFile("image-" + i, { settings: withSecret(settings), architectures: ["amd64"] });
  }
}
`;

interface Variant {
  name: string;
  dir: string;
  /** What the program declares: plain components, components with a do-nothing dynamic child, or UnattendFiles. */
  kind: "floor" | "dynamic" | "sized" | "shaped" | "unattend";
  /** The package folder installed in node_modules (UnattendFile variants). */
  pkg?: string;
  /** Environment for every pulumi command of this variant (PULUMI_SKIP_CHECKPOINTS: the engine's share). */
  env?: Record<string, string>;
}

function install(variant: Variant, documents: unknown): void {
  fs.rmSync(variant.dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(variant.dir, "state"), { recursive: true });
  fs.writeFileSync(
    path.join(variant.dir, "Pulumi.yaml"),
    `name: bench\nruntime:\n  name: nodejs\n  options:\n    typescript: false\nmain: index.js\n`,
  );
  fs.writeFileSync(path.join(variant.dir, "index.js"), PROGRAM);
  // a project of its own: else Node resolves "pulumi-unattend" to this repository (a package may require itself by name)
  fs.writeFileSync(path.join(variant.dir, "package.json"), `{ "name": "bench-${variant.name}", "private": true }\n`);
  fs.writeFileSync(path.join(variant.dir, "documents.json"), JSON.stringify(documents));
  if (variant.pkg) {
    const to = path.join(variant.dir, "node_modules", "pulumi-unattend");
    fs.mkdirSync(to, { recursive: true });
    fs.copyFileSync(path.join(variant.pkg, "package.json"), path.join(to, "package.json"));
    fs.cpSync(path.join(variant.pkg, "lib"), path.join(to, "lib"), { recursive: true });
  }
}

let bin = "";
function env(variant: Variant, extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    ...cli.pulumiEnv(bin),
    PULUMI_BACKEND_URL: `file://${path.join(variant.dir, "state")}`,
    PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
    PULUMI_HOME: path.join(WORK, "home"),
    ...variant.env,
    ...extra,
  };
}

/** Runs pulumi in the variant's folder; returns wall seconds and stdout. */
function pulumi(variant: Variant, args: string[], extra: Record<string, string> = {}): { seconds: number; stdout: string } {
  const start = process.hrtime.bigint();
  const r = spawnSync(path.join(bin, "pulumi"), [...args, "--non-interactive"], {
    cwd: variant.dir,
    env: env(variant, extra),
    encoding: "utf8",
    maxBuffer: 1 << 28,
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.status !== 0) throw new Error(`pulumi ${args.join(" ")} in ${variant.name} failed:\n${r.stdout}\n${r.stderr}`);
  return { seconds, stdout: r.stdout };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Deploys `n` components of `kind` on a fresh stack; times up, a no-change preview and a one-setting-change preview. */
function deploy(variant: Variant, kind: string, n: number, stack: string) {
  const vars = { BENCH_N: String(n), BENCH_KIND: variant.kind === "unattend" ? kind : variant.kind };
  pulumi(variant, ["stack", "init", stack], vars);
  const up = pulumi(variant, ["up", "--yes", "--skip-preview", "--stack", stack], vars).seconds;
  const preview = pulumi(variant, ["preview", "--stack", stack], vars).seconds;
  const changed = pulumi(variant, ["preview", "--diff", "--stack", stack], { ...vars, BENCH_CHANGE: "1" });
  const exported = pulumi(variant, ["stack", "export", "--stack", stack], vars).stdout;
  // BENCH_EXPORT: a folder to keep each exported state in, to see where the bytes go
  if (process.env.BENCH_EXPORT) {
    fs.mkdirSync(process.env.BENCH_EXPORT, { recursive: true });
    fs.writeFileSync(path.join(process.env.BENCH_EXPORT, `${variant.name}-${kind}-${stack}.json`), exported);
  }
  pulumi(variant, ["stack", "rm", "--yes", "--force", stack], vars);
  return { up, preview, changed: changed.seconds, changedOutput: changed.stdout, state: Buffer.byteLength(exported) };
}

/** Median wall seconds of `node -e <code>` in `dir`, interleaved over the given snippets. */
function startup(dir: string, snippets: Record<string, string>, runs = 15): Record<string, number> {
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(snippets).map((k) => [k, []]));
  for (let r = 0; r < runs + 2; r++) {
    for (const [name, code] of Object.entries(snippets)) {
      const start = process.hrtime.bigint();
      const p = spawnSync(process.execPath, ["-e", code], { cwd: dir, encoding: "utf8" });
      const s = Number(process.hrtime.bigint() - start) / 1e9;
      if (p.status !== 0) throw new Error(`node -e ${code} failed: ${p.stderr}`);
      if (r >= 2) times[name].push(s);
    }
  }
  return Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

function main(): void {
  bin = cli.ensureCli();
  fs.rmSync(WORK, { recursive: true, force: true });
  fs.mkdirSync(WORK, { recursive: true });

  const maximal = maximalSettings();
  const secretless = (s: unknown): unknown => JSON.parse(JSON.stringify(s).replaceAll('"@SECRET@"', '"Bench-Pa55word-secret"'));
  const twentyDoc: UnattendDocument = { settings: secretless(twentySettings(0, false)) as UnattendDocument["settings"] };
  const twentyCount = flattenDocument(normalize(twentyDoc)).entries.length;
  // the password is one setting, flattened to Value and PlainText when given as plain text
  if (twentyCount !== 21) throw new Error(`the 20-settings document flattens to ${twentyCount} keys, not 20 + 1`);
  const xml20 = Buffer.byteLength(renderUnattend(twentyDoc));
  const xmlMax = Buffer.byteLength(renderUnattend({ settings: maximal.settings } as unknown as UnattendDocument));
  const count = Math.max(...NS);
  const documents = {
    twenty: {
      plain: Array.from({ length: count }, (_, i) => twentySettings(i, false)),
      changed: Array.from({ length: count }, (_, i) => twentySettings(i, i === 0)),
    },
    maximal: maximal.settings,
    shaped: {
      plain: Array.from({ length: count }, (_, i) => shapeOf(twentySettings(i, false))),
      changed: Array.from({ length: count }, (_, i) => shapeOf(twentySettings(i, i === 0))),
    },
  };

  const variants: Variant[] = [
    { name: "floor", dir: path.join(WORK, "floor"), kind: "floor" },
    { name: "dynamic", dir: path.join(WORK, "dynamic"), kind: "dynamic" },
    { name: "current", dir: path.join(WORK, "current"), kind: "unattend", pkg: REPO },
  ];
  if (process.env.BENCH_BASELINE)
    variants.push({ name: "baseline", dir: path.join(WORK, "baseline"), kind: "unattend", pkg: path.resolve(process.env.BENCH_BASELINE) });
  // BENCH_PAD=<characters>: the dynamic floor whose child also stores that many characters twice (input and
  // output), sized to match UnattendFile's state per component: what the same bytes cost without our code
  // BENCH_SHAPED=1: the dynamic floor whose child has an UnattendFile state's properties, values and sizes
  if (process.env.BENCH_SHAPED === "1") variants.push({ name: "dynamic-shaped", dir: path.join(WORK, "dynamic-shaped"), kind: "shaped" });
  if (process.env.BENCH_PAD)
    variants.push({ name: "dynamic-sized", dir: path.join(WORK, "dynamic-sized"), kind: "sized", env: { BENCH_PAD: process.env.BENCH_PAD } });
  // BENCH_SKIP_CHECKPOINTS=1: the dynamic floor and the current package again with PULUMI_SKIP_CHECKPOINTS=true,
  // the engine writing the state once at the end instead of after every step (what the checkpoints cost)
  if (process.env.BENCH_SKIP_CHECKPOINTS === "1") {
    const skip = { PULUMI_SKIP_CHECKPOINTS: "true" };
    variants.push({ name: "dynamic-nocp", dir: path.join(WORK, "dynamic-nocp"), kind: "dynamic", env: skip });
    variants.push({ name: "current-nocp", dir: path.join(WORK, "current-nocp"), kind: "unattend", pkg: REPO, env: skip });
  }
  for (const v of variants) install(v, documents);

  console.log(`machine: ${machine()}`);
  console.log(`date: ${new Date().toISOString().slice(0, 10)}`);
  console.log(
    `pulumi: ${pulumi(variants[0], ["version"]).stdout.trim()}; ${REPS} rep(s), variants interleaved: ${variants.map((v) => v.name).join(", ")}`,
  );
  console.log(`20-settings document: XML ${kb(xml20)}; maximal document: ${maximal.count} settings, XML ${kb(xmlMax)}`);

  // empty stacks: the state every variant starts from
  const empty: Record<string, number> = {};
  for (const v of variants) {
    const vars = { BENCH_N: "0", BENCH_KIND: "floor" };
    pulumi(v, ["stack", "init", "empty"], vars);
    pulumi(v, ["up", "--yes", "--skip-preview", "--stack", "empty"], vars);
    empty[v.name] = Buffer.byteLength(pulumi(v, ["stack", "export", "--stack", "empty"], vars).stdout);
    pulumi(v, ["stack", "rm", "--yes", "--force", "empty"], vars);
  }

  type Row = { up: number[]; preview: number[]; changed: number[]; state: number[] };
  const results: Record<string, Record<number, Row>> = {};
  const lines: Record<string, string> = {};
  for (let rep = 0; rep < REPS; rep++) {
    for (const n of NS) {
      // rotate the order each rep, so no variant always runs first
      const order = variants.map((_, i) => variants[(i + rep + n) % variants.length]);
      for (const v of order) {
        const r = deploy(v, "twenty", n, `n${n}-r${rep}`);
        const row = ((results[v.name] ??= {})[n] ??= { up: [], preview: [], changed: [], state: [] });
        row.up.push(r.up);
        row.preview.push(r.preview);
        row.changed.push(r.changed);
        row.state.push(r.state);
        if (n === 1) lines[v.name] = r.changedOutput;
      }
    }
  }

  console.log("\nmedian wall seconds (ratio to the floor of the same N; dynamic: each component with a do-nothing dynamic child):");
  console.log("| variant | N | up | preview (no change) | preview (one setting changed) | state per component |");
  console.log("| --- | --- | --- | --- | --- | --- |");
  for (const n of NS) {
    const floor = results.floor[n];
    for (const v of variants) {
      const row = results[v.name][n];
      const ratio = (xs: number[], fs: number[]) => (v.name === "floor" ? "" : ` (${(median(xs) / median(fs)).toFixed(2)}×)`);
      const perComponent = (median(row.state) - empty[v.name]) / n;
      console.log(
        `| ${v.name} | ${n} | ${median(row.up).toFixed(2)} s${ratio(row.up, floor.up)} | ${median(row.preview).toFixed(2)} s${ratio(row.preview, floor.preview)} | ${median(row.changed).toFixed(2)} s${ratio(row.changed, floor.preview)} | ${kb(perComponent)} |`,
      );
    }
  }
  for (const v of variants.filter((x) => x.pkg && lines[x.name] !== undefined)) {
    const shown = lines[v.name].split("\n").filter((l) => /^\s+[~+-] .*TimeZone/.test(l));
    console.log(`${v.name}: one-setting change preview --diff shows: ${shown.map((l) => l.trim()).join(" | ") || "(no per-setting line)"}`);
  }

  // BENCH_TABLE_ONLY=1: the table above only (a long run at large N)
  if (process.env.BENCH_TABLE_ONLY === "1") return;
  // the maximal document, one component
  console.log("\nstate of one UnattendFile (exported, minus the empty stack) against its XML:");
  for (const v of variants.filter((x) => x.pkg)) {
    const r = deploy(v, "maximal", 1, "maximal");
    const per20 = (median(results[v.name][NS.includes(10) ? 10 : NS[0]].state) - empty[v.name]) / (NS.includes(10) ? 10 : NS[0]);
    const perMax = r.state - empty[v.name];
    console.log(
      `  ${v.name}: 20 settings ${kb(per20)} (${(per20 / xml20).toFixed(1)}× its XML; target ≤ 2×XML + 4 KB = ${kb(2 * xml20 + 4096)}); ` +
        `maximal ${kb(perMax)} (${(perMax / xmlMax).toFixed(1)}× its XML; target ${kb(2 * xmlMax + 4096)})`,
    );
  }
  console.log(
    `  floor: a plain component ${kb((median(results.floor[NS.includes(10) ? 10 : NS[0]].state) - empty.floor) / (NS.includes(10) ? 10 : NS[0]))}`,
  );

  // start-up
  console.log("\nstart-up, median of 15 runs of node -e (interleaved):");
  for (const v of variants.filter((x) => x.pkg)) {
    const pkgJson = JSON.parse(fs.readFileSync(path.join(v.dir, "node_modules", "pulumi-unattend", "package.json"), "utf8")) as {
      exports?: Record<string, unknown>;
    };
    const snippets: Record<string, string> = { "node -e 0": "0", 'require("pulumi-unattend")': 'require("pulumi-unattend")' };
    if (pkgJson.exports?.["./core"]) snippets['require("pulumi-unattend/core")'] = 'require("pulumi-unattend/core")';
    const t = startup(v.dir, snippets);
    const base = t["node -e 0"];
    console.log(
      `  ${v.name}: ` +
        Object.entries(t)
          .map(([k, s]) => `${k} ${(s * 1000).toFixed(0)} ms (${(s / base).toFixed(2)}×)`)
          .join("; "),
    );
  }
}

main();
