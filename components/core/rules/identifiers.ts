/**
 * Identifiers and names: values Windows looks up or refuses, where people
 * write free text. Time zones (a Windows time zone ID, timezones.ts), product
 * keys (five groups of five), local groups (local-groups.ts) and account names
 * (the characters, the reserved name and the length Windows refuses).
 *
 * Each rule reads every component of its name in every pass, so that a
 * setting given in a pass where it does not belong is checked as well (the
 * pass itself is validation's business).
 */
import {
  ACCOUNT_NAME_FORBIDDEN,
  ACCOUNT_NAME_MAX,
  REFERENCE_FORBIDDEN_CHARACTERS,
  RESTRICTED_ACCOUNT_NAME,
  builtinAccount,
  spaced,
  validationAccountNameFacts,
  type AccountNameKind,
} from "../accountNames";
import type { ComponentNode, SettingNode } from "../model";
import { builtinGroup, groupMeant, suggestGroup } from "./local-groups";
import { at, child, childrenNamed, literal, perView, q, text, type View } from "./query";
import { WINDOWS_TIME_ZONES, mainCity, timeZoneHints, windowsTimeZone } from "./timezones";
import { defineRules } from "./types";
import { codePointCount } from "../xml/text";

const SHELL = "Microsoft-Windows-Shell-Setup";
const SETUP = "Microsoft-Windows-Setup";

const PAGE = {
  timeZone: "microsoft-windows-shell-setup-timezone",
  productKey: "microsoft-windows-setup-userdata-productkey-key",
  shellProductKey: "microsoft-windows-shell-setup-productkey",
  group: "microsoft-windows-shell-setup-useraccounts-localaccounts-localaccount-group",
  domainGroup: "microsoft-windows-shell-setup-useraccounts-domainaccounts-domainaccountlist-domainaccount-group",
  localName: "microsoft-windows-shell-setup-useraccounts-localaccounts-localaccount-name",
  offlineName: "microsoft-windows-shell-setup-offlineuseraccounts-offlinelocalaccounts-localaccount-name",
  domainName: "microsoft-windows-shell-setup-useraccounts-domainaccounts-domainaccountlist-domainaccount-name",
  autologonUser: "microsoft-windows-shell-setup-autologon-username",
  localAccount: "microsoft-windows-shell-setup-useraccounts-localaccounts-localaccount",
  adminPassword: "microsoft-windows-shell-setup-useraccounts-administratorpassword",
} as const;

function components(view: View, name: string): ComponentNode[] {
  return view.components.filter((c) => c.def && !c.unvalidated && c.name === name);
}

/** Every documented node at this path of names below a parent (list items included). */
function nodesAt(parent: ComponentNode | SettingNode, names: readonly string[]): SettingNode[] {
  let level: (ComponentNode | SettingNode)[] = [parent];
  for (const name of names) {
    if (level.length === 0) break;
    level = level.length === 1 ? childrenNamed(level[0], name) : level.flatMap((p) => childrenNamed(p, name));
  }
  return level as SettingNode[];
}

// ---------------------------------------------------------------- product keys

/** The characters of Windows product keys (base 24, no vowels or look-alikes; N since Windows 8). */
const KEY_ALPHABET = "BCDFGHJKMNPQRTVWXY2346789";
const KEY = new RegExp(`^[${KEY_ALPHABET}]{5}(?:-[${KEY_ALPHABET}]{5}){4}$`, "i");
/** The all-zero key that real files give to install without a key (../shared/corpus 031, 035). */
const NO_KEY = /^00000(?:-00000){4}$/;
/** A placeholder of a home-made template, filled in by a script before Setup runs: [KEY], [PRODUCTKEY]. */
const BRACKETED = /^\[[A-Za-z_ ]{1,40}\]$/;

/** What is wrong with a product key's form, without quoting a character of it; undefined when it is well formed. */
function keyProblem(key: string): string | undefined {
  if (KEY.test(key) || NO_KEY.test(key)) return undefined;
  // a key is 29 characters: a value far longer is said by its length, its characters and groups not listed (an
  // array of each, 8 bytes a character, 32 MB for a value of 4 MiB)
  if (key.length > 100) return `it is ${codePointCount(key)} characters long, where a key is 29 (five groups of five)`;
  const chars = [...key];
  const groups = key.split("-").map((g) => [...g].length);
  const shape =
    groups.length === 5 && groups.every((g) => g === 5)
      ? undefined
      : `it is ${chars.length} characters long in ${groups.length} group${groups.length === 1 ? "" : "s"} of ${groups.join(", ")}`;
  const bad = chars.map((c, i) => (c !== "-" && !KEY_ALPHABET.includes(c.toUpperCase()) ? i + 1 : 0)).filter((i) => i > 0);
  const alphabet =
    bad.length === 0
      ? undefined
      : `character${bad.length > 1 ? "s" : ""} ${bad.slice(0, 5).join(", ")}${bad.length > 5 ? ", ..." : ""} ${bad.length > 1 ? "are" : "is"} not used in product keys`;
  return [shape, alphabet].filter(Boolean).join(", and ");
}

// ---------------------------------------------------------------- account names

interface NameSetting {
  node: SettingNode;
  /** Which facts of the account-name policy apply (components/core/accountNames.ts). */
  kind: AccountNameKind;
}

/** The account-name settings of a view (read once per view: several rules read them). */
const accountNames = perView((view): readonly NameSetting[] => {
  const out: NameSetting[] = [];
  for (const c of components(view, SHELL)) {
    for (const n of nodesAt(c, ["UserAccounts", "LocalAccounts", "LocalAccount", "Name"])) out.push({ node: n, kind: "create" });
    for (const n of nodesAt(c, ["OfflineUserAccounts", "OfflineLocalAccounts", "LocalAccount", "Name"])) out.push({ node: n, kind: "create" });
    for (const n of nodesAt(c, ["UserAccounts", "DomainAccounts", "DomainAccountList", "DomainAccount", "Name"]))
      out.push({ node: n, kind: "domain" });
    const auto = at(c, "AutoLogon", "Username");
    if (auto) out.push({ node: auto, kind: "logon" });
  }
  return out;
});

/** The name a setting gives: AutoLogon's DOMAIN\user is checked after the backslash. */
function nameOf(node: SettingNode, value: string): string {
  return node.name === "Username" && value.includes("\\") ? value.slice(value.lastIndexOf("\\") + 1) : value;
}

function nameProblems(name: string, kind: AccountNameKind): string[] {
  return validationAccountNameFacts(name, kind, "error").map((f) => {
    switch (f.id) {
      case "forbidden":
        return `it holds ${f.chars!.map((c) => JSON.stringify(c)).join(", ")}, which account names cannot (${spaced(REFERENCE_FORBIDDEN_CHARACTERS)})`;
      case "backslash":
        return `it holds "\\", which a local account's name cannot (it separates a domain from a user name)`;
      case "dots-spaces":
        return "it is only dots and spaces, which Windows refuses as a user name";
      case "length":
        return `it is ${f.length} characters long, and Windows account names have at most ${ACCOUNT_NAME_MAX}`;
      case "none":
        return `"${RESTRICTED_ACCOUNT_NAME}" is a restricted user name`;
      default:
        return `it breaks the account-name rule ${f.id}`;
    }
  });
}

// ---------------------------------------------------------------- groups

/** The Group settings of a view (read once per view: several rules read them). */
const groupSettings = perView((view): readonly SettingNode[] => {
  const out: SettingNode[] = [];
  for (const c of components(view, SHELL)) {
    out.push(
      ...nodesAt(c, ["UserAccounts", "LocalAccounts", "LocalAccount", "Group"]),
      ...nodesAt(c, ["OfflineUserAccounts", "OfflineLocalAccounts", "LocalAccount", "Group"]),
      ...nodesAt(c, ["UserAccounts", "DomainAccounts", "DomainAccountList", "DomainAccount", "Group"]),
      ...nodesAt(c, ["OfflineUserAccounts", "OfflineDomainAccounts", "OfflineDomainAccount", "Group"]),
    );
  }
  return out;
});

/** The group names of a Group value (separated by semicolons), without the empty ones. */
function groupsOf(n: SettingNode): string[] {
  const v = literal(n);
  if (v === undefined) return [];
  return v
    .split(";")
    .map((g) => g.trim())
    .filter((g) => g !== "");
}

function zoneList(ids: readonly string[]): string {
  const shown = ids.slice(0, 4).map((id) => {
    const city = mainCity(id);
    return `"${id}"${city ? ` (${city})` : ""}`;
  });
  if (shown.length === 1) return shown[0];
  return `${shown.slice(0, -1).join(", ")} or ${shown[shown.length - 1]}`;
}

export const IDENTIFIER_RULES = defineRules([
  {
    id: "time-zone-unknown",
    area: "locale",
    severity: "error",
    summary: "TimeZone is not a Windows time zone ID (a display name, an abbreviation, an IANA zone or a city instead).",
    source: {
      page: PAGE.timeZone,
      says: "TimeZone takes one of the time zone IDs that tzutil /l lists (China Standard Time, Pacific Standard Time; _dstoff after it turns daylight saving off); when none is given, Windows uses a default time zone derived from the language and region.",
    },
    judgement:
      "Error in the sense of these rules (Setup ignores the setting): a value that names none of Windows' time zones cannot be applied, and no public report shows Setup stopping on it, so the computer comes up in its region's default time zone (the page's fallback) without a word. The IDs are CLDR's Windows mapping (supplemental/windowsZones.json) plus two obsolete IDs Windows still lists (components/core/rules/timezones.ts, with the evidence); case does not matter, as in the registry.",
    check(view, report) {
      for (const c of components(view, SHELL)) {
        const n = child(c, "TimeZone");
        const v = literal(n);
        if (!n || v === undefined || v === "" || windowsTimeZone(v)) continue;
        const hints = timeZoneHints(v);
        const hint =
          hints.length > 1
            ? ` It stands for ${zoneList(hints)}: write the ID of the computer's place.`
            : hints.length === 1
              ? ` Did you mean ${zoneList(hints)}? Write that ID.`
              : ` Valid: a Windows time zone ID such as "UTC", "W. Europe Standard Time" or "Pacific Standard Time" (tzutil /l lists them; ${WINDOWS_TIME_ZONES.length} in all).`;
        report(
          n.path,
          `${q(n)} is ${JSON.stringify(v.length > 80 ? v.slice(0, 80) + "..." : v)}, which is not a Windows time zone ID, so Windows does not set it and keeps its default time zone.${hint}`,
        );
      }
    },
  },
  {
    id: "product-key-format",
    area: "identity",
    severity: "error",
    summary: "A product key (UserData/ProductKey/Key, Shell-Setup ProductKey) that is not five groups of five product-key characters.",
    source: {
      page: PAGE.productKey,
      says: "A product key is 25 characters written as five groups of five separated by hyphens (xxxxx-xxxxx-xxxxx-xxxxx-xxxxx).",
    },
    also: [
      {
        page: PAGE.shellProductKey,
        says: "ProductKey is a 29-character string (five groups of five with their hyphens); an invalid product key makes Windows Setup fail.",
      },
    ],
    judgement:
      "The characters are those of Windows product keys (B C D F G H J K M N P Q R T V W X Y 2 3 4 6 7 8 9, either case); the all-zero key 00000-00000-00000-00000-00000, which real files use to install without a key, and a bracketed placeholder such as [KEY] are let through. The key is confidential: messages give its length and the positions of wrong characters, never the key.",
    check(view, report) {
      const keys = [
        ...components(view, SETUP).map((c) => at(c, "UserData", "ProductKey", "Key")),
        ...components(view, SHELL).map((c) => child(c, "ProductKey")),
      ];
      for (const n of keys) {
        const v = literal(n);
        if (!n || v === undefined || v === "" || BRACKETED.test(v)) continue;
        const problem = keyProblem(v);
        if (problem === undefined) continue;
        report(
          n.path,
          `${q(n)} is not a product key: ${problem}. A product key is five groups of five characters from ${KEY_ALPHABET.split("").join(" ")}, separated by hyphens (xxxxx-xxxxx-xxxxx-xxxxx-xxxxx, 29 characters); Windows Setup stops on a key it cannot read. Copy the key again (the value is not shown: it is confidential).`,
        );
      }
    },
  },
  {
    id: "group-is-account-name",
    area: "accounts",
    severity: "error",
    summary: "Group names an account or the singular of a built-in group (Administrator for Administrators).",
    source: {
      page: PAGE.group,
      says: "Group lists existing local security groups, separated by semicolons, by their language-neutral English names (Administrators, Users, PowerUsers, RemoteDesktopUsers, ...).",
    },
    also: [{ page: PAGE.domainGroup, says: "The same for the local groups a domain account joins." }],
    judgement:
      "Error: Administrator (the built-in account) or User is no group, so the account is not added to the group meant, and is created without the rights it was given the Group for.",
    check(view, report) {
      for (const n of groupSettings(view)) {
        for (const g of groupsOf(n)) {
          if (builtinGroup(g)) continue;
          const meant = groupMeant(g);
          if (!meant) continue;
          report(
            n.path,
            `${q(n)} holds ${JSON.stringify(g)}, which is ${builtinAccount(g) ? "a built-in account" : "not a group"}, so the account is not added to ${meant}. Did you mean "${meant}"? Write the group's name.`,
          );
        }
      }
    },
  },
  {
    id: "group-unknown",
    area: "accounts",
    severity: "warning",
    summary: "Group names a group that is not one of Windows' built-in local groups.",
    source: {
      page: PAGE.group,
      says: "Group names existing local security groups; Shell-Setup recognises the English names of the built-in groups and maps them to the image's language.",
    },
    also: [{ page: PAGE.domainGroup, says: "The same for the local groups a domain account joins." }],
    judgement:
      "Warning, not error: a group created earlier (by a command or the image) exists when the account is created, and what Setup does with a missing group is not documented. The built-in groups are the S-1-5-32 well-known SIDs (components/core/rules/local-groups.ts). A localised name (Administratoren) works only on an image of that language: the pages ask for the English names.",
    check(view, report) {
      for (const n of groupSettings(view)) {
        for (const g of groupsOf(n)) {
          if (builtinGroup(g) || groupMeant(g)) continue;
          report(
            n.path,
            `${q(n)} holds ${JSON.stringify(g.length > 80 ? g.slice(0, 80) + "..." : g)}, which is not a built-in local group: the account is added to it only if it exists when the account is created, and the pages ask for the English names (Administrators, Users, Remote Desktop Users, ...).${suggestGroup(g) ? ` Did you mean "${suggestGroup(g)}"? Check the name.` : ""}`,
          );
        }
      }
    },
  },
  {
    id: "account-name-invalid",
    area: "accounts",
    severity: "error",
    summary:
      'An account name (LocalAccount Name, AutoLogon Username, DomainAccount Name) with " / [ ] : | < > + = ; , ? * % @ (or \\ in a local account), the name NONE, only dots and spaces, or more than 20 characters.',
    source: {
      page: PAGE.localName,
      says: "A local account's Name must not contain \" / [ ] : | < > + = ; , ? * % @ and must not be NONE, a restricted user name.",
    },
    also: [
      { page: PAGE.autologonUser, says: "The same characters and the name NONE are forbidden in AutoLogon's Username." },
      { page: PAGE.offlineName, says: "The same for the local accounts of OfflineUserAccounts." },
      { page: PAGE.domainName, says: "The same characters are forbidden in a DomainAccount's Name (an account or a security group)." },
    ],
    judgement:
      "Error: Windows refuses to create or log on to such an account. The facts and their sources are the account-name policy's (components/core/accountNames.ts, shared with the blocks' argument checks): besides the reference's characters and NONE, Windows' own rules for local user names (Microsoft's New User dialog box page, https://learn.microsoft.com/previous-versions/windows/it-pro/windows-server-2008-r2-and-2008/dd145593(v=ws.11), and net user, https://learn.microsoft.com/previous-versions/windows/it-pro/windows-server-2012-r2-and-2012/cc771865(v=ws.11)): at most 20 characters, not only dots and spaces, and no \\ in a local account's name. These user-name rules are not applied to DomainAccount Name, which may name a group. For AutoLogon, a DOMAIN\\user name is checked after the backslash. Control characters and Windows' temporary OOBE account defaultuser0, which the blocks refuse, are not reported: nothing documents that Setup fails on them.",
    check(view, report) {
      for (const { node, kind } of accountNames(view)) {
        const v = literal(node);
        // a value of only white space is read as it is: a name of spaces is refused either way
        const raw = v === "" ? text(node) : v;
        if (v === undefined || raw === undefined || raw === "") continue;
        const name = nameOf(node, raw);
        const problems = nameProblems(name, kind);
        if (problems.length === 0) continue;
        // user@domain: the user is the part before the @ (and the domain goes in Domain)
        const at = name.indexOf("@");
        const forbidden = kind === "create" ? ACCOUNT_NAME_FORBIDDEN : REFERENCE_FORBIDDEN_CHARACTERS;
        // a suggestion is looked for in a name of a thousand characters at most (a longer one made arrays of 32 MB)
        const cleaned = name.length > 1000 ? "" : [...(at > 0 ? name.slice(0, at) : name)].filter((c) => !forbidden.includes(c)).join("");
        const suggest =
          cleaned !== "" &&
          cleaned !== name &&
          nameProblems(cleaned, kind).length === 0 &&
          validationAccountNameFacts(cleaned, kind, "warning").length === 0;
        report(
          node.path,
          `${q(node)} is ${JSON.stringify(raw.length > 80 ? raw.slice(0, 80) + "..." : raw)}, which Windows refuses as an account name: ${problems.join("; ")}.${suggest ? ` Use e.g. "${cleaned}"${at > 0 && node.name === "Username" ? ", with the domain in Domain" : ""}.` : ""}`,
        );
      }
    },
  },
  {
    id: "local-account-builtin-name",
    area: "accounts",
    severity: "warning",
    summary: "A LocalAccount named like a built-in account (Administrator, Guest, DefaultAccount, WDAGUtilityAccount).",
    source: { page: PAGE.localAccount, says: "LocalAccounts create new local accounts during installation." },
    also: [{ page: PAGE.adminPassword, says: "AdministratorPassword sets the password of the built-in Administrator account." }],
    judgement:
      "Warning: the account already exists, so there is nothing to create; public Packer builds with a LocalAccount named administrator hang at 'Waiting for WinRM' (https://github.com/mwrock/packer-templates/issues/101), while real files that do it are said to work, so what Setup does is not certain. For the built-in Administrator, set AdministratorPassword (and AutoLogon Username Administrator) instead. The built-in names are the account-name policy's (components/core/accountNames.ts); the blocks refuse them outright.",
    check(view, report) {
      for (const { node, kind } of accountNames(view)) {
        const v = literal(node);
        if (v === undefined || v === "") continue;
        const fact = validationAccountNameFacts(v, kind, "warning").find((f) => f.id === "builtin");
        if (!fact) continue;
        const builtin = fact.account!;
        report(
          node.path,
          `${q(node)} is ${JSON.stringify(v)}, Windows' built-in ${builtin} account, which exists already: a LocalAccount creates a new account. ${builtin === "Administrator" ? "To use the built-in Administrator, set UserAccounts/AdministratorPassword (and AutoLogon Username Administrator) and remove this LocalAccount" : "Give the account another name"}; a LocalAccount named administrator is a known cause of builds that hang at "Waiting for WinRM".`,
        );
      }
    },
  },
]);
