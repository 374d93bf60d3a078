/**
 * Which settings hold secrets.
 *
 * Credentials (`sensitive: true`) are found by a rule, never listed by hand:
 *   - every Value/PlainText password (kind "password"), and
 *   - every text setting named `Password` or ending in `Password` (the
 *     `Password` of each `Credentials` block, `MachinePassword`, `FaxUserPassword`).
 * The rule is checked against the reference: every `Credentials` block must
 * hold exactly one element the rule marks, and the element's page must say it
 * is a password (CREDENTIAL_PAGE_WORDS).
 *
 * Values that may be confidential without being credentials are candidates a
 * person reviewed (REVIEWED below, each with the evidence); the generator marks
 * them `confidential` and fails its review check when a setting whose name looks
 * secret (SECRET_LOOKING) or a non-password child of a `Credentials` block has
 * no entry here, so a new reference that adds one gets looked at.
 */
import type { Element } from "../../components/catalog/types";

/** Why the rule marks an element as a credential, or undefined. */
export function credentialRule(el: Element): string | undefined {
  if (el.kind === "password") return "Value/PlainText password";
  const text = el.kind === "value" || (el.kind === "item" && el.type !== undefined);
  if (!text) return undefined;
  if (el.name === "Password") return "text password (`Password`)";
  if (/Password$/.test(el.name)) return `text password (name ends in "Password")`;
  return undefined;
}

/** Words a credential's own page must use, as a cross-check of the rule. */
export const CREDENTIAL_PAGE_WORDS = /\bpassword\b/i;

/** Names that look secret: each such setting the rule does not mark needs a review entry. */
export const SECRET_LOOKING = /pass(word|wd|phrase)?|secret|credential|communit|productkey|accountdata|^key$|^pin$|token/i;

export interface SensitiveReview {
  /**
   * The setting, as a catalog path ending (`Credentials/Username` matches every
   * `.../Credentials/Username`), starting at a path segment.
   */
  path: string;
  /** Marked `confidential` in the catalog (`"key"`: the item's wcm:keyValue), or left unmarked. */
  confidential?: "value" | "key";
  /** What the value is and why it is (or is not) confidential: facts, our words. */
  why: string;
  /** Where the facts come from (reference page, other Microsoft documentation, real files). */
  evidence: string;
}

export const REVIEWED: SensitiveReview[] = [
  // ---- confidential candidates
  {
    path: "Microsoft-Windows-UnattendedJoin/Identification/Provisioning/AccountData",
    confidential: "value",
    why:
      "The offline domain-join blob that djoin.exe /provision writes: it carries the new computer account's " +
      "machine password, so it grants what a credential grants. Recommended: treat as a credential.",
    evidence:
      "Reference page microsoft-windows-unattendedjoin-identification-provisioning-accountdata (the text djoin.exe " +
      "/provision saves, pasted as is); the blob encodes ODJ_WIN7BLOB, whose lpMachinePassword member is the computer " +
      "account's clear-text password (learn.microsoft.com/windows/win32/netmgmt/odj-odj_win7blob).",
  },
  {
    path: "Microsoft-Windows-UnattendedJoin/OfflineIdentification/Provisioning/AccountData",
    confidential: "value",
    why: "Same djoin.exe blob as Identification/Provisioning/AccountData, applied offline. Recommended: treat as a credential.",
    evidence: "Reference page microsoft-windows-unattendedjoin-offlineidentification-provisioning-accountdata.",
  },
  {
    path: "Microsoft-Windows-SNMP-Agent-Service/ValidCommunities/ValidCommunity",
    confidential: "key",
    why:
      "SNMP v1/v2c community names act as shared passwords. They are written as each item's wcm:keyValue " +
      "(the item's text is only the permission number 1/2/4/8/16), so the secret is the list key: it would show " +
      "in flattened state keys (`ValidCommunity[<name>]`).",
    evidence:
      "Reference pages microsoft-windows-snmp-agent-service-validcommunities(-validcommunity, -key, -value): " +
      'the example writes <ValidCommunity wcm:action="add" wcm:keyValue="Community1">2</ValidCommunity>.',
  },
  {
    path: "Microsoft-Windows-SNMP-Agent-Service/TrapConfiguration/TrapConfigurationItems/Community_Name",
    confidential: "value",
    why: "The community name SNMP traps are sent with; trap receivers check it like a shared password (SNMP v1/v2c).",
    evidence: "Reference page microsoft-windows-snmp-agent-service-trapconfiguration-trapconfigurationitems-community-name.",
  },
  {
    path: "Microsoft-Windows-Setup/UserData/ProductKey/Key",
    confidential: "value",
    why:
      "A product key (25 characters in five groups). Retail and MAK keys are licence entitlements that others " +
      "could activate with; the generic installation and KMS client keys are published by Microsoft and are not secret.",
    evidence: "Reference page microsoft-windows-setup-userdata-productkey-key; real files write both generic and real keys.",
  },
  {
    path: "Microsoft-Windows-Shell-Setup/ProductKey",
    confidential: "value",
    why: "The product key used to activate Windows, where a MAK must go (see UserData/ProductKey/Key).",
    evidence: "Reference page microsoft-windows-shell-setup-productkey (MAK keys go in this setting).",
  },

  // ---- reviewed, not confidential
  {
    path: "Credentials/Username",
    why: "The account name that goes with a Credentials/Password: an identity, not a secret; diffs and messages need it.",
    evidence: "Reference pages *-credentials-username (Deployment, Setup, PnpCustomizations, UnattendedJoin).",
  },
  {
    path: "Credentials/UserName",
    why: "Setup RunSynchronous spells the account name UserName; same decision as Credentials/Username.",
    evidence: "Reference page microsoft-windows-setup-runsynchronous-runsynchronouscommand-credentials-username.",
  },
  {
    path: "Credentials/Domain",
    why: "The domain of the account in a Credentials block: an identity, not a secret.",
    evidence: "Reference pages *-credentials-domain.",
  },
  {
    path: "Microsoft-Windows-Embedded-UnifiedWriteFilter/DomainSecretKeyPersisted",
    why: "A true/false switch about keeping the domain secret key across reboots; it holds no key.",
    evidence: "Reference page microsoft-windows-embedded-unifiedwritefilter-domainsecretkeypersisted (a boolean).",
  },
  {
    path: "InstallFrom/MetaData/Key",
    why: "Which image property selects the image (/IMAGE/INDEX, /IMAGE/NAME, /IMAGE/DESCRIPTION).",
    evidence: "Reference pages microsoft-windows-setup-imageinstall-*-installfrom-metadata-key.",
  },
  {
    path: "Microsoft-Windows-Shell-Setup/StartTiles/RegionalOverrides/RegionalOverride/Regions/Region/Key",
    why: "The list key of a region entry.",
    evidence: "Reference page microsoft-windows-shell-setup-starttiles-regionaloverrides-regionaloverride-regions-region-key.",
  },
  {
    path: "Microsoft-Windows-Embedded-ShellLauncher/UserSettings/User/Key",
    why: "The list key of a Shell Launcher user entry.",
    evidence: "Reference page microsoft-windows-embedded-shelllauncher-usersettings-user-key.",
  },
];

/** Does a catalog path ("Component/A/B") end with the review path, at a segment boundary? */
export function pathMatches(fullPath: string, reviewPath: string): boolean {
  return fullPath === reviewPath || fullPath.endsWith(`/${reviewPath}`);
}
