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

  it("each function that loads its module on first call passes every argument through and returns what that module's function returns", () => {
    const core = require(CORE) as Record<string, (...a: unknown[]) => unknown>;
    const module = (rel: string) => require(path.join(REPO, "build", "components", "core", rel)) as Record<string, (...a: unknown[]) => unknown>;
    // a rule warning to ignore (options must reach the rules), a template architecture for the parser, YAML for the importer
    const layer = core.skipOobe({ edition: "server" }) as { settings: unknown };
    const doc = { settings: layer.settings };
    const ignore = { ignore: ["hidden-account-screen-without-account"] };
    const xml = (core.renderUnattend(doc, ignore) as string).replace(/processorArchitecture="amd64"/g, 'processorArchitecture="%arch%"');
    const arm = { templateArchitecture: "arm64" };
    const parsed = core.parseUnattend(xml, arm);
    const image = new Uint8Array(64);
    // image 6 asked of media holding image 1 only: the message names the media by its label
    const installSix = { settings: (core.image({ index: 6 }) as { settings: unknown }).settings };
    const media = { images: [{ index: 1, name: "Windows 11 Pro", languages: ["en-US"] }], diagnostics: [] };
    const cases: [string, string, unknown[], unknown[]?][] = [
      // [function, its module, arguments, arguments without the option (whose result must differ)]
      ["renderUnattend", "document", [doc, ignore]],
      ["validateUnattend", "document", [doc, ignore], [doc]],
      ["parseUnattend", "parse", [xml, arm], [xml]],
      ["validateUnattendXml", "parse", [xml, { ...arm, ...ignore }], [xml]],
      ["importUnattend", "importer", [parsed, { format: "yaml", stack: "prod" }], [parsed]],
      ["mergeUnattend", "merge", [layer, { settings: { oobeSystem: { "Microsoft-Windows-Shell-Setup": { OOBE: { HideEULAPage: false } } } } }]],
      ["override", "merge", [{ a: 1 }]],
      ["readWindowsImage", "media", [image]],
      ["checkUnattendMedia", "media", [installSix, media, { label: "install.wim" }], [installSix, media]],
    ];
    for (const [name, rel, args, without] of cases) {
      const expected = module(rel)[name](...args);
      expect(core[name](...args), name).to.deep.equal(expected);
      if (without) expect(core[name](...without), `${name} without its option`).to.not.deep.equal(expected);
    }
    // every wrapper (a function of this entry that is not its module's own) is among the cases
    const wrappers = Object.keys(core).filter((k) =>
      ["document", "parse", "importer", "merge", "media"].some((rel) => k in module(rel) && module(rel)[k] !== core[k]),
    );
    expect(wrappers.sort()).to.deep.equal(cases.map(([n]) => n).sort());
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
