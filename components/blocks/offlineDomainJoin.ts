/**
 * offlineDomainJoin: join a domain without contacting it, with the
 * provisioning data `djoin /provision` made beforehand.
 */
import { ArgumentCheck, type StringInput, type UnattendLayer, type UnattendLayerInput } from "./common";

/** offlineDomainJoin's arguments. */
export interface OfflineDomainJoinArgs<S extends StringInput = StringInput> {
  /**
   * The provisioning data: the base64 text `djoin /provision /domain <domain>
   * /machine <name> /savefile <file> /printblob` prints. It holds the
   * computer account's secret: kept secret (a secret Output stays one;
   * merged as a layer of an UnattendFile it is made secret even as plain text).
   * @example accountData: config.requireSecret("odjBlob")
   */
  accountData: S;
  /**
   * Where: specialize (the computer joins as it is set up) or
   * offlineServicing (the data is applied to the offline image).
   * @default "specialize"
   * @example pass: "offlineServicing"
   */
  pass?: "specialize" | "offlineServicing";
}

/**
 * Joins the computer to a domain with provisioning data made beforehand
 * (offline domain join): no joining account and no domain controller are
 * needed while Windows is set up.
 *
 * Writes component Microsoft-Windows-UnattendedJoin: in the specialize pass
 * `Identification/Provisioning/AccountData`, or in the offlineServicing pass
 * `OfflineIdentification/Provisioning/AccountData`. AccountData is
 * confidential (kept secret).
 * @param args the provisioning data and the pass.
 * @returns a layer named "offlineDomainJoin" (with Outputs inside when given an Output).
 * @throws UnattendValidationError for empty data, data that is not base64, or an unknown pass.
 * @example
 * offlineDomainJoin({ accountData: config.requireSecret("odjBlob") })
 */
export function offlineDomainJoin(args: OfflineDomainJoinArgs<string>): UnattendLayer;
/** offlineDomainJoin with values from config, secrets or other resources (see the overload above). */
export function offlineDomainJoin(args: OfflineDomainJoinArgs): UnattendLayerInput;
export function offlineDomainJoin(args: OfflineDomainJoinArgs): UnattendLayerInput {
  const check = new ArgumentCheck("offlineDomainJoin");
  if (typeof args !== "object" || args === null) {
    check.fail([], "Give { accountData, pass? }.");
    check.done();
  }
  check.text(["accountData"], args.accountData, "accountData", true);
  check.pattern(["accountData"], args.accountData, /^[A-Za-z0-9+/=\s]*$/, "accountData must be the base64 text djoin prints (/printblob)", true);
  check.oneOf(["pass"], args.pass, ["specialize", "offlineServicing"] as const, "pass");
  check.done();
  const Provisioning = { AccountData: args.accountData };
  return {
    name: "offlineDomainJoin",
    settings:
      args.pass === "offlineServicing"
        ? { offlineServicing: { "Microsoft-Windows-UnattendedJoin": { OfflineIdentification: { Provisioning } } } }
        : { specialize: { "Microsoft-Windows-UnattendedJoin": { Identification: { Provisioning } } } },
  };
}
