/**
 * The answer file of the Packer example: install Windows Server from its ISO
 * on an empty disk, then create the administrator Packer connects as and
 * turn WinRM on at the first logon. Shared by index.ts (Pulumi) and checked
 * against unattend.yaml (the same settings for `unattend render`).
 */
import type * as pulumi from "@pulumi/pulumi";
import type { UnattendSettingsInput } from "pulumi-unattend";

/** Where the file is written, relative to this folder: the name Windows Setup looks for on removable media. */
export const ANSWER_FILE = "out/Autounattend.xml";

/** The settings, with the build-time administrator password. */
export function installSettings(adminPassword: pulumi.Input<string>): UnattendSettingsInput {
  return {
    windowsPE: {
      "Microsoft-Windows-International-Core-WinPE": {
        SetupUILanguage: { UILanguage: "en-US" },
        InputLocale: "en-US",
        SystemLocale: "en-US",
        UILanguage: "en-US",
        UserLocale: "en-US",
      },
      "Microsoft-Windows-Setup": {
        DiskConfiguration: {
          Disk: [
            {
              DiskID: 0,
              WillWipeDisk: true,
              CreatePartitions: [
                { Order: 1, Type: "Primary", Size: 500 },
                { Order: 2, Type: "Primary", Extend: true },
              ],
              ModifyPartitions: [
                { Order: 1, PartitionID: 1, Format: "NTFS", Label: "System", Active: true },
                { Order: 2, PartitionID: 2, Format: "NTFS", Label: "Windows", Letter: "C" },
              ],
            },
          ],
        },
        ImageInstall: {
          OSImage: {
            InstallFrom: { MetaData: [{ Key: "/IMAGE/NAME", Value: "Windows Server 2022 SERVERSTANDARD" }] },
            InstallTo: { DiskID: 0, PartitionID: 2 },
          },
        },
        UserData: { AcceptEula: true },
      },
    },
    oobeSystem: {
      "Microsoft-Windows-Shell-Setup": {
        OOBE: { HideEULAPage: true, ProtectYourPC: 3 },
        UserAccounts: { AdministratorPassword: { Value: adminPassword, PlainText: false } },
        AutoLogon: { Enabled: true, LogonCount: 1, Username: "Administrator", Password: { Value: adminPassword, PlainText: false } },
        FirstLogonCommands: [
          // LogonCount 1 logs on twice (a known Windows issue): the documented reset
          {
            CommandLine: 'reg add "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon" /v AutoLogonCount /t REG_DWORD /d 0 /f',
            Description: "Log on automatically once only",
          },
          { CommandLine: "powershell -NoProfile -Command Enable-PSRemoting -SkipNetworkProfileCheck -Force", Description: "WinRM for Packer" },
          { CommandLine: 'cmd /c winrm set winrm/config/service/auth @{Basic="true"}', Description: "WinRM basic authentication" },
        ],
      },
    },
  };
}
