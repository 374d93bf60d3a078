/**
 * UnattendFile from a Python program, on the real engine: examples/python (docs/languages.md's),
 * with the official Python language host (built from ../shared), a virtual environment the test
 * creates with `python3 -m venv`, Pulumi's Python SDK and pyright from the Python package registry,
 * and the SDK that `pulumi package add <repo>/plugin` generates. The folder is made with the commands
 * the docs give, and nothing else: no node_modules. The Node.js host runs the package.
 */
import { expect } from "chai";
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO, readRepoFile } from "../helpers";
import { output } from "./support";
import {
  itDestroyRemovesTheFile,
  itKeepsThePackagesState,
  itNeverShowsThePassword,
  itPreviewsTheOneLineDiff,
  LanguageProgram,
} from "./language-scenario";

const PASSWORD = "Py-Tr0ub4dor&3-engine";
const SDK_VERSION = fs
  .readFileSync(path.join(REPO, "tools", "pulumi-cli", "VERSION"), "utf8")
  .trim()
  .replace(/^v/, "");
const EXAMPLE_FILES = ["Pulumi.yaml", "requirements.txt", "pyrightconfig.json", "__main__.py"];

/** Why this machine cannot run Python programs, or undefined. */
function pythonMissing(): string | undefined {
  const version = spawnSync("python3", ["--version"], { encoding: "utf8" });
  if (version.status !== 0) return "python3 is not installed";
  const venv = spawnSync("python3", ["-c", "import ensurepip, venv"], { encoding: "utf8" });
  if (venv.status !== 0) return `python3 cannot make virtual environments (${version.stdout.trim()} without venv/ensurepip: Debian's python3-venv)`;
  return undefined;
}

/** pip's words when the Python package registry cannot be reached (as opposed to a failed install). */
const UNREACHABLE = /NewConnectionError|Max retries exceeded|Temporary failure in name resolution|Network is unreachable|ProxyError/;

describe("UnattendFile from a Python program (examples/python)", function () {
  this.timeout(1_800_000);
  const program = new LanguageProgram(PASSWORD);
  const { pulumi } = program;
  const mainPy = readRepoFile("examples/python/__main__.py");
  // the enum class of AllowInsecureGuestAuth, as the program names it
  const allowEnum = /allow_insecure_guest_auth=unattend\.(\w+)\(/.exec(mainPy)?.[1] ?? "(not in the program)";

  const run = (cmd: string, args: string[]): SpawnSyncReturns<string> =>
    spawnSync(cmd, args, { cwd: program.dir, env: program.sb!.env, encoding: "utf8" });
  const pip = (args: string[]) => run(path.join(program.dir, "venv", "bin", "pip"), args);

  before(function () {
    const missing = pythonMissing();
    if (missing) {
      console.log(`      (skipped: ${missing})`);
      this.skip();
    }
    program.open(this, "python", "python-program");
    for (const f of EXAMPLE_FILES) fs.copyFileSync(path.join(REPO, "examples", "python", f), path.join(program.dir, f));
    // the docs' commands: a virtual environment with the requirements, then the package's SDK
    const venv = run("python3", ["-m", "venv", "venv"]);
    expect(venv.status, output(venv)).to.equal(0);
    const install = pip(["install", "-q", "-r", "requirements.txt"]);
    if (install.status !== 0 && UNREACHABLE.test(install.stdout + install.stderr)) {
      console.log("      (skipped: the Python package registry is not reachable from here; pip install -r requirements.txt failed)");
      this.skip();
    }
    expect(install.status, output(install)).to.equal(0);
    // generates sdks/unattend, adds it to requirements.txt and installs that into the virtual environment
    const add = pulumi(["package", "add", path.join(REPO, "plugin")]);
    expect(add.status, output(add)).to.equal(0);
    expect(fs.readFileSync(path.join(program.dir, "requirements.txt"), "utf8").split("\n")).to.include("sdks/unattend");
    const imported = run(path.join(program.dir, "venv", "bin", "python"), ["-c", "import pulumi_unattend"]);
    expect(imported.status, output(imported)).to.equal(0);
    program.outFile = path.join(program.sb!.tmp, "out", "autounattend.xml");
    expect(pulumi(["stack", "init", "python"]).status).to.equal(0);
    expect(pulumi(["config", "set", "path", program.outFile]).status).to.equal(0);
    expect(pulumi(["config", "set", "--secret", "adminPassword", PASSWORD]).status).to.equal(0);
  });

  it("docs/languages.md shows this program, its Pulumi.yaml and requirements.txt; the requirements pin the CLI's SDK version", () => {
    const docs = readRepoFile("docs/languages.md");
    for (const f of EXAMPLE_FILES) expect(docs, f).to.contain(readRepoFile(`examples/python/${f}`).trim());
    expect(readRepoFile("examples/python/requirements.txt").split("\n")).to.include(`pulumi==${SDK_VERSION}`);
  });

  it("the generated SDK has TypedDicts with the settings' names and docstrings, and enums with their values", () => {
    const sdk = path.join(program.dir, "sdks", "unattend", "pulumi_unattend");
    const inputs = fs.readFileSync(path.join(sdk, "_inputs.py"), "utf8");
    const ws = inputs.slice(inputs.indexOf("class WorkstationService_generalizeArgsDict(TypedDict):"));
    const annotated =
      /^class WorkstationService_generalizeArgsDict\(TypedDict\):\n {4}allow_insecure_guest_auth: NotRequired\[pulumi\.Input\[Optional\['(\w+)'\]\]\]\n {4}"""\n {4}Allow insecure guest auth/.exec(
        ws,
      );
    expect(annotated?.[1], ws.slice(0, 300)).to.equal(allowEnum);
    expect(inputs).to.contain("class GeneralizeSettingsArgsDict(TypedDict):").and.contain("microsoft__windows__workstation_service: NotRequired");
    const enums = fs.readFileSync(path.join(sdk, "_enums.py"), "utf8");
    const members = enums.slice(enums.indexOf(`class ${allowEnum}(`)).split("\n\n\n")[0];
    expect(members).to.match(new RegExp(`^class ${allowEnum}\\(_builtins\\.(int|float), Enum\\):\n`));
    expect(members.match(/^ {4}\w+ = .+$/gm)?.map((m) => m.split(" = ")[1])).to.deep.equal(["0", "1"]);
  });

  it("up writes the file (the password in it, as Windows needs it) and reports no change on the first deployment", () => {
    const up = pulumi(["up", "--yes"]);
    expect(up.status, output(up)).to.equal(0);
    const xml = fs.readFileSync(program.outFile, "utf8");
    expect(xml).to.contain("<AllowInsecureGuestAuth>0</AllowInsecureGuestAuth>").and.contain("<ProtectYourPC>3</ProtectYourPC>");
    expect(xml).to.contain(`<Value>${PASSWORD.replace("&", "&amp;")}</Value>`);
    const changes = JSON.parse(pulumi(["stack", "output", "changes", "--json"]).stdout) as unknown[];
    expect(changes).to.deep.equal([]);
    // the file holds a password: xml is a secret output
    expect(pulumi(["stack", "output", "xml"]).stdout.trim()).to.equal("[secret]");
  });

  itKeepsThePackagesState(program);

  itPreviewsTheOneLineDiff(program);

  itNeverShowsThePassword(program);

  it("a misspelt setting name is caught by pyright (the generated Args classes) before the program runs", () => {
    fs.writeFileSync(path.join(program.dir, "__main__.py"), mainPy.replace("allow_insecure_guest_auth=", "allow_insecure_guest_authh="));
    try {
      const preview = pulumi(["preview"]);
      expect(preview.status).to.not.equal(0);
      const text = preview.stdout + preview.stderr;
      expect(text).to.match(/__main__\.py:\d+:\d+ - error: No parameter named "allow_insecure_guest_authh"/);
      expect(text).to.contain("pyright failed");
      // the program did not run: no resource was registered
      expect(text).to.not.contain("unattend:index:UnattendFile");
    } finally {
      fs.writeFileSync(path.join(program.dir, "__main__.py"), mainPy);
    }
  });

  it("a wrong value: outside an enum's values, Python's enum refuses it; an unknown time zone, UnattendFile's validation", () => {
    expect(pulumi(["config", "set", "allowInsecureGuestAuth", "2"]).status).to.equal(0);
    try {
      const preview = pulumi(["preview"]);
      expect(preview.status).to.not.equal(0);
      expect(preview.stdout + preview.stderr).to.contain(`ValueError: 2 is not a valid ${allowEnum}`);
    } finally {
      expect(pulumi(["config", "set", "allowInsecureGuestAuth", "1"]).status).to.equal(0);
    }
    fs.writeFileSync(
      path.join(program.dir, "__main__.py"),
      mainPy.replace("oobe=unattend.ShellSetup_OOBEArgs(", 'time_zone="Pacific Standard",\n                oobe=unattend.ShellSetup_OOBEArgs('),
    );
    try {
      const preview = pulumi(["preview"]);
      expect(preview.status).to.not.equal(0);
      expect(preview.stdout + preview.stderr).to.contain('"Pacific Standard", which is not a Windows time zone ID');
    } finally {
      fs.writeFileSync(path.join(program.dir, "__main__.py"), mainPy);
    }
  });

  itDestroyRemovesTheFile(program);
});
