/**
 * YAML settings read as written: a plain scalar that YAML reads as a number
 * or a boolean but that JavaScript would write back otherwise (`0123` -> 123,
 * `1e3` -> 1000, `0x1F` -> 31, a 20-digit number rounded, `True` -> true) is
 * kept as its source text, a string. Validation then takes it as the text
 * the user wrote: kept where the setting is a string, refused with its path
 * where the setting is a number or a boolean that this text is not. Never
 * converted without a word.
 */
import type { ParseOptions, DocumentOptions, SchemaOptions, ToJSOptions } from "yaml";

/** What JavaScript writes for a number or boolean (as toText does). */
function written(value: number | boolean | bigint): string {
  return typeof value === "boolean" ? (value ? "true" : "false") : String(value);
}

/** Thrown with YAML's first error (its message names the line and column). */
export class YamlSyntaxError extends Error {
  override name = "YamlSyntaxError";
}

/** Parses YAML (or JSON) text into plain values, numbers and booleans kept as text unless written back identically. */
export function parseYamlAsWritten(text: string, options: ParseOptions & DocumentOptions & SchemaOptions & ToJSOptions = {}): unknown {
  const { parseDocument, visit } = require("yaml") as typeof import("yaml");
  const doc = parseDocument(text, { ...options, keepSourceTokens: false });
  if (doc.errors.length > 0) throw new YamlSyntaxError(doc.errors[0].message);
  visit(doc, {
    Scalar(_key, node) {
      const v = node.value;
      if (
        (typeof v === "number" || typeof v === "boolean" || typeof v === "bigint") &&
        typeof node.source === "string" &&
        node.source !== written(v)
      ) {
        node.value = node.source;
      }
    },
  });
  return doc.toJS(options);
}
