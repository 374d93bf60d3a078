/**
 * The upgrade from state format v0: a stack written by the code before
 * `stateVersion` (tests/fixtures/state-v0/, see its README) is imported, and
 * the same program runs on the current code, as a normal Pulumi program in its
 * project folder. The preview shows no change and `up` keeps the file; the
 * first real change updates the state to the current format, reports what
 * changed, and leaves a stack that previews clean.
 */
import { expect } from "chai";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { LocalWorkspace, PulumiCommand, type Stack } from "@pulumi/pulumi/automation";
import { REPO } from "../helpers";

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
