/**
 * The environment layer: what differs per stack (dev, prod, ...), read from
 * stack config by index.ts. A computer name, a local administrator whose
 * password is a secret (one automatic logon, for the first-logon scripts),
 * and, where the environment has one, the domain.
 */
import type * as pulumi from "@pulumi/pulumi";
import { domainJoin, localAdministrator, type UnattendLayerInput } from "pulumi-unattend";

export interface Environment {
  computerName: string;
  adminPassword: pulumi.Input<string>;
  /** The domain to join, with the account that joins; no join when undefined. */
  domain?: { name: string; ou?: string; username: string; password: pulumi.Input<string> };
}

export function environmentLayer(env: Environment): UnattendLayerInput[] {
  return [
    { name: "environment", settings: { specialize: { "Microsoft-Windows-Shell-Setup": { ComputerName: env.computerName } } } },
    localAdministrator({ name: "ops", password: env.adminPassword, autoLogonCount: 1 }),
    ...(env.domain
      ? [domainJoin({ domain: env.domain.name, ou: env.domain.ou, credentials: { username: env.domain.username, password: env.domain.password } })]
      : []),
  ];
}
