/**
 * localAccounts: several local accounts, each in groups from the set of
 * language-neutral group names Windows recognises.
 */
import { SHELL_SETUP_GROUP_NAMES } from "../core/rules/local-groups";
import { checkAccountName } from "./accountName";
import { ArgumentCheck, defined, type StringInput, type UnattendLayer, type UnattendLayerInput } from "./common";

/**
 * The language-neutral names of built-in local groups that
 * Microsoft-Windows-Shell-Setup recognises in `LocalAccount/Group` and turns
 * into the localized group name, whatever the image's language (the list is
 * the reference's, page microsoft-windows-shell-setup-useraccounts-localaccounts-localaccount-group;
 * one list with the validation rules', components/core/rules/local-groups.ts).
 */
export const BUILTIN_GROUPS = SHELL_SETUP_GROUP_NAMES;

/** A built-in local group, by its language-neutral name. */
export type BuiltinGroup = (typeof BUILTIN_GROUPS)[number];

/** One account of localAccounts. */
export interface LocalAccount<S extends StringInput = StringInput> {
  /**
   * The account's name: at most 20 characters, none of `" / \ [ ] : | < > + = ; , ? * % @`,
   * no control character nor white space around it, not only dots and spaces, not NONE
   * and not a built-in account's name (Administrator, Guest, ...) nor defaultuser0
   * (the account-name policy, components/core/accountNames.ts).
   * @example name: "ops"
   */
  name: S;
  /**
   * The password: written obfuscated (PlainText false); a credential, kept
   * secret (given as a secret Output it stays one; merged as a layer of an
   * UnattendFile it is made secret even as plain text).
   * @example password: config.requireSecret("opsPassword")
   */
  password: S;
  /**
   * The local groups the account joins, by language-neutral name (written
   * to `Group` separated by semicolons).
   * @default ["Users"]
   * @example groups: ["Administrators", "RemoteDesktopUsers"]
   */
  groups?: BuiltinGroup[];
  /**
   * The name shown for the account.
   * @default none (Windows shows the name)
   * @example displayName: "Operations"
   */
  displayName?: S;
  /**
   * A description of the account.
   * @default none
   * @example description: "Image build account"
   */
  description?: S;
}

/** More LocalAccount items than this is not a real file (and each one is an account): the same bound as command lists. */
const MAX_ACCOUNTS = 500;

/**
 * Several local accounts, created during the out-of-box experience.
 *
 * Writes, in the oobeSystem pass, component Microsoft-Windows-Shell-Setup:
 * `UserAccounts/LocalAccounts`, one LocalAccount per account in the given
 * order: `Name`, `Group` (the groups joined with ";", "Users" when none are
 * given), `Password` with `PlainText` false, and `DisplayName` and
 * `Description` when given. Nothing else: automatic logon is
 * builtinAdministrator's or localAdministrator's.
 *
 * Each name is checked by the account-name rules (accountName.ts): Windows
 * Setup stops, or creates no account, for a forbidden character, NONE, a
 * name over 20 characters or the name of a built-in account such as
 * Administrator. Two accounts with the same name (without regard to case)
 * are refused.
 * @param accounts the accounts, each `{ name, password, groups?, displayName?, description? }`.
 * @returns a layer named "localAccounts" (with Outputs inside when given Outputs).
 * @throws UnattendValidationError for an empty list, a bad or repeated name, an empty password, or an unknown group.
 * @example
 * localAccounts([
 *   { name: "ops", password: config.requireSecret("opsPassword"), groups: ["Administrators"] },
 *   { name: "kiosk", password: config.requireSecret("kioskPassword") },
 * ])
 */
export function localAccounts(accounts: LocalAccount<string>[]): UnattendLayer;
/** localAccounts with values from config, secrets or other resources (see the overload above). */
export function localAccounts(accounts: LocalAccount[]): UnattendLayerInput;
export function localAccounts(accounts: LocalAccount[]): UnattendLayerInput {
  const check = new ArgumentCheck("localAccounts");
  if (!Array.isArray(accounts) || accounts.length === 0) {
    check.fail([], "Give a non-empty array of accounts ({ name, password, groups?, displayName?, description? }).");
    check.done();
  }
  if (accounts.length > MAX_ACCOUNTS) check.fail([], `At most ${MAX_ACCOUNTS} accounts; got ${accounts.length}.`);
  const seen = new Map<string, number>();
  accounts.forEach((a, i) => {
    if (typeof a !== "object" || a === null) {
      check.fail([i], "Each account must be { name, password, groups?, displayName?, description? }.");
      return;
    }
    checkAccountName(check, [i, "name"], a.name);
    if (typeof a.name === "string") {
      const key = a.name.toLowerCase();
      const first = seen.get(key);
      if (first !== undefined) check.fail([i, "name"], `the account name ${JSON.stringify(a.name)} is also account ${first}'s: each account once.`);
      else seen.set(key, i);
    }
    check.text([i, "password"], a.password, "password", true);
    if (a.groups !== undefined) {
      if (!Array.isArray(a.groups) || a.groups.length === 0) check.fail([i, "groups"], "groups must be a non-empty array of group names.");
      else a.groups.forEach((g, j) => check.oneOf([i, "groups", j], g, BUILTIN_GROUPS, "each group"));
    }
    if (a.displayName !== undefined) check.text([i, "displayName"], a.displayName, "displayName");
    if (a.description !== undefined) check.text([i, "description"], a.description, "description");
  });
  check.done();
  return {
    name: "localAccounts",
    settings: {
      oobeSystem: {
        "Microsoft-Windows-Shell-Setup": {
          UserAccounts: {
            LocalAccounts: accounts.map((a) =>
              defined({
                Name: a.name,
                Group: (a.groups ?? ["Users"]).join(";"),
                Password: { Value: a.password, PlainText: false },
                DisplayName: a.displayName,
                Description: a.description,
              }),
            ),
          },
        },
      },
    },
  };
}
