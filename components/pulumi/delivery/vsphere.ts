/**
 * vSphere: `clone.customize.windowsSysprepText` of `@pulumi/vsphere`'s
 * `VirtualMachine` (and `spec.windowsSysprepText` of `GuestOsCustomization`).
 *
 * vSphere's guest customization runs Sysprep on the clone with the whole
 * answer file given as text, instead of the answer file it would build from
 * `windowsOptions` (the two exclude each other). The text holds credentials as
 * a rule, so it is always a secret here.
 */
import * as pulumi from "@pulumi/pulumi";
import { checkAnswerFile, sourceXml, type UnattendSource } from "./common";

/**
 * The answer file as vSphere's `windowsSysprepText`: the full XML, always
 * secret. XML text (rather than an UnattendFile) is parsed and validated
 * first; an error fails the deployment with its line and column.
 * @example
 * new vsphere.VirtualMachine("ws01", {
 *   ...,
 *   clone: { templateUuid: template.id, customize: { windowsSysprepText: vsphereWindowsSysprepText(unattend) } },
 * });
 */
export function vsphereWindowsSysprepText(source: UnattendSource): pulumi.Output<string> {
  return pulumi.secret(sourceXml(source).apply((xml) => checkAnswerFile(xml, ["windowsSysprepText"])));
}
