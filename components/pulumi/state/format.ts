/**
 * The state of UnattendFile's child resource (UnattendState) as Pulumi stores
 * it in users' stacks: format v1, documented in docs/state.md. This module
 * reads it (and, through ./v0, the format before versions), rebuilds the
 * document from it, and compares two states. Pure.
 *
 * The provider's code is serialised into the stack when the package is not
 * loaded from node_modules (a checkout): keep this module's dependencies to
 * render.ts, flatten.ts and normalize's component order, which load no catalog.
 */
import {
  componentKey,
  elementKey,
  type FlatChange,
  type FlatValue,
  type LayoutComponent,
  type LayoutElement,
  type LayoutObject,
} from "../../core/flatten";
import type { ComponentNode, ExtraNode, NormalDocument, SettingNode } from "../../core/model";
import { compareComponents } from "../../core/normalize";
import { renderDocument } from "../../core/render";

/** The version this code writes. */
export const STATE_VERSION = 1;

/** `fileState` values: the file holds what Pulumi wrote, or was changed outside Pulumi. */
export const FILE_WRITTEN = "written";
export const FILE_MISSING = "missing: deleted outside Pulumi";
export const FILE_MODIFIED = "modified outside Pulumi";
export const FILE_NOT_A_FILE = "not a file: replaced outside Pulumi";

/** An element outside `<settings>`, as stored. */
export interface StateExtra {
  xml: string;
  /** Given as a secret: the file is then written readable by its owner only. */
  secret?: true;
}

/** What rebuilds the document (the layout parsed): the part of the inputs the provider keeps in `applied`. */
export interface AppliedState {
  settings: Record<string, FlatValue>;
  layout: LayoutComponent[];
  architectures: string[];
  extras: StateExtra[];
}

/** The inputs of UnattendState, v1 (plus the engine's `__provider`). */
export interface StateInputs {
  stateVersion: typeof STATE_VERSION;
  settings: Record<string, FlatValue>;
  /**
   * The layout as JSON text: the engine stores a string on one line, where it
   * would store an array of objects pretty-printed (about four times the bytes).
   * Previews still show a change to it as a structured (json) diff.
   */
  layout: string;
  architectures: string[];
  /** Absent when there are none. */
  extras?: StateExtra[];
  /** Absolute path of the file to write. */
  path?: string;
  /** Always FILE_WRITTEN in a program; a refresh records what it found. */
  fileState?: string;
}

/** The outputs of UnattendState, v1 (plus the engine's `__provider`). */
export interface StateOutputs {
  stateVersion: typeof STATE_VERSION;
  /** The inputs last applied (PackedState): base64 of gzip of its JSON. Secret. */
  applied: string;
  /** Hex SHA-256 of the XML rendered (and written, with `path`). */
  sha256: string;
  /** What the last create or update changed, secret values masked. */
  changes: FlatChange[];
  path?: string;
  fileState?: string;
}

/** A state of any version, read into one shape. */
export interface State extends AppliedState {
  path?: string;
  fileState?: string;
  /** Of what was last rendered (outputs only). */
  sha256?: string;
}

/** Thrown for a state this code cannot read. */
export class StateFormatError extends Error {
  override name = "StateFormatError";
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The state described by a v1 input object. */
export function readInputs(inputs: Record<string, unknown>): State {
  if (inputs.stateVersion !== STATE_VERSION) throw new StateFormatError(`inputs of state version ${String(inputs.stateVersion)}`);
  if (!isObject(inputs.settings) || typeof inputs.layout !== "string" || !Array.isArray(inputs.architectures)) {
    throw new StateFormatError("the inputs lack settings, layout or architectures (or they are not known yet)");
  }
  return {
    settings: inputs.settings as Record<string, FlatValue>,
    layout: JSON.parse(inputs.layout) as LayoutComponent[],
    architectures: inputs.architectures as string[],
    extras: Array.isArray(inputs.extras) ? (inputs.extras as StateExtra[]) : [],
    ...file(inputs),
  };
}

/** The inputs that describe a state (what `read` reports after a refresh). */
export function inputsOf(state: State): StateInputs {
  const inputs: StateInputs = {
    stateVersion: STATE_VERSION,
    settings: state.settings,
    layout: JSON.stringify(state.layout),
    architectures: state.architectures,
  };
  if (state.extras.length) inputs.extras = state.extras;
  if (state.path !== undefined) inputs.path = state.path;
  if (state.fileState !== undefined) inputs.fileState = state.fileState;
  return inputs;
}

function file(v: Record<string, unknown>): Pick<State, "path" | "fileState"> {
  const out: Pick<State, "path" | "fileState"> = {};
  if (typeof v.path === "string" && v.path !== "") out.path = v.path;
  if (typeof v.fileState === "string") out.fileState = v.fileState;
  return out;
}

/**
 * The JSON that `applied` holds gzipped: the layout, and the settings' values
 * in the layout's order (their keys follow from the layout, as settingKeys
 * lists them), the architectures and the extras.
 */
export interface PackedState {
  layout: LayoutComponent[];
  values: FlatValue[];
  architectures: string[];
  extras: StateExtra[];
}

/** Packs the applied state for the `applied` output. */
export function pack(state: AppliedState): string {
  const zlib: typeof import("node:zlib") = require("node:zlib");
  const packed: PackedState = {
    layout: state.layout,
    values: settingKeys(state.layout).map((k) => state.settings[k]),
    architectures: state.architectures,
    extras: state.extras,
  };
  return zlib.gzipSync(JSON.stringify(packed), { level: 9 }).toString("base64");
}

/** Reads the `applied` output. */
export function unpack(applied: string): AppliedState {
  const zlib: typeof import("node:zlib") = require("node:zlib");
  const packed = JSON.parse(zlib.gunzipSync(Buffer.from(applied, "base64")).toString("utf8")) as PackedState;
  if (!Array.isArray(packed.layout) || !Array.isArray(packed.values) || !Array.isArray(packed.architectures)) {
    throw new StateFormatError("`applied` lacks layout, values or architectures");
  }
  const keys = settingKeys(packed.layout);
  if (keys.length !== packed.values.length) throw new StateFormatError(`\`applied\` has ${packed.values.length} values for ${keys.length} settings`);
  return {
    settings: Object.fromEntries(keys.map((k, i) => [k, packed.values[i]])),
    layout: packed.layout,
    architectures: packed.architectures,
    extras: Array.isArray(packed.extras) ? packed.extras : [],
  };
}

/** Visits every element of a layout with its setting key. */
export function walkLayout(layout: LayoutComponent[], visit: (el: LayoutObject, key: string) => void): void {
  const walk = (elements: LayoutElement[], base: string) => {
    for (const e of elements) {
      const el: LayoutObject = typeof e === "string" ? { name: e } : e;
      const key = elementKey(base, el.name, el.item);
      visit(el, key);
      if (el.children) walk(el.children, key);
    }
  };
  for (const c of layout) walk(c.elements, componentKey(c.pass, c.component, c.architecture));
}

/** The keys of the settings a layout describes, in its order: every element without children. */
export function settingKeys(layout: LayoutComponent[]): string[] {
  const keys: string[] = [];
  walkLayout(layout, (el, key) => {
    if (!el.children) keys.push(key);
  });
  return keys;
}

/** The keys of the settings whose values are secret. */
export function secretKeys(layout: LayoutComponent[]): Set<string> {
  const keys = new Set<string>();
  walkLayout(layout, (el, key) => {
    if (el.secret) keys.add(key);
  });
  return keys;
}

/**
 * The attributes a layout writes, as `key/@wcm:action`, `key/@wcm:keyValue`
 * and `key/@xsi:nil` (the names `unattend diff` prints), with the keys whose
 * value is secret (an SNMP community is the keyValue of a secret item).
 */
export function layoutAttributes(layout: LayoutComponent[]): { values: Record<string, FlatValue>; secret: Set<string> } {
  const values: Record<string, FlatValue> = Object.create(null) as Record<string, FlatValue>;
  const secret = new Set<string>();
  walkLayout(layout, (el, key) => {
    const put = (name: string, value: string) => {
      values[`${key}/@${name}`] = value;
      if (el.secret) secret.add(`${key}/@${name}`);
    };
    if (el.subtree) return; // its attributes are in its value
    if (el.action !== undefined) put("wcm:action", el.action);
    if (el.keyValue !== undefined) put("wcm:keyValue", el.keyValue);
    if (el.nil) put("xsi:nil", "true");
  });
  return { values, secret };
}

/** Whether the document holds a secret: a credential or a value given as a secret. */
export function holdsSecret(state: AppliedState): boolean {
  return secretKeys(state.layout).size > 0 || state.extras.some((e) => e.secret);
}

/** A flat value as XML text. */
function text(v: unknown): string {
  if (typeof v === "boolean") return v ? "true" : "false";
  if (v === undefined || v === null) return "";
  return String(v);
}

/** An inline element (inside a subtree's JSON) as a node. */
function inlineNode(l: LayoutObject, path: readonly string[]): SettingNode {
  const n: SettingNode = { name: l.name, path };
  if (l.action) n.action = l.action as SettingNode["action"];
  if (l.keyValue !== undefined) n.keyValue = l.keyValue;
  if (l.nil) n.nil = true;
  else if (l.children) n.children = l.children.map((c) => inlineNode(typeof c === "string" ? { name: c, text: "" } : c, path));
  else n.text = l.text ?? "";
  return n;
}

/** Rebuilds the normalised document that a state describes. */
export function documentOf(state: AppliedState): NormalDocument {
  const build = (elements: LayoutElement[], base: string): SettingNode[] =>
    elements.flatMap((e) => {
      const el: LayoutObject = typeof e === "string" ? { name: e } : e;
      const key = elementKey(base, el.name, el.item);
      if (el.subtree) {
        // one inline element, or (an unvalidated element given as an array) a list of them
        const inline = JSON.parse(String(state.settings[key])) as LayoutObject | LayoutObject[];
        return Array.isArray(inline) ? inline.map((l) => inlineNode(l, [key])) : [inlineNode(inline, [key])];
      }
      const n: SettingNode = { name: el.name, path: [key] };
      if (el.action) n.action = el.action as SettingNode["action"];
      if (el.keyValue !== undefined) n.keyValue = el.keyValue;
      if (el.nil) n.nil = true;
      else if (el.children) n.children = build(el.children, key);
      else n.text = text(state.settings[key]);
      return n;
    });
  const architectures = [...new Set(state.architectures)];
  const components: ComponentNode[] = [];
  for (const c of state.layout) {
    const settings = build(c.elements, componentKey(c.pass, c.component, c.architecture));
    for (const architecture of c.architecture ? [c.architecture] : architectures) {
      components.push({ pass: c.pass, name: c.component, architecture, path: [], settings });
    }
  }
  // shared and per-architecture components interleave: the document's one order
  components.sort(compareComponents);
  // placed by what each is (the answer-file schema), not by a stored placement
  const extras: ExtraNode[] = state.extras.map((e, i) => ({ xml: e.xml, path: ["extras", i] }));
  return { architectures, components, diagnostics: [], extras };
}

/** The XML a state describes. */
export function renderState(state: AppliedState): string {
  return renderDocument(documentOf(state));
}

/** JSON with every object's keys sorted: the engine hands values back with keys in any order. */
function stable(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(",")}]`;
  if (isObject(v)) {
    const keys = Object.keys(v)
      .filter((k) => v[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${stable(v[k])}`).join(",")}}`;
  }
  return JSON.stringify(v) ?? "null";
}

/** One canonical text per state: equal exactly when the states describe the same file, secrets, path and file state. */
function canonical(state: State): string {
  const extras = state.extras.map((e) => [e.xml, !!e.secret]);
  const tidy = (elements: LayoutElement[]): LayoutElement[] =>
    elements.map((e) => (typeof e === "string" ? e : Object.keys(e).length === 1 ? e.name : e.children ? { ...e, children: tidy(e.children) } : e));
  const layout = state.layout.map((c) => ({ ...c, elements: tidy(c.elements) }));
  return stable([state.settings, layout, [...new Set(state.architectures)], extras, state.path ?? null, state.fileState ?? null]);
}

/** Whether two states are the same (whatever format each was read from). */
export function sameState(a: State, b: State): boolean {
  return canonical(a) === canonical(b);
}
