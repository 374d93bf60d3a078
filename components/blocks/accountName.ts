/**
 * The account-name check the account blocks share (localAccounts,
 * builtinAdministrator's autoLogon name is fixed, so only localAccounts and
 * localAdministrator call it). The reference's rules for
 * `UserAccounts/LocalAccounts/LocalAccount/Name`: none of the characters
 * `" / [ ] : | < > + = ; , ? * % @` (nor `\`, which separates a domain from a
 * user name), not the restricted name NONE; and Windows' own: at most 20
 * characters (the SAM account name limit), not only dots and spaces, no
 * control characters, and not the name of an account Windows creates itself.
 */
import type { PathSegment } from "../diagnostics";
import { describe } from "../values";
import { isLate, type ArgumentCheck } from "./common";

/** Characters the reference forbids in a local account's name, and `\` (domain\user). */
export const ACCOUNT_NAME_FORBIDDEN = '"/\\[]:|<>+=;,?*%@';

/** The longest local account name Windows accepts (characters). */
export const ACCOUNT_NAME_MAX = 20;

/** Accounts every Windows has: a LocalAccount with one of these names clashes with it (compared without regard to case). */
export const BUILTIN_ACCOUNT_NAMES = ["Administrator", "Guest", "DefaultAccount", "WDAGUtilityAccount", "defaultuser0"] as const;

/**
 * Why `name` cannot be a new local account's name, or undefined when it can.
 * @example accountNameProblem("Administrator") // "…is the built-in account Administrator…"
 */
export function accountNameProblem(name: unknown): string | undefined {
  if (typeof name !== "string" || name.trim() === "") return `the account name must be non-empty text; got ${describe(name)}.`;
  const bad = [...new Set([...name].filter((c) => ACCOUNT_NAME_FORBIDDEN.includes(c)))];
  if (bad.length > 0)
    return `the account name ${JSON.stringify(name)} contains ${bad.map((c) => JSON.stringify(c)).join(", ")}: a local account's name cannot contain any of ${ACCOUNT_NAME_FORBIDDEN.split("").join(" ")}.`;
  if ([...name].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f))
    return `the account name ${JSON.stringify(name)} contains a control character: use printable characters only.`;
  if (/^[. ]+$/.test(name)) return `the account name ${JSON.stringify(name)} is only dots and spaces: Windows refuses it.`;
  if ([...name].length > ACCOUNT_NAME_MAX)
    return `the account name ${JSON.stringify(name)} has ${[...name].length} characters: Windows accepts at most ${ACCOUNT_NAME_MAX}.`;
  if (name.toUpperCase() === "NONE") return `"NONE" is a restricted user name: choose another.`;
  const builtin = BUILTIN_ACCOUNT_NAMES.find((b) => b.toLowerCase() === name.toLowerCase());
  if (builtin)
    return `${JSON.stringify(name)} is the built-in account ${builtin}: a LocalAccount cannot have its name (for the built-in Administrator use builtinAdministrator).`;
  return undefined;
}

/** Reports a name the account-name rules refuse, at `arg` (a value not known yet is checked by validation once known). */
export function checkAccountName(check: ArgumentCheck, arg: readonly PathSegment[], name: unknown): void {
  if (isLate(name)) return;
  if (typeof name !== "string" || name.trim() === "") return check.text(arg, name, "name");
  const problem = accountNameProblem(name);
  if (problem) check.fail(arg, problem);
}
