/**
 * Delivery: the answer file handed to the places where Windows images are
 * built and machines are made, one typed call per target, each checked
 * against the target's limits.
 */
export { type UnattendSource } from "./common";
export {
  AZURE_UNATTEND_CONTENT_MAX_BYTES,
  AZURE_UNATTEND_SETTINGS,
  azureAdditionalUnattendContent,
  azureWindowsVirtualMachineUnattendContents,
  renderAzureUnattendContent,
  type AzureClassicUnattendContent,
  type AzureNativeUnattendContent,
  type AzureUnattendFragment,
  type AzureUnattendRender,
  type AzureUnattendSettingName,
  type AzureUnattendSettings,
  type AzureUnattendSettingsInput,
} from "./azure";
export { vsphereWindowsSysprepText } from "./vsphere";
export {
  KUBERNETES_SECRET_MAX_BYTES,
  KUBEVIRT_SYSPREP_FILES,
  kubevirtSysprep,
  type KubevirtSysprep,
  type KubevirtSysprepArgs,
  type KubevirtSysprepFiles,
  type KubevirtSysprepNames,
  type KubevirtSysprepDisk,
  type KubevirtSysprepSecretArgs,
  type KubevirtSysprepVolume,
} from "./kubevirt";
export { REMOVABLE_MEDIA_ANSWER_FILE, checkRemovableMediaFileName, packerMediaFile } from "./packer";
