#!/usr/bin/env node
/**
 * `npm run pulumi -- <args>`: runs the Pulumi CLI offline against a local
 * file:// backend. Uses the `pulumi` on PATH if there is one, else builds it
 * from Go modules (tools/pulumi-cli/build.sh) into a cache outside the repo,
 * with the official Node.js language host when ../shared has its source, else
 * fails saying how to install Pulumi.
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
    } catch {
      // not there, or not executable: look further along PATH
    }
  }
  return undefined;
}

/** The cache root and version that build.sh uses (keep in step with tools/pulumi-cli/build.sh). */
function cacheRoot() {
  return (
    process.env.PULUMI_UNATTEND_CACHE || path.join(process.env.XDG_CACHE_HOME || path.join(require("node:os").homedir(), ".cache"), "pulumi-unattend")
  );
}
function version() {
  return fs.readFileSync(path.join(repo, "tools/pulumi-cli/VERSION"), "utf8").trim();
}
/** The CLI with our minimal Node.js host (the fallback). */
function cacheBin() {
  return path.join(cacheRoot(), `pulumi-${version()}`, "bin");
}
/** The CLI with the official hosts built from ../shared. */
function hostsBin() {
  return path.join(cacheRoot(), `hosts-${version()}`, "bin");
}
/** The shared folder beside the repo, with the official hosts' source. */
function sharedDir() {
  return process.env.PULUMI_UNATTEND_SHARED || path.resolve(repo, "..", "shared");
}

const complete = (dir, files) => files.every((f) => fs.existsSync(path.join(dir, f)));
const CLI_FILES = ["pulumi", "pulumi-language-nodejs", "pulumi-resource-pulumi-nodejs"];
/** What the Python host starts, beside it. */
const PYTHON_SCRIPTS = ["pulumi-language-python-exec", "pulumi-resource-pulumi-python"];

/** Runs build.sh (with an optional host: "go", "yaml" or "python"); returns the folder it prints, or fails. */
function build(what) {
  if (!onPath("go")) {
    fail(
      "No Pulumi CLI found on PATH, and Go is not installed to build one.\n" +
        "Install Pulumi (https://www.pulumi.com/docs/install/) or Go >= 1.25, then run this again.",
    );
  }
  process.stderr.write(`pulumi-unattend: building ${what ? `the ${what} language host` : "the Pulumi CLI"} from Go modules (once; cached)...\n`);
  const result = spawnSync("bash", [path.join(repo, "tools/pulumi-cli/build.sh"), ...(what ? [what] : [])], {
    stdio: ["ignore", "pipe", "inherit"],
    encoding: "utf8",
  });
  if (result.status !== 0) {
    fail(
      `Building ${what ? `the ${what} language host` : "the Pulumi CLI"} failed (see above). Install Pulumi instead: https://www.pulumi.com/docs/install/`,
    );
  }
  return result.stdout.trim().split("\n").pop();
}

/**
 * Finds or builds the CLI; returns the folder that holds `pulumi` and a Node.js language host:
 * the `pulumi` on PATH; else the official host built from ../shared beside a cached CLI; else the
 * cached CLI with our minimal host (a machine without ../shared); else it builds what is missing.
 */
function ensureCli() {
  const existing = onPath("pulumi");
  if (existing && onPath("pulumi-language-nodejs")) return path.dirname(existing);
  if (complete(hostsBin(), CLI_FILES)) return hostsBin();
  const officialSource = fs.existsSync(path.join(sharedDir(), "pulumi-language-nodejs", "go.mod"));
  // (a minimal host built from an older langhost/main.go is rebuilt: seconds)
  if (!officialSource && minimalHostBin()) return cacheBin();
  return build();
}

/** Whether dir/stampFile holds the SHA-256 of the repo's source file (build.sh writes it beside what it built). */
function stampMatches(dir, stampFile, source) {
  const sum = require("node:crypto")
    .createHash("sha256")
    .update(fs.readFileSync(path.join(repo, source)))
    .digest("hex");
  const stamp = path.join(dir, stampFile);
  return fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8").trim() === sum;
}

/** The cached CLI with our minimal Node.js host, if it is built and up to date with langhost/main.go; else undefined. */
function minimalHostBin() {
  const dir = cacheBin();
  return complete(dir, CLI_FILES) && stampMatches(dir, ".langhost.sha256", "tools/pulumi-cli/langhost/main.go") ? dir : undefined;
}

/**
 * The folder with `pulumi` and the language host for `language` ("go", "yaml" or "python"; the Python
 * host comes with the two scripts it starts), building it if needed; or { skip: reason } when this
 * machine cannot have it (no ../shared, no Go).
 */
function ensureHost(language) {
  const files = [`pulumi-language-${language}`, ...(language === "python" ? PYTHON_SCRIPTS : [])];
  const existing = onPath("pulumi");
  if (existing && onPath("pulumi-language-nodejs") && files.every((f) => onPath(f))) return { bin: path.dirname(existing) };
  if (complete(hostsBin(), [...CLI_FILES, ...files])) return { bin: hostsBin() };
  if (!fs.existsSync(path.join(sharedDir(), "pulumi-language-nodejs", "go.mod"))) {
    return {
      skip: `no official Node.js language host source at ${path.join(sharedDir(), "pulumi-language-nodejs")} (it hosts the component package)`,
    };
  }
  if (language !== "yaml" && !fs.existsSync(path.join(sharedDir(), `pulumi-language-${language}`, "go.mod"))) {
    return { skip: `no ${language === "go" ? "Go" : "Python"} language host source at ${path.join(sharedDir(), `pulumi-language-${language}`)}` };
  }
  if (!onPath("go")) return { skip: `Go is not installed (needed to build ${files[0]}${language === "go" ? " and to run Go programs" : ""})` };
  // a CLI on PATH without this host: build ours (with the CLI) in the cache
  return { bin: build(language) };
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

module.exports = { ensureCli, ensureHost, minimalHostBin, hostsBin, pulumiEnv, run, sharedDir };

if (require.main === module) {
  process.exit(run(process.argv.slice(2)));
}
