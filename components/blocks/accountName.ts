/**
 * The account-name check the account blocks share (localAccounts and
 * localAdministrator; builtinAdministrator's autoLogon name is fixed). The
 * facts, their sources and which of them the blocks apply are the
 * account-name policy's (components/core/accountNames.ts): the blocks refuse every
 * fact it lists, validation reports the documented ones.
 */
import {
  ACCOUNT_NAME_FORBIDDEN,
  ACCOUNT_NAME_MAX,
  BUILTIN_ACCOUNT_NAMES,
  OOBE_ACCOUNT_NAMES,
  blockAccountNameFacts,
  spaced,
  type AccountNameFact,
} from "../core/accountNames";
import { notKnownYet, type PathSegment } from "../core/diagnostics";
import { describe } from "../core/values";
import type { ArgumentCheck } from "./common";

export { ACCOUNT_NAME_FORBIDDEN, ACCOUNT_NAME_MAX, BUILTIN_ACCOUNT_NAMES, OOBE_ACCOUNT_NAMES };

function message(name: string, f: AccountNameFact): string {
  const quoted = JSON.stringify(name);
  switch (f.id) {
    case "forbidden":
    case "backslash":
      return `the account name ${quoted} contains ${f.chars!.map((c) => JSON.stringify(c)).join(", ")}: a local account's name cannot contain any of ${spaced(ACCOUNT_NAME_FORBIDDEN)}.`;
    case "control":
      return `the account name ${quoted} contains a control character: use printable characters only.`;
    case "dots-spaces":
      return `the account name ${quoted} is only dots and spaces: Windows refuses it.`;
    case "padded":
      return `the account name ${quoted} has white space around it: write the name without it (whether Setup trims it is not documented).`;
    case "length":
      return `the account name ${quoted} has ${f.length} characters: Windows accepts at most ${ACCOUNT_NAME_MAX}.`;
    case "none":
      return `"NONE" is a restricted user name: choose another.`;
    case "builtin":
      return `${quoted} is the built-in account ${f.account}: a LocalAccount cannot have its name (for the built-in Administrator use builtinAdministrator).`;
    case "oobe-account":
      return `${quoted} is ${f.account}, the temporary account Windows creates for the out-of-box experience and removes afterwards: choose another name.`;
  }
}

/**
 * Why `name` cannot be a new local account's name, or undefined when it can.
 * @example accountNameProblem("Administrator") // "…is the built-in account Administrator…"
 */
export function accountNameProblem(name: unknown): string | undefined {
  if (typeof name !== "string" || name.trim() === "") return `the account name must be non-empty text; got ${describe(name)}.`;
  const facts = blockAccountNameFacts(name);
  // a forbidden character and a backslash together: one message lists both
  const chars = facts.filter((f) => f.id === "forbidden" || f.id === "backslash").flatMap((f) => f.chars!);
  if (chars.length > 0) return message(name, { id: "forbidden", chars: [...name].filter((c, i, all) => chars.includes(c) && all.indexOf(c) === i) });
  return facts.length > 0 ? message(name, facts[0]) : undefined;
}

/** Reports a name the account-name policy refuses, at `arg` (a value not known yet is checked by validation once known). */
export function checkAccountName(check: ArgumentCheck, arg: readonly PathSegment[], name: unknown): void {
  if (notKnownYet(name)) return;
  if (typeof name !== "string" || name.trim() === "") return check.text(arg, name, "name");
  const problem = accountNameProblem(name);
  if (problem) check.fail(arg, problem);
}
