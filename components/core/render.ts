/**
 * Normalised tree -> unattend.xml text, with xmlbuilder2. Pure; assumes the
 * tree has been validated, and refuses (UnattendValidationError with the path)
 * any text XML cannot hold that reaches it anyway. The layout is Windows
 * System Image Manager's: XML declaration with encoding utf-8 (no byte-order
 * mark), 4-space indentation, `<servicing>` first, passes in the order Windows
 * runs them, one <component> per architecture with its attributes in
 * Microsoft's order, then elements of other namespaces.
 *
 * Every string goes through xmltext.ts (see there why xmlbuilder2 is given
 * escaped text). Extras are written byte for byte: xmlbuilder2 gets a
 * placeholder comment for each, replaced by the extra's own text in one pass
 * over the output (a placeholder cannot come from any value, since every `<`
 * in a value is escaped).
 */
import type { XMLBuilder } from "xmlbuilder2/lib/interfaces";
import { diagnostic, type DiagnosticPath } from "./diagnostics";
import { UnattendValidationError } from "./errors";
import { inspectExtra } from "./extras";
import type { ComponentNode, NormalDocument, SettingNode } from "./model";
import { PUBLIC_KEY_TOKEN, UNATTEND_NS, WCM_NS, XSI_NS } from "./names";
import { escapeAttribute, escapeText, isXmlName, xmlTextProblem } from "./xml/text";

const EXTRA_PLACEHOLDER = /<!--unattend-extra:(\d+)-->/g;

/** `text` escaped; refused (with the path of what holds it, read only then: a node's is made when read) when XML cannot hold it. */
function safe(text: string, at: { path: DiagnosticPath }, escape: (s: string) => string): string {
  const problem = xmlTextProblem(text);
  if (problem) throw new UnattendValidationError([diagnostic("error", "invalid-text", at.path, `The value ${problem}.`)]);
  return escape(text);
}

export function renderDocument(doc: NormalDocument): string {
  // loaded on first use: validating (the CLI's validate, parseUnattend) never needs the writer
  const { create } = require("xmlbuilder2") as typeof import("xmlbuilder2");
  const root = create({ version: "1.0", encoding: "utf-8" }).ele(UNATTEND_NS, "unattend");
  const byPass = new Map<string, ComponentNode[]>();
  for (const c of doc.components) {
    const list = byPass.get(c.pass) ?? [];
    list.push(c);
    byPass.set(c.pass, list);
  }
  const extras = doc.extras ?? [];
  const placed = extras.map((e) => inspectExtra(e.xml).placement ?? "after");
  const writeExtras = (placement: "before" | "after") =>
    extras.forEach((_, i) => {
      if (placed[i] === placement) root.com(`unattend-extra:${i}`);
    });
  writeExtras("before");
  // normalize() already sorted passes, components and architectures
  for (const [pass, components] of byPass) {
    const settings = root.ele("settings", { pass: safe(pass, { path: components[0].path.slice(0, -1) }, escapeAttribute) });
    for (const c of components) renderComponent(settings, c);
  }
  writeExtras("after");
  const xml = root.end({ prettyPrint: true, indent: "    ", allowEmptyTags: true }) + "\n";
  return extras.length === 0 ? xml : xml.replace(EXTRA_PLACEHOLDER, (_, i: string) => extras[Number(i)].xml);
}

function renderComponent(parent: XMLBuilder, c: ComponentNode) {
  const el = parent.ele("component", {
    name: safe(c.name, c, escapeAttribute),
    processorArchitecture: safe(c.architecture, c, escapeAttribute),
    publicKeyToken: PUBLIC_KEY_TOKEN,
    language: "neutral",
    versionScope: "nonSxS",
    "xmlns:wcm": WCM_NS,
    "xmlns:xsi": XSI_NS,
  });
  // iterative: the tree is bounded (MAX_DEPTH) but need not cost a stack frame per level
  const stack: [XMLBuilder, SettingNode][] = [];
  // read once: an unvalidated component makes its settings each time they are read (normalize's LAZY_SETTINGS)
  const settings = c.settings;
  for (let i = settings.length - 1; i >= 0; i--) stack.push([el, settings[i]]);
  while (stack.length > 0) {
    const [into, n] = stack.pop()!;
    const attrs: Record<string, string> = {};
    if (n.action !== undefined) attrs["wcm:action"] = safe(n.action, n, escapeAttribute);
    if (n.keyValue !== undefined) attrs["wcm:keyValue"] = safe(n.keyValue, n, escapeAttribute);
    if (n.nil) attrs["xsi:nil"] = "true";
    if (!isXmlName(n.name)) {
      throw new UnattendValidationError([diagnostic("error", "invalid-name", n.path, `"${n.name.slice(0, 60)}" cannot be an XML element name.`)]);
    }
    const e = into.ele(n.name, attrs);
    if (n.children) {
      for (let i = n.children.length - 1; i >= 0; i--) stack.push([e, n.children[i]]);
    } else if (n.text !== undefined && n.text !== "") {
      e.txt(safe(n.text, n, escapeText));
    }
  }
}
