/**
 * domainJoin: join an Active Directory domain during the specialize pass.
 */
import { ArgumentCheck, defined, type StringInput, type UnattendLayer, type UnattendLayerInput } from "./common";

/** The account that joins the computer to the domain. */
export interface DomainJoinCredentials<S extends StringInput = StringInput> {
  /**
   * The account's user name.
   * @example username: "svc-join"
   */
  username: S;
  /**
   * The account's password: kept secret (an UnattendFile given layers makes
   * it secret even as plain text). The answer file holds it in clear text, as
   * Windows requires for this setting.
   * @example password: config.requireSecret("joinPassword")
   */
  password: S;
  /**
   * The account's domain.
   * @default the domain joined
   * @example domain: "corp.contoso.com"
   */
  domain?: S;
}

/** domainJoin's arguments. */
export interface DomainJoinArgs<S extends StringInput = StringInput> {
  /**
   * The domain to join.
   * @example domain: "corp.contoso.com"
   */
  domain: S;
  /**
   * The organizational unit for the computer account.
   * @default the domain's default container for computers
   * @example ou: "OU=Workstations,DC=corp,DC=contoso,DC=com"
   */
  ou?: S;
  /**
   * The account that joins the computer. Give this or `unsecure`.
   * @default none (then `unsecure` is required)
   * @example credentials: { username: "svc-join", password: config.requireSecret("joinPassword") }
   */
  credentials?: DomainJoinCredentials<S>;
  /**
   * Join with a computer account made beforehand (e.g. `New-ADComputer`
   * with `-AccountPassword`, or `net computer` then a password reset) and
   * its one-time password, without a joining account. Give this or `credentials`.
   * @default none (then `credentials` is required)
   * @example unsecure: { machinePassword: config.requireSecret("machinePassword") }
   */
  unsecure?: {
    /**
     * The pre-created computer account's password: a credential, kept secret.
     * @example machinePassword: config.requireSecret("machinePassword")
     */
    machinePassword: S;
  };
}

/**
 * Joins the computer to an Active Directory domain during the specialize pass.
 *
 * Writes, in the specialize pass, component Microsoft-Windows-UnattendedJoin,
 * `Identification`: `JoinDomain`, `MachineObjectOU` when `ou` is given, and
 * either `Credentials` (`Domain`, `Username`, `Password`) or, with
 * `unsecure`, `UnsecureJoin` true and `MachinePassword` (the two forms the
 * reference documents; offline provisioning data is offlineDomainJoin's).
 *
 * The password and the machine password are credentials: a secret Output
 * stays secret; merged as a layer of an UnattendFile they are made secret
 * even when given as plain text. Rendered without Pulumi (renderUnattend)
 * they are in the text you get.
 * @param args the domain, the OU, and the joining account or the pre-created computer account's password.
 * @returns a layer named "domainJoin" (with Outputs inside when given Outputs).
 * @throws UnattendValidationError for an empty domain, user name or password, or not exactly one of credentials and unsecure.
 * @example
 * domainJoin({ domain: "corp.contoso.com", credentials: { username: "svc-join", password: config.requireSecret("joinPassword") } })
 */
export function domainJoin(args: DomainJoinArgs<string>): UnattendLayer;
/** domainJoin with values from config, secrets or other resources (see the overload above). */
export function domainJoin(args: DomainJoinArgs): UnattendLayerInput;
export function domainJoin(args: DomainJoinArgs): UnattendLayerInput {
  const check = new ArgumentCheck("domainJoin");
  check.object([], args, "the arguments of domainJoin");
  check.text(["domain"], args.domain, "domain");
  if (args.ou !== undefined) check.text(["ou"], args.ou, "ou");
  const credentials = args.credentials as DomainJoinCredentials | undefined;
  const unsecure = args.unsecure as { machinePassword?: unknown } | undefined;
  if (unsecure !== undefined) {
    if (credentials !== undefined)
      check.fail([], "Give credentials or unsecure, not both: a join uses a joining account or a pre-created computer account.");
    if (typeof unsecure !== "object" || unsecure === null) check.fail(["unsecure"], "unsecure must be { machinePassword }.");
    else check.text(["unsecure", "machinePassword"], unsecure.machinePassword, "unsecure.machinePassword", true);
  } else if (typeof credentials !== "object" || credentials === null) {
    check.fail(
      ["credentials"],
      "credentials must be { username, password, domain? }: the account that joins the computer (or give unsecure: { machinePassword }).",
    );
  } else {
    check.text(["credentials", "username"], credentials.username, "credentials.username");
    check.text(["credentials", "password"], credentials.password, "credentials.password", true);
    if (credentials.domain !== undefined) check.text(["credentials", "domain"], credentials.domain, "credentials.domain");
  }
  check.done();
  return {
    name: "domainJoin",
    settings: {
      specialize: {
        "Microsoft-Windows-UnattendedJoin": {
          Identification: defined({
            JoinDomain: args.domain,
            MachineObjectOU: args.ou,
            ...(args.unsecure
              ? { UnsecureJoin: true, MachinePassword: args.unsecure.machinePassword }
              : {
                  Credentials: {
                    Domain: args.credentials!.domain ?? args.domain,
                    Username: args.credentials!.username,
                    Password: args.credentials!.password,
                  },
                }),
          }),
        },
      },
    },
  };
}
