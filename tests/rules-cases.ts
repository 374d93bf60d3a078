/**
 * One minimal failing and one minimal passing document per cross-setting rule
 * (components/core/rules), with the path the finding must name. tests/rules.test.ts
 * runs them; a rule without a case fails that test.
 */
import type { RuleId } from "../components";

export interface RuleCase {
  /** Settings (pass -> component -> settings) on which the rule fires once. */
  fail: Record<string, unknown>;
  /** The same idea, corrected: the rule does not fire. */
  pass: Record<string, unknown>;
  /** formatPath of the setting the finding is about. */
  at: string;
  /** Components for one architecture only (`perArchitecture`), for the failing and the passing document. */
  perArchitecture?: { fail?: Record<string, unknown>; pass?: Record<string, unknown> };
}

const SETUP = "Microsoft-Windows-Setup";
const SHELL = "Microsoft-Windows-Shell-Setup";
const JOIN = "Microsoft-Windows-UnattendedJoin";
const DEPLOY = "Microsoft-Windows-Deployment";

const S = 'settings.windowsPE["Microsoft-Windows-Setup"]';
const D0 = `${S}.DiskConfiguration.Disk[0]`;
const OOBE = 'settings.oobeSystem["Microsoft-Windows-Shell-Setup"]';
const ID = 'settings.specialize["Microsoft-Windows-UnattendedJoin"].Identification';

/** windowsPE Microsoft-Windows-Setup settings. */
const setup = (s: Record<string, unknown>) => ({ windowsPE: { [SETUP]: s } });

/** One wiped disk 0 with these partitions created and modified. */
function disk(created: object[], modified?: object[], extra: Record<string, unknown> = {}) {
  return {
    DiskID: 0,
    WillWipeDisk: true,
    CreatePartitions: created,
    ...(modified ? { ModifyPartitions: modified } : {}),
    ...extra,
  };
}

const disks = (...ds: object[]) => ({ DiskConfiguration: { Disk: ds } });
const onDisk = (created: object[], modified?: object[], more: Record<string, unknown> = {}) => setup({ ...disks(disk(created, modified)), ...more });

const P = (Order: number, Size?: number) => ({ Order, Type: "Primary", ...(Size !== undefined ? { Size } : { Extend: true }) });
const T = (Order: number, Type: string, Size?: number) => ({ Order, Type, ...(Size !== undefined ? { Size } : { Extend: true }) });
const UEFI = [T(1, "EFI", 100), T(2, "MSR", 16), P(3)];
const BIOS = [P(1, 300), P(2)];

const oobe = (s: Record<string, unknown>) => ({ oobeSystem: { [SHELL]: s } });
const autologon = (s: Record<string, unknown>) => ({ AutoLogon: { Enabled: true, LogonCount: 2, ...s } });
const join = (s: Record<string, unknown>, more: Record<string, unknown> = {}) => ({ specialize: { [JOIN]: { Identification: s }, ...more } });
const CRED = { Credentials: { Domain: "contoso", Username: "joiner", Password: "Pw-Join-Secret" } };

export const CASES: Record<RuleId, RuleCase> = {
  // ---------------------------------------------------------------- disks
  "partition-size-and-extend": {
    fail: onDisk([{ Order: 1, Type: "Primary", Size: 500, Extend: true }]),
    pass: onDisk([{ Order: 1, Type: "Primary", Extend: true }]),
    at: `${D0}.CreatePartitions[0].Extend`,
  },
  "partition-without-size": {
    fail: onDisk([{ Order: 1, Type: "Primary" }]),
    pass: onDisk([P(1, 500)]),
    at: `${D0}.CreatePartitions[0]`,
  },
  "partition-extend-twice": {
    fail: onDisk([P(1)], [{ Order: 1, PartitionID: 1, Format: "NTFS", Extend: true }]),
    pass: onDisk([P(1)], [{ Order: 1, PartitionID: 1, Format: "NTFS" }]),
    at: `${D0}.ModifyPartitions[0].Extend`,
  },
  "partition-after-extend": {
    fail: onDisk([P(1), P(2, 100)]),
    pass: onDisk([P(1, 100), P(2)]),
    at: `${D0}.CreatePartitions[1]`,
  },
  "extended-partition-twice": {
    fail: onDisk([T(1, "Extended", 1000), T(2, "Extended", 1000)]),
    pass: onDisk([T(1, "Extended", 1000), T(2, "Logical", 500)]),
    at: `${D0}.CreatePartitions[1]`,
  },
  "logical-without-extended": {
    fail: onDisk([T(1, "Logical", 100)]),
    pass: onDisk([T(1, "Extended", 1000), T(2, "Logical", 100)]),
    at: `${D0}.CreatePartitions[0]`,
  },
  "logical-partitions-exceed-extended": {
    fail: onDisk([T(1, "Extended", 1000), T(2, "Logical", 600), T(3, "Logical", 400)]),
    pass: onDisk([T(1, "Extended", 1000), T(2, "Logical", 600), T(3, "Logical", 300)]),
    at: `${D0}.CreatePartitions[2].Size`,
  },
  "logical-partition-create-extend": {
    fail: onDisk([T(1, "Extended"), T(2, "Logical")]),
    pass: onDisk([T(1, "Extended"), T(2, "Logical", 100)], [{ Order: 1, PartitionID: 1, Format: "NTFS", Extend: true }]),
    at: `${D0}.CreatePartitions[1].Extend`,
  },
  "gpt-and-mbr-partitions": {
    fail: onDisk([T(1, "EFI", 100), T(2, "Extended", 1000)]),
    pass: onDisk(UEFI),
    at: `${D0}.CreatePartitions[1]`,
  },
  "mbr-too-many-partitions": {
    fail: onDisk([P(1, 100), P(2, 100), P(3, 100), P(4, 100), T(5, "Extended", 1000)]),
    pass: onDisk([P(1, 100), P(2, 100), P(3, 100), T(4, "Extended", 1000)]),
    at: `${D0}.CreatePartitions[4]`,
  },
  "efi-partition-twice": {
    fail: onDisk([T(1, "EFI", 100), T(2, "EFI", 100), T(3, "MSR", 16), P(4)]),
    pass: onDisk(UEFI),
    at: `${D0}.CreatePartitions[1]`,
  },
  "msr-partition-twice": {
    fail: onDisk([T(1, "EFI", 100), T(2, "MSR", 16), T(3, "MSR", 16), P(4)]),
    pass: onDisk(UEFI),
    at: `${D0}.CreatePartitions[2]`,
  },
  "partition-order-gap": {
    fail: onDisk([P(1, 300), P(3)]),
    pass: onDisk(BIOS),
    at: `${D0}.CreatePartitions[1].Order`,
  },
  "modify-partition-missing": {
    fail: onDisk([P(1)], [{ Order: 1, PartitionID: 2, Format: "NTFS" }]),
    pass: onDisk([P(1)], [{ Order: 1, PartitionID: 1, Format: "NTFS" }]),
    at: `${D0}.ModifyPartitions[0].PartitionID`,
  },
  "modify-msr-partition": {
    fail: onDisk(UEFI, [{ Order: 1, PartitionID: 2, Format: "NTFS" }]),
    // a ModifyPartition that only names the MSR (to keep Order = PartitionID) changes nothing
    pass: onDisk(UEFI, [
      { Order: 1, PartitionID: 1, Format: "FAT32" },
      { Order: 2, PartitionID: 2 },
      { Order: 3, PartitionID: 3, Format: "NTFS" },
    ]),
    at: `${D0}.ModifyPartitions[0].Format`,
  },
  "modify-partition-twice": {
    fail: onDisk(BIOS, [
      { Order: 1, PartitionID: 1, Format: "NTFS" },
      { Order: 2, PartitionID: 1, Label: "Windows", Format: "NTFS" },
    ]),
    pass: onDisk(BIOS, [
      { Order: 1, PartitionID: 1, Format: "NTFS" },
      { Order: 2, PartitionID: 2, Label: "Windows", Format: "NTFS" },
    ]),
    at: `${D0}.ModifyPartitions[1].PartitionID`,
  },
  "active-not-primary": {
    fail: onDisk([T(1, "Extended", 1000), T(2, "Logical", 100)], [{ Order: 1, PartitionID: 1, Active: true }]),
    pass: onDisk([P(1, 300), T(2, "Extended", 1000), T(3, "Logical", 100)], [{ Order: 1, PartitionID: 1, Active: true }]),
    at: `${D0}.ModifyPartitions[0].Active`,
  },
  "active-on-gpt-disk": {
    fail: onDisk(UEFI, [{ Order: 1, PartitionID: 3, Format: "NTFS", Active: true }]),
    pass: onDisk(BIOS, [{ Order: 1, PartitionID: 1, Format: "NTFS", Active: true }]),
    at: `${D0}.ModifyPartitions[0].Active`,
  },
  "extend-on-gpt-disk": {
    fail: onDisk([T(1, "EFI", 100), T(2, "MSR", 16), P(3, 20000)], [{ Order: 1, PartitionID: 3, Extend: true }]),
    pass: onDisk([P(1, 300), P(2, 20000)], [{ Order: 1, PartitionID: 2, Extend: true }]),
    at: `${D0}.ModifyPartitions[0].Extend`,
  },
  "efi-partition-type-id": {
    fail: onDisk(UEFI, [{ Order: 1, PartitionID: 1, TypeID: "de94bba4-06d1-4d40-a16a-bfd50179d6ac" }]),
    pass: onDisk([...UEFI.slice(0, 2), P(3, 20000), P(4)], [{ Order: 1, PartitionID: 3, TypeID: "de94bba4-06d1-4d40-a16a-bfd50179d6ac" }]),
    at: `${D0}.ModifyPartitions[0].TypeID`,
  },
  "efi-partition-not-fat32": {
    fail: onDisk(UEFI, [{ Order: 1, PartitionID: 1, Format: "NTFS" }]),
    pass: onDisk(UEFI, [{ Order: 1, PartitionID: 1, Format: "FAT32" }]),
    at: `${D0}.ModifyPartitions[0].Format`,
  },
  "label-without-format": {
    fail: onDisk(BIOS, [{ Order: 1, PartitionID: 1, Label: "System" }]),
    pass: onDisk(BIOS, [{ Order: 1, PartitionID: 1, Label: "System", Format: "NTFS" }]),
    at: `${D0}.ModifyPartitions[0].Label`,
  },
  "drive-letter-twice": {
    fail: setup(
      disks(disk([P(1)], [{ Order: 1, PartitionID: 1, Letter: "D" }]), { ...disk([P(1)], [{ Order: 1, PartitionID: 1, Letter: "d" }]), DiskID: 1 }),
    ),
    pass: setup(
      disks(disk([P(1)], [{ Order: 1, PartitionID: 1, Letter: "D" }]), { ...disk([P(1)], [{ Order: 1, PartitionID: 1, Letter: "E" }]), DiskID: 1 }),
    ),
    at: `${S}.DiskConfiguration.Disk[1].ModifyPartitions[0].Letter`,
  },
  "disk-id-twice": {
    fail: setup(disks(disk([P(1)]), disk([P(1)]))),
    pass: setup(disks(disk([P(1)]), { ...disk([P(1)]), DiskID: 1 })),
    at: `${S}.DiskConfiguration.Disk[1].DiskID`,
  },
  "install-to-missing-partition": {
    fail: onDisk([P(1)], undefined, { ImageInstall: { OSImage: { InstallTo: { DiskID: 0, PartitionID: 2 } } } }),
    pass: onDisk([P(1)], undefined, { ImageInstall: { OSImage: { InstallTo: { DiskID: 0, PartitionID: 1 } } } }),
    at: `${S}.ImageInstall.OSImage.InstallTo.PartitionID`,
  },
  "install-to-system-partition": {
    fail: onDisk(UEFI, undefined, { ImageInstall: { OSImage: { InstallTo: { DiskID: 0, PartitionID: 1 } } } }),
    pass: onDisk(UEFI, undefined, { ImageInstall: { OSImage: { InstallTo: { DiskID: 0, PartitionID: 3 } } } }),
    at: `${S}.ImageInstall.OSImage.InstallTo.PartitionID`,
  },
  "install-to-and-available-partition": {
    fail: setup({ ImageInstall: { OSImage: { InstallTo: { DiskID: 0, PartitionID: 1 }, InstallToAvailablePartition: true } } }),
    pass: setup({ ImageInstall: { OSImage: { InstallTo: { DiskID: 0, PartitionID: 1 } } } }),
    at: `${S}.ImageInstall.OSImage.InstallTo`,
  },
  "os-image-without-target": {
    fail: onDisk([P(1)], undefined, { ImageInstall: { OSImage: { InstallFrom: { MetaData: [{ Key: "/IMAGE/INDEX", Value: "1" }] } } } }),
    pass: onDisk([P(1)], undefined, {
      ImageInstall: { OSImage: { InstallFrom: { MetaData: [{ Key: "/IMAGE/INDEX", Value: "1" }] }, InstallTo: { DiskID: 0, PartitionID: 1 } } },
    }),
    at: `${S}.ImageInstall.OSImage`,
  },
  "image-index-not-number": {
    fail: setup({ ImageInstall: { OSImage: { InstallFrom: { MetaData: [{ Key: "/IMAGE/INDEX", Value: "Windows 11 Pro" }] } } } }),
    pass: setup({ ImageInstall: { OSImage: { InstallFrom: { MetaData: [{ Key: "/IMAGE/NAME", Value: "Windows 11 Pro" }] } } } }),
    at: `${S}.ImageInstall.OSImage.InstallFrom.MetaData[0].Value`,
  },
  "image-metadata-without-value": {
    fail: setup({ ImageInstall: { OSImage: { InstallFrom: { MetaData: [{ Key: "/IMAGE/NAME" }] } } } }),
    pass: setup({ ImageInstall: { OSImage: { InstallFrom: { MetaData: [{ Key: "/IMAGE/NAME", Value: "Windows 11 Pro" }] } } } }),
    at: `${S}.ImageInstall.OSImage.InstallFrom.MetaData[0].Key`,
  },
  "data-image-incomplete": {
    fail: setup({
      ImageInstall: { DataImage: [{ Order: 1, InstallFrom: { Path: "d:\\data.wim", MetaData: [{ Key: "/IMAGE/INDEX", Value: "1" }] } }] },
    }),
    pass: setup({
      ImageInstall: {
        DataImage: [
          {
            Order: 1,
            InstallTo: { DiskID: 0, PartitionID: 2 },
            InstallFrom: { Path: "d:\\data.wim", MetaData: [{ Key: "/IMAGE/INDEX", Value: "1" }] },
          },
        ],
      },
    }),
    at: `${S}.ImageInstall.DataImage[0]`,
  },
  "configsetroot-without-configuration-set": {
    fail: setup({
      ImageInstall: {
        DataImage: [
          {
            Order: 1,
            InstallTo: { DiskID: 0, PartitionID: 2 },
            InstallFrom: { Path: "%configsetroot%\\data.wim", MetaData: [{ Key: "/IMAGE/INDEX", Value: "1" }] },
          },
        ],
      },
    }),
    pass: setup({
      UseConfigurationSet: true,
      ImageInstall: {
        DataImage: [
          {
            Order: 1,
            InstallTo: { DiskID: 0, PartitionID: 2 },
            InstallFrom: { Path: "%configsetroot%\\data.wim", MetaData: [{ Key: "/IMAGE/INDEX", Value: "1" }] },
          },
        ],
      },
    }),
    at: `${S}.ImageInstall.DataImage[0].InstallFrom.Path`,
  },
  "network-disabled-unc-path": {
    fail: setup({
      EnableNetwork: false,
      ImageInstall: { OSImage: { InstallFrom: { Path: "\\\\deploy\\images\\install.wim" }, InstallToAvailablePartition: true } },
    }),
    pass: setup({
      EnableNetwork: true,
      ImageInstall: { OSImage: { InstallFrom: { Path: "\\\\deploy\\images\\install.wim" }, InstallToAvailablePartition: true } },
    }),
    at: `${S}.ImageInstall.OSImage.InstallFrom.Path`,
  },
  "disk-configuration-never-without-disk": {
    fail: setup({ DiskConfiguration: { WillShowUI: "Never" } }),
    pass: setup({ DiskConfiguration: { WillShowUI: "Never", Disk: [disk([P(1)])] } }),
    at: `${S}.DiskConfiguration.WillShowUI`,
  },
  "available-partition-without-active": {
    fail: onDisk(BIOS, [{ Order: 1, PartitionID: 1, Format: "NTFS" }], { ImageInstall: { OSImage: { InstallToAvailablePartition: true } } }),
    pass: onDisk(BIOS, [{ Order: 1, PartitionID: 1, Format: "NTFS", Active: true }], {
      ImageInstall: { OSImage: { InstallToAvailablePartition: true } },
    }),
    at: `${S}.ImageInstall.OSImage.InstallToAvailablePartition`,
  },
  "extend-os-partition-size-and-extend": {
    fail: { specialize: { [DEPLOY]: { ExtendOSPartition: { Extend: true, Size: 1000 } } } },
    pass: { specialize: { [DEPLOY]: { ExtendOSPartition: { Extend: true } } } },
    at: 'settings.specialize["Microsoft-Windows-Deployment"].ExtendOSPartition.Size',
  },
  // ---------------------------------------------------------------- accounts
  "autologon-not-enabled": {
    fail: oobe({ AutoLogon: { Username: "Administrator", LogonCount: 2 } }),
    pass: oobe(autologon({ Username: "Administrator" })),
    at: `${OOBE}.AutoLogon.Username`,
  },
  "autologon-without-username": {
    fail: oobe(autologon({})),
    pass: oobe(autologon({ Username: "Administrator" })),
    at: `${OOBE}.AutoLogon.Enabled`,
  },
  "autologon-without-logoncount": {
    fail: oobe({ AutoLogon: { Enabled: true, Username: "Administrator" } }),
    pass: oobe(autologon({ Username: "Administrator" })),
    at: `${OOBE}.AutoLogon.Enabled`,
  },
  "autologon-logoncount-zero": {
    fail: oobe(autologon({ Username: "Administrator", LogonCount: 0 })),
    pass: oobe(autologon({ Username: "Administrator", LogonCount: 3 })),
    at: `${OOBE}.AutoLogon.LogonCount`,
  },
  "autologon-logoncount-one": {
    fail: oobe(autologon({ Username: "Administrator", LogonCount: 1 })),
    pass: oobe({
      ...autologon({ Username: "Administrator", LogonCount: 1 }),
      FirstLogonCommands: [
        { CommandLine: 'reg add "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon" /v AutoLogonCount /t REG_DWORD /d 0 /f' },
      ],
    }),
    at: `${OOBE}.AutoLogon.LogonCount`,
  },
  "autologon-password-mismatch": {
    fail: oobe({
      UserAccounts: { LocalAccounts: [{ Name: "ops", Group: "Administrators", Password: { Value: "Pw-Right-Secret", PlainText: false } }] },
      ...autologon({ Username: "OPS", Password: "Pw-Wrong-Secret" }),
    }),
    pass: oobe({
      UserAccounts: { LocalAccounts: [{ Name: "ops", Group: "Administrators", Password: { Value: "Pw-Right-Secret", PlainText: false } }] },
      ...autologon({ Username: "OPS", Password: "Pw-Right-Secret" }),
    }),
    at: `${OOBE}.AutoLogon.Password`,
  },
  "autologon-unknown-user": {
    fail: oobe({
      UserAccounts: { LocalAccounts: [{ Name: "ops", Group: "Administrators", Password: "Pw-Ops-Secret" }] },
      ...autologon({ Username: "opz", Password: "Pw-Ops-Secret" }),
    }),
    pass: oobe({
      UserAccounts: { LocalAccounts: [{ Name: "ops", Group: "Administrators", Password: "Pw-Ops-Secret" }] },
      ...autologon({ Username: "ops", Password: "Pw-Ops-Secret" }),
    }),
    at: `${OOBE}.AutoLogon.Username`,
  },
  "audit-autologon-without-administrator-password": {
    fail: { auditSystem: { [SHELL]: autologon({ Username: "Administrator", Password: "Pw-Admin-Secret" }) } },
    pass: {
      auditSystem: {
        [SHELL]: {
          ...autologon({ Username: "Administrator", Password: "Pw-Admin-Secret" }),
          UserAccounts: { AdministratorPassword: "Pw-Admin-Secret" },
        },
      },
    },
    at: 'settings.auditSystem["Microsoft-Windows-Shell-Setup"].AutoLogon.Enabled',
  },
  "local-account-twice": {
    fail: oobe({
      UserAccounts: {
        LocalAccounts: [
          { Name: "ops", Password: "Pw-1-Secret" },
          { Name: "OPS", Password: "Pw-2-Secret" },
        ],
      },
    }),
    pass: oobe({
      UserAccounts: {
        LocalAccounts: [
          { Name: "ops", Password: "Pw-1-Secret" },
          { Name: "dev", Password: "Pw-2-Secret" },
        ],
      },
    }),
    at: `${OOBE}.UserAccounts.LocalAccounts[1].Name`,
  },
  "hidden-account-screen-without-account": {
    fail: oobe({ OOBE: { HideLocalAccountScreen: true } }),
    pass: oobe({ OOBE: { HideLocalAccountScreen: true }, UserAccounts: { AdministratorPassword: { Value: "Pw-Admin-Secret", PlainText: false } } }),
    at: `${OOBE}.OOBE.HideLocalAccountScreen`,
  },
  "first-logon-commands-without-administrator": {
    fail: oobe({
      UserAccounts: { LocalAccounts: [{ Name: "kiosk", Group: "Users", Password: "Pw-Kiosk-Secret" }] },
      ...autologon({ Username: "kiosk", Password: "Pw-Kiosk-Secret" }),
      FirstLogonCommands: [{ CommandLine: "powershell -File C:\\setup\\first.ps1" }],
    }),
    pass: oobe({
      UserAccounts: { LocalAccounts: [{ Name: "kiosk", Group: "Administrators;Users", Password: "Pw-Kiosk-Secret" }] },
      ...autologon({ Username: "kiosk", Password: "Pw-Kiosk-Secret" }),
      FirstLogonCommands: [{ CommandLine: "powershell -File C:\\setup\\first.ps1" }],
    }),
    at: `${OOBE}.FirstLogonCommands`,
  },
  // ---------------------------------------------------------------- commands
  "command-restarts-computer": {
    fail: { specialize: { [DEPLOY]: { RunSynchronous: [{ Path: "cmd /c shutdown /r /t 0" }] } } },
    pass: { specialize: { [DEPLOY]: { RunSynchronous: [{ Path: "cmd /c echo done", WillReboot: "Always" }] } } },
    at: 'settings.specialize["Microsoft-Windows-Deployment"].RunSynchronous[0].Path',
  },
  "unc-command-without-credentials": {
    fail: { specialize: { [DEPLOY]: { RunSynchronous: [{ Path: "\\\\deploy\\share\\setup.cmd" }] } } },
    pass: {
      specialize: {
        [DEPLOY]: {
          RunSynchronous: [{ Path: "\\\\deploy\\share\\setup.cmd", Credentials: { Domain: "contoso", Username: "svc", Password: "Pw-Svc-Secret" } }],
        },
      },
    },
    at: 'settings.specialize["Microsoft-Windows-Deployment"].RunSynchronous[0].Path',
  },
  "user-hive-in-system-context": {
    fail: { specialize: { [DEPLOY]: { RunSynchronous: [{ Path: "reg add HKCU\\Software\\Contoso /v Imaged /t REG_DWORD /d 1 /f" }] } } },
    pass: { specialize: { [DEPLOY]: { RunSynchronous: [{ Path: "reg add HKLM\\Software\\Contoso /v Imaged /t REG_DWORD /d 1 /f" }] } } },
    at: 'settings.specialize["Microsoft-Windows-Deployment"].RunSynchronous[0].Path',
  },
  // ---------------------------------------------------------------- identity
  "join-domain-and-workgroup": {
    fail: join({ JoinDomain: "contoso.com", JoinWorkgroup: "WORKGROUP", ...CRED }),
    pass: join({ JoinDomain: "contoso.com", ...CRED }),
    at: `${ID}.JoinWorkgroup`,
  },
  "join-domain-without-credentials": {
    fail: join({ JoinDomain: "contoso.com" }),
    pass: join({ JoinDomain: "contoso.com", ...CRED }),
    at: `${ID}.JoinDomain`,
  },
  "join-username-without-domain": {
    fail: join({ JoinDomain: "contoso.com", Credentials: { Username: "joiner", Password: "Pw-Join-Secret" } }),
    pass: join({ JoinDomain: "contoso.com", Credentials: { Username: "CONTOSO\\joiner", Password: "Pw-Join-Secret" } }),
    at: `${ID}.Credentials.Username`,
  },
  "join-domain-and-qualified-username": {
    fail: join({ JoinDomain: "contoso.com", Credentials: { Domain: "contoso", Username: "joiner@contoso.com", Password: "Pw-Join-Secret" } }),
    pass: join({ JoinDomain: "contoso.com", Credentials: { Username: "joiner@contoso.com", Password: "Pw-Join-Secret" } }),
    at: `${ID}.Credentials.Domain`,
  },
  "unsecure-join-with-credentials": {
    fail: join({ JoinDomain: "contoso.com", UnsecureJoin: true, MachinePassword: "Pw-Machine-Secret", ...CRED }),
    pass: join({ JoinDomain: "contoso.com", UnsecureJoin: true, MachinePassword: "Pw-Machine-Secret" }),
    at: `${ID}.UnsecureJoin`,
  },
  "machine-password-without-unsecure-join": {
    fail: join({ JoinDomain: "contoso.com", MachinePassword: "Pw-Machine-Secret", ...CRED }),
    pass: join({ JoinDomain: "contoso.com", UnsecureJoin: true, MachinePassword: "Pw-Machine-Secret" }),
    at: `${ID}.MachinePassword`,
  },
  "provisioning-and-credentials": {
    fail: join({ JoinDomain: "contoso.com", Provisioning: { AccountData: "ARAIAMzMzMzIAAAA" }, ...CRED }),
    pass: join({ JoinDomain: "contoso.com", Provisioning: { AccountData: "ARAIAMzMzMzIAAAA" } }),
    at: `${ID}.Credentials`,
  },
  "join-settings-without-domain": {
    fail: join({ JoinWorkgroup: "WORKGROUP", MachineObjectOU: "OU=Workstations,DC=contoso,DC=com" }),
    pass: join({ JoinDomain: "contoso.com", MachineObjectOU: "OU=Workstations,DC=contoso,DC=com", ...CRED }),
    at: `${ID}.MachineObjectOU`,
  },
  "debug-join-error-without-debug-join": {
    fail: join({ JoinDomain: "contoso.com", DebugJoinOnlyOnThisError: "1355", ...CRED }),
    pass: join({ JoinDomain: "contoso.com", DebugJoin: true, DebugJoinOnlyOnThisError: "1355", ...CRED }),
    at: `${ID}.DebugJoinOnlyOnThisError`,
  },
  "unsecure-join-random-computer-name": {
    fail: join({ JoinDomain: "contoso.com", UnsecureJoin: true }, { [SHELL]: { ComputerName: "*" } }),
    pass: join({ JoinDomain: "contoso.com", UnsecureJoin: true }, { [SHELL]: { ComputerName: "WS-0042" } }),
    at: `${ID}.UnsecureJoin`,
  },
  // ---------------------------------------------------------------- locale
  "locale-format": {
    fail: { oobeSystem: { "Microsoft-Windows-International-Core": { UILanguage: "en_US" } } },
    pass: { oobeSystem: { "Microsoft-Windows-International-Core": { UILanguage: "en-US" } } },
    at: 'settings.oobeSystem["Microsoft-Windows-International-Core"].UILanguage',
  },
  "input-locale-format": {
    fail: { windowsPE: { "Microsoft-Windows-International-Core-WinPE": { InputLocale: "en-US;German" } } },
    pass: { windowsPE: { "Microsoft-Windows-International-Core-WinPE": { InputLocale: "en-US; 0407:00000407" } } },
    at: 'settings.windowsPE["Microsoft-Windows-International-Core-WinPE"].InputLocale',
  },
  // ---------------------------------------------------------------- passes
  "reseal-with-generalize": {
    fail: { auditUser: { [DEPLOY]: { Generalize: { Mode: "OOBE" }, Reseal: { Mode: "OOBE" } } } },
    pass: { auditUser: { [DEPLOY]: { Generalize: { Mode: "OOBE" } } } },
    at: 'settings.auditUser["Microsoft-Windows-Deployment"].Reseal',
  },
  "reseal-audit-user-without-mode": {
    fail: { auditUser: { [DEPLOY]: { Reseal: { ForceShutdownNow: false } } } },
    pass: { auditUser: { [DEPLOY]: { Reseal: { ForceShutdownNow: false, Mode: "OOBE" } } } },
    at: 'settings.auditUser["Microsoft-Windows-Deployment"].Reseal',
  },
  "upgrade-with-other-settings": {
    fail: setup({ UpgradeData: { Upgrade: true, WillShowUI: "Never" }, UserData: { AcceptEula: true } }),
    pass: setup({ UpgradeData: { Upgrade: true, WillShowUI: "Never" } }),
    at: `${S}.UpgradeData.Upgrade`,
  },
  "audit-autologon-account-created-later": {
    fail: {
      auditSystem: {
        [SHELL]: { ...autologon({ Username: "ops", Password: "Pw-Ops-Secret" }), UserAccounts: { AdministratorPassword: "Pw-Admin-Secret" } },
      },
      oobeSystem: { [SHELL]: { UserAccounts: { LocalAccounts: [{ Name: "ops", Group: "Administrators", Password: "Pw-Ops-Secret" }] } } },
    },
    pass: {
      auditSystem: {
        [SHELL]: {
          ...autologon({ Username: "ops", Password: "Pw-Ops-Secret" }),
          UserAccounts: {
            AdministratorPassword: "Pw-Admin-Secret",
            LocalAccounts: [{ Name: "ops", Group: "Administrators", Password: "Pw-Ops-Secret" }],
          },
        },
      },
    },
    at: 'settings.auditSystem["Microsoft-Windows-Shell-Setup"].AutoLogon.Username',
  },
  // ---------------------------------------------------------------- features
  "ics-bridge-with-internal-adapter": {
    fail: {
      generalize: { "Microsoft-Windows-SharedAccess": { EnableICS: true, InternalIsBridge: true, InternalAdapter: "Local Area Connection 2" } },
    },
    pass: { generalize: { "Microsoft-Windows-SharedAccess": { EnableICS: true, InternalIsBridge: true } } },
    at: 'settings.generalize["Microsoft-Windows-SharedAccess"].InternalAdapter',
  },
  "ics-bridge-without-ics": {
    fail: { generalize: { "Microsoft-Windows-SharedAccess": { InternalIsBridge: true } } },
    pass: { generalize: { "Microsoft-Windows-SharedAccess": { EnableICS: true, InternalIsBridge: true } } },
    at: 'settings.generalize["Microsoft-Windows-SharedAccess"].InternalIsBridge',
  },
  "nlb-load-weight-ignored": {
    fail: {
      specialize: { "Microsoft-Windows-NetworkLoadBalancing-Core": { Clusters: [{ Portrules: [{ StartPort: 80, EndPort: 80, LoadWeight: 100 }] }] } },
    },
    pass: {
      specialize: {
        "Microsoft-Windows-NetworkLoadBalancing-Core": {
          Clusters: [{ Portrules: [{ StartPort: 80, EndPort: 80, EqualLoad: false, LoadWeight: 100 }] }],
        },
      },
    },
    at: 'settings.specialize["Microsoft-Windows-NetworkLoadBalancing-Core"].Clusters[0].Portrules[0].LoadWeight',
  },
  "nlb-timeout-ignored": {
    fail: { specialize: { "Microsoft-Windows-NetworkLoadBalancing-Core": { Clusters: [{ Portrules: [{ ClientAffinity: "None", Timeout: 10 }] }] } } },
    pass: {
      specialize: { "Microsoft-Windows-NetworkLoadBalancing-Core": { Clusters: [{ Portrules: [{ ClientAffinity: "Single", Timeout: 10 }] }] } },
    },
    at: 'settings.specialize["Microsoft-Windows-NetworkLoadBalancing-Core"].Clusters[0].Portrules[0].Timeout',
  },
  "brightness-slider-ignored": {
    fail: {
      specialize: {
        "Microsoft-Windows-MobilePC-Sensors-API": { AdaptiveBrightness: { IsAutobrightnessEnabledByDefault: true, DefaultSliderPosition: 50 } },
      },
    },
    pass: {
      specialize: {
        "Microsoft-Windows-MobilePC-Sensors-API": { AdaptiveBrightness: { IsAutobrightnessEnabledByDefault: false, DefaultSliderPosition: 50 } },
      },
    },
    at: 'settings.specialize["Microsoft-Windows-MobilePC-Sensors-API"].AdaptiveBrightness.DefaultSliderPosition',
  },
  // ---------------------------------------------------------------- identifiers and names (issue 19)
  "time-zone-unknown": {
    fail: { specialize: { [SHELL]: { TimeZone: "Central European Time" } } },
    pass: { specialize: { [SHELL]: { TimeZone: "W. Europe Standard Time" } } },
    at: 'settings.specialize["Microsoft-Windows-Shell-Setup"].TimeZone',
  },
  "product-key-format": {
    fail: setup({ UserData: { AcceptEula: true, ProductKey: { Key: "W269N-WFGWX-YVC9B-4J6C9-T83G" } } }),
    pass: setup({ UserData: { AcceptEula: true, ProductKey: { Key: "W269N-WFGWX-YVC9B-4J6C9-T83GX" } } }),
    at: `${S}.UserData.ProductKey.Key`,
  },
  "group-is-account-name": {
    fail: oobe({ UserAccounts: { LocalAccounts: [{ Name: "ops", Group: "Administrator", Password: "Pw-1-Secret" }] } }),
    pass: oobe({ UserAccounts: { LocalAccounts: [{ Name: "ops", Group: "Administrators", Password: "Pw-1-Secret" }] } }),
    at: `${OOBE}.UserAccounts.LocalAccounts[0].Group`,
  },
  "group-unknown": {
    fail: oobe({ UserAccounts: { LocalAccounts: [{ Name: "ops", Group: "Administrators;Remote Desktop", Password: "Pw-1-Secret" }] } }),
    pass: oobe({ UserAccounts: { LocalAccounts: [{ Name: "ops", Group: "Administrators;Remote Desktop Users", Password: "Pw-1-Secret" }] } }),
    at: `${OOBE}.UserAccounts.LocalAccounts[0].Group`,
  },
  "account-name-invalid": {
    fail: oobe({ UserAccounts: { LocalAccounts: [{ Name: "ops@contoso", Group: "Administrators", Password: "Pw-1-Secret" }] } }),
    pass: oobe({ UserAccounts: { LocalAccounts: [{ Name: "ops", Group: "Administrators", Password: "Pw-1-Secret" }] } }),
    at: `${OOBE}.UserAccounts.LocalAccounts[0].Name`,
  },
  "local-account-builtin-name": {
    fail: oobe({ UserAccounts: { LocalAccounts: [{ Name: "Administrator", Group: "Administrators", Password: "Pw-1-Secret" }] } }),
    pass: oobe({ UserAccounts: { AdministratorPassword: "Pw-1-Secret" } }),
    at: `${OOBE}.UserAccounts.LocalAccounts[0].Name`,
  },
  // ---------------------------------------------------------------- issue 19, classes 4-6
  "install-to-unconfigured-disk": {
    fail: setup({ ...disks(disk([P(1)])), ImageInstall: { OSImage: { InstallTo: { DiskID: 1, PartitionID: 1 } } } }),
    pass: setup({ ...disks(disk([P(1)])), ImageInstall: { OSImage: { InstallTo: { DiskID: 0, PartitionID: 1 } } } }),
    at: `${S}.ImageInstall.OSImage.InstallTo.DiskID`,
  },
  "partition-size-in-bytes": {
    fail: onDisk([T(1, "EFI", 104857600), T(2, "MSR", 16), P(3)]),
    pass: onDisk([T(1, "EFI", 100), T(2, "MSR", 16), P(3)]),
    at: `${D0}.CreatePartitions[0].Size`,
  },
  "msr-without-efi": {
    fail: onDisk([P(1, 350), T(2, "MSR", 16), P(3)]),
    pass: onDisk([P(1, 350), P(2)]),
    at: `${D0}.CreatePartitions[1]`,
  },
  "partition-type-id-scheme": {
    fail: onDisk([T(1, "EFI", 100), T(2, "MSR", 16), P(3, 1000), P(4)], [{ Order: 1, PartitionID: 3, Format: "NTFS", TypeID: "0x27" }]),
    pass: onDisk(
      [T(1, "EFI", 100), T(2, "MSR", 16), P(3, 1000), P(4)],
      [{ Order: 1, PartitionID: 3, Format: "NTFS", TypeID: "de94bba4-06d1-4d40-a16a-bfd50179d6ac" }],
    ),
    at: `${D0}.ModifyPartitions[0].TypeID`,
  },
  "component-for-other-architecture": {
    fail: { specialize: { [SHELL]: { TimeZone: "UTC" } } },
    pass: { specialize: { [SHELL]: { TimeZone: "UTC" }, "Microsoft-Windows-TerminalServices-LocalSessionManager": { fDenyTSConnections: false } } },
    perArchitecture: { fail: { x86: { specialize: { "Microsoft-Windows-TerminalServices-LocalSessionManager": { fDenyTSConnections: false } } } } },
    at: 'perArchitecture.x86.specialize["Microsoft-Windows-TerminalServices-LocalSessionManager"]',
  },
  "setting-in-two-passes": {
    fail: { specialize: { [SHELL]: { TimeZone: "Tokyo Standard Time" } }, oobeSystem: { [SHELL]: { TimeZone: "UTC" } } },
    pass: { specialize: { [SHELL]: { TimeZone: "UTC" } }, oobeSystem: { [SHELL]: { TimeZone: "UTC" } } },
    at: 'settings.specialize["Microsoft-Windows-Shell-Setup"].TimeZone',
  },
};
