/**
 * The shape of a cross-setting rule: data (id, severity, area, a one-line
 * summary, the reference page it comes from and that page's rule in our own
 * words) plus one small function that reads one architecture's view of the
 * normalised document and reports what it finds.
 */
import type { DiagnosticPath, Severity } from "../paths";
import type { View } from "./query";

/** The areas of the rule set, one file each. */
export type RuleArea = "disks" | "accounts" | "commands" | "identity" | "locale" | "passes" | "architectures" | "features";

/** Where a rule comes from: a page of the Unattended Windows Setup Reference (2018 snapshot). */
export interface RuleSource {
  /** Page name, published at https://learn.microsoft.com/en-us/windows-hardware/customize/desktop/unattend/<page>. */
  page: string;
  /** What the page says, in our own words. */
  says: string;
}

/** Reports one finding: the path of the setting it is about and the message. */
export type Report = (path: DiagnosticPath, message: string) => void;

/** A rule whose id is `Id` (the registry's Rule: any of RuleId). */
export interface RuleOf<Id extends string> {
  /** Stable, kebab-case; also the diagnostic code of its findings. */
  id: Id;
  area: RuleArea;
  /**
   * error: Windows Setup fails, or ignores a setting, with this combination.
   * warning: legal, but almost certainly not what was meant (or the pages
   * require it without saying what happens otherwise).
   */
  severity: Severity;
  /** One line, for the README and `--rule-docs`. */
  summary: string;
  /** The page (and its rule, in our words) the rule comes from; `also` lists further pages it relies on. */
  source: RuleSource;
  also?: RuleSource[];
  /** Present when the rule is our judgement rather than a sentence of the reference: why we hold it. */
  judgement?: string;
  /** Reads one architecture's view and reports each finding. Pure; linear in the size of the view. */
  check(view: View, report: Report): void;
}

/**
 * An area's list of rules, as given: typed so that its ids stay literal
 * types, from which the registry (index.ts) derives RuleId (no list of ids
 * kept by hand). Ids are kebab-case, of two words at least.
 */
export function defineRules<Id extends `${string}-${string}`>(rules: RuleOf<Id>[]): readonly RuleOf<Id>[] {
  return rules;
}
