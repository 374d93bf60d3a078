/**
 * Disk rules: ModifyPartitions and the Disk items: which partition each ModifyPartition names, what may be done to it, and drive letters and DiskIDs given twice.
 */
import type { SettingNode } from "../../model";
import { child, flag, literal, p, pathOf, q, whole } from "../query";
import { describeType, diskName, idList, layouts, modifications, noEspAnywhere } from "./read";
import { PAGE } from "./pages";
import { defineRules } from "../types";

export const MODIFY_PARTITION_RULES = defineRules([
  {
    id: "modify-partition-missing",
    area: "disks",
    severity: "error",
    summary: "A ModifyPartition names a PartitionID that the wiped disk's CreatePartitions do not create.",
    source: { page: PAGE.partitionId, says: "An invalid PartitionID is logged as an error and, with WillShowUI Never, stops the installation." },
    also: [{ page: PAGE.disk, says: "Partition IDs count the partitions of the disk from 1; extended partitions get none." }],
    check(view, report) {
      for (const m of modifications(view)) {
        if (m.known && !m.partition && m.id !== undefined) {
          report(
            m.idNode!.path,
            `${q(m.idNode!)} is ${m.id}, but ${diskName(m.layout)} is wiped (${p(child(m.layout.disk, "WillWipeDisk")!)}) and its CreatePartitions give partition IDs ${idList(m.layout)} (extended partitions get none). Use one of those IDs, or create the partition.`,
          );
        }
      }
    },
  },
  {
    id: "modify-msr-partition",
    area: "disks",
    severity: "error",
    summary: "A ModifyPartition changes the MSR partition (Active, Extend, Format, Label, Letter or TypeID), which cannot be modified.",
    source: { page: PAGE.modify, says: "ModifyPartition cannot change an MSR or an extended partition." },
    also: [
      {
        page: PAGE.modifyOrder,
        says: "A ModifyPartition may name every partition, MSR and extended ones included, just to keep Order and PartitionID equal; such an item changes nothing and is fine.",
      },
    ],
    check(view, report) {
      for (const m of modifications(view)) {
        if (m.partition?.type !== "MSR") continue;
        const changes = ["Active", "Extend", "Format", "Label", "Letter", "TypeID"].map((n) => child(m.mod, n)).filter((n): n is SettingNode => !!n);
        if (changes.length) {
          report(
            changes[0].path,
            `${changes.map(q).join(", ")} would change partition ${m.id} of ${diskName(m.layout)}, which is the MSR partition (${p(m.partition.node)}); MSR partitions cannot be modified. Remove ${changes.length > 1 ? "them" : "it"}, or name another PartitionID in ${p(m.idNode!)}.`,
          );
        }
      }
    },
  },
  {
    id: "modify-partition-twice",
    area: "disks",
    severity: "warning",
    summary: "Two ModifyPartition items of one disk name the same PartitionID.",
    source: { page: PAGE.modify, says: "Each ModifyPartition item modifies a single partition of the disk." },
    judgement: "Warning: two modifications of one partition almost certainly mean a wrong PartitionID.",
    check(view, report) {
      for (const layout of layouts(view)) {
        const seen = new Map<number, SettingNode>();
        for (const mod of layout.modify) {
          const idNode = child(mod, "PartitionID");
          const id = whole(idNode);
          if (id === undefined) continue;
          const first = seen.get(id);
          if (first)
            report(
              idNode!.path,
              `${q(idNode!)} is ${id}, like ${p(first)}: two modifications of partition ${id} of ${diskName(layout)}. Merge them into one ModifyPartition, or correct the PartitionID.`,
            );
          else seen.set(id, idNode!);
        }
      }
    },
  },
  {
    id: "active-not-primary",
    area: "disks",
    severity: "error",
    summary: "ModifyPartition Active true on a partition that is not Primary (Logical, EFI).",
    source: { page: PAGE.active, says: "Only primary partitions can be marked active; Active on any other partition type is ignored." },
    check(view, report) {
      for (const m of modifications(view)) {
        const active = child(m.mod, "Active");
        if (flag(active) === true && m.partition && m.partition.type !== "Primary") {
          report(
            active!.path,
            `${q(active!)} is true, but partition ${m.id} of ${diskName(m.layout)} is ${describeType(m.partition)} (${p(m.partition.node)}); only a primary partition can be active, so Windows Setup ignores it. Mark the primary system partition active instead.`,
          );
        }
      }
    },
  },
  {
    id: "active-on-gpt-disk",
    area: "disks",
    severity: "error",
    summary: "ModifyPartition Active true on a disk that gets EFI or MSR partitions (GPT).",
    source: { page: PAGE.active, says: "On UEFI systems Active is not used (they always boot from the EFI system partition); it is ignored." },
    check(view, report) {
      for (const m of modifications(view)) {
        const active = child(m.mod, "Active");
        // a disk whose only GPT partition is a stray MSR, with no EFI partition anywhere, is a BIOS layout: msr-without-efi says so
        if (m.layout.mbr.length === 0 && noEspAnywhere(view)) continue;
        if (flag(active) === true && m.layout.gpt.length > 0 && (!m.partition || m.partition.type === "Primary")) {
          report(
            active!.path,
            `${q(active!)} is true on ${diskName(m.layout)}, which gets ${describeType(m.layout.gpt[0])} (${p(m.layout.gpt[0].node)}) and so is a GPT disk of a UEFI system; UEFI boots from the EFI system partition and ignores Active. Remove Active.`,
          );
        }
      }
    },
  },
  {
    id: "extend-on-gpt-disk",
    area: "disks",
    severity: "error",
    summary: "ModifyPartition Extend true on a disk that gets EFI or MSR partitions (GPT), or on the EFI system partition.",
    source: { page: PAGE.modifyExtend, says: "UEFI/GPT disks do not support ModifyPartition Extend." },
    also: [{ page: PAGE.modify, says: "An EFI system partition cannot be extended or given a TypeID." }],
    check(view, report) {
      for (const m of modifications(view)) {
        const ext = child(m.mod, "Extend");
        if (flag(ext) !== true) continue;
        const gpt = m.partition?.type === "EFI" ? m.partition : m.layout.gpt[0];
        if (gpt) {
          report(
            ext!.path,
            `${q(ext!)} is true on ${diskName(m.layout)}, a GPT disk (${p(gpt.node)} is ${gpt.type}); GPT disks do not support ModifyPartition Extend. Use CreatePartition Extend on the last partition instead.`,
          );
        }
      }
    },
  },
  {
    id: "efi-partition-type-id",
    area: "disks",
    severity: "error",
    summary: "ModifyPartition TypeID on the EFI system partition.",
    source: {
      page: PAGE.modify,
      says: "An EFI system partition cannot take a TypeID (the table of modifications allows only Format, Letter and Label).",
    },
    check(view, report) {
      for (const m of modifications(view)) {
        const typeId = child(m.mod, "TypeID");
        if (typeId && m.partition?.type === "EFI") {
          report(
            typeId.path,
            `${q(typeId)} is set for partition ${m.id} of ${diskName(m.layout)}, the EFI system partition (${p(m.partition.node)}); its type is set by CreatePartition Type EFI and cannot be changed. Remove TypeID.`,
          );
        }
      }
    },
  },
  {
    id: "efi-partition-not-fat32",
    area: "disks",
    severity: "error",
    summary: "The EFI system partition is formatted NTFS.",
    source: { page: PAGE.format, says: "FAT32 is the format for a partition created with Type EFI (and NTFS for primary and logical ones)." },
    judgement:
      "Error: UEFI firmware reads the EFI system partition as a FAT file system (UEFI specification, section 13.3; firmware ships a FAT driver and, as a rule, no NTFS one: pbatard/uefi-ntfs exists to work around exactly that), so an NTFS system partition leaves the machine unable to boot Windows. The Windows Vista page for Format adds that EFI partitions are formatted FAT by default.",
    check(view, report) {
      for (const m of modifications(view)) {
        const format = child(m.mod, "Format");
        if (m.partition?.type === "EFI" && literal(format)?.toUpperCase() === "NTFS") {
          report(
            format!.path,
            `${q(format!)} is NTFS for the EFI system partition (${p(m.partition.node)}): UEFI firmware boots from a FAT file system and cannot read NTFS, so the machine would not boot. Format it FAT32 (or leave Format out: FAT32 is the default for Type EFI).`,
          );
        }
      }
    },
  },
  {
    id: "label-without-format",
    area: "disks",
    severity: "warning",
    summary: "ModifyPartition Label without Format.",
    source: { page: PAGE.label, says: "To name a partition you must also give it a Format." },
    judgement: "Warning: the page requires Format without saying what Windows Setup does otherwise.",
    check(view, report) {
      for (const m of modifications(view)) {
        const label = child(m.mod, "Label");
        if (label && !child(m.mod, "Format")) {
          report(
            label.path,
            `${q(label)} names the partition, but ${pathOf(m.mod, "Format")} is not set; a label needs a Format (NTFS or FAT32) in the same ModifyPartition.`,
          );
        }
      }
    },
  },
  {
    id: "drive-letter-twice",
    area: "disks",
    severity: "warning",
    summary: "Two ModifyPartition items assign the same drive Letter.",
    source: { page: PAGE.letter, says: "Letter assigns a drive letter (C to Z) to the partition." },
    judgement: "Warning: one drive letter names one volume, so a second partition with the same letter almost certainly means a typo.",
    check(view, report) {
      const seen = new Map<string, SettingNode>();
      for (const m of modifications(view)) {
        const letter = child(m.mod, "Letter");
        const l = literal(letter)?.toUpperCase().replace(/:$/, "");
        if (!l) continue;
        const first = seen.get(l);
        if (first)
          report(letter!.path, `${q(letter!)} assigns drive letter ${l}, which ${p(first)} already assigns; each partition needs its own letter.`);
        else seen.set(l, letter!);
      }
    },
  },
  {
    id: "disk-id-twice",
    area: "disks",
    severity: "warning",
    summary: "Two Disk items of DiskConfiguration have the same DiskID.",
    source: { page: PAGE.disk, says: "Each Disk item applies to the single disk its DiskID names." },
    judgement: "Warning: two configurations of one disk contradict each other; almost certainly a wrong DiskID.",
    check(view, report) {
      const seen = new Map<number, SettingNode>();
      for (const layout of layouts(view)) {
        if (layout.id === undefined) continue;
        const first = seen.get(layout.id);
        if (first)
          report(
            layout.idNode!.path,
            `${q(layout.idNode!)} is ${layout.id}, like ${p(first)}: disk ${layout.id} is configured twice. Merge the two Disk items, or correct the DiskID (0 is the first disk).`,
          );
        else seen.set(layout.id, layout.idNode!);
      }
    },
  },
]);
