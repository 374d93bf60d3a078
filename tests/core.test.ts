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

  it("exports the same functions as the main entry point, minus what needs Pulumi (UnattendFile, layers of Inputs, the delivery targets)", function () {
    this.timeout(60_000);

    const core = require(CORE) as Record<string, unknown>;

    const main = require(path.join(REPO, "build", "components", "index.js")) as Record<string, unknown>;

    const delivery = Object.keys(require(path.join(REPO, "build", "components", "pulumi", "delivery", "index.js")) as object);
    const pulumiOnly = new Set(["UnattendFile", "resolveLayers", "mergeLayerInputs", ...delivery]);
    expect(Object.keys(core).sort()).to.deep.equal(
      Object.keys(main)
        .filter((k) => !pulumiOnly.has(k))
        .sort(),
    );
    // the same values; functions that load their module on first call behave the same
    const doc = { settings: { generalize: { "Microsoft-Windows-WorkstationService": { AllowInsecureGuestAuth: 1 } } } };
    const call = (m: Record<string, unknown>, name: string, ...args: unknown[]) => (m[name] as (...a: unknown[]) => unknown)(...args);
    const xml = call(main, "renderUnattend", doc) as string;
    expect(call(core, "renderUnattend", doc)).to.equal(xml);
    expect(call(core, "validateUnattend", doc)).to.deep.equal(call(main, "validateUnattend", doc));
    expect(call(core, "parseUnattend", xml)).to.deep.equal(call(main, "parseUnattend", xml));
    expect(call(core, "validateUnattendXml", xml)).to.deep.equal(call(main, "validateUnattendXml", xml));
    const parsed = call(main, "parseUnattend", xml);
    expect(call(core, "renderParsed", parsed)).to.equal(call(main, "renderParsed", parsed));
    expect(call(core, "importUnattend", parsed)).to.deep.equal(call(main, "importUnattend", parsed));
    const lazy = ["renderUnattend", "validateUnattend", "parseUnattend", "validateUnattendXml", "renderParsed", "importUnattend"];
    for (const k of Object.keys(core).filter((k) => !lazy.includes(k))) expect(core[k], k).to.equal(main[k]);
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
