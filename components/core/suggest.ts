/**
 * "Did you mean ...?" for messages: the one place that decides which documented name is near a given one and how
 * a message says so (every surface: the object form read by normalize and validate, the XML reader, the CLI,
 * layers). Called only once a name is known to be wrong, so a valid document costs nothing here.
 */

/** Longer names get no suggestion. */
const MAX_SUGGEST_LENGTH = 200;

/**
 * Levenshtein distance, case-sensitive; past `max`, `max + 1` (the rows stop once every entry is over it: a row's
 * smallest entry never shrinks, so a name far from a candidate costs a few rows, not its whole length).
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  // one row for all calls (a file with thousands of unknown names asks for thousands x the catalog's distances);
  // a longer name than suggestions compare gets its own
  if (row.length <= b.length && b.length <= MAX_SUGGEST_LENGTH) row = new Int32Array(MAX_SUGGEST_LENGTH + 1);
  const prev = row.length > b.length ? row : new Int32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    let least = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (prev[j] < least) least = prev[j];
      diag = tmp;
    }
    if (least > max) return max + 1;
  }
  return prev[b.length] > max ? max + 1 : prev[b.length];
}

/** The row editDistance works in, grown once to the longest name nearest compares. */
let row = new Int32Array(64);

/**
 * Candidates in lower case, each made once: most are documented names (the catalog's components and settings,
 * passes, a password's parts), asked about again and again; some come from the input (an image's names in a
 * .wim). Past LOWER_CACHE_SIZE names the cache starts over, so that it stays bounded whatever they are.
 */
const lowerCase = new Map<string, string>();
const LOWER_CACHE_SIZE = 20_000;
function lower(s: string): string {
  let l = lowerCase.get(s);
  if (l === undefined) {
    if (lowerCase.size >= LOWER_CACHE_SIZE) lowerCase.clear();
    l = s.toLowerCase();
    lowerCase.set(s, l);
  }
  return l;
}

/** How far off a name may be from a candidate and still be taken for a typo of it. */
const typoLimit = (a: number, b: number) => Math.max(2, Math.floor(Math.min(a, b) / 3));

/**
 * The candidate closest to `name`: an exact case-insensitive match first, else
 * the nearest by edit distance when it is close enough to be a typo.
 */
export function nearest(name: string, candidates: Iterable<string>): { match: string; caseOnly: boolean } | undefined {
  // names this long are no typo of a documented one (and would cost length x candidates to compare)
  if (name.length > MAX_SUGGEST_LENGTH) return undefined;
  const lowered = name.toLowerCase();
  // no candidate further than this is a typo, whatever its length: the distances past it are not computed
  const farthest = typoLimit(name.length, name.length);
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const cl = lower(c);
    if (cl === lowered) return { match: c, caseOnly: true };
    const d = editDistance(lowered, cl, Math.min(farthest, bestDistance));
    if (d > farthest) continue;
    if (d < bestDistance || (d === bestDistance && best !== undefined && c < best)) {
      best = c;
      bestDistance = d;
    }
  }
  if (best === undefined) return undefined;
  return bestDistance <= typoLimit(name.length, best.length) ? { match: best, caseOnly: false } : undefined;
}

/** How didYouMean looks for a name. */
export interface SuggestOptions {
  /** Only a name that differs in case (where a spelling further off would be a guess, e.g. next to a warning's own note). */
  caseOnly?: boolean;
  /** The names match whatever their case (component names, for Windows): a name that differs in case only gets no suggestion. */
  anyCase?: boolean;
}

/**
 * A sentence suggesting the nearest candidate, or "" when none is close: ` Did you mean "TimeZone"?`, or, when only
 * the case differs, ` Names are case-sensitive: did you mean "HideEULAPage"?`. It quotes a candidate, never `name`.
 * @example didYouMean("TimeZon", ["TimeZone", "ComputerName"]) // ' Did you mean "TimeZone"?'
 */
export function didYouMean(name: string, candidates: Iterable<string>, options: SuggestOptions = {}): string {
  const n = options.caseOnly ? caseVariant(name, candidates) : nearest(name, candidates);
  // a name that is one of the candidates (given under unvalidated, say) is no mistake of spelling
  if (!n || n.match === name || (n.caseOnly && options.anyCase)) return "";
  return n.caseOnly ? ` Names are case-sensitive: did you mean "${n.match}"?` : ` Did you mean "${n.match}"?`;
}

function caseVariant(name: string, candidates: Iterable<string>): { match: string; caseOnly: true } | undefined {
  const lower = name.toLowerCase();
  for (const c of candidates) if (c !== name && c.toLowerCase() === lower) return { match: c, caseOnly: true };
  return undefined;
}

/** Formats a list of valid names for a message, shortening long lists. */
export function listOf(values: readonly string[], max = 12): string {
  const shown = values.slice(0, max).map((v) => `"${v}"`);
  return values.length > max ? `${shown.join(", ")}, ... (${values.length} in all)` : shown.join(", ");
}
