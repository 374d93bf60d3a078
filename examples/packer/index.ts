/**
 * Autounattend.xml for a Packer build of a Windows Server image: this program
 * writes the file (settings.ts: blocks, among them winrm for Packer's
 * communicator), and Packer's `cd_files` puts it at the root of a CD, where
 * Windows Setup finds it by itself (windows.pkr.hcl).
 *
 *   npm install pulumi-unattend @pulumi/pulumi
 *   pulumi config set --secret buildPassword '...'   # the same as Packer's winrm_password
 *   pulumi up                                         # writes out/Autounattend.xml
 *   packer build -var "unattend_path=$(pulumi stack output unattendPath)" -var "winrm_password=..." .
 *
 * Without Pulumi, `unattend render unattend.yaml -o out/Autounattend.xml` writes
 * the same file from unattend.yaml.
 */
import * as pulumi from "@pulumi/pulumi";
import { UnattendFile, packerMediaFile } from "pulumi-unattend";
import { ANSWER_FILE, installLayers } from "./settings";

const config = new pulumi.Config();
const buildPassword = config.requireSecret("buildPassword");

const unattend = new UnattendFile("autounattend", {
  path: ANSWER_FILE,
  settings: installLayers(buildPassword),
  architectures: ["amd64"],
});

/** The file's absolute path, checked to be named Autounattend.xml. */
export const unattendPath = packerMediaFile(unattend);
export const sha256 = unattend.sha256;
