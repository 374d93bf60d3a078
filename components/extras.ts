/**
 * Elements outside `<settings>` (extras) are written as given, re-serialised
 * by xmlbuilder2, so their text may change in layout (indentation, empty-tag
 * form, attribute order) but not in meaning. extraFingerprint tells two such
 * elements apart by meaning only: for diffs and round-trip checks.
 */
import { create } from "xmlbuilder2";

const TEXT = 3;
const CDATA = 4;
const ELEMENT = 1;
const XMLNS = "http://www.w3.org/2000/xmlns/";

interface DomNode {
  nodeType: number;
  data?: string;
  namespaceURI?: string | null;
  localName?: string;
  childNodes: ArrayLike<DomNode>;
  attributes?: ArrayLike<{ namespaceURI: string | null; localName: string; value: string }>;
}

function fingerprint(node: DomNode): string {
  const children = Array.from(node.childNodes);
  const hasElements = children.some((c) => c.nodeType === ELEMENT);
  const attrs = Array.from(node.attributes ?? [])
    .filter((a) => a.namespaceURI !== XMLNS)
    .map((a) => `${a.namespaceURI ?? ""}|${a.localName}=${JSON.stringify(a.value)}`)
    .sort();
  const content = children
    .map((c) => {
      if (c.nodeType === ELEMENT) return fingerprint(c);
      if (c.nodeType === TEXT || c.nodeType === CDATA) {
        // layout between child elements is not content
        return hasElements && /^\s*$/.test(c.data ?? "") ? "" : JSON.stringify(c.data ?? "");
      }
      return ""; // comments, processing instructions
    })
    .filter(Boolean);
  return `(${node.namespaceURI ?? ""}|${node.localName} [${attrs.join(" ")}] ${content.join(" ")})`;
}

/** A key equal for two extra elements exactly when they mean the same. */
export function extraFingerprint(xml: string): string {
  return fingerprint(create(xml).root().node as unknown as DomNode);
}
