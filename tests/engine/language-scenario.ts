/**
 * What the YAML, Go and Python engine tests check alike, once the program is up:
 * the state kept as the package's resource within its budget, the one-line
 * per-setting diff after a config change, no password anywhere a user can see,
 * and destroy removing the file. Each language's test declares these `it`s at
 * its place in the sequence with its own program (a LanguageProgram, made in its `describe`).
 */
import { expect } from "chai";
import type { SpawnSyncReturns } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { buildLib, changedLines, cli, output, sandbox, stateBudget, unattendFileState, type Sandbox } from "./support";

const KEY = "generalize/Microsoft-Windows-WorkstationService/AllowInsecureGuestAuth";

/**
 * A language test's program: its sandbox, folder and answer file (set by the test's `before`), the
 * output of every command run in it, and, after the tests, its stack destroyed and the sandbox removed.
 */
export class LanguageProgram {
  sb: Sandbox | undefined;
  dir = "";
  outFile = "";
  /** Everything the commands printed so far. */
  readonly outputs: string[] = [];

  /** `password`: the administrator password the program is given (a secret config value). */
  constructor(readonly password: string) {
    after(() => {
      if (this.sb && this.dir) this.sb.pulumi(["destroy", "--yes"], this.dir);
      this.sb?.remove();
    });
  }

  /**
   * In the test's `before`: the language host (the test skips, saying why, when this machine cannot build it),
   * the package built, a sandbox, and the program's empty folder `folder` in it, where the test then follows
   * the docs' commands.
   */
  open(context: Mocha.Context, language: "yaml" | "go" | "python", folder: string): void {
    const host = cli.ensureHost(language);
    if ("skip" in host) {
      console.log(`      (skipped: ${host.skip})`);
      context.skip();
    }
    buildLib();
    this.sb = sandbox(host.bin);
    this.dir = path.join(this.sb.tmp, folder);
    fs.mkdirSync(this.dir);
  }

  /** `pulumi args...` in the program's folder, its output recorded in `outputs`. */
  readonly pulumi = (args: string[]): SpawnSyncReturns<string> => {
    const r = this.sb!.pulumi(args, this.dir);
    this.outputs.push(r.stdout, r.stderr);
    return r;
  };
}

export function itKeepsThePackagesState(p: LanguageProgram): void {
  it("keeps its state as the package's resource, at most 2 × the XML + 4 KB, with no provider code in it", () => {
    const exported = p.pulumi(["stack", "export"]);
    expect(exported.status, output(exported)).to.equal(0);
    const { resources, bytes } = unattendFileState(exported.stdout, "answer");
    expect(resources.map((r) => r.type)).to.deep.equal(["unattend:index:UnattendFile", "unattend:index:UnattendState"]);
    expect(exported.stdout).to.not.contain("__provider").and.not.contain("pulumi-nodejs");
    const xmlBytes = fs.statSync(p.outFile).size;
    console.log(`      (state: ${bytes} bytes for ${xmlBytes} bytes of XML; at most ${stateBudget(xmlBytes)})`);
    expect(bytes).to.be.at.most(stateBudget(xmlBytes));
  });
}

export function itPreviewsTheOneLineDiff(p: LanguageProgram): void {
  it("a changed setting previews as the one-line per-setting diff", () => {
    expect(p.pulumi(["config", "set", "allowInsecureGuestAuth", "1"]).status).to.equal(0);
    const preview = p.pulumi(["preview", "--diff"]);
    expect(preview.status, output(preview)).to.equal(0);
    expect(changedLines(preview.stdout)).to.deep.equal([`~ ${KEY}: 0 => 1`]);
    const up = p.pulumi(["up", "--yes"]);
    expect(up.status, output(up)).to.equal(0);
    expect(fs.readFileSync(p.outFile, "utf8")).to.contain("<AllowInsecureGuestAuth>1</AllowInsecureGuestAuth>");
  });
}

export function itNeverShowsThePassword(p: LanguageProgram): void {
  it("never shows the password: preview and update output, exported state, the backend's files", () => {
    const exported = p.pulumi(["stack", "export"]);
    expect(exported.status, output(exported)).to.equal(0);
    expect(exported.stdout).to.contain("AdministratorPassword");
    const texts = [...p.outputs, exported.stdout, p.sb!.storedState()].join("\n");
    expect(texts).to.not.contain(p.password).and.not.contain(p.password.replace("&", "&amp;"));
    // (nor the base64 form that PlainText=false would write)
    expect(texts).to.not.contain(Buffer.from(p.password + "AdministratorPassword", "utf16le").toString("base64"));
  });
}

export function itDestroyRemovesTheFile(p: LanguageProgram): void {
  it("destroy removes the file", () => {
    expect(fs.existsSync(p.outFile), "the file the updates wrote").to.equal(true);
    const destroy = p.pulumi(["destroy", "--yes"]);
    expect(destroy.status, output(destroy)).to.equal(0);
    expect(fs.existsSync(p.outFile)).to.equal(false);
  });
}
