/**
 * This repository's own Pulumi program: reads `settings` (pass -> component ->
 * setting), `architectures`, `path`, and optionally `perArchitecture`,
 * `unvalidated` and `extras` (see UnattendFileArgs) from the stack's config
 * (Pulumi.<stack>.yaml), declares one UnattendFile that writes the file there,
 * and exports its XML, hash and the settings changed by the last update.
 */
import * as nodePath from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { UnattendFile, type Architecture, type ExtraXml, type UnattendSettingsInput, type UnvalidatedSettings } from "./components";

const config = new pulumi.Config();

/** `path` in the config is relative to the project folder (where Pulumi.yaml and this file are). */
const configuredPath = config.get("path");
const path = configuredPath && nodePath.relative(process.cwd(), nodePath.resolve(__dirname, configuredPath));

const file = new UnattendFile("unattend", {
  settings: config.requireObject<UnattendSettingsInput>("settings"),
  architectures: config.getObject<Architecture[]>("architectures"),
  perArchitecture: config.getObject<Partial<Record<Architecture, UnattendSettingsInput>>>("perArchitecture"),
  unvalidated: config.getObject<UnvalidatedSettings>("unvalidated"),
  extras: config.getObject<ExtraXml[]>("extras"),
  path,
});

export const xml = file.xml;
export const sha256 = file.sha256;
export const filePath = file.path;
export const changes = file.changes;
