/**
 * Disks and images: Microsoft-Windows-Setup's DiskConfiguration and
 * ImageInstall in the windowsPE pass, and Microsoft-Windows-Deployment's
 * ExtendOSPartition. Partition IDs are worked out only for a disk the document
 * wipes (WillWipeDisk true) and whose every CreatePartition has a literal Order
 * and Type: on any other disk the existing partitions are unknown.
 */
import { CREATE_PARTITION_RULES } from "./create";
import { IMAGE_RULES } from "./images";
import { MODIFY_PARTITION_RULES } from "./modify";
import { DISK_SETTING_RULES } from "./other";

export { diskName, installTargets, isUncPath, layoutOf, layouts, noEspAnywhere, type Created, type Layout } from "./read";

/** The disk rules, in the registry's order. */
export const DISK_RULES = [...CREATE_PARTITION_RULES, ...MODIFY_PARTITION_RULES, ...IMAGE_RULES, ...DISK_SETTING_RULES] as const;
