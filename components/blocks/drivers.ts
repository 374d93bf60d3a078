/**
 * drivers: folders of drivers Windows Setup adds, in Windows PE and to the
 * installed Windows.
 */
import { notKnownYet } from "../core/diagnostics";
import { ArgumentCheck, defined, type StringInput, type UnattendLayer, type UnattendLayerInput } from "./common";
import { MAX_PATH_LENGTH } from "./commands";

/** The account that reads driver folders on a network share. */
export interface DriverCredentials<S extends StringInput = StringInput> {
  /**
   * The account's domain (or the computer name for a local account).
   * @example domain: "corp"
   */
  domain: S;
  /**
   * The account's user name.
   * @example username: "svc-drivers"
   */
  username: S;
  /**
   * The password: a credential, kept secret (a secret Output stays one;
   * merged as a layer of an UnattendFile it is made secret even as plain
   * text). The answer file holds it in clear text, as Windows requires here.
   * @example password: config.requireSecret("driverSharePassword")
   */
  password: S;
}

/** drivers' arguments. */
export interface DriversArgs<S extends StringInput = StringInput> {
  /**
   * Folders (local or UNC, each at most 259 characters) whose drivers
   * Windows PE loads, e.g. storage drivers without which Setup sees no disk.
   * Subfolders are searched too.
   * @default none
   * @example winPE: ["E:\\drivers\\storage"]
   */
  winPE?: S[];
  /**
   * Folders whose drivers are added to the installed Windows before it
   * first starts (offlineServicing pass).
   * @default none
   * @example afterSetup: ["\\\\server\\drivers\\laptops"]
   */
  afterSetup?: S[];
  /**
   * The account that reads the folders on a network share (written for
   * each folder).
   * @default none: local folders, or shares readable without an account
   * @example credentials: { domain: "corp", username: "svc-drivers", password: config.requireSecret("driverSharePassword") }
   */
  credentials?: DriverCredentials<S>;
}

/**
 * Driver folders for Windows PE and for the installed Windows.
 *
 * Writes, in the windowsPE pass, component
 * Microsoft-Windows-PnpCustomizationsWinPE, `DriverPaths` (one
 * PathAndCredentials per `winPE` folder, `wcm:keyValue` 1, 2, 3..., its
 * `Path`, and `Credentials` (`Domain`, `Username`, `Password`) when
 * given); and in the offlineServicing pass, component
 * Microsoft-Windows-PnpCustomizationsNonWinPE, `DriverPaths` the same for
 * the `afterSetup` folders. The password is a credential (kept secret).
 * @param args the folders for each phase, and the account for shares.
 * @returns a layer named "drivers" (with Outputs inside when given Outputs).
 * @throws UnattendValidationError for no folder at all, an empty folder or one over 259 characters, a repeated folder, or incomplete credentials.
 * @example
 * drivers({ winPE: ["D:\\drivers\\storage"], afterSetup: ["\\\\server\\drivers"], credentials: { domain: "corp", username: "svc-drivers", password: config.requireSecret("driverSharePassword") } })
 */
export function drivers(args: DriversArgs<string>): UnattendLayer;
/** drivers with values from config, secrets or other resources (see the overload above). */
export function drivers(args: DriversArgs): UnattendLayerInput;
export function drivers(args: DriversArgs): UnattendLayerInput {
  const check = new ArgumentCheck("drivers");
  if (typeof args !== "object" || args === null) {
    check.fail([], "Give { winPE?, afterSetup?, credentials? }.");
    check.done();
  }
  for (const key of ["winPE", "afterSetup"] as const) {
    const list = args[key];
    if (list === undefined) continue;
    if (!Array.isArray(list) || list.length === 0) {
      check.fail([key], `${key} must be a non-empty array of folders.`);
      continue;
    }
    const seen = new Set<string>();
    list.forEach((p, i) => {
      check.text([key, i], p, "each folder");
      if (typeof p === "string" && p.length > MAX_PATH_LENGTH)
        check.fail([key, i], `the folder is ${p.length} characters long: Path holds at most ${MAX_PATH_LENGTH}.`);
      if (typeof p === "string") {
        if (seen.has(p.toLowerCase())) check.fail([key, i], `the folder ${JSON.stringify(p)} is given twice.`);
        seen.add(p.toLowerCase());
      }
    });
  }
  if (args.winPE === undefined && args.afterSetup === undefined) check.fail([], "Give winPE or afterSetup folders (or both).");
  const c = args.credentials;
  if (c !== undefined && !notKnownYet(c)) {
    if (typeof c !== "object" || c === null) check.fail(["credentials"], "credentials must be { domain, username, password }.");
    else {
      check.text(["credentials", "domain"], c.domain, "credentials.domain");
      check.text(["credentials", "username"], c.username, "credentials.username");
      check.text(["credentials", "password"], c.password, "credentials.password", true);
    }
  }
  check.done();
  const items = (list: StringInput[]) =>
    list.map((p, i) =>
      defined({
        "wcm:keyValue": String(i + 1),
        Path: p,
        Credentials: c === undefined ? undefined : { Domain: c.domain, Username: c.username, Password: c.password },
      }),
    );
  return {
    name: "drivers",
    settings: defined({
      windowsPE: args.winPE ? { "Microsoft-Windows-PnpCustomizationsWinPE": { DriverPaths: items(args.winPE) } } : undefined,
      offlineServicing: args.afterSetup ? { "Microsoft-Windows-PnpCustomizationsNonWinPE": { DriverPaths: items(args.afterSetup) } } : undefined,
    }),
  };
}
