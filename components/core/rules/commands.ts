/**
 * Commands: Microsoft-Windows-Setup's RunSynchronous/RunAsynchronous
 * (windowsPE), Microsoft-Windows-Deployment's (specialize, auditUser) and
 * Microsoft-Windows-Shell-Setup's FirstLogonCommands (oobeSystem). Duplicate
 * Order values within a list and Order ranges are checked per setting by
 * validation (duplicate-key, out-of-range).
 */
import type { SettingNode } from "../model";
import { isUncPath } from "./disks";
import { child, items, p, pathOf, perView, q, text } from "./query";
import { defineRules } from "./types";

const PAGE = {
  deploymentSyncPath: "microsoft-windows-deployment-runsynchronous-runsynchronouscommand-path",
  deploymentAsyncPath: "microsoft-windows-deployment-runasynchronous-runasynchronouscommand-path",
  setupSyncPath: "microsoft-windows-setup-runsynchronous-runsynchronouscommand-path",
  willReboot: "microsoft-windows-deployment-runsynchronous-runsynchronouscommand-willreboot",
  deploymentSync: "microsoft-windows-deployment-runsynchronous",
} as const;

interface Command {
  pass: string;
  /** Runs as SYSTEM (windowsPE and specialize) rather than as the signed-in user (auditUser). */
  system: boolean;
  item: SettingNode;
  path?: SettingNode;
  synchronous: boolean;
}

/** RunSynchronous and RunAsynchronous commands of Setup (windowsPE) and Deployment (specialize, auditUser). */
const commands = perView((view): readonly Command[] => {
  const out: Command[] = [];
  const lists: [string, string][] = [
    ["windowsPE", "Microsoft-Windows-Setup"],
    ["specialize", "Microsoft-Windows-Deployment"],
    ["auditUser", "Microsoft-Windows-Deployment"],
  ];
  for (const [pass, name] of lists) {
    const c = view.component(pass, name);
    for (const list of ["RunSynchronous", "RunAsynchronous"]) {
      for (const item of items(child(c, list))) {
        out.push({ pass, system: pass !== "auditUser", item, path: child(item, "Path"), synchronous: list === "RunSynchronous" });
      }
    }
  }
  return out;
});

/** A command line that shuts down or restarts the computer itself. */
const REBOOTS = /\bshutdown(?:\.exe)?\b[^|&]*?(?:^|\s)[-/][rsgp]\b|\b(?:Restart|Stop)-Computer\b|\bwpeutil(?:\.exe)?\s+(?:reboot|shutdown)\b/i;

/** A command line that writes to the current user's registry hive. */
const USER_HIVE = /\bHKCU\b|\bHKEY_CURRENT_USER\b|\bHKCU:/i;

export const COMMAND_RULES = defineRules([
  {
    id: "command-restarts-computer",
    area: "commands",
    severity: "warning",
    summary: "A Deployment RunSynchronous command shuts down or restarts the computer itself instead of using WillReboot.",
    source: {
      page: PAGE.deploymentSyncPath,
      says: "A command must not restart or power off the machine by itself; WillReboot is the way to ask for a restart.",
    },
    also: [
      {
        page: PAGE.willReboot,
        says: "WillReboot Always restarts after the command, and the remaining synchronous commands resume after the restart.",
      },
    ],
    judgement: "Warning: recognises shutdown /r /s /g /p, Restart-Computer, Stop-Computer and wpeutil reboot|shutdown in the command line.",
    check(view, report) {
      for (const cmd of commands(view)) {
        if (cmd.pass === "windowsPE" || !cmd.synchronous || !cmd.path) continue;
        if (REBOOTS.test(text(cmd.path) ?? "")) {
          const wr = child(cmd.item, "WillReboot");
          report(
            cmd.path.path,
            `${q(cmd.path)} shuts down or restarts the computer itself, which cuts the remaining commands off; remove that part and set ${wr ? p(wr) : pathOf(cmd.item, "WillReboot")} to Always (or OnRequest) so Windows Setup restarts and resumes the commands.`,
          );
        }
      }
    },
  },
  {
    id: "unc-command-without-credentials",
    area: "commands",
    severity: "warning",
    summary: "A RunSynchronous/RunAsynchronous command runs from a network (UNC) path without Credentials.",
    source: { page: PAGE.deploymentSyncPath, says: "A command's Path may be a UNC path; then Credentials must be given." },
    also: [
      { page: PAGE.deploymentAsyncPath, says: "The same for asynchronous commands." },
      { page: PAGE.setupSyncPath, says: "The same for Microsoft-Windows-Setup's commands in windowsPE." },
    ],
    judgement: "Warning: the pages require Credentials without saying what Windows Setup does otherwise.",
    check(view, report) {
      for (const cmd of commands(view)) {
        if (cmd.path && isUncPath(text(cmd.path)) && !child(cmd.item, "Credentials")) {
          report(
            cmd.path.path,
            `${q(cmd.path)} is a network (UNC) path, but ${pathOf(cmd.item, "Credentials")} is not set; the reference requires credentials to reach it. Add Credentials (Domain, Username, Password), or copy the command locally.`,
          );
        }
      }
    },
  },
  {
    id: "user-hive-in-system-context",
    area: "commands",
    severity: "warning",
    summary: "A command that runs as SYSTEM (windowsPE, specialize) writes HKEY_CURRENT_USER.",
    source: {
      page: PAGE.deploymentSync,
      says: "RunSynchronous and RunAsynchronous commands run in the system context in specialize (and in windowsPE), in the user's context only in auditUser.",
    },
    judgement:
      "Warning: in the system context HKCU is the SYSTEM account's own hive, so no user ever sees the change; almost certainly meant for a user.",
    check(view, report) {
      for (const cmd of commands(view)) {
        if (cmd.system && cmd.path && USER_HIVE.test(text(cmd.path) ?? "")) {
          report(
            cmd.path.path,
            `${q(cmd.path)} writes HKEY_CURRENT_USER, but commands of the ${cmd.pass} pass run as SYSTEM, so the change lands in SYSTEM's own hive. Write the default user's hive (load C:\\Users\\Default\\NTUSER.DAT), or use FirstLogonCommands, which run as the user.`,
          );
        }
      }
    },
  },
]);
