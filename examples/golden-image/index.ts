/**
 * A golden image's autounattend.xml, composed like infrastructure: the
 * organisation's base layer, this image's layer built from blocks, and the
 * environment's layer from stack config. Layers merge in that order; a
 * setting two layers give differently fails the preview, naming both.
 *
 *   pulumi config set computerName GOLD-01
 *   pulumi config set --secret adminPassword '...'
 *   pulumi config set windowsSize 81920              # optional: MB for Windows; the rest of the disk otherwise
 *   pulumi config set domain corp.contoso.com        # optional, with joinUser and (secret) joinPassword
 *   pulumi up
 */
import * as pulumi from "@pulumi/pulumi";
import { UnattendFile } from "pulumi-unattend";
import { base } from "./base";
import { environmentLayer } from "./environment";
import { imageLayer } from "./image";

const config = new pulumi.Config();
const domain = config.get("domain");

const unattend = new UnattendFile("golden-image", {
  settings: [
    ...base,
    ...imageLayer({
      imageIndex: config.getNumber("imageIndex") ?? 6,
      windowsSize: config.getNumber("windowsSize"),
      recoverySize: config.getNumber("recoverySize") ?? 1024,
    }),
    ...environmentLayer({
      computerName: config.require("computerName"),
      adminPassword: config.requireSecret("adminPassword"),
      domain: domain
        ? { name: domain, ou: config.get("ou"), username: config.require("joinUser"), password: config.requireSecret("joinPassword") }
        : undefined,
    }),
  ],
  path: config.get("path") ?? "out/autounattend.xml",
});

/** Secret: the file holds passwords. */
export const xml = unattend.xml;
export const sha256 = unattend.sha256;
export const changes = unattend.changes;
