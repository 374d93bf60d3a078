/**
 * Compile-only checks: what each delivery call returns is assignable to the
 * input of the provider SDK that takes it. This file is part of the build
 * (`npm run build` fails on a type error) and is never run; the examples
 * (examples/<target>/index.ts) check the same in context. The lines that
 * must NOT compile are in tests/delivery-targets.test.ts.
 */
import * as pulumi from "@pulumi/pulumi";
import type * as azureNative from "@pulumi/azure-native/types/input";
import type * as azureClassicCompute from "@pulumi/azure/compute";
import type * as s3 from "@pulumi/aws/s3";
import type * as storage from "@pulumi/azure-native/storage";
import type * as corev1 from "@pulumi/kubernetes/core/v1";
import type * as vsphere from "@pulumi/vsphere";
import {
  UnattendFile,
  azureAdditionalUnattendContent,
  azureWindowsVirtualMachineUnattendContents,
  kubevirtSysprep,
  packerMediaFile,
  vsphereWindowsSysprepText,
  type AzureUnattendSettingsInput,
} from "../components";

type Input<T> = pulumi.Input<T>;

export function sdkTypeChecks(settings: AzureUnattendSettingsInput, file: UnattendFile): unknown[] {
  // azure-native: VirtualMachine and VirtualMachineScaleSet share the type of additionalUnattendContent
  const native: azureNative.compute.WindowsConfigurationArgs["additionalUnattendContent"] = azureAdditionalUnattendContent(settings);
  const nativeEntry: Input<azureNative.compute.AdditionalUnattendContentArgs> = azureAdditionalUnattendContent(settings).apply((a) => a[0]);
  // @pulumi/azure (classic): WindowsVirtualMachine and WindowsVirtualMachineScaleSet
  const classicVm: azureClassicCompute.WindowsVirtualMachineArgs["additionalUnattendContents"] = azureWindowsVirtualMachineUnattendContents(settings);
  const classicVmss: azureClassicCompute.WindowsVirtualMachineScaleSetArgs["additionalUnattendContents"] =
    azureWindowsVirtualMachineUnattendContents(settings);
  // vSphere (declared shape: @pulumi/vsphere cannot be installed here)
  const customize: vsphere.types.input.VirtualMachineCloneCustomize = { windowsSysprepText: vsphereWindowsSysprepText(file) };
  // KubeVirt: a Kubernetes Secret
  const sysprep = kubevirtSysprep({ name: "sysprep", unattend: file });
  const secret: corev1.SecretArgs = sysprep.secret;
  // Packer: a path
  const cdFile: pulumi.Output<string> = packerMediaFile(file);
  // object storage: any provider that takes an Asset
  const bucketObject: s3.BucketObjectArgs["source"] = file.asset;
  const bucketObjectV2: s3.BucketObjectv2Args["source"] = file.asset;
  const blob: storage.BlobArgs["source"] = file.asset;
  return [native, nativeEntry, classicVm, classicVmss, customize, secret, cdFile, bucketObject, bucketObjectV2, blob];
}
