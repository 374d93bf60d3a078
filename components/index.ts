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
  type ValidateOptions,
} from "./api";
export { MAX_DEPTH } from "./normalize";
export { MAX_INPUT_BYTES, MAX_XML_DEPTH } from "./parse";
export {
  RULES,
  RULE_IDS,
  RuleIgnoreError,
  findRule,
  ruleDocs,
  type Rule,
  type RuleArea,
  type RuleId,
  type RuleSource,
} from "./rules";
export type { FlatChange } from "./flatten";
export { UnattendValidationError } from "./errors";
export {
  DIAGNOSTIC_CODES,
  formatPath,
  type Diagnostic,
  type DiagnosticCode,
  type DiagnosticPath,
  type PathSegment,
  type Severity,
} from "./diagnostics";
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
export { mergeUnattend, override, OVERRIDE_KEY, type UnattendLayer, type MergeResult } from "./merge";
export {
  mergeLayerInputs,
  resolveLayers,
  type UnattendLayerInput,
  type UnattendSettingsOrLayers,
  type LayerMergeResult,
  type MergedLayerInputs,
} from "./layers";
export * from "./blocks";
export * from "./delivery";
