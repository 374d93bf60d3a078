/**
 * One `<component>` element -> the input shape of UnattendDocument, driven by
 * the catalog: known settings as in `settings` (text kept as written, so the
 * round trip is exact), everything the catalog does not describe as in
 * `unvalidated` (written back as given). Paths are relative to the component
 * (`.ComputerName`, `.RunSynchronous[0].Path`) and completed once the
 * component's place in the document (settings or perArchitecture) is known.
 */
import { childElements, findChild, type CatalogComponent, type Element, type ListItemElement } from "../catalog";
import { ACTION_ATTR, KEY_VALUE_ATTR, NIL_ATTR } from "../normalize";
import { decodePassword, encodePassword } from "../password";
import { index, member } from "../path";
import { WCM_NS, XSI_NS } from "../render";
import type { SourceLocation, XmlAttribute, XmlElement } from "./xml";

/** A diagnostic found while reading a component, before its final path is known. */
export interface PendingDiagnostic {
  severity: "error" | "warning";
  code: string;
  message: string;
  /** Which part of the component the path is in: `settings` (s) or `unvalidated` (u). */
  part: "s" | "u";
  rel: string;
  location: SourceLocation;
}

export interface ReadComponent {
  /** Settings for `settings[pass][name]` (known component) — or every element, for an unknown component read as settings. */
  settings: Record<string, unknown>;
  /** Elements for `unvalidated[pass][name]`. */
  raw: Record<string, unknown>;
  sLocs: Map<string, SourceLocation>;
  uLocs: Map<string, SourceLocation>;
  diagnostics: PendingDiagnostic[];
}

type Attempt = { ok: true; value: unknown } | { ok: false; why: string; at: XmlElement };

const isWs = (s: string) => /^\s*$/.test(s);

/** Children grouped by name, in order of first appearance (prefixed ones reported and left out). */
function groups(el: XmlElement, out: ReadComponent, part: "s" | "u", rel: string): [string, XmlElement[]][] {
  const map = new Map<string, XmlElement[]>();
  for (const c of el.children) {
    if (c.prefix) {
      out.diagnostics.push({
        severity: "warning",
        code: "ignored-element",
        message: `<${c.name}> is in namespace ${JSON.stringify(c.uri)}, not the answer file's; it is ignored and not written back.`,
        part,
        rel,
        location: c.location,
      });
      continue;
    }
    const key = elementKey(c);
    const list = map.get(key);
    if (list) list.push(c);
    else map.set(key, [c]);
  }
  return [...map];
}

/** The key of an element in the input: its local name in the unattend namespace, else its name as written. */
export function elementKey(el: XmlElement): string {
  return el.prefix ? el.name : el.local;
}

interface Attrs {
  action?: string;
  keyValue?: string;
  nil: boolean;
  other: XmlAttribute[];
}

function attrs(el: XmlElement): Attrs {
  const out: Attrs = { nil: false, other: [] };
  for (const a of el.attributes) {
    if (a.uri === WCM_NS && a.local === "action") out.action = a.value;
    else if (a.uri === WCM_NS && a.local === "keyValue") out.keyValue = a.value;
    else if (a.uri === XSI_NS && a.local === "nil") out.nil = a.value.trim() === "true" || a.value.trim() === "1";
    else out.other.push(a);
  }
  return out;
}

function caseHint(name: string, names: string[]): string {
  const lower = name.toLowerCase();
  const m = names.find((n) => n.toLowerCase() === lower);
  return m ? ` Did you mean "${m}"? Names are case-sensitive.` : "";
}

export class ComponentReader {
  private readonly out: ReadComponent = { settings: {}, raw: {}, sLocs: new Map(), uLocs: new Map(), diagnostics: [] };
  /** Text beside elements met while reading one top-level setting, reported if it is read as known. */
  private pendingText: { el: XmlElement; rel: string }[] = [];
  /** Other notes (items numbered by position, attributes dropped), reported if the setting is read as known. */
  private pendingNotes: PendingDiagnostic[] = [];

  /** Reads a component the catalog knows. */
  readKnown(def: CatalogComponent, el: XmlElement): ReadComponent {
    this.checkText(el, "s", "");
    for (const [name, els] of groups(el, this.out, "s", "")) {
      const found = els[0].prefix ? undefined : findChild(def, name);
      if (!found) {
        const hint = caseHint(name, childElements(def).map((e) => e.name));
        if (hint) {
          this.out.diagnostics.push({
            severity: "warning",
            code: "name-case",
            message: `"${name}" is not a setting of component "${def.name}".${hint}`,
            part: "u",
            rel: member("", name),
            location: els[0].location,
          });
        }
        this.rawInto(this.out.raw, name, els, "");
        continue;
      }
      const rel = member("", name);
      const first = els[0];
      if (els.length > 1 && found.el.kind !== "item") {
        for (const dup of els.slice(1)) {
          this.out.diagnostics.push({
            severity: "error",
            code: "duplicate-element",
            message: `<${name}> appears more than once in component "${def.name}" (first at line ${first.location.line}); Windows Setup expects it once. Only the first is kept.`,
            part: "s",
            rel,
            location: dup.location,
          });
        }
      }
      const locs = new Map<string, SourceLocation>();
      this.pendingText = [];
      this.pendingNotes = [];
      const attempt = found.el.kind === "item" ? this.items(found.el, els, rel, locs) : this.known(found.el, first, rel, locs);
      if (attempt.ok) {
        this.out.settings[name] = attempt.value;
        for (const [k, v] of locs) this.out.sLocs.set(k, v);
        for (const t of this.pendingText) this.checkText(t.el, "s", t.rel);
        this.out.diagnostics.push(...this.pendingNotes);
      } else {
        this.rawInto(this.out.raw, name, found.el.kind === "item" ? els : [first], "");
        this.out.diagnostics.push({
          severity: "warning",
          code: "unvalidated-content",
          message: `${attempt.why} The whole <${name}> is kept as written, under unvalidated, without validation.`,
          part: "u",
          rel,
          location: attempt.at.location,
        });
      }
    }
    return this.out;
  }

  /** Reads a component the catalog does not know: every element as written. */
  readUnknown(el: XmlElement): ReadComponent {
    this.checkText(el, "u", "");
    for (const [name, els] of groups(el, this.out, "u", "")) this.rawInto(this.out.raw, name, els, "");
    return this.out;
  }

  private checkText(el: XmlElement, part: "s" | "u", rel: string) {
    if (!isWs(el.text) && el.children.length > 0) {
      const text = el.text.trim().replace(/\s+/g, " ");
      this.out.diagnostics.push({
        severity: "warning",
        code: "ignored-text",
        message: `Text ${JSON.stringify(text.length > 40 ? text.slice(0, 40) + "..." : text)} directly inside <${el.name}>, which holds elements, is ignored and not written back.`,
        part,
        rel,
        location: el.location,
      });
    }
  }

  /** Text beside the elements of a known container: reported, dropped. */
  private mixedText(el: XmlElement, rel: string) {
    if (!isWs(el.text)) this.pendingText.push({ el, rel });
  }

  /** Adds elements as unvalidated raw values under `target[name]` (an array when repeated). */
  private rawInto(target: Record<string, unknown>, name: string, els: XmlElement[], base: string) {
    const rel = member(base, name);
    if (els.length === 1) {
      target[name] = this.raw(els[0], rel);
    } else {
      target[name] = els.map((e, i) => this.raw(e, index(rel, i)));
    }
  }

  private raw(el: XmlElement, rel: string): unknown {
    this.out.uLocs.set(rel, el.location);
    const a = attrs(el);
    this.dropAttributes(el, a.other, "u", rel);
    const head: Record<string, unknown> = {};
    if (a.action !== undefined) head[ACTION_ATTR] = a.action;
    if (a.keyValue !== undefined) head[KEY_VALUE_ATTR] = a.keyValue;
    if (a.nil) return Object.keys(head).length ? { ...head, [NIL_ATTR]: true } : null;
    const children = el.children.length === 0 ? [] : groups(el, this.out, "u", rel);
    if (children.length === 0) return Object.keys(head).length ? { ...head, value: el.text } : el.text;
    this.checkText(el, "u", rel);
    const obj: Record<string, unknown> = { ...head };
    for (const [name, els] of children) this.rawInto(obj, name, els, rel);
    return obj;
  }

  /** Attributes of a known element that the format does not have: dropped (in either reading), reported if read as known. */
  private dropAttributesLater(el: XmlElement, other: XmlAttribute[], rel: string) {
    const before = this.out.diagnostics.length;
    this.dropAttributes(el, other, "s", rel);
    this.pendingNotes.push(...this.out.diagnostics.splice(before));
  }

  private dropAttributes(el: XmlElement, other: XmlAttribute[], part: "s" | "u", rel: string) {
    for (const a of other) {
      this.out.diagnostics.push({
        severity: "warning",
        code: "ignored-attribute",
        message: `Attribute ${a.name}="${a.value}" on <${el.name}> is not part of the answer-file format; it is not written back.`,
        part,
        rel,
        location: el.location,
      });
    }
  }

  /** A known element -> its input value; fails (for the caller to keep it raw) on anything the catalog does not describe. */
  private known(def: Element, el: XmlElement, rel: string, locs: Map<string, SourceLocation>): Attempt {
    locs.set(rel, el.location);
    const a = attrs(el);
    this.dropAttributesLater(el, a.other, rel);
    if (def.kind !== "item" && (a.action !== undefined || a.keyValue !== undefined)) {
      return { ok: false, why: `<${el.name}> is not a list item but has wcm:${a.action !== undefined ? "action" : "keyValue"}.`, at: el };
    }
    if (a.nil && def.kind !== "item") {
      if (el.children.length > 0 || !isWs(el.text)) return { ok: false, why: `<${el.name}> has xsi:nil="true" and content.`, at: el };
      return { ok: true, value: null };
    }
    switch (def.kind) {
      case "value":
        if (el.children.length > 0) {
          return { ok: false, why: `<${el.name}> holds a single value in the catalog but contains <${el.children[0].name}>.`, at: el.children[0] };
        }
        return { ok: true, value: el.text };
      case "password":
        return this.password(def.suffix, el, rel, locs);
      case "container":
        return this.object(def, el, rel, locs, {});
      case "list": {
        if (el.children.length === 0 && !isWs(el.text)) return { ok: false, why: `<${el.name}> is a list but holds text.`, at: el };
        this.mixedText(el, rel);
        const items: unknown[] = [];
        for (const c of el.children) {
          if (c.prefix || c.local !== def.item.name) {
            return {
              ok: false,
              why: `<${c.name}> is not an item of list <${el.name}> (its items are <${def.item.name}>).${caseHint(c.local, [def.item.name])}`,
              at: c,
            };
          }
          const r = this.item(def.item, c, index(rel, items.length), items.length, locs);
          if (!r.ok) return r;
          items.push(r.value);
        }
        return { ok: true, value: items };
      }
      case "item":
        // an item directly inside a container (e.g. <Disk> in <DiskConfiguration>): an array, as the typed inputs have it
        return this.items(def, [el], rel, locs);
    }
  }

  /** Repeated item elements without a list wrapper (DiskConfiguration/Disk): an array. */
  private items(def: ListItemElement, els: XmlElement[], rel: string, locs: Map<string, SourceLocation>): Attempt {
    const out: unknown[] = [];
    for (const el of els) {
      const r = this.item(def, el, index(rel, out.length), out.length, locs);
      if (!r.ok) return r;
      out.push(r.value);
    }
    return { ok: true, value: out };
  }

  /** One list item, at `position` (0-based) in its list. */
  private item(def: ListItemElement, el: XmlElement, rel: string, position: number, locs: Map<string, SourceLocation>): Attempt {
    locs.set(rel, el.location);
    const a = attrs(el);
    this.dropAttributesLater(el, a.other, rel);
    if (a.nil) return { ok: false, why: `List item <${el.name}> has xsi:nil="true".`, at: el };
    const head: Record<string, unknown> = {};
    if (a.action !== undefined && a.action !== "add") head[ACTION_ATTR] = a.action;
    if (a.keyValue !== undefined) {
      if (!(def.key?.kind === "keyValue" && a.keyValue === String(position + 1))) head[KEY_VALUE_ATTR] = a.keyValue;
    }
    if (def.type) {
      if (el.children.length > 0) {
        return { ok: false, why: `List item <${el.name}> holds a single value in the catalog but contains <${el.children[0].name}>.`, at: el.children[0] };
      }
      return { ok: true, value: Object.keys(head).length ? { ...head, value: el.text } : el.text };
    }
    const r = this.object(def, el, rel, locs, head);
    if (r.ok && def.key?.kind === "child" && def.key.name === "Order" && (r.value as Record<string, unknown>).Order === undefined) {
      // what normalize() writes for an item without Order: its position
      (r.value as Record<string, unknown>).Order = String(position + 1);
      this.pendingNotes.push({
        severity: "warning",
        code: "missing-order",
        message: `<${el.name}> has no <Order>; it is numbered by its position and written with <Order>${position + 1}</Order>.`,
        part: "s",
        rel,
        location: el.location,
      });
    }
    return r;
  }

  private object(
    def: Element & { kind: "container" | "item" },
    el: XmlElement,
    rel: string,
    locs: Map<string, SourceLocation>,
    head: Record<string, unknown>,
  ): Attempt {
    if (el.children.length === 0 && !isWs(el.text)) {
      return { ok: false, why: `<${el.name}> groups other settings but holds text ${JSON.stringify(el.text.trim().slice(0, 30))}.`, at: el };
    }
    this.mixedText(el, rel);
    const obj: Record<string, unknown> = { ...head };
    for (const c of el.children) {
      const key = elementKey(c);
      const found = c.prefix ? undefined : findChild(def, key);
      if (!found) {
        const names = childElements(def).map((e) => e.name);
        return { ok: false, why: `<${c.name}> is not a documented setting inside <${el.name}>.${caseHint(key, names)}`, at: c };
      }
      if (found.el.kind === "item") {
        const list = (obj[key] ??= []) as unknown[];
        const r = this.item(found.el, c, index(member(rel, key), list.length), list.length, locs);
        if (!r.ok) return r;
        list.push(r.value);
        continue;
      }
      if (key in obj) {
        // a repeated element: several items where the catalog has one (e.g. two <Disk>), or a duplicated value
        return { ok: false, why: `<${c.name}> appears more than once inside <${el.name}>.`, at: c };
      }
      const r = this.known(found.el, c, member(rel, key), locs);
      if (!r.ok) return r;
      obj[key] = r.value;
    }
    return { ok: true, value: obj };
  }

  private password(suffix: string, el: XmlElement, rel: string, locs: Map<string, SourceLocation>): Attempt {
    if (el.children.length === 0 && !isWs(el.text)) {
      return { ok: false, why: `Password <${el.name}> contains text instead of <Value> and <PlainText>.`, at: el };
    }
    this.mixedText(el, rel);
    let value: XmlElement | undefined;
    let plain: XmlElement | undefined;
    for (const c of el.children) {
      if (!c.prefix && c.local === "Value" && !value) value = c;
      else if (!c.prefix && c.local === "PlainText" && !plain) plain = c;
      else return { ok: false, why: `<${c.name}> is not expected in password <${el.name}> (only <Value> and <PlainText>).`, at: c };
    }
    for (const c of [value, plain]) {
      if (c && (c.children.length > 0 || c.attributes.length > 0)) return { ok: false, why: `<${c.name}> in password <${el.name}> must hold text only.`, at: c };
    }
    if (!value) return { ok: false, why: `Password <${el.name}> has no <Value>.`, at: el };
    let plainText = true; // the documented default
    if (plain) {
      const t = plain.text.trim().toLowerCase();
      if (t !== "true" && t !== "false") return { ok: false, why: `<PlainText> in <${el.name}> is ${JSON.stringify(plain.text)}, not true or false.`, at: plain };
      plainText = t === "true";
    }
    locs.set(member(rel, "Value"), value.location);
    locs.set(member(rel, "PlainText"), (plain ?? el).location);
    if (plainText) return { ok: true, value: { Value: value.text, PlainText: true } };
    // Obfuscated: the input holds the password itself (normalize encodes it again, giving the same text).
    const encoded = value.text.trim();
    const decoded = decodePassword(encoded, suffix);
    if (decoded === undefined || encodePassword(decoded, suffix) !== encoded) {
      return {
        ok: false,
        why: `<Value> of <${el.name}> has PlainText false but is not base64(UTF-16LE(password + "${suffix}")) as Windows expects.`,
        at: value,
      };
    }
    return { ok: true, value: { Value: decoded, PlainText: false } };
  }
}
