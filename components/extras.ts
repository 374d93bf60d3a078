/**
 * Elements outside `<settings>` (extras) are written as given, re-serialised
 * by xmlbuilder2, so their text may change in layout (indentation, empty-tag
 * form, attribute order) but not in meaning. Text beside child elements (mixed
 * content) is layout to the pretty-printer, so it is trimmed, and whitespace-only
 * text there dropped, before writing: that makes writing a fixed point. Text of
 * text-only elements (scripts) is kept exactly. extraFingerprint tells two such
 * elements apart by meaning only: for diffs and round-trip checks.
 */
import { create } from "xmlbuilder2";
import type { XMLBuilder } from "xmlbuilder2/lib/interfaces";

const TEXT = 3;
const CDATA = 4;
const ELEMENT = 1;
const XMLNS = "http://www.w3.org/2000/xmlns/";

interface DomNode {
  nodeType: number;
  data?: string;
  removeChild?(child: DomNode): void;
  namespaceURI?: string | null;
  localName?: string;
  childNodes: ArrayLike<DomNode>;
  attributes?: ArrayLike<{ namespaceURI: string | null; localName: string; value: string }>;
}

function fingerprint(node: DomNode): string {
  const children = Array.from(node.childNodes);
  const attrs = Array.from(node.attributes ?? [])
    .filter((a) => a.namespaceURI !== XMLNS)
    .map((a) => `${a.namespaceURI ?? ""}|${a.localName}=${JSON.stringify(a.value)}`)
    .sort();
  const content = children
    .map((c) => {
      if (c.nodeType === ELEMENT) return fingerprint(c);
      // (the node is tidied: text beside child elements is already trimmed)
      if (c.nodeType === TEXT || c.nodeType === CDATA) return JSON.stringify(c.data ?? "");
      return ""; // comments, processing instructions
    })
    .filter(Boolean);
  return `(${node.namespaceURI ?? ""}|${node.localName} [${attrs.join(" ")}] ${content.join(" ")})`;
}

/** Trims the text beside child elements, in place, recursively. */
function tidy(node: DomNode): void {
  const children = Array.from(node.childNodes);
  const hasElements = children.some((c) => c.nodeType === ELEMENT);
  for (const c of children) {
    if (c.nodeType === ELEMENT) tidy(c);
    else if (hasElements && c.nodeType === TEXT) {
      const trimmed = (c.data ?? "").trim();
      if (trimmed === "") node.removeChild!(c);
      else c.data = trimmed;
    }
  }
}

/** An extra element parsed and tidied, ready to import into the document. */
export function extraElement(xml: string): XMLBuilder {
  const root = create(xml).root();
  tidy(root.node as unknown as DomNode);
  return root;
}

/** A key equal for two extra elements exactly when they mean the same. */
export function extraFingerprint(xml: string): string {
  return fingerprint(extraElement(xml).node as unknown as DomNode);
}
