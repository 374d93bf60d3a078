/**
 * KubeVirt: a `sysprep` volume backed by a Kubernetes Secret.
 *
 * KubeVirt turns a sysprep volume (a ConfigMap or a Secret) into a CD-ROM
 * image and requires it to hold a file named `autounattend.xml` or
 * `unattend.xml` (compared without regard to case): KubeVirt's
 * `pkg/config/sysprep.go` (`autounattendFilename`, `unattendFilename`,
 * `validateUnattendPresence`) and its user guide, "Startup Scripts" ->
 * "Sysprep" (https://kubevirt.io/user-guide/user_workloads/startup_scripts/#sysprep),
 * where `autounattend.xml` installs Windows from installation media and
 * `unattend.xml` configures a generalised (sysprepped) image.
 *
 * A Secret rather than a ConfigMap, since answer files hold credentials; its
 * data is always a Pulumi secret. Kubernetes limits a Secret to 1 MiB
 * (https://kubernetes.io/docs/concepts/configuration/secret/#restriction-data-size).
 */
import * as pulumi from "@pulumi/pulumi";
import type { Diagnostic } from "../../core/diagnostics";
import { diagnostic } from "../../core/diagnostics";
import { throwIfErrors } from "../../core/errors";
import { checkAnswerFile, sourceXml, type UnattendSource } from "./common";

/** The Secret keys KubeVirt looks for, by what the file is for. */
export const KUBEVIRT_SYSPREP_FILES = {
  /** Installation from Windows media (Windows Setup's windowsPE pass reads it). */
  autounattend: "autounattend.xml",
  /** A generalised (sysprepped) image, configured on first boot. */
  unattend: "unattend.xml",
} as const;

/** Kubernetes' limit on one Secret, in bytes. */
export const KUBERNETES_SECRET_MAX_BYTES = 1024 * 1024;

/** A DNS subdomain (RFC 1123), as Kubernetes requires of a Secret's name. */
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** The Secret and volume names of kubevirtSysprep. */
export interface KubevirtSysprepNames {
  /**
   * The Secret's name (a DNS subdomain: lowercase letters, digits, "-" and
   * ".", at most 253 characters), referenced by the volume.
   * @example name: "win11-sysprep"
   */
  name: pulumi.Input<string>;
  /**
   * The Secret's namespace: the VirtualMachine's.
   * @default undefined (the provider's default namespace)
   * @example namespace: "vms"
   */
  namespace?: pulumi.Input<string>;
  /**
   * The name of the volume and of its CD-ROM disk in the VirtualMachine.
   * @default "sysprep"
   * @example volumeName: "answers"
   */
  volumeName?: string;
}

/** The answer files of kubevirtSysprep: at least one of the two. */
export interface KubevirtSysprepFiles {
  /**
   * The answer file for installing Windows from its media, written as
   * `autounattend.xml`.
   * @default undefined (no autounattend.xml)
   * @example autounattend: new UnattendFile("install", { settings: { windowsPE: { ... } } })
   */
  autounattend?: UnattendSource;
  /**
   * The answer file for a generalised (sysprepped) image, written as `unattend.xml`.
   * @default undefined (no unattend.xml)
   * @example unattend: new UnattendFile("first-boot", { settings: { oobeSystem: { ... } } })
   */
  unattend?: UnattendSource;
}

/**
 * The arguments of kubevirtSysprep: the names, and `autounattend` and/or `unattend`.
 * @example { name: "win11-sysprep", namespace: "vms", unattend }
 */
export type KubevirtSysprepArgs = KubevirtSysprepNames &
  KubevirtSysprepFiles &
  (
    | {
        /**
         * The answer file written as `autounattend.xml`: required unless `unattend` is given.
         * @example autounattend: new UnattendFile("install", { settings: { windowsPE: { ... } } })
         */
        autounattend: UnattendSource;
      }
    | {
        /**
         * The answer file written as `unattend.xml`: required unless `autounattend` is given.
         * @example unattend: new UnattendFile("first-boot", { settings: { oobeSystem: { ... } } })
         */
        unattend: UnattendSource;
      }
  );

/** The arguments of a `kubernetes.core.v1.Secret` holding the answer files. */
export interface KubevirtSysprepSecretArgs {
  /**
   * The Secret's name and namespace.
   * @example metadata: { name: "win11-sysprep", namespace: "vms" }
   */
  metadata: {
    /**
     * The Secret's name: kubevirtSysprep's `name`.
     * @example name: "win11-sysprep"
     */
    name: pulumi.Input<string>;
    /**
     * The Secret's namespace: kubevirtSysprep's `namespace`.
     * @default undefined (the provider's default namespace)
     * @example namespace: "vms"
     */
    namespace?: pulumi.Input<string>;
  };
  /**
   * Always "Opaque".
   * @example type: "Opaque"
   */
  type: "Opaque";
  /**
   * File name -> base64 of the file's UTF-8 bytes. Always secret.
   * @example data: { "unattend.xml": "PD94bWwg..." }
   */
  data: pulumi.Output<Record<string, string>>;
}

/** An entry of the VirtualMachine's `spec.template.spec.volumes`. */
export interface KubevirtSysprepVolume {
  /** The volume's name, the same as the disk's. */
  name: string;
  /** The sysprep volume source: the Secret by name. */
  sysprep: { secret: { name: pulumi.Input<string> } };
}

/** An entry of the VirtualMachine's `spec.template.spec.domain.devices.disks`. */
export interface KubevirtSysprepDisk {
  /** The disk's name, the same as the volume's. */
  name: string;
  /** A CD-ROM on the SATA bus, as KubeVirt's Windows examples attach it. */
  cdrom: { bus: "sata" };
}

/** What kubevirtSysprep returns. */
export interface KubevirtSysprep {
  /** For `new k8s.core.v1.Secret(name, secret)`. */
  secret: KubevirtSysprepSecretArgs;
  /** For the VirtualMachine's `spec.template.spec.volumes`. */
  volume: KubevirtSysprepVolume;
  /** For the VirtualMachine's `spec.template.spec.domain.devices.disks`. */
  disk: KubevirtSysprepDisk;
}

/**
 * The Secret, volume and disk that hand answer files to a KubeVirt
 * VirtualMachine. XML text is parsed and validated first (errors fail the
 * deployment with their line and column); the Secret's name is checked
 * against Kubernetes' rules and its size against Kubernetes' 1 MiB limit.
 * @example
 * const sysprep = kubevirtSysprep({ name: "win11-sysprep", unattend });
 * new k8s.core.v1.Secret("win11-sysprep", sysprep.secret);
 * // spec.template.spec.volumes: [..., sysprep.volume]; domain.devices.disks: [..., sysprep.disk]
 */
export function kubevirtSysprep(args: KubevirtSysprepArgs): KubevirtSysprep {
  const volumeName = args.volumeName ?? "sysprep";
  const problems: Diagnostic[] = [];
  if (typeof volumeName !== "string" || volumeName === "") {
    problems.push(diagnostic("error", "target-name", ["volumeName"], `volumeName must be a non-empty string; got ${JSON.stringify(volumeName)}.`));
  }
  const given: KubevirtSysprepFiles = args;
  if (given.autounattend === undefined && given.unattend === undefined) {
    problems.push(
      diagnostic(
        "error",
        "target-empty",
        ["unattend"],
        `Give autounattend (installing from Windows media, written as ${KUBEVIRT_SYSPREP_FILES.autounattend}) and/or unattend ` +
          `(a sysprepped image, written as ${KUBEVIRT_SYSPREP_FILES.unattend}): KubeVirt refuses a sysprep volume without either.`,
      ),
    );
  }
  throwIfErrors(problems);
  if (typeof args.name === "string") checkSecretName(args.name); // now, not only at deployment

  const files: pulumi.Output<[string, string]>[] = [];
  for (const key of ["autounattend", "unattend"] as const) {
    const source = given[key];
    if (source === undefined) continue;
    const file = KUBEVIRT_SYSPREP_FILES[key];
    files.push(sourceXml(source).apply((xml) => [file, checkAnswerFile(xml, [key])] as [string, string]));
  }
  const name = pulumi.output(args.name).apply(checkSecretName);
  const data = pulumi.all(files).apply((entries) => {
    const bytes = entries.reduce((sum, [, xml]) => sum + Buffer.byteLength(xml, "utf8"), 0);
    if (bytes > KUBERNETES_SECRET_MAX_BYTES) {
      throwIfErrors([
        diagnostic(
          "error",
          "target-too-large",
          ["secret", "data"],
          `The answer files are ${bytes} bytes; a Kubernetes Secret holds at most 1 MiB (${KUBERNETES_SECRET_MAX_BYTES} bytes).`,
        ),
      ]);
    }
    return Object.fromEntries(entries.map(([file, xml]) => [file, Buffer.from(xml, "utf8").toString("base64")]));
  });
  return {
    secret: {
      metadata: args.namespace === undefined ? { name } : { name, namespace: args.namespace },
      type: "Opaque",
      data: pulumi.secret(data),
    },
    volume: { name: volumeName, sysprep: { secret: { name } } },
    disk: { name: volumeName, cdrom: { bus: "sata" } },
  };
}

function checkSecretName(name: unknown): string {
  if (typeof name !== "string" || name.length > 253 || !DNS_SUBDOMAIN.test(name)) {
    throwIfErrors([
      diagnostic(
        "error",
        "target-name",
        ["name"],
        `The Secret's name ${JSON.stringify(name)} is not valid in Kubernetes: a DNS subdomain is lowercase letters, digits, "-" and ".", ` +
          `starts and ends with a letter or digit, and has at most 253 characters (e.g. "win11-sysprep").`,
      ),
    ]);
  }
  return name as string;
}
