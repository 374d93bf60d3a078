/**
 * A Windows Server VM on Azure (azure-native) that logs the administrator on
 * once and runs two commands at that first logon, both handed to Azure as
 * `additionalUnattendContent`. Azure writes the rest of the answer file
 * itself; it takes only AutoLogon and FirstLogonCommands, each under 4 KB.
 *
 *   npm install pulumi-unattend @pulumi/pulumi @pulumi/azure-native
 *   pulumi config set azure-native:location westeurope
 *   pulumi config set --secret adminPassword '...'
 *   pulumi up
 */
import * as pulumi from "@pulumi/pulumi";
import * as compute from "@pulumi/azure-native/compute";
import * as network from "@pulumi/azure-native/network";
import * as resources from "@pulumi/azure-native/resources";
import { azureAdditionalUnattendContent } from "pulumi-unattend";

const config = new pulumi.Config();
const adminUsername = "ops";
const adminPassword = config.requireSecret("adminPassword");

const group = new resources.ResourceGroup("windows");
const vnet = new network.VirtualNetwork("windows", {
  resourceGroupName: group.name,
  addressSpace: { addressPrefixes: ["10.20.0.0/16"] },
});
const subnet = new network.Subnet("windows", {
  resourceGroupName: group.name,
  virtualNetworkName: vnet.name,
  addressPrefix: "10.20.1.0/24",
});
const nic = new network.NetworkInterface("ws01", {
  resourceGroupName: group.name,
  ipConfigurations: [{ name: "primary", subnet: { id: subnet.id } }],
});

// Secret: AutoLogon holds the password (and adminPassword is a secret anyway).
const additionalUnattendContent = azureAdditionalUnattendContent({
  oobeSystem: {
    "Microsoft-Windows-Shell-Setup": {
      AutoLogon: { Enabled: true, LogonCount: 1, Username: adminUsername, Password: adminPassword },
      FirstLogonCommands: [
        { CommandLine: "powershell -NoProfile -Command Enable-PSRemoting -Force", Description: "remoting" },
        { CommandLine: "cmd /c reg add HKLM\\Software\\Contoso /v Provisioned /t REG_DWORD /d 1 /f", Description: "marker" },
      ],
    },
  },
});

const vm = new compute.VirtualMachine("ws01", {
  resourceGroupName: group.name,
  hardwareProfile: { vmSize: "Standard_D2s_v5" },
  networkProfile: { networkInterfaces: [{ id: nic.id, primary: true }] },
  storageProfile: {
    imageReference: { publisher: "MicrosoftWindowsServer", offer: "WindowsServer", sku: "2022-datacenter-azure-edition", version: "latest" },
    osDisk: { createOption: "FromImage", managedDisk: { storageAccountType: "Premium_LRS" } },
  },
  osProfile: {
    computerName: "ws01",
    adminUsername,
    adminPassword,
    windowsConfiguration: { provisionVMAgent: true, additionalUnattendContent },
  },
});

export const vmId = vm.id;
