/**
 * UnattendFile from Pulumi YAML, on the real engine: the program is
 * examples/yaml/Pulumi.yaml (docs/languages.md's), which loads this repository's
 * plugin/ folder as the source-based package "unattend" (`packages:`). The
 * Node.js language host runs the package as a plugin; the YAML host type-checks
 * the program against the package's schema. The program's folder is made as the
 * docs say: the Pulumi.yaml alone, then the docs' commands; nothing installed.
 */
import { expect } from "chai";
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

const PASSWORD = "Yaml-Tr0ub4dor&3-engine";

/** docs/languages.md's commands for a YAML program, after the Pulumi.yaml ('...' is the password). */
const DOCS_STEPS = ["pulumi stack init dev", "pulumi config set --secret adminPassword '...'", "pulumi up"];

describe("UnattendFile from a Pulumi YAML program (examples/yaml)", function () {
  this.timeout(900_000);
  const program = new LanguageProgram(PASSWORD);
  const { pulumi } = program;
  const example = readRepoFile("examples/yaml/Pulumi.yaml");

  const writeProgram = (text: string) =>
    fs.writeFileSync(path.join(program.dir, "Pulumi.yaml"), text.replace("unattend: ../../plugin", `unattend: ${path.join(REPO, "plugin")}`));

  before(function () {
    program.open(this, "yaml", "yaml-program");
    // the folder as the docs make it: the Pulumi.yaml, nothing installed (`up`, below, is the docs' last step)
    writeProgram(example);
    program.outFile = path.join(program.dir, "out", "autounattend.xml");
    expect(pulumi(["stack", "init", "dev"]).status).to.equal(0);
    expect(pulumi(["config", "set", "--secret", "adminPassword", PASSWORD]).status).to.equal(0);
  });

  it("docs/languages.md shows this program and the commands this test runs", () => {
    const docs = readRepoFile("docs/languages.md");
    expect(docs).to.contain(example.trim());
    expect(docs).to.contain(["```sh", ...DOCS_STEPS, "```"].join("\n"));
  });

  it("up writes the file (the password in it, as Windows needs it) and reports no change on the first deployment (changes lists what later updates change)", () => {
    const up = pulumi(["up", "--yes"]);
    expect(up.status, output(up)).to.equal(0);
    const xml = fs.readFileSync(program.outFile, "utf8");
    expect(xml).to.contain("<AllowInsecureGuestAuth>0</AllowInsecureGuestAuth>").and.contain("<ProtectYourPC>3</ProtectYourPC>");
    expect(xml).to.contain(`<Value>${PASSWORD.replace("&", "&amp;")}</Value>`);
    const changes = JSON.parse(pulumi(["stack", "output", "changes", "--json"]).stdout) as { op: string; key: string; new?: unknown }[];
    expect(changes).to.deep.equal([]);
    // the file holds a password: xml is a secret output
    expect(pulumi(["stack", "output", "xml"]).stdout.trim()).to.equal("[secret]");
    // nothing was installed in the program's folder
    expect(fs.readdirSync(program.dir).sort()).to.deep.equal(["Pulumi.dev.yaml", "Pulumi.yaml", "out"]);
  });

  itKeepsThePackagesState(program);

  itPreviewsTheOneLineDiff(program);

  itNeverShowsThePassword(program);

  it("a misspelt setting name is caught by the YAML type checker (the package schema), before anything runs", () => {
    writeProgram(example.replace("AllowInsecureGuestAuth: ${", "AllowInsecureGuestAuthh: ${"));
    try {
      const preview = pulumi(["preview"]);
      expect(preview.status).to.not.equal(0);
      const text = preview.stdout + preview.stderr;
      expect(text).to.contain("Cannot assign '{AllowInsecureGuestAuthh: number}' to 'unattend:index:WorkstationService_generalize'");
      expect(text).to.contain("Existing properties are: AllowInsecureGuestAuth, OtherDomains");
    } finally {
      writeProgram(example);
    }
  });

  it("a value outside the setting's values: a literal is caught by the type checker, a config value by UnattendFile's validation", () => {
    writeProgram(example.replace("AllowInsecureGuestAuth: ${allowInsecureGuestAuth}", "AllowInsecureGuestAuth: 2"));
    try {
      const preview = pulumi(["preview"]);
      expect(preview.status).to.not.equal(0);
      expect(preview.stdout + preview.stderr).to.contain("Allowed values are Zero (0), One (1)");
    } finally {
      writeProgram(example);
    }
    expect(pulumi(["config", "set", "allowInsecureGuestAuth", "2"]).status).to.equal(0);
    try {
      const preview = pulumi(["preview"]);
      expect(preview.status).to.not.equal(0);
      // the engine's words for a component that failed ("... has a problem:"), then ours, with no serialisation prefix
      expect(preview.stdout).to.contain(
        [
          `error: unattend:index:UnattendFile resource 'answer' has a problem: UnattendFile "answer": 1 error in the unattend settings:`,
          `      - settings.generalize["Microsoft-Windows-WorkstationService"].AllowInsecureGuestAuth: "AllowInsecureGuestAuth" is 2, outside the valid range. Valid: 0, 1. [out-of-range]`,
        ].join("\n"),
      );
      expect(preview.stdout + preview.stderr).to.not.contain("serializ");
    } finally {
      expect(pulumi(["config", "set", "allowInsecureGuestAuth", "1"]).status).to.equal(0);
    }
  });

  itDestroyRemovesTheFile(program);
});
