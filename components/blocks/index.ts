/**
 * Typed building blocks: functions that return an answer-file layer for one
 * common job, to merge with other layers (mergeUnattend, or UnattendFile's
 * `settings: [layers]`). Each one's TSDoc says exactly which components and
 * settings it writes.
 */
export { ACCOUNT_NAME_FORBIDDEN, ACCOUNT_NAME_MAX, accountNameProblem, BUILTIN_ACCOUNT_NAMES } from "./accountName";
export { builtinAdministrator, type BuiltinAdministratorArgs } from "./builtinAdministrator";
export { bypassRequirements, type BypassRequirementsArgs } from "./bypassRequirements";
export { commands, type AsyncCommand, type AsyncOptions, type FirstLogonCommand, type SpecializeCommand, type WindowsPECommand } from "./commands";
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
export { drivers, type DriverCredentials, type DriversArgs } from "./drivers";
export { edition, GENERIC_KEYS, type EditionName, type EditionOptions } from "./edition";
export { image, type ImageArgs, type ImageSelector } from "./image";
export { locale, type LocaleOptions } from "./locale";
export { BUILTIN_GROUPS, localAccounts, type BuiltinGroup, type LocalAccount } from "./localAccounts";
export { localAdministrator, type LocalAdministratorArgs } from "./localAdministrator";
export { offlineDomainJoin, type OfflineDomainJoinArgs } from "./offlineDomainJoin";
export { productKey, type ProductKeyOptions } from "./productKey";
export { registry, type RegistryType, type RegistryValue } from "./registry";
export { scripts, SCRIPTS_NS, type Script, type ScriptsArgs } from "./scripts";
export { skipOobe, type SkipOobeArgs } from "./skipOobe";
export { winrm, winrmWarnings, type WinrmArgs } from "./winrm";
