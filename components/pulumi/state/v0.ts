/**
 * Reads the state format before versions (v0, written up to pulumi-unattend
 * 0.1.0 at commit d39f81e): one input per setting at the top level (keys with
 * "/"), a layout with one-letter keys, `secretKeys`, and every input repeated
 * in the outputs with `xml`, `sha256` and `changes`. See docs/state.md.
 * Pure, except that a relative `path` is resolved against the working folder,
 * as the v0 provider resolved it.
 */
import { componentKey, elementKey, type FlatValue, type LayoutComponent, type LayoutElement, type LayoutObject } from "../../core/flatten";
import { StateFormatError, type State, type StateExtra } from "./format";

/** A v0 layout element: n name, a wcm:action, k wcm:keyValue, v key of its text, t inline text, c children, o key of its subtree's JSON, s sensitive, z xsi:nil. */
interface V0Node {
  n: string;
  a?: string;
  k?: string;
  v?: string;
  t?: string;
  c?: V0Node[];
  o?: string;
  s?: 1;
  z?: 1;
}

/** A v0 layout component: p pass, n name, r architecture (perArchitecture only), s settings. */
interface V0Component {
  p: string;
  n: string;
  r?: string;
  s: V0Node[];
}

/** Whether an input or output object is in the v0 format. */
export function isV0(props: Record<string, unknown>): boolean {
  return (
    props.stateVersion === undefined &&
    Array.isArray(props.layout) &&
    (props.layout as unknown[]).every((c) => typeof c === "object" && c !== null && "p" in c)
  );
}

/** Reads v0 inputs or outputs. */
export function readV0(props: Record<string, unknown>): State {
  if (!isV0(props)) throw new StateFormatError("not a v0 state");
  const settings: Record<string, FlatValue> = {};
  for (const [k, v] of Object.entries(props)) {
    if (k.includes("/")) settings[k] = v as FlatValue;
  }
  const secret = new Set(Array.isArray(props.secretKeys) ? (props.secretKeys as string[]) : []);
  const layout: LayoutComponent[] = (props.layout as V0Component[]).map((c) => {
    const out: LayoutComponent = { pass: c.p, component: c.n, elements: [] };
    if (c.r) out.architecture = c.r;
    out.elements = elements(c.s, componentKey(c.p, c.n, c.r), settings, secret);
    return out;
  });
  const extras: StateExtra[] = Array.isArray(props.extras)
    ? // v0 kept a placement; each element now goes where the answer-file schema puts it
      (props.extras as { xml: string }[]).map((e) => ({ xml: e.xml }))
    : [];
  const state: State = { settings, layout, architectures: (props.architectures as string[]) ?? [], extras };
  if (typeof props.path === "string" && props.path !== "") {
    // v0 stored the path as given and resolved it against the provider's working folder
    const nodePath: typeof import("node:path") = require("node:path");
    state.path = nodePath.resolve(props.path);
  }
  if (typeof props.fileState === "string") state.fileState = props.fileState;
  if (typeof props.sha256 === "string") state.sha256 = props.sha256;
  return state;
}

/** The key a v0 node's own text or subtree is stored under, if its layout tells it (from itself or its first descendant). */
function knownKey(node: V0Node): string | undefined {
  if (node.v !== undefined) return node.v;
  if (node.o !== undefined) return node.o;
  for (const child of node.c ?? []) {
    const k = knownKey(child);
    if (k !== undefined) return strip(k, child.n);
  }
  return undefined;
}

/** `base/Name` or `base/Name[...]` -> `base`. */
function strip(key: string, name: string): string {
  if (key.endsWith(`/${name}`)) return key.slice(0, key.length - name.length - 1);
  const i = key.lastIndexOf(`/${name}[`);
  return i === -1 ? key : key.slice(0, i);
}

function elements(nodes: V0Node[], base: string, settings: Record<string, FlatValue>, secret: Set<string>): LayoutElement[] {
  const positions = new Map<string, number>();
  return nodes.map((node) => {
    const position = positions.get(node.n) ?? 0;
    positions.set(node.n, position + 1);
    let key = knownKey(node);
    if (key === undefined) {
      // an element with no setting under it (an empty container, or xsi:nil): v0 numbered items by position
      const item = elementKey(base, node.n, String(position + 1));
      key = node.a !== undefined || (node.z && settings[item] === "xsi:nil") ? item : elementKey(base, node.n);
    }
    const segment = key.slice(base.length + 1);
    const l: LayoutObject = { name: node.n };
    if (segment !== node.n && segment.startsWith(`${node.n}[`) && segment.endsWith("]")) l.item = segment.slice(node.n.length + 1, -1);
    if (node.a !== undefined) l.action = node.a;
    if (node.k !== undefined) l.keyValue = node.k;
    if (node.z) {
      l.nil = true;
    } else if (node.o !== undefined) {
      l.subtree = true;
      if (node.s || secret.has(key)) l.secret = true;
      // the subtree's value was the JSON of its children in the v0 layout: now the JSON of the element itself
      if (typeof settings[key] === "string")
        settings[key] = JSON.stringify(inlineElement({ ...node, o: undefined, c: JSON.parse(settings[key] as string) as V0Node[] }));
    } else if (node.c) {
      l.children = elements(node.c, key, settings, secret);
    } else {
      // inline text: v0 kept a document whose structure arrived as an Output in its layout alone
      if (node.v === undefined && node.t !== undefined) settings[key] = node.t;
      if (node.s || secret.has(key)) l.secret = true;
    }
    return Object.keys(l).length === 1 ? l.name : l;
  });
}

/** A v0 inline node (text in `t`) as a v1 inline element. */
function inlineElement(node: V0Node): LayoutObject {
  const l: LayoutObject = { name: node.n };
  if (node.a !== undefined) l.action = node.a;
  if (node.k !== undefined) l.keyValue = node.k;
  if (node.z) l.nil = true;
  else if (node.c) l.children = node.c.map(inlineElement);
  else l.text = node.t ?? "";
  return l;
}
