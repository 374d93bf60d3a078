/**
 * One-line summaries built only from facts (name, kind, type, range,
 * default, children). No sentence from the reference is reused: the
 * reference's prose is CC BY 4.0 text we do not copy; the facts are ours to state.
 */
import type { CatalogComponent, Element, ValueType } from "../../components/catalog/types";

export const MAX_SUMMARY = 100;

/** "HideEULAPage" -> "Hide EULA page", "fDenyTSConnections" -> "Deny TS connections". */
export function humanize(name: string): string {
  const n = name.replace(/^f(?=[A-Z])/, "").replace(/_/g, " ");
  const words = n
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .replace(/([a-zA-Z])(\d+)$/g, "$1 $2")
    .split(/\s+/)
    .filter(Boolean);
  const out = words.map((w, i) => {
    if (w.length > 1 && w === w.toUpperCase()) return w; // acronym
    if (i === 0) return w[0].toUpperCase() + w.slice(1);
    return w.toLowerCase();
  });
  return out.join(" ");
}

/** Joins items into "a, b, c" and stops with "…" before the line would exceed `room`. */
function listFit(items: string[], room: number): string {
  let s = "";
  for (let i = 0; i < items.length; i++) {
    const next = s ? `${s}, ${items[i]}` : items[i];
    const tail = i < items.length - 1 ? ", …" : "";
    if (next.length + tail.length > room) return s ? `${s}, …` : "…";
    s = next;
  }
  return s;
}

function fit(s: string): string {
  if (s.length <= MAX_SUMMARY) return s;
  return `${s.slice(0, MAX_SUMMARY - 1).replace(/[\s,;:]+\S*$/, "")}…`;
}

export function describeValue(t: ValueType, def: string | undefined, room: number): string {
  const d = def !== undefined ? `; default ${def}` : "";
  switch (t.kind) {
    case "boolean":
      return `true or false${d}`;
    case "integer":
      if (t.min !== undefined && t.max !== undefined) return t.max - t.min === 1 ? `${t.min} or ${t.max}${d}` : `integer ${t.min} to ${t.max}${d}`;
      if (t.min !== undefined) return `integer, at least ${t.min}${d}`;
      if (t.max !== undefined) return `integer, at most ${t.max}${d}`;
      return `integer${d}`;
    case "enum": {
      const head = "one of ";
      return `${head}${listFit(t.values, Math.max(10, room - head.length - d.length))}${d}`;
    }
    case "string":
      return `${t.pattern ? "text matching a fixed pattern" : "free text"}${t.maxLength !== undefined ? `, up to ${t.maxLength} characters` : ""}${d}`;
  }
}

/** `parent` is the enclosing element's name for nested elements (undefined at top level). */
export function summarizeElement(el: Element, parent?: string): string {
  const h = humanize(el.name);
  const where = parent ? ` in ${parent}` : "";
  const dep = el.deprecated ? "Deprecated. " : "";
  let s: string;
  switch (el.kind) {
    case "value": {
      const head = `${dep}${h}${where}: `;
      s = `${head}${describeValue(el.type, el.default, MAX_SUMMARY - head.length - 1)}${el.allowEmpty ? "; may be empty" : ""}.`;
      break;
    }
    case "password":
      s = `${dep}${h}: Value + PlainText; obfuscation suffix ${el.suffix}.`;
      break;
    case "list": {
      const key = el.item.key;
      const by = key ? (key.kind === "keyValue" ? ", keyed by wcm:keyValue" : `, keyed by ${key.name}`) : "";
      s = `${dep}${h}: list of ${el.item.name} entries${by}.`;
      break;
    }
    case "item": {
      const key = el.key ? (el.key.kind === "keyValue" ? " keyed by wcm:keyValue" : ` keyed by ${el.key.name}`) : "";
      if (el.type) {
        const head = `${dep}One ${el.name} entry${key}; value: `;
        s = `${head}${describeValue(el.type, undefined, MAX_SUMMARY - head.length - 1)}.`;
      } else {
        const head = `${dep}One ${el.name} entry${key}: `;
        s = `${head}${listFit(
          (el.children ?? []).map((c) => c.name),
          MAX_SUMMARY - head.length - 1,
        )}.`;
      }
      break;
    }
    case "container": {
      const head = `${dep}${h}${where}, grouping `;
      s = `${head}${listFit(
        el.children.map((c) => c.name),
        MAX_SUMMARY - head.length - 1,
      )}.`;
      break;
    }
  }
  return fit(s);
}

export function summarizeComponent(c: Omit<CatalogComponent, "summary">): string {
  const short = c.name.replace(/^Microsoft-Windows-/, "");
  const n = c.settings.length;
  const dep = c.deprecated ? "Deprecated. " : "";
  const passes =
    c.passes.length === 1 ? `the ${c.passes[0]} pass` : c.passes.length === 2 ? `${c.passes.join(" and ")}` : `${c.passes.length} passes`;
  return fit(`${dep}${short}: ${n} top-level setting${n === 1 ? "" : "s"}, used in ${passes}.`);
}
