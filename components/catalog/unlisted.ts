/**
 * Settings and components seen in real answer files that the 2018 reference
 * (and so the catalog) lacks. They stay under `unvalidated` with a warning;
 * this list lets that warning say what is known about them instead of
 * "unknown". Reviewed data: every entry names the public files it was seen in
 * (repository and path; `corpus NNN` is ../shared/corpus, see its
 * manifest.tsv for repository, path and commit), the Windows versions those
 * files are for, and what the values looked like. Nothing here is validated
 * and nothing is copied from Microsoft's prose.
 *
 * Not listed on purpose (they are not answer-file settings):
 *   - BypassNRO, BypassTPMCheck, BypassSecureBootCheck, BypassRAMCheck, ...:
 *     registry values (HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\OOBE,
 *     HKLM\SYSTEM\Setup\LabConfig) that real files set with `reg add`
 *     commands in RunSynchronous or FirstLogonCommands; no answer file found
 *     writes a <BypassNRO> element.
 *   - Microsoft-Windows-WiFi-ConfigSP (corpus 043): written only by a
 *     generator's broken test output; no other file found uses it.
 */
import type { Pass, ValueType } from "./types";

/** Where a setting was seen. */
export interface SeenIn {
  /** `owner/repo path` of a public file, or `corpus NNN` for ../shared/corpus. */
  file: string;
  /** The Windows version the file is for, when the file or its repository says. */
  windows?: string;
  /** The pass the file puts it in. */
  pass?: Pass | "outside <settings>";
  /** Values the file writes (credentials left out). */
  values?: string[];
}

export interface UnlistedSetting {
  component: string;
  /** Element path under the component; empty for a whole component the reference lacks. */
  path: string[];
  /** Passes real files put it in (the first is the usual one). */
  passes: Pass[];
  /** Value type, when the values seen and any documentation agree on one. */
  type?: ValueType;
  /** Windows versions it is known from, for the warning ("known from real files for ..."). */
  knownFor: string;
  /** Where Microsoft documents it, if anywhere we found. */
  documented?: string;
  seenIn: SeenIn[];
  note?: string;
}

export const UNLISTED: UnlistedSetting[] = [
  {
    component: "Microsoft-Windows-Shell-Setup",
    path: ["OOBE", "SkipMachineOOBE"],
    passes: ["oobeSystem"],
    type: { kind: "boolean" },
    knownFor: "Windows Vista to Windows 11 and Windows Server 2025",
    documented:
      "Windows Vista unattend reference (learn.microsoft.com/previous-versions/windows/it-pro/windows-vista), " +
      "Shell-Setup/OOBE, oobeSystem, true/false, meant for testing only; absent from later references.",
    seenIn: [
      {
        file: "corpus 007 (chef/bento packer_templates/win_answer_files/2025/Autounattend.xml)",
        windows: "Windows Server 2025",
        pass: "oobeSystem",
        values: ["true"],
      },
      { file: "corpus 028 (jamesstringerparsec/Easy-GPU-PV autounattend.xml)", windows: "Windows 10/11", pass: "oobeSystem", values: ["true"] },
      { file: "corpus 023 (Olygo/OCI_Cloning_Windows_Instances unattend.xml)", pass: "oobeSystem", values: ["true"] },
      { file: "corpus 053 (Slemoon/Windows-10-Unattend unattend.xml)", windows: "Windows 10", pass: "oobeSystem", values: ["true"] },
      { file: "corpus 026 (dockur/windows assets/winvistax86.xml)", windows: "Windows Vista", pass: "oobeSystem", values: ["false"] },
      {
        file: "MicrosoftDocs/OfficeDocs-SkypeForBusiness Skype/SfbServer/deploy/deploy-clients/room-systems-scale.md (Unattend.xml)",
        windows: "Windows 10 Enterprise",
        pass: "oobeSystem",
        values: ["true"],
      },
      {
        file: "rwgb/hashicorp.packer.builds builds/proxmox/windows/server/2019/base/data/unattend.pkrtpl.hcl",
        windows: "Windows Server 2019",
        pass: "oobeSystem",
        values: ["true"],
      },
    ],
    note: "13 of the 40 files in ../shared/corpus write it (14 times true, once false).",
  },
  {
    component: "Microsoft-Windows-Shell-Setup",
    path: ["OOBE", "SkipUserOOBE"],
    passes: ["oobeSystem"],
    type: { kind: "boolean" },
    knownFor: "Windows Vista to Windows 11 and Windows Server 2025",
    documented:
      "Windows Vista unattend reference, page cc721948(v=ws.10): Shell-Setup/OOBE, oobeSystem, true/false (default false), " +
      "meant for testing only; absent from later references.",
    seenIn: [
      {
        file: "corpus 007 (chef/bento packer_templates/win_answer_files/2025/Autounattend.xml)",
        windows: "Windows Server 2025",
        pass: "oobeSystem",
        values: ["true"],
      },
      { file: "corpus 028 (jamesstringerparsec/Easy-GPU-PV autounattend.xml)", windows: "Windows 10/11", pass: "oobeSystem", values: ["true"] },
      { file: "corpus 026 (dockur/windows assets/winvistax86.xml)", windows: "Windows Vista", pass: "oobeSystem", values: ["true"] },
      {
        file: "MicrosoftDocs/OfficeDocs-SkypeForBusiness Skype/SfbServer/deploy/deploy-clients/room-systems-scale.md (Unattend.xml)",
        windows: "Windows 10 Enterprise",
        pass: "oobeSystem",
        values: ["true"],
      },
      { file: "ginanck/proxmox_packer files/windows-10/AutoUnattend.xml.pkrtpl.hcl", windows: "Windows 10", pass: "oobeSystem", values: ["true"] },
    ],
    note: "13 of the 40 files in ../shared/corpus write it (15 times, always true).",
  },
  {
    component: "Microsoft-Windows-Shell-Setup",
    path: ["ConfigureChatAutoInstall"],
    passes: ["specialize", "oobeSystem"],
    type: { kind: "boolean" },
    knownFor: "Windows 11",
    seenIn: [
      { file: "corpus 029 (ntdevlabs/tiny11builder autounattend.xml)", windows: "Windows 11", pass: "outside <settings>", values: ["false"] },
      { file: "stavros-k/docs src/content/docs/windows/osdbuilder/unattend.md", pass: "specialize", values: ["false"] },
    ],
    note:
      "An exact-string search of the public code for <ConfigureChatAutoInstall> gave 10 hits: 8 answer files (5 with it in " +
      "specialize, 2 in oobeSystem, 1 in offlineServicing), a C# generator writing it in specialize and a README template; " +
      "all under Shell-Setup, all false (one written False). It stops Windows 11 from installing the Chat (Teams) app; " +
      "the same switch is also set as the registry value ConfigureChatAutoInstall under " +
      "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Communications.",
  },
  {
    component: "Microsoft-Windows-Shell-Setup",
    path: ["ShowWindowsLive"],
    passes: ["oobeSystem"],
    type: { kind: "boolean" },
    knownFor: "Windows 7 (Windows Live), still copied into files for later versions",
    seenIn: [
      {
        file: "corpus 001 (joefitzgerald/packer-windows answer_files/7/Autounattend.xml)",
        windows: "Windows 7",
        pass: "oobeSystem",
        values: ["false"],
      },
      {
        file: "corpus 016 (cyberrangecz/image-windows-server-2025 Autounattend.xml)",
        windows: "Windows Server 2025",
        pass: "oobeSystem",
        values: ["false"],
      },
      { file: "corpus 019 (vaultsystems/openstack-win sysprep.xml)", pass: "oobeSystem", values: ["false"] },
    ],
  },
  {
    component: "Microsoft-Windows-Shell-Setup",
    path: ["DoNotCleanTaskBar"],
    passes: ["specialize", "generalize"],
    type: { kind: "boolean" },
    knownFor: "Windows Server 2012 files, still copied into later ones",
    seenIn: [
      {
        file: "AutomatedLab/AutomatedLab AutomatedLabDefinition/internal/scripts/Initialization.ps1",
        windows: "Windows Server 2012",
        pass: "generalize",
        values: ["true"],
      },
      {
        file: "AutomatedLab/AutomatedLab AutomatedLabDefinition/internal/scripts/Initialization.ps1",
        windows: "Windows Server 2012",
        pass: "specialize",
        values: ["true"],
      },
      { file: "stavros-k/docs src/content/docs/windows/osdbuilder/unattend.md", pass: "specialize", values: ["true"] },
    ],
  },
  {
    component: "Microsoft-Windows-Authentication-AuthUI",
    path: ["DisableStartupSound"],
    passes: ["specialize", "oobeSystem"],
    type: { kind: "boolean" },
    knownFor: "Windows 10 and 11 (generator output)",
    seenIn: [{ file: "cschneegans/unattend-generator resource/Component.json (component listed for specialize)", pass: "specialize" }],
    note: "The public code searched has 2 answer files with this component, one in specialize and one in oobeSystem, both writing <DisableStartupSound>true</DisableStartupSound>.",
  },
  {
    component: "Microsoft-Windows-Security-Licensing-SLC",
    path: ["SkipRearm"],
    passes: ["generalize"],
    type: { kind: "integer", min: 0, max: 1 },
    knownFor: "Windows Vista and Windows Server 2008 (later Microsoft-Windows-Security-SPP)",
    seenIn: [{ file: "corpus 026 (dockur/windows assets/winvistax86.xml)", windows: "Windows Vista", pass: "generalize", values: ["1"] }],
  },
  {
    component: "Microsoft-Windows-Security-Licensing-SLC-UX",
    path: ["SkipAutoActivation"],
    passes: ["specialize"],
    type: { kind: "boolean" },
    knownFor: "Windows Vista and Windows Server 2008 (later Microsoft-Windows-Security-SPP-UX)",
    seenIn: [{ file: "corpus 026 (dockur/windows assets/winvistax86.xml)", windows: "Windows Vista", pass: "specialize", values: ["true"] }],
  },
];

/** The entries by component name in lower case, made on first use. */
let byComponent: Map<string, UnlistedSetting[]> | undefined;

/** The entries of a component (compared without regard to case); none for most: a large file asks once per unknown component. */
export function unlistedOf(component: string): readonly UnlistedSetting[] {
  if (!byComponent) {
    byComponent = new Map();
    for (const u of UNLISTED) {
      const key = u.component.toLowerCase();
      const list = byComponent.get(key);
      if (list) list.push(u);
      else byComponent.set(key, [u]);
    }
  }
  return byComponent.get(component.toLowerCase()) ?? [];
}

/** The entry for a component and element path, if any (component compared without regard to case). */
export function findUnlisted(component: string, path: string[]): UnlistedSetting | undefined {
  return unlistedOf(component).find((u) => u.path.length === path.length && u.path.every((p, i) => p === path[i]));
}
