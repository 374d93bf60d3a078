/**
 * pulumi-unattend: Windows answer files (unattend.xml) as typed, validated
 * Pulumi components. Everything of `pulumi-unattend/core` (the pure
 * functions, loaded on first use, and the building blocks), plus what needs
 * Pulumi: UnattendFile, and the hand-offs to the places answer files go.
 *
 * The whole API, by use:
 *
 * - In a Pulumi program: `new UnattendFile(name, { settings, path })`, with
 *   `settings` one settings object or layers (building blocks and your own).
 * - Building blocks, each returning a layer: `localAdministrator`,
 *   `domainJoin`, `diskLayout.uefi`, `commands.specialize`, `edition`, ...
 * - Without Pulumi (also `pulumi-unattend/core`): `renderUnattend`,
 *   `validateUnattend`, `parseUnattend`, `validateUnattendXml`,
 *   `importUnattend`; layers with `mergeUnattend` and `override`; the
 *   installation media with `readWindowsImage` and `checkUnattendMedia`.
 *   The checks return `{ diagnostics }`; rendering throws
 *   `UnattendValidationError`; `formatPath` prints a diagnostic's path.
 * - Delivery: `azureAdditionalUnattendContent`,
 *   `azureWindowsVirtualMachineUnattendContents`, `vsphereWindowsSysprepText`,
 *   `packerMediaFile`, `kubevirtSysprep`.
 *
 * @packageDocumentation
 * @module pulumi-unattend
 */
export * from "./pure";
export { UnattendFile, type UnattendFileArgs } from "./pulumi/unattendFile";
export type { SettingChange, UnattendDocumentInput } from "./core/args";
export type { UnattendLayerInput, UnattendSettingsOrLayers } from "./core/args";
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
