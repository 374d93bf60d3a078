/**
 * The built-in local groups of Windows, the names a LocalAccount's or a
 * DomainAccount's `Group` may give, with their sources. Windows compares group
 * names without regard to case; the Shell-Setup pages write the language-neutral
 * names without spaces (`PowerUsers`), the groups themselves have them
 * (`Power Users`), and real files use both, so both are known.
 */
import { nearest } from "../suggest";

/**
 * The language-neutral names Microsoft-Windows-Shell-Setup recognises and maps
 * to the image's localised group (the Group pages of LocalAccount,
 * OfflineLocalAccount, DomainAccount and OfflineDomainAccount).
 */
export const SHELL_SETUP_GROUP_NAMES = [
  "AccountOperators",
  "Administrators",
  "BackupOperators",
  "CryptoOperators",
  "DCOMUsers",
  "Guests",
  "IUsers",
  "NetworkConfigurationOperators",
  "PerfLoggingUsers",
  "PerfMonitoringUsers",
  "PowerUsers",
  "PrintOperators",
  "RemoteDesktopUsers",
  "Replicator",
  "SystemOperators",
  "Users",
] as const;

/**
 * The built-in local groups by their well-known SIDs (S-1-5-32-RID), as
 * Microsoft's list of well-known security identifiers names them
 * (https://learn.microsoft.com/windows-server/identity/ad-ds/manage/understand-security-identifiers,
 * and [MS-DTYP] 2.4.2.4 Well-Known SID Structures).
 */
export const BUILTIN_GROUPS: readonly { name: string; sid: string }[] = [
  { name: "Administrators", sid: "S-1-5-32-544" },
  { name: "Users", sid: "S-1-5-32-545" },
  { name: "Guests", sid: "S-1-5-32-546" },
  { name: "Power Users", sid: "S-1-5-32-547" },
  { name: "Account Operators", sid: "S-1-5-32-548" },
  { name: "Server Operators", sid: "S-1-5-32-549" },
  { name: "Print Operators", sid: "S-1-5-32-550" },
  { name: "Backup Operators", sid: "S-1-5-32-551" },
  { name: "Replicator", sid: "S-1-5-32-552" },
  { name: "Pre-Windows 2000 Compatible Access", sid: "S-1-5-32-554" },
  { name: "Remote Desktop Users", sid: "S-1-5-32-555" },
  { name: "Network Configuration Operators", sid: "S-1-5-32-556" },
  { name: "Incoming Forest Trust Builders", sid: "S-1-5-32-557" },
  { name: "Performance Monitor Users", sid: "S-1-5-32-558" },
  { name: "Performance Log Users", sid: "S-1-5-32-559" },
  { name: "Windows Authorization Access Group", sid: "S-1-5-32-560" },
  { name: "Terminal Server License Servers", sid: "S-1-5-32-561" },
  { name: "Distributed COM Users", sid: "S-1-5-32-562" },
  { name: "IIS_IUSRS", sid: "S-1-5-32-568" },
  { name: "Cryptographic Operators", sid: "S-1-5-32-569" },
  { name: "Event Log Readers", sid: "S-1-5-32-573" },
  { name: "Certificate Service DCOM Access", sid: "S-1-5-32-574" },
  { name: "RDS Remote Access Servers", sid: "S-1-5-32-575" },
  { name: "RDS Endpoint Servers", sid: "S-1-5-32-576" },
  { name: "RDS Management Servers", sid: "S-1-5-32-577" },
  { name: "Hyper-V Administrators", sid: "S-1-5-32-578" },
  { name: "Access Control Assistance Operators", sid: "S-1-5-32-579" },
  { name: "Remote Management Users", sid: "S-1-5-32-580" },
  { name: "System Managed Accounts Group", sid: "S-1-5-32-581" },
  { name: "Storage Replica Administrators", sid: "S-1-5-32-582" },
  { name: "Device Owners", sid: "S-1-5-32-583" },
];

/** A group name compared as Windows does (case) and as the pages write it (without spaces). */
const fold = (s: string) => s.replace(/[\s_-]+/g, "").toLowerCase();

const KNOWN = new Map<string, string>();
for (const g of BUILTIN_GROUPS) KNOWN.set(fold(g.name), g.name);
for (const g of SHELL_SETUP_GROUP_NAMES) if (!KNOWN.has(fold(g))) KNOWN.set(fold(g), g);

/** The built-in group a name stands for (in any case, with or without spaces), or undefined. */
export function builtinGroup(name: string): string | undefined {
  return KNOWN.get(fold(name));
}

/**
 * The built-in group a name means when it is that group's singular, or a
 * built-in account's name (`Administrator` for `Administrators`, `Guest`,
 * `Remote Desktop User`): certainly a mistake.
 */
export function groupMeant(name: string): string | undefined {
  return KNOWN.get(`${fold(name)}s`);
}

/** Every built-in group's name, for suggestions. */
export const GROUP_NAMES: readonly string[] = [...new Set([...BUILTIN_GROUPS.map((g) => g.name), ...SHELL_SETUP_GROUP_NAMES])];

/**
 * The built-in group a name that is none probably means: one it begins
 * (`Remote Desktop` for Remote Desktop Users, the firewall rule group's name),
 * else the nearest by spelling.
 */
export function suggestGroup(name: string): string | undefined {
  const f = fold(name);
  if (f.length >= 4) {
    const prefix = BUILTIN_GROUPS.find((g) => fold(g.name).startsWith(f));
    if (prefix) return prefix.name;
  }
  return nearest(name, GROUP_NAMES)?.match;
}
