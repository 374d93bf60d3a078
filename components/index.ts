/**
 * pulumi-unattend: Windows answer files (unattend.xml) as typed, validated
 * Pulumi components. Everything of `pulumi-unattend/core` (the pure
 * functions, loaded on first use, and the building blocks), plus what needs
 * Pulumi: UnattendFile, and the hand-offs to the places answer files go.
 *
 * @packageDocumentation
 * @module pulumi-unattend
 */
export * from "./pure";
export { UnattendFile, type UnattendFileArgs } from "./pulumi/unattendFile";
export type { SettingChange } from "./core/args";
export { resolveLayers, type UnattendLayerInput, type UnattendSettingsOrLayers, type LayeredArgs, type MergedLayerInputs } from "./pulumi/layers";
export {
  azureAdditionalUnattendContent,
  azureWindowsVirtualMachineUnattendContents,
  kubevirtSysprep,
  packerMediaFile,
  vsphereWindowsSysprepText,
  type AzureClassicUnattendContent,
  type AzureNativeUnattendContent,
  type AzureUnattendSettingName,
  type AzureUnattendSettingsInput,
  type KubevirtSysprep,
  type KubevirtSysprepArgs,
  type KubevirtSysprepDisk,
  type KubevirtSysprepFiles,
  type KubevirtSysprepNames,
  type KubevirtSysprepSecretArgs,
  type KubevirtSysprepVolume,
  type UnattendSource,
} from "./pulumi/delivery";
