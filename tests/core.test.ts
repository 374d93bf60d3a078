import { expect } from "chai";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO } from "./helpers";

const CORE = path.join(REPO, "build", "components", "pure.js");

describe("pulumi-unattend/core (the pure entry point)", () => {
  it("loads no part of @pulumi/pulumi", () => {
    const child = spawnSync(
      process.execPath,
      ["-e", `require(${JSON.stringify(CORE)}); process.stdout.write(JSON.stringify(Object.keys(require.cache)))`],
      { encoding: "utf8" },
    );
    expect(child.status, child.stderr).to.equal(0);
    const loaded = JSON.parse(child.stdout) as string[];
    expect(loaded.filter((f) => f.includes(path.join("node_modules", "@pulumi")))).to.deep.equal([]);
    expect(loaded.filter((f) => /unattendFile|[\\/]state[\\/]/.test(f))).to.deep.equal([]);
  });

  it("nor, after parsing, validating, rendering and importing, any part of @pulumi/pulumi", () => {
    const script = `
      const core = require(${JSON.stringify(CORE)});
      const xml = core.renderUnattend({ settings: { generalize: { "Microsoft-Windows-WorkstationService": { AllowInsecureGuestAuth: 1 } } } });
      const parsed = core.parseUnattend(xml);
      if (core.validateUnattendXml(xml).diagnostics.length) throw new Error("invalid");
      core.importUnattend(parsed);
      process.stdout.write(JSON.stringify(Object.keys(require.cache)));`;
    const child = spawnSync(process.execPath, ["-e", script], { encoding: "utf8" });
    expect(child.status, child.stderr).to.equal(0);
    const loaded = JSON.parse(child.stdout) as string[];
    expect(loaded.some((f) => f.endsWith(path.join("components", "core", "parse", "index.js")))).to.equal(true);
    expect(loaded.filter((f) => f.includes(path.join("node_modules", "@pulumi")))).to.deep.equal([]);
  });

  it("exports exactly the public runtime API (api/*.api.md records the types), the main entry the same plus what needs Pulumi", function () {
    this.timeout(60_000);

    const core = require(CORE) as Record<string, unknown>;

    const main = require(path.join(REPO, "build", "components", "index.js")) as Record<string, unknown>;

    const pure = [
      // read, check, write
      "parseUnattend",
      "validateUnattend",
      "validateUnattendXml",
      "renderUnattend",
      "importUnattend",
      // layers
      "mergeUnattend",
      "override",
      // installation media
      "readWindowsImage",
      "checkUnattendMedia",
      // diagnostics
      "UnattendValidationError",
      "formatPath",
      // building blocks
      "builtinAdministrator",
      "bypassRequirements",
      "commands",
      "diskLayout",
      "domainJoin",
      "drivers",
      "edition",
      "image",
      "locale",
      "localAccounts",
      "localAdministrator",
      "offlineDomainJoin",
      "productKey",
      "registry",
      "scripts",
      "skipOobe",
      "winrm",
    ];
    const pulumiOnly = [
      "UnattendFile",
      "resolveLayers",
      // delivery targets
      "azureAdditionalUnattendContent",
      "azureWindowsVirtualMachineUnattendContents",
      "kubevirtSysprep",
      "packerMediaFile",
      "vsphereWindowsSysprepText",
    ];
    expect(Object.keys(core).sort()).to.deep.equal([...pure].sort());
    expect(Object.keys(main).sort()).to.deep.equal([...pure, ...pulumiOnly].sort());
    // the main entry re-exports the pure one: the very same functions, not copies
    for (const k of pure) expect(main[k], k).to.equal(core[k]);
  });

  it("every subpath the package exports names a file the library build produced; the state provider's older name (in stacks written before the 1.0 layout) is the same module", () => {
    const pkg = require(path.join(REPO, "package.json")) as { exports: Record<string, string | Record<string, string>> };
    const targets = Object.values(pkg.exports).flatMap((t) => (typeof t === "string" ? [t] : Object.values(t)));
    for (const t of targets) expect(fs.existsSync(path.join(REPO, t)), t).to.equal(true);
    const provider = (name: string) => pkg.exports[name] as string;
    expect(provider("./lib/state/provider.js")).to.equal(provider("./provider"));
    expect(provider("./lib/pulumi/state/provider.js")).to.equal(provider("./provider"));
  });
});
