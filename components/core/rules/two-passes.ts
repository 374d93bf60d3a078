/**
 * One setting, two passes: a value given in specialize and again, different,
 * in oobeSystem (TimeZone, the locales, RegisteredOwner, ...). Windows Setup
 * runs the passes in order and applies each one's settings, so the later pass
 * silently wins; two different values almost always mean one is stale.
 */
import { isConfidentialDef, isConfidentialNode } from "../confidential";
import type { ComponentNode, SettingNode } from "../model";
import { literal, p, q } from "./query";
import { defineRules } from "./types";

/** The passes of an installation, in the order Windows Setup applies them (audit mode left out: it is run on purpose). */
const SEQUENCE = ["offlineServicing", "specialize", "oobeSystem"] as const;

const PAGE = { timeZone: "microsoft-windows-shell-setup-timezone" } as const;

/**
 * The value settings of a component reachable through containers (not list items), by their names' path;
 * only those valid in the component's pass (one in a pass where it is not read is wrong-pass, and applies nowhere).
 */
function leaves(c: ComponentNode): Map<string, SettingNode> {
  const out = new Map<string, SettingNode>();
  addLeaves(out, c.pass, c.settings, "");
  return out;
}

/** leaves' walk (a function of its own, not a closure made per component: less for the optimiser to compile). */
function addLeaves(out: Map<string, SettingNode>, pass: string, nodes: readonly SettingNode[], prefix: string): void {
  for (const n of nodes) {
    if (n.unvalidated || n.opaque || !n.def) continue;
    if (n.def.passes && !(n.def.passes as readonly string[]).includes(pass)) continue;
    const key = prefix + n.name;
    if (n.def.kind === "value") {
      if (!isConfidentialNode(n) && !isConfidentialDef(n.def) && !out.has(key)) out.set(key, n);
    } else if (n.def.kind === "container" && n.children) addLeaves(out, pass, n.children, `${key}/`);
  }
}

/** Whether a component's list has an entry for the pass. */
function hasPass(list: readonly { pass: string }[], pass: string): boolean {
  for (const x of list) if (x.pass === pass) return true;
  return false;
}

/** The first entry after `i` that gives `key` again. */
function nextGiving<T extends { values: Map<string, SettingNode> }>(list: readonly T[], i: number, key: string): T | undefined {
  for (let j = i + 1; j < list.length; j++) if (list[j].values.has(key)) return list[j];
  return undefined;
}

const shown = (s: string) => JSON.stringify(s.length > 80 ? `${s.slice(0, 80)}...` : s);

export const TWO_PASS_RULES = defineRules([
  {
    id: "setting-in-two-passes",
    area: "passes",
    severity: "warning",
    summary: "The same setting of one component has different values in two passes of an installation (e.g. TimeZone in specialize and oobeSystem).",
    source: {
      page: PAGE.timeZone,
      says: "TimeZone may be given in the specialize, auditSystem and oobeSystem passes.",
    },
    judgement:
      "Warning: Windows Setup applies offlineServicing, specialize and oobeSystem in that order, each pass setting what it holds, so the later pass's value is the one the machine keeps; two different values almost always mean one is stale. Audit passes are left out: they run only in audit mode, on purpose.",
    check(view, report) {
      // components of one name in two passes of the sequence: only those are read (most files have none)
      const passesOf = new Map<string, Set<string>>();
      for (const c of view.components) {
        if (!c.def || c.unvalidated || !(SEQUENCE as readonly string[]).includes(c.pass)) continue;
        const set = passesOf.get(c.name) ?? new Set<string>();
        set.add(c.pass);
        passesOf.set(c.name, set);
      }
      const byName = new Map<string, { pass: string; values: Map<string, SettingNode> }[]>();
      for (const pass of SEQUENCE) {
        for (const c of view.components) {
          if (c.pass !== pass || (passesOf.get(c.name)?.size ?? 0) < 2 || !c.def || c.unvalidated) continue;
          const list = byName.get(c.name) ?? [];
          if (hasPass(list, pass)) continue;
          list.push({ pass, values: leaves(c) });
          byName.set(c.name, list);
        }
      }
      for (const list of byName.values()) {
        if (list.length < 2) continue;
        for (let i = 0; i + 1 < list.length; i++) {
          for (const [key, earlier] of list[i].values) {
            const a = literal(earlier);
            if (a === undefined) continue;
            // the next pass that gives it again: the one that replaces this value
            const next = nextGiving(list, i, key);
            if (!next) continue;
            const later = next.values.get(key)!;
            const b = literal(later);
            if (b === undefined || a.toLowerCase() === b.toLowerCase()) continue;
            report(
              earlier.path,
              `${q(earlier)} is ${shown(a)} in the ${list[i].pass} pass and ${shown(b)} in the ${next.pass} pass (${p(later)}): Windows Setup applies ${next.pass} later, so the machine ends up with ${shown(b)} and this value does not last. Give the setting once, in the pass where it belongs, or the same value in both.`,
            );
          }
        }
      }
    },
  },
]);
