/**
 * Programs run the way users run theirs: `pulumi up` of a TypeScript program
 * (`runtime: nodejs`, default options: ts-node, type-checked) and of a plain
 * JavaScript one, through the official Node.js language host (built from
 * ../shared, or the one installed with Pulumi) and through our minimal
 * fallback host (tools/pulumi-cli/langhost), which must behave the same for
 * `run`. Also this repository's own program (Pulumi.yaml + index.ts).
 */
import { expect } from "chai";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO } from "../helpers";
import { cli, output, sandbox, workFolder, type Sandbox } from "./support";

const WS = "Microsoft-Windows-WorkstationService";

const TS_PROGRAM = (setting: string) => `import * as pulumi from "@pulumi/pulumi";
import { UnattendFile } from "../../components";

const config = new pulumi.Config();
const value = config.requireNumber("value") as 0 | 1;
const file = new UnattendFile("ts", {
  settings: { generalize: { "${WS}": { ${setting} } } },
  path: config.require("path"),
});
export const xml: pulumi.Output<string> = file.xml;
`;

const JS_PROGRAM = `"use strict";
const pulumi = require("@pulumi/pulumi");
const { UnattendFile } = require("../../build/components");

const file = new UnattendFile("js", { settings: { generalize: { "${WS}": { AllowInsecureGuestAuth: 1 } } } });
exports.xml = file.xml;
`;

interface Host {
  label: string;
  bin: () => string | { skip: string };
}

const HOSTS: Host[] = [
  {
    label: "the official Node.js language host",
    bin: () => {
      const bin = cli.ensureCli();
      // ensureCli falls back to the minimal host only when the official one cannot be had
      return bin === cli.minimalHostBin()
        ? { skip: `no official host: no Pulumi on PATH and no source at ${cli.sharedDir()}/pulumi-language-nodejs` }
        : bin;
    },
  },
  {
    label: "the minimal fallback host (tools/pulumi-cli/langhost)",
    bin: () => {
      cli.ensureCli();
      return cli.minimalHostBin() ?? { skip: "the minimal host is not built here (a Pulumi CLI on PATH is used instead)" };
    },
  },
];

for (const host of HOSTS) {
  describe(`programs through ${host.label}`, function () {
    this.timeout(600_000);
    let sb: Sandbox | undefined;
    let tsDir = "";
    let jsDir = "";
    let outFile = "";

    before(function () {
      const bin = host.bin();
      if (typeof bin !== "string") {
        console.log(`      (skipped: ${bin.skip})`);
        this.skip();
      }
      sb = sandbox(bin);
      tsDir = workFolder("engine-ts-");
      outFile = path.join(sb.tmp, "out", "unattend.xml");
      // a project of its own, as users have: Pulumi.yaml without main, package.json without main (index.ts is found)
      fs.writeFileSync(path.join(tsDir, "Pulumi.yaml"), "name: ts-program\nruntime: nodejs\n");
      fs.writeFileSync(path.join(tsDir, "package.json"), JSON.stringify({ name: "ts-program", private: true }));
      // the repository's compiler options (JSON imports, nodenext), as a project of its own would have
      fs.writeFileSync(path.join(tsDir, "tsconfig.json"), JSON.stringify({ extends: "../../tsconfig.json", include: ["index.ts"] }));
      fs.writeFileSync(path.join(tsDir, "index.ts"), TS_PROGRAM("AllowInsecureGuestAuth: value"));
      jsDir = workFolder("engine-js-");
      fs.writeFileSync(path.join(jsDir, "Pulumi.yaml"), "name: js-program\nruntime: nodejs\n");
      fs.writeFileSync(path.join(jsDir, "package.json"), JSON.stringify({ name: "js-program", private: true }));
      fs.writeFileSync(path.join(jsDir, "index.js"), JS_PROGRAM);
      for (const dir of [tsDir, jsDir]) {
        const init = sb.pulumi(["stack", "init", "test"], dir);
        expect(init.status, output(init)).to.equal(0);
      }
      expect(sb.pulumi(["config", "set", "value", "1", "--stack", "test"], tsDir).status).to.equal(0);
      expect(sb.pulumi(["config", "set", "path", outFile, "--stack", "test"], tsDir).status).to.equal(0);
    });

    after(() => {
      if (sb && tsDir) sb.pulumi(["destroy", "--yes", "--stack", "test"], tsDir);
      for (const dir of [tsDir, jsDir]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
      sb?.remove();
    });

    it("runs index.ts directly (runtime: nodejs, default options): up writes the file", () => {
      const up = sb!.pulumi(["up", "--yes", "--stack", "test"], tsDir);
      expect(up.status, output(up)).to.equal(0);
      expect(fs.readFileSync(outFile, "utf8")).to.contain("<AllowInsecureGuestAuth>1</AllowInsecureGuestAuth>");
      const xml = sb!.pulumi(["stack", "output", "xml", "--stack", "test"], tsDir);
      expect(xml.stdout.trim()).to.equal(fs.readFileSync(outFile, "utf8").trim());
    });

    it("type-checks the program as it runs: a value outside the setting's enum fails with the compiler's message", () => {
      fs.writeFileSync(path.join(tsDir, "index.ts"), TS_PROGRAM("AllowInsecureGuestAuth: 2"));
      try {
        const preview = sb!.pulumi(["preview", "--stack", "test"], tsDir);
        expect(preview.status).to.not.equal(0);
        expect(preview.stdout + preview.stderr).to.match(/TS2322: Type '2' is not assignable to type/);
      } finally {
        fs.writeFileSync(path.join(tsDir, "index.ts"), TS_PROGRAM("AllowInsecureGuestAuth: value"));
      }
    });

    it("a value the compiler cannot see (config) fails with UnattendFile's diagnostic alone, once, with no serialisation prefix", () => {
      expect(sb!.pulumi(["config", "set", "value", "2", "--stack", "test"], tsDir).status).to.equal(0);
      try {
        const preview = sb!.pulumi(["preview", "--stack", "test"], tsDir);
        expect(preview.status).to.not.equal(0);
        const text = preview.stdout + preview.stderr;
        const diagnostic = [
          `    error: UnattendFile "ts": 1 error in the unattend settings:`,
          `      - settings.generalize["${WS}"].AllowInsecureGuestAuth: "AllowInsecureGuestAuth" is 2, outside the valid range. Valid: 0, 1. [out-of-range]`,
        ].join("\n");
        expect(text, output(preview)).to.contain(`  unattend:index:UnattendFile (ts):\n${diagnostic}`);
        expect(text.split('error: UnattendFile "ts"')).to.have.length(3); // as it happens, and under Diagnostics
        expect(text).to.not.contain("serializ");
      } finally {
        expect(sb!.pulumi(["config", "set", "value", "1", "--stack", "test"], tsDir).status).to.equal(0);
      }
    });

    it("runs a plain JavaScript program with the default options", () => {
      const preview = sb!.pulumi(["preview", "--stack", "test"], jsDir);
      expect(preview.status, output(preview)).to.equal(0);
      expect(preview.stdout)
        .to.contain("unattend:index:UnattendFile")
        .and.match(/\+ 3 to create/);
    });
  });
}

describe("this repository's program (Pulumi.yaml, index.ts) through the host that npm run up uses", function () {
  this.timeout(600_000);

  it("previews the dev stack's settings as a TypeScript program, leaving the repository as it was", function () {
    const bin = cli.ensureCli();
    const sb = sandbox(bin, "pulumi-unattend-dev");
    const before = fs.readFileSync(path.join(REPO, "Pulumi.dev.yaml"), "utf8");
    try {
      expect(fs.readFileSync(path.join(REPO, "Pulumi.yaml"), "utf8"))
        .to.match(/^runtime: nodejs$/m)
        .and.match(/^main: index\.ts$/m);
      const init = sb.pulumi(["stack", "init", "dev"], REPO);
      expect(init.status, output(init)).to.equal(0);
      const preview = sb.pulumi(["preview", "--stack", "dev", "--diff"], REPO);
      expect(preview.status, output(preview)).to.equal(0);
      expect(preview.stdout).to.match(new RegExp(`^\\s+generalize/${WS}/AllowInsecureGuestAuth: 1$`, "m"));
      // the path, resolved once against the program's folder, is absolute
      expect(preview.stdout).to.contain(`filePath: ${JSON.stringify(path.join(REPO, "out", "unattend.xml"))}`);
    } finally {
      sb.remove();
      expect(fs.readFileSync(path.join(REPO, "Pulumi.dev.yaml"), "utf8")).to.equal(before);
    }
  });
});
