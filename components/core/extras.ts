/**
 * Elements outside `<settings>` (extras): `<servicing>`, `<cpi:offlineImage>`,
 * a generator's `<Extensions>`. They are written as given, byte for byte,
 * after checking (with the one XML reader, parse/xml.ts) that each is one
 * well-formed element. Where each goes follows the answer-file schema:
 * `<servicing>` (answer-file namespace, at most one) before the `<settings>`
 * elements, elements of other namespaces after them; among extras of the same
 * kind the given order is kept. extraFingerprint tells two extras apart by
 * meaning only (not layout), for diffs.
 */
import { UNATTEND_NS } from "./names";
import { parseXml, type XmlElement } from "./xml/reader";
import { isXmlWhitespace, trimXmlWhitespace } from "./xml/text";

export type Placement = "before" | "after";

export interface ExtraInfo {
  /** Why the text cannot be written, or undefined. */
  problem?: string;
  /** The element's name as written, when well-formed. */
  name?: string;
  /** Where the schema puts it: before the `<settings>` (servicing) or after (other namespaces). */
  placement?: Placement;
  /**
   * Set for an element in the answer-file namespace other than `<servicing>`
   * (e.g. a `<component>` outside any `<settings>`): the schema has no place
   * for it, so it is written after the `<settings>` with a warning.
   */
  misplaced?: boolean;
}

/**
 * Recent answers of inspectExtra (validation and rendering ask about the same
 * extras in turn), as plain arrays: the state provider's code is serialised by
 * Pulumi, which cannot serialise a Map.
 */
const recentXml: string[] = [];
const recentInfo: ExtraInfo[] = [];
const RECENT_MAX = 16;

/** Checks an extra and says where it goes. The element is read as it would be inside `<unattend xmlns="…unattend">`. */
export function inspectExtra(xml: string): ExtraInfo {
  const i = recentXml.indexOf(xml);
  if (i !== -1) return recentInfo[i];
  const info = inspect(xml);
  if (recentXml.length >= RECENT_MAX) {
    recentXml.shift();
    recentInfo.shift();
  }
  recentXml.push(xml);
  recentInfo.push(info);
  return info;
}

function inspect(xml: string): ExtraInfo {
  const parsed = parseXml(`<x xmlns="${UNATTEND_NS}">${xml}</x>`);
  if (parsed.problem || !parsed.root) return { problem: parsed.problem?.message ?? "no element" };
  const wrapper = parsed.root;
  if (wrapper.children.length === 0) return { problem: "no element" };
  if (wrapper.children.length > 1) return { problem: `${wrapper.children.length} elements (give one element per extra)` };
  if (!isXmlWhitespace(wrapper.text)) return { problem: "text outside the element" };
  const el = wrapper.children[0];
  if (el.uri === UNATTEND_NS && (el.local === "unattend" || el.local === "settings")) {
    return { problem: `<${el.name}> is not an extra element (settings are given in \`settings\`)` };
  }
  if (el.uri === UNATTEND_NS && el.local === "servicing") return { name: el.name, placement: "before" };
  return { name: el.name, placement: "after", ...(el.uri === UNATTEND_NS ? { misplaced: true } : {}) };
}

/** Why an extra element cannot be written, or undefined when it can. */
export function extraProblem(xml: string): string | undefined {
  return inspectExtra(xml).problem;
}

function fingerprint(el: XmlElement): string {
  const attrs = el.attributes.map((a) => `${a.uri}|${a.local}=${JSON.stringify(a.value)}`).sort();
  // text beside child elements is layout; text of a text-only element is content (scripts): kept exactly
  const text = el.children.length > 0 ? trimXmlWhitespace(el.text) : el.text;
  const content = [text === "" ? "" : JSON.stringify(text), ...el.children.map(fingerprint)].filter(Boolean);
  return `(${el.uri}|${el.local} [${attrs.join(" ")}] ${content.join(" ")})`;
}

/** A key equal for two extra elements exactly when they mean the same (blind to layout and namespace prefixes). */
export function extraFingerprint(xml: string): string {
  const parsed = parseXml(`<x xmlns="${UNATTEND_NS}">${xml}</x>`);
  const el = parsed.root?.children[0];
  return el ? fingerprint(el) : `(malformed ${JSON.stringify(xml)})`;
}
