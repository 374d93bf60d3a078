/**
 * A Windows VirtualMachine on KubeVirt booted from a generalised (sysprepped)
 * disk image, configured on first boot by an answer file handed over in a
 * `sysprep` volume. The file holds the administrator's password, so it goes
 * into a Kubernetes Secret (not a ConfigMap) as `unattend.xml`, the name
 * KubeVirt looks for (`autounattend.xml` for installing from Windows media).
 *
 *   npm install pulumi-unattend @pulumi/pulumi @pulumi/kubernetes
 *   pulumi config set --secret adminPassword '...'
 *   pulumi up   # against a cluster with KubeVirt installed
 */
import * as pulumi from "@pulumi/pulumi";
import * as apiextensions from "@pulumi/kubernetes/apiextensions";
import * as corev1 from "@pulumi/kubernetes/core/v1";
import { UnattendFile, kubevirtSysprep } from "pulumi-unattend";

const config = new pulumi.Config();
const adminPassword = config.requireSecret("adminPassword");
const namespace = "vms";

const unattend = new UnattendFile("win2022", {
  settings: {
    specialize: { "Microsoft-Windows-Shell-Setup": { ComputerName: "WIN2022-01", TimeZone: "UTC" } },
    oobeSystem: {
      "Microsoft-Windows-Shell-Setup": {
        OOBE: { HideEULAPage: true, HideOnlineAccountScreens: true, ProtectYourPC: 3 },
        UserAccounts: { AdministratorPassword: { Value: adminPassword, PlainText: false } },
      },
    },
  },
});

const sysprep = kubevirtSysprep({ name: "win2022-sysprep", namespace, unattend });
const secret = new corev1.Secret("win2022-sysprep", sysprep.secret);

new apiextensions.CustomResource(
  "win2022",
  {
    apiVersion: "kubevirt.io/v1",
    kind: "VirtualMachine",
    metadata: { name: "win2022", namespace },
    spec: {
      runStrategy: "Always",
      template: {
        spec: {
          domain: {
            cpu: { cores: 2 },
            resources: { requests: { memory: "8Gi" } },
            devices: {
              disks: [{ name: "rootdisk", disk: { bus: "virtio" } }, sysprep.disk],
            },
          },
          volumes: [{ name: "rootdisk", persistentVolumeClaim: { claimName: "win2022-golden" } }, sysprep.volume],
        },
      },
    },
  },
  { dependsOn: [secret] },
);
