/**
 * The upgrade from state format v0: a stack written by the code before
 * `stateVersion` (tests/fixtures/state-v0/, see its README) is imported, and
 * the same program runs on the current code, as a normal Pulumi program in its
 * project folder. The preview shows no change and `up` keeps the file; the
 * first real change updates the state to the current format, reports what
 * changed, and leaves a stack that previews clean.
 */
import { expect } from "chai";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { LocalWorkspace, PulumiCommand, type Stack } from "@pulumi/pulumi/automation";
import { REPO } from "../helpers";
import * as support from "./support";

const cli = require(path.join(REPO, "scripts", "pulumi.js")) as {
  ensureCli(): string;
  pulumiEnv(bin: string): Record<string, string>;
};

const FIXTURE = path.join(REPO, "tests", "fixtures", "state-v0");

const fixture = require(path.join(FIXTURE, "program.js")) as { PROJECT: string; STACK: string; PASSPHRASE: string; PASSWORD: string };

/** The fixture's program on the current code; UPGRADE_CHANGE=1 changes one setting (TimeZone). */
const PROGRAM = `"use strict";
const pulumi = require("@pulumi/pulumi");
const components = require(${JSON.stringify(path.join(REPO, "build", "components"))});
const { program } = require(${JSON.stringify(path.join(FIXTURE, "program.js"))});
class UnattendFile extends components.UnattendFile {
  constructor(name, args, opts) {
    if (process.env.UPGRADE_CHANGE === "1") {
      const shell = args.settings.specialize["Microsoft-Windows-Shell-Setup"];
      args = { ...args, settings: { ...args.settings, specialize: { ...args.settings.specialize, "Microsoft-Windows-Shell-Setup": { ...shell, TimeZone: "W. Europe Standard Time" } } } };
    }
    super(name, args, opts);
  }
}
module.exports = program(pulumi, { ...components, UnattendFile });
`;

const TIMEZONE = "specialize/Microsoft-Windows-Shell-Setup/TimeZone";

describe("upgrade from state format v0 (a stack written by the code before stateVersion)", function () {
  this.timeout(600_000);

  let tmp: string;
  let project: string;
  let stack: Stack;
  let file: string;
  const expected = fs.readFileSync(path.join(FIXTURE, "unattend.xml"), "utf8");
  // what the current code renders for the same document: the same, but for the extra, now written byte for byte
  // as the program gives it (v0 re-serialised it with xmlbuilder2)
  const rendered = expected.replace("></cpi:offlineImage>", " />");

  before(async () => {
    const bin = cli.ensureCli();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "unattend-upgrade-"));
    fs.mkdirSync(path.join(tmp, "state"));
    // the project folder: under build/ so that @pulumi/pulumi resolves from this repository's node_modules
    project = fs.mkdtempSync(path.join(REPO, "build", "upgrade-"));
    fs.writeFileSync(path.join(project, "package.json"), `{ "name": "${fixture.PROJECT}", "private": true }\n`);
    fs.writeFileSync(path.join(project, "index.js"), PROGRAM);
    fs.writeFileSync(
      path.join(project, "Pulumi.yaml"),
      `name: ${fixture.PROJECT}\nruntime:\n  name: nodejs\n  options:\n    typescript: false\nmain: index.js\n`,
    );
    fs.copyFileSync(path.join(FIXTURE, `Pulumi.${fixture.STACK}.yaml`), path.join(project, `Pulumi.${fixture.STACK}.yaml`));
    // the file as the v0 deployment left it, where its relative path pointed
    file = path.join(project, "out", "unattend.xml");
    fs.mkdirSync(path.dirname(file));
    fs.writeFileSync(file, expected);

    const envVars = {
      ...cli.pulumiEnv(bin),
      PULUMI_BACKEND_URL: `file://${path.join(tmp, "state")}`,
      PULUMI_CONFIG_PASSPHRASE: fixture.PASSPHRASE,
      PULUMI_HOME: path.join(tmp, "home"),
    };
    const ws = await LocalWorkspace.create({
      workDir: project,
      envVars,
      pulumiCommand: await PulumiCommand.get({ root: path.dirname(bin), skipVersionCheck: true }),
    });
    await ws.createStack(fixture.STACK);
    stack = await LocalWorkspace.selectStack({ stackName: fixture.STACK, workDir: project }, { envVars, pulumiCommand: ws.pulumiCommand });
    await stack.importStack(JSON.parse(fs.readFileSync(path.join(FIXTURE, "stack.json"), "utf8")));
  });

  after(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    if (project) fs.rmSync(project, { recursive: true, force: true });
  });

  it("the imported state is the v0 format", async () => {
    const state = await stack.exportStack();
    const child = state.deployment.resources.find((r: { type: string }) => r.type === "pulumi-nodejs:dynamic/unattend:UnattendState");
    expect(child.inputs.stateVersion).to.equal(undefined);
    expect(child.inputs.layout[0]).to.have.keys("p", "n", "s");
  });

  it("preview on the current code shows no change", async () => {
    const preview = await stack.preview({ diff: true });
    expect(preview.changeSummary, preview.stdout).to.deep.equal({ same: 3 });
  });

  it("up keeps the file as it was", async () => {
    const up = await stack.up();
    expect(up.summary.resourceChanges, up.stdout).to.deep.equal({ same: 3 });
    // nothing is updated: the file stays as v0 wrote it
    expect(fs.readFileSync(file, "utf8")).to.equal(expected);
    expect(up.outputs.xml.value).to.equal(rendered);
  });

  it("the first change updates the state to the current format and reports only that change", async () => {
    process.env.UPGRADE_CHANGE = "1";
    try {
      const preview = await stack.preview({ diff: true });
      expect(preview.changeSummary, preview.stdout).to.deep.equal({ same: 2, update: 1 });
      const up = await stack.up();
      expect(up.outputs.changes.value).to.deep.equal([{ op: "change", key: TIMEZONE, old: "UTC", new: "W. Europe Standard Time" }]);
      expect(fs.readFileSync(file, "utf8")).to.equal(rendered.replaceAll("<TimeZone>UTC</TimeZone>", "<TimeZone>W. Europe Standard Time</TimeZone>"));
      const state = await stack.exportStack();
      const child = state.deployment.resources.find((r: { type: string }) => r.type === "pulumi-nodejs:dynamic/unattend:UnattendState");
      expect(child.inputs.stateVersion).to.equal(1);
      expect(child.outputs.stateVersion).to.equal(1);
      expect(child.outputs).to.have.keys("__provider", "stateVersion", "applied", "sha256", "changes", "path", "fileState");
      expect(child.outputs.path).to.equal(file);
      const again = await stack.preview({ diff: true });
      expect(again.changeSummary, again.stdout).to.deep.equal({ same: 3 });
    } finally {
      delete process.env.UPGRADE_CHANGE;
    }
  });

  it("destroy removes the file", async () => {
    process.env.UPGRADE_CHANGE = "1";
    try {
      await stack.destroy();
    } finally {
      delete process.env.UPGRADE_CHANGE;
    }
    expect(fs.existsSync(file)).to.equal(false);
    await stack.workspace.removeStack(fixture.STACK);
  });
});

/** The last commit whose package kept the state of YAML/Go/Python programs in a dynamic resource. */
const DYNAMIC_STATE_COMMIT = "ce9cfc7";

/**
 * The upgrade of a YAML program's stack from the state kept in a Pulumi dynamic resource
 * (`pulumi-nodejs:dynamic/unattend:UnattendState`, the package at DYNAMIC_STATE_COMMIT, its program folder with
 * the modules its docs had users install) to the package's own resource (`unattend:index:UnattendState`, served
 * by plugin/, nothing in the program's folder): the engine takes it for the same resource (an alias), the provider
 * change (pulumi-nodejs's default provider to unattend's) needs no replacement, and the stored state says the same
 * file: no change, the file kept byte for byte.
 */
describe(`upgrade of a YAML stack from the dynamic resource (the package at ${DYNAMIC_STATE_COMMIT}) to the package's resource`, function () {
  this.timeout(1_800_000);
  const PASSWORD = "Upgrade-Tr0ub4dor&3";
  let sb: support.Sandbox | undefined;
  let dir = "";
  let outFile = "";
  let written = "";
  const pulumi = (args: string[]) => sb!.pulumi(args, dir);
  const state = () => {
    const exported = pulumi(["stack", "export"]);
    expect(exported.status, support.output(exported)).to.equal(0);
    return exported.stdout;
  };
  const program = (plugin: string) =>
    fs.readFileSync(path.join(REPO, "examples", "yaml", "Pulumi.yaml"), "utf8").replace("unattend: ../../plugin", `unattend: ${plugin}`);

  before(function () {
    const host = support.cli.ensureHost("yaml");
    if ("skip" in host) {
      console.log(`      (skipped: ${host.skip})`);
      this.skip();
    }
    if (spawnSync("git", ["cat-file", "-e", `${DYNAMIC_STATE_COMMIT}^{commit}`], { cwd: REPO }).status !== 0) {
      console.log(`      (skipped: commit ${DYNAMIC_STATE_COMMIT} is not in this clone's history)`);
      this.skip();
    }
    support.buildLib();
    sb = support.sandbox(host.bin);
    // the package as it was: that commit's files, with this repository's dependencies, built
    const old = path.join(sb.tmp, "old-package");
    fs.mkdirSync(old);
    const archive = spawnSync("sh", ["-c", `git archive ${DYNAMIC_STATE_COMMIT} | tar -x -C "${old}"`], { cwd: REPO, encoding: "utf8" });
    expect(archive.status, archive.stderr).to.equal(0);
    fs.symlinkSync(path.join(REPO, "node_modules"), path.join(old, "node_modules"), "dir");
    const build = spawnSync(process.platform === "win32" ? "npm.cmd" : "npm", ["run", "--silent", "build:lib"], { cwd: old, encoding: "utf8" });
    expect(build.status, build.stdout + build.stderr).to.equal(0);
    // its program folder: the example, and the modules its docs had users install (`npm install @pulumi/pulumi xmlbuilder2`)
    dir = path.join(sb.tmp, "yaml-program");
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), program(path.join(old, "plugin")));
    fs.symlinkSync(path.join(REPO, "node_modules"), path.join(dir, "node_modules"), "dir");
    outFile = path.join(dir, "out", "autounattend.xml");
    expect(pulumi(["stack", "init", "dev"]).status).to.equal(0);
    expect(pulumi(["config", "set", "--secret", "adminPassword", PASSWORD]).status).to.equal(0);
  });

  after(() => {
    if (sb && dir) sb.pulumi(["destroy", "--yes"], dir);
    sb?.remove();
  });

  it("the old package deploys the state as a dynamic resource, its provider's code stored in it", () => {
    const up = pulumi(["up", "--yes"]);
    expect(up.status, support.output(up)).to.equal(0);
    written = fs.readFileSync(outFile, "utf8");
    const resources = support.exportedResources(state());
    const child = resources.find((r) => r.type === "pulumi-nodejs:dynamic/unattend:UnattendState")!;
    expect(child, "the dynamic resource").to.not.equal(undefined);
    expect(child.outputs).to.have.property("__provider");
    expect(child.provider).to.contain("::pulumi:providers:pulumi-nodejs::default::");
  });

  it("on the new package, with nothing in the program's folder, the preview shows no change (no replacement)", () => {
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), program(path.join(REPO, "plugin")));
    fs.rmSync(path.join(dir, "node_modules"));
    const preview = pulumi(["preview", "--json"]);
    expect(preview.status, support.output(preview)).to.equal(0);
    // nothing created, replaced or deleted: the three resources (stack, component, state) the same
    expect((JSON.parse(preview.stdout) as { changeSummary: Record<string, number> }).changeSummary, preview.stdout).to.deep.equal({ same: 3 });
    const diff = pulumi(["preview", "--diff"]);
    expect(diff.status, support.output(diff)).to.equal(0);
    expect(diff.stdout).to.not.match(/\((create|update|replace|delete|create-replacement|delete-replaced)\)|\bto (create|update|replace|delete)\b/);
    expect(diff.stdout).to.match(/Resources:\n\s+3 unchanged\n/);
  });

  it("up keeps the file as it was and the state becomes the package's resource", () => {
    const up = pulumi(["up", "--yes"]);
    expect(up.status, support.output(up)).to.equal(0);
    expect(up.stdout).to.match(/Resources:\n\s+3 unchanged\n/);
    expect(fs.readFileSync(outFile, "utf8")).to.equal(written);
    const resources = support.exportedResources(state());
    const child = resources.find((r) => r.urn.endsWith("::answer-state"))!;
    expect(child.type).to.equal("unattend:index:UnattendState");
    expect(child.provider).to.contain("::pulumi:providers:unattend::");
    expect(resources.map((r) => r.type)).to.not.include("pulumi:providers:pulumi-nodejs");
    expect(child.inputs).to.not.have.property("__provider");
  });

  it("a refresh drops the old provider's code that the outputs kept; the state is then within 2 × the XML + 4 KB", () => {
    const refresh = pulumi(["refresh", "--yes"]);
    expect(refresh.status, support.output(refresh)).to.equal(0);
    const exported = state();
    expect(exported).to.not.contain("__provider");
    const { bytes } = support.unattendFileState(exported, "answer");
    expect(bytes).to.be.at.most(support.stateBudget(Buffer.byteLength(written)));
    expect(fs.readFileSync(outFile, "utf8")).to.equal(written);
    const preview = pulumi(["preview", "--json"]);
    expect((JSON.parse(preview.stdout) as { changeSummary: Record<string, number> }).changeSummary).to.deep.equal({ same: 3 });
  });

  it("a changed setting then previews as the one-line diff and updates the file; destroy removes it", () => {
    expect(pulumi(["config", "set", "allowInsecureGuestAuth", "1"]).status).to.equal(0);
    const preview = pulumi(["preview", "--diff"]);
    expect(preview.status, support.output(preview)).to.equal(0);
    expect(support.changedLines(preview.stdout)).to.deep.equal(["~ generalize/Microsoft-Windows-WorkstationService/AllowInsecureGuestAuth: 0 => 1"]);
    const up = pulumi(["up", "--yes"]);
    expect(up.status, support.output(up)).to.equal(0);
    expect(fs.readFileSync(outFile, "utf8")).to.equal(written.replace("<AllowInsecureGuestAuth>0<", "<AllowInsecureGuestAuth>1<"));
    const destroy = pulumi(["destroy", "--yes"]);
    expect(destroy.status, support.output(destroy)).to.equal(0);
    expect(fs.existsSync(outFile)).to.equal(false);
  });
});
