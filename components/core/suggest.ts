/** "Did you mean ...?" helpers for error messages. */

/** Longer names get no suggestion. */
const MAX_SUGGEST_LENGTH = 200;

/** Levenshtein distance, case-sensitive. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

/**
 * The candidate closest to `name`: an exact case-insensitive match first, else
 * the nearest by edit distance when it is close enough to be a typo.
 */
export function nearest(name: string, candidates: Iterable<string>): { match: string; caseOnly: boolean } | undefined {
  // names this long are no typo of a documented one (and would cost length x candidates to compare)
  if (name.length > MAX_SUGGEST_LENGTH) return undefined;
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    if (c.toLowerCase() === lower) return { match: c, caseOnly: true };
    const d = editDistance(lower, c.toLowerCase());
    if (d < bestDistance || (d === bestDistance && best !== undefined && c < best)) {
      best = c;
      bestDistance = d;
    }
  }
  if (best === undefined) return undefined;
  const limit = Math.max(2, Math.floor(Math.min(name.length, best.length) / 3));
  return bestDistance <= limit ? { match: best, caseOnly: false } : undefined;
}

/** A sentence suggesting the nearest candidate, or "" when none is close. */
export function didYouMean(name: string, candidates: Iterable<string>): string {
  const n = nearest(name, candidates);
  if (!n) return "";
  return n.caseOnly ? ` Names are case-sensitive: did you mean "${n.match}"?` : ` Did you mean "${n.match}"?`;
}

/** Formats a list of valid names for a message, shortening long lists. */
export function listOf(values: readonly string[], max = 12): string {
  const shown = values.slice(0, max).map((v) => `"${v}"`);
  return values.length > max ? `${shown.join(", ")}, ... (${values.length} in all)` : shown.join(", ");
}
