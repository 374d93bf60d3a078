/**
 * Inferring the value type of a simple setting from its page: the Values
 * table (literal values or a placeholder with a description), a "Type"
 * section, and the prose around them. Only facts are kept: the literal set,
 * numeric ranges, maximum lengths, the default literal, empty-element support.
 */
import type { ValueType } from "../../components/catalog/types";
import { toText, sections, type Cell, type Page, type Table } from "./parse";

export interface ValueFacts {
  type: ValueType;
  default?: string;
  allowEmpty?: boolean;
  /** How the type was found, for the report. */
  basis: "table-literals" | "placeholder" | "prose" | "type-section" | "fallback";
  notes: string[];
  /** True when nothing on the page described the value. */
  unclassified: boolean;
}

interface Row {
  lit: string;
  cell: Cell;
  desc: string;
}

const HEADER_WORDS = /^(value|values|setting|settings|name|description|device form|meaning|result)$/i;

/** Rows of the Values tables that describe values (not child-element tables). */
export function valueRows(tables: Table[]): Row[] {
  const rows: Row[] = [];
  for (const t of tables) {
    for (const r of t.rows) {
      if (!r.length) continue;
      const first = r[0];
      if (r.every((c) => HEADER_WORDS.test(c.text) || c.text === "")) continue;
      // A row whose first cell links to another reference page is a child table, not a value.
      if (first.links.some((l) => l.page)) continue;
      rows.push({
        lit: first.text.trim(),
        cell: first,
        desc: r
          .slice(1)
          .map((c) => c.text)
          .join("\n"),
      });
    }
  }
  return rows;
}

const BOOL = /^(true|false)$/i;
const INT = /^[-+]?\d+$/;

function num(s: string): number {
  return Number(s.replace(/[,+]/g, ""));
}

interface Range {
  min?: number;
  max?: number;
}

const NUMBER_WORDS: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  hundred: 100,
};

/** Numeric ranges in prose, e.g. "an integer between 1 and 500", "from 5000 (five seconds) through 86400000". */
export function findRange(raw: string): Range | undefined {
  // Drop (possibly nested) parentheticals: "from five (more than 2 gigabytes (GB) per second) to fifty".
  let flat = raw;
  for (let prev = ""; prev !== flat;) {
    prev = flat;
    flat = flat.replace(/\s*\([^()]*\)/g, "");
  }
  // Number words only where they bound a range ("from five to fifty").
  const text = flat.replace(
    /\b(from|between|to|through|and) (zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|hundred)\b/gi,
    (_m, a: string, w: string) => `${a} ${NUMBER_WORDS[w.toLowerCase()]}`,
  );
  const n = "(-?\\d[\\d,]*)";
  const paren = "(?:\\s*\\([^)]*\\))?";
  const res: RegExp[] = [
    new RegExp(`between ${n}${paren} and ${n}`, "i"),
    new RegExp(`between ${n}\\s*[-–]\\s*${n}`, "i"),
    new RegExp(`(?:from|range is|range of|ranges? from|values? (?:are|is) from|values are from) ${n}${paren}\\s*(?:to|through|-|–)\\s*${n}`, "i"),
    new RegExp(`range (?:is )?${n}\\s*[-–]\\s*${n}`, "i"),
  ];
  for (const re of res) {
    const m = re.exec(text);
    if (m) {
      const a = num(m[1]);
      const b = num(m[2]);
      if (Number.isFinite(a) && Number.isFinite(b) && a <= b) return { min: a, max: b };
    }
  }
  const r: Range = {};
  const mx = /(?:maximum|max\.?) (?:value )?(?:is |of )(-?\d[\d,]*)(?! characters)/i.exec(text);
  if (mx) r.max = num(mx[1]);
  const mn = /(?:minimum|min\.?) (?:value )?(?:is |of )(-?\d[\d,]*)(?! characters)/i.exec(text);
  if (mn) r.min = num(mn[1]);
  return r.min !== undefined || r.max !== undefined ? r : undefined;
}

export function findMaxLength(text: string): number | undefined {
  const res = [
    /maximum (?:length|value|size)?\s*(?:of|is)\s*(\d[\d,]*)\s*(?:characters|chars|bytes)/i,
    /maximum of (\d[\d,]*) (?:characters|bytes)/i,
    /up to (\d[\d,]*) characters(?! from)/i,
    /(\d[\d,]*) characters or (?:fewer|less)/i,
    /no (?:more|longer) than (\d[\d,]*) characters/i,
    /(?:cannot|must not|can't) exceed (\d[\d,]*) characters/i,
    /limited to (\d[\d,]*) characters/i,
    /maximum length (?:of the string )?is (\d[\d,]*)/i,
  ];
  for (const re of res) {
    const m = re.exec(text);
    if (m) return num(m[1]);
  }
  return undefined;
}

const SAYS_STRING = /\b(is|as) an? (?:\w+ )?string\b|\bstring type\b|\bis a string\b|\bstring value\b/i;
const SAYS_INTEGER =
  /\b(is|as|be) an? (?:[\w-]+ )?(?:integer|number|numeric value|whole number|DWORD)\b|\binteger value\b|\ban integer\b|\ba (?:unique|positive|whole|decimal) integer\b/i;
/** Words that mark a placeholder as a count or measure when the page forgets to say "integer". */
const NUMERIC_WORDS =
  /\b(number of|number|count|size|port|seconds|milliseconds|minutes|hours|days|MB|KB|GB|bytes|megabytes|priority|weight|interval|timeout|threshold|metric|order in which|identification number|index)\b/i;

const DEFAULT_IN_ROW =
  /\bthis is the default(?:[,.]|\s+(?:os\s+)?(?:value|setting)\b|\s+and\b|\s*$)|\bis the default value\b|\(default\)|^default\b|\bdefault(?: os)? value\.?\s*$/im;

/** Is this row literal a placeholder name rather than a value to write? */
function looksLikePlaceholder(row: Row, elementName: string, rowCount: number): boolean {
  const t = row.lit;
  if (BOOL.test(t) || INT.test(t)) return false;
  if (/[<>{}_]|\s(or|and)\s/.test(t)) return true;
  if (t.toLowerCase() === elementName.toLowerCase() && (row.cell.style === "italic" || rowCount === 1)) return true;
  const subject = t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  if (new RegExp(`\\b${subject}\\b[^.]{0,30}\\b(is|are) (an? |the )?(string|integer|number|path|guid|url|value)`, "i").test(row.desc)) return true;
  if (SAYS_STRING.test(row.desc) || SAYS_INTEGER.test(row.desc)) return true;
  // Generic nouns are placeholders when set in italics or alone; in a list of literals they are literals.
  if (
    (row.cell.style === "italic" || rowCount === 1) &&
    /^(path|url|guid|key|name|string|integer|number|id|size|value|password|domain|username|user_name)$/i.test(t)
  )
    return true;
  return false;
}

function expandLiteral(t: string): { values: string[]; range?: [number, number] } | undefined {
  const s = t.replace(/^["'“”]+|["'“”]+$/g, "").trim();
  if (INT.test(s)) return { values: [String(num(s))] };
  let m = /^(\d+)\s*(?:-|–|to|through)\s*(\d+)$/i.exec(s);
  if (m) return { values: [], range: [num(m[1]), num(m[2])] };
  m = /^(\d+)\s*(?:or|,)\s*(\d+)$/i.exec(s);
  if (m) return { values: [String(num(m[1])), String(num(m[2]))] };
  return undefined;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export interface InferInput {
  page: Page;
  name: string;
  /** Text values of this element in the XML examples (page and relatives). */
  examples: string[];
}

export function inferValue({ page, name, examples }: InferInput): ValueFacts {
  const notes: string[] = [];
  const valueSecs = sections(page, "values");
  const typeSec = sections(page, "type");
  const tables = valueSecs.flatMap((s) => s.tables);
  const valuesText = toText(valueSecs.map((s) => s.body.replace(/<table[\s\S]*?<\/table>/gi, "")).join("\n"));
  const tableText = tables.flatMap((t) => t.rows.flatMap((r) => r.map((c) => c.text))).join("\n");
  const allValuesText = `${valuesText}\n${tableText}`;
  const introText = toText(page.intro);
  const typeText = toText(typeSec.map((s) => s.body).join("\n")).toLowerCase();
  const rows = valueRows(tables).filter((r) => r.lit && !/^\(.*\)$/.test(r.lit) && !/no value/i.test(r.lit));
  const allowEmpty = /(?<!not |n't )supports? empty (elements|values|strings)/i.test(allValuesText) || undefined;

  let type: ValueType | undefined;
  let basis: ValueFacts["basis"] = "fallback";
  let literalRows: Row[] = [];

  // ---- literal table?
  if (rows.length) {
    const placeholders = rows.filter((r) => looksLikePlaceholder(r, name, rows.length));
    const allNumericOrBool = rows.every((r) => BOOL.test(r.lit) || expandLiteral(r.lit));
    if (allNumericOrBool || (rows.length >= 2 && placeholders.length === 0)) literalRows = rows;
    else if (rows.length >= 2 && placeholders.length < rows.length && placeholders.length <= 1 && rows.length - placeholders.length >= 2) {
      literalRows = rows.filter((r) => !placeholders.includes(r));
      notes.push(`ignored placeholder row(s): ${placeholders.map((r) => r.lit).join(", ")}`);
    }
  }

  if (literalRows.length) {
    basis = "table-literals";
    const lits = literalRows.map((r) => r.lit.replace(/^["'“”]+|["'“”]+$/g, "").trim());
    if (lits.every((l) => BOOL.test(l))) {
      type = { kind: "boolean" };
      if (lits.some((l) => l !== l.toLowerCase())) notes.push(`documented as ${lits.join("/")}; XML booleans are lower case`);
    } else if (lits.every((l) => expandLiteral(l))) {
      const ex = lits.map((l) => expandLiteral(l)!);
      const flags = /\b(combine|combination of|bitwise|bit mask|bitmask|sum of)\b/i.test(allValuesText);
      const nums = ex.flatMap((e) => e.values.map(Number));
      const ranges = ex.filter((e) => e.range).map((e) => e.range!);
      if (flags && !ranges.length) {
        type = { kind: "integer", min: 0, max: nums.reduce((a, b) => a | b, 0) };
        notes.push(`bit flags ${nums.join(", ")} may be combined`);
      } else {
        const covered = new Set<number>(nums);
        const min = Math.min(...nums, ...ranges.map((r) => r[0]));
        const max = Math.max(...nums, ...ranges.map((r) => r[1]));
        const contiguous =
          ranges.length > 0
            ? (() => {
                for (let i = min; i <= max; i++) if (!covered.has(i) && !ranges.some((r) => i >= r[0] && i <= r[1])) return false;
                return true;
              })()
            : (() => {
                for (let i = min; i <= max; i++) if (!covered.has(i)) return false;
                return true;
              })();
        if (contiguous) type = { kind: "integer", min, max };
        else type = { kind: "enum", values: lits };
      }
    } else {
      type = { kind: "enum", values: dedupe(lits) };
      if (/not case[- ]sensitive|case[- ]insensitive/i.test(allValuesText)) (type as { caseInsensitive?: boolean }).caseInsensitive = true;
    }
  } else {
    // ---- placeholder / prose description
    const desc = [rows.map((r) => `${r.lit} ${r.desc}`).join("\n"), valuesText].join("\n");
    const text = `${desc}\n${typeText}`;
    const ranged = findRange(desc);
    const maxLength = findMaxLength(text);
    if (/^\s*boolean/.test(typeText)) {
      type = { kind: "boolean" };
      basis = "type-section";
    } else if (SAYS_STRING.test(desc) || maxLength !== undefined || /^\s*string/.test(typeText)) {
      type = { kind: "string" };
      if (maxLength !== undefined) type.maxLength = maxLength;
      basis = /^\s*string/.test(typeText) && !SAYS_STRING.test(desc) ? "type-section" : "placeholder";
    } else if (SAYS_INTEGER.test(desc) || /^\s*(integer|int|dword|number)/.test(typeText)) {
      type = { kind: "integer" };
      if (ranged?.min !== undefined) type.min = ranged.min;
      if (ranged?.max !== undefined) type.max = ranged.max;
      basis = "placeholder";
    } else if (rows.length || valuesText.trim() || typeText.trim()) {
      // Silent on the type: a count or measure whose default and examples are whole numbers is an integer.
      const proseDefault = defaultFromProse(desc, name);
      const numericEvidence = [...examples, ...(proseDefault ? [proseDefault.value] : [])].map((v) => v.trim()).filter(Boolean);
      if (NUMERIC_WORDS.test(desc) && numericEvidence.length && numericEvidence.every((v) => INT.test(v.replace(/,/g, "")))) {
        type = { kind: "integer" };
        if (ranged?.min !== undefined) type.min = ranged.min;
        if (ranged?.max !== undefined) type.max = ranged.max;
        basis = "placeholder";
        notes.push(`type not stated; integer inferred from a numeric ${proseDefault ? "default" : "example"} and the description`);
      } else if (ranged && ranged.min !== undefined && ranged.max !== undefined) {
        type = { kind: "integer", min: ranged.min, max: ranged.max };
        basis = "placeholder";
        notes.push("type not stated; integer inferred from the documented range");
      } else {
        type = { kind: "string" };
        basis = rows.length ? "placeholder" : "prose";
        if (!rows.length && !valuesText.trim()) basis = "type-section";
      }
    }
    if (type && !rows.length && !valuesText.trim() && !typeText.trim()) basis = "fallback";
  }

  let unclassified = false;
  if (!type) {
    // Nothing in a Values section: try the intro ("X is a string ...").
    const maxLength = findMaxLength(introText);
    if (SAYS_INTEGER.test(introText) && !SAYS_STRING.test(introText)) {
      type = { kind: "integer" };
      const r = findRange(introText);
      if (r?.min !== undefined) type.min = r.min;
      if (r?.max !== undefined) type.max = r.max;
      basis = "prose";
    } else if (SAYS_STRING.test(introText) || maxLength !== undefined) {
      type = { kind: "string" };
      if (maxLength !== undefined) type.maxLength = maxLength;
      basis = "prose";
    } else {
      type = { kind: "string" };
      basis = "fallback";
      unclassified = true;
    }
  }

  // ---- default
  let def: string | undefined;
  const defRows = literalRows.filter((r) => DEFAULT_IN_ROW.test(r.desc));
  if (defRows.length === 1) {
    const ex = expandLiteral(defRows[0].lit);
    if (ex && ex.values.length > 1) notes.push(`default row "${defRows[0].lit}" names more than one value; no default taken`);
    else if (/\b(when|if|unless|otherwise)\b[^.]*default|default[^.]*\b(when|if|unless|otherwise)\b/i.test(defRows[0].desc)) {
      notes.push(`conditional default on row "${defRows[0].lit}"; no default taken`);
    } else def = defRows[0].lit;
  } else if (defRows.length > 1) {
    notes.push(`several rows claim to be the default (${defRows.map((r) => r.lit).join(", ")}); no default taken`);
  }
  if (def === undefined && defRows.length === 0) {
    const prose = [valuesText, rows.map((r) => r.desc).join("\n"), introText].join("\n");
    const found = defaultFromProse(prose, name);
    // Free text needs the whole literal (formatted, or ending the sentence); other types validate below.
    if (found && (type.kind !== "string" || found.complete)) def = found.value;
    else if (found) notes.push(`default "${found.value}" is not a complete literal; no default taken`);
  }
  if (def !== undefined) {
    const ok = normalizeLiteral(def, type);
    if (ok === undefined) {
      notes.push(`documented default "${def}" does not fit the type; dropped`);
      def = undefined;
    } else def = ok;
  }

  // ---- examples against the table
  for (const ex of dedupe(examples)) {
    const v = ex.trim();
    if (v === "") continue;
    if (normalizeLiteral(v, type, true) === undefined) notes.push(`XML example value "${v}" contradicts the documented type ${describeType(type)}`);
  }

  return { type, default: def, allowEmpty, basis, notes, unclassified };
}

function dedupe(a: string[]): string[] {
  return [...new Set(a)];
}

/**
 * Sentences like "The default value is 5." / "The default value for `Mode` is **OOBE**." / "1024 is the default value."
 * Conditional sentences (if / when / otherwise) are skipped. `complete` is true when the literal is
 * formatted (code / bold) or ends the sentence, so free text is not cut at a space.
 */
export function defaultFromProse(text: string, name: string): { value: string; complete: boolean } | undefined {
  const sentences = text.replace(/\s+/g, " ").split(/(?<=[.;])\s+(?=[A-Z`*])/);
  const bad = /^(the|a|an|to|that|this|not|set|used|applied|enabled|disabled|empty|blank|none|no|on|off|based|determined|specified)$/i;
  for (const sent of sentences) {
    if (/\b(if|when|unless|otherwise|except)\b/i.test(sent)) continue;
    const res = [
      new RegExp(`default (?:value|setting|port|GUID)?\\s*(?:for \`?${escapeRe(name)}\`? )?is:?\\s+(.*)$`, "i"),
      /^(.*?)\s+is the default(?: value| setting)?\b/i,
      /\bdefaults? to\s+(.*)$/i,
    ];
    for (const re of res) {
      const m = re.exec(sent);
      if (!m) continue;
      let rest = m[1].trim();
      let complete: boolean;
      const fmt = /^(?:`([^`]+)`|\*\*([^*]+)\*\*|"([^"]+)")/.exec(rest);
      let value: string;
      if (fmt) {
        value = (fmt[1] ?? fmt[2] ?? fmt[3]).trim();
        complete = true;
      } else if (re === res[1]) {
        // "<literal> is the default": the literal is the last word before "is"
        const w = /([^\s,;()]+)$/.exec(rest);
        if (!w) continue;
        value = w[1];
        complete = rest.split(/\s+/).length === 1;
      } else {
        rest = rest.replace(/\s*\([^)]*\)/g, "");
        const w = /^([^\s,;()]+?)([.;,]?)(\s|$)/.exec(rest);
        if (!w) continue;
        value = w[1];
        // "is 5." / "is localhost, which ..." end the literal; "is Pacific Standard Time" does not.
        complete = w[2] !== "" || rest.slice(w[0].length).trim() === "";
      }
      value = value.replace(/^["'“]+|["'”]+$/g, "").replace(/\.$/, "");
      if (!value || bad.test(value)) continue;
      return { value, complete };
    }
  }
  return undefined;
}

/** The literal as it should be written for this type, or undefined if it does not fit. */
export function normalizeLiteral(v: string, type: ValueType, strictCase = false): string | undefined {
  const s = v.trim();
  switch (type.kind) {
    case "boolean":
      if (strictCase) return /^(true|false)$/.test(s) ? s : undefined;
      return BOOL.test(s) ? s.toLowerCase() : undefined;
    case "integer": {
      const t = s.replace(/,/g, "");
      if (!INT.test(t)) return undefined;
      const n = Number(t);
      if (type.min !== undefined && n < type.min) return undefined;
      if (type.max !== undefined && n > type.max) return undefined;
      return String(n);
    }
    case "enum": {
      const exact = type.values.find((x) => x === s);
      if (exact !== undefined) return exact;
      if (strictCase && !type.caseInsensitive) return undefined;
      return type.values.find((x) => x.toLowerCase() === s.toLowerCase());
    }
    case "string":
      if (type.maxLength !== undefined && s.length > type.maxLength) return undefined;
      return s;
  }
}

export function describeType(t: ValueType): string {
  switch (t.kind) {
    case "boolean":
      return "boolean";
    case "integer":
      return `integer${t.min !== undefined || t.max !== undefined ? ` ${t.min ?? ""}..${t.max ?? ""}` : ""}`;
    case "enum":
      return `enum [${t.values.join(", ")}]`;
    case "string":
      return `string${t.maxLength !== undefined ? ` ≤${t.maxLength}` : ""}`;
  }
}
