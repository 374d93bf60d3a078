/**
 * Typed building blocks: functions that return an answer-file layer for one
 * common job, to merge with other layers (mergeUnattend, or UnattendFile's
 * `settings: [layers]`). Each one's TSDoc says exactly which components and
 * settings it writes.
 */
export { commands, type FirstLogonCommand, type SpecializeCommand } from "./commands";
export {
  diskLayout,
  GPT_RECOVERY_TYPE_ID,
  MBR_RECOVERY_TYPE_ID,
  type BiosDiskLayoutArgs,
  type DiskLayoutArgs,
  type RecoveryPartition,
  type UefiDiskLayoutArgs,
} from "./diskLayout";
export { domainJoin, type DomainJoinArgs, type DomainJoinCredentials } from "./domainJoin";
export { image, type ImageArgs, type ImageSelector } from "./image";
export { locale, type LocaleOptions } from "./locale";
export { localAdministrator, type LocalAdministratorArgs } from "./localAdministrator";
export { productKey, type ProductKeyOptions } from "./productKey";
export { skipOobe, type SkipOobeArgs } from "./skipOobe";
