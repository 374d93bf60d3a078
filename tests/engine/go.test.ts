/**
 * UnattendFile from a Go program, on the real engine: examples/go (docs/languages.md's),
 * with the Go SDK that `pulumi package add <repo>/plugin` generates.
 * The Go language host builds the program; the Node.js host runs the package.
 */
import { expect } from "chai";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO, readRepoFile } from "../helpers";
import { buildLib, changedLines, cli, linkNodeModules, output, sandbox, type Sandbox } from "./support";

const KEY = "generalize/Microsoft-Windows-WorkstationService/AllowInsecureGuestAuth";
const PASSWORD = "Go-Tr0ub4dor-3-engine";
const SDK_VERSION = fs.readFileSync(path.join(REPO, "tools", "pulumi-cli", "VERSION"), "utf8").trim();

describe("UnattendFile from a Go program (examples/go)", function () {
  this.timeout(1_800_000);
  let sb: Sandbox | undefined;
  let dir = "";
  let outFile = "";
  const outputs: string[] = [];
  const mainGo = readRepoFile("examples/go/main.go");
  const pulumi = (args: string[]) => {
    const r = sb!.pulumi(args, dir);
    outputs.push(r.stdout, r.stderr);
    return r;
  };
  const go = (args: string[]) => spawnSync("go", args, { cwd: dir, env: sb!.env, encoding: "utf8" });

  before(function () {
    const host = cli.ensureHost("go");
    if ("skip" in host) {
      console.log(`      (skipped: ${host.skip})`);
      this.skip();
    }
    buildLib();
    sb = sandbox(host.bin);
    dir = path.join(sb.tmp, "go-program");
    fs.mkdirSync(dir);
    for (const f of ["Pulumi.yaml", "main.go", "go.mod"]) fs.copyFileSync(path.join(REPO, "examples", "go", f), path.join(dir, f));
    linkNodeModules(dir);
    // what the README tells Go users to run
    const add = pulumi(["package", "add", path.join(REPO, "plugin")]);
    expect(add.status, output(add)).to.equal(0);
    expect(fs.readFileSync(path.join(dir, "go.mod"), "utf8")).to.contain("replace example.com/pulumi-unattend/sdk/go => ./sdks/unattend");
    // the SDK at the CLI's version (package add leaves go.mod without it until there is code to tidy)
    for (const args of [
      ["get", `github.com/pulumi/pulumi/sdk/v3@${SDK_VERSION}`],
      ["mod", "tidy"],
    ]) {
      const r = go(args);
      expect(r.status, `go ${args.join(" ")}\n${r.stdout}${r.stderr}`).to.equal(0);
    }
    outFile = path.join(sb.tmp, "out", "autounattend.xml");
    expect(pulumi(["stack", "init", "go"]).status).to.equal(0);
    expect(pulumi(["config", "set", "path", outFile]).status).to.equal(0);
    expect(pulumi(["config", "set", "--secret", "adminPassword", PASSWORD]).status).to.equal(0);
  });

  after(() => {
    if (sb && dir) sb.pulumi(["destroy", "--yes"], dir);
    sb?.remove();
  });

  it("docs/languages.md shows this program", () => {
    expect(readRepoFile("docs/languages.md")).to.contain(mainGo.slice(mainGo.indexOf("func main()")).trim());
  });

  it("up writes the file and reports no change on the first deployment (changes lists what later updates change)", () => {
    const up = pulumi(["up", "--yes"]);
    expect(up.status, output(up)).to.equal(0);
    const xml = fs.readFileSync(outFile, "utf8");
    expect(xml).to.contain("<AllowInsecureGuestAuth>0</AllowInsecureGuestAuth>").and.contain("<ProtectYourPC>3</ProtectYourPC>");
    expect(xml).to.contain(`<Value>${PASSWORD}</Value>`);
    const changes = JSON.parse(pulumi(["stack", "output", "changes", "--json"]).stdout) as { op: string; key: string; new?: unknown }[];
    expect(changes).to.deep.equal([]);
  });

  it("a changed setting previews as the one-line per-setting diff", () => {
    expect(pulumi(["config", "set", "allowInsecureGuestAuth", "1"]).status).to.equal(0);
    const preview = pulumi(["preview", "--diff"]);
    expect(preview.status, output(preview)).to.equal(0);
    expect(changedLines(preview.stdout)).to.deep.equal([`~ ${KEY}: 0 => 1`]);
    const up = pulumi(["up", "--yes"]);
    expect(up.status, output(up)).to.equal(0);
    expect(fs.readFileSync(outFile, "utf8")).to.contain("<AllowInsecureGuestAuth>1</AllowInsecureGuestAuth>");
  });

  it("never shows the password: preview and update output, exported state, the backend's files", () => {
    const exported = pulumi(["stack", "export"]);
    expect(exported.status, output(exported)).to.equal(0);
    const texts = [...outputs, exported.stdout, sb!.storedState()].join("\n");
    expect(texts).to.not.contain(PASSWORD);
    expect(texts).to.not.contain(Buffer.from(PASSWORD + "AdministratorPassword", "utf16le").toString("base64"));
  });

  it("a misspelt setting name is a Go compile error (the generated SDK's struct fields)", () => {
    fs.writeFileSync(path.join(dir, "main.go"), mainGo.replace("AllowInsecureGuestAuth: unattend.", "AllowInsecureGuestAuthh: unattend."));
    try {
      // the flags the Go language host builds with, so that the SDK's compiled packages are reused
      const build = go(["build", "-buildvcs=false", "-trimpath", "-ldflags", "-w -s", "-o", path.join(sb!.tmp, "program"), "."]);
      expect(build.status).to.not.equal(0);
      expect(build.stderr).to.match(/unknown field AllowInsecureGuestAuthh in struct literal of type unattend\.WorkstationService_generalizeArgs/);
    } finally {
      fs.writeFileSync(path.join(dir, "main.go"), mainGo);
    }
  });

  it("destroy removes the file", () => {
    const destroy = pulumi(["destroy", "--yes"]);
    expect(destroy.status, output(destroy)).to.equal(0);
    expect(fs.existsSync(outFile)).to.equal(false);
  });
});
