/**
 * The dynamic provider behind UnattendFile's state: its inputs are the
 * flattened settings (one input per simple value, so `pulumi preview --diff`
 * prints one line per changed setting), the layout that rebuilds the document
 * from them, the architectures, and optionally a file path. It renders the
 * XML, writes the file atomically, removes it on destroy, and reports a file
 * edited or deleted outside Pulumi on refresh.
 *
 * This code is serialised into the stack: it uses only Node built-ins (loaded
 * inside the methods) and renderDocument (whose only dependency, xmlbuilder2,
 * is loaded by name).
 */
import * as pulumi from "@pulumi/pulumi";
import { ARCHITECTURES, PASSES } from "./catalog/types";
import { diffFlat, type FlatChange, type FlatValue, type LayoutComponent, type LayoutNode } from "./flatten";
import type { ComponentNode, SettingNode } from "./model";
import { renderDocument } from "./render";

/** Output names added by the provider (setting inputs are the keys that contain "/"). */
export const OUTS = ["xml", "sha256", "changes"] as const;

export const FILE_WRITTEN = "written";
export const FILE_MISSING = "missing: deleted outside Pulumi";
export const FILE_MODIFIED = "modified outside Pulumi";

export interface StateInputs {
  [key: string]: unknown;
  architectures: string[];
  layout: LayoutComponent[];
  path?: string;
  fileState?: string;
  secretKeys?: string[];
  /** Elements outside <settings>, as given. */
  extras?: { xml: string; placement?: "before" | "after" }[];
}

export interface StateOutputs extends StateInputs {
  xml: string;
  sha256: string;
  changes: FlatChange[];
}

/** Rebuilds the document from the state's inputs and renders it. */
export function renderState(inputs: StateInputs): string {
  const text = (v: unknown): string => (typeof v === "boolean" ? (v ? "true" : "false") : v === undefined || v === null ? "" : String(v));
  const build = (nodes: LayoutNode[], path: string[]): SettingNode[] =>
    nodes.map((l) => {
      const n: SettingNode = { name: l.n, path };
      if (l.a) n.action = l.a as SettingNode["action"];
      if (l.k !== undefined) n.keyValue = l.k;
      if (l.z) n.nil = true;
      else if (l.c) n.children = build(l.c, path);
      else if (l.o !== undefined) n.children = build(JSON.parse(String(inputs[l.o])) as LayoutNode[], path);
      else if (l.v !== undefined) n.text = text(inputs[l.v]);
      else n.text = l.t ?? "";
      return n;
    });
  const components: ComponentNode[] = [];
  for (const c of inputs.layout) {
    const settings = build(c.s, [c.p, c.n]);
    for (const architecture of c.r ? [c.r] : inputs.architectures) {
      components.push({ pass: c.p, name: c.n, architecture, path: [], settings });
    }
  }
  // shared and per-architecture components interleave: sort them as normalize() does
  const passes: readonly string[] = PASSES;
  const archs: readonly string[] = ARCHITECTURES;
  components.sort(
    (a, b) =>
      passes.indexOf(a.pass) - passes.indexOf(b.pass) ||
      (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) ||
      archs.indexOf(a.architecture) - archs.indexOf(b.architecture),
  );
  const extras = (inputs.extras ?? []).map((e, i) => ({ xml: e.xml, path: ["extras", i] }));
  return renderDocument({ architectures: inputs.architectures, components, diagnostics: [], extras });
}

/** The settings entries (keys with "/") of a state. */
export function settingsOf(props: Record<string, unknown>): Record<string, FlatValue> {
  const out: Record<string, FlatValue> = {};
  for (const [k, v] of Object.entries(props)) {
    if (k.includes("/")) out[k] = v as FlatValue;
  }
  return out;
}

/** What changed between two states, with secret values masked. */
export function changesBetween(olds: Record<string, unknown>, news: StateInputs): FlatChange[] {
  const secret = new Set([...((olds.secretKeys as string[] | undefined) ?? []), ...(news.secretKeys ?? [])]);
  return diffFlat(settingsOf(olds), settingsOf(news), (key) => secret.has(key));
}

function sha256(text: string): string {
  const crypto: typeof import("node:crypto") = require("node:crypto");
  return crypto.createHash("sha256").update(text, "utf8").digest("hex");
}

/** Writes the file atomically: a temporary file in the same folder, then a rename. */
export function writeFileAtomic(file: string, text: string): void {
  const fs: typeof import("node:fs") = require("node:fs");
  const nodePath: typeof import("node:path") = require("node:path");
  const target = nodePath.resolve(file);
  fs.mkdirSync(nodePath.dirname(target), { recursive: true });
  const tmp = `${target}.${process.pid}.${Date.now()}.tmp`;
  try {
    fs.writeFileSync(tmp, text, { encoding: "utf8" });
    fs.renameSync(tmp, target);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

function materialize(inputs: StateInputs, olds: Record<string, unknown>): StateOutputs {
  const xml = renderState(inputs);
  if (inputs.path) writeFileAtomic(inputs.path, xml);
  return { ...inputs, xml, sha256: sha256(xml), changes: changesBetween(olds, inputs) };
}

/** The state of the file on disk, compared with what Pulumi wrote. */
export function fileStateOf(file: string, expectedSha256: string): string {
  const fs: typeof import("node:fs") = require("node:fs");
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    return FILE_MISSING;
  }
  return sha256(text) === expectedSha256 ? FILE_WRITTEN : FILE_MODIFIED;
}

export const unattendStateProvider: pulumi.dynamic.ResourceProvider = {
  async create(inputs: StateInputs) {
    const crypto: typeof import("node:crypto") = require("node:crypto");
    return { id: crypto.randomUUID(), outs: materialize(inputs, {}) };
  },

  async update(_id: string, olds: StateOutputs, news: StateInputs) {
    if (olds.path && olds.path !== news.path) {
      const fs: typeof import("node:fs") = require("node:fs");
      fs.rmSync(olds.path, { force: true });
    }
    return { outs: materialize(news, olds) };
  },

  async delete(_id: string, props: StateOutputs) {
    if (props.path) {
      const fs: typeof import("node:fs") = require("node:fs");
      fs.rmSync(props.path, { force: true });
    }
  },

  async read(id: string, props: StateOutputs) {
    if (!props.path) return { id, props };
    const fileState = fileStateOf(props.path, props.sha256);
    const inputs: Record<string, unknown> = { ...props, fileState };
    for (const k of OUTS) delete inputs[k];
    return { id, props: { ...props, fileState }, inputs };
  },
};

/** The child resource that holds UnattendFile's flattened state. */
export class UnattendState extends pulumi.dynamic.Resource {
  declare readonly xml: pulumi.Output<string>;
  declare readonly sha256: pulumi.Output<string>;
  declare readonly changes: pulumi.Output<FlatChange[]>;

  constructor(name: string, props: Record<string, pulumi.Input<unknown>>, opts?: pulumi.CustomResourceOptions) {
    super(
      unattendStateProvider,
      name,
      { ...props, xml: undefined, sha256: undefined, changes: undefined },
      { ...opts, additionalSecretOutputs: ["xml"] },
      "unattend",
      "UnattendState",
    );
  }
}
