/**
 * The image layer: what this image is, built from blocks. A UEFI disk with a
 * recovery partition, the edition to install, and what to run while the
 * machine specializes.
 */
import { commands, diskLayout, image, type UnattendLayer } from "pulumi-unattend";

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
    commands.specialize([
      "powershell -NoProfile -Command Set-NetFirewallRule -DisplayGroup 'Remote Desktop' -Enabled True",
      { path: "cmd /c reg add HKLM\\Software\\Contoso /v Image /t REG_SZ /d golden /f", description: "stamp the image" },
    ]),
  ];
}
