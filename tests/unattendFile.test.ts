import { expect } from "chai";
import * as crypto from "node:crypto";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { readRepoFile } from "./helpers";
import { endFailedRegistration, recordingMocks, registeredChild, rejectionOf, unwrapSecrets, valueOf } from "./mocks";

type Components = typeof import("../components");

const WS = "Microsoft-Windows-WorkstationService";

describe("UnattendFile (Pulumi mocks)", function () {
  let mod: Components;
  let registered: pulumi.runtime.MockResourceArgs[] = [];

  before(async () => {
    registered = await recordingMocks();
    // required only now, after setMocks, as Pulumi requires
    mod = require("../components") as Components;
  });

  it("registers the component type token and renders xml, asset and sha256", async () => {
    const file = new mod.UnattendFile("nas-client", {
      settings: { generalize: { [WS]: { AllowInsecureGuestAuth: 1 } } },
    });
    const xml = await valueOf(file.xml);
    expect(xml).to.equal(readRepoFile("tests/golden/seed.xml"));
    expect(await valueOf(file.sha256)).to.equal(crypto.createHash("sha256").update(Buffer.from(xml, "utf8")).digest("hex"));
    const asset = await valueOf(file.asset);
    expect(asset).to.be.instanceOf(pulumi.asset.StringAsset);
    expect(await (asset as pulumi.asset.StringAsset).text).to.equal(xml);
    expect(await pulumi.isSecret(file.xml)).to.equal(false);
    const urn = await valueOf(file.urn);
    expect(urn).to.contain("unattend:index:UnattendFile::nas-client");
  });

  it("accepts Outputs and promises at every level", async () => {
    const file = new mod.UnattendFile("outputs", {
      settings: pulumi.output({
        generalize: Promise.resolve({ [WS]: pulumi.output({ AllowInsecureGuestAuth: pulumi.output(1 as const) }) }),
      }),
      architectures: [pulumi.output("x86" as const), "amd64"],
    });
    const xml = await valueOf(file.xml);
    expect([...xml.matchAll(/processorArchitecture="(\w+)"/g)].map((m) => m[1])).to.deep.equal(["x86", "amd64"]);
  });

  it("makes xml, asset and sha256 secret when any input is secret", async () => {
    const file = new mod.UnattendFile("secret", {
      settings: { generalize: { [WS]: { AllowInsecureGuestAuth: pulumi.secret(1 as const) } } },
    });
    expect(await pulumi.isSecret(file.xml)).to.equal(true);
    expect(await pulumi.isSecret(file.asset)).to.equal(true);
    expect(await pulumi.isSecret(file.sha256)).to.equal(true);
    expect(await valueOf(file.xml)).to.contain("<AllowInsecureGuestAuth>1</AllowInsecureGuestAuth>");
  });

  it("makes outputs secret when the architectures are secret", async () => {
    const file = new mod.UnattendFile("secret-arch", {
      settings: { generalize: { [WS]: { AllowInsecureGuestAuth: 0 } } },
      architectures: pulumi.secret(["amd64" as const]),
    });
    expect(await pulumi.isSecret(file.sha256)).to.equal(true);
  });

  it("makes the outputs secret when a password is given, even as plain text", async () => {
    const file = new mod.UnattendFile("password", {
      settings: { oobeSystem: { "Microsoft-Windows-Shell-Setup": { UserAccounts: { AdministratorPassword: "plain-pw" } } } },
    });
    expect(await pulumi.isSecret(file.xml)).to.equal(true);
    expect(await pulumi.isSecret(file.sha256)).to.equal(true);
    expect(await valueOf(file.xml)).to.contain("<Value>plain-pw</Value>");
  });

  it("registers the state child: one entry per setting under `settings`, secret values kept secret, the path absolute", async () => {
    const before = registered.length;
    const file = new mod.UnattendFile("state", {
      settings: {
        generalize: { [WS]: { AllowInsecureGuestAuth: 1 } },
        oobeSystem: {
          "Microsoft-Windows-Shell-Setup": { UserAccounts: { AdministratorPassword: { Value: pulumi.secret("pw"), PlainText: false } } },
        },
      },
      path: "out/state-test.xml",
    });
    await registeredChild(file);
    const child = registered.slice(before).find((r) => r.type === "pulumi-nodejs:dynamic/unattend:UnattendState")!;
    expect(child, "UnattendState registered").to.not.equal(undefined);
    expect(child.name).to.equal("state-state");
    expect(child.inputs.stateVersion).to.equal(1);
    // a secret inside: the mocks' deserialiser marks the whole object secret (the engine keeps it on the value alone:
    // tests/engine checks the stored state)
    expect(JSON.stringify(child.inputs.settings)).to.contain("1b47061264138c4ac30d75fd1eb44270");
    const settings = unwrapSecrets(child.inputs.settings) as Record<string, unknown>;
    expect(settings["generalize/Microsoft-Windows-WorkstationService/AllowInsecureGuestAuth"]).to.equal(1);
    expect(Object.keys(settings)).to.have.length(2);
    expect(JSON.parse(child.inputs.layout as string)).to.deep.include({
      pass: "oobeSystem",
      component: "Microsoft-Windows-Shell-Setup",
      elements: [{ name: "UserAccounts", children: [{ name: "AdministratorPassword", subtree: true, secret: true }] }],
    });
    expect(child.inputs.path).to.equal(path.resolve("out/state-test.xml"));
    expect(child.inputs.fileState).to.equal("written");
    expect(child.inputs).to.not.have.any.keys("xml", "secretKeys");
  });

  it("inside the package (plugin/), keeps the state as the package's custom resource, with the same inputs and no provider code", async () => {
    const { serveStateFromPackage } = require("../components/pulumi/state/resource") as typeof import("../components/pulumi/state/resource");
    const args = { settings: { generalize: { [WS]: { AllowInsecureGuestAuth: 1 as const } } }, path: "out/served.xml" };
    const before = registered.length;
    serveStateFromPackage("0.1.0");
    let served: InstanceType<Components["UnattendFile"]>;
    try {
      served = new mod.UnattendFile("served", args);
    } finally {
      serveStateFromPackage(undefined);
    }
    const dynamic = new mod.UnattendFile("dynamic", { ...args, path: "out/dynamic.xml" });
    await registeredChild(served);
    await registeredChild(dynamic);
    const children = registered.slice(before).filter((r) => r.name.endsWith("-state"));
    expect(children.map((r) => [r.name, r.type, r.custom])).to.deep.equal([
      ["served-state", "unattend:index:UnattendState", true],
      ["dynamic-state", "pulumi-nodejs:dynamic/unattend:UnattendState", true],
    ]);
    const { __provider: code, ...inputs } = children[1].inputs as Record<string, unknown>;
    expect(code).to.be.a("string");
    expect(children[0].inputs).to.deep.equal({ ...inputs, path: path.resolve("out/served.xml") });
  });

  it("marks settings given as secrets in the layout, so that changes mask them and the file is owner-only", async () => {
    const before = registered.length;
    const file = new mod.UnattendFile("secret-flags", {
      settings: { specialize: { "Microsoft-Windows-Shell-Setup": { ComputerName: pulumi.secret("WS-SECRET"), TimeZone: "UTC" } } },
    });
    await registeredChild(file);
    const child = registered.slice(before).find((r) => r.type === "pulumi-nodejs:dynamic/unattend:UnattendState")!;
    expect(JSON.parse(child.inputs.layout as string)).to.deep.equal([
      { pass: "specialize", component: "Microsoft-Windows-Shell-Setup", elements: [{ name: "ComputerName", secret: true }, "TimeZone"] },
    ]);
  });

  it("fails at preview when the path is a folder, or is written by another UnattendFile", async () => {
    const settings = { generalize: { [WS]: { AllowInsecureGuestAuth: 1 as const } } };
    const folder = new mod.UnattendFile("folder-path", { settings, path: "tests" });
    const caught = await rejectionOf(folder.path);
    expect(caught).to.be.instanceOf(pulumi.ResourceError);
    expect((caught as Error).message).to.equal(
      `UnattendFile "folder-path": path "tests" is a folder (${path.resolve("tests")}). Give the path of a file, e.g. "tests/autounattend.xml".`,
    );

    const first = new mod.UnattendFile("first-claim", { settings, path: "out/claimed.xml" });
    const second = new mod.UnattendFile("second-claim", { settings, path: path.resolve("out/claimed.xml") });
    expect(await valueOf(first.path)).to.equal(path.resolve("out/claimed.xml"));
    expect(((await rejectionOf(second.path)) as Error).message).to.equal(
      `UnattendFile "second-claim": path ${JSON.stringify(path.resolve("out/claimed.xml"))} (${path.resolve("out/claimed.xml")}) is already written by another UnattendFile of this program; give each its own path.`,
    );
    endFailedRegistration(registered, "folder-path-state");
    endFailedRegistration(registered, "second-claim-state");
  });

  describe("the state child renders the same XML as the component, whatever arrives as an Output", () => {
    const SHELL = "Microsoft-Windows-Shell-Setup";
    const o = <T>(v: T) => pulumi.output(v);
    const cases: Record<string, () => import("../components").UnattendSettingsInput> = {
      "plain values": () => ({
        generalize: { [WS]: { AllowInsecureGuestAuth: 1 } },
        specialize: { "Microsoft-Windows-Deployment": { RunSynchronous: [{ Path: "a" }, { Path: "b", Order: 7 }] } },
      }),
      "an Output leaf and a secret leaf": () => ({
        oobeSystem: { [SHELL]: { TimeZone: o("UTC"), OOBE: { ProtectYourPC: pulumi.secret(3 as const), HideEULAPage: true } } },
      }),
      "an Output container": () => ({ oobeSystem: { [SHELL]: { OOBE: o({ HideEULAPage: true, NetworkLocation: "Work" as const }) } } }),
      "an Output list and an Output list item": () => ({
        specialize: { "Microsoft-Windows-Deployment": { RunSynchronous: o([{ Path: "a" }, { Path: "b" }]) } },
        oobeSystem: { [SHELL]: { FirstLogonCommands: [{ CommandLine: "x" }, o({ CommandLine: "y" })] } },
      }),
      "a secret password": () => ({
        oobeSystem: { [SHELL]: { UserAccounts: { AdministratorPassword: { Value: pulumi.secret("pw"), PlainText: false } } } },
      }),
      "the whole settings object as an Output": () =>
        o({ generalize: { [WS]: { AllowInsecureGuestAuth: 0 } }, oobeSystem: { [SHELL]: { TimeZone: "UTC" } } }) as never,
    };
    for (const [label, settings] of Object.entries(cases)) {
      it(label, async () => {
        const { readInputs, renderState } = require("../components/pulumi/state/format") as typeof import("../components/pulumi/state/format");
        const before = registered.length;
        const file = new mod.UnattendFile(`rt-${label.replace(/\W+/g, "-")}`, {
          settings: settings(),
          architectures: ["x86", "amd64"],
          extras: [{ xml: '<cpi:offlineImage xmlns:cpi="urn:schemas-microsoft-com:cpi" cpi:source="wim:c:/i.wim#x"/>' }],
        });
        const xml = await valueOf(file.xml);
        await registeredChild(file);
        const child = registered.slice(before).find((r) => r.type === "pulumi-nodejs:dynamic/unattend:UnattendState")!;
        // the engine hands a dynamic provider its inputs with secrets unwrapped
        expect(renderState(readInputs(unwrapSecrets(child.inputs) as Record<string, unknown>))).to.equal(xml);
      });
    }
  });

  it("validates and writes a value known only later as the same value given plainly", async () => {
    const o = <T>(v: T) => pulumi.output(v);
    const disks = [{ DiskID: 0, WillWipeDisk: true, CreatePartitions: [{ Order: 1, Type: "Primary" as const, Extend: true }] }];
    const setup = (d: unknown) => ({ windowsPE: { "Microsoft-Windows-Setup": { DiskConfiguration: { Disk: d } } } }) as never;
    // a repeated element without a list wrapper, given as an Output of an array: one element per item
    const late = await valueOf(new mod.UnattendFile("late-disks", { settings: setup(o(disks)) }).xml);
    expect(late).to.equal(await valueOf(new mod.UnattendFile("plain-disks", { settings: setup(disks) }).xml));
    expect(late).to.contain("<DiskID>0</DiskID>");
    // normalize's and validation's findings in such a value fail the resource as they would given plainly
    const wrong = new mod.UnattendFile("late-mistakes", {
      settings: {
        generalize: { [WS]: { AllowInsecureGuestAuth: o(2) } },
        specialize: { "Microsoft-Windows-Shell-Setup": { TimeZone: o(null) } },
      } as never,
    });
    const cause = ((await rejectionOf(wrong.xml)) as Error).cause as InstanceType<Components["UnattendValidationError"]>;
    expect(cause.diagnostics.map((d) => d.code).sort()).to.deep.equal(["out-of-range", "wrong-shape"]);
  });

  it("places per-architecture components as validateUnattend and renderUnattend do, whatever the architectures", async () => {
    const SHELL = "Microsoft-Windows-Shell-Setup";
    const { renderUnattend, validateUnattend } = require("../components/pure") as typeof import("../components/pure");
    // unvalidatedPerArchitecture joins perArchitecture's component for the same architecture, for any `architectures`
    const perArchitecture = { amd64: { specialize: { [SHELL]: { RegisteredOwner: "Ops" } } } };
    const unvalidatedPerArchitecture = { amd64: { specialize: { [SHELL]: { ContosoNote: "kept" } } } };
    const other = {
      architectures: ["x86" as const],
      settings: { specialize: { [SHELL]: { ComputerName: "PC1" } } },
      perArchitecture,
      unvalidatedPerArchitecture,
    };
    const xml = await valueOf(new mod.UnattendFile("joined-other-architecture", other).xml);
    expect(xml).to.equal(renderUnattend(other));
    expect(xml.match(/<component name="Microsoft-Windows-Shell-Setup" processorArchitecture="amd64"/g)).to.have.length(1);
    expect(xml).to.match(/<RegisteredOwner>Ops<\/RegisteredOwner>\s*<ContosoNote>kept<\/ContosoNote>/);
    // beside `settings` for the same architecture: one duplicate (perArchitecture's), in both, at the same path
    const same = { ...other, architectures: ["amd64" as const] };
    const codes = validateUnattend(same).diagnostics.filter((d) => d.severity === "error");
    expect(codes.map((d) => [d.code, d.path.join(".")])).to.deep.equal([["duplicate-component", `perArchitecture.amd64.specialize.${SHELL}`]]);
    const cause = ((await rejectionOf(new mod.UnattendFile("joined-same-architecture", same).xml)) as Error).cause as InstanceType<
      Components["UnattendValidationError"]
    >;
    expect(cause.diagnostics.map((d) => [d.code, d.path.join(".")])).to.deep.equal(codes.map((d) => [d.code, d.path.join(".")]));
    endFailedRegistration(registered, "joined-same-architecture-state");
  });

  it("fails with every validation error at once, as a ResourceError naming the resource", async () => {
    const file = new mod.UnattendFile("broken", {
      // values that arrive as Outputs escape the compile-time checks
      settings: pulumi.output({
        specialize: { [WS]: { AllowInsecureGuestAuth: 1 } },
        generalize: { [WS]: { AllowInsecureGuestAuth: 2 } },
      } as unknown as import("../components").UnattendSettingsInput),
      architectures: ["amd64", "sparc" as "x86"],
    });
    const caught = await rejectionOf(file.xml);
    expect(caught).to.be.instanceOf(pulumi.ResourceError);
    const error = caught as pulumi.ResourceError;
    expect(error.message).to.match(/^UnattendFile "broken": 3 errors/);
    expect(error.message).to.contain('settings.specialize["Microsoft-Windows-WorkstationService"].AllowInsecureGuestAuth');
    expect(error.hideStack).to.equal(true);
    expect(error.cause).to.be.instanceOf(mod.UnattendValidationError);
    const cause = error.cause as InstanceType<Components["UnattendValidationError"]>;
    expect(cause.diagnostics.map((d) => d.code).sort()).to.deep.equal(["out-of-range", "unknown-architecture", "wrong-pass"]);
    endFailedRegistration(registered, "broken-state");
  });
  it("names the nearest documented name when a name escaped the type checker (a YAML or Go map, a config value), never the value", async () => {
    const SHELL = "Microsoft-Windows-Shell-Setup";
    // what a YAML program's map or a Go program's config gives: names no type checker saw, a secret among them
    const file = new mod.UnattendFile("late-typos", {
      settings: pulumi.output({
        oobeSystem: { [SHELL]: { OOBE: { hideeulapage: true }, UserAccounts: { AdministratorPasword: pulumi.secret("Tr0ub4dor-late") } } },
      }) as never,
    });
    const caught = await rejectionOf(file.xml);
    expect(caught).to.be.instanceOf(pulumi.ResourceError);
    expect((caught as Error).message).to.equal(
      [
        'UnattendFile "late-typos": 2 errors in the unattend settings:',
        `  - settings.oobeSystem["${SHELL}"].OOBE.hideeulapage: Unknown setting "hideeulapage" in "OOBE". Names are case-sensitive: did you mean "HideEULAPage"? [unknown-setting]`,
        `  - settings.oobeSystem["${SHELL}"].UserAccounts.AdministratorPasword: Unknown setting "AdministratorPasword" in "UserAccounts". Did you mean "AdministratorPassword"? [unknown-setting]`,
      ].join("\n"),
    );
    expect(JSON.stringify((caught as Error & { cause: unknown }).cause)).to.not.contain("Tr0ub4dor-late");
    endFailedRegistration(registered, "late-typos-state");
  });

  it("the failure's message is our diagnostic alone, after Pulumi serialises the inputs it rejected (no `error serializing property`)", async () => {
    const file = new mod.UnattendFile("unprefixed", {
      settings: pulumi.output({ specialize: { [WS]: { AllowInsecureGuestAuth: 1 } } } as unknown as import("../components").UnattendSettingsInput),
    });
    // what Pulumi does to the state's inputs, and to a stack output: each rejects with the same error
    const serialised = await rejectionOf(pulumi.runtime.serializeProperties("state", { layout: file.xml, xml: file.xml }));
    expect(serialised).to.be.instanceOf(pulumi.ResourceError);
    const expected =
      /^UnattendFile "unprefixed": 1 error in the unattend settings:\n {2}- settings\.specialize\["Microsoft-Windows-WorkstationService"\]\.AllowInsecureGuestAuth: /;
    expect((serialised as Error).message).to.match(expected);
    expect(((await rejectionOf(file.xml)) as Error).message).to.equal((serialised as Error).message);
    endFailedRegistration(registered, "unprefixed-state");
  });

  it("reports issue 19's mistakes at preview: a rule error fails the resource, rule and template warnings are logged", async () => {
    const SHELL = "Microsoft-Windows-Shell-Setup";
    const warned: string[] = [];
    const log = pulumi.log as { warn: (message: string, resource?: pulumi.Resource) => void };
    const original = log.warn;
    log.warn = (message) => void warned.push(message);
    try {
      const file = new mod.UnattendFile("issue-19-warnings", {
        settings: {
          specialize: { [SHELL]: { TimeZone: "Tokyo Standard Time", RegisteredOwner: "{Owner}" } },
          oobeSystem: { [SHELL]: { TimeZone: "UTC" } },
        },
        perArchitecture: { x86: { specialize: { "Microsoft-Windows-TerminalServices-LocalSessionManager": { fDenyTSConnections: false } } } },
      } as never);
      await valueOf(file.xml);
    } finally {
      log.warn = original;
    }
    expect(
      warned.filter((w) => w.includes('"TimeZone" is "Tokyo Standard Time" in the specialize pass and "UTC" in the oobeSystem pass')),
    ).to.have.length(1);
    expect(warned.filter((w) => w.includes('holds the template placeholder "{Owner}"'))).to.have.length(1);
    expect(warned.filter((w) => w.includes("is declared for x86 only"))).to.have.length(1);

    const bytes = new mod.UnattendFile("issue-19-error", {
      settings: {
        windowsPE: {
          "Microsoft-Windows-Setup": {
            DiskConfiguration: {
              Disk: [
                {
                  DiskID: 0,
                  WillWipeDisk: true,
                  CreatePartitions: [
                    { Order: 1, Type: "EFI", Size: 104857600 },
                    { Order: 2, Type: "Primary", Extend: true },
                  ],
                },
              ],
            },
          },
        },
      },
    } as never);
    const caught = await rejectionOf(bytes.xml);
    expect(caught).to.be.instanceOf(pulumi.ResourceError);
    expect((caught as Error).message)
      .to.contain("CreatePartitions[0].Size")
      .and.contain("[partition-size-in-bytes]");
    endFailedRegistration(registered, "issue-19-error-state");
  });
});
