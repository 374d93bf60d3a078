/**
 * Hand corrections to the facts read from the Unattended Windows Setup
 * Reference. Every entry names the page it corrects and says why; the
 * generator prints each one it applies and warns about entries that no
 * longer change anything (so stale corrections get noticed and removed).
 *
 * Keep to facts: names, passes, types, ranges, defaults, literals, lengths,
 * deprecated flags, structure. No prose from the reference.
 */
import type { ListKey, Pass, ValueType } from "../../components/catalog/types";

export interface Override {
  /** Page stem (lower case, no `.md`) of the element or component corrected. */
  page: string;
  /** Why the reference is wrong or ambiguous here. Required. */
  reason: string;
  /** Element or component name as written in XML. */
  name?: string;
  /** Attach the page under this parent page (structure fix). */
  parent?: string;
  /** Leave the page out of the catalog. */
  exclude?: boolean;
  /** Treat the element as a repeated list item (`wcm:action="add"`), or as not repeated. */
  repeated?: boolean;
  /** Value type of a simple setting (or of a text-valued list item). */
  type?: ValueType;
  /** Documented default; null removes a wrongly read default. */
  default?: string | null;
  allowEmpty?: boolean | null;
  deprecated?: boolean | null;
  /** Passes as documented; null removes. */
  passes?: Pass[] | null;
  /** How list items are keyed; null removes. */
  key?: ListKey | null;
  /** Password suffix. */
  suffix?: string;
}

export const OVERRIDES: Override[] = [
  // ---- structure
  {
    page: "microsoft-windows-setup-compact",
    parent: "microsoft-windows-setup-imageinstall-osimage",
    reason:
      "Page is missing from the TOC; its Parent Hierarchy and Related topics both name ImageInstall/OSImage, " +
      "only the file name (microsoft-windows-setup-compact) suggests the component root.",
  },
  {
    page: "microsoft-windows-wpd-busenumservice-regcacheupdated",
    exclude: true,
    reason: "Page only says the setting is for Microsoft internal use: no passes, no values, no example (title also misspells it RegCachUpdated).",
  },
  {
    page: "microsoft-windows-networkloadbalancing-core-clusters-cluster",
    repeated: true,
    reason: "Clusters holds Cluster entries (plural container with a single child type); the only example omits wcm:action.",
  },
  {
    page: "microsoft-windows-embedded-shelllauncher-usersettings-user-customreturncodeaction-codeaction",
    repeated: true,
    reason: "CustomReturnCodeAction maps several exit codes, one CodeAction each; the pages have no example showing wcm:action.",
  },
  {
    page: "microsoft-windows-shell-setup-starttiles-regionaloverrides-regionaloverride",
    repeated: true,
    reason: "RegionalOverrides holds several RegionalOverride sets, each with a unique Order ID (001-199); examples omit wcm:action.",
  },
  {
    page: "microsoft-windows-shell-setup-offlineuseraccounts-offlinelocalaccounts-localaccount",
    repeated: true,
    reason: 'Same element as UserAccounts/LocalAccounts/LocalAccount (added with wcm:action="add"); the offline example omits wcm:action.',
  },
  {
    page: "microsoft-windows-microsoftedgebrowser-favoritebaritems-favoritebaritem",
    repeated: true,
    reason: "Mirrors IE-InternetExplorer FavoriteBarItems/FavoriteBarItem, which the examples add with wcm:action; the Edge pages have no example.",
  },
  {
    page: "microsoft-windows-tapisetup",
    name: "Microsoft-Windows-TapiSetup",
    reason: "Title writes TAPISetup; the TOC and the component identity used in answer files spell it TapiSetup.",
  },

  // ---- values
  {
    page: "microsoft-windows-shell-setup-starttiles-regionaloverrides-regionaloverride-order",
    type: { kind: "string", pattern: "^(00[1-9]|0[1-9][0-9]|1[0-9][0-9])$", patternHint: "a three-digit number from 001 to 199" },
    reason: "Documented as a three-digit value from 001 to 199 (leading zeros required), which an integer type cannot express.",
  },
  {
    page: "microsoft-windows-setup-imageinstall-dataimage-order",
    type: { kind: "integer", min: 1 },
    reason: "Values section says the installation sequence starts with 1 (no upper bound given): a range the generator cannot read.",
  },
  {
    page: "microsoft-windows-international-core-winpe-setupuilanguage-willshowui",
    type: { kind: "enum", values: ["Always", "OnError", "Never"] },
    default: "OnError",
    reason: 'Values table writes "onError"; every other WillShowUI page and all XML examples use OnError.',
  },
  {
    page: "microsoft-windows-shell-setup-computername",
    type: {
      kind: "string",
      maxLength: 15,
      pattern: "\\*|(?![0-9]+$)[^\\s{|}~\\[\\\\\\]^':;<=>?@!\"#$%`()+/.,*&]+",
      patternHint: `"*" (a random name), or a name without spaces, without any of { | } ~ [ \\ ] ^ ' : ; < = > ? @ ! " # $ % \` ( ) + / . , * &, and not only digits`,
    },
    reason:
      'Values section lists the characters a name cannot use, that "*" asks for a random name and that an all-digit ' +
      "name fails DnsValidateName: prose the generator cannot read. (The 15-byte limit is kept as 15 characters: exact " +
      "for ASCII names. Its empty value is reviewed in empty.ts.)",
  },
];
