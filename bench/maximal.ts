/**
 * The maximal document: every setting of the catalog once, each in its first
 * valid pass, with a valid value (one item per list). Shared by the engine and
 * parse benchmarks.
 */
import type { UnattendDocument } from "../components";
import { validateUnattend } from "../components/core/document";
import { PASSES, catalog, type Element, type Pass, type ValueType } from "../components/catalog";
import { flattenDocument } from "../components/core/flatten";
import { normalize } from "../components/core/normalize";

/** A valid sample value of a simple type; candidates for strings with a pattern. */
function samples(t: ValueType, fallback?: string): unknown[] {
  switch (t.kind) {
    case "boolean":
      return [true];
    case "integer":
      return [t.min !== undefined && t.min > 1 ? t.min : Math.min(1, t.max ?? 1)];
    case "enum":
      return [/^-?\d+$/.test(t.values[0]) && t.values.every((v) => /^-?\d+$/.test(v)) ? Number(t.values[0]) : t.values[0]];
    case "string": {
      const base = [fallback, "x", "1", "en-US", "0409:00000409", "C:\\x", "1.0.0.0", "00000000-0000-0000-0000-000000000000", "a.b"];
      return base.filter((s): s is string => s !== undefined && s !== "" && s.length <= (t.maxLength ?? Infinity));
    }
  }
}

/** Every setting of the catalog once, each in its first valid pass, with a valid value; one item per list. */
export function maximalSettings(): { settings: Record<string, Record<string, Record<string, unknown>>>; count: number } {
  const settings: Record<string, Record<string, Record<string, unknown>>> = {};
  const valueOf = (el: Element, pass: Pass, pick: number): unknown => {
    if (el.passes && !el.passes.includes(pass)) return undefined;
    switch (el.kind) {
      case "value": {
        const s = samples(el.type, el.default);
        return s[Math.min(pick, s.length - 1)];
      }
      case "password":
        return "Bench-Pa55word";
      case "container":
        return objectOf(el.children, pass, pick);
      case "list": {
        const item = valueOf(el.item, pass, pick);
        return item === undefined ? undefined : [item];
      }
      case "item": {
        if (el.type) {
          const s = samples(el.type);
          return s[Math.min(pick, s.length - 1)];
        }
        return objectOf(el.children ?? [], pass, pick);
      }
    }
  };
  const objectOf = (children: Element[], pass: Pass, pick: number) => {
    const o: Record<string, unknown> = {};
    for (const c of children) {
      if (c.deprecated) continue;
      const v = valueOf(c, pass, pick);
      if (v !== undefined) o[c.name] = v;
    }
    return Object.keys(o).length ? o : undefined;
  };
  for (const c of catalog.components) {
    for (const s of c.settings) {
      if (s.deprecated) continue;
      const pass = PASSES.find((p) => s.passes?.includes(p));
      if (!pass) continue;
      // the first candidate value set that validates alone
      for (let pick = 0; pick < 9; pick++) {
        const v = valueOf(s, pass, pick);
        if (v === undefined) break;
        const one = { settings: { [pass]: { [c.name]: { [s.name]: v } } } } as unknown as UnattendDocument;
        if (validateUnattend(one).diagnostics.some((d) => d.severity === "error")) continue;
        ((settings[pass] ??= {})[c.name] ??= {})[s.name] = v;
        break;
      }
    }
  }
  const doc = { settings } as unknown as UnattendDocument;
  // settings valid alone may not go together (the cross-setting rules: a domain and a workgroup, ...): leave out
  // the top-level settings the rules name, until the whole document validates
  for (let round = 0; round < 20; round++) {
    const errors = validateUnattend(doc).diagnostics.filter((d) => d.severity === "error");
    if (errors.length === 0) break;
    for (const d of errors) {
      const [, pass, component, setting] = d.path;
      if (typeof pass === "string" && typeof component === "string" && typeof setting === "string") delete settings[pass]?.[component]?.[setting];
    }
  }
  if (validateUnattend(doc).diagnostics.some((d) => d.severity === "error")) throw new Error("the maximal document does not validate");
  return { settings, count: flattenDocument(normalize(doc)).entries.length };
}
