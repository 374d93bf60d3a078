/**
 * The answer file of the Packer example, from blocks: install Windows Server
 * from its ISO on an empty disk, set the built-in Administrator's password
 * (Packer's winrm_password), log on once automatically, and at that logon
 * turn on WinRM over HTTPS for Packer's communicator. Shared by index.ts
 * (Pulumi) and checked against unattend.yaml (the same settings for
 * `unattend render`).
 */
import type * as pulumi from "@pulumi/pulumi";
import {
  builtinAdministrator,
  diskLayout,
  image,
  locale,
  mergeUnattend,
  winrm,
  type UnattendLayer,
  type UnattendLayerInput,
  type UnattendSettings,
} from "pulumi-unattend";

/** Where the file is written, relative to this folder: the name Windows Setup looks for on removable media. */
export const ANSWER_FILE = "out/Autounattend.xml";

/** The layers, with the build-time administrator password (a secret Output in index.ts). */
export function installLayers(adminPassword: pulumi.Input<string>): UnattendLayerInput[] {
  return [
    locale("en-US"),
    diskLayout.bios({ disk: 0, systemSize: 500 }),
    image({ name: "Windows Server 2022 SERVERSTANDARD" }),
    {
      name: "packer",
      settings: {
        windowsPE: { "Microsoft-Windows-Setup": { UserData: { AcceptEula: true } } },
        oobeSystem: { "Microsoft-Windows-Shell-Setup": { OOBE: { HideEULAPage: true, ProtectYourPC: 3 } } },
      },
    },
    // the account Packer connects as; one automatic logon runs the WinRM commands
    builtinAdministrator({ password: adminPassword, autoLogon: 1 }),
    // Packer: winrm_use_ssl = true, winrm_insecure = true (a self-signed certificate)
    winrm({ transport: "https" }),
  ];
}

/** The merged settings with a plain password (what unattend.yaml holds). */
export function installSettings(adminPassword: string): UnattendSettings {
  const merged = mergeUnattend(...(installLayers(adminPassword) as UnattendLayer[]));
  if (merged.diagnostics.length > 0) throw new Error(merged.diagnostics.map((d) => d.message).join("\n"));
  return merged.document.settings;
}
