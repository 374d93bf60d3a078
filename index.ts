/**
 * This repository's own Pulumi program: reads `settings` (pass -> component ->
 * setting) and `architectures` from the stack's config (Pulumi.<stack>.yaml),
 * declares one UnattendFile and exports its XML and hash.
 */
import * as pulumi from "@pulumi/pulumi";
import { UnattendFile, type Architecture, type UnattendSettingsInput } from "./components";

const config = new pulumi.Config();

const file = new UnattendFile("unattend", {
  settings: config.requireObject<UnattendSettingsInput>("settings"),
  architectures: config.getObject<Architecture[]>("architectures"),
});

export const xml = file.xml;
export const sha256 = file.sha256;
