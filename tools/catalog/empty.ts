/**
 * Documented empty values.
 *
 * An empty value is an error unless the reference accepts it. The generic
 * sentence "This string type supports empty elements" already sets
 * `allowEmpty` (values.ts). This file is about pages that say what an empty
 * value (or "no value") *means*: there the catalog also gets `emptyMeaning`.
 *
 * The search is a rule plus a review, so it can be repeated on another copy of
 * the reference:
 *   1. EMPTY_PHRASES are searched in the prose and value tables of every
 *      catalog element's page (and, for a Value/PlainText password, of its
 *      Value and PlainText pages), after removing the generic sentences
 *      (GENERIC_SENTENCES) and the XML examples.
 *   2. Every page with a hit must have an entry in EMPTY_REVIEWED: either the
 *      meaning in our words (the element gets `allowEmpty: true` and
 *      `emptyMeaning`), or why the hit is not about an empty value. The
 *      generator reports unreviewed hits and reviews that match no hit.
 */

export const EMPTY_PHRASES: { re: RegExp; what: string }[] = [
  { re: /\bno values? (?:is|are) (?:entered|set)\b/i, what: "no value entered / set" },
  { re: /\(no value\b/i, what: "a Values row for no value" },
  { re: /\bincluded but empty\b/i, what: "included but empty" },
  { re: /\bempty string\b/i, what: "an empty string" },
  { re: /\b(?:is|are|left|leave \S+(?: \S+)?) empty\b/i, what: "is / left empty" },
  { re: /"{2}|\*\*""\*\*/, what: 'two quotation marks ("")' },
  { re: /\bblank (?:\w+ )?password\b/i, what: "a blank password" },
  { re: /\bNULL\b/, what: "NULL" },
  { re: /\bunspecified\b|\bvalue is not set\b/i, what: "unspecified / not set" },
];

/** Generic sentences of the reference that say whether empty is allowed, not what it means. */
export const GENERIC_SENTENCES =
  /This (?:string )?type (?:does not support|supports) empty elements\.?|Do not create an empty value for this setting\.?/gi;

export interface EmptyReview {
  /** Page of the catalog element (for a Value/PlainText password, the password's page). */
  page: string;
  /** What an empty value means, in our words. Sets allowEmpty and emptyMeaning. */
  meaning?: string;
  /** Why the phrase found on the page is not about an empty value (no catalog change). */
  notEmpty?: string;
}

export const EMPTY_REVIEWED: EmptyReview[] = [
  // ---- an empty value has a documented meaning
  {
    page: "microsoft-windows-unattendedjoin-identification-timeoutperiodinminutes",
    meaning: "Windows waits 15 minutes, the default (an invalid value gives the same).",
  },
  {
    page: "microsoft-windows-ie-internetexplorer-tabprocessgrowth",
    meaning: "Internet Explorer sizes the number of tab processes from the operating system and the physical memory.",
  },
  {
    page: "microsoft-windows-deployment-reseal-mode",
    meaning: "Depends on the pass: Audit in auditSystem, OOBE in oobeSystem; in auditUser the Sysprep window asks.",
  },
  {
    page: "microsoft-windows-shell-setup-computername",
    meaning: 'Windows generates a random computer name, as with "*".',
  },
  {
    page: "microsoft-windows-tapisetup-tapiunattendlocation-areacode",
    meaning: "The location has no area code (not applicable in its country or region).",
  },
  {
    page: "microsoft-windows-tapisetup-tapiunattendlocation-internationalcarriercode",
    meaning: "The location has no international carrier code (not applicable in its country or region).",
  },
  {
    page: "microsoft-windows-tapisetup-tapiunattendlocation-longdistancecarriercode",
    meaning: "The location has no long-distance carrier code (not applicable in its country or region).",
  },
  {
    page: "networking-mpssvc-svc-firewallgroups-firewallgroup-group",
    meaning: "The documented default group ID.",
  },
  {
    page: "microsoft-windows-shell-setup-useraccounts-administratorpassword",
    meaning: "The built-in Administrator account is enabled with a blank password (a security risk).",
  },
  {
    page: "microsoft-windows-shell-setup-offlineuseraccounts-offlineadministratorpassword",
    meaning: "The built-in Administrator account is enabled with a blank password (a security risk).",
  },

  // ---- the phrase is about something else
  {
    page: "microsoft-windows-tapisetup-tapiunattendlocation",
    notEmpty: "Container page; it repeats what its AreaCode, InternationalCarrierCode and LongDistanceCarrierCode pages say (reviewed there).",
  },
  {
    page: "microsoft-windows-dns-client-dnssuffixsearchorder",
    notEmpty:
      "A list: an empty search list means no DomainName items (the primary DNS suffix is then appended); " +
      "that is about the number of items, not an empty text value.",
  },
  {
    page: "microsoft-windows-setup-diskconfiguration-disk-modifypartitions-modifypartition-extend",
    notEmpty: "Says to leave ModifyPartitions:Extend unset when CreatePartitions:Extend is true: the setting is left out, not written empty.",
  },
  {
    page: "security-malware-windows-defender-definitionupdatefilesharessources",
    notEmpty: "NULL names the unset default of the underlying policy value, not an empty element.",
  },
  {
    page: "security-malware-windows-defender-threatseveritydefaultaction-low",
    notEmpty: "NULL is one of the literal values of the setting (kept in its enumeration), not an empty element.",
  },
  {
    page: "security-malware-windows-defender-threatseveritydefaultaction-moderate",
    notEmpty: "NULL is one of the literal values of the setting (kept in its enumeration), not an empty element.",
  },
  {
    page: "security-malware-windows-defender-threatseveritydefaultaction-high",
    notEmpty: "NULL is one of the literal values of the setting (kept in its enumeration), not an empty element.",
  },
  {
    page: "security-malware-windows-defender-threatseveritydefaultaction-severe",
    notEmpty: "NULL is one of the literal values of the setting (kept in its enumeration), not an empty element.",
  },
  {
    page: "microsoft-windows-shell-setup-oobe-networklocation",
    notEmpty: "Describes leaving the setting out (the network location page then shows), not an empty value.",
  },
  {
    page: "microsoft-windows-shell-setup-oobe-protectyourpc",
    notEmpty: "Describes leaving the setting out (the settings page then shows), not an empty value.",
  },
];
