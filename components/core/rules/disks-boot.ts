/**
 * Disks that cannot install or boot: what a layout copied between UEFI and
 * BIOS examples, or written with the wrong unit, gets wrong. Reads the disks
 * as disks/read.ts reads them (partition IDs only on a wiped disk whose every
 * CreatePartition has a literal Order and Type).
 */
import { child, literal, p, q, whole } from "./query";
import { diskName, installTargets, layoutOf, layouts, noEspAnywhere, type Layout } from "./disks";
import { defineRules } from "./types";

const PAGE = {
  size: "microsoft-windows-setup-diskconfiguration-disk-createpartitions-createpartition-size",
  type: "microsoft-windows-setup-diskconfiguration-disk-createpartitions-createpartition-type",
  typeId: "microsoft-windows-setup-diskconfiguration-disk-modifypartitions-modifypartition-typeid",
  installTo: "microsoft-windows-setup-imageinstall-osimage-installto",
  installToDisk: "microsoft-windows-setup-imageinstall-osimage-installto-diskid",
  diskId: "microsoft-windows-setup-diskconfiguration-disk-diskid",
} as const;

/** 16 TiB in MB: no Windows system disk is that large, and every size written in bytes from 16 MB up reaches it. */
const BYTES_THRESHOLD = 16 * 1024 * 1024;

/** The partition table a wiped disk gets, when its partitions say: GPT (EFI, MSR), MBR (Extended, Logical, Active), or unknown. */
function scheme(layout: Layout): "GPT" | "MBR" | undefined {
  if (layout.gpt.length > 0 && layout.mbr.length === 0) return "GPT";
  if (layout.mbr.length > 0 && layout.gpt.length === 0) return "MBR";
  if (layout.gpt.length === 0 && layout.modify.some((m) => literal(child(m, "Active"))?.toLowerCase() === "true")) return "MBR";
  return undefined;
}

const GUID = /^\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?$/i;
const MBR_TYPE = /^0x[0-9a-f]{1,2}$/i;
const GPT_RECOVERY = "de94bba4-06d1-4d40-a16a-bfd50179d6ac";

/** "104857600 bytes" in MB, as a message says it. */
function inMb(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  if (Number.isInteger(mib)) return `${mib}`;
  const mb = bytes / 1e6;
  return Number.isInteger(mb) ? `${mb}` : `about ${Math.round(mib)}`;
}

export const DISK_BOOT_RULES = defineRules([
  {
    id: "install-to-unconfigured-disk",
    area: "disks",
    severity: "warning",
    summary: "ImageInstall InstallTo names a DiskID that DiskConfiguration, which configures other disks, never configures.",
    source: { page: PAGE.installToDisk, says: "InstallTo DiskID is the 0-based number of the disk Windows is installed on." },
    also: [{ page: PAGE.diskId, says: "A Disk of DiskConfiguration configures the disk its DiskID numbers, 0 being the first." }],
    judgement:
      "Warning: a file that partitions disk 0 and installs to disk 1 (or the reverse) almost certainly has a wrong number; installing to a disk partitioned beforehand is possible, so it is not an error.",
    check(view, report) {
      const all = layouts(view);
      if (all.length === 0 || all.some((l) => l.id === undefined)) return;
      for (const { installTo, what } of installTargets(view)) {
        const diskNode = child(installTo, "DiskID");
        const id = whole(diskNode);
        if (id === undefined || layoutOf(view, id)) continue;
        const ids = [...new Set(all.map((l) => l.id!))].sort((a, b) => a - b);
        report(
          diskNode!.path,
          `${q(diskNode!)} is ${id}, but DiskConfiguration configures only disk${ids.length > 1 ? "s" : ""} ${ids.join(", ")} (${p(all[0].idNode!)}); ${what} would go to a disk the file never partitions. Install to ${ids.length > 1 ? "one of those disks" : `disk ${ids[0]}`}, or configure disk ${id}.`,
        );
      }
    },
  },
  {
    id: "partition-size-in-bytes",
    area: "disks",
    severity: "error",
    summary: "A CreatePartition Size of 16 TiB or more: a size written in bytes where Size is in MB.",
    source: {
      page: PAGE.size,
      says: "Size is the partition's size in megabytes (2000 makes a 2 GB partition); a partition that does not fit in the space left is not created, and the installation stops.",
    },
    judgement:
      "Error from 16 777 216 MB (16 TiB) up: no disk Windows is installed on holds such a partition, and every size from 16 MB written in bytes (104857600 for a 100 MB EFI partition, 16777216 for a 16 MB MSR) reaches it.",
    check(view, report) {
      for (const layout of layouts(view)) {
        for (const c of layout.created) {
          if (c.size === undefined || c.size < BYTES_THRESHOLD) continue;
          report(
            c.sizeNode!.path,
            `${q(c.sizeNode!)} is ${c.size}, but Size is in MB: that is ${Math.round(c.size / (1024 * 1024))} TiB, more than any disk holds, so Windows Setup cannot create the partition and stops. Written in bytes, ${c.size} is ${inMb(c.size)} MB: give that (e.g. 100 for an EFI partition, 16 for an MSR partition).`,
          );
        }
      }
    },
  },
  {
    id: "msr-without-efi",
    area: "disks",
    severity: "error",
    summary: "An MSR partition on wiped disks where no EFI system partition is created: a BIOS/MBR layout with a UEFI partition in it.",
    source: {
      page: PAGE.type,
      says: "On an MBR disk no MSR partition is created (with WillShowUI Never the installation stops); and without an EFI system partition, no GPT disk configuration can be created.",
    },
    judgement:
      "Checked only when every configured disk is wiped and none creates an EFI partition, so that no existing ESP can be meant: the layout then fails on a BIOS machine (MBR disk) and on a UEFI one (no ESP) alike.",
    check(view, report) {
      if (!noEspAnywhere(view)) return;
      for (const layout of layouts(view)) {
        if (layout.mbr.length > 0) continue; // gpt-and-mbr-partitions says it
        for (const c of layout.gpt) {
          if (c.type !== "MSR") continue;
          report(
            c.node.path,
            `${q(c.node)} creates an MSR partition on ${diskName(layout)}, but no disk of the file gets an EFI system partition: on a BIOS machine the disk is MBR and takes no MSR partition, on a UEFI one nothing GPT can be created without an ESP. For BIOS remove this partition (System: Primary, NTFS, Active; then Windows); for UEFI add an EFI partition (Type EFI, FAT32, e.g. 100 MB) before it.`,
          );
        }
      }
    },
  },
  {
    id: "partition-type-id-scheme",
    area: "disks",
    severity: "error",
    summary: "A ModifyPartition TypeID of the other partition table: an MBR type (0x27) on a GPT disk, or a GUID on an MBR disk.",
    source: {
      page: PAGE.typeId,
      says: "On BIOS/MBR disks a recovery or utility partition takes TypeID 0x27; on UEFI/GPT disks it takes TypeID de94bba4-06d1-4d40-a16a-bfd50179d6ac.",
    },
    judgement:
      "Error: an MBR partition type is one byte and a GPT one a GUID; Windows Setup (diskpart's SET ID) cannot give a partition a type of the other table, so the modification fails. The disk's table is read from its partitions (EFI or MSR: GPT; Extended, Logical or Active: MBR).",
    check(view, report) {
      for (const layout of layouts(view)) {
        const table = scheme(layout);
        if (!table) continue;
        for (const mod of layout.modify) {
          const typeId = child(mod, "TypeID");
          const t = literal(typeId);
          if (t === undefined) continue;
          const why =
            table === "GPT" && MBR_TYPE.test(t)
              ? `an MBR partition type, but ${diskName(layout)} is a GPT disk (${p(layout.gpt[0].node)} is ${layout.gpt[0].type}). On GPT a recovery partition's TypeID is ${GPT_RECOVERY}.`
              : table === "MBR" && GUID.test(t)
                ? `a GPT partition type, but ${diskName(layout)} is an MBR disk (${layout.mbr[0] ? `${p(layout.mbr[0].node)} is ${layout.mbr[0].type}` : "a partition is marked Active"}). On MBR a recovery partition's TypeID is 0x27.`
                : undefined;
          if (why) report(typeId!.path, `${q(typeId!)} is ${JSON.stringify(t)}, ${why}`);
        }
      }
    },
  },
]);
