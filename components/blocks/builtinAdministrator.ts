/**
 * builtinAdministrator: the password of the built-in Administrator account,
 * and optionally automatic logon with it (the Packer and Vagrant case).
 */
import { ArgumentCheck, defined, type StringInput, type UnattendLayer, type UnattendLayerInput } from "./common";

/** builtinAdministrator's arguments. */
export interface BuiltinAdministratorArgs<S extends StringInput = StringInput> {
  /**
   * The built-in Administrator's password: written obfuscated (PlainText
   * false); a credential, kept secret (a secret Output stays one; merged as a
   * layer of an UnattendFile it is made secret even as plain text).
   * @example password: config.requireSecret("buildPassword")
   */
  password: S;
  /**
   * Log on automatically as Administrator: `"unlimited"` (every start, until
   * something turns it off: what an image build that restarts needs), or a
   * number of automatic logons, exactly that many.
   * @default no automatic logon
   * @example autoLogon: "unlimited"
   */
  autoLogon?: "unlimited" | number;
}

const WINLOGON = '"HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon"';

/** LogonCount written for "unlimited": AutoLogon needs one; the first logon then removes the counter. */
export const UNLIMITED_LOGON_COUNT = 9999;

/**
 * The built-in Administrator: its password, and automatic logon as it.
 *
 * Writes, in the oobeSystem pass, component Microsoft-Windows-Shell-Setup:
 * `UserAccounts/AdministratorPassword` (`Value`, `PlainText` false); with
 * `autoLogon`, `AutoLogon` (`Enabled` true, `Username` Administrator,
 * `Password` with `PlainText` false, and `LogonCount`), and one
 * FirstLogonCommands command when needed:
 * - `autoLogon: n` (n from 2): LogonCount n - 1, since Windows logs on once
 *   more than LogonCount (a known issue the reference documents);
 * - `autoLogon: 1`: LogonCount 1 and the documented workaround, a first-logon
 *   `reg add` that sets Winlogon's AutoLogonCount to 0 (LogonCount 1 alone
 *   would log on twice);
 * - `autoLogon: "unlimited"`: LogonCount 9999 (AutoLogon requires one) and a
 *   first-logon `reg delete` of Winlogon's AutoLogonCount, so that the count
 *   never runs out: Windows logs on automatically at every start while
 *   AutoAdminLogon stays 1 (turn it off when the build is done, e.g. Sysprep
 *   or `reg add ... /v AutoAdminLogon /d 0`).
 *
 * Setting the built-in account's password is the only way to give it one in
 * an answer file (a LocalAccount named Administrator makes Setup fail: see
 * localAccounts); automatic logon with it leaves it enabled.
 * @param args the password, and optionally automatic logon.
 * @returns a layer named "builtinAdministrator" (with Outputs inside when given Outputs).
 * @throws UnattendValidationError for an empty password, or autoLogon that is neither "unlimited" nor a whole number from 1 to 9999.
 * @example
 * builtinAdministrator({ password: config.requireSecret("buildPassword"), autoLogon: "unlimited" })
 */
export function builtinAdministrator(args: BuiltinAdministratorArgs<string>): UnattendLayer;
/** builtinAdministrator with values from config, secrets or other resources (see the overload above). */
export function builtinAdministrator(args: BuiltinAdministratorArgs): UnattendLayerInput;
export function builtinAdministrator(args: BuiltinAdministratorArgs): UnattendLayerInput {
  const check = new ArgumentCheck("builtinAdministrator");
  if (typeof args !== "object" || args === null) {
    check.fail([], "Give { password, autoLogon? }.");
    check.done();
  }
  check.text(["password"], args.password, "password", true);
  if (args.autoLogon !== "unlimited") check.integer(["autoLogon"], args.autoLogon, 1, 'autoLogon (or "unlimited")', UNLIMITED_LOGON_COUNT);
  check.done();
  const password = { Value: args.password, PlainText: false };
  const auto = args.autoLogon;
  const logonCount = auto === undefined ? undefined : auto === "unlimited" ? UNLIMITED_LOGON_COUNT : auto === 1 ? 1 : auto - 1;
  const command =
    auto === "unlimited"
      ? {
          CommandLine: `reg delete ${WINLOGON} /v AutoLogonCount /f`,
          Description: "Log on automatically at every start (no logon count)",
        }
      : auto === 1
        ? {
            CommandLine: `reg add ${WINLOGON} /v AutoLogonCount /t REG_DWORD /d 0 /f`,
            Description: "Log on automatically once only (LogonCount 1 would log on twice)",
          }
        : undefined;
  return {
    name: "builtinAdministrator",
    settings: {
      oobeSystem: {
        "Microsoft-Windows-Shell-Setup": defined({
          UserAccounts: { AdministratorPassword: password },
          AutoLogon: logonCount === undefined ? undefined : { Enabled: true, Username: "Administrator", Password: password, LogonCount: logonCount },
          FirstLogonCommands: command ? [command] : undefined,
        }),
      },
    },
  };
}
