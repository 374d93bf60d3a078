import { expect } from "chai";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { REPO, readRepoFile, tsc } from "./helpers";
import { linkPackage } from "./blocks.examples";
import { outputErrorsOf, recordingMocks, valueOf } from "./delivery-helpers";
import { REMOVABLE_MEDIA_ANSWER_FILE, checkRemovableMediaFileName } from "../components/pulumi/delivery/packer";

type Components = typeof import("../components");

const SEED = readRepoFile("tests/golden/seed.xml");
const CLI = path.join(REPO, "build", "components", "cli", "main.js");

describe("delivery: vSphere, Packer, object storage, and the SDK type checks", function () {
  this.timeout(120_000);
  let mod: Components;

  before(async () => {
    await recordingMocks();
    mod = require("../components") as Components;
  });

  describe("vSphere windowsSysprepText", () => {
    it("is the whole answer file, byte for byte, and always secret", async () => {
      const file = new mod.UnattendFile("vsphere-plain", {
        settings: { generalize: { "Microsoft-Windows-WorkstationService": { AllowInsecureGuestAuth: 1 } } },
      });
      expect(await pulumi.isSecret(file.xml)).to.equal(false);
      const text = mod.vsphereWindowsSysprepText(file);
      expect(await pulumi.isSecret(text)).to.equal(true);
      expect(await valueOf(text)).to.equal(SEED);
      expect(await valueOf(mod.vsphereWindowsSysprepText(SEED))).to.equal(SEED);
      expect(await pulumi.isSecret(mod.vsphereWindowsSysprepText(SEED))).to.equal(true);
    });

    it("refuses XML text that is malformed or invalid, with its line and column", async () => {
      const [malformed] = await outputErrorsOf(mod.vsphereWindowsSysprepText("<unattend>"));
      expect(malformed.message).to.contain("of windowsSysprepText");
      const invalid = await outputErrorsOf(mod.vsphereWindowsSysprepText(SEED.replace(">1<", ">2<")));
      expect(invalid.map((e) => e.code)).to.deep.equal(["out-of-range"]);
      expect(invalid[0].message).to.match(/line \d+, column \d+ of windowsSysprepText/);
    });
  });

  describe("Packer and plain files", () => {
    const dir = path.join(REPO, "examples", "packer");
    const hcl = fs.readFileSync(path.join(dir, "windows.pkr.hcl"), "utf8");
    // the example's settings, compiled by the build (loaded as a user's program: "pulumi-unattend" linked to the build)
    linkPackage();
    const { ANSWER_FILE, installSettings } = require("../examples/packer/settings") as typeof import("../examples/packer/settings");

    it("names the file Autounattend.xml, which Windows Setup finds at the root of removable media", () => {
      expect(path.basename(ANSWER_FILE)).to.equal(REMOVABLE_MEDIA_ANSWER_FILE);
      expect(checkRemovableMediaFileName(ANSWER_FILE)).to.equal(ANSWER_FILE);
      expect(checkRemovableMediaFileName("C:\\build\\AUTOUNATTEND.XML")).to.equal("C:\\build\\AUTOUNATTEND.XML");
      for (const wrong of ["out/unattend.xml", "out/Autounattend.xml.txt", "Autounattend.xml/x"]) {
        expect(() => checkRemovableMediaFileName(wrong), wrong).to.throw(mod.UnattendValidationError, /Autounattend\.xml/);
      }
    });

    it("the Packer template puts that file at the root of the CD (cd_files), the floppy alternative the same", () => {
      const variable = /variable\s+"unattend_path"\s*\{([^}]*)\}/.exec(hcl);
      expect(variable, "variable unattend_path").to.not.equal(null);
      expect(/default\s*=\s*"([^"]*)"/.exec(variable![1])![1]).to.equal(ANSWER_FILE);
      const source = /source\s+"qemu"\s+"windows"\s*\{([\s\S]*?)\n\}/.exec(hcl)![1];
      const live = source
        .split("\n")
        .filter((l) => !l.trim().startsWith("#"))
        .join("\n");
      expect(/^\s*cd_files\s*=\s*\[\s*var\.unattend_path\s*\]\s*$/m.test(live), "cd_files = [var.unattend_path]").to.equal(true);
      expect(source).to.match(/#.*floppy_files\s*=\s*\[var\.unattend_path\]/);
      expect(hcl).to.match(/build\s*\{\s*sources\s*=\s*\["source\.qemu\.windows"\]/);
    });

    it("unattend render writes from unattend.yaml the same bytes the Pulumi program writes", () => {
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "unattend-packer-"));
      try {
        const out = path.join(tmp, ANSWER_FILE);
        fs.mkdirSync(path.dirname(out), { recursive: true });
        const r = spawnSync(process.execPath, [CLI, "render", path.join(dir, "unattend.yaml"), "-o", out], { encoding: "utf8" });
        expect(r.stderr).to.equal("");
        expect(r.status).to.equal(0);
        const written = fs.readFileSync(out);
        expect(written.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).to.equal(false);
        // unattend.yaml carries the throwaway build password "packer"
        expect(written.toString("utf8")).to.equal(mod.renderUnattend({ settings: installSettings("packer") as never, architectures: ["amd64"] }));
      } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
      }
    });

    it("packerMediaFile gives the UnattendFile's file as an absolute path, or says what is missing", async () => {
      expect(await valueOf(mod.packerMediaFile({ path: ANSWER_FILE }))).to.equal(path.resolve(ANSWER_FILE));
      expect(await valueOf(mod.packerMediaFile({ path: pulumi.output("/abs/Autounattend.xml") }))).to.equal("/abs/Autounattend.xml");
      expect((await outputErrorsOf(mod.packerMediaFile({ path: undefined }))).map((e) => e.code)).to.deep.equal(["target-empty"]);
      expect((await outputErrorsOf(mod.packerMediaFile({ path: "out/unattend.xml" }))).map((e) => e.code)).to.deep.equal(["target-name"]);
    });
  });

  describe("the provider SDKs", () => {
    it("@pulumi/vsphere is not installed: its declared shape (tests/delivery-sdk-shapes) stands in, and must go once it is", () => {
      let installed = true;
      try {
        require.resolve("@pulumi/vsphere");
      } catch {
        installed = false;
      }
      expect(installed, "@pulumi/vsphere is installed now: delete tests/delivery-sdk-shapes/vsphere.d.ts so its real types are checked").to.equal(
        false,
      );
      expect(fs.existsSync(path.join(REPO, "tests", "delivery-sdk-shapes", "vsphere.d.ts"))).to.equal(true);
    });

    it("the other SDKs are the real packages, on the pinned @pulumi/pulumi", () => {
      const pkg = JSON.parse(readRepoFile("package.json"));
      for (const name of ["@pulumi/azure-native", "@pulumi/azure", "@pulumi/kubernetes", "@pulumi/aws"]) {
        const installed = JSON.parse(fs.readFileSync(require.resolve(`${name}/package.json`), "utf8"));
        expect(installed.version, name).to.equal(pkg.devDependencies[name]);
      }
      // one @pulumi/pulumi for all of them: resources and Outputs of one runtime
      const pulumiOf = (name: string) => require.resolve("@pulumi/pulumi", { paths: [path.dirname(require.resolve(`${name}/package.json`))] });
      for (const name of ["@pulumi/azure-native", "@pulumi/azure", "@pulumi/kubernetes", "@pulumi/aws"]) {
        expect(pulumiOf(name), name).to.equal(require.resolve("@pulumi/pulumi"));
      }
    });

    it("every delivery call type-checks against its SDK, and what a target refuses does not compile", () => {
      // The examples (examples/*/index.ts) and tests/delivery-sdk-types.ts are the positive checks: they are
      // part of the build, which fails on a type error. Here: each @ts-expect-error line must be an error.
      const dir = path.join(REPO, "build", "delivery-types");
      fs.rmSync(dir, { recursive: true, force: true });
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, "compile-errors.ts"), COMPILE_ERRORS);
      fs.writeFileSync(
        path.join(dir, "tsconfig.json"),
        JSON.stringify({ extends: "../../tsconfig.json", compilerOptions: { noEmit: true, rootDir: "../.." }, include: ["*.ts"], exclude: [] }),
      );
      const r = tsc(path.join(dir, "tsconfig.json"));
      expect(r.stdout + r.stderr).to.equal("");
      expect(r.status).to.equal(0);
      // and the file is not vacuous: without the markers, every marked line is an error
      const unmarked = COMPILE_ERRORS.replace(/\/\/ @ts-expect-error.*\n/g, "\n");
      fs.writeFileSync(path.join(dir, "compile-errors.ts"), unmarked);
      const bare = tsc(path.join(dir, "tsconfig.json"));
      const marked = (COMPILE_ERRORS.match(/@ts-expect-error/g) ?? []).length;
      const lines = new Set([...(bare.stdout + bare.stderr).matchAll(/compile-errors\.ts\((\d+),/g)].map((m) => m[1]));
      expect(lines.size, bare.stdout).to.equal(marked);
    });
  });
});

/** Lines that must not compile (each marked), next to lines that must. */
const COMPILE_ERRORS = `import * as pulumi from "@pulumi/pulumi";
import * as compute from "@pulumi/azure-native/compute";
import type * as classic from "@pulumi/azure/compute";
import * as corev1 from "@pulumi/kubernetes/core/v1";
import { azureAdditionalUnattendContent, azureWindowsVirtualMachineUnattendContents, kubevirtSysprep } from "../../components";
import { renderAzureUnattendContent } from "../../components/pulumi/delivery";

const SHELL = "Microsoft-Windows-Shell-Setup";

// compiles
azureAdditionalUnattendContent({ oobeSystem: { [SHELL]: { FirstLogonCommands: [{ CommandLine: "a" }] } } });
renderAzureUnattendContent({ oobeSystem: { [SHELL]: { AutoLogon: { Username: "ops", LogonCount: 1 } } } });
kubevirtSysprep({ name: "a", unattend: "<unattend/>" });

// @ts-expect-error Azure takes only the oobeSystem pass
azureAdditionalUnattendContent({ specialize: { [SHELL]: { ComputerName: "X" } } });
// @ts-expect-error Azure takes only AutoLogon and FirstLogonCommands
azureAdditionalUnattendContent({ oobeSystem: { [SHELL]: { OOBE: { HideEULAPage: true } } } });
// @ts-expect-error Azure takes only Microsoft-Windows-Shell-Setup
renderAzureUnattendContent({ oobeSystem: { "Microsoft-Windows-Deployment": {} } });
// @ts-expect-error a setting's own type still applies: LogonCount is a number
renderAzureUnattendContent({ oobeSystem: { [SHELL]: { AutoLogon: { LogonCount: "one" } } } });
// @ts-expect-error KubeVirt needs autounattend or unattend
kubevirtSysprep({ name: "none" });
const settings = { oobeSystem: { [SHELL]: { FirstLogonCommands: [{ CommandLine: "a" }] } } };
// @ts-expect-error the two Azure SDKs differ: @pulumi/azure takes { setting, content }, hence two functions
const data: classic.WindowsVirtualMachineArgs["additionalUnattendContents"] = azureAdditionalUnattendContent(settings);
const fits: classic.WindowsVirtualMachineArgs["additionalUnattendContents"] = azureWindowsVirtualMachineUnattendContents(settings);

// the SDK's own types refuse what the platform does not take
const content: compute.VirtualMachineArgs["osProfile"] = {
  // @ts-expect-error azure-native: passName is "OobeSystem" only
  windowsConfiguration: { additionalUnattendContent: [{ passName: "Specialize", content: "<x/>" }] },
};
// @ts-expect-error Kubernetes: a Secret's data is a map of strings
new corev1.Secret("s", { data: [1, 2] });
export { data, fits, content };
`;
