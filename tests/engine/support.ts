/**
 * What the language engine tests share: the CLI and hosts (scripts/pulumi.js),
 * an isolated environment per test (file:// backend, PULUMI_HOME, passphrase in
 * a temporary folder), and readers for preview output and stored state.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { REPO } from "../helpers";

export const cli = require(path.join(REPO, "scripts", "pulumi.js")) as {
  ensureCli(): string;
  ensureHost(language: "go" | "yaml" | "python"): { bin: string } | { skip: string };
  minimalHostBin(): string | undefined;
  hostsBin(): string;
  pulumiEnv(bin: string): Record<string, string>;
  sharedDir(): string;
};

export interface Sandbox {
  /** A temporary folder: state/, home/ and whatever the test puts there. */
  tmp: string;
  /** The environment for `pulumi` (PATH starting with the host folder). */
  env: Record<string, string>;
  /** Runs `pulumi args...` in cwd; never throws. */
  pulumi(args: string[], cwd: string, extraEnv?: Record<string, string>): SpawnSyncReturns<string>;
  /** Everything the file:// backend has stored. */
  storedState(): string;
  remove(): void;
}

export function sandbox(bin: string, passphrase = "language-test-passphrase"): Sandbox {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "unattend-lang-"));
  fs.mkdirSync(path.join(tmp, "state"));
  const env: Record<string, string> = {
    ...cli.pulumiEnv(bin),
    PULUMI_BACKEND_URL: `file://${path.join(tmp, "state")}`,
    PULUMI_CONFIG_PASSPHRASE: passphrase,
    PULUMI_HOME: path.join(tmp, "home"),
  };
  delete env.PULUMI_CONFIG_PASSPHRASE_FILE;
  return {
    tmp,
    env,
    pulumi: (args, cwd, extraEnv = {}) =>
      spawnSync(path.join(bin, "pulumi"), args, { cwd, env: { ...env, ...extraEnv }, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }),
    storedState: () => storedStateIn(path.join(tmp, "state")),
    remove: () => fs.rmSync(tmp, { recursive: true, force: true }),
  };
}

/** Everything under dir, as text. */
export function storedStateIn(dir: string): string {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((f) => f.isFile())
    .map((f) => fs.readFileSync(path.join(f.parentPath, f.name), "utf8"))
    .join("\n");
}

/** Lines of `preview --diff` that show one changed per-setting property (`pass/component/...: old => new`). */
export function changedLines(stdout: string): string[] {
  return stdout
    .split("\n")
    .filter((l) => /^\s+[~+-] [\w-]+\/\S+: /.test(l))
    .map((l) => l.trim());
}

/** A failed command's output, for assertion messages. */
export function output(r: SpawnSyncReturns<string>): string {
  return `exit ${r.status}\n${r.stdout}\n${r.stderr}`;
}

/** A folder under build/ (so that Node resolves this repo's node_modules from it), removed by the caller. */
export function workFolder(prefix: string): string {
  fs.mkdirSync(path.join(REPO, "build"), { recursive: true });
  return fs.mkdtempSync(path.join(REPO, "build", prefix));
}

/** The plugin runs the compiled library (plugin/index.js -> lib/): build it as it is now. */
export function buildLib(): void {
  const r = spawnSync(process.platform === "win32" ? "npm.cmd" : "npm", ["run", "--silent", "build:lib"], { cwd: REPO, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`npm run build:lib failed:\n${r.stdout}${r.stderr}`);
}

/** A resource as `pulumi stack export` has it. */
export interface ExportedResource {
  urn: string;
  type: string;
  parent?: string;
  provider?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

/** The resources of an exported stack (`pulumi stack export`'s text). */
export function exportedResources(exported: string): ExportedResource[] {
  return (JSON.parse(exported) as { deployment: { resources?: ExportedResource[] } }).deployment.resources ?? [];
}

/**
 * The state an UnattendFile keeps in a stack: the resources of the export that belong to it (the
 * component and its children), and their size in bytes, each serialised as the export has it
 * (JSON indented by four spaces).
 */
export function unattendFileState(exported: string, name: string): { resources: ExportedResource[]; bytes: number } {
  const all = exportedResources(exported);
  const component = all.find((r) => r.type === "unattend:index:UnattendFile" && r.urn.endsWith(`::${name}`));
  if (!component) throw new Error(`no UnattendFile ${name} in the exported stack`);
  const resources = [component, ...all.filter((r) => r.parent === component.urn)];
  return { resources, bytes: resources.reduce((n, r) => n + Buffer.byteLength(JSON.stringify(r, null, 4)), 0) };
}

/** The most state an UnattendFile may keep for a file of this many bytes (issue 23): 2 × the XML + 4 KB. */
export const stateBudget = (xmlBytes: number): number => 2 * xmlBytes + 4096;
