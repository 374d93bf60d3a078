/**
 * pulumi-unattend: Windows answer files (unattend.xml) as typed, validated
 * Pulumi components.
 */
export { UnattendFile, type UnattendFileArgs } from "./unattendFile";
export {
  renderUnattend,
  validateUnattend,
  type UnattendDocument,
  type UnvalidatedSettings,
  type UnvalidatedElement,
  type UnvalidatedValue,
  type ExtraXml,
} from "./api";
export type { FlatChange } from "./flatten";
export { UnattendValidationError } from "./errors";
export type { Diagnostic } from "./model";
export { encodePassword, decodePassword } from "./password";
export { ARCHITECTURES, PASSES, catalog, type Architecture, type Pass } from "./catalog";
export type { PlainUnattendSettings as UnattendSettings, UnattendSettings as UnattendSettingsInput, Plain } from "./generated/settings";
export type * as SettingsInput from "./generated/settings";
export {
  parseUnattend,
  validateUnattendXml,
  renderParsed,
  type ParseResult,
  type ParseOptions,
  type LocatedDiagnostic,
  type ExtraElement,
  type SourceLocation,
  type XmlValidation,
} from "./parse";
export { importUnattend, type ImportOptions, type ImportResult, type ImportedSecret } from "./importer";
