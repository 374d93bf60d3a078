/**
 * A Windows VM cloned from a vSphere template and customised by vSphere with a
 * whole answer file: `clone.customize.windowsSysprepText` takes the XML itself
 * (it replaces `windowsOptions`), kept secret since it holds the
 * administrator's password.
 *
 *   npm install pulumi-unattend @pulumi/pulumi @pulumi/vsphere
 *   pulumi config set vsphere:vsphereServer vcenter.example.com   # and vsphere:user, --secret vsphere:password
 *   pulumi config set resourcePoolId resgroup-10; pulumi config set datastoreId datastore-11
 *   pulumi config set networkId network-12; pulumi config set templateUuid 4217...
 *   pulumi config set --secret adminPassword '...'
 *   pulumi up
 */
import * as pulumi from "@pulumi/pulumi";
import * as vsphere from "@pulumi/vsphere";
import { UnattendFile, vsphereWindowsSysprepText } from "pulumi-unattend";

const config = new pulumi.Config();
const adminPassword = config.requireSecret("adminPassword");

// vSphere runs Sysprep on the clone: the specialize and oobeSystem passes apply.
const unattend = new UnattendFile("ws01", {
  settings: {
    specialize: {
      "Microsoft-Windows-Shell-Setup": { ComputerName: "WS-01", TimeZone: "UTC" },
    },
    oobeSystem: {
      "Microsoft-Windows-Shell-Setup": {
        OOBE: { HideEULAPage: true, HideOnlineAccountScreens: true, ProtectYourPC: 3 },
        UserAccounts: { AdministratorPassword: { Value: adminPassword, PlainText: false } },
      },
    },
  },
});

const vm = new vsphere.VirtualMachine("ws01", {
  resourcePoolId: config.require("resourcePoolId"),
  datastoreId: config.require("datastoreId"),
  numCpus: 2,
  memory: 8192,
  guestId: "windows2019srvNext_64Guest",
  firmware: "efi",
  networkInterfaces: [{ networkId: config.require("networkId"), adapterType: "vmxnet3" }],
  disks: [{ label: "disk0", size: 80, thinProvisioned: true }],
  clone: {
    templateUuid: config.require("templateUuid"),
    customize: { windowsSysprepText: vsphereWindowsSysprepText(unattend), timeout: 30 },
  },
});

export const ip = vm.defaultIpAddress;
