/**
 * Small helpers for reading input values safely: plain-object checks, own
 * properties only (never the prototype chain), the names no input may use,
 * scalar-to-text conversion and short descriptions for messages.
 */

/**
 * A plain object: `{...}`, JSON, YAML, or made with Object.create(null). Not an
 * array, a Date, a Map or another class's instance (which have no settings to
 * read and would be written as empty elements).
 */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== "object" || v === null) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Own property or undefined: never reads the prototype chain (`toString`, `constructor`, ...). */
export function own(obj: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

/**
 * Names no pass, component, element or key may have: in plain objects they
 * reach or replace the prototype. Reported as `reserved-name`.
 */
export const RESERVED_NAMES: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

/** Scalar input -> XML text; undefined for non-scalars (and for null, which means xsi:nil). */
export function toText(v: unknown): string | undefined {
  if (v === null) return undefined;
  switch (typeof v) {
    case "string":
      return v;
    case "number":
      return Number.isFinite(v) ? String(v) : undefined;
    case "boolean":
      return v ? "true" : "false";
    default:
      return undefined;
  }
}

/**
 * Text in double quotes for a message, as JSON writes it, with the characters a reader cannot see written as
 * \u escapes: spaces other than U+0020 (U+00A0, U+3000...), zero-width characters and U+FEFF. `" true"` with
 * a no-break space reads `"\u00a0true"`, not as if it were `" true"`.
 */
export function quoteText(s: string): string {
  return JSON.stringify(s).replace(
    /[\u00a0\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** A short description of a value's type, for messages. Quotes strings unless `hidden` (secrets). */
export function describe(v: unknown, hidden = false): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  if (typeof v === "object") return v instanceof Date ? "a Date" : "an object";
  if (typeof v === "string") {
    if (hidden) return `a string of ${v.length} character${v.length === 1 ? "" : "s"}`;
    return `the string ${quoteText(v.length > 40 ? v.slice(0, 40) + "..." : v)}`;
  }
  if (typeof v === "function") return "a function";
  if (typeof v === "bigint") return `the BigInt ${hidden ? "(hidden)" : String(v)}`;
  if (typeof v === "symbol") return "a symbol";
  return `${typeof v} ${hidden ? "(hidden)" : String(v)}`;
}

/** Whether an object has an own enumerable key (as Object.keys would list; no array of them made). */
export function hasKeys(o: object): boolean {
  for (const k in o) if (Object.prototype.hasOwnProperty.call(o, k)) return true;
  return false;
}

/** Appends every item of `items` to `to`, however many (spreading a large array into push() overflows the stack). */
export function append<T>(to: T[], items: readonly T[]): void {
  for (const item of items) to.push(item);
}

/**
 * The path of an object or array that contains itself (YAML aliases and
 * JavaScript values can make cycles; walked as a tree, one never ends), else
 * undefined. Each object is visited once, without recursion (any depth).
 */
export function cyclePath(value: unknown): string[] | undefined {
  if (value === null || typeof value !== "object") return undefined;
  const done = new Set<object>();
  const open = new Set<object>();
  // the objects being walked, each with its keys and the next key to visit
  const stack: { obj: object; keys: string[]; next: number }[] = [{ obj: value, keys: Object.keys(value), next: 0 }];
  open.add(value);
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (top.next === top.keys.length) {
      stack.pop();
      open.delete(top.obj);
      done.add(top.obj);
      continue;
    }
    const v = (top.obj as Record<string, unknown>)[top.keys[top.next++]];
    if (v === null || typeof v !== "object" || done.has(v)) continue;
    if (open.has(v)) return stack.map((f) => f.keys[f.next - 1]);
    open.add(v);
    stack.push({ obj: v, keys: Object.keys(v), next: 0 });
  }
  return undefined;
}
