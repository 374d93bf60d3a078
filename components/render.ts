/**
 * Normalised tree -> unattend.xml text, with xmlbuilder2. Pure; assumes the
 * tree has been validated. The layout is Windows System Image Manager's:
 * XML declaration with encoding utf-8 (no byte-order mark), 4-space
 * indentation, passes in the order Windows runs them, one <component> per
 * architecture with its attributes in Microsoft's order.
 */
import { create } from "xmlbuilder2";
import { extraElement } from "./extras";
import type { XMLBuilder } from "xmlbuilder2/lib/interfaces";
import type { ComponentNode, NormalDocument, SettingNode } from "./model";

export const UNATTEND_NS = "urn:schemas-microsoft-com:unattend";
export const WCM_NS = "http://schemas.microsoft.com/WMIConfig/2002/State";
export const XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";
export const PUBLIC_KEY_TOKEN = "31bf3856ad364e35";

export function renderDocument(doc: NormalDocument): string {
  const root = create({ version: "1.0", encoding: "utf-8" }).ele(UNATTEND_NS, "unattend");
  const byPass = new Map<string, ComponentNode[]>();
  for (const c of doc.components) {
    const list = byPass.get(c.pass) ?? [];
    list.push(c);
    byPass.set(c.pass, list);
  }
  const extras = (placement: "before" | "after") =>
    (doc.extras ?? []).filter((e) => e.placement === placement).forEach((e) => root.import(extraElement(e.xml)));
  extras("before");
  // normalize() already sorted passes, components and architectures
  for (const [pass, components] of byPass) {
    const settings = root.ele("settings", { pass });
    for (const c of components) renderComponent(settings, c);
  }
  extras("after");
  return root.end({ prettyPrint: true, indent: "    ", allowEmptyTags: true }) + "\n";
}

function renderComponent(parent: XMLBuilder, c: ComponentNode) {
  const el = parent.ele("component", {
    name: c.name,
    processorArchitecture: c.architecture,
    publicKeyToken: PUBLIC_KEY_TOKEN,
    language: "neutral",
    versionScope: "nonSxS",
    "xmlns:wcm": WCM_NS,
    "xmlns:xsi": XSI_NS,
  });
  for (const s of c.settings) renderSetting(el, s);
}

function renderSetting(parent: XMLBuilder, n: SettingNode) {
  const attrs: Record<string, string> = {};
  if (n.action) attrs["wcm:action"] = n.action;
  if (n.keyValue !== undefined) attrs["wcm:keyValue"] = n.keyValue;
  if (n.nil) attrs["xsi:nil"] = "true";
  const el = parent.ele(n.name, attrs);
  if (n.children) {
    for (const c of n.children) renderSetting(el, c);
  } else if (n.text !== undefined && n.text !== "") {
    el.txt(n.text);
  }
}
