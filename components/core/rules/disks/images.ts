/**
 * Disk rules: ImageInstall: where the OS image and the data images go (InstallTo, InstallToAvailablePartition), and where they come from (InstallFrom Path and MetaData).
 */
import { at, child, childrenNamed, flag, items, literal, p, pathOf, q, text, whole } from "../query";
import { PE, SETUP, describeType, idList, imagePaths, installTargets, isUncPath, layoutOf, layouts, metadataItems, target } from "./read";
import { PAGE } from "./pages";
import { defineRules } from "../types";

export const IMAGE_RULES = defineRules([
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
]);
