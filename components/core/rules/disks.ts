/**
 * Disks and images: Microsoft-Windows-Setup's DiskConfiguration and
 * ImageInstall in the windowsPE pass, and Microsoft-Windows-Deployment's
 * ExtendOSPartition. Partition IDs are worked out only for a disk the document
 * wipes (WillWipeDisk true) and whose every CreatePartition has a literal Order
 * and Type: on any other disk the existing partitions are unknown.
 */
import type { ComponentNode, SettingNode } from "../model";
import { at, child, childrenNamed, flag, items, literal, p, pathOf, q, text, whole, type View } from "./query";
import { defineRules } from "./types";

const SETUP = "Microsoft-Windows-Setup";
const PE = "windowsPE";

/** A CreatePartition item, read. */
export interface Created {
  node: SettingNode;
  order?: number;
  /** Primary, EFI, Extended, Logical or MSR; undefined when absent or not a literal. */
  type?: string;
  size?: number;
  sizeNode?: SettingNode;
  extend: boolean;
  extendNode?: SettingNode;
}

/** One Disk of DiskConfiguration, read. */
export interface Layout {
  disk: SettingNode;
  id?: number;
  idNode?: SettingNode;
  wipe: boolean;
  /** CreatePartition items by Order (input order among equal or unknown orders). */
  created: Created[];
  modify: SettingNode[];
  /** Every CreatePartition has a literal Order and Type. */
  known: boolean;
  /** Partition IDs, on a wiped disk with a known layout: primary and logical partitions, ESP and MSR, by position (extended ones get none). */
  ids?: Map<number, Created>;
  /** Created EFI or MSR partitions: a GPT disk. */
  gpt: Created[];
  /** Created Extended or Logical partitions: an MBR disk. */
  mbr: Created[];
}

const TYPES = ["Primary", "EFI", "Extended", "Logical", "MSR"];

function readCreated(node: SettingNode): Created {
  const typeNode = child(node, "Type");
  const t = literal(typeNode);
  const sizeNode = child(node, "Size");
  const extendNode = child(node, "Extend");
  return {
    node,
    order: whole(child(node, "Order")),
    type: t !== undefined ? TYPES.find((x) => x.toLowerCase() === t.toLowerCase()) : undefined,
    size: whole(sizeNode),
    sizeNode,
    extend: flag(extendNode) === true,
    extendNode,
  };
}

function readLayout(disk: SettingNode): Layout {
  const idNode = child(disk, "DiskID");
  const created = items(child(disk, "CreatePartitions")).map(readCreated);
  const known = created.every((c) => c.order !== undefined && c.type !== undefined);
  const sorted = created
    .map((c, i) => ({ c, i }))
    .sort((a, b) => (a.c.order ?? Infinity) - (b.c.order ?? Infinity) || a.i - b.i)
    .map((x) => x.c);
  const wipe = flag(child(disk, "WillWipeDisk")) === true;
  const layout: Layout = {
    disk,
    id: whole(idNode),
    idNode,
    wipe,
    created: sorted,
    modify: items(child(disk, "ModifyPartitions")),
    known,
    gpt: sorted.filter((c) => c.type === "EFI" || c.type === "MSR"),
    mbr: sorted.filter((c) => c.type === "Extended" || c.type === "Logical"),
  };
  if (wipe && known) {
    // positions on the disk: logical partitions sit inside the extended partition created before them
    const slots: (Created | Created[])[] = [];
    let extended: Created[] | undefined;
    let ok = true;
    for (const c of sorted) {
      if (c.type === "Logical") {
        if (!extended) {
          ok = false;
          break;
        }
        extended.push(c);
      } else if (c.type === "Extended") {
        extended = [];
        slots.push(extended);
      } else slots.push(c);
    }
    if (ok) {
      layout.ids = new Map();
      let id = 1;
      for (const s of slots) for (const c of Array.isArray(s) ? s : [s]) layout.ids.set(id++, c);
    }
  }
  return layout;
}

const layoutCache = new WeakMap<ComponentNode, Layout[]>();

/** The disks of the view's Microsoft-Windows-Setup (windowsPE), read once per component. */
export function layouts(view: View): Layout[] {
  const setup = view.component(PE, SETUP);
  if (!setup) return [];
  let cached = layoutCache.get(setup);
  if (!cached) {
    cached = childrenNamed(child(setup, "DiskConfiguration"), "Disk").map(readLayout);
    layoutCache.set(setup, cached);
  }
  return cached;
}

/** The configured disk with this DiskID (the first, when two share it). */
export function layoutOf(view: View, diskId: number | undefined): Layout | undefined {
  if (diskId === undefined) return undefined;
  const setup = view.component(PE, SETUP);
  if (!setup) return undefined;
  let byId = layoutIndex.get(setup);
  if (!byId) {
    byId = new Map();
    for (const l of layouts(view)) if (l.id !== undefined && !byId.has(l.id)) byId.set(l.id, l);
    layoutIndex.set(setup, byId);
  }
  return byId.get(diskId);
}

const layoutIndex = new WeakMap<ComponentNode, Map<number, Layout>>();

/** The partition a ModifyPartition or InstallTo names, when it can be known. */
export function target(layout: Layout, partitionId: number | undefined): { known: boolean; partition?: Created } {
  if (!layout.ids || partitionId === undefined) return { known: false };
  return { known: true, partition: layout.ids.get(partitionId) };
}

function describeType(c: Created): string {
  return c.type === "EFI" ? "the EFI system partition" : c.type === "MSR" ? "the MSR partition" : `a ${c.type} partition`;
}

function idList(layout: Layout): string {
  const n = layout.ids?.size ?? 0;
  return n === 0 ? "none: the disk is wiped and no partition is created on it" : n === 1 ? "1" : `1 to ${n}`;
}

/** Every ModifyPartition of every disk with the partition it names, when known. */
function* modifications(
  view: View,
): Generator<{ layout: Layout; mod: SettingNode; idNode?: SettingNode; id?: number; partition?: Created; known: boolean }> {
  for (const layout of layouts(view)) {
    for (const mod of layout.modify) {
      const idNode = child(mod, "PartitionID");
      const id = whole(idNode);
      yield { layout, mod, idNode, id, ...target(layout, id) };
    }
  }
}

const cap = (s: string) => s[0].toUpperCase() + s.slice(1);

/**
 * Whether every configured disk is wiped with a known layout and none gets an
 * EFI system partition: then no disk is GPT, and an MSR partition is a stray
 * of a UEFI layout in a BIOS/MBR one (rule msr-without-efi, disks-boot.ts).
 */
export function noEspAnywhere(view: View): boolean {
  const all = layouts(view);
  return all.length > 0 && all.every((l) => l.wipe && l.known) && !all.some((l) => l.gpt.some((c) => c.type === "EFI"));
}

export function diskName(layout: Layout): string {
  return layout.id !== undefined ? `disk ${layout.id}` : `the disk at ${p(layout.disk)}`;
}

/** The InstallTo containers of the OS image and of every data image. */
export function installTargets(view: View): { installTo: SettingNode; what: string }[] {
  const image = at(view.component(PE, SETUP), "ImageInstall");
  const out: { installTo: SettingNode; what: string }[] = [];
  const os = at(image, "OSImage", "InstallTo");
  if (os) out.push({ installTo: os, what: "Windows" });
  for (const d of childrenNamed(image, "DataImage")) {
    const to = child(d, "InstallTo");
    if (to) out.push({ installTo: to, what: "the data image" });
  }
  return out;
}

/** The InstallFrom/Path settings of the OS image and of every data image. */
function imagePaths(view: View): SettingNode[] {
  const image = at(view.component(PE, SETUP), "ImageInstall");
  const out: SettingNode[] = [];
  const os = at(image, "OSImage", "InstallFrom", "Path");
  if (os) out.push(os);
  for (const d of childrenNamed(image, "DataImage")) {
    const path = at(d, "InstallFrom", "Path");
    if (path) out.push(path);
  }
  return out;
}

/** Whether a path is a UNC path (\\server\share), quotes allowed around it. */
export function isUncPath(s: string | undefined): boolean {
  return s !== undefined && /^\s*"?\\\\[^\\]/.test(s);
}

const PAGE = {
  extend: "microsoft-windows-setup-diskconfiguration-disk-createpartitions-createpartition-extend",
  size: "microsoft-windows-setup-diskconfiguration-disk-createpartitions-createpartition-size",
  type: "microsoft-windows-setup-diskconfiguration-disk-createpartitions-createpartition-type",
  order: "microsoft-windows-setup-diskconfiguration-disk-createpartitions-createpartition-order",
  modify: "microsoft-windows-setup-diskconfiguration-disk-modifypartitions-modifypartition",
  modifyOrder: "microsoft-windows-setup-diskconfiguration-disk-modifypartitions-modifypartition-order",
  modifyExtend: "microsoft-windows-setup-diskconfiguration-disk-modifypartitions-modifypartition-extend",
  partitionId: "microsoft-windows-setup-diskconfiguration-disk-modifypartitions-modifypartition-partitionid",
  active: "microsoft-windows-setup-diskconfiguration-disk-modifypartitions-modifypartition-active",
  format: "microsoft-windows-setup-diskconfiguration-disk-modifypartitions-modifypartition-format",
  label: "microsoft-windows-setup-diskconfiguration-disk-modifypartitions-modifypartition-label",
  letter: "microsoft-windows-setup-diskconfiguration-disk-modifypartitions-modifypartition-letter",
  disk: "microsoft-windows-setup-diskconfiguration-disk",
  diskConfiguration: "microsoft-windows-setup-diskconfiguration",
  installTo: "microsoft-windows-setup-imageinstall-osimage-installto",
  available: "microsoft-windows-setup-imageinstall-osimage-installtoavailablepartition",
  metadataKey: "microsoft-windows-setup-imageinstall-osimage-installfrom-metadata-key",
  dataMetadata: "microsoft-windows-setup-imageinstall-dataimage-installfrom-metadata",
  dataImage: "microsoft-windows-setup-imageinstall-dataimage",
  dataPath: "microsoft-windows-setup-imageinstall-dataimage-installfrom-path",
  osPath: "microsoft-windows-setup-imageinstall-osimage-installfrom-path",
  enableNetwork: "microsoft-windows-setup-enablenetwork",
  extendOs: "microsoft-windows-deployment-extendospartition",
} as const;

function eachCreated(view: View, fn: (c: Created, layout: Layout) => void) {
  for (const layout of layouts(view)) for (const c of layout.created) fn(c, layout);
}

export const DISK_RULES = defineRules([
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
  {
    id: "install-to-missing-partition",
    area: "disks",
    severity: "error",
    summary: "ImageInstall InstallTo names a partition that the wiped disk's CreatePartitions do not create.",
    source: {
      page: PAGE.installTo,
      says: "InstallTo needs a valid DiskID and PartitionID; on a blank disk the partitions must be created by CreatePartitions and ModifyPartitions.",
    },
    check(view, report) {
      for (const { installTo, what } of installTargets(view)) {
        const diskNode = child(installTo, "DiskID");
        const partNode = child(installTo, "PartitionID");
        const diskId = whole(diskNode);
        const layout = layoutOf(view, diskId);
        if (!layout || !partNode) continue;
        const t = target(layout, whole(partNode));
        if (t.known && !t.partition) {
          report(
            partNode.path,
            `${q(partNode)} is ${whole(partNode)}, but disk ${diskId} is wiped (${p(child(layout.disk, "WillWipeDisk")!)}) and its CreatePartitions (${pathOf(layout.disk, "CreatePartitions")}) give partition IDs ${idList(layout)}; ${what} would have nowhere to go. Use one of those IDs.`,
          );
        }
      }
    },
  },
  {
    id: "install-to-system-partition",
    area: "disks",
    severity: "error",
    summary: "ImageInstall InstallTo names the EFI or MSR partition of a wiped disk.",
    source: { page: PAGE.type, says: "Windows must be installed on a primary or a logical partition." },
    check(view, report) {
      for (const { installTo, what } of installTargets(view)) {
        const diskId = whole(child(installTo, "DiskID"));
        const partNode = child(installTo, "PartitionID");
        const layout = layoutOf(view, diskId);
        if (!layout || !partNode) continue;
        const t = target(layout, whole(partNode));
        if (t.partition && (t.partition.type === "EFI" || t.partition.type === "MSR")) {
          report(
            partNode.path,
            `${q(partNode)} is ${whole(partNode)}, which on disk ${diskId} is ${describeType(t.partition)} (${p(t.partition.node)}); ${what} goes on a primary or logical partition. Name the Windows partition's ID.`,
          );
        }
      }
    },
  },
  {
    id: "install-to-and-available-partition",
    area: "disks",
    severity: "error",
    summary: "OSImage sets both InstallTo and InstallToAvailablePartition true.",
    source: { page: PAGE.installTo, says: "With InstallToAvailablePartition true, do not set InstallTo: with both the installation fails." },
    also: [{ page: PAGE.available, says: "Setting both InstallToAvailablePartition and InstallTo makes the installation fail." }],
    check(view, report) {
      const os = at(view.component(PE, SETUP), "ImageInstall", "OSImage");
      const avail = child(os, "InstallToAvailablePartition");
      const to = child(os, "InstallTo");
      if (flag(avail) === true && to) {
        report(
          to.path,
          `${q(to)} and ${p(avail!)} = true are both set; with both the installation fails. Keep InstallTo to name the partition, or InstallToAvailablePartition to take the first one with room.`,
        );
      }
    },
  },
  {
    id: "os-image-without-target",
    area: "disks",
    severity: "warning",
    summary: "DiskConfiguration partitions a disk, but OSImage has neither InstallTo nor InstallToAvailablePartition true.",
    source: { page: PAGE.installTo, says: "An unattended installation must specify either InstallTo or InstallToAvailablePartition." },
    judgement:
      "Warning, and only when DiskConfiguration configures a Disk: a file that partitions the disk itself but does not say where Windows goes almost certainly does not mean Windows Setup to stop and ask (a file that leaves partitioning to the user may mean it).",
    check(view, report) {
      const os = at(view.component(PE, SETUP), "ImageInstall", "OSImage");
      if (!os || os.opaque || !os.children || layouts(view).length === 0) return;
      const avail = child(os, "InstallToAvailablePartition");
      if (!child(os, "InstallTo") && flag(avail) !== true && (avail === undefined || flag(avail) === false)) {
        report(
          os.path,
          `${q(os)} says neither where to install Windows (${pathOf(os, "InstallTo")}) nor ${pathOf(os, "InstallToAvailablePartition")} = true, so Windows Setup stops to ask. Set one of them.`,
        );
      }
    },
  },
  {
    id: "image-index-not-number",
    area: "disks",
    severity: "error",
    summary: "InstallFrom MetaData with Key /IMAGE/INDEX and a Value that is not a whole number from 1.",
    source: {
      page: PAGE.metadataKey,
      says: "Key /IMAGE/INDEX selects the image by its index number in the .wim file (the other keys select by name or description).",
    },
    check(view, report) {
      for (const item of metadataItems(view)) {
        const key = literal(child(item, "Key"));
        const value = child(item, "Value");
        const v = literal(value);
        if (key?.toUpperCase() === "/IMAGE/INDEX" && value && v !== undefined && !/^[1-9]\d*$/.test(v)) {
          report(
            value.path,
            `${q(value)} is ${JSON.stringify(v)}, but ${p(child(item, "Key")!)} is /IMAGE/INDEX, which takes the image's index: a whole number from 1 (see DISM /Get-WimInfo). To select by name use Key /IMAGE/NAME.`,
          );
        }
      }
    },
  },
  {
    id: "image-metadata-without-value",
    area: "disks",
    severity: "error",
    summary: "InstallFrom MetaData with a Key but no Value.",
    source: { page: PAGE.dataMetadata, says: "MetaData needs both Key and Value to select an image." },
    also: [{ page: PAGE.metadataKey, says: "Key and Value are used together to choose the image." }],
    check(view, report) {
      for (const item of metadataItems(view)) {
        const key = child(item, "Key");
        if (key && !child(item, "Value")) {
          report(
            key.path,
            `${q(key)} selects the image by ${literal(key) ?? "a key"}, but ${pathOf(item, "Value")} is missing, so no image is selected. Give the Value (the index, name or description).`,
          );
        }
      }
    },
  },
  {
    id: "data-image-incomplete",
    area: "disks",
    severity: "error",
    summary: "A DataImage lacks InstallFrom Path, MetaData or InstallTo.",
    source: { page: PAGE.dataImage, says: "A data image requires InstallFrom (with its Path and MetaData), InstallTo and Order." },
    check(view, report) {
      const image = at(view.component(PE, SETUP), "ImageInstall");
      for (const d of childrenNamed(image, "DataImage")) {
        if (d.opaque || !d.children) continue;
        const missing = [
          !at(d, "InstallFrom", "Path") && pathOf(d, "InstallFrom", "Path"),
          childrenNamed(child(d, "InstallFrom"), "MetaData").length === 0 && pathOf(d, "InstallFrom", "MetaData"),
          !child(d, "InstallTo") && pathOf(d, "InstallTo"),
        ].filter((x): x is string => !!x);
        if (missing.length)
          report(
            d.path,
            `${q(d)} lacks ${missing.join(", ")}; a data image needs where it comes from (Path, MetaData) and where it goes (InstallTo DiskID and PartitionID).`,
          );
      }
    },
  },
  {
    id: "configsetroot-without-configuration-set",
    area: "disks",
    severity: "error",
    summary: "An image Path uses %configsetroot% while UseConfigurationSet is not true.",
    source: { page: PAGE.dataPath, says: "A path that uses %configsetroot% requires Microsoft-Windows-Setup UseConfigurationSet set to true." },
    judgement: "Applied to the OS image's Path as well as to data images: %configsetroot% means the same there.",
    check(view, report) {
      const setup = view.component(PE, SETUP);
      if (!setup) return;
      const use = child(setup, "UseConfigurationSet");
      if (flag(use) === true || (use && flag(use) === undefined)) return;
      for (const path of imagePaths(view)) {
        if (/%configsetroot%/i.test(text(path) ?? "")) {
          report(
            path.path,
            `${q(path)} uses %configsetroot%, but ${pathOf(setup, "UseConfigurationSet")} is ${use ? "false" : "not set (false)"}, so the variable names no folder. Set UseConfigurationSet to true.`,
          );
        }
      }
    },
  },
  {
    id: "network-disabled-unc-path",
    area: "disks",
    severity: "error",
    summary: "EnableNetwork is false while a windowsPE path is a network (UNC) path.",
    source: {
      page: PAGE.enableNetwork,
      says: "With EnableNetwork false, network initialisation is skipped in Windows PE and network settings are ignored.",
    },
    also: [{ page: PAGE.osPath, says: "If the image's path cannot be reached, an error is logged and the installation stops." }],
    check(view, report) {
      const setup = view.component(PE, SETUP);
      const enable = child(setup, "EnableNetwork");
      if (flag(enable) !== false) return;
      const paths = [...imagePaths(view)];
      for (const list of ["RunSynchronous", "RunAsynchronous"])
        for (const cmd of items(child(setup, list))) paths.push(...childrenNamed(cmd, "Path"));
      const pnp = view.component(PE, "Microsoft-Windows-PnpCustomizationsWinPE");
      for (const item of items(at(pnp, "DriverPaths"))) paths.push(...childrenNamed(item, "Path"));
      for (const path of paths) {
        if (isUncPath(text(path))) {
          report(
            path.path,
            `${q(path)} is a network path, but ${p(enable!)} is false, so Windows PE starts no network and cannot reach it. Set EnableNetwork to true, or use a local path.`,
          );
        }
      }
    },
  },
  {
    id: "disk-configuration-never-without-disk",
    area: "disks",
    severity: "error",
    summary: "DiskConfiguration WillShowUI Never without any Disk.",
    source: {
      page: PAGE.diskConfiguration,
      says: "When no Disk is given and WillShowUI is Never, Setup records an error and ends the installation.",
    },
    check(view, report) {
      const dc = at(view.component(PE, SETUP), "DiskConfiguration");
      const ui = child(dc, "WillShowUI");
      if (dc && literal(ui)?.toLowerCase() === "never" && childrenNamed(dc, "Disk").length === 0) {
        report(
          ui!.path,
          `${q(ui!)} is Never, but ${pathOf(dc, "Disk")} configures no disk: Windows Setup logs an error and stops. Add a Disk, or let the UI show (OnError or Always).`,
        );
      }
    },
  },
  {
    id: "available-partition-without-active",
    area: "disks",
    severity: "warning",
    summary: "InstallToAvailablePartition true onto wiped BIOS disks with no partition marked Active.",
    source: {
      page: PAGE.available,
      says: "When installing to a blank disk with InstallToAvailablePartition, create and format the partitions and mark one of them active.",
    },
    judgement:
      "Checked only when every configured disk is wiped and none is GPT (UEFI ignores Active); warning, as the page does not say what happens otherwise.",
    check(view, report) {
      const os = at(view.component(PE, SETUP), "ImageInstall", "OSImage");
      const avail = child(os, "InstallToAvailablePartition");
      const all = layouts(view);
      if (flag(avail) !== true || all.length === 0 || !all.every((l) => l.wipe && l.known && l.gpt.length === 0)) return;
      const active = all.some((l) => l.modify.some((m) => flag(child(m, "Active")) === true));
      if (!active) {
        report(
          avail!.path,
          `${q(avail!)} is true and the disks are wiped, but no ModifyPartition sets Active true; mark the system partition active (e.g. ${pathOf(all[0].disk, "ModifyPartitions")}[0].Active = true).`,
        );
      }
    },
  },
  {
    id: "extend-os-partition-size-and-extend",
    area: "disks",
    severity: "error",
    summary: "ExtendOSPartition sets both Extend true and Size in one pass.",
    source: {
      page: PAGE.extendOs,
      says: "If Extend and Size are both present in one configuration pass, an error is logged and the installation stops.",
    },
    check(view, report) {
      for (const c of view.components) {
        if (c.name !== "Microsoft-Windows-Deployment" || !c.def) continue;
        const eo = child(c, "ExtendOSPartition");
        const ext = child(eo, "Extend");
        const size = child(eo, "Size");
        if (flag(ext) === true && size) {
          report(
            size.path,
            `${q(size)} and ${p(ext!)} = true are both set in the ${c.pass} pass: Windows Setup logs an error and stops. Keep Extend true to fill the disk, or Size for a fixed extension.`,
          );
        }
      }
    },
  },
]);

/** Every InstallFrom MetaData item of the OS image and the data images. */
function metadataItems(view: View): SettingNode[] {
  const image = at(view.component(PE, SETUP), "ImageInstall");
  const froms = [at(image, "OSImage", "InstallFrom"), ...childrenNamed(image, "DataImage").map((d) => child(d, "InstallFrom"))];
  return froms.flatMap((f) => childrenNamed(f, "MetaData"));
}
