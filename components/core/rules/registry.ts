/**
 * The registry: every rule, by area. The ids' type (RuleId) is derived from
 * it; diagnostics.ts names the codes with it (a type import, so naming the
 * codes loads neither the rules nor the catalog).
 */
import { ACCOUNT_RULES } from "./accounts";
import { COMMAND_RULES } from "./commands";
import { DISK_RULES } from "./disks";
import { FEATURE_RULES } from "./features";
import { IDENTIFIER_RULES } from "./identifiers";
import { IDENTITY_RULES } from "./identity";
import { LOCALE_RULES } from "./locale";
import { PASS_RULES } from "./passes";
import { ARCHITECTURE_RULES } from "./architectures";
import { DISK_BOOT_RULES } from "./disks-boot";
import { TWO_PASS_RULES } from "./two-passes";
import type { RuleOf } from "./types";

/** The rules by area, in the registry's order (by area, then as the pages run). */
const AREAS = [
  DISK_RULES,
  ACCOUNT_RULES,
  COMMAND_RULES,
  IDENTITY_RULES,
  LOCALE_RULES,
  PASS_RULES,
  FEATURE_RULES,
  IDENTIFIER_RULES,
  DISK_BOOT_RULES,
  ARCHITECTURE_RULES,
  TWO_PASS_RULES,
] as const;

/**
 * A rule id, e.g. `partition-size-and-extend`: derived from the registry
 * (each area's list keeps its ids as literal types: defineRules), and imported
 * as a type only where codes are named (diagnostics.ts), so naming the codes
 * loads neither the rules nor the catalog.
 */
export type RuleId = (typeof AREAS)[number][number]["id"];

/** A rule of the registry (its id one of RuleId). */
export type Rule = RuleOf<RuleId>;

/** Every rule, by area, then as the pages run. */
export const RULES: readonly Rule[] = AREAS.flat();

/** The id of every rule, in the registry's order. */
export const RULE_IDS: readonly RuleId[] = RULES.map((r) => r.id);
