/**
 * The same VM with `@pulumi/azure` (the classic provider): its
 * `WindowsVirtualMachine` takes `additionalUnattendContents` as
 * `{ setting, content }` entries.
 *
 *   npm install pulumi-unattend @pulumi/pulumi @pulumi/azure
 *   pulumi config set azure:location westeurope
 *   pulumi config set --secret adminPassword '...'
 *   pulumi up
 */
import * as pulumi from "@pulumi/pulumi";
import * as compute from "@pulumi/azure/compute";
import * as core from "@pulumi/azure/core";
import * as network from "@pulumi/azure/network";
import { azureWindowsVirtualMachineUnattendContents } from "pulumi-unattend";

const config = new pulumi.Config();
const adminUsername = "ops";
const adminPassword = config.requireSecret("adminPassword");

const group = new core.ResourceGroup("windows", {});
const vnet = new network.VirtualNetwork("windows", { resourceGroupName: group.name, addressSpaces: ["10.20.0.0/16"] });
const subnet = new network.Subnet("windows", {
  resourceGroupName: group.name,
  virtualNetworkName: vnet.name,
  addressPrefixes: ["10.20.1.0/24"],
});
const nic = new network.NetworkInterface("ws01", {
  resourceGroupName: group.name,
  ipConfigurations: [{ name: "primary", subnetId: subnet.id, privateIpAddressAllocation: "Dynamic" }],
});

const vm = new compute.WindowsVirtualMachine("ws01", {
  resourceGroupName: group.name,
  size: "Standard_D2s_v5",
  networkInterfaceIds: [nic.id],
  adminUsername,
  adminPassword,
  osDisk: { caching: "ReadWrite", storageAccountType: "Premium_LRS" },
  sourceImageReference: { publisher: "MicrosoftWindowsServer", offer: "WindowsServer", sku: "2022-datacenter-azure-edition", version: "latest" },
  additionalUnattendContents: azureWindowsVirtualMachineUnattendContents({
    oobeSystem: {
      "Microsoft-Windows-Shell-Setup": {
        AutoLogon: { Enabled: true, LogonCount: 1, Username: adminUsername, Password: adminPassword },
        FirstLogonCommands: [{ CommandLine: "powershell -NoProfile -Command Enable-PSRemoting -Force", Description: "remoting" }],
      },
    },
  }),
});

export const vmId = vm.id;
