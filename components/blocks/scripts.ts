/**
 * scripts: scripts longer than a command line, carried inside the answer
 * file and written to disk by a first command.
 */
import { ArgumentCheck, type UnattendLayer } from "./common";
import { checkCommandLength, MAX_COMMANDS, passCommands, type CommandPass, type PassCommand } from "./commands";
import { DEFAULT_USER_FILE, DEFAULT_USER_HIVE, quoteArgument } from "./registry";

/** One script. */
export interface Script {
  /**
   * The file's name without extension (letters, digits, `_`, `-` and `.`, at
   * most 64 characters, unique without regard to case): it is written to
   * `C:\Windows\Setup\Scripts\<name>.ps1` or `.cmd`.
   * @example name: "remove-apps"
   */
  name: string;
  /**
   * The script, written byte for byte as UTF-8 (a PowerShell script with a
   * UTF-8 byte order mark, so that Windows PowerShell 5.1 reads it as
   * UTF-8). Line endings are kept as given: cmd.exe wants CRLF.
   * @example content: "Get-AppxPackage *Xbox* | Remove-AppxPackage\r\n"
   */
  content: string;
  /**
   * What runs it: `powershell -NoProfile -ExecutionPolicy Bypass -File <file>`
   * or `cmd /c <file>` (ASCII only: cmd.exe reads a batch file in the OEM code page).
   * @example shell: "powershell"
   */
  shell: "cmd" | "powershell";
}

/** scripts' arguments: the scripts of each phase, run in the given order. */
export interface ScriptsArgs {
  /**
   * Run in the specialize pass, as SYSTEM, before anyone logs on.
   * @default none
   * @example specialize: [{ name: "machine", shell: "powershell", content: "Set-TimeZone -Id UTC\r\n" }]
   */
  specialize?: Script[];
  /**
   * Run at the first logon (FirstLogonCommands), as the user logging on.
   * @default none
   * @example firstLogon: [{ name: "welcome", shell: "cmd", content: "echo ready > C:\\ready.txt\r\n" }]
   */
  firstLogon?: Script[];
  /**
   * Run in the specialize pass with the default user's registry loaded as
   * `HKU\DefaultUser` (what every new account starts from): change
   * `Registry::HKEY_USERS\DefaultUser\...` there.
   * @default none
   * @example defaultUser: [{ name: "explorer", shell: "cmd", content: "reg add HKU\\DefaultUser\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\Advanced /v HideFileExt /t REG_DWORD /d 0 /f\r\n" }]
   */
  defaultUser?: Script[];
}

/** The namespace of the element that carries the scripts in the answer file. */
export const SCRIPTS_NS = "urn:pulumi-unattend:scripts";
/** The folder the scripts are written to. */
export const SCRIPTS_DIR = "C:\\Windows\\Setup\\Scripts";
/** The copy of the answer file Windows Setup keeps, which the extraction command reads during specialize. */
export const PANTHER_COPY = "C:\\Windows\\Panther\\unattend.xml";
/** The most script bytes one answer file carries (base64 makes them 4/3 larger; the default read limit is 16 MiB). */
export const MAX_SCRIPT_BYTES = 8 * 1024 * 1024;

/**
 * The command that writes every script out of the answer file: PowerShell
 * loads Setup's copy of the answer file, and for each `File` element of
 * `Scripts` writes the bytes its base64 text holds to its `path`. Fixed
 * text (no user input), under 259 characters.
 */
export const EXTRACT_COMMAND =
  `powershell -NoProfile -Command "$null=md ${SCRIPTS_DIR} -Fo;$x=New-Object xml;$x.Load('${PANTHER_COPY}');` +
  '$x.unattend.Scripts.File|foreach{[IO.File]::WriteAllBytes($_.path,[Convert]::FromBase64String($_.InnerText))}"';

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const UNPAIRED = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The file a script is written to. */
export function scriptPath(s: Script): string {
  return `${SCRIPTS_DIR}\\${s.name}.${s.shell === "powershell" ? "ps1" : "cmd"}`;
}

/** The bytes written for a script: UTF-8, with a byte order mark for PowerShell. */
export function scriptBytes(s: Script): Buffer {
  const body = Buffer.from(s.content, "utf8");
  return s.shell === "powershell" ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
}

/** The command that runs a script from its file (no quoting needed: the path has no space or special character). */
export function runCommand(s: Script): string {
  return s.shell === "powershell" ? `powershell -NoProfile -ExecutionPolicy Bypass -File ${scriptPath(s)}` : `cmd /c ${scriptPath(s)}`;
}

/** Base64 in lines of 76 characters (Convert.FromBase64String skips the line breaks). */
function base64Lines(bytes: Buffer): string {
  const b64 = bytes.toString("base64");
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 76) lines.push(b64.slice(i, i + 76));
  return lines.join("\n");
}

/**
 * Scripts of any length for specialize, the first logon and the default
 * user, carried in the answer file itself.
 *
 * Writes, after the `<settings>`, one element of our own namespace:
 * `<Scripts xmlns="urn:pulumi-unattend:scripts">` with one
 * `<File path="C:\Windows\Setup\Scripts\<name>.<ps1|cmd>">` per script,
 * holding the file's bytes in base64 (so that any content, line endings and
 * all, comes back byte for byte: XML would change CR LF and cannot hold
 * every character). In the specialize pass, component
 * Microsoft-Windows-Deployment, `RunSynchronous`: first EXTRACT_COMMAND,
 * which reads Setup's copy of the answer file (C:\Windows\Panther\unattend.xml)
 * and writes each File; then the specialize scripts; then, for defaultUser
 * scripts, `reg load "HKU\DefaultUser" "C:\Users\Default\NTUSER.DAT"`, the
 * scripts, and `reg unload "HKU\DefaultUser"`. In the oobeSystem pass,
 * component Microsoft-Windows-Shell-Setup, `FirstLogonCommands`: the
 * firstLogon scripts. PowerShell scripts run from their file with `-File`,
 * never through the command line's quoting.
 *
 * Limits checked: each command within its element (259 characters, 1,024
 * at the first logon), at most 500 commands a list, names unique, at most
 * 8 MiB of scripts, and content that UTF-8 can hold (no unpaired surrogate;
 * ASCII only for cmd). Windows PE has no copy of the answer file to read,
 * so there are no windowsPE scripts (use commands.windowsPE).
 * @param args the scripts of each phase.
 * @returns a layer named "scripts".
 * @throws UnattendValidationError for no script, a bad or repeated name, content that cannot be written exactly, or a limit passed.
 * @example
 * scripts({
 *   specialize: [{ name: "debloat", shell: "powershell", content: fs.readFileSync("debloat.ps1", "utf8") }],
 *   firstLogon: [{ name: "welcome", shell: "cmd", content: "echo ready > C:\\ready.txt\r\n" }],
 * })
 */
export function scripts(args: ScriptsArgs): UnattendLayer {
  const check = new ArgumentCheck("scripts");
  if (typeof args !== "object" || args === null) {
    check.fail([], "Give { specialize?, firstLogon?, defaultUser? }, each a list of { name, content, shell }.");
    check.done();
  }
  const phases = ["specialize", "firstLogon", "defaultUser"] as const;
  const seen = new Map<string, string>();
  let bytes = 0;
  let count = 0;
  for (const phase of phases) {
    const list = args[phase];
    if (list === undefined) continue;
    if (!Array.isArray(list) || list.length === 0) {
      check.fail([phase], `${phase} must be a non-empty array of { name, content, shell }.`);
      continue;
    }
    list.forEach((s, i) => {
      if (typeof s !== "object" || s === null) return check.fail([phase, i], "Each script must be { name, content, shell }.");
      count++;
      if (typeof s.name !== "string" || !NAME.test(s.name))
        check.fail(
          [phase, i, "name"],
          `name must be 1 to 64 letters, digits, "_", "-" or "." (starting with a letter or digit); got ${JSON.stringify(s.name)}.`,
        );
      else {
        const key = s.name.toLowerCase();
        if (seen.has(key))
          check.fail([phase, i, "name"], `the name ${JSON.stringify(s.name)} is also ${seen.get(key)}'s: each script writes its own file.`);
        else seen.set(key, `${phase}[${i}]`);
      }
      check.oneOf([phase, i, "shell"], s.shell, ["cmd", "powershell"] as const, "shell");
      if (typeof s.content !== "string") check.fail([phase, i, "content"], "content must be text.");
      else if (UNPAIRED.test(s.content))
        check.fail([phase, i, "content"], "content contains an unpaired surrogate, which UTF-8 cannot hold: it would not be written back exactly.");
      else if (s.shell === "cmd" && Buffer.byteLength(s.content, "utf8") !== s.content.length)
        check.fail(
          [phase, i, "content"],
          "a cmd script must be ASCII: cmd.exe reads a batch file in the OEM code page, so other characters would change. Use a PowerShell script.",
        );
      else bytes += Buffer.byteLength(s.content, "utf8");
    });
  }
  if (count === 0) check.fail([], "Give at least one script (specialize, firstLogon or defaultUser).");
  if (bytes > MAX_SCRIPT_BYTES) check.fail([], `the scripts hold ${bytes} bytes: at most ${MAX_SCRIPT_BYTES} fit in one answer file.`);
  check.done();

  const specialize: PassCommand[] = [{ line: EXTRACT_COMMAND, description: "Write the scripts out of the answer file" }];
  for (const s of args.specialize ?? []) specialize.push({ line: runCommand(s), description: `Script ${s.name}` });
  if (args.defaultUser) {
    specialize.push({
      line: `reg load ${quoteArgument(DEFAULT_USER_HIVE)} ${quoteArgument(DEFAULT_USER_FILE)}`,
      description: "Load the default user's registry",
    });
    for (const s of args.defaultUser) specialize.push({ line: runCommand(s), description: `Script ${s.name} (default user)` });
    specialize.push({ line: `reg unload ${quoteArgument(DEFAULT_USER_HIVE)}`, description: "Unload the default user's registry" });
  }
  const firstLogon: PassCommand[] = (args.firstLogon ?? []).map((s) => ({ line: runCommand(s), description: `Script ${s.name}` }));
  const lists: [CommandPass, PassCommand[]][] = [
    ["specialize", specialize],
    ["firstLogon", firstLogon],
  ];
  for (const [pass, list] of lists) {
    if (list.length > MAX_COMMANDS) check.fail([], `${list.length} commands in ${pass}: at most ${MAX_COMMANDS} fit one list.`);
    for (const c of list) checkCommandLength(check, [], pass, c.line, `the command ${JSON.stringify(c.line)}`);
  }
  check.done();

  const all = phases.flatMap((p) => args[p] ?? []);
  const files = all.map((s) => `<File path="${scriptPath(s)}">\n${base64Lines(scriptBytes(s))}\n</File>`).join("\n");
  return {
    name: "scripts",
    settings: { ...passCommands("specialize", specialize), ...(firstLogon.length > 0 ? passCommands("firstLogon", firstLogon) : {}) },
    extras: [{ xml: `<Scripts xmlns="${SCRIPTS_NS}">\n${files}\n</Scripts>` }],
  };
}
