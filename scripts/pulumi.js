#!/usr/bin/env node
/**
 * `npm run pulumi -- <args>`: runs the Pulumi CLI offline against a local
 * file:// backend. Uses the `pulumi` on PATH if there is one, else builds it
 * from Go modules (tools/pulumi-cli/build.sh) into a cache outside the repo,
 * else fails saying how to install Pulumi.
 */
"use strict";
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const repo = path.resolve(__dirname, "..");

function onPath(cmd) {
  for (const dir of (process.env.PATH || "").split(path.delimiter)) {
    if (!dir) continue;
    const file = path.join(dir, cmd);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      return file;
    } catch {}
  }
  return undefined;
}

/** Where build.sh caches the CLI (keep in step with tools/pulumi-cli/build.sh). */
function cacheBin() {
  const version = fs.readFileSync(path.join(repo, "tools/pulumi-cli/VERSION"), "utf8").trim();
  const cache =
    process.env.PULUMI_UNATTEND_CACHE ||
    path.join(process.env.XDG_CACHE_HOME || path.join(require("node:os").homedir(), ".cache"), "pulumi-unattend");
  return path.join(cache, `pulumi-${version}`, "bin");
}

/** Finds or builds the CLI; returns the folder that holds `pulumi` (and a Node.js language host). */
function ensureCli() {
  const existing = onPath("pulumi");
  if (existing && onPath("pulumi-language-nodejs")) return path.dirname(existing);
  const cached = cacheBin();
  if (["pulumi", "pulumi-language-nodejs", "pulumi-resource-pulumi-nodejs"].every((f) => fs.existsSync(path.join(cached, f)))) {
    return cached;
  }
  if (!onPath("go")) {
    fail(
      "No Pulumi CLI found on PATH, and Go is not installed to build one.\n" +
        "Install Pulumi (https://www.pulumi.com/docs/install/) or Go >= 1.25, then run this again.",
    );
  }
  process.stderr.write("pulumi-unattend: building the Pulumi CLI from Go modules (once; cached)...\n");
  const build = spawnSync("bash", [path.join(repo, "tools/pulumi-cli/build.sh")], {
    stdio: ["ignore", "pipe", "inherit"],
    encoding: "utf8",
  });
  if (build.status !== 0) {
    fail(
      "Building the Pulumi CLI failed (see above). Install Pulumi instead: https://www.pulumi.com/docs/install/",
    );
  }
  return build.stdout.trim().split("\n").pop();
}

function fail(message) {
  process.stderr.write(`pulumi-unattend: ${message}\n`);
  process.exit(1);
}

/** The environment for offline use with a file backend in the repo. */
function pulumiEnv(binDir) {
  const env = { ...process.env };
  env.PATH = [binDir, env.PATH].join(path.delimiter);
  env.PULUMI_SKIP_UPDATE_CHECK = "true";
  env.PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION = "true";
  env.PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK = env.PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK || "true";
  if (!env.PULUMI_BACKEND_URL) {
    const state = path.join(repo, ".pulumi-state");
    fs.mkdirSync(state, { recursive: true });
    env.PULUMI_BACKEND_URL = `file://${state}`;
  }
  // The dev stack's secrets are encrypted with this passphrase: local use only.
  if (env.PULUMI_CONFIG_PASSPHRASE === undefined && env.PULUMI_CONFIG_PASSPHRASE_FILE === undefined) {
    env.PULUMI_CONFIG_PASSPHRASE = "pulumi-unattend-dev";
  }
  return env;
}

function run(args, options = {}) {
  const binDir = ensureCli();
  const result = spawnSync(path.join(binDir, "pulumi"), args, {
    stdio: "inherit",
    cwd: repo,
    env: pulumiEnv(binDir),
    ...options,
  });
  if (result.error) fail(result.error.message);
  return result.status ?? 1;
}

module.exports = { ensureCli, pulumiEnv, run };

if (require.main === module) {
  process.exit(run(process.argv.slice(2)));
}
