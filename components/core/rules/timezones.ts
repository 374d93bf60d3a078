/**
 * Windows time zone IDs, the values Microsoft-Windows-Shell-Setup's TimeZone
 * takes (the IDs `tzutil /l` lists, e.g. `W. Europe Standard Time`), and what
 * people write instead: display names (`Pacific Time`), abbreviations (`CET`),
 * IANA zones (`Europe/Berlin`) and cities (`Brisbane`, or a Windows display
 * name's list `Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna`).
 *
 * The IDs and the zone and metazone mappings come from the Unicode CLDR
 * (timezones.generated.ts, extracted from the npm package cldr-core by
 * tools/timezones/generate.ts). What CLDR does not give is curated below, each
 * entry with its source.
 */
import { nearest } from "../suggest";
import { CLDR_VERSION, CLDR_WINDOWS_ZONES, IANA_TO_WINDOWS, METAZONE_TO_WINDOWS, WINDOWS_MAIN_ZONE } from "./timezones.generated";

export { CLDR_VERSION };

/**
 * Windows time zone IDs that Windows 10 and 11 still list but CLDR leaves out
 * (both are obsolete zones Windows keeps, their display names end in "- Old").
 */
export const EXTRA_WINDOWS_ZONES: readonly { id: string; evidence: string }[] = [
  {
    id: "Mid-Atlantic Standard Time",
    evidence:
      "(UTC-02:00) Mid-Atlantic - Old: listed by TimeZoneInfo.GetSystemTimeZones() on Windows and unmapped by CLDR (https://github.com/nodatime/nodatime/issues/560)",
  },
  {
    id: "Kamchatka Standard Time",
    evidence:
      "(UTC+12:00) Petropavlovsk-Kamchatsky - Old: present on Windows 10 1809 (https://github.com/mattjohnsonpint/TimeZoneConverter/issues/47) and unmapped by CLDR (https://github.com/nodatime/nodatime/issues/1462)",
  },
];

/** Every Windows time zone ID: CLDR's and the extras above, sorted. */
export const WINDOWS_TIME_ZONES: readonly string[] = [...CLDR_WINDOWS_ZONES, ...EXTRA_WINDOWS_ZONES.map((e) => e.id)].sort();

/**
 * English names and abbreviations of CLDR metazones, as CLDR's English locale
 * writes them (common/main/en.xml, and en_GB.xml for the European
 * abbreviations CET, CEST, WET, EET, BST; de.xml for MEZ, MESZ), plus the US
 * and Australian abbreviations in everyday use. Each maps to the Windows IDs whose main zone
 * uses that metazone today (timezones.generated.ts).
 */
export const METAZONE_NAMES: Readonly<Record<string, readonly string[]>> = {
  America_Pacific: ["Pacific Time", "Pacific Daylight Time", "PT", "PST", "PDT", "Pacific"],
  America_Mountain: ["Mountain Time", "Mountain Daylight Time", "MT", "MST", "MDT", "Mountain"],
  America_Central: ["Central Time", "Central Daylight Time", "CT", "CST", "CDT"],
  America_Eastern: ["Eastern Time", "Eastern Daylight Time", "ET", "EST", "EDT", "Eastern"],
  Alaska: ["Alaska Time", "Alaska Standard Time", "Alaska Daylight Time", "AKST", "AKDT"],
  Hawaii_Aleutian: ["Hawaii-Aleutian Time", "Hawaii-Aleutian Standard Time", "Hawaii Time", "HST", "HDT"],
  Atlantic: ["Atlantic Time", "Atlantic Daylight Time", "AST", "ADT"],
  Newfoundland: ["Newfoundland Time", "Newfoundland Daylight Time", "NST", "NDT"],
  Europe_Central: ["Central European Time", "Central European Summer Time", "CET", "CEST", "MEZ", "MESZ"],
  Europe_Eastern: ["Eastern European Time", "Eastern European Standard Time", "Eastern European Summer Time", "EET", "EEST"],
  GMT: ["Greenwich Mean Time", "GMT"],
  Moscow: ["Moscow Time", "Moscow Standard Time", "MSK"],
  India: ["India Time", "IST"],
  China: ["China Time", "China Daylight Time"],
  Japan: ["Japan Time", "Japan Standard Time", "JST"],
  Korea: ["Korean Time", "Korean Standard Time", "KST"],
  Australia_Eastern: ["Australian Eastern Time", "Australian Eastern Standard Time", "Australian Eastern Daylight Time", "AEST", "AEDT", "AET"],
  Australia_Central: ["Australian Central Time", "Australian Central Standard Time", "Australian Central Daylight Time", "ACST", "ACDT"],
  Australia_Western: ["Australian Western Time", "Australian Western Standard Time", "AWST"],
  New_Zealand: ["New Zealand", "New Zealand Time", "New Zealand Daylight Time", "NZST", "NZDT"],
  Africa_Southern: ["South Africa Time", "SAST"],
  Africa_Eastern: ["East Africa Time", "EAT"],
  Africa_Western: ["West Africa Time", "WAT"],
  Brasilia: ["Brasilia Time", "BRT"],
  Singapore: ["Singapore Time", "SGT"],
  Indochina: ["Indochina Time", "ICT"],
  Gulf: ["Gulf Standard Time", "Gulf Time"],
};

/**
 * Names that point at one zone rather than a metazone: universal time,
 * Western European and British summer time, and cities of Windows display names (Microsoft's list of
 * default time zones, https://learn.microsoft.com/windows-hardware/manufacture/desktop/default-time-zones)
 * that CLDR's IANA zones do not carry, or carry under an older name
 * (Asia/Calcutta, Europe/Kiev, Asia/Saigon).
 */
export const NAMED_ZONES: Readonly<Record<string, string>> = {
  "Coordinated Universal Time": "UTC",
  "Universal Time": "UTC",
  Zulu: "UTC",
  Z: "UTC",
  // Western European Time (Lisbon, the Canaries): Windows has no zone of its own for it, GMT Standard Time covers Lisbon
  "Western European Time": "GMT Standard Time",
  "Western European Summer Time": "GMT Standard Time",
  WET: "GMT Standard Time",
  WEST: "GMT Standard Time",
  "British Summer Time": "GMT Standard Time",
  BST: "GMT Standard Time",
  "Irish Standard Time": "GMT Standard Time",
  Beijing: "China Standard Time",
  Chongqing: "China Standard Time",
  Bern: "W. Europe Standard Time",
  Canberra: "AUS Eastern Standard Time",
  Osaka: "Tokyo Standard Time",
  Sapporo: "Tokyo Standard Time",
  Edinburgh: "GMT Standard Time",
  "New Delhi": "India Standard Time",
  Mumbai: "India Standard Time",
  Chennai: "India Standard Time",
  Kolkata: "India Standard Time",
  Kyiv: "FLE Standard Time",
  Hanoi: "SE Asia Standard Time",
  "Ho Chi Minh": "SE Asia Standard Time",
  "Abu Dhabi": "Arabian Standard Time",
  Islamabad: "Pakistan Standard Time",
  Wellington: "New Zealand Standard Time",
  Brasilia: "E. South America Standard Time",
  Guadalajara: "Central Standard Time (Mexico)",
  Washington: "Eastern Standard Time",
  "New York City": "Eastern Standard Time",
  "San Francisco": "Pacific Standard Time",
  Seattle: "Pacific Standard Time",
};

const DSTOFF = /_dstoff$/i;
const BY_LOWER = new Map(WINDOWS_TIME_ZONES.map((id) => [id.toLowerCase(), id]));

/**
 * The Windows time zone ID a value names, or undefined. Windows looks the ID
 * up as a registry key, so case does not matter; `_dstoff` (the page's way to
 * turn daylight saving off) may follow it.
 */
export function windowsTimeZone(value: string): string | undefined {
  return BY_LOWER.get(value.replace(DSTOFF, "").toLowerCase());
}

let hints: Map<string, readonly string[]> | undefined;
let mainZone: Map<string, string> | undefined;

/** Lower-cased names (metazone names, IANA zones, their cities, display-name cities) -> Windows IDs. Built on first use. */
function hintTable(): Map<string, readonly string[]> {
  if (hints) return hints;
  const table = new Map<string, readonly string[]>();
  const add = (name: string, ids: readonly string[]) => {
    const key = name.toLowerCase();
    if (!table.has(key) && ids.length > 0) table.set(key, ids);
  };
  const byMetazone = new Map(METAZONE_TO_WINDOWS);
  for (const [mz, names] of Object.entries(METAZONE_NAMES)) for (const n of names) add(n, byMetazone.get(mz) ?? []);
  for (const [name, id] of Object.entries(NAMED_ZONES)) add(name, [id]);
  for (const [zone, id] of IANA_TO_WINDOWS) add(zone, [id]);
  for (const [zone, id] of IANA_TO_WINDOWS) {
    if (zone.startsWith("Etc/") || !zone.includes("/")) continue;
    add(zone.slice(zone.lastIndexOf("/") + 1).replace(/_/g, " "), [id]);
  }
  hints = table;
  return table;
}

/** The city a Windows ID's main zone is named after (Berlin for W. Europe Standard Time), if any. */
export function mainCity(id: string): string | undefined {
  mainZone ??= new Map(WINDOWS_MAIN_ZONE);
  const zone = mainZone.get(id);
  if (!zone || zone.startsWith("Etc/") || !zone.includes("/")) return undefined;
  return zone.slice(zone.lastIndexOf("/") + 1).replace(/_/g, " ");
}

/** Words that say nothing about the place in a display name. */
const NOISE = /\((?:UTC|GMT)[^)]*\)|\((?:US|U\.S\.) ?& ?Canada\)|\(US\)|\(Canada\)/gi;

/**
 * The Windows IDs a value that is not one probably means, best first: for a
 * display name, an abbreviation, an IANA zone or a city (or a list of cities,
 * as Windows display names write them, by majority), else the nearest ID by
 * spelling. Empty when nothing is close. Linear in the value (bounded).
 */
export function timeZoneHints(value: string): string[] {
  if (value.length > 300) return [];
  const table = hintTable();
  const bare = value.replace(DSTOFF, "");
  const cleaned = bare.replace(NOISE, " ").replace(/\s+/g, " ").trim();
  const own = windowsTimeZone(cleaned);
  if (own) return [own];
  for (const candidate of [cleaned, cleaned.replace(/^(?:UTC|GMT)\s*[+\-\u2212]\s*\d{1,2}(?::?\d{2})?\s*/i, "")]) {
    const hit = table.get(candidate.toLowerCase());
    if (hit) return [...hit];
  }
  // a list of cities: each votes for its zone; ties go to the city written first
  const votes = new Map<string, number>();
  for (const part of cleaned.split(/\s*(?:[,;/]|\band\b|&)\s*/i)) {
    const hit = part ? table.get(part.toLowerCase()) : undefined;
    if (hit && hit.length === 1) votes.set(hit[0], (votes.get(hit[0]) ?? 0) + 1);
  }
  if (votes.size > 0) {
    const best = Math.max(...votes.values());
    return [...votes].filter(([, n]) => n === best).map(([id]) => id);
  }
  // an offset (UTC+1, GMT-05:00) names no place, and UTC+12 is no typo of UTC+1
  if (/^(?:UTC|GMT)\s*[+\-\u2212]\s*\d/i.test(cleaned)) return [];
  const near = nearest(cleaned, WINDOWS_TIME_ZONES);
  return near ? [near.match] : [];
}
