/**
 * The confidentiality policy: the one place that says what is confidential in
 * an answer file and how it is shown. Every surface asks here: normalisation
 * (which marks nodes `sensitive`, hence state, `changes`, the file's mode and
 * the secret-ness of `xml`, `asset` and `sha256`), the parser, `import`,
 * `merge` and layers, and every message.
 *
 * Confidential are:
 * - what the catalog marks so: passwords (`kind: "password"`), credentials
 *   (`sensitive`: Credentials/Password, MachinePassword, ...) and the
 *   confidential values (`confidential`: both ProductKeys, AccountData, SNMP
 *   Community_Name, and ValidCommunity, whose `wcm:keyValue` is the community);
 * - wherever an element lands where the catalog does not describe it (under
 *   `unvalidated`, under a component spelled in another case, read from a file
 *   where the parser kept it as written): an element whose name, in any case,
 *   names a password, a product key, AccountData or an SNMP community, and
 *   everything inside it;
 * - whatever the user wrapped in `pulumi.secret()` (the Pulumi layer keeps it
 *   secret: components/pulumi/unattendFile.ts).
 *
 * Everything derived from a confidential value is confidential too: a digest
 * of a file that holds one (`sha256`), and a list item's key that is the
 * value (a community name never names a setting: such an item is keyed by
 * position and its `wcm:keyValue` is stored only inside its secret value).
 *
 * Code past normalisation decides nothing again: it reads the marks this
 * policy put (a node's `sensitive`: isConfidentialNode; a layout element's
 * `secret` in the state). State code (components/pulumi/state/, flatten.ts)
 * is serialised into stacks, so flatten.ts writes MASK as a literal rather
 * than capture this module and the catalog (a test checks it is this one).
 */
import { catalog, childElements, type Element } from "../catalog";
import { isPlainObject } from "./values";
import type { NormalDocument, SettingNode } from "./model";
import { UNATTEND_NS } from "./names";
import { parseXml, type XmlElement } from "./xml/reader";

/** How a confidential value is shown in `changes`, diffs and CLI output. */
export const MASK = "[secret]";

/** How a confidential value, key or name is referred to in a message. */
export const HIDDEN = "(hidden)";

/**
 * Element names (any case) that hold a confidential value wherever they land:
 * passwords (`AdministratorPassword`, `ServicePassword`...), product keys,
 * offline domain-join `AccountData`, SNMP communities (`ValidCommunities`,
 * `Community_Name`).
 */
export const CONFIDENTIAL_NAME = /password|product_?key|accountdata|communit/i;

/**
 * Whether the catalog keeps an element's value confidential: a password, a
 * credential (`sensitive`) or a confidential value (`confidential`: for an
 * item whose confidential part is its `wcm:keyValue`, the whole item).
 * @example isConfidentialDef(findChild(findComponent("Microsoft-Windows-Shell-Setup")!, "ProductKey")!.el) // true
 */
export function isConfidentialDef(def: Element | undefined): boolean {
  return def !== undefined && (def.kind === "password" || def.sensitive === true || def.confidential !== undefined);
}

/**
 * Whether an element the catalog does not describe is confidential by its
 * name (see CONFIDENTIAL_NAME): it and everything inside it.
 * @example isConfidentialName("serviceaccountpassword") // true
 * @example isConfidentialName("ValidCommunities") // true
 */
export function isConfidentialName(name: string): boolean {
  return CONFIDENTIAL_NAME.test(name);
}

let catalogPairs: Set<string> | undefined;

/** `parent/name` (lower case) of every element the catalog keeps confidential. */
function pairs(): Set<string> {
  if (!catalogPairs) {
    const set = new Set<string>();
    const visit = (el: Element, parentName: string) => {
      if (isConfidentialDef(el)) set.add(`${parentName}/${el.name}`.toLowerCase());
      for (const c of childElements(el)) visit(c, el.name);
    };
    for (const c of catalog.components) for (const s of c.settings) visit(s, c.name);
    catalogPairs = set;
  }
  return catalogPairs;
}

/**
 * Whether an element the catalog does not describe, kept as written (under
 * `unvalidated`, or read from a file as written), is confidential: inside a
 * confidential element, or named so (isConfidentialName). Its text, its
 * `wcm:keyValue` and everything inside it are then secret.
 * @param inside whether an element around it is confidential.
 * @example isConfidentialAsWritten("Value", true) // true
 * @example isConfidentialAsWritten("AdminPassword", false) // true
 */
export function isConfidentialAsWritten(name: string, inside: boolean): boolean {
  return inside || isConfidentialName(name);
}

/**
 * Whether the value of attribute `attribute` of element `element` (local
 * names) is confidential: either is named like a confidential value.
 * @example isConfidentialAttribute("Extension", "adminPassword") // true
 */
export function isConfidentialAttribute(element: string, attribute: string): boolean {
  return isConfidentialName(element) || isConfidentialName(attribute);
}

/**
 * Whether a list item's key (its `wcm:keyValue`) is confidential: the item's
 * key is its confidential part (an SNMP community's name, `confidential:
 * "key"`), so the item is keyed by position and the key kept secret.
 */
export function isConfidentialKey(def: Element | undefined): boolean {
  return def !== undefined && def.confidential === "key";
}

/**
 * Whether a setting is confidential: where the catalog describes it (`def`),
 * as the catalog says (isConfidentialDef); where it does not, by its name
 * (isConfidentialName), or, when its parent's name is given (code that sees
 * names before the catalog's entries: merge), by isConfidentialElement.
 * @example isConfidentialSetting(undefined, "DomainAdminPassword") // true
 * @example isConfidentialSetting(undefined, "Key", "ProductKey") // true
 */
export function isConfidentialSetting(def: Element | undefined, name: string, parent?: string): boolean {
  if (def) return isConfidentialDef(def);
  return parent === undefined ? isConfidentialName(name) : isConfidentialElement(name, parent);
}

/**
 * Whether an element `name` under `parent` (an element or component name) is
 * confidential, for code that sees names but not catalog entries (layers
 * before they are merged, `merge` outside the catalog): one the catalog keeps
 * confidential under such a parent, or one named so, or one inside an
 * element named so (a password's `Value`, a product key's `Key`). Names in
 * any case.
 * @example isConfidentialElement("MachinePassword", "Identification") // true
 * @example isConfidentialElement("Key", "productkey") // true
 */
export function isConfidentialElement(name: string, parent: string): boolean {
  return isConfidentialName(name) || isConfidentialName(parent) || pairs().has(`${parent}/${name}`.toLowerCase());
}

/**
 * Whether a value given by name (a layer's settings, before they are merged
 * or normalised) holds a confidential element (isConfidentialElement) with a
 * value, at any depth: then the whole value is kept secret.
 * @param key the element name of `value`, and `parent` its parent's.
 * @example holdsConfidentialValue({ Identification: { Credentials: { Password: "p" } } }) // true
 * @example holdsConfidentialValue({ Identification: { Credentials: { Password: "" } } }) // false
 */
export function holdsConfidentialValue(value: unknown, key = "", parent = "", depth = 0): boolean {
  if (depth > 64 || value === null || value === undefined || value === "") return false;
  if (Array.isArray(value)) return value.some((v) => holdsConfidentialValue(v, key, parent, depth + 1));
  if (isPlainObject(value)) return Object.keys(value).some((k) => holdsConfidentialValue(value[k], k, key, depth + 1));
  return isConfidentialElement(key, parent);
}

/**
 * Inside a confidential element, the one child that is not confidential: a
 * password's `PlainText` flag, which says only how the password is written.
 * @example isPlainInside("PlainText", "false") // true
 */
export function isPlainInside(name: string, value: unknown): boolean {
  return name === "PlainText" && (value === "true" || value === "false" || typeof value === "boolean");
}

/**
 * Whether any of these normalised nodes, or any inside them, is confidential
 * (normalize marks them `sensitive` by this policy): then the file, and
 * everything derived from it, is secret.
 */
export function holdsConfidential(nodes: readonly SettingNode[]): boolean {
  return nodes.some((n) => isConfidentialNode(n) || (n.children !== undefined && holdsConfidential(n.children)));
}

/**
 * Whether a normalised node is confidential, as normalize marked it by this
 * policy (`sensitive`): its value is masked (MASK) in `changes` and diffs,
 * and named HIDDEN in messages.
 */
export function isConfidentialNode(node: SettingNode): boolean {
  return node.sensitive === true;
}

/** Marks these nodes, and every node inside them, confidential: everything inside a confidential element is (bounded: a tree is at most MAX_DEPTH deep). */
export function markConfidential(nodes: readonly SettingNode[]): void {
  for (const c of nodes) {
    c.sensitive = true;
    if (c.children) markConfidential(c.children);
  }
}

/**
 * Whether an extra element (outside `<settings>`, written as given) holds an
 * element named like a confidential value, at any depth (say a generator's
 * `<Extensions>` with an `<AdminPassword>`): then it is kept secret like a
 * setting (the file, `xml` and the state's copy of it).
 * @example isConfidentialExtra('<c:Ext xmlns:c="urn:c"><c:AdminPassword>x</c:AdminPassword></c:Ext>') // true
 */
export function isConfidentialExtra(xml: string): boolean {
  // read as inside the answer file, as extras.ts reads it
  const root = parseXml(`<x xmlns="${UNATTEND_NS}">${xml}</x>`).root;
  if (!root) return false;
  const stack: XmlElement[] = [...root.children];
  while (stack.length > 0) {
    const el = stack.pop()!;
    if (isConfidentialName(el.local) || el.attributes.some((a) => isConfidentialAttribute(el.local, a.local))) return true;
    for (const c of el.children) stack.push(c);
  }
  return false;
}

/**
 * Whether a normalised document holds a confidential value: a setting
 * (holdsConfidential) or an extra element (isConfidentialExtra). Then the
 * file, its `xml` and everything derived from it are secret, even when every
 * password in it was given as plain text.
 */
export function isConfidentialDocument(doc: Pick<NormalDocument, "components" | "extras">): boolean {
  return doc.components.some((c) => holdsConfidential(c.settings)) || doc.extras.some((e) => isConfidentialExtra(e.xml));
}
