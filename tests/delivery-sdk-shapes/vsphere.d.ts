/**
 * The part of `@pulumi/vsphere` (v4.17.0, Apache-2.0) that examples/vsphere
 * uses, declared by this project from the package's documented API
 * (https://www.pulumi.com/registry/packages/vsphere/api-docs/virtualmachine/):
 * the npm registry reachable from this project's machines and CI answers
 * 404 for @pulumi/vsphere, so the real package cannot be installed here.
 *
 * This declaration shadows the real package's types: if @pulumi/vsphere is
 * ever installed, delete this file (tests/delivery.test.ts fails until then).
 * Written by this project, not copied from the package.
 */
declare module "@pulumi/vsphere" {
  import * as pulumi from "@pulumi/pulumi";

  export namespace types.input {
    /** `clone.customize`: guest customization of the clone. */
    interface VirtualMachineCloneCustomize {
      /** A whole Windows answer file (sysprep text); excludes `windowsOptions`. */
      windowsSysprepText?: pulumi.Input<string>;
      /** Minutes to wait for customization to finish (vSphere's default 10). */
      timeout?: pulumi.Input<number>;
      /** Network settings applied by customization, one per network interface. */
      networkInterfaces?: pulumi.Input<pulumi.Input<{ ipv4Address?: pulumi.Input<string>; ipv4Netmask?: pulumi.Input<number> }>[]>;
      /** The IPv4 default gateway. */
      ipv4Gateway?: pulumi.Input<string>;
    }
    /** `clone`: the template to clone and how. */
    interface VirtualMachineClone {
      /** The UUID of the template (or virtual machine) to clone. */
      templateUuid: pulumi.Input<string>;
      /** A linked clone (from the template's snapshot). */
      linkedClone?: pulumi.Input<boolean>;
      /** Guest customization of the clone. */
      customize?: pulumi.Input<VirtualMachineCloneCustomize>;
    }
    /** A network interface. */
    interface VirtualMachineNetworkInterface {
      /** The managed object ID of the network. */
      networkId: pulumi.Input<string>;
      /** e.g. "vmxnet3". */
      adapterType?: pulumi.Input<string>;
    }
    /** A virtual disk. */
    interface VirtualMachineDisk {
      /** The disk's label. */
      label?: pulumi.Input<string>;
      /** Size in GB. */
      size?: pulumi.Input<number>;
      /** Thin provisioned. */
      thinProvisioned?: pulumi.Input<boolean>;
    }
  }

  /** The arguments of a VirtualMachine (the part the example uses). */
  export interface VirtualMachineArgs {
    /** The managed object ID of the resource pool. */
    resourcePoolId: pulumi.Input<string>;
    /** The virtual machine's name. */
    name?: pulumi.Input<string>;
    /** The managed object ID of the datastore. */
    datastoreId?: pulumi.Input<string>;
    /** The managed object ID of the folder. */
    folder?: pulumi.Input<string>;
    /** Number of virtual CPUs. */
    numCpus?: pulumi.Input<number>;
    /** Memory in MB. */
    memory?: pulumi.Input<number>;
    /** The guest OS identifier, e.g. "windows2019srvNext_64Guest". */
    guestId?: pulumi.Input<string>;
    /** "bios" or "efi". */
    firmware?: pulumi.Input<string>;
    /** Network interfaces. */
    networkInterfaces?: pulumi.Input<pulumi.Input<types.input.VirtualMachineNetworkInterface>[]>;
    /** Virtual disks. */
    disks?: pulumi.Input<pulumi.Input<types.input.VirtualMachineDisk>[]>;
    /** Create the virtual machine by cloning a template. */
    clone?: pulumi.Input<types.input.VirtualMachineClone>;
  }

  /** A vSphere virtual machine. */
  export class VirtualMachine extends pulumi.CustomResource {
    constructor(name: string, args: VirtualMachineArgs, opts?: pulumi.CustomResourceOptions);
    /** The virtual machine's UUID. */
    readonly uuid: pulumi.Output<string>;
    /** The default IP address. */
    readonly defaultIpAddress: pulumi.Output<string>;
  }
}
