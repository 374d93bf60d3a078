/**
 * The image layer: what this image is, built from blocks. A UEFI disk with a
 * recovery partition, the edition to install, the drivers Windows PE needs,
 * registry values for the machine and for every new user, and what to run
 * while the machine specializes and at the first logon.
 */
import { commands, diskLayout, drivers, image, registry, scripts, type UnattendLayer } from "pulumi-unattend";

export interface ImageArgs {
  /** The image's index in install.wim (`dism /Get-ImageInfo`). */
  imageIndex: number;
  /** Size of the Windows partition in MB; the rest of the disk when undefined. */
  windowsSize?: number;
  /** Size of the recovery partition in MB. */
  recoverySize: number;
}

export function imageLayer(args: ImageArgs): UnattendLayer[] {
  return [
    diskLayout.uefi({ disk: 0, windowsSize: args.windowsSize, recovery: { size: args.recoverySize } }),
    image({ index: args.imageIndex }),
    // storage and network drivers for Windows PE, from the media's \drivers folder
    drivers({ winPE: ["D:\\drivers"] }),
    commands.specialize(["powershell -NoProfile -Command Set-NetFirewallRule -DisplayGroup 'Remote Desktop' -Enabled True"]),
    registry([
      { hive: "HKLM", key: "SOFTWARE\\Contoso", name: "Image", type: "REG_SZ", value: "golden", description: "stamp the image" },
      {
        hive: "HKLM",
        key: "SOFTWARE\\Policies\\Microsoft\\Windows\\CloudContent",
        name: "DisableWindowsConsumerFeatures",
        type: "REG_DWORD",
        value: 1,
      },
      // every new user sees file extensions
      { hive: "HKCU", key: "Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\Advanced", name: "HideFileExt", type: "REG_DWORD", value: 0 },
    ]),
    scripts({
      firstLogon: [
        {
          name: "inventory",
          shell: "powershell",
          content: [
            "# what this machine is, for the inventory",
            "$info = Get-ComputerInfo -Property CsName, OsName, OsVersion",
            "$info | ConvertTo-Json | Set-Content -Path C:\\Windows\\Setup\\inventory.json -Encoding UTF8",
            "",
          ].join("\r\n"),
        },
      ],
    }),
  ];
}
