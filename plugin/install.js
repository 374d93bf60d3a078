// Run by `npm install` here, which the Pulumi CLI does when it loads this package (pulumi package
// add, packages: in a Pulumi.yaml). The library this package hosts is the repository around it:
// on a fresh clone, install the repository's dependencies and build it, once. In a checkout that
// has both, this does nothing.
"use strict";
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
function run(args) {
  const r = spawnSync(npm, args, { cwd: root, stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
if (!fs.existsSync(path.join(root, "node_modules", "@pulumi", "pulumi", "package.json"))) run(["ci", "--no-audit", "--no-fund"]);
if (!fs.existsSync(path.join(root, "lib", "pulumi", "unattendFile.js"))) run(["run", "build:lib"]);
