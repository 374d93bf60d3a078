/**
 * commands.specialize and commands.firstLogon: commands run in order, each
 * in the element its pass needs.
 */
import { ArgumentCheck, defined, isLate, type StringInput, type UnattendLayer, type UnattendLayerInput } from "./common";

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
const MAX_COMMANDS = 500;

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
 * @throws UnattendValidationError for an empty list, more than 500 commands, or an empty command line.
 * @example
 * commands.specialize(["powershell -NoProfile -Command Enable-PSRemoting -Force", { path: "cmd /c bcdedit /timeout 5", willReboot: "Never" }])
 */
function specialize(commands: (string | SpecializeCommand<string>)[]): UnattendLayer;
/** commands.specialize with values from config, secrets or other resources (see the overload above). */
function specialize(commands: (StringInput | SpecializeCommand)[]): UnattendLayerInput;
function specialize(commands: (StringInput | SpecializeCommand)[]): UnattendLayerInput {
  const check = new ArgumentCheck("commands.specialize");
  if (checkList(check, commands)) {
    commands.forEach((c, i) => {
      if (typeof c === "object" && c !== null && !isLate(c)) {
        const cmd = c as SpecializeCommand;
        check.text([i, "path"], cmd.path, "path");
        check.oneOf([i, "willReboot"], cmd.willReboot, ["Always", "OnRequest", "Never"] as const, "willReboot");
      } else check.text([i], c, "the command line");
    });
  }
  check.done();
  return {
    name: "commands.specialize",
    settings: {
      specialize: {
        "Microsoft-Windows-Deployment": {
          RunSynchronous: commands.map((c, i) => {
            const cmd: SpecializeCommand = typeof c === "object" && c !== null && !isLate(c) ? (c as SpecializeCommand) : { path: c as StringInput };
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
 * @throws UnattendValidationError for an empty list, more than 500 commands, or an empty command line.
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
      if (typeof c === "object" && c !== null && !isLate(c)) check.text([i, "commandLine"], (c as FirstLogonCommand).commandLine, "commandLine");
      else check.text([i], c, "the command line");
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
              typeof c === "object" && c !== null && !isLate(c) ? (c as FirstLogonCommand) : { commandLine: c as StringInput };
            return defined({ Order: i + 1, CommandLine: cmd.commandLine, Description: cmd.description, RequiresUserInput: cmd.requiresUserInput });
          }),
        },
      },
    },
  };
}

/** Ordered commands for the specialize pass and for the first logon (see each function). */
export const commands = { specialize, firstLogon };
