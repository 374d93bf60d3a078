/**
 * bypassRequirements: install Windows 11 where Setup's hardware checks
 * would stop it, and allow a local account without a network in the
 * out-of-box experience.
 */
import { passCommands, type PassCommand } from "./commands";
import { ArgumentCheck, type UnattendLayer } from "./common";
import { regAddCommand } from "./registry";

/** bypassRequirements' arguments: each check to skip (true) or keep (false). */
export interface BypassRequirementsArgs {
  /**
   * Skip the TPM 2.0 check (LabConfig BypassTPMCheck).
   * @default true
   * @example tpm: false
   */
  tpm?: boolean;
  /**
   * Skip the Secure Boot check (LabConfig BypassSecureBootCheck).
   * @default true
   * @example secureBoot: false
   */
  secureBoot?: boolean;
  /**
   * Skip the 4 GB memory check (LabConfig BypassRAMCheck).
   * @default true
   * @example ram: false
   */
  ram?: boolean;
  /**
   * Skip the processor check (LabConfig BypassCPUCheck).
   * @default true
   * @example cpu: false
   */
  cpu?: boolean;
  /**
   * Skip the 64 GB disk check (LabConfig BypassStorageCheck).
   * @default true
   * @example storage: false
   */
  storage?: boolean;
  /**
   * Let the out-of-box experience go on without a network, so that a local
   * account can be made there (OOBE BypassNRO). Not needed when the answer
   * file creates the accounts (localAccounts, localAdministrator) and hides
   * the account screens (skipOobe).
   * @default false
   * @example onlineAccount: true
   */
  onlineAccount?: boolean;
}

/** The checks, their LabConfig value names, and their defaults. */
const CHECKS = [
  ["tpm", "BypassTPMCheck"],
  ["secureBoot", "BypassSecureBootCheck"],
  ["ram", "BypassRAMCheck"],
  ["cpu", "BypassCPUCheck"],
  ["storage", "BypassStorageCheck"],
] as const;

/** The key Windows 11 Setup reads the bypass values from, in Windows PE's registry. */
export const LAB_CONFIG_KEY = "SYSTEM\\Setup\\LabConfig";
/** The key the out-of-box experience reads BypassNRO from, in the installed Windows. */
export const OOBE_KEY = "SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\OOBE";

/**
 * Skips Windows 11 Setup's hardware checks (TPM 2.0, Secure Boot, memory,
 * processor, disk size), and optionally the network requirement of the
 * out-of-box experience.
 *
 * Writes, in the windowsPE pass, component Microsoft-Windows-Setup:
 * `RunSynchronous`, one command per check skipped,
 * `reg add "HKLM\SYSTEM\Setup\LabConfig" /v <name> /t REG_DWORD /d "1" /f`
 * with name BypassTPMCheck, BypassSecureBootCheck, BypassRAMCheck,
 * BypassCPUCheck or BypassStorageCheck: Setup reads these values in Windows
 * PE before it checks the hardware, so they must be set there, in Windows
 * PE's registry (they are gone once Windows PE stops). With
 * `onlineAccount`, in the specialize pass, component
 * Microsoft-Windows-Deployment: `RunSynchronous` with
 * `reg add "HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\OOBE" /v "BypassNRO" /t REG_DWORD /d "1" /f`
 * in the installed Windows, which the out-of-box experience reads later.
 *
 * Which Windows reads them: the LabConfig values are read by the Setup of
 * Windows 11 (from 21H2), clean installs from its media; Windows 10's
 * Setup has no such checks and ignores them. BypassNRO is read by the
 * out-of-box experience of Windows 11 from 22H2, the release that began to
 * require a network there. Support: none of these values is documented by
 * Microsoft, which says that a device not meeting Windows 11's minimum
 * requirements is not supported and may not get updates; Microsoft has
 * said it will remove the BypassNRO path in later Windows 11 builds. Use
 * them for virtual machines and test images, not for supported fleets.
 * @param args each check to skip (all the hardware checks when not given) and onlineAccount.
 * @returns a layer named "bypassRequirements".
 * @throws UnattendValidationError for an argument that is not a boolean, or nothing to write.
 * @example
 * bypassRequirements({ tpm: true, secureBoot: true, ram: true, onlineAccount: true })
 */
export function bypassRequirements(args: BypassRequirementsArgs = {}): UnattendLayer {
  const check = new ArgumentCheck("bypassRequirements");
  if (typeof args !== "object" || args === null) {
    check.fail([], "Give { tpm?, secureBoot?, ram?, cpu?, storage?, onlineAccount? }.");
    check.done();
  }
  for (const key of [...CHECKS.map((c) => c[0]), "onlineAccount"] as const) check.oneOf([key], args[key], [true, false], key);
  const skipped = CHECKS.filter(([key]) => args[key] ?? true);
  const onlineAccount = args.onlineAccount ?? false;
  if (skipped.length === 0 && !onlineAccount)
    check.fail([], "Every check is kept and onlineAccount is false: nothing to write. Leave this block out instead.");
  check.done();
  const windowsPE: PassCommand[] = skipped.map(([key, name]) => ({
    line: regAddCommand("HKLM", { hive: "HKLM", key: LAB_CONFIG_KEY, name, type: "REG_DWORD", value: 1 }),
    description: `Windows 11 Setup: skip the ${key} check`,
  }));
  const specialize: PassCommand[] = onlineAccount
    ? [
        {
          line: regAddCommand("HKLM", { hive: "HKLM", key: OOBE_KEY, name: "BypassNRO", type: "REG_DWORD", value: 1 }),
          description: "Out-of-box experience: allow going on without a network",
        },
      ]
    : [];
  return {
    name: "bypassRequirements",
    settings: {
      ...(windowsPE.length > 0 ? passCommands("windowsPE", windowsPE) : {}),
      ...(specialize.length > 0 ? passCommands("specialize", specialize) : {}),
    },
  };
}
