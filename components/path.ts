/** Builds the JavaScript-style paths that name a setting in messages. */

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `base.key` or `base["key"]`. */
export function member(base: string, key: string): string {
  return IDENTIFIER.test(key) ? `${base}.${key}` : `${base}[${JSON.stringify(key)}]`;
}

/** `base[i]`. */
export function index(base: string, i: number): string {
  return `${base}[${i}]`;
}
