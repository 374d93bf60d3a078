/**
 * Accounts and logon: Microsoft-Windows-Shell-Setup's AutoLogon, UserAccounts
 * and OOBE. Account names are compared without regard to case, as Windows
 * compares them. Passwords are compared only when both are plain literals and
 * never appear in a message.
 */
import type { ComponentNode, SettingNode } from "../model";
import { at, child, flag, items, literal, mentions, p, password, pathOf, perView, q, whole, type View } from "./query";
import { defineRules } from "./types";

const SHELL = "Microsoft-Windows-Shell-Setup";
const AUTOLOGON_PASSES = ["specialize", "auditSystem", "oobeSystem"] as const;
const ACCOUNT_PASSES = ["auditSystem", "oobeSystem"] as const;

const PAGE = {
  autologon: "microsoft-windows-shell-setup-autologon",
  enabled: "microsoft-windows-shell-setup-autologon-enabled",
  username: "microsoft-windows-shell-setup-autologon-username",
  logonCount: "microsoft-windows-shell-setup-autologon-logoncount",
  password: "microsoft-windows-shell-setup-autologon-password",
  adminPassword: "microsoft-windows-shell-setup-useraccounts-administratorpassword",
  localAccount: "microsoft-windows-shell-setup-useraccounts-localaccounts-localaccount",
  localName: "microsoft-windows-shell-setup-useraccounts-localaccounts-localaccount-name",
  group: "microsoft-windows-shell-setup-useraccounts-localaccounts-localaccount-group",
  hideLocal: "microsoft-windows-shell-setup-oobe-hidelocalaccountscreen",
  firstLogon: "microsoft-windows-shell-setup-firstlogoncommands",
} as const;

interface AutoLogon {
  pass: string;
  node: SettingNode;
  enabled?: SettingNode;
  username?: SettingNode;
  user?: string;
  domain?: string;
}

/** Read once per view: nine rules look at them. */
const autoLogons = perView((view): readonly AutoLogon[] => {
  const out: AutoLogon[] = [];
  for (const pass of AUTOLOGON_PASSES) {
    const node = child(view.component(pass, SHELL), "AutoLogon");
    if (!node || node.opaque || !node.children) continue;
    const username = child(node, "Username");
    out.push({ pass, node, enabled: child(node, "Enabled"), username, user: literal(username), domain: literal(child(node, "Domain")) });
  }
  return out;
});

const enabled = (a: AutoLogon) => flag(a.enabled) === true;

interface Account {
  pass: string;
  item: SettingNode;
  nameNode: SettingNode;
  name: string;
  password?: SettingNode;
  group?: string;
}

const localAccounts = perView((view): readonly Account[] => {
  const out: Account[] = [];
  for (const pass of ACCOUNT_PASSES) {
    for (const item of items(at(view.component(pass, SHELL), "UserAccounts", "LocalAccounts"))) {
      const nameNode = child(item, "Name");
      const name = literal(nameNode);
      if (!nameNode || name === undefined) continue;
      out.push({ pass, item, nameNode, name, password: child(item, "Password"), group: literal(child(item, "Group")) });
    }
  }
  return out;
});

function adminPasswords(view: View): SettingNode[] {
  return ACCOUNT_PASSES.map((pass) => at(view.component(pass, SHELL), "UserAccounts", "AdministratorPassword")).filter((n): n is SettingNode => !!n);
}

/** The AutoLogon account is a local one: no Domain, an empty one or ".", or the computer's own name. */
function isLocal(view: View, a: AutoLogon): boolean {
  if (!child(a.node, "Domain")) return true;
  const d = a.domain;
  if (d === undefined) return false; // a placeholder: unknown
  if (d === "" || d === ".") return true;
  const name = literal(child(view.component("specialize", SHELL), "ComputerName"));
  return name !== undefined && name.toLowerCase() === d.toLowerCase();
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** A password setting's plain text: "" when the setting is absent, undefined when not a literal. */
function passwordOf(n: SettingNode | undefined): string | undefined {
  return n === undefined ? "" : password(n);
}

function shellComponent(view: View, pass: string): ComponentNode | undefined {
  return view.component(pass, SHELL);
}

export const ACCOUNT_RULES = defineRules([
  {
    id: "autologon-not-enabled",
    area: "accounts",
    severity: "warning",
    summary: "AutoLogon names a Username but leaves Enabled out (it defaults to false).",
    source: { page: PAGE.enabled, says: "Enabled turns automatic logon on; false, which disables it, is the default." },
    judgement: "Warning: an AutoLogon with an account and no Enabled almost certainly means to log on automatically.",
    check(view, report) {
      for (const a of autoLogons(view)) {
        if (a.username && !a.enabled) {
          report(
            a.username.path,
            `${q(a.username)} names an account, but ${pathOf(a.node, "Enabled")} is not set and defaults to false, so Windows never logs on automatically. Set Enabled to true (or remove AutoLogon).`,
          );
        }
      }
    },
  },
  {
    id: "autologon-without-username",
    area: "accounts",
    severity: "error",
    summary: "AutoLogon Enabled true without a Username.",
    source: { page: PAGE.username, says: "Username is the local or domain account that AutoLogon logs on with; it cannot be empty." },
    judgement: "Error: with no account named there is nothing to log on with, so the setting has no effect.",
    check(view, report) {
      for (const a of autoLogons(view)) {
        if (enabled(a) && !a.username) {
          report(
            a.enabled!.path,
            `${q(a.enabled!)} is true, but ${pathOf(a.node, "Username")} is missing, so there is no account to log on with. Name the account (e.g. Administrator or a LocalAccounts name).`,
          );
        }
      }
    },
  },
  {
    id: "autologon-without-logoncount",
    area: "accounts",
    severity: "warning",
    summary: "AutoLogon Enabled true without LogonCount.",
    source: { page: PAGE.logonCount, says: "LogonCount must be given when AutoLogon is used." },
    judgement: "Warning: the page requires it without saying what Windows does otherwise.",
    check(view, report) {
      for (const a of autoLogons(view)) {
        if (enabled(a) && !child(a.node, "LogonCount")) {
          report(
            a.enabled!.path,
            `${q(a.enabled!)} is true, but ${pathOf(a.node, "LogonCount")} is missing: the reference requires it with AutoLogon and does not say how often Windows logs on without it. Set it to the number of automatic logons wanted (minus one, see the LogonCount page's known issue).`,
          );
        }
      }
    },
  },
  {
    id: "autologon-logoncount-zero",
    area: "accounts",
    severity: "warning",
    summary: "AutoLogon Enabled true with LogonCount 0.",
    source: { page: PAGE.logonCount, says: "With LogonCount 0, Windows performs no automatic logon." },
    check(view, report) {
      for (const a of autoLogons(view)) {
        const count = child(a.node, "LogonCount");
        if (enabled(a) && whole(count) === 0) {
          report(
            count!.path,
            `${q(count!)} is 0, so Windows does not log on automatically at all, although ${p(a.enabled!)} is true. Set LogonCount to 1 or more, or Enabled to false.`,
          );
        }
      }
    },
  },
  {
    id: "autologon-logoncount-one",
    area: "accounts",
    severity: "warning",
    summary: "AutoLogon LogonCount 1 without the documented reset of AutoLogonCount: Windows logs on twice.",
    source: {
      page: PAGE.logonCount,
      says: "A known issue adds one to a LogonCount above 0, so 1 gives two automatic logons; the workaround is LogonCount 1 plus a first logon command that sets the Winlogon AutoLogonCount value to 0.",
    },
    judgement:
      "Warning: LogonCount 1 almost certainly means one logon. Any text of the file that mentions AutoLogonCount (a command, or a script kept in the file) counts as the workaround.",
    check(view, report) {
      for (const a of autoLogons(view)) {
        const count = child(a.node, "LogonCount");
        if (enabled(a) && whole(count) === 1 && !mentions(view, /AutoLogonCount/i)) {
          report(
            count!.path,
            `${q(count!)} is 1, which a known Windows issue turns into two automatic logons. For exactly one, keep 1 and add a FirstLogonCommands command that runs: reg add "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon" /v AutoLogonCount /t REG_DWORD /d 0 /f.`,
          );
        }
      }
    },
  },
  {
    id: "autologon-password-mismatch",
    area: "accounts",
    severity: "error",
    summary: "AutoLogon's Password differs from the password the same file gives its account.",
    source: { page: PAGE.password, says: "AutoLogon Password is the password of the Username account it logs on with." },
    also: [
      { page: PAGE.localAccount, says: "LocalAccounts create local accounts, with their Password, during installation." },
      { page: PAGE.adminPassword, says: "AdministratorPassword sets the built-in Administrator's password." },
    ],
    judgement: "Error: the automatic logon fails with a password that is not the account's.",
    check(view, report) {
      const accounts = localAccounts(view);
      const admins = adminPasswords(view);
      for (const a of autoLogons(view)) {
        if (!enabled(a) || a.user === undefined || !isLocal(view, a)) continue;
        const node = child(a.node, "Password");
        const given = passwordOf(node);
        if (given === undefined) continue;
        // every password the file gives this account: its LocalAccounts, and AdministratorPassword for Administrator
        const sources = [
          ...accounts
            .filter((x) => same(x.name, a.user!))
            .map((x) => ({ where: x.password ? p(x.password) : `${pathOf(x.item, "Password")} (missing, so empty)`, value: passwordOf(x.password) })),
          ...(same(a.user, "Administrator") ? admins.map((n) => ({ where: p(n), value: password(n) })) : []),
        ];
        if (sources.length === 0 || sources.some((s) => s.value === undefined || s.value === given)) continue;
        report(
          (node ?? a.node).path,
          `${node ? q(node) : `The missing ${pathOf(a.node, "Password")} (an empty password)`} is not the password this file gives account "${a.user}" (${sources.map((s) => s.where).join(" or ")}); the automatic logon would fail. Give AutoLogon the account's password.`,
        );
      }
    },
  },
  {
    id: "autologon-unknown-user",
    area: "accounts",
    severity: "warning",
    summary: "AutoLogon's local Username is neither Administrator nor one of the LocalAccounts the file creates.",
    source: { page: PAGE.username, says: "Username is a local account, or a domain account of the AutoLogon Domain." },
    also: [{ page: PAGE.localAccount, says: "LocalAccounts create the local accounts." }],
    judgement:
      "Warning, only when the file creates local accounts: the image may hold other accounts, but a name close to none of those created is almost certainly a typo.",
    check(view, report) {
      const accounts = localAccounts(view);
      if (accounts.length === 0) return;
      for (const a of autoLogons(view)) {
        if (!enabled(a) || a.user === undefined || a.user === "" || !isLocal(view, a)) continue;
        if (same(a.user, "Administrator") || accounts.some((x) => same(x.name, a.user!))) continue;
        report(
          a.username!.path,
          `${q(a.username!)} is "${a.user}", which is neither Administrator nor one of the local accounts this file creates (${accounts
            .slice(0, 5)
            .map((x) => `"${x.name}" at ${p(x.nameNode)}`)
            .join(", ")}${accounts.length > 5 ? ", ..." : ""}). Name one of them, or set Domain for a domain account.`,
        );
      }
    },
  },
  {
    id: "audit-autologon-without-administrator-password",
    area: "accounts",
    severity: "error",
    summary: "AutoLogon in auditSystem without UserAccounts/AdministratorPassword in auditSystem.",
    source: {
      page: PAGE.adminPassword,
      says: "For automatic logon in audit mode, both AutoLogon and UserAccounts/AdministratorPassword are needed, and both belong in the auditSystem pass.",
    },
    check(view, report) {
      for (const a of autoLogons(view)) {
        if (a.pass !== "auditSystem" || !enabled(a)) continue;
        const shell = shellComponent(view, "auditSystem")!;
        if (!at(shell, "UserAccounts", "AdministratorPassword")) {
          report(
            a.enabled!.path,
            `${q(a.enabled!)} is true in auditSystem, but ${pathOf(shell, "UserAccounts", "AdministratorPassword")} is not set; automatic logon in audit mode needs both in auditSystem. Add the AdministratorPassword there.`,
          );
        }
      }
    },
  },
  {
    id: "local-account-twice",
    area: "accounts",
    severity: "warning",
    summary: "Two LocalAccounts of one pass have the same Name.",
    source: { page: PAGE.localName, says: "Name is the user name of the local account to create." },
    judgement:
      "Warning: one name makes one account (Windows compares account names without regard to case), so a second LocalAccount with it is almost certainly a mistake.",
    check(view, report) {
      const seen = new Map<string, Account>();
      for (const acc of localAccounts(view)) {
        const key = `${acc.pass}\u0000${acc.name.toLowerCase()}`;
        const first = seen.get(key);
        if (first)
          report(
            acc.nameNode.path,
            `${q(acc.nameNode)} is "${acc.name}", like ${p(first.nameNode)}: one account cannot be created twice. Give each LocalAccount its own Name.`,
          );
        else seen.set(key, acc);
      }
    },
  },
  {
    id: "hidden-account-screen-without-account",
    area: "accounts",
    severity: "warning",
    summary: "OOBE HideLocalAccountScreen true while the file sets no AdministratorPassword, creates no account and joins no domain.",
    source: { page: PAGE.hideLocal, says: "HideLocalAccountScreen hides the OOBE screen where the Administrator password is set (Windows Server)." },
    also: [
      {
        page: PAGE.adminPassword,
        says: "Windows Server requires a password for the built-in Administrator; sysprep /generalize clears it, and the next start asks for a new one unless AdministratorPassword supplies it.",
      },
    ],
    judgement: "Warning: with the screen hidden and no account given, nobody may be able to sign in.",
    check(view, report) {
      const hide = at(view.component("oobeSystem", SHELL), "OOBE", "HideLocalAccountScreen");
      if (flag(hide) !== true) return;
      const domain = at(view.component("specialize", "Microsoft-Windows-UnattendedJoin"), "Identification", "JoinDomain");
      const anyAccount = ACCOUNT_PASSES.some((pass) => {
        const ua = at(view.component(pass, SHELL), "UserAccounts");
        return child(ua, "AdministratorPassword") || items(child(ua, "LocalAccounts")).length > 0 || child(ua, "DomainAccounts");
      });
      if (!anyAccount && !domain) {
        report(
          hide!.path,
          `${q(hide!)} is true, but the file sets no UserAccounts/AdministratorPassword, creates no LocalAccounts and joins no domain, so no account may have a password to sign in with. Set ${pathOf(view.component("oobeSystem", SHELL)!, "UserAccounts", "AdministratorPassword")} or create an account.`,
        );
      }
    },
  },
  {
    id: "first-logon-commands-without-administrator",
    area: "accounts",
    severity: "warning",
    summary: "FirstLogonCommands run at the automatic logon of a local account whose Group leaves out Administrators.",
    source: {
      page: PAGE.firstLogon,
      says: "For an account without administrative rights the first logon commands may not run: with UAC on, the user is asked and may cancel; with UAC off, they do not run.",
    },
    also: [{ page: PAGE.group, says: "Group lists the local groups (separated by semicolons) the new account joins." }],
    check(view, report) {
      const oobe = view.component("oobeSystem", SHELL);
      const cmds = child(oobe, "FirstLogonCommands");
      if (items(cmds).length === 0) return;
      const accounts = localAccounts(view);
      for (const a of autoLogons(view)) {
        if (a.pass !== "oobeSystem" || !enabled(a) || a.user === undefined || !isLocal(view, a)) continue;
        const acc = accounts.find((x) => same(x.name, a.user!));
        if (!acc || acc.group === undefined) continue;
        const groups = acc.group.split(";").map((g) => g.trim().toLowerCase());
        if (!groups.includes("administrators")) {
          report(
            cmds!.path,
            `${q(cmds!)} run when "${a.user}" logs on automatically (${p(a.username!)}), but that account's ${p(child(acc.item, "Group")!)} is "${acc.group}", without Administrators: the commands may be refused or not run. Add Administrators to the Group, or log on with an administrator.`,
          );
        }
      }
    },
  },
]);
