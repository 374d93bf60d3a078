/**
 * The cross-setting rules: the registry, and the one function validation
 * calls. Each rule reads the normalised document one architecture at a time
 * (components shared by every architecture give equal findings, reported
 * once); its findings are ordinary diagnostics whose code is the rule's id.
 *
 * A warning can be silenced by id (`ignore`); an error cannot: asking to
 * ignore one, or an id that is no rule, throws RuleIgnoreError.
 */
import { pageUrl } from "../../catalog";
import { diagnostic, pathKey, type Diagnostic, type Severity } from "../diagnostics";
import type { NormalDocument } from "../model";
import { didYouMean } from "../suggest";
import { views } from "./query";
import { RULES, type Rule, type RuleId } from "./registry";

export type { RuleArea, RuleSource } from "./types";
export { RULES, RULE_IDS, type Rule, type RuleId } from "./registry";

const BY_ID = new Map<string, Rule>(RULES.map((r) => [r.id, r]));

/** The rule with this id, if any. */
export function findRule(id: string): Rule | undefined {
  return BY_ID.get(id);
}

/** Whether a diagnostic code is a rule's id. */
export function isRuleId(code: string): code is RuleId {
  return BY_ID.has(code);
}

/** Options of validation that concern the rules. */
export interface RuleOptions {
  /**
   * Ids of rule warnings not to report, e.g. `["partition-order-gap"]`.
   * Errors cannot be ignored: Windows Setup fails or ignores a setting on them.
   * @default []
   * @example { ignore: ["autologon-logoncount-one"] }
   */
  ignore?: readonly string[];
}

/** Thrown for an `ignore` entry that is not a rule warning's id. */
export class RuleIgnoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RuleIgnoreError";
  }
}

/** The rule ids to leave out; throws RuleIgnoreError for an unknown id or an error's id. */
export function ignoredRules(ignore: readonly string[] | undefined): ReadonlySet<RuleId> {
  const out = new Set<RuleId>();
  if (ignore === undefined) return out;
  if (!Array.isArray(ignore)) throw new RuleIgnoreError(`ignore must be an array of rule ids, e.g. ["partition-order-gap"].`);
  const warnings = RULES.filter((r) => r.severity === "warning").map((r) => r.id);
  for (const id of ignore) {
    if (typeof id !== "string")
      throw new RuleIgnoreError(`ignore holds ${typeof id === "object" ? "an object" : `a ${typeof id}`}; give rule ids as strings.`);
    const rule = BY_ID.get(id);
    if (!rule) {
      throw new RuleIgnoreError(
        `"${id.slice(0, 80)}" is not the id of a rule, so it cannot be ignored.${didYouMean(id, warnings) || ` Rule warnings that can be ignored: ${warnings.slice(0, 6).join(", ")}, ... (see the README's rule list).`}`,
      );
    }
    if (rule.severity === "error") {
      throw new RuleIgnoreError(
        `"${id}" is an error, not a warning: Windows Setup fails or ignores a setting when it fires, so it cannot be ignored. Fix the settings it names instead (${pageUrl(rule.source.page)}).`,
      );
    }
    out.add(rule.id);
  }
  return out;
}

/**
 * Runs every rule over the document. Pure and deterministic: findings come
 * architecture by architecture, rule by rule, each once.
 * @throws RuleIgnoreError when `options.ignore` names an error or no rule.
 */
export function checkRules(doc: NormalDocument, options: RuleOptions = {}): Diagnostic[] {
  const ignore = ignoredRules(options.ignore);
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  const done = new Set<string>();
  const all = views(doc);
  for (const view of all) {
    // architectures that share every component (the usual case) are checked once
    if (all.length > 1) {
      const same = view.components.map((c) => pathKey(c.path)).join("\u0000");
      if (done.has(same)) continue;
      done.add(same);
    }
    for (const rule of RULES) {
      if (ignore.has(rule.id)) continue;
      rule.check(view, (path, message) => {
        const key = `${rule.id}\u0000${pathKey(path)}\u0000${message}`;
        if (seen.has(key)) return;
        seen.add(key);
        out.push(diagnostic(rule.severity, rule.id, path, message));
      });
    }
  }
  return out;
}

/** What the CLI's --rule-docs prints for a rule: its page and what the page says. */
export function ruleDocs(id: string): { severity: Severity; url: string; says: string; judgement?: string } | undefined {
  const rule = BY_ID.get(id);
  if (!rule) return undefined;
  return {
    severity: rule.severity,
    url: pageUrl(rule.source.page),
    says: rule.source.says,
    ...(rule.judgement ? { judgement: rule.judgement } : {}),
  };
}
