/**
 * Identity and domain join: Microsoft-Windows-UnattendedJoin's Identification
 * (specialize) and Microsoft-Windows-Shell-Setup's ComputerName.
 */
import type { SettingNode } from "../model";
import { at, child, flag, literal, p, pathOf, q, text, type View } from "./query";
import { defineRules } from "./types";

const PAGE = {
  joinDomain: "microsoft-windows-unattendedjoin-identification-joindomain",
  joinWorkgroup: "microsoft-windows-unattendedjoin-identification-joinworkgroup",
  credentials: "microsoft-windows-unattendedjoin-identification-credentials",
  domain: "microsoft-windows-unattendedjoin-identification-credentials-domain",
  username: "microsoft-windows-unattendedjoin-identification-credentials-username",
  unsecureJoin: "microsoft-windows-unattendedjoin-identification-unsecurejoin",
  machinePassword: "microsoft-windows-unattendedjoin-identification-machinepassword",
  provisioning: "microsoft-windows-unattendedjoin-identification-provisioning",
  ou: "microsoft-windows-unattendedjoin-identification-machineobjectou",
  debugJoinError: "microsoft-windows-unattendedjoin-identification-debugjoinonlyonthiserror",
  computerName: "microsoft-windows-shell-setup-computername",
} as const;

interface Join {
  id: SettingNode;
  domain?: SettingNode;
  workgroup?: SettingNode;
  credentials?: SettingNode;
  unsecure?: SettingNode;
  machinePassword?: SettingNode;
  provisioning?: SettingNode;
  ou?: SettingNode;
}

function identification(view: View): Join | undefined {
  const id = at(view.component("specialize", "Microsoft-Windows-UnattendedJoin"), "Identification");
  if (!id || id.opaque || !id.children) return undefined;
  return {
    id,
    domain: child(id, "JoinDomain"),
    workgroup: child(id, "JoinWorkgroup"),
    credentials: child(id, "Credentials"),
    unsecure: child(id, "UnsecureJoin"),
    machinePassword: child(id, "MachinePassword"),
    provisioning: child(id, "Provisioning"),
    ou: child(id, "MachineObjectOU"),
  };
}

/** A user name that carries its domain: user@domain (UPN) or domain\user. */
const QUALIFIED = /@|\\/;

/** Provisioning with account data: it names the domain itself. */
function provisioned(j: Join): boolean {
  return !!j.provisioning && text(child(j.provisioning, "AccountData")) !== "";
}

export const IDENTITY_RULES = defineRules([
  {
    id: "join-domain-and-workgroup",
    area: "identity",
    severity: "error",
    summary: "Identification sets both JoinDomain and JoinWorkgroup.",
    source: {
      page: PAGE.joinDomain,
      says: "Only one of JoinDomain and JoinWorkgroup belongs in a file; when both are present the domain wins and the workgroup is dropped.",
    },
    also: [{ page: PAGE.joinWorkgroup, says: "JoinWorkgroup cannot be set when JoinDomain is." }],
    check(view, report) {
      const j = identification(view);
      if (j?.domain && j.workgroup) {
        report(
          j.workgroup.path,
          `${q(j.workgroup)} is ignored because ${p(j.domain)} is set: a computer joins a domain or a workgroup. Remove one of them.`,
        );
      }
    },
  },
  {
    id: "join-domain-without-credentials",
    area: "identity",
    severity: "error",
    summary: "JoinDomain without Credentials (Username and Password), UnsecureJoin or Provisioning.",
    source: { page: PAGE.unsecureJoin, says: "Unless UnsecureJoin is true, joining requires a valid Domain, Username and Password in Credentials." },
    also: [{ page: PAGE.provisioning, says: "Provisioning account data (from djoin.exe) joins the domain instead of Credentials." }],
    check(view, report) {
      const j = identification(view);
      if (!j?.domain || flag(j.unsecure) === true || (j.unsecure && flag(j.unsecure) === undefined) || provisioned(j)) return;
      const missing = ["Username", "Password"].filter((n) => !child(j.credentials, n));
      if (j.credentials?.opaque) return;
      if (missing.length) {
        const base = j.credentials ?? j.id;
        report(
          j.domain.path,
          `${q(j.domain)} asks to join a domain, but ${missing.map((n) => (j.credentials ? pathOf(base, n) : pathOf(j.id, "Credentials", n))).join(" and ")} ${missing.length > 1 ? "are" : "is"} missing and ${pathOf(j.id, "UnsecureJoin")} is not true, so the join cannot authenticate. Give Credentials (an account allowed to join computers), UnsecureJoin true for a pre-created account, or Provisioning account data.`,
        );
      }
    },
  },
  {
    id: "join-username-without-domain",
    area: "identity",
    severity: "error",
    summary: "Join Credentials without Domain, and a Username that does not name its domain (user@domain or domain\\user).",
    source: {
      page: PAGE.domain,
      says: "Without a Credentials Domain, Username must carry the domain: user@domain (UPN), NetBIOS-domain\\user or DNS-domain\\user.",
    },
    check(view, report) {
      const j = identification(view);
      const cred = j?.credentials;
      const user = child(cred, "Username");
      const name = literal(user);
      if (cred && user && name !== undefined && name !== "" && !child(cred, "Domain") && !QUALIFIED.test(name)) {
        report(
          user.path,
          `${q(user)} is "${name}", with no domain, and ${pathOf(cred, "Domain")} is not set, so the join cannot tell which domain the account belongs to. Set Domain, or write the user as user@domain or DOMAIN\\user.`,
        );
      }
    },
  },
  {
    id: "join-domain-and-qualified-username",
    area: "identity",
    severity: "warning",
    summary: "Join Credentials give a Domain and a Username that already names its domain.",
    source: { page: PAGE.username, says: "When Username is written as user@domain or domain\\user, leave the Domain setting out." },
    judgement: "Warning: the page says to leave Domain out without saying what happens otherwise.",
    check(view, report) {
      const cred = identification(view)?.credentials;
      const user = child(cred, "Username");
      const domain = child(cred, "Domain");
      const name = literal(user);
      if (domain && name !== undefined && QUALIFIED.test(name)) {
        report(
          domain.path,
          `${q(domain)} is set, but ${p(user!)} ("${name}") already names its domain; leave Domain out, or write the bare user name.`,
        );
      }
    },
  },
  {
    id: "unsecure-join-with-credentials",
    area: "identity",
    severity: "warning",
    summary: "UnsecureJoin true together with Credentials Domain, Username or Password.",
    source: { page: PAGE.unsecureJoin, says: "When UnsecureJoin is enabled, do not create Domain, Username or Password settings." },
    judgement: "Warning: the page forbids the combination without saying what Windows Setup then does.",
    check(view, report) {
      const j = identification(view);
      if (!j || flag(j.unsecure) !== true) return;
      const given = ["Domain", "Username", "Password"].map((n) => child(j.credentials, n)).filter((n): n is SettingNode => !!n);
      if (given.length) {
        report(
          j.unsecure!.path,
          `${q(j.unsecure!)} joins with a pre-created account and no authentication, yet ${given.map(p).join(", ")} ${given.length > 1 ? "are" : "is"} set. Remove the Credentials, or set UnsecureJoin to false to join with them.`,
        );
      }
    },
  },
  {
    id: "machine-password-without-unsecure-join",
    area: "identity",
    severity: "error",
    summary: "MachinePassword without UnsecureJoin true.",
    source: { page: PAGE.machinePassword, says: "MachinePassword is valid only when UnsecureJoin is true." },
    check(view, report) {
      const j = identification(view);
      if (!j?.machinePassword || flag(j.unsecure) === true || (j.unsecure && flag(j.unsecure) === undefined)) return;
      report(
        j.machinePassword.path,
        `${q(j.machinePassword)} is used only when ${pathOf(j.id, "UnsecureJoin")} is true, which it is not, so it is ignored. Set UnsecureJoin to true, or remove MachinePassword.`,
      );
    },
  },
  {
    id: "provisioning-and-credentials",
    area: "identity",
    severity: "error",
    summary: "Identification gives both Provisioning and Credentials.",
    source: { page: PAGE.credentials, says: "Use Provisioning or Credentials to join; when both have values, Provisioning is used." },
    check(view, report) {
      const j = identification(view);
      if (j?.credentials && j.provisioning && provisioned(j)) {
        report(j.credentials.path, `${q(j.credentials)} is ignored because ${p(j.provisioning)} joins the domain. Keep one of them.`);
      }
    },
  },
  {
    id: "join-settings-without-domain",
    area: "identity",
    severity: "error",
    summary: "MachineObjectOU, Credentials, UnsecureJoin or MachinePassword without JoinDomain.",
    source: { page: PAGE.ou, says: "MachineObjectOU is the organizational unit of the domain being joined where the computer account is created." },
    also: [
      { page: PAGE.credentials, says: "Credentials are used to join a domain." },
      { page: PAGE.unsecureJoin, says: "UnsecureJoin adds the computer to the domain without a unique password." },
    ],
    judgement:
      "Error: with no JoinDomain (and no Provisioning, which names its domain) there is no join for these settings to act on, so they are ignored.",
    check(view, report) {
      const j = identification(view);
      if (!j || j.domain || provisioned(j)) return;
      const given = [j.ou, j.credentials, flag(j.unsecure) === true ? j.unsecure : undefined, j.machinePassword].filter((n): n is SettingNode => !!n);
      for (const n of given) {
        report(
          n.path,
          `${q(n)} acts on a domain join, but ${pathOf(j.id, "JoinDomain")} is not set${j.workgroup ? ` (${p(j.workgroup)} joins a workgroup)` : ""}, so it is ignored. Set JoinDomain, or remove it.`,
        );
      }
    },
  },
  {
    id: "debug-join-error-without-debug-join",
    area: "identity",
    severity: "error",
    summary: "DebugJoinOnlyOnThisError without DebugJoin true.",
    source: { page: PAGE.debugJoinError, says: "DebugJoinOnlyOnThisError works only when DebugJoin is true." },
    check(view, report) {
      const j = identification(view);
      const only = child(j?.id, "DebugJoinOnlyOnThisError");
      const debug = child(j?.id, "DebugJoin");
      if (j && only && flag(debug) !== true && !(debug && flag(debug) === undefined)) {
        report(only.path, `${q(only)} is ignored because ${pathOf(j.id, "DebugJoin")} is not true. Set DebugJoin to true, or remove it.`);
      }
    },
  },
  {
    id: "unsecure-join-random-computer-name",
    area: "identity",
    severity: "error",
    summary: "UnsecureJoin true without MachinePassword while ComputerName is random (absent, empty or *).",
    source: {
      page: PAGE.unsecureJoin,
      says: "UnsecureJoin joins through a computer account created beforehand, whose password is either MachinePassword or a well-known one derived from the computer name (its first 14 characters, lower-cased).",
    },
    also: [{ page: PAGE.computerName, says: "Without ComputerName, or with * or an empty one, Windows makes up a random name." }],
    judgement: "Error, derived from the two pages: a random name matches no pre-created account and gives no known password, so the join fails.",
    check(view, report) {
      const j = identification(view);
      if (!j?.domain || flag(j.unsecure) !== true || j.machinePassword) return;
      const shell = view.component("specialize", "Microsoft-Windows-Shell-Setup");
      const nameNode = child(shell, "ComputerName");
      const name = text(nameNode);
      if (nameNode && (name === undefined || (name.trim() !== "" && name.trim() !== "*"))) return;
      report(
        j.unsecure!.path,
        `${q(j.unsecure!)} joins with a pre-created computer account, but ${nameNode ? `${p(nameNode)} is ${JSON.stringify(name)}` : `${shell ? pathOf(shell, "ComputerName") : 'settings.specialize["Microsoft-Windows-Shell-Setup"].ComputerName'} is not set`}, so the computer gets a random name that no pre-created account has. Set ComputerName to the account's name, or give MachinePassword.`,
      );
    },
  },
]);
