/**
 * The dynamic provider of UnattendState: this module is the provider (its
 * exports are the provider's methods, and nothing else). Pulumi serialises
 * it into the stack as `require("pulumi-unattend/provider")` when the package
 * is loaded from node_modules, as users install it; from a checkout it
 * serialises the code itself (see docs/state.md).
 *
 * It renders the XML from the state's settings and layout, writes the file
 * safely, removes it on destroy only if it still holds what Pulumi wrote,
 * reports a file changed outside Pulumi on refresh, and reads every state
 * format it has written (v0 through ./v0).
 */
import { diffFlat, type FlatChange } from "../../core/flatten";
import { fileStateOf, removeIfUnchanged, sha256, writeFileSafely } from "./file";
import {
  FILE_WRITTEN,
  STATE_VERSION,
  holdsSecret,
  inputsOf,
  layoutAttributes,
  pack,
  readInputs,
  renderState,
  sameState,
  secretKeys,
  unpack,
  type State,
  type StateOutputs,
} from "./format";
import { isV0, readV0 } from "./v0";

/** Any version's outputs (or inputs, for v0, which repeated them) as one state. */
function readOutputs(props: Record<string, unknown>): State {
  if (isV0(props)) return readV0(props);
  if (props.stateVersion !== STATE_VERSION || typeof props.applied !== "string") {
    throw new Error(
      `pulumi-unattend: this state was written by another version (stateVersion ${String(props.stateVersion)}); upgrade pulumi-unattend`,
    );
  }
  const state: State = unpack(props.applied);
  if (typeof props.path === "string") state.path = props.path;
  if (typeof props.fileState === "string") state.fileState = props.fileState;
  if (typeof props.sha256 === "string") state.sha256 = props.sha256;
  return state;
}

/** A warning: the dynamic provider has no engine connection of its own; the engine shows what it prints. */
function warn(message: string): void {
  console.error(`warning: ${message}`);
}

/**
 * What changed between two states, secret values masked. Nothing on the first
 * deployment: listing every setting as added would store the whole document
 * a second time, and says no more than `xml`.
 */
function changesBetween(before: State | undefined, after: State): FlatChange[] {
  if (!before) return [];
  const masked = secretKeys(after.layout);
  for (const k of secretKeys(before.layout)) masked.add(k);
  // the attributes too (wcm:action, wcm:keyValue, xsi:nil): what is written, not only the values
  const [a, b] = [layoutAttributes(before.layout), layoutAttributes(after.layout)];
  for (const k of [...a.secret, ...b.secret]) masked.add(k);
  const changes = [...diffFlat(before.settings, after.settings, (key) => masked.has(key)), ...diffFlat(a.values, b.values, (key) => masked.has(key))];
  return changes.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
}

/**
 * The size of the file Pulumi wrote, when the state renders to the very bytes
 * it hashed (then the size is theirs): the file at the path is compared by
 * size before it is read and hashed. Undefined otherwise (a state written by
 * another version of the renderer): then it is hashed.
 */
function writtenSize(state: State): number | undefined {
  try {
    const xml = renderState(state);
    return sha256(xml) === state.sha256 ? Buffer.byteLength(xml) : undefined;
  } catch {
    return undefined;
  }
}

/** Renders the state, writes the file, and returns the outputs. */
function apply(after: State, before: State | undefined): StateOutputs {
  const xml = renderState(after);
  const outs: StateOutputs = { stateVersion: STATE_VERSION, applied: pack(after), sha256: sha256(xml), changes: changesBetween(before, after) };
  if (after.path) {
    writeFileSafely(after.path, xml, holdsSecret(after));
    outs.path = after.path;
    outs.fileState = FILE_WRITTEN;
  }
  return outs;
}

/**
 * No change when the old and new states are the same, whatever format each
 * is in (an upgraded stack, or a new serialisation of this provider);
 * otherwise the engine compares the inputs itself, which prints one line per
 * changed setting.
 */
export async function diff(_id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<{ changes?: boolean }> {
  try {
    if (sameState(readOutputs(olds), readInputs(news))) return { changes: false };
  } catch {
    // values not known yet (preview), or a state this code cannot read: the engine decides
  }
  return {};
}

export async function create(inputs: Record<string, unknown>): Promise<{ id: string; outs: StateOutputs }> {
  const crypto: typeof import("node:crypto") = require("node:crypto");
  return { id: crypto.randomUUID(), outs: apply(readInputs(inputs), undefined) };
}

export async function update(_id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<{ outs: StateOutputs }> {
  const before = readOutputs(olds);
  const outs = apply(readInputs(news), before);
  // a new path: the old file goes once the new one is written, if it still holds what Pulumi wrote
  if (before.path && before.path !== outs.path) {
    const kept = removeIfUnchanged(before.path, before.sha256, writtenSize(before));
    if (kept) warn(`left ${before.path} in place (${kept}); the unattend file is now written to ${outs.path ?? "no file"}`);
  }
  return { outs };
}

async function remove(_id: string, props: Record<string, unknown>): Promise<void> {
  const state = readOutputs(props);
  if (!state.path) return;
  const kept = removeIfUnchanged(state.path, state.sha256, writtenSize(state));
  if (kept) warn(`left ${state.path} in place: ${kept} since Pulumi wrote it`);
}
export { remove as delete };

export async function read(
  id: string,
  props: Record<string, unknown>,
): Promise<{ id: string; props: Record<string, unknown>; inputs?: Record<string, unknown> }> {
  const state = readOutputs(props);
  if (!state.path) return { id, props };
  const fileState = fileStateOf(state.path, state.sha256, writtenSize(state));
  // the file's state as an input too, so that the next preview shows it: fileState: "modified outside Pulumi" => "written"
  return { id, props: { ...props, fileState }, inputs: { ...inputsOf({ ...state, fileState }) } };
}
