/**
 * The one safe text path: every string that reaches the XML we write (values,
 * keys, attribute values, element names) is checked here and escaped here.
 *
 * XML 1.0 cannot hold U+0000, the C0 controls other than tab, LF and CR,
 * U+FFFE, U+FFFF or a lone surrogate, in any form (not even as a character
 * reference): such text is refused (validation reports `invalid-text` with the
 * path). Everything else is written so that it reads back identical:
 * - text: `&` `<` `>` as `&amp;` `&lt;` `&gt;`, CR as `&#13;` (a raw CR would
 *   read back as LF);
 * - attribute values: the same plus `"` as `&quot;` and tab, LF, CR as `&#9;`
 *   `&#10;` `&#13;` (raw ones would read back as spaces).
 *
 * How this meets xmlbuilder2 (4.x, and every earlier version): its serializer
 * never double-encodes. It leaves any `&name;` or `&#N;` it finds as it is,
 * escapes other `&`, and escapes `<`, `>` (and `"` in attributes). Given raw
 * text it therefore writes `AT&T;` unchanged (not well-formed) and `&lt;`
 * unchanged (reads back as `<`). So render.ts hands it text escaped by the
 * functions below: that contains no `<`, `>` or `"`, and every `&` in it
 * starts `&amp;`, `&lt;`, `&gt;`, `&quot;` or `&#N;`, which xmlbuilder2 passes
 * through untouched. tests/xmltext.test.ts pins this behaviour (it fails if a
 * new xmlbuilder2 starts escaping again), and the property tests check that
 * every accepted value reads back identical.
 */

/** The first character XML 1.0 cannot hold: its index and code point, or undefined. */
export function invalidXmlChar(s: string): { index: number; codePoint: number } | undefined {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c < 0xd800) continue;
    if (c === 0x09 || c === 0x0a || c === 0x0d) continue;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      return { index: i, codePoint: c };
    }
    if (c >= 0xdc00 && c <= 0xdfff) return { index: i, codePoint: c };
    if (c >= 0xe000 && c <= 0xfffd) continue;
    return { index: i, codePoint: c };
  }
  return undefined;
}

/** `U+0001` and the like. */
export function codePointName(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, "0")}`;
}

/** Why text cannot be written, in words, or undefined when it can. Never quotes the text. */
export function xmlTextProblem(s: string): string | undefined {
  const bad = invalidXmlChar(s);
  if (!bad) return undefined;
  const what =
    bad.codePoint >= 0xd800 && bad.codePoint <= 0xdfff
      ? `a lone surrogate (${codePointName(bad.codePoint)})`
      : bad.codePoint === 0
        ? "a NUL character (U+0000)"
        : bad.codePoint < 0x20
          ? `the control character ${codePointName(bad.codePoint)}`
          : `the noncharacter ${codePointName(bad.codePoint)}`;
  return `contains ${what} at position ${bad.index + 1}, which XML 1.0 cannot hold in any form`;
}

const TEXT_SPECIAL = /[&<>\r]/g;
const ATTRIBUTE_SPECIAL = /[&<>"\t\n\r]/g;
const ENTITY: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "\t": "&#9;",
  "\n": "&#10;",
  "\r": "&#13;",
};

/** Element text as markup that reads back identical (see above). */
export function escapeText(s: string): string {
  return s.replace(TEXT_SPECIAL, (c) => ENTITY[c]);
}

/** An attribute value as markup that reads back identical (see above). */
export function escapeAttribute(s: string): string {
  return s.replace(ATTRIBUTE_SPECIAL, (c) => ENTITY[c]);
}

/**
 * An XML name without a namespace prefix (an NCName, XML 1.0 fifth edition):
 * what an element name under `unvalidated` may be. A prefix would need a
 * namespace declaration that the element does not carry.
 */
const NAME_START =
  "A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD";
const NAME_CHAR = `${NAME_START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040`;
// the classes hold code-point ranges (U+200C-U+200D among them), not combined characters
// eslint-disable-next-line no-misleading-character-class
const NCNAME = new RegExp(`^(?:[${NAME_START}]|[\\uD800-\\uDB7F][\\uDC00-\\uDFFF])(?:[${NAME_CHAR}]|[\\uD800-\\uDB7F][\\uDC00-\\uDFFF])*$`);

export function isXmlName(s: string): boolean {
  return NCNAME.test(s);
}

/**
 * Whether `s` is empty or only XML white space: space, tab, LF and CR (XML 1.0's production S). JavaScript's `\s`
 * also takes U+00A0, U+3000, U+FEFF and other spaces, which XML reads as content: text of those beside elements
 * is reported, never dropped as layout.
 */
export function isXmlWhitespace(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return false;
  }
  return true;
}

/**
 * How many characters (code points) `s` holds, counted without copying it: `[...s].length` made an array of one
 * string per character, 8 bytes each, 32 MB for a value of 4 MiB.
 */
export function codePointCount(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/** `s` without leading and trailing XML white space (space, tab, LF, CR), other spaces kept. */
export function trimXmlWhitespace(s: string): string {
  return s.replace(/^[ \t\n\r]+|[ \t\n\r]+$/g, "");
}

/**
 * A copy of `s` that does not keep alive the text it was cut from. V8 makes a
 * substring of 13 characters or more a view into the whole string (a "sliced
 * string"), and every name, attribute value and text saxes reports is a
 * substring of the decoded file: one of them kept in a result kept the whole
 * file's text (1x its size, 2x when it is not Latin-1) alive as long as the
 * result lived, and V8 could not free it once read: validating a realistic
 * file of 15.6 MiB needed 8.0x its size, 7.1x with copies. A shorter string
 * is a copy already. (A structured clone of a string is a new string of its
 * own.)
 */
export function detached(s: string): string {
  return s.length < 13 ? s : structuredClone(s);
}
