/**
 * The disks and images of a view, read for the disk rules (and disks-boot.ts):
 * each Disk's CreatePartitions and ModifyPartitions, and the partition IDs of
 * a disk the document wipes (WillWipeDisk true) whose every CreatePartition
 * has a literal Order and Type: on any other disk the existing partitions are
 * unknown.
 */
import type { ComponentNode, SettingNode } from "../../model";
import { at, child, childrenNamed, flag, items, literal, p, perView, whole, type View } from "../query";

/** The component and pass that hold DiskConfiguration and ImageInstall. */
export const SETUP = "Microsoft-Windows-Setup";
export const PE = "windowsPE";

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

/** A partition as messages name it: "the EFI system partition", "a Primary partition". */
export function describeType(c: Created): string {
  return c.type === "EFI" ? "the EFI system partition" : c.type === "MSR" ? "the MSR partition" : `a ${c.type} partition`;
}

/** The partition IDs a wiped disk gets, for messages: "1 to 4". */
export function idList(layout: Layout): string {
  const n = layout.ids?.size ?? 0;
  return n === 0 ? "none: the disk is wiped and no partition is created on it" : n === 1 ? "1" : `1 to ${n}`;
}

/** A ModifyPartition with the disk it is on and the partition it names, when known. */
export interface Modification {
  layout: Layout;
  mod: SettingNode;
  idNode?: SettingNode;
  id?: number;
  partition?: Created;
  known: boolean;
}

/** Every ModifyPartition of every disk with the partition it names, when known (read once per view). */
export const modifications = perView((view): readonly Modification[] => {
  const out: Modification[] = [];
  for (const layout of layouts(view)) {
    for (const mod of layout.modify) {
      const idNode = child(mod, "PartitionID");
      const id = whole(idNode);
      out.push({ layout, mod, idNode, id, ...target(layout, id) });
    }
  }
  return out;
});

/** The text with its first letter in upper case (a message that starts with a name). */
export const cap = (s: string) => s[0].toUpperCase() + s.slice(1);

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

/** The InstallTo containers of the OS image and of every data image (read once per view). */
export const installTargets = perView((view): readonly { installTo: SettingNode; what: string }[] => {
  const image = at(view.component(PE, SETUP), "ImageInstall");
  const out: { installTo: SettingNode; what: string }[] = [];
  const os = at(image, "OSImage", "InstallTo");
  if (os) out.push({ installTo: os, what: "Windows" });
  for (const d of childrenNamed(image, "DataImage")) {
    const to = child(d, "InstallTo");
    if (to) out.push({ installTo: to, what: "the data image" });
  }
  return out;
});

/** The InstallFrom/Path settings of the OS image and of every data image. */
export function imagePaths(view: View): SettingNode[] {
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

/** Calls fn with every CreatePartition of every disk. */
export function eachCreated(view: View, fn: (c: Created, layout: Layout) => void) {
  for (const layout of layouts(view)) for (const c of layout.created) fn(c, layout);
}

/** Every InstallFrom MetaData item of the OS image and the data images (read once per view). */
export const metadataItems = perView((view): readonly SettingNode[] => {
  const image = at(view.component(PE, SETUP), "ImageInstall");
  const froms = [at(image, "OSImage", "InstallFrom"), ...childrenNamed(image, "DataImage").map((d) => child(d, "InstallFrom"))];
  return froms.flatMap((f) => childrenNamed(f, "MetaData"));
});
