/**
 * Disk rules: the other disk settings: DiskConfiguration WillShowUI without a Disk, InstallToAvailablePartition onto BIOS disks without an Active partition, and Microsoft-Windows-Deployment's ExtendOSPartition.
 */
import { at, child, childrenNamed, flag, literal, p, pathOf, q } from "../query";
import { PE, SETUP, layouts } from "./read";
import { PAGE } from "./pages";
import { defineRules } from "../types";

export const DISK_SETTING_RULES = defineRules([
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
