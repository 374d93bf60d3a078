/**
 * The account-name policy: the one place that says which names Windows
 * refuses for an account, with the sources, and which of those facts each
 * surface applies. Two surfaces use it:
 *
 * - the blocks' argument checks (localAccounts, localAdministrator:
 *   components/blocks/accountName.ts), which refuse a name before anything is
 *   written: a value we write must be one Windows takes, so they apply every
 *   fact, including those whose effect on Setup is not documented;
 * - the validation rules `account-name-invalid` and
 *   `local-account-builtin-name` (components/core/rules/identifiers.ts), which
 *   read files people already use: they report only what a source says
 *   Windows refuses, so as not to flag files that work. They read a value as
 *   every rule does: without the white space around it, and not at all when
 *   it may hold a template placeholder (`%USER%`, `{{ user }}`), which a
 *   script fills in before Setup runs.
 *
 * The facts, each with its source and its decision per surface, are
 * ACCOUNT_NAME_POLICY below. Names are compared without regard to case, as
 * Windows compares account names.
 */

/**
 * The characters the reference's account-name pages forbid (LocalAccount
 * Name, OfflineLocalAccount Name, AutoLogon Username, DomainAccount Name):
 * `" / [ ] : | < > + = ; , ? * %` and `@`.
 */
export const REFERENCE_FORBIDDEN_CHARACTERS = '"/[]:|<>+=;,?*%@';

/**
 * The characters a new local account's name cannot contain: the reference's,
 * and `\`, which Windows refuses in a local user name (Microsoft's "New User
 * dialog box" page, https://learn.microsoft.com/previous-versions/windows/it-pro/windows-server-2008-r2-and-2008/dd145593(v=ws.11),
 * lists `" / \ [ ] : ; | = , + * ? < > @`) and which separates a domain from
 * a user name.
 */
export const ACCOUNT_NAME_FORBIDDEN = '"/\\[]:|<>+=;,?*%@';

/**
 * The longest local user name Windows accepts, in characters: the SAM
 * account name limit (the same "New User dialog box" page: "up to 20"
 * characters; net user, https://learn.microsoft.com/previous-versions/windows/it-pro/windows-server-2012-r2-and-2012/cc771865(v=ws.11)).
 */
export const ACCOUNT_NAME_MAX = 20;

/** The restricted user name of the reference's LocalAccount Name and AutoLogon Username pages. */
export const RESTRICTED_ACCOUNT_NAME = "NONE";

/**
 * The built-in local accounts every Windows has: the well-known RIDs 500
 * (Administrator), 501 (Guest), 503 (DefaultAccount) and 504
 * (WDAGUtilityAccount), as Microsoft's list of well-known security
 * identifiers names them (https://learn.microsoft.com/windows-server/identity/ad-ds/manage/understand-security-identifiers).
 * A LocalAccount of one of these names creates nothing: the account exists.
 */
export const BUILTIN_ACCOUNT_NAMES = ["Administrator", "Guest", "DefaultAccount", "WDAGUtilityAccount"] as const;

/**
 * The temporary account Windows 10 and 11 create to run the out-of-box
 * experience and remove afterwards (the scheduled task
 * RemoveTempOOBEUserWork; Microsoft Tech Community, "Windows 10 -
 * defaultuser purpose?", https://techcommunity.microsoft.com/t5/windows-10/windows-10-defaultuser-purpose/td-p/643996).
 * Not documented by Microsoft's reference.
 */
export const OOBE_ACCOUNT_NAMES = ["defaultuser0"] as const;

/** A fact about account names that a name can break. */
export type AccountNameFactId = "forbidden" | "backslash" | "control" | "dots-spaces" | "padded" | "length" | "none" | "builtin" | "oobe-account";

/**
 * Which names a validation rule reads: `create` a LocalAccount's Name (in
 * UserAccounts or OfflineUserAccounts), which creates an account; `logon`
 * AutoLogon's Username (the part after a `DOMAIN\`); `domain` a
 * DomainAccount's Name, which may name a domain group.
 */
export type AccountNameKind = "create" | "logon" | "domain";

/** One fact's decision per surface. */
export interface AccountNamePolicy {
  /** Where the fact comes from. */
  source: string;
  /** Whether the blocks refuse an argument that breaks it. */
  blocks: boolean;
  /** Whether, how and for which names validation reports it (undefined: not reported). */
  validation?: { severity: "error" | "warning"; kinds: readonly AccountNameKind[] };
  /** Why the two surfaces decide as they do. */
  why: string;
}

/** Every fact, its source and what each surface does with it. */
export const ACCOUNT_NAME_POLICY: Readonly<Record<AccountNameFactId, AccountNamePolicy>> = {
  forbidden: {
    source: "The reference's Name (LocalAccount, OfflineLocalAccount, DomainAccount) and AutoLogon Username pages.",
    blocks: true,
    validation: { severity: "error", kinds: ["create", "logon", "domain"] },
    why: "Documented for every account-name setting: Windows refuses the name.",
  },
  backslash: {
    source: 'Microsoft, "New User dialog box" (dd145593): a local user name cannot contain \\.',
    blocks: true,
    validation: { severity: "error", kinds: ["create"] },
    why: "A local account's name cannot hold it. In AutoLogon Username it separates the domain (the rule checks the part after it); in a DomainAccount Name Setup's reading of it is not documented, so it is not reported there.",
  },
  control: {
    source:
      "Windows' user names are printable text (the same page lists the characters a name may not hold; control characters cannot be typed there).",
    blocks: true,
    why: "Blocks write a value exactly as given, so a tab or line break in an argument can only be a mistake. Validation does not report it: XML holds only tab, CR and LF, which in an existing file are usually layout around the value, and how Setup treats them is not documented.",
  },
  "dots-spaces": {
    source: 'Microsoft, "New User dialog box" (dd145593): a user name cannot consist solely of periods or spaces.',
    blocks: true,
    validation: { severity: "error", kinds: ["create", "logon"] },
    why: "Documented for local user names; a DomainAccount Name may name a group and is left alone.",
  },
  padded: {
    source: "Not documented: neither the reference nor Windows' pages say whether Setup trims white space around a name.",
    blocks: true,
    why: "Blocks write a value exactly, so a name with white space around it would make an account either named with the spaces (which nobody types at a logon screen) or named without them (not what the argument says): refused. Validation reads every value without the white space around it, as all rules do (files written by hand or by tools put layout there), so it never sees this fact.",
  },
  length: {
    source: 'Microsoft, "New User dialog box" (dd145593) and net user (cc771865): at most 20 characters.',
    blocks: true,
    validation: { severity: "error", kinds: ["create", "logon"] },
    why: "The SAM account name limit of user names; a DomainAccount Name may name a group, whose names may be longer.",
  },
  none: {
    source: 'The reference\'s LocalAccount Name and AutoLogon Username pages: "NONE" is a restricted user name.',
    blocks: true,
    validation: { severity: "error", kinds: ["create", "logon"] },
    why: "Documented for user names only.",
  },
  builtin: {
    source:
      "Microsoft's well-known SIDs (RIDs 500, 501, 503, 504); mwrock/packer-templates#101 (a LocalAccount named administrator hangs the build).",
    blocks: true,
    validation: { severity: "warning", kinds: ["create"] },
    why: "Creating an account that exists does nothing good; blocks refuse it (builtinAdministrator handles the built-in Administrator). Validation warns only: real files that do it are said to work, so what Setup does is not certain. AutoLogon Username Administrator is the documented way to log on as it, so it is not reported there.",
  },
  "oobe-account": {
    source: "Microsoft Tech Community (defaultuser0 is the temporary OOBE account, removed after setup).",
    blocks: true,
    why: "Blocks refuse a name Windows uses for its own temporary account (its cleanup may treat the account as its own). Validation does not report it: nothing documents that Setup fails on it.",
  },
};

/** A fact a name breaks, with what messages need. */
export interface AccountNameFact {
  id: AccountNameFactId;
  /** The characters it holds that it may not (forbidden, backslash). */
  chars?: string[];
  /** Its length in characters (length). */
  length?: number;
  /** The built-in or temporary account it names, as Windows spells it (builtin, oobe-account). */
  account?: string;
}

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * Every fact `name` breaks, in the order of ACCOUNT_NAME_POLICY; empty for a
 * name Windows takes. An empty name breaks none (an empty value is validation's
 * and the blocks' text check's business). Linear in the name's length.
 * @example accountNameFacts("Guest") // [{ id: "builtin", account: "Guest" }]
 */
export function accountNameFacts(name: string): AccountNameFact[] {
  const out: AccountNameFact[] = [];
  // one pass over the characters, no array of them (a name of 4 MiB made arrays of 32 MB)
  const forbidden = new Set<string>();
  let control = false;
  let length = 0;
  for (const c of name) {
    length++;
    if (REFERENCE_FORBIDDEN_CHARACTERS.includes(c)) forbidden.add(c);
    const code = c.charCodeAt(0);
    if (code < 0x20 || code === 0x7f) control = true;
  }
  if (forbidden.size > 0) out.push({ id: "forbidden", chars: [...forbidden] });
  if (name.includes("\\")) out.push({ id: "backslash", chars: ["\\"] });
  if (control) out.push({ id: "control" });
  if (/^[. ]+$/.test(name)) out.push({ id: "dots-spaces" });
  if (name !== "" && name.trim() !== name) out.push({ id: "padded" });
  if (length > ACCOUNT_NAME_MAX) out.push({ id: "length", length });
  if (sameName(name, RESTRICTED_ACCOUNT_NAME)) out.push({ id: "none" });
  const builtin = BUILTIN_ACCOUNT_NAMES.find((b) => sameName(b, name));
  if (builtin) out.push({ id: "builtin", account: builtin });
  const oobe = OOBE_ACCOUNT_NAMES.find((b) => sameName(b, name));
  if (oobe) out.push({ id: "oobe-account", account: oobe });
  return out;
}

/** The facts the blocks refuse `name` for. */
export function blockAccountNameFacts(name: string): AccountNameFact[] {
  return accountNameFacts(name).filter((f) => ACCOUNT_NAME_POLICY[f.id].blocks);
}

/** The facts validation reports for `name` read as a name of this kind, with their severity. */
export function validationAccountNameFacts(name: string, kind: AccountNameKind, severity: "error" | "warning"): AccountNameFact[] {
  return accountNameFacts(name).filter((f) => {
    const v = ACCOUNT_NAME_POLICY[f.id].validation;
    return v !== undefined && v.severity === severity && v.kinds.includes(kind);
  });
}

/** The built-in account `name` is (without regard to case), or undefined. */
export function builtinAccount(name: string): string | undefined {
  return BUILTIN_ACCOUNT_NAMES.find((b) => sameName(b, name));
}

/** The characters of a list as messages show them: `" / [ ] ...`. */
export function spaced(chars: string): string {
  return chars.split("").join(" ");
}
