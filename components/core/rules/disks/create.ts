/**
 * Disk rules: CreatePartitions: how each disk's new partitions are sized, typed, extended and ordered.
 */
import { child, flag, p, pathOf, q, text, whole } from "../query";
import { cap, diskName, eachCreated, layouts, modifications } from "./read";
import { PAGE } from "./pages";
import { defineRules } from "../types";

export const CREATE_PARTITION_RULES = defineRules([
  {
    id: "partition-size-and-extend",
    area: "disks",
    severity: "error",
    summary: "A CreatePartition sets both Size and Extend true.",
    source: {
      page: PAGE.size,
      says: "Size and Extend true exclude each other on a new partition: given both, Setup creates nothing, logs the failure and ends the installation.",
    },
    check(view, report) {
      eachCreated(view, (c) => {
        if (c.extend && c.sizeNode && text(c.sizeNode) !== undefined) {
          report(
            c.extendNode!.path,
            `${q(c.extendNode!)} is true while ${p(c.sizeNode)} is set too: Windows Setup then creates no partition and stops. Keep Size for a partition of fixed size, or Extend true to fill the rest of the disk, not both.`,
          );
        }
      });
    },
  },
  {
    id: "partition-without-size",
    area: "disks",
    severity: "error",
    summary: "A CreatePartition has neither Size nor Extend true.",
    source: { page: PAGE.extend, says: "Every new partition needs either a Size or Extend set to true." },
    judgement: "Error: without a size Windows Setup has no way to create the partition.",
    check(view, report) {
      eachCreated(view, (c) => {
        if (!c.extend && !c.sizeNode && (!c.extendNode || flag(c.extendNode) === false)) {
          report(
            c.node.path,
            `${q(c.node)} has neither Size nor Extend true, so Windows Setup cannot tell how large to make it. Set ${pathOf(c.node, "Size")} (in MB), or ${pathOf(c.node, "Extend")} = true to fill the rest of the disk.`,
          );
        }
      });
    },
  },
  {
    id: "partition-extend-twice",
    area: "disks",
    severity: "warning",
    summary: "A partition is extended both when created (CreatePartition/Extend) and when modified (ModifyPartition/Extend).",
    source: { page: PAGE.extend, says: "Extending one partition through CreatePartition and again through ModifyPartition is not allowed." },
    judgement: "Warning: the page forbids the combination without saying what Windows Setup then does.",
    check(view, report) {
      for (const m of modifications(view)) {
        const ext = child(m.mod, "Extend");
        if (m.partition?.extend && flag(ext) === true) {
          report(
            ext!.path,
            `${q(ext!)} is true for partition ${m.id} of ${diskName(m.layout)}, which ${p(m.partition.extendNode!)} already extends when it is created. Extend it once: remove ModifyPartition's Extend (a logical partition that fills its extended partition takes a small CreatePartition Size plus ModifyPartition Extend).`,
          );
        }
      }
    },
  },
  {
    id: "partition-after-extend",
    area: "disks",
    severity: "error",
    summary: "A partition is created after one that extends to fill the rest of the disk.",
    source: {
      page: PAGE.extend,
      says: "Extend true makes a new partition fill the remainder of the disk; a partition that does not fit is not created, an error is logged and the installation stops (Size page).",
    },
    also: [{ page: PAGE.size, says: "A partition that exceeds the space left is not created, and the installation stops." }],
    judgement: "Derived from the two pages: nothing but logical partitions inside an extended partition can follow a partition that fills the disk.",
    check(view, report) {
      for (const layout of layouts(view)) {
        const filler = layout.created.find((c) => c.extend && c.order !== undefined);
        if (!filler) continue;
        for (const c of layout.created) {
          if (c === filler || c.order === undefined || c.order <= filler.order! || c.type === undefined || c.type === "Logical") continue;
          report(
            c.node.path,
            `${q(c.node)} (Order ${c.order}) is created after ${p(filler.node)} (Order ${filler.order}), whose Extend true fills the rest of ${diskName(layout)}: no space is left for it. Make the partition that fills the disk the last one created (the highest Order), or give ${p(filler.node)} a Size instead of Extend.`,
          );
        }
      }
    },
  },
  {
    id: "extended-partition-twice",
    area: "disks",
    severity: "error",
    summary: "More than one Extended partition is created on one disk.",
    source: {
      page: PAGE.type,
      says: "A disk holds one extended partition at most; a second one is not created (and with WillShowUI Never the installation stops).",
    },
    check(view, report) {
      for (const layout of layouts(view)) {
        const ext = layout.created.filter((c) => c.type === "Extended");
        for (const c of ext.slice(1)) {
          report(
            c.node.path,
            `${q(c.node)} creates a second Extended partition on ${diskName(layout)} (the first is ${p(ext[0].node)}); a disk holds one extended partition at most. Put every logical partition into the one extended partition.`,
          );
        }
      }
    },
  },
  {
    id: "logical-without-extended",
    area: "disks",
    severity: "error",
    summary: "A Logical partition is created on a wiped disk before any Extended partition.",
    source: {
      page: PAGE.type,
      says: "Logical partitions live inside an extended one; without an extended partition to hold it, Setup creates nothing (and with WillShowUI Never the installation stops).",
    },
    check(view, report) {
      for (const layout of layouts(view)) {
        if (!layout.wipe) continue; // an existing extended partition may hold it
        let extended = false;
        for (const c of layout.created) {
          if (c.order === undefined || c.type === undefined) break;
          if (c.type === "Extended") extended = true;
          else if (c.type === "Logical" && !extended) {
            report(
              c.node.path,
              `${q(c.node)} is a Logical partition, but ${diskName(layout)} is wiped and no Extended partition is created before it (by Order). Create an Extended partition with a smaller Order first, or make this partition Primary.`,
            );
          }
        }
      }
    },
  },
  {
    id: "logical-partitions-exceed-extended",
    area: "disks",
    severity: "error",
    summary: "The logical partitions' sizes add up to the extended partition's Size or more.",
    source: {
      page: PAGE.size,
      says: "Sizes must not fill or exceed the space available, since Windows keeps a little to manage partitions: logical partitions that fill their extended partition leave the last one uncreated, and the installation stops.",
    },
    check(view, report) {
      for (const layout of layouts(view)) {
        const ext = layout.created.filter((c) => c.type === "Extended");
        if (ext.length !== 1 || ext[0].size === undefined) continue;
        const logical = layout.created.filter((c) => c.type === "Logical");
        if (logical.some((c) => c.size === undefined && !c.extend)) continue;
        const sized = logical.filter((c) => c.size !== undefined);
        const total = sized.reduce((n, c) => n + c.size!, 0);
        if (sized.length > 0 && total >= ext[0].size) {
          const last = sized[sized.length - 1];
          report(
            last.sizeNode!.path,
            `The logical partitions of ${diskName(layout)} (${sized.map((c) => p(c.sizeNode!)).join(", ")}) add up to ${total} MB, which fills or exceeds the extended partition's ${p(ext[0].sizeNode!)} of ${ext[0].size} MB; the last one is not created. Keep their total below ${ext[0].size} MB (Windows reserves some space), or give the last one a small Size and ModifyPartition Extend true.`,
          );
        }
      }
    },
  },
  {
    id: "logical-partition-create-extend",
    area: "disks",
    severity: "warning",
    summary: "A Logical partition is created with Extend true.",
    source: {
      page: PAGE.size,
      says: "To make a logical partition fill its extended partition, give it a small CreatePartition Size and set ModifyPartition Extend to true; do not set CreatePartition Extend.",
    },
    judgement: "Warning: the page says how to do it and what not to set, without saying what Windows Setup does otherwise.",
    check(view, report) {
      eachCreated(view, (c) => {
        if (c.type === "Logical" && c.extend) {
          report(
            c.extendNode!.path,
            `${q(c.extendNode!)} is true on a Logical partition; CreatePartition Extend fills the rest of the disk, not of the extended partition. Give ${p(c.node)} a small Size (e.g. 100) and set Extend true in the ModifyPartition of the same partition.`,
          );
        }
      });
    },
  },
  {
    id: "gpt-and-mbr-partitions",
    area: "disks",
    severity: "error",
    summary: "One disk gets both GPT-only (EFI, MSR) and MBR-only (Extended, Logical) partitions.",
    source: {
      page: PAGE.type,
      says: "EFI and MSR partitions exist only on GPT disks (an EFI partition on an MBR disk stops the installation); extended and logical partitions exist only on MBR disks.",
    },
    check(view, report) {
      for (const layout of layouts(view)) {
        if (layout.gpt.length === 0 || layout.mbr.length === 0) continue;
        const g = layout.gpt[0];
        const m = layout.mbr[0];
        report(
          m.node.path,
          `${cap(diskName(layout))} gets ${p(g.node)} (Type ${g.type}, GPT disks only) and ${p(m.node)} (Type ${m.type}, MBR disks only); a disk is either GPT or MBR. For UEFI use EFI, MSR and Primary partitions; for BIOS use Primary, Extended and Logical ones.`,
        );
      }
    },
  },
  {
    id: "mbr-too-many-partitions",
    area: "disks",
    severity: "error",
    summary: "An MBR disk (one with an Extended or Logical partition) gets more than four primary and extended partitions.",
    source: { page: PAGE.type, says: "On an MBR disk the limit is four primaries, or three primaries plus a single extended partition." },
    check(view, report) {
      for (const layout of layouts(view)) {
        if (layout.mbr.length === 0 || layout.gpt.length > 0) continue;
        const top = layout.created.filter((c) => c.type === "Primary" || c.type === "Extended");
        if (top.length > 4) {
          report(
            top[4].node.path,
            `${cap(diskName(layout))} is an MBR disk (${p(layout.mbr[0].node)} is ${layout.mbr[0].type}) and gets ${top.length} primary and extended partitions (${top.map((c) => p(c.node)).join(", ")}); MBR allows four at most (three primary plus one extended). Make the extra ones Logical partitions inside the extended partition.`,
          );
        }
      }
    },
  },
  {
    id: "efi-partition-twice",
    area: "disks",
    severity: "warning",
    summary: "More than one EFI system partition is created on one disk.",
    source: {
      page: PAGE.type,
      says: "One EFI system partition is needed however many GPT disks there are; two may cause users problems and waste space.",
    },
    check(view, report) {
      for (const layout of layouts(view)) {
        const efi = layout.created.filter((c) => c.type === "EFI");
        for (const c of efi.slice(1)) {
          report(
            c.node.path,
            `${q(c.node)} creates a second EFI system partition on ${diskName(layout)} (the first is ${p(efi[0].node)}); one is enough. Remove this one.`,
          );
        }
      }
    },
  },
  {
    id: "msr-partition-twice",
    area: "disks",
    severity: "error",
    summary: "More than one MSR partition is created on one disk.",
    source: {
      page: PAGE.type,
      says: "If a disk already has an MSR partition, another is not created (and with WillShowUI Never the installation stops).",
    },
    check(view, report) {
      for (const layout of layouts(view)) {
        const msr = layout.created.filter((c) => c.type === "MSR");
        for (const c of msr.slice(1)) {
          report(
            c.node.path,
            `${q(c.node)} creates a second MSR partition on ${diskName(layout)} (the first is ${p(msr[0].node)}); a disk holds one, and the second is not created. Remove this one.`,
          );
        }
      }
    },
  },
  {
    id: "partition-order-gap",
    area: "disks",
    severity: "warning",
    summary: "CreatePartition or ModifyPartition Order values of a disk do not run 1, 2, 3, ...",
    source: {
      page: PAGE.order,
      says: "For each disk, number the partitions to create (and, on the ModifyPartition Order page, to modify) from 1 upwards: 1, 2, 3, and so on.",
    },
    also: [{ page: PAGE.modifyOrder, says: "ModifyPartition Order starts at 1 on each disk and increases 1, 2, 3." }],
    judgement: "Warning: the pages ask for it without saying what Windows Setup does with gaps.",
    check(view, report) {
      for (const layout of layouts(view)) {
        for (const [list, nodes] of [
          ["CreatePartitions", layout.created.map((c) => c.node)],
          ["ModifyPartitions", layout.modify],
        ] as const) {
          const orders = nodes.map((n) => ({ n, o: whole(child(n, "Order")) }));
          if (orders.length === 0 || orders.some((x) => x.o === undefined)) continue;
          const sorted = [...orders].sort((a, b) => a.o! - b.o!);
          const bad = sorted.find((x, i) => x.o !== i + 1);
          if (bad && new Set(sorted.map((x) => x.o)).size === sorted.length) {
            report(
              child(bad.n, "Order")!.path,
              `The Order values of ${pathOf(layout.disk, list)} are ${sorted.map((x) => x.o).join(", ")}; number them 1 to ${sorted.length} without gaps (${p(child(bad.n, "Order")!)} is ${bad.o}).`,
            );
          }
        }
      }
    },
  },
]);
