import { expect } from "chai";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { REPO } from "./helpers";

const CORE = path.join(REPO, "build", "components", "core.js");

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
    expect(loaded.some((f) => f.endsWith(path.join("components", "parse", "index.js")))).to.equal(true);
    expect(loaded.filter((f) => f.includes(path.join("node_modules", "@pulumi")))).to.deep.equal([]);
  });

  it("exports the same functions as the main entry point, minus what needs Pulumi (UnattendFile, layers of Inputs, the delivery targets)", function () {
    this.timeout(60_000);

    const core = require(CORE) as Record<string, unknown>;

    const main = require(path.join(REPO, "build", "components", "index.js")) as Record<string, unknown>;

    const delivery = Object.keys(require(path.join(REPO, "build", "components", "delivery", "index.js")) as object);
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

  it("is exported as pulumi-unattend/core, beside the main entry point and package.json", () => {
    const pkg = require(path.join(REPO, "package.json")) as { main: string; exports: Record<string, unknown> };
    expect(pkg.exports["."]).to.deep.equal({ types: "./lib/index.d.ts", default: "./lib/index.js" });
    expect(pkg.exports["./core"]).to.deep.equal({ types: "./lib/core.d.ts", default: "./lib/core.js" });
    expect(pkg.exports["./package.json"]).to.equal("./package.json");
    // the state provider, by the name Pulumi serialises it under (see docs/state.md)
    expect(pkg.exports["./provider"]).to.equal("./lib/state/provider.js");
  });
});
