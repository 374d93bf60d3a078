/**
 * The fleet on the engine: one stack per edition × environment, one inline
 * program for all of them (the stack's name says which layers it takes),
 * operations run in a bounded pool, and a summary of what changes where read
 * from each preview's per-setting diff (Pulumi prints a secret as [secret]).
 */
import { execFile } from "node:child_process";
import * as path from "node:path";
import { promisify } from "node:util";
import * as pulumi from "@pulumi/pulumi";
import { LocalWorkspace, Stack, type LocalWorkspaceOptions, type PulumiFn } from "@pulumi/pulumi/automation";
import { UnattendFile } from "pulumi-unattend";
import { baseLayers, editionLayers, fleetStacks, machineLayers, type Fleet, type FleetStack } from "./layers";

/**
 * The program of every stack of the fleet: the stack's name picks the edition and the environment. Each
 * answer file is also written to `<outDir>/<stack>/<file>.xml` (owner-only: it holds a password), where the
 * image pipeline picks it up; `destroy` removes it.
 */
export function fleetProgram(fleet: Fleet, adminPassword: string, outDir: string): PulumiFn {
  return async () => {
    const name = pulumi.getStack();
    const stack = fleetStacks(fleet).find((s) => s.name === name);
    if (!stack)
      throw new Error(
        `the stack ${name} is not in the fleet: expected one of ${fleetStacks(fleet)
          .map((s) => s.name)
          .join(", ")}`,
      );
    const password = pulumi.secret(adminPassword);
    const files: Record<string, { sha256: pulumi.Output<string>; changes: UnattendFile["changes"] }> = {};
    for (let i = 1; i <= stack.environment.files; i++) {
      const fileName = `${stack.name}-${String(i).padStart(2, "0")}`;
      const file = new UnattendFile(fileName, {
        path: path.join(outDir, stack.name, `${fileName}.xml`),
        settings: [
          ...baseLayers(stack.environment.timeZone),
          ...editionLayers(stack.edition),
          ...machineLayers(stack.environment, stack.edition, i, password),
        ],
      });
      // sha256 is a secret (the file holds a password); changes shows a secret's values as [secret]
      files[fileName] = { sha256: file.sha256, changes: file.changes };
    }
    return { files };
  };
}

/** One setting that changes: `~` changed, `+` added, `-` removed; a secret's value is "[secret]". */
export interface SettingChange {
  stack: string;
  file: string;
  op: "~" | "+" | "-";
  key: string;
  old?: string;
  new?: string;
}

/** What a preview of one stack found. */
export interface StackPreview {
  stack: string;
  /** Resources to create, update, replace or delete. */
  changing: number;
  settings: SettingChange[];
  seconds: number;
}

/** A value as the diff prints it, a string without its JSON quotes. */
function unquote(value: string): string {
  if (!/^".*"$/.test(value)) return value;
  try {
    return String(JSON.parse(value));
  } catch {
    return value;
  }
}

/**
 * The per-setting lines of `pulumi preview --diff` (`~ pass/Component/...: old => new`), each with the file
 * (the UnattendFile's name: the last part of the urn of the resource the line is under).
 */
export function settingChanges(stack: string, stdout: string): SettingChange[] {
  const out: SettingChange[] = [];
  let file = "";
  for (const line of stdout.split("\n")) {
    // the lines are under UnattendFile's child resource (type `unattend:index:UnattendFile$...`, name `<file>-state`)
    const urn = /\[urn=urn:pulumi:[^:]*::[^:]*::unattend:index:UnattendFile\$\S*::(\S+)\]/.exec(line);
    if (urn) {
      file = urn[1].replace(/-state$/, "");
      continue;
    }
    const m = /^\s+([~+-]) ([\w-]+\/\S+): (.*)$/.exec(line);
    if (!m) continue;
    const [, op, key, rest] = m;
    if (op === "~") {
      const [old, now] = rest.split(" => ");
      out.push({ stack, file, op, key, old: unquote(old), new: unquote(now) });
    } else out.push({ stack, file, op: op as "+" | "-", key, ...(op === "+" ? { new: unquote(rest) } : { old: unquote(rest) }) });
  }
  return out;
}

/** Runs `work` on every item with at most `concurrency` at once; results in the items' order. */
export async function pool<T, R>(items: T[], concurrency: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
  return results;
}

export interface FleetOptions {
  fleet: Fleet;
  /** The folder of Pulumi.yaml; the engine starts UnattendFile's provider there, so node_modules must be reachable from it. */
  workDir: string;
  /** Where the answer files are written (`<outDir>/<stack>/<file>.xml`). */
  outDir: string;
  /** The answer files' local administrator password (a secret everywhere). */
  adminPassword: string;
  /** At most this many stack operations at once. */
  concurrency: number;
  /** Only these stacks (all when absent). */
  only?: string[];
  /** One line per started or finished operation. */
  progress?: (line: string) => void;
  /** Environment for the CLI (the backend URL, the passphrase) when not the process's own. */
  envVars?: Record<string, string>;
  /** The `pulumi` CLI to run, when not the one on PATH. */
  pulumiCommand?: LocalWorkspaceOptions["pulumiCommand"];
}

/** The fleet's stacks, created on the backend when new (each with the passphrase secrets provider). */
export async function openFleet(options: FleetOptions): Promise<{ stack: FleetStack; engine: Stack }[]> {
  const ws = await LocalWorkspace.create({
    workDir: options.workDir,
    program: fleetProgram(options.fleet, options.adminPassword, options.outDir),
    envVars: options.envVars,
    pulumiCommand: options.pulumiCommand,
    secretsProvider: "passphrase",
  });
  const wanted = fleetStacks(options.fleet).filter((s) => !options.only || options.only.includes(s.name));
  const unknown = (options.only ?? []).filter((n) => !wanted.some((s) => s.name === n));
  if (unknown.length > 0)
    throw new Error(
      `not in the fleet: ${unknown.join(", ")}; its stacks are ${fleetStacks(options.fleet)
        .map((s) => s.name)
        .join(", ")}`,
    );
  // one at a time: creating a stack writes its Pulumi.<stack>.yaml (the passphrase's salt)
  const stacks: { stack: FleetStack; engine: Stack }[] = [];
  for (const stack of wanted) stacks.push({ stack, engine: await Stack.createOrSelect(stack.name, ws) });
  return stacks;
}

/** Counts of a change summary that mean something changes. */
function changingCount(summary: Record<string, number> | undefined): number {
  return Object.entries(summary ?? {})
    .filter(([op]) => op !== "same")
    .reduce((n, [, count]) => n + count, 0);
}

function describe(p: StackPreview): string {
  if (p.changing === 0) return "no change";
  if (p.settings.length === 0) return `${p.changing} resource(s) to create, replace or delete`;
  return `${p.settings.length} setting(s) in ${p.changing} resource(s)`;
}

/** Previews every stack, `concurrency` at a time, reporting each as it finishes. */
export async function previewFleet(options: FleetOptions, stacks?: { stack: FleetStack; engine: Stack }[]): Promise<StackPreview[]> {
  const all = stacks ?? (await openFleet(options));
  let done = 0;
  return pool(all, options.concurrency, async ({ stack, engine }) => {
    const start = Date.now();
    options.progress?.(`preview ${stack.name}...`);
    const r = await engine.preview({ diff: true, color: "never" });
    const result: StackPreview = {
      stack: stack.name,
      changing: changingCount(r.changeSummary),
      settings: settingChanges(stack.name, r.stdout),
      seconds: (Date.now() - start) / 1000,
    };
    done++;
    options.progress?.(`[${done}/${all.length}] ${stack.name}: ${describe(result)} (${result.seconds.toFixed(1)} s)`);
    return result;
  });
}

export interface StackUpdate {
  stack: string;
  result: string;
  seconds: number;
}

/** Previews the fleet, then updates the stacks whose preview changes something, `concurrency` at a time. */
export async function upFleet(options: FleetOptions): Promise<{ previews: StackPreview[]; updates: StackUpdate[] }> {
  const stacks = await openFleet(options);
  const previews = await previewFleet(options, stacks);
  const changing = stacks.filter((_, i) => previews[i].changing > 0);
  let done = 0;
  const updates = await pool(changing, options.concurrency, async ({ stack, engine }) => {
    const start = Date.now();
    options.progress?.(`up ${stack.name}...`);
    const r = await engine.up({ color: "never" });
    done++;
    const seconds = (Date.now() - start) / 1000;
    options.progress?.(`[${done}/${changing.length}] ${stack.name}: ${r.summary.result} (${seconds.toFixed(1)} s)`);
    return { stack: stack.name, result: r.summary.result, seconds };
  });
  return { previews, updates };
}

/**
 * Destroys every stack's resources (and answer files), then removes the stack from the backend with its
 * history and backups (`pulumi stack rm --remove-backups`, which the Automation API does not offer).
 */
export async function destroyFleet(options: FleetOptions): Promise<void> {
  const stacks = await openFleet(options);
  await pool(stacks, options.concurrency, async ({ stack, engine }) => {
    await engine.destroy({ color: "never" });
    const ws = engine.workspace as LocalWorkspace;
    await promisify(execFile)(ws.pulumiCommand.command, ["stack", "rm", "--yes", "--remove-backups", stack.name], {
      cwd: ws.workDir,
      env: { ...process.env, ...(ws.pulumiHome ? { PULUMI_HOME: ws.pulumiHome } : {}), ...ws.envVars },
    });
    options.progress?.(`destroyed ${stack.name}`);
  });
}

/**
 * The summary table: stack, file, setting, old → new (a secret shows as [secret], as the preview printed it);
 * stacks in the fleet's order, files and settings sorted (the engine reports them in no fixed order).
 */
export function formatSummary(previews: StackPreview[]): string {
  const byFileAndKey = (a: SettingChange, b: SettingChange) => (a.file === b.file ? (a.key < b.key ? -1 : 1) : a.file < b.file ? -1 : 1);
  const rows = previews.flatMap((p) =>
    [...p.settings]
      .sort(byFileAndKey)
      .map((s) => [
        s.stack,
        s.file,
        `${s.op} ${s.key}`,
        s.op === "~" ? `${s.old} → ${s.new}` : s.op === "+" ? `(none) → ${s.new}` : `${s.old} → (none)`,
      ]),
  );
  const unchanged = previews.filter((p) => p.changing === 0).map((p) => p.stack);
  const lines: string[] = [];
  if (rows.length > 0) {
    const header = ["stack", "file", "setting", "old → new"];
    const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
    const line = (r: string[]) =>
      r
        .map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c])))
        .join("  ")
        .trimEnd();
    lines.push(line(header), ...rows.map(line));
  }
  // a stack that changes without a per-setting line: a new stack, or a file added or removed
  for (const p of previews.filter((x) => x.changing > 0 && x.settings.length === 0))
    lines.push(`${p.stack}: ${p.changing} resource(s) to create, replace or delete`);
  lines.push(
    `${previews.length - unchanged.length} of ${previews.length} stack(s) change${unchanged.length > 0 ? `; unchanged: ${unchanged.join(", ")}` : ""}`,
  );
  return lines.join("\n");
}
