/**
 * The organisation's base layer: the same for every image and environment.
 * One locale everywhere, an out-of-box experience that asks nothing, the
 * licence terms accepted for Windows Setup, and who owns the machines.
 */
import { locale, skipOobe, type UnattendLayer } from "pulumi-unattend";

export const base: UnattendLayer[] = [
  locale("en-US", { timeZone: "UTC" }),
  skipOobe(),
  {
    name: "base",
    architectures: ["amd64"],
    settings: {
      windowsPE: { "Microsoft-Windows-Setup": { UserData: { AcceptEula: true, FullName: "IT", Organization: "Contoso" } } },
      specialize: {
        "Microsoft-Windows-Shell-Setup": { RegisteredOrganization: "Contoso", RegisteredOwner: "IT" },
        // remote desktop on for every machine
        "Microsoft-Windows-TerminalServices-LocalSessionManager": { fDenyTSConnections: false },
      },
    },
  },
];
