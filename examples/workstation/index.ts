/**
 * A workstation image's answer file: an out-of-box experience without
 * questions, a local administrator whose password is a Pulumi secret, and two
 * commands in the specialize pass. Copy this folder into your own project:
 *
 *   npm install pulumi-unattend @pulumi/pulumi
 *   pulumi config set --secret adminPassword '...'
 *   pulumi up
 */
import * as pulumi from "@pulumi/pulumi";
import { UnattendFile } from "pulumi-unattend";

const config = new pulumi.Config();
const adminPassword = config.requireSecret("adminPassword");

const unattend = new UnattendFile("workstation", {
  architectures: ["amd64"],
  path: "out/unattend.xml",
  settings: {
    specialize: {
      "Microsoft-Windows-Shell-Setup": { ComputerName: "WS-01", TimeZone: "UTC" },
      "Microsoft-Windows-Deployment": {
        RunSynchronous: [
          { Path: "powershell -NoProfile -Command Set-NetFirewallProfile -Enabled True", Description: "firewall on" },
          { Path: "cmd /c reg add HKLM\\Software\\Contoso /v Imaged /t REG_DWORD /d 1 /f", WillReboot: "Never" },
        ],
      },
    },
    oobeSystem: {
      "Microsoft-Windows-Shell-Setup": {
        OOBE: { HideEULAPage: true, HideOnlineAccountScreens: true, HideWirelessSetupInOOBE: true, ProtectYourPC: 3 },
        UserAccounts: {
          LocalAccounts: [{ Name: "ops", Group: "Administrators", DisplayName: "Operations", Password: { Value: adminPassword, PlainText: false } }],
        },
      },
    },
  },
});

/** Secret: the file holds a password. */
export const xml = unattend.xml;
export const sha256 = unattend.sha256;
export const changes = unattend.changes;
