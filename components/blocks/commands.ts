/**
 * commands.windowsPE, commands.specialize, commands.auditUser,
 * commands.firstLogon and commands.async: commands run in order, each in the
 * element its pass needs. passCommands is what the other blocks use to add
 * their commands (one place for the elements and the length limits).
 */
import type { PlainUnattendSettings } from "../generated/settings";
import { notKnownYet } from "../core/diagnostics";
import { ArgumentCheck, defined, type StringInput, type UnattendLayer, type UnattendLayerInput } from "./common";

/** A command run during the specialize pass (RunSynchronousCommand). */
export interface SpecializeCommand<S extends StringInput = StringInput> {
  /**
   * The command line.
   * @example path: "powershell -NoProfile -Command Enable-PSRemoting -Force"
   */
  path: S;
  /**
   * What it does.
   * @default none
   * @example description: "enable remoting"
   */
  description?: S;
  /**
   * Whether Windows restarts after it: Always, OnRequest or Never.
   * @default not written (Windows' default, OnRequest)
   * @example willReboot: "Never"
   */
  willReboot?: "Always" | "OnRequest" | "Never";
}

/** A command run when a user first logs on (SynchronousCommand). */
export interface FirstLogonCommand<S extends StringInput = StringInput> {
  /**
   * The command line.
   * @example commandLine: "cmd /c echo done > C:\\done.txt"
   */
  commandLine: S;
  /**
   * What it does.
   * @default none
   * @example description: "mark the image as done"
   */
  description?: S;
  /**
   * Whether the command asks the user for input.
   * @default not written (false)
   * @example requiresUserInput: false
   */
  requiresUserInput?: boolean;
}

/** At most this many commands per list: Order goes from 1 to 500. */
export const MAX_COMMANDS = 500;

/** The longest `Path` of a RunSynchronousCommand or RunAsynchronousCommand (characters), as the reference documents. */
export const MAX_PATH_LENGTH = 259;

/** The longest `CommandLine` of a first-logon SynchronousCommand (characters), as the reference documents. */
export const MAX_COMMAND_LINE_LENGTH = 1024;

/** Where a block's commands run: the passes with synchronous commands, and the first logon. */
export type CommandPass = "windowsPE" | "specialize" | "auditUser" | "firstLogon";

/** One command another block writes. */
export interface PassCommand {
  line: string;
  description?: string;
}

/** The longest command line a pass's command element holds. */
export function maxCommandLength(pass: CommandPass): number {
  return pass === "firstLogon" ? MAX_COMMAND_LINE_LENGTH : MAX_PATH_LENGTH;
}

/** Reports a known command line longer than its element holds (`what` names it). */
export function checkCommandLength(check: ArgumentCheck, arg: readonly (string | number)[], pass: CommandPass, line: unknown, what: string): void {
  const max = maxCommandLength(pass);
  if (typeof line === "string" && line.length > max)
    check.fail(
      arg,
      `${what} is ${line.length} characters long; the ${pass === "firstLogon" ? "CommandLine of a first-logon command" : `Path of a ${pass} command`} holds at most ${max}.`,
    );
}

/**
 * The settings that run `commands` in order in `pass`: windowsPE in
 * Microsoft-Windows-Setup `RunSynchronous`, specialize and auditUser in
 * Microsoft-Windows-Deployment `RunSynchronous`, firstLogon in
 * Microsoft-Windows-Shell-Setup `FirstLogonCommands` (Order 1, 2, 3...).
 */
export function passCommands(pass: CommandPass, commands: readonly PassCommand[]): PlainUnattendSettings {
  if (pass === "firstLogon")
    return {
      oobeSystem: {
        "Microsoft-Windows-Shell-Setup": {
          FirstLogonCommands: commands.map((c, i) => defined({ Order: i + 1, CommandLine: c.line, Description: c.description })),
        },
      },
    };
  const list = commands.map((c, i) => defined({ Order: i + 1, Path: c.line, Description: c.description }));
  if (pass === "windowsPE") return { windowsPE: { "Microsoft-Windows-Setup": { RunSynchronous: list } } };
  if (pass === "auditUser") return { auditUser: { "Microsoft-Windows-Deployment": { RunSynchronous: list } } };
  return { specialize: { "Microsoft-Windows-Deployment": { RunSynchronous: list } } };
}

function checkList(check: ArgumentCheck, commands: unknown): commands is unknown[] {
  if (!Array.isArray(commands) || commands.length === 0) {
    check.fail([], "Give a non-empty array of commands (strings or objects).");
    return false;
  }
  if (commands.length > MAX_COMMANDS)
    check.fail([], `At most ${MAX_COMMANDS} commands fit one list (Order goes from 1 to ${MAX_COMMANDS}); got ${commands.length}.`);
  return true;
}

/**
 * Commands run in order, synchronously, during the specialize pass (as
 * SYSTEM, before anyone logs on). Strings are command lines.
 *
 * Writes, in the specialize pass, component Microsoft-Windows-Deployment:
 * `RunSynchronous`, one RunSynchronousCommand per command with `Order` 1, 2,
 * 3..., `Path`, and `Description` and `WillReboot` when given. Merged with
 * other layers' RunSynchronous commands, these run after those of earlier
 * layers (Order is renumbered).
 * @param commands command lines, or `{ path, description?, willReboot? }`.
 * @returns a layer named "commands.specialize".
 * @throws UnattendValidationError for an empty list, more than 500 commands, or an empty command line or one over 259 characters.
 * @example
 * commands.specialize(["powershell -NoProfile -Command Enable-PSRemoting -Force", { path: "cmd /c bcdedit /timeout 5", willReboot: "Never" }])
 */
function specialize(commands: (string | SpecializeCommand<string>)[]): UnattendLayer;
/** commands.specialize with values from config, secrets or other resources (see the overload above). */
function specialize(commands: (StringInput | SpecializeCommand)[]): UnattendLayerInput;
function specialize(commands: (StringInput | SpecializeCommand)[]): UnattendLayerInput {
  const check = new ArgumentCheck("commands.specialize");
  checkPathCommands(check, commands, "specialize", true);
  check.done();
  return {
    name: "commands.specialize",
    settings: {
      specialize: {
        "Microsoft-Windows-Deployment": {
          RunSynchronous: commands.map((c, i) => {
            const cmd: SpecializeCommand =
              typeof c === "object" && c !== null && !notKnownYet(c) ? (c as SpecializeCommand) : { path: c as StringInput };
            return defined({ Order: i + 1, Path: cmd.path, Description: cmd.description, WillReboot: cmd.willReboot });
          }),
        },
      },
    },
  };
}

/**
 * Commands run in order the first time a user logs on (after the
 * out-of-box experience, as that user). Strings are command lines.
 *
 * Writes, in the oobeSystem pass, component Microsoft-Windows-Shell-Setup:
 * `FirstLogonCommands`, one SynchronousCommand per command with `Order` 1, 2,
 * 3..., `CommandLine`, and `Description` and `RequiresUserInput` when given.
 * Merged with other layers' first-logon commands, these run after those of
 * earlier layers (Order is renumbered).
 * @param commands command lines, or `{ commandLine, description?, requiresUserInput? }`.
 * @returns a layer named "commands.firstLogon".
 * @throws UnattendValidationError for an empty list, more than 500 commands, or an empty command line or one over 1,024 characters.
 * @example
 * commands.firstLogon(["powershell -NoProfile -File C:\\setup\\first-logon.ps1"])
 */
function firstLogon(commands: (string | FirstLogonCommand<string>)[]): UnattendLayer;
/** commands.firstLogon with values from config, secrets or other resources (see the overload above). */
function firstLogon(commands: (StringInput | FirstLogonCommand)[]): UnattendLayerInput;
function firstLogon(commands: (StringInput | FirstLogonCommand)[]): UnattendLayerInput {
  const check = new ArgumentCheck("commands.firstLogon");
  if (checkList(check, commands)) {
    commands.forEach((c, i) => {
      if (typeof c === "object" && c !== null && !notKnownYet(c)) {
        check.text([i, "commandLine"], (c as FirstLogonCommand).commandLine, "commandLine");
        checkCommandLength(check, [i, "commandLine"], "firstLogon", (c as FirstLogonCommand).commandLine, "commandLine");
      } else {
        check.text([i], c, "the command line");
        checkCommandLength(check, [i], "firstLogon", c, "the command line");
      }
    });
  }
  check.done();
  return {
    name: "commands.firstLogon",
    settings: {
      oobeSystem: {
        "Microsoft-Windows-Shell-Setup": {
          FirstLogonCommands: commands.map((c, i) => {
            const cmd: FirstLogonCommand =
              typeof c === "object" && c !== null && !notKnownYet(c) ? (c as FirstLogonCommand) : { commandLine: c as StringInput };
            return defined({ Order: i + 1, CommandLine: cmd.commandLine, Description: cmd.description, RequiresUserInput: cmd.requiresUserInput });
          }),
        },
      },
    },
  };
}

/** A command run by Windows Setup in Windows PE (windowsPE pass, RunSynchronousCommand of Microsoft-Windows-Setup). */
export interface WindowsPECommand<S extends StringInput = StringInput> {
  /**
   * The command line (at most 259 characters), run in Windows PE before
   * Windows is installed: X: is Windows PE's drive.
   * @example path: "cmd /c wpeutil UpdateBootInfo"
   */
  path: S;
  /**
   * What it does.
   * @default none
   * @example description: "boot information"
   */
  description?: S;
}

/** A command run without waiting for it (RunAsynchronousCommand). */
export interface AsyncCommand<S extends StringInput = StringInput> {
  /**
   * The command line (at most 259 characters).
   * @example path: "cmd /c C:\\setup\\collect-logs.cmd"
   */
  path: S;
  /**
   * What it does.
   * @default none
   * @example description: "collect logs"
   */
  description?: S;
}

/** commands.async's options. */
export interface AsyncOptions {
  /**
   * The pass whose asynchronous commands these are: windowsPE (Microsoft-Windows-Setup), specialize or auditUser (Microsoft-Windows-Deployment).
   * @default "specialize"
   * @example pass: "auditUser"
   */
  pass?: "windowsPE" | "specialize" | "auditUser";
}

function objectOrLine<T extends object>(c: unknown, key: keyof T): T {
  return (typeof c === "object" && c !== null && !notKnownYet(c) ? c : { [key]: c }) as T;
}

function checkPathCommands(check: ArgumentCheck, commands: unknown, pass: CommandPass, willReboot: boolean): void {
  if (!checkList(check, commands)) return;
  commands.forEach((c, i) => {
    if (typeof c === "object" && c !== null && !notKnownYet(c)) {
      const cmd = c as SpecializeCommand;
      check.text([i, "path"], cmd.path, "path");
      checkCommandLength(check, [i, "path"], pass, cmd.path, "path");
      if (willReboot) check.oneOf([i, "willReboot"], cmd.willReboot, ["Always", "OnRequest", "Never"] as const, "willReboot");
      else if ((cmd as { willReboot?: unknown }).willReboot !== undefined)
        check.fail([i, "willReboot"], "willReboot is not a setting of this pass's commands: leave it out.");
    } else {
      check.text([i], c, "the command line");
      checkCommandLength(check, [i], pass, c, "the command line");
    }
  });
}

/**
 * Commands run in order, synchronously, by Windows Setup in Windows PE
 * (windowsPE pass), before the disk is partitioned and Windows installed:
 * for what Setup itself reads (e.g. registry values under
 * HKLM\SYSTEM\Setup, which bypassRequirements writes) or preparing disks.
 * Strings are command lines.
 *
 * Writes, in the windowsPE pass, component Microsoft-Windows-Setup:
 * `RunSynchronous`, one RunSynchronousCommand per command with `Order` 1, 2,
 * 3..., `Path`, and `Description` when given. Merged with other layers',
 * these run after those of earlier layers (Order is renumbered).
 * @param commands command lines, or `{ path, description? }`.
 * @returns a layer named "commands.windowsPE".
 * @throws UnattendValidationError for an empty list, more than 500 commands, or an empty command line or one over 259 characters.
 * @example
 * commands.windowsPE(["cmd /c echo %PROCESSOR_ARCHITECTURE% > X:\\arch.txt"])
 */
function windowsPE(commands: (string | WindowsPECommand<string>)[]): UnattendLayer;
/** commands.windowsPE with values from config, secrets or other resources (see the overload above). */
function windowsPE(commands: (StringInput | WindowsPECommand)[]): UnattendLayerInput;
function windowsPE(commands: (StringInput | WindowsPECommand)[]): UnattendLayerInput {
  const check = new ArgumentCheck("commands.windowsPE");
  checkPathCommands(check, commands, "windowsPE", false);
  check.done();
  return {
    name: "commands.windowsPE",
    settings: {
      windowsPE: {
        "Microsoft-Windows-Setup": {
          RunSynchronous: commands.map((c, i) => {
            const cmd = objectOrLine<WindowsPECommand>(c, "path");
            return defined({ Order: i + 1, Path: cmd.path, Description: cmd.description });
          }),
        },
      },
    },
  };
}

/**
 * Commands run in order, synchronously, in audit mode each time the
 * auditUser pass runs (as the built-in Administrator, after logon): for an
 * image built in audit mode. Strings are command lines.
 *
 * Writes, in the auditUser pass, component Microsoft-Windows-Deployment:
 * `RunSynchronous`, one RunSynchronousCommand per command with `Order` 1, 2,
 * 3..., `Path`, and `Description` and `WillReboot` when given. Merged with
 * other layers', these run after those of earlier layers.
 * @param commands command lines, or `{ path, description?, willReboot? }`.
 * @returns a layer named "commands.auditUser".
 * @throws UnattendValidationError for an empty list, more than 500 commands, or an empty command line or one over 259 characters.
 * @example
 * commands.auditUser(["powershell -NoProfile -File C:\\build\\audit.ps1"])
 */
function auditUser(commands: (string | SpecializeCommand<string>)[]): UnattendLayer;
/** commands.auditUser with values from config, secrets or other resources (see the overload above). */
function auditUser(commands: (StringInput | SpecializeCommand)[]): UnattendLayerInput;
function auditUser(commands: (StringInput | SpecializeCommand)[]): UnattendLayerInput {
  const check = new ArgumentCheck("commands.auditUser");
  checkPathCommands(check, commands, "auditUser", true);
  check.done();
  return {
    name: "commands.auditUser",
    settings: {
      auditUser: {
        "Microsoft-Windows-Deployment": {
          RunSynchronous: commands.map((c, i) => {
            const cmd = objectOrLine<SpecializeCommand>(c, "path");
            return defined({ Order: i + 1, Path: cmd.path, Description: cmd.description, WillReboot: cmd.willReboot });
          }),
        },
      },
    },
  };
}

/**
 * Commands started in order without waiting for each to finish
 * (asynchronous): Setup goes on while they run. For long jobs whose end
 * nothing waits for. Strings are command lines.
 *
 * Writes `RunAsynchronous`, one RunAsynchronousCommand per command with
 * `Order` 1, 2, 3..., `Path`, and `Description` when given: in the windowsPE
 * pass in component Microsoft-Windows-Setup, in the specialize (default) or
 * auditUser pass in component Microsoft-Windows-Deployment.
 * @param commands command lines, or `{ path, description? }`.
 * @param options the pass.
 * @returns a layer named "commands.async".
 * @throws UnattendValidationError for an empty list, more than 500 commands, an empty command line or one over 259 characters, or an unknown pass.
 * @example
 * commands.async(["cmd /c C:\\setup\\collect-logs.cmd"], { pass: "specialize" })
 */
function async(commands: (string | AsyncCommand<string>)[], options?: AsyncOptions): UnattendLayer;
/** commands.async with values from config, secrets or other resources (see the overload above). */
function async(commands: (StringInput | AsyncCommand)[], options?: AsyncOptions): UnattendLayerInput;
function async(commands: (StringInput | AsyncCommand)[], options: AsyncOptions = {}): UnattendLayerInput {
  const check = new ArgumentCheck("commands.async");
  check.object(["options"], options, "options", true);
  const pass = options.pass ?? "specialize";
  check.oneOf(["options", "pass"], pass, ["windowsPE", "specialize", "auditUser"] as const, "pass");
  checkPathCommands(check, commands, pass, false);
  check.done();
  const list = commands.map((c, i) => {
    const cmd = objectOrLine<AsyncCommand>(c, "path");
    return defined({ Order: i + 1, Path: cmd.path, Description: cmd.description });
  });
  return {
    name: "commands.async",
    settings:
      pass === "windowsPE"
        ? { windowsPE: { "Microsoft-Windows-Setup": { RunAsynchronous: list } } }
        : pass === "auditUser"
          ? { auditUser: { "Microsoft-Windows-Deployment": { RunAsynchronous: list } } }
          : { specialize: { "Microsoft-Windows-Deployment": { RunAsynchronous: list } } },
  };
}

/**
 * Ordered commands for each pass that runs them, for the first logon, and asynchronous ones (see each function).
 * @namespace
 */
export const commands = { windowsPE, specialize, auditUser, firstLogon, async };
