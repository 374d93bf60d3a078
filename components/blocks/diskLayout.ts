/**
 * diskLayout.uefi and diskLayout.bios: the partitions Windows Setup creates on
 * a wiped disk, and the partition Windows is installed to.
 *
 * The layouts are the ones Microsoft's Unattended Windows Setup Reference
 * documents (pages microsoft-windows-setup-diskconfiguration-disk-createpartitions-createpartition-type,
 * -createpartition-size and -modifypartitions-modifypartition-typeid):
 *
 * - UEFI/GPT: an EFI system partition (Type EFI, formatted FAT32; 100 MB in
 *   the reference's example), a Microsoft reserved partition (Type MSR, not
 *   formatted; 128 MB, the size the reference gives for disks over 16 GB), the
 *   Windows partition (Primary, NTFS), and, when asked, a recovery partition
 *   (Primary, NTFS, TypeID de94bba4-06d1-4d40-a16a-bfd50179d6ac; 250 MB in
 *   the reference's example).
 * - BIOS/MBR: a system partition (Primary, NTFS, Active; 300 MB in the
 *   reference's example), the Windows partition (Primary, NTFS), and, when
 *   asked, a recovery partition (Primary, NTFS, TypeID 0x27).
 *
 * Where the recovery partition goes: the Windows partition fills the disk
 * (CreatePartition Extend) unless `windowsSize` is given, so the recovery
 * partition comes first then, as in the reference's UEFI example; with
 * `windowsSize` it comes right after the Windows partition, where Microsoft's
 * current partitioning guidance places it (so that it can be grown later).
 */
import type { Plain, Setup_DiskConfiguration_Disk_CreatePartition, Setup_DiskConfiguration_Disk_ModifyPartition } from "../generated/settings";
import { ArgumentCheck, type UnattendLayer } from "./common";

/** The GPT partition type of a recovery (Windows RE tools) partition, from the reference's TypeID page. */
export const GPT_RECOVERY_TYPE_ID = "de94bba4-06d1-4d40-a16a-bfd50179d6ac";
/** The MBR partition type of a recovery/utility partition, from the reference's TypeID page. */
export const MBR_RECOVERY_TYPE_ID = "0x27";

/** A recovery partition: `true` for the default size, or its size. */
export type RecoveryPartition =
  | boolean
  | {
      /** Size in MB. @default 250 @example size: 1024 */
      size?: number;
    };

/** What both layouts take. */
export interface DiskLayoutArgs {
  /**
   * The disk (DiskID: 0 is the first disk). It is wiped (WillWipeDisk).
   * @example disk: 0
   */
  disk: number;
  /**
   * Size of the Windows partition in MB.
   * @default the rest of the disk (CreatePartition Extend)
   * @example windowsSize: 81920
   */
  windowsSize?: number;
  /**
   * Add a recovery partition (Windows RE tools): `true`, or `{ size }` in MB.
   * The reference's example uses 250 MB; the Windows RE image of recent
   * Windows releases needs more, so give the size your image needs.
   * @default false
   * @example recovery: { size: 1024 }
   */
  recovery?: RecoveryPartition;
  /**
   * Drive letter of the Windows partition.
   * @default "C"
   * @example letter: "W"
   */
  letter?: string;
}

/** diskLayout.uefi's arguments. */
export interface UefiDiskLayoutArgs extends DiskLayoutArgs {
  /**
   * Size of the EFI system partition in MB.
   * @default 100 (the reference's example)
   * @example efiSize: 260
   */
  efiSize?: number;
  /**
   * Size of the Microsoft reserved partition in MB.
   * @default 128 (the reference: 128 MB on disks over 16 GB, 32 MB below)
   * @example msrSize: 16
   */
  msrSize?: number;
}

/** diskLayout.bios's arguments. */
export interface BiosDiskLayoutArgs extends DiskLayoutArgs {
  /**
   * Size of the active system partition in MB.
   * @default 300 (the reference's example)
   * @example systemSize: 500
   */
  systemSize?: number;
}

interface Partition {
  create: Plain<Setup_DiskConfiguration_Disk_CreatePartition>;
  modify?: Omit<Plain<Setup_DiskConfiguration_Disk_ModifyPartition>, "Order" | "PartitionID">;
  windows?: boolean;
}

const DEFAULT_RECOVERY_SIZE = 250;

function checkCommon(check: ArgumentCheck, args: DiskLayoutArgs) {
  check.integer(["disk"], args.disk, 0, "disk (the DiskID)");
  check.integer(["windowsSize"], args.windowsSize, 1, "windowsSize (MB)");
  if (typeof args.recovery === "object" && args.recovery !== null) check.integer(["recovery", "size"], args.recovery.size, 1, "recovery.size (MB)");
  else if (args.recovery !== undefined && typeof args.recovery !== "boolean") check.fail(["recovery"], "recovery must be true, false or { size }.");
  check.pattern(["letter"], args.letter, /^[A-Za-z]$/, "letter must be one drive letter, A to Z");
}

function recoverySize(recovery: RecoveryPartition | undefined): number | undefined {
  if (!recovery) return undefined;
  return recovery === true ? DEFAULT_RECOVERY_SIZE : (recovery.size ?? DEFAULT_RECOVERY_SIZE);
}

/** The layer for partitions in order: CreatePartitions, ModifyPartitions, and InstallTo the Windows partition. */
function layout(name: string, args: DiskLayoutArgs, partitions: Partition[]): UnattendLayer {
  const windows = partitions.findIndex((p) => p.windows) + 1;
  let modifyOrder = 0;
  return {
    name,
    settings: {
      windowsPE: {
        "Microsoft-Windows-Setup": {
          DiskConfiguration: {
            WillShowUI: "OnError",
            Disk: [
              {
                DiskID: args.disk,
                WillWipeDisk: true,
                CreatePartitions: partitions.map((p, i) => ({ Order: i + 1, ...p.create })),
                ModifyPartitions: partitions.flatMap((p, i) => (p.modify ? [{ Order: ++modifyOrder, PartitionID: i + 1, ...p.modify }] : [])),
              },
            ],
          },
          ImageInstall: { OSImage: { InstallTo: { DiskID: args.disk, PartitionID: windows } } },
        },
      },
    },
  };
}

function windowsPartition(args: DiskLayoutArgs): Partition {
  return {
    create: args.windowsSize !== undefined ? { Type: "Primary", Size: args.windowsSize } : { Type: "Primary", Extend: true },
    modify: { Label: "Windows", Letter: (args.letter ?? "C").toUpperCase(), Format: "NTFS" },
    windows: true,
  };
}

/** The recovery partition around the Windows partition: first when Windows fills the disk, else right after it. */
function withRecovery(args: DiskLayoutArgs, before: Partition[], recovery: Partition | undefined): Partition[] {
  if (!recovery) return [...before, windowsPartition(args)];
  return args.windowsSize === undefined ? [recovery, ...before, windowsPartition(args)] : [...before, windowsPartition(args), recovery];
}

/**
 * A UEFI/GPT disk layout: wipes the disk and creates, in this order,
 *
 * | # | partition | CreatePartition | ModifyPartition |
 * | --- | --- | --- | --- |
 * | 1 | EFI system | Type EFI, Size efiSize (100) | Format FAT32, Label System |
 * | 2 | Microsoft reserved | Type MSR, Size msrSize (128) | (none) |
 * | 3 | Windows | Type Primary, Extend true (or Size windowsSize) | Format NTFS, Label Windows, Letter C |
 * | 4 | recovery (with `recovery` and `windowsSize`) | Type Primary, Size 250 | Format NTFS, Label Recovery, TypeID de94bba4-06d1-4d40-a16a-bfd50179d6ac |
 *
 * (with `recovery` but no `windowsSize`, the recovery partition is number 1
 * and the others follow), and installs Windows to the Windows partition.
 *
 * Writes, in the windowsPE pass, component Microsoft-Windows-Setup:
 * `DiskConfiguration/WillShowUI` (OnError), `DiskConfiguration/Disk` (one
 * Disk: `DiskID`, `WillWipeDisk` true, `CreatePartitions`,
 * `ModifyPartitions`), and `ImageInstall/OSImage/InstallTo` (`DiskID`,
 * `PartitionID` of the Windows partition).
 * @param args the disk, and optionally the Windows partition's size, a recovery partition, the drive letter and the EFI and MSR sizes (MB).
 * @returns a layer named "diskLayout.uefi".
 * @throws UnattendValidationError for a disk or size that is not a whole number, or a letter that is not A to Z.
 * @example
 * diskLayout.uefi({ disk: 0, windowsSize: 81920, recovery: { size: 1024 } })
 */
function uefi(args: UefiDiskLayoutArgs): UnattendLayer {
  const check = new ArgumentCheck("diskLayout.uefi");
  check.object([], args, "the arguments of diskLayout.uefi");
  checkCommon(check, args);
  check.integer(["efiSize"], args.efiSize, 1, "efiSize (MB)");
  check.integer(["msrSize"], args.msrSize, 1, "msrSize (MB)");
  check.done();
  const size = recoverySize(args.recovery);
  const recovery: Partition | undefined =
    size === undefined
      ? undefined
      : { create: { Type: "Primary", Size: size }, modify: { Label: "Recovery", Format: "NTFS", TypeID: GPT_RECOVERY_TYPE_ID } };
  const system: Partition[] = [
    { create: { Type: "EFI", Size: args.efiSize ?? 100 }, modify: { Label: "System", Format: "FAT32" } },
    { create: { Type: "MSR", Size: args.msrSize ?? 128 } },
  ];
  return layout("diskLayout.uefi", args, withRecovery(args, system, recovery));
}

/**
 * A BIOS/MBR disk layout: wipes the disk and creates, in this order,
 *
 * | # | partition | CreatePartition | ModifyPartition |
 * | --- | --- | --- | --- |
 * | 1 | system | Type Primary, Size systemSize (300) | Format NTFS, Label System, Active true |
 * | 2 | Windows | Type Primary, Extend true (or Size windowsSize) | Format NTFS, Label Windows, Letter C |
 * | 3 | recovery (with `recovery` and `windowsSize`) | Type Primary, Size 250 | Format NTFS, Label Recovery, TypeID 0x27 |
 *
 * (with `recovery` but no `windowsSize`, the recovery partition is number 1
 * and the others follow), and installs Windows to the Windows partition.
 *
 * Writes, in the windowsPE pass, component Microsoft-Windows-Setup:
 * `DiskConfiguration/WillShowUI` (OnError), `DiskConfiguration/Disk` (one
 * Disk: `DiskID`, `WillWipeDisk` true, `CreatePartitions`,
 * `ModifyPartitions`), and `ImageInstall/OSImage/InstallTo` (`DiskID`,
 * `PartitionID` of the Windows partition).
 * @param args the disk, and optionally the Windows partition's size, a recovery partition, the drive letter and the system partition's size (MB).
 * @returns a layer named "diskLayout.bios".
 * @throws UnattendValidationError for a disk or size that is not a whole number, or a letter that is not A to Z.
 * @example
 * diskLayout.bios({ disk: 0 })
 */
function bios(args: BiosDiskLayoutArgs): UnattendLayer {
  const check = new ArgumentCheck("diskLayout.bios");
  check.object([], args, "the arguments of diskLayout.bios");
  checkCommon(check, args);
  check.integer(["systemSize"], args.systemSize, 1, "systemSize (MB)");
  check.done();
  const size = recoverySize(args.recovery);
  const recovery: Partition | undefined =
    size === undefined
      ? undefined
      : { create: { Type: "Primary", Size: size }, modify: { Label: "Recovery", Format: "NTFS", TypeID: MBR_RECOVERY_TYPE_ID } };
  const system: Partition[] = [
    { create: { Type: "Primary", Size: args.systemSize ?? 300 }, modify: { Label: "System", Format: "NTFS", Active: true } },
  ];
  return layout("diskLayout.bios", args, withRecovery(args, system, recovery));
}

/**
 * Disk layouts for UEFI/GPT and BIOS/MBR computers (see each function).
 * @namespace
 */
export const diskLayout = { uefi, bios };
