/**
 * pulumi-unattend: Windows answer files (unattend.xml) as typed, validated
 * Pulumi components. Everything of `pulumi-unattend/core` (the pure
 * functions, loaded on first use), plus what needs Pulumi: UnattendFile,
 * layers with Pulumi Inputs, and the hand-offs to the places answer files go.
 */
export * from "./pure";
export { UnattendFile, type UnattendFileArgs } from "./pulumi/unattendFile";
export type { SettingChange, UnattendDocumentInput } from "./core/args";
export {
  mergeLayerInputs,
  resolveLayers,
  type UnattendLayerInput,
  type UnattendSettingsOrLayers,
  type LayerMergeResult,
  type MergedLayerInputs,
} from "./pulumi/layers";
export * from "./pulumi/delivery";
