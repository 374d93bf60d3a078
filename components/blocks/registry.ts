/**
 * registry: registry values set by `reg add` commands in the pass where
 * each takes effect, quoted exactly for the command line (quoteArgument,
 * regAddCommand: the one place commands with registry values are made, which
 * bypassRequirements and scripts use too).
 */
import { checkCommandLength, passCommands, MAX_COMMANDS, type CommandPass, type PassCommand } from "./commands";
import { ArgumentCheck, type UnattendLayer } from "./common";
import type { PathSegment } from "../core/diagnostics";
import { describe } from "../core/values";

/** The value types reg.exe writes. */
export type RegistryType = "REG_SZ" | "REG_EXPAND_SZ" | "REG_MULTI_SZ" | "REG_DWORD" | "REG_QWORD" | "REG_BINARY" | "REG_NONE";

/** One registry value. */
export interface RegistryValue {
  /**
   * The hive: HKLM (the machine), or HKCU: in specialize, the default
   * user profile (C:\Users\Default\NTUSER.DAT, loaded as HKU\DefaultUser),
   * so that every account created afterwards starts with the value; at the
   * first logon or in auditUser, the hive of the user logged on.
   * @example hive: "HKLM"
   */
  hive: "HKLM" | "HKCU";
  /**
   * The key under the hive, without the hive and without a leading or
   * trailing backslash.
   * @example key: "SOFTWARE\\Policies\\Microsoft\\Windows\\CloudContent"
   */
  key: string;
  /**
   * The value's name.
   * @default the key's default (unnamed) value (`reg add /ve`)
   * @example name: "DisableWindowsConsumerFeatures"
   */
  name?: string;
  /**
   * The value's type.
   * @example type: "REG_DWORD"
   */
  type: RegistryType;
  /**
   * The data: text for REG_SZ and REG_EXPAND_SZ, a list of non-empty texts
   * for REG_MULTI_SZ, a whole number for REG_DWORD (0 to 4294967295) and
   * REG_QWORD (0 to 2^64 - 1, a bigint above 2^53), bytes (or hex text) for
   * REG_BINARY; none for REG_NONE.
   * @default none: required, except for REG_NONE, where it must be left out
   * @example value: 1
   */
  value?: string | string[] | number | bigint | Uint8Array;
  /**
   * When to write it: specialize (before anyone logs on), windowsPE
   * (Windows PE's own registry: only what Setup reads, e.g. LabConfig),
   * auditUser, or firstLogon (as the first user to log on).
   * @default "specialize"
   * @example pass: "firstLogon"
   */
  pass?: CommandPass;
  /**
   * What it is for: the command's Description.
   * @default "<hive>\<key>\<name>"
   * @example description: "no consumer apps"
   */
  description?: string;
}

const TYPES: readonly RegistryType[] = ["REG_SZ", "REG_EXPAND_SZ", "REG_MULTI_SZ", "REG_DWORD", "REG_QWORD", "REG_BINARY", "REG_NONE"];
const PASSES: readonly CommandPass[] = ["specialize", "windowsPE", "auditUser", "firstLogon"];

/** Where specialize loads the default user's hive. */
export const DEFAULT_USER_HIVE = "HKU\\DefaultUser";
/** The default user profile's hive file. */
export const DEFAULT_USER_FILE = "C:\\Users\\Default\\NTUSER.DAT";

/**
 * Why `text` cannot be one argument of a command line, or undefined. The
 * rules (the model in tests/registry.test.ts): the line must mean the same
 * whether Windows starts it directly or through cmd.exe, so that inside the
 * double quotes we put around every argument cmd.exe finds nothing to act
 * on: no `"` (which would end cmd.exe's quoting and let `& | < > ^ ( )` act)
 * and no `%` (which cmd.exe expands as a variable, and which cannot be
 * escaped inside quotes); and the answer file must hold it on one line: no
 * control characters and no unpaired surrogates.
 */
export function argumentProblem(text: string): string | undefined {
  if (text.includes('"'))
    return 'contains a double quote ("): cmd.exe would end its quoting there and act on & | < > ^ ( ) after it; no quoting keeps it exact under both cmd.exe and reg.exe, so it is refused';
  if (text.includes("%"))
    return "contains %: cmd.exe expands %name% as an environment variable, even inside quotes, and cannot escape it there; write the value with scripts() instead";
  const control = [...text].find((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
  if (control !== undefined)
    return `contains the control character U+${control.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}: a command line is one line of printable text`;
  if (/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text))
    return "contains an unpaired surrogate, which XML cannot hold";
  return undefined;
}

/**
 * `text` as one command-line argument: in double quotes, with the
 * backslashes before the closing quote doubled (the Windows C runtime's
 * rule: 2n backslashes then `"` are n backslashes and the end of the
 * argument). Call argumentProblem first: text it refuses is not made safe here.
 * @example quoteArgument("C:\\dir\\") // "\"C:\\dir\\\\\""
 */
export function quoteArgument(text: string): string {
  const trailing = /\\*$/.exec(text)![0].length;
  return `"${text}${"\\".repeat(trailing)}"`;
}

/** reg.exe's REG_MULTI_SZ separator (`/s`), the first of these not in the data. */
const SEPARATORS = ["~", "#", "$", "+", "=", ";", ",", "*", "?", "@", "!", "`", "'", "{", "}", "[", "]", "_", "-", ".", ":"];

/** The problems with one value, each with its argument path; [] when it can be written. */
export function registryValueProblems(v: RegistryValue): { arg: PathSegment[]; message: string }[] {
  const out: { arg: PathSegment[]; message: string }[] = [];
  const fail = (arg: PathSegment[], message: string) => out.push({ arg, message });
  const text = (arg: PathSegment[], value: unknown, what: string, allowEmpty = false) => {
    if (typeof value !== "string" || (!allowEmpty && value === ""))
      return fail(arg, `${what} must be ${allowEmpty ? "" : "non-empty "}text; got ${describe(value)}.`);
    const problem = argumentProblem(value);
    if (problem) fail(arg, `${what} ${problem}.`);
  };
  if (v.hive !== "HKLM" && v.hive !== "HKCU") fail(["hive"], `hive must be "HKLM" or "HKCU"; got ${describe(v.hive)}.`);
  text(["key"], v.key, "key");
  if (typeof v.key === "string" && (/^\\|\\$/.test(v.key) || v.key.includes("\\\\")))
    fail(["key"], `key must be the path under the hive, without a leading or trailing backslash or an empty part; got ${describe(v.key)}.`);
  if (typeof v.key === "string" && /^(HKLM|HKCU|HKU|HKCR|HKCC|HKEY_)/i.test(v.key))
    fail(["key"], `key must not repeat the hive (give it in hive); got ${describe(v.key)}.`);
  if (v.name !== undefined) text(["name"], v.name, "name", true);
  if (!TYPES.includes(v.type)) fail(["type"], `type must be one of ${TYPES.join(", ")}; got ${describe(v.type)}.`);
  const pass = v.pass ?? "specialize";
  if (!PASSES.includes(pass)) fail(["pass"], `pass must be one of ${PASSES.map((p) => JSON.stringify(p)).join(", ")}; got ${describe(v.pass)}.`);
  if (pass === "windowsPE" && v.hive === "HKCU")
    fail(["pass"], "HKCU in windowsPE is Windows PE's own user, gone after setup: use HKLM there, or another pass.");
  if (v.description !== undefined) text(["description"], v.description, "description");
  const value = v.value;
  switch (v.type) {
    case "REG_SZ":
    case "REG_EXPAND_SZ":
      text(["value"], value, `value (${v.type})`, true);
      break;
    case "REG_MULTI_SZ":
      if (!Array.isArray(value) || value.length === 0)
        fail(["value"], `value (REG_MULTI_SZ) must be a non-empty array of non-empty texts; got ${describe(value)}.`);
      else {
        value.forEach((item, i) => text(["value", i], item, "each REG_MULTI_SZ item (an empty one would end the list)"));
        if (value.every((i) => typeof i === "string") && !SEPARATORS.some((s) => value.every((i) => !i.includes(s))))
          fail(
            ["value"],
            `the REG_MULTI_SZ items together use every separator reg.exe could be given (${SEPARATORS.join(" ")}): write it with scripts() instead.`,
          );
      }
      break;
    case "REG_DWORD":
      if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > 0xffffffff)
        fail(["value"], `value (REG_DWORD) must be a whole number from 0 to 4294967295; got ${describe(value)}.`);
      break;
    case "REG_QWORD": {
      const ok =
        (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) ||
        (typeof value === "bigint" && value >= 0n && value <= 0xffffffffffffffffn);
      if (!ok)
        fail(["value"], `value (REG_QWORD) must be a whole number from 0 to 18446744073709551615 (a bigint above 2^53); got ${describe(value)}.`);
      break;
    }
    case "REG_BINARY":
      if (!(value instanceof Uint8Array) && !(typeof value === "string" && /^([0-9A-Fa-f]{2})*$/.test(value)))
        fail(["value"], `value (REG_BINARY) must be bytes (a Uint8Array) or hex text with two digits a byte; got ${describe(value)}.`);
      break;
    case "REG_NONE":
      if (value !== undefined) fail(["value"], "REG_NONE has no data: leave value out.");
      break;
  }
  return out;
}

/** The `/d` data as reg.exe reads it, and the `/s` separator for REG_MULTI_SZ. */
function dataOf(v: RegistryValue): { data?: string; separator?: string } {
  switch (v.type) {
    case "REG_MULTI_SZ": {
      const items = v.value as string[];
      const separator = SEPARATORS.find((s) => items.every((i) => !i.includes(s)))!;
      return { data: items.join(separator), separator };
    }
    case "REG_DWORD":
    case "REG_QWORD":
      return { data: String(v.value) };
    case "REG_BINARY":
      return {
        data:
          typeof v.value === "string"
            ? v.value.toUpperCase()
            : Buffer.from(v.value as Uint8Array)
                .toString("hex")
                .toUpperCase(),
      };
    case "REG_NONE":
      return {};
    default:
      return { data: v.value as string };
  }
}

/**
 * The `reg add` command line that writes one value (checked with
 * registryValueProblems first), under `root` (e.g. "HKLM" or
 * "HKU\\DefaultUser"). Every free-text argument is quoted by quoteArgument.
 */
export function regAddCommand(root: string, v: RegistryValue): string {
  const { data, separator } = dataOf(v);
  return [
    "reg add",
    quoteArgument(`${root}\\${v.key}`),
    v.name === undefined ? "/ve" : `/v ${quoteArgument(v.name)}`,
    `/t ${v.type}`,
    separator === undefined ? undefined : `/s ${separator}`,
    data === undefined ? undefined : `/d ${quoteArgument(data)}`,
    "/f",
  ]
    .filter((x) => x !== undefined)
    .join(" ");
}

/** The commands that write `values`, per pass, in the given order (the default user's hive loaded around its values in specialize). */
export function registryCommands(values: readonly RegistryValue[]): Map<CommandPass, (PassCommand & { index?: number })[]> {
  const byPass = new Map<CommandPass, (PassCommand & { index?: number })[]>();
  const add = (pass: CommandPass, c: PassCommand & { index?: number }) => {
    if (!byPass.has(pass)) byPass.set(pass, []);
    byPass.get(pass)!.push(c);
  };
  const defaultUser = values.map((v, index) => ({ v, index })).filter(({ v }) => v.hive === "HKCU" && (v.pass ?? "specialize") === "specialize");
  const label = (v: RegistryValue) => v.description ?? `${v.hive}\\${v.key}\\${v.name ?? "(default)"}`;
  values.forEach((v, index) => {
    const pass = v.pass ?? "specialize";
    if (v.hive !== "HKCU" || pass !== "specialize") add(pass, { line: regAddCommand(v.hive, v), description: label(v), index });
  });
  if (defaultUser.length > 0) {
    // after specialize's HKLM values, so that the hive's load, values and unload stay together
    add("specialize", {
      line: `reg load ${quoteArgument(DEFAULT_USER_HIVE)} ${quoteArgument(DEFAULT_USER_FILE)}`,
      description: "Load the default user's registry",
    });
    for (const { v, index } of defaultUser) add("specialize", { line: regAddCommand(DEFAULT_USER_HIVE, v), description: label(v), index });
    add("specialize", { line: `reg unload ${quoteArgument(DEFAULT_USER_HIVE)}`, description: "Unload the default user's registry" });
  }
  return byPass;
}

/**
 * Registry values, each set by a `reg add` command in the pass where it
 * takes effect.
 *
 * Writes one command per value, in the given order within each pass:
 * HKLM values of specialize (the default) in component
 * Microsoft-Windows-Deployment `RunSynchronous` of the specialize pass;
 * HKCU values of specialize there too, between `reg load "HKU\DefaultUser"
 * "C:\Users\Default\NTUSER.DAT"` and `reg unload "HKU\DefaultUser"`, so that
 * they become every new account's defaults; windowsPE values in
 * Microsoft-Windows-Setup `RunSynchronous` (Windows PE's registry: what
 * Setup itself reads); auditUser values in Microsoft-Windows-Deployment
 * `RunSynchronous` of auditUser; firstLogon values in
 * Microsoft-Windows-Shell-Setup `FirstLogonCommands`. Each command is
 * `reg add "<root>\<key>" /v "<name>" /t <type> [/s <sep>] /d "<data>" /f`,
 * with the Description given or the value's path.
 *
 * Quoting is exact: every argument is in double quotes with the backslashes
 * before the closing quote doubled, and text that no quoting keeps exact
 * under both cmd.exe and reg.exe (a `"` or a `%`, control characters) is
 * refused with the reason, as is a command longer than its element holds
 * (259 characters, 1,024 at the first logon).
 * @param values the values, each `{ hive, key, name?, type, value?, pass?, description? }`.
 * @returns a layer named "registry".
 * @throws UnattendValidationError for an empty list, a value that cannot be written exactly, or too many or too long commands.
 * @example
 * registry([
 *   { hive: "HKLM", key: "SOFTWARE\\Policies\\Microsoft\\Windows\\CloudContent", name: "DisableWindowsConsumerFeatures", type: "REG_DWORD", value: 1 },
 *   { hive: "HKCU", key: "Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\Advanced", name: "HideFileExt", type: "REG_DWORD", value: 0 },
 * ])
 */
export function registry(values: RegistryValue[]): UnattendLayer {
  const check = new ArgumentCheck("registry");
  if (!Array.isArray(values) || values.length === 0) {
    check.fail([], "Give a non-empty array of values ({ hive, key, name?, type, value?, pass?, description? }).");
    check.done();
  }
  values.forEach((v, i) => {
    if (typeof v !== "object" || v === null) return check.fail([i], "Each value must be { hive, key, name?, type, value?, pass?, description? }.");
    for (const p of registryValueProblems(v)) check.fail([i, ...p.arg], p.message);
  });
  check.done();
  const byPass = registryCommands(values);
  for (const [pass, list] of byPass) {
    if (list.length > MAX_COMMANDS) check.fail([], `${list.length} commands in ${pass}: at most ${MAX_COMMANDS} fit one list.`);
    for (const c of list) if (c.index !== undefined) checkCommandLength(check, [c.index], pass, c.line, "its reg add command");
  }
  check.done();
  let settings = {};
  for (const [pass, list] of byPass)
    settings = {
      ...settings,
      ...passCommands(
        pass,
        list.map((c) => ({ line: c.line, description: c.description })),
      ),
    };
  return { name: "registry", settings };
}
