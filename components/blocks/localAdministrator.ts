/**
 * localAdministrator: a local account in the Administrators group, and
 * optionally automatic logon with it.
 */
import { checkAccountName } from "./accountName";
import { ArgumentCheck, defined, type StringInput, type UnattendLayer, type UnattendLayerInput } from "./common";

/** localAdministrator's arguments. */
export interface LocalAdministratorArgs<S extends StringInput = StringInput> {
  /**
   * The account's name: checked by the account-name rules (at most 20
   * characters, none of `" / \ [ ] : | < > + = ; , ? * % @`, not NONE nor a
   * built-in account's name such as Administrator).
   * @example name: "ops"
   */
  name: S;
  /**
   * The password: written obfuscated (PlainText false), and a secret when
   * given as one (e.g. `config.requireSecret("adminPassword")`).
   * @example password: config.requireSecret("adminPassword")
   */
  password: S;
  /**
   * Automatic logon with this account (AutoLogon), written as its
   * `LogonCount`. Windows logs on one time more than LogonCount (a known
   * issue the reference documents), so `n` from 2 gives n + 1 automatic
   * logons; `1` gives exactly one, with the documented workaround (a
   * first-logon command that resets the count). For exactly n logons, give
   * n - 1 (or use builtinAdministrator's `autoLogon`, which counts exactly).
   * @default no automatic logon
   * @example autoLogonCount: 1
   */
  autoLogonCount?: number;
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

/**
 * A local administrator: a local account in the Administrators group with an
 * obfuscated password, and automatic logon when `autoLogonCount` is given.
 *
 * Writes, in the oobeSystem pass, component Microsoft-Windows-Shell-Setup:
 * `UserAccounts/LocalAccounts` (one LocalAccount: `Name`, `Group`
 * Administrators, `Password` with `PlainText` false, `DisplayName` and
 * `Description` when given), and, with `autoLogonCount`, `AutoLogon`
 * (`Enabled` true, `Username`, `Password` with `PlainText` false,
 * `LogonCount`); with `autoLogonCount: 1`, also `FirstLogonCommands` with the
 * documented workaround for LogonCount 1 logging on twice (a `reg add` that
 * sets Winlogon's AutoLogonCount to 0 at the first logon).
 *
 * The password is obfuscated as Windows expects (this hides it from a glance
 * only); a secret Output stays secret, and the file made from it is secret.
 * @param args the account's name and password, and optionally the number of automatic logons, a display name and a description.
 * @returns a layer named "localAdministrator" (with Outputs inside when given Outputs).
 * @throws UnattendValidationError for a name the account-name rules refuse, an empty password, or an autoLogonCount that is not a whole number from 1.
 * @example
 * localAdministrator({ name: "ops", password: config.requireSecret("adminPassword"), autoLogonCount: 1 })
 */
export function localAdministrator(args: LocalAdministratorArgs<string>): UnattendLayer;
/** localAdministrator with values from config, secrets or other resources (see the overload above). */
export function localAdministrator(args: LocalAdministratorArgs): UnattendLayerInput;
export function localAdministrator(args: LocalAdministratorArgs): UnattendLayerInput {
  const check = new ArgumentCheck("localAdministrator");
  check.object([], args, "the arguments of localAdministrator");
  checkAccountName(check, ["name"], args.name);
  check.text(["password"], args.password, "password", true);
  check.integer(["autoLogonCount"], args.autoLogonCount, 1, "autoLogonCount");
  check.done();
  const password = { Value: args.password, PlainText: false };
  return {
    name: "localAdministrator",
    settings: {
      oobeSystem: {
        "Microsoft-Windows-Shell-Setup": defined({
          UserAccounts: {
            LocalAccounts: [
              defined({ Name: args.name, Group: "Administrators", Password: password, DisplayName: args.displayName, Description: args.description }),
            ],
          },
          AutoLogon:
            args.autoLogonCount === undefined
              ? undefined
              : { Enabled: true, Username: args.name, Password: password, LogonCount: args.autoLogonCount },
          // LogonCount 1 logs on twice (a known Windows issue, microsoft-windows-shell-setup-autologon-logoncount):
          // the documented workaround resets Winlogon's AutoLogonCount at the first logon
          FirstLogonCommands:
            args.autoLogonCount === 1
              ? [
                  {
                    CommandLine: 'reg add "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon" /v AutoLogonCount /t REG_DWORD /d 0 /f',
                    Description: "Log on automatically once only (LogonCount 1 would log on twice)",
                  },
                ]
              : undefined,
        }),
      },
    },
  };
}
