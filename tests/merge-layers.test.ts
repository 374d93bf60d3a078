/**
 * Layers with Pulumi Inputs (components/pulumi/layers.ts), under Pulumi's mocks:
 * structure merged now, Outputs kept in place (secrets secret), merges that
 * wait for an Output, credentials made secret, and UnattendFile given layers
 * through resolveLayers.
 */
import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import type { UnattendLayerInput, UnattendSettings } from "../components";
import { mergeLayerInputs, resolveLayers } from "../components/pulumi/layers";
import { formatPath, type Diagnostic } from "../components/core/diagnostics";
import { endFailedRegistration, recordingMocks, registeredChild, unwrapSecrets, valueOf } from "./mocks";

type Components = typeof import("../components");

async function rejection(o: unknown): Promise<Error> {
  try {
    await valueOf(o);
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected the Output to fail");
}

const SHELL = "Microsoft-Windows-Shell-Setup";
const DEPLOY = "Microsoft-Windows-Deployment";
const JOIN = "Microsoft-Windows-UnattendedJoin";

describe("layers with Pulumi Inputs (mocks)", () => {
  let mod: Components;
  let registered: pulumi.runtime.MockResourceArgs[] = [];

  before(async () => {
    registered = await recordingMocks();
    mod = require("../components") as Components;
  });

  const settingsOf = (r: { document: { settings: unknown } }) => r.document.settings as Record<string, Record<string, Record<string, unknown>>>;

  it("merges the structure now and keeps Outputs where they are: a secret stays a secret", async () => {
    const password = pulumi.secret("Tr0ub4dor&3");
    const zone = pulumi.output("UTC");
    const r = mergeLayerInputs([
      { settings: { oobeSystem: { [SHELL]: { TimeZone: zone, OOBE: { HideEULAPage: true } } } } },
      {
        settings: {
          oobeSystem: { [SHELL]: { OOBE: { ProtectYourPC: 3 }, UserAccounts: { AdministratorPassword: { Value: password, PlainText: false } } } },
        },
      },
    ]);
    expect(r.diagnostics).to.deep.equal([]);
    const shell = settingsOf(r).oobeSystem[SHELL] as Record<string, Record<string, unknown>>;
    expect(shell.OOBE).to.deep.equal({ HideEULAPage: true, ProtectYourPC: 3 }); // plain, merged now
    expect(pulumi.Output.isInstance(shell.TimeZone)).to.equal(true);
    expect(await valueOf(shell.TimeZone)).to.equal("UTC");
    const value = (shell.UserAccounts.AdministratorPassword as { Value: pulumi.Output<string> }).Value;
    expect(await pulumi.isSecret(value)).to.equal(true);
    expect(await valueOf(value)).to.equal("Tr0ub4dor&3");
  });

  it("makes credentials secret even when a layer gives them as plain text", async () => {
    const r = mergeLayerInputs([
      mod.domainJoin({ domain: "corp.example.com", credentials: { username: "svc-join", password: "plain-join-pw" } }),
      mod.productKey("AAAAA-BBBBB-CCCCC-DDDDD-EEEEE"),
      {
        settings: { specialize: { [DEPLOY]: { RunSynchronous: [{ Path: "x", Credentials: { Domain: "d", Username: "u", Password: "cmd-pw" } }] } } },
      },
    ]);
    const s = settingsOf(r);
    const creds = (s.specialize[JOIN].Identification as { Credentials: Record<string, unknown> }).Credentials;
    expect(await pulumi.isSecret(creds.Password as pulumi.Output<string>)).to.equal(true);
    expect(await valueOf(creds.Password)).to.equal("plain-join-pw");
    expect(creds.Username).to.equal("svc-join"); // not a credential: plain
    expect(await pulumi.isSecret(s.specialize[SHELL].ProductKey as pulumi.Output<string>)).to.equal(true);
    const cmd = (s.specialize[DEPLOY].RunSynchronous as { Credentials: { Password: pulumi.Output<string> } }[])[0];
    expect(await pulumi.isSecret(cmd.Credentials.Password)).to.equal(true);
    // an Output that holds a group with a credential inside is looked into once it resolves
    const late = mergeLayerInputs([
      { settings: { specialize: { [JOIN]: pulumi.output({ Identification: { Credentials: { Password: "late-pw" } } }) } } },
    ]);
    expect(await pulumi.isSecret(settingsOf(late).specialize[JOIN] as unknown as pulumi.Output<unknown>)).to.equal(true);
  });

  it("blocks keep the Outputs they are given where they write them, secrets secret", async () => {
    const password = pulumi.secret("Adm1n-pw!");
    const key = pulumi.secret("VK7JG-NPHTM-C97JM-9MPGT-3V66T");
    const admin = mod.localAdministrator({ name: "ops", password, autoLogonCount: 1 });
    const shell = (admin.settings as Record<string, Record<string, Record<string, Record<string, unknown>>>>).oobeSystem[SHELL];
    expect((shell.AutoLogon.Password as { Value: unknown }).Value).to.equal(password);
    expect(((shell.UserAccounts.LocalAccounts as unknown[])[0] as { Password: { Value: unknown; PlainText: boolean } }).Password).to.deep.equal({
      Value: password,
      PlainText: false,
    });
    const layer = mod.productKey(key);
    const merged = mergeLayerInputs([layer, admin]);
    const s = settingsOf(merged);
    expect(await pulumi.isSecret(s.specialize[SHELL].ProductKey as pulumi.Output<string>)).to.equal(true);
    expect(
      await pulumi.isSecret((s.windowsPE["Microsoft-Windows-Setup"].UserData as { ProductKey: { Key: pulumi.Output<string> } }).ProductKey.Key),
    ).to.equal(true);
    expect(await valueOf((s.windowsPE["Microsoft-Windows-Setup"].UserData as { ProductKey: { Key: unknown } }).ProductKey.Key)).to.equal(
      "VK7JG-NPHTM-C97JM-9MPGT-3V66T",
    );
  });

  it("merges what waits for an Output once it resolves: equal values, renumbered sequences, secrets kept", async () => {
    const r = mergeLayerInputs([
      {
        settings: {
          oobeSystem: { [SHELL]: { TimeZone: pulumi.output("UTC") } },
          specialize: { [DEPLOY]: { RunSynchronous: [{ Path: "a" }, { Path: "b" }] } },
        },
      },
      {
        settings: {
          oobeSystem: { [SHELL]: { TimeZone: "UTC" } },
          specialize: { [DEPLOY]: { RunSynchronous: pulumi.secret([{ Path: "c", Order: 9 }]) } },
        },
      },
    ]);
    expect(r.diagnostics).to.deep.equal([]);
    const s = settingsOf(r);
    expect(await valueOf(s.oobeSystem[SHELL].TimeZone)).to.equal("UTC");
    const list = s.specialize[DEPLOY].RunSynchronous;
    expect(await pulumi.isSecret(list as pulumi.Output<unknown>)).to.equal(true);
    expect(await valueOf(list)).to.deep.equal([
      { Path: "a", Order: 1 },
      { Path: "b", Order: 2 },
      { Path: "c", Order: 3 },
    ]);
  });

  it("fails the value with every conflict found once Outputs resolve, without quoting them", async () => {
    const r = mergeLayerInputs([
      { name: "base", settings: { oobeSystem: { [SHELL]: { TimeZone: pulumi.output("UTC") } } } },
      { name: "env", settings: { oobeSystem: { [SHELL]: { TimeZone: pulumi.secret("Tokyo Standard Time") } } } },
    ]);
    expect(r.diagnostics).to.deep.equal([]); // not known yet
    const err = await rejection(settingsOf(r).oobeSystem[SHELL].TimeZone);
    expect(err).to.be.instanceOf(mod.UnattendValidationError);
    expect(err.message).to.contain('layers[1].settings.oobeSystem["Microsoft-Windows-Shell-Setup"].TimeZone').and.contain("[merge-conflict]");
    expect(err.message).to.contain('layers[0] ("base") and layers[1] ("env")');
    // an overriding layer wins instead
    const o = mergeLayerInputs([
      { settings: { oobeSystem: { [SHELL]: { TimeZone: pulumi.output("UTC") } } } },
      { override: true, settings: { oobeSystem: { [SHELL]: { TimeZone: pulumi.output("Tokyo Standard Time") } } } },
    ]);
    expect(await valueOf(settingsOf(o).oobeSystem[SHELL].TimeZone)).to.equal("Tokyo Standard Time");
  });

  it("merges layers whose fields are Outputs, architectures and extras included", async () => {
    const r = mergeLayerInputs([
      { settings: pulumi.output({ oobeSystem: { [SHELL]: { TimeZone: "UTC" } } }), architectures: pulumi.output(["amd64" as const]) },
      {
        settings: { oobeSystem: { [SHELL]: { RegisteredOwner: "IT" } } },
        architectures: ["x86"],
        extras: pulumi.output([{ xml: '<Extensions xmlns="https://example.com/x"/>' }]),
      },
      { extras: [{ xml: '<Extensions xmlns="https://example.com/x"/>' }] },
    ]);
    expect(await valueOf(r.document.settings)).to.deep.equal({ oobeSystem: { [SHELL]: { TimeZone: "UTC", RegisteredOwner: "IT" } } });
    expect(await valueOf(r.document.architectures)).to.deep.equal(["amd64", "x86"]);
    expect(await valueOf(r.document.extras)).to.deep.equal([{ xml: '<Extensions xmlns="https://example.com/x"/>' }]);
  });

  describe("resolveLayers: UnattendFile with settings as layers", () => {
    const base: UnattendLayerInput = { name: "base", settings: { oobeSystem: { [SHELL]: { TimeZone: "UTC" } } } };

    it("renders the same file as the pure merge, one state input per setting, secret where a layer is", async () => {
      const password = pulumi.secret("Adm1n-pw!");
      const before = registered.length;
      const file = new mod.UnattendFile(
        "layered",
        resolveLayers({
          settings: [
            base,
            mod.skipOobe(),
            mod.localAdministrator({ name: "ops", password, autoLogonCount: 1 }),
            mod.commands.specialize(["cmd /c echo one"]),
          ],
          architectures: ["amd64"],
        }),
      );
      const xml = await valueOf<string>(file.xml);
      const plain = mod.mergeUnattend(
        { settings: { oobeSystem: { [SHELL]: { TimeZone: "UTC" } } } },
        mod.skipOobe(),
        mod.localAdministrator({ name: "ops", password: "Adm1n-pw!", autoLogonCount: 1 }),
        mod.commands.specialize(["cmd /c echo one"]),
        { architectures: ["amd64"] },
      );
      expect(plain.diagnostics).to.deep.equal([]);
      expect(xml).to.equal(mod.renderUnattend(plain.document));
      expect(await pulumi.isSecret(file.xml)).to.equal(true);
      await registeredChild(file);
      const child = registered.slice(before).find((r) => r.type === "pulumi-nodejs:dynamic/unattend:UnattendState")!;
      const settings = unwrapSecrets(child.inputs.settings) as Record<string, unknown>;
      expect(settings["oobeSystem/Microsoft-Windows-Shell-Setup/TimeZone"]).to.equal("UTC");
      expect(settings["oobeSystem/Microsoft-Windows-Shell-Setup/OOBE/ProtectYourPC"]).to.equal(3);
      // the password's element is marked secret in the layout (its value is a secret in the state)
      const shell = (
        JSON.parse(child.inputs.layout as string) as { pass: string; elements: { name: string; secret?: boolean; subtree?: boolean }[] }[]
      ).find((c) => c.pass === "oobeSystem")!;
      expect(JSON.stringify(shell.elements.find((e) => e.name === "AutoLogon"))).to.contain('"secret":true');
    });

    it("throws every conflict it can see now, naming the layers", () => {
      expect(() =>
        resolveLayers({ settings: [base, { name: "env", settings: { oobeSystem: { [SHELL]: { TimeZone: "Tokyo Standard Time" } } } }] }),
      ).to.throw(
        mod.UnattendValidationError,
        /layers\[1\]\.settings\.oobeSystem\["Microsoft-Windows-Shell-Setup"\]\.TimeZone: layers\[0\] \("base"\) and layers\[1\] \("env"\)/,
      );
    });

    it("adds the other document arguments as a last layer, and leaves other arguments and plain settings alone", () => {
      const r = resolveLayers({ settings: [base, { architectures: ["x86"] }], architectures: ["amd64"], path: "out/x.xml" });
      expect(r).to.deep.include({ path: "out/x.xml", architectures: ["x86", "amd64"] });
      expect(r.settings).to.deep.equal({ oobeSystem: { [SHELL]: { TimeZone: "UTC" } } });
      expect(() => resolveLayers({ settings: [base], extras: [{ xml: "<servicing/>" }, { xml: "<servicing><x/></servicing>" }] })).to.not.throw();
      const conflict = () => resolveLayers({ settings: [{ extras: [{ xml: "<servicing/>" }] }], extras: [{ xml: "<servicing><x/></servicing>" }] });
      expect(conflict).to.throw(/layers\[1\]\.extras\[0\]: layers\[0\] and layers\[1\] \("UnattendFileArgs"\) both give a <servicing> element/);
      const args = { settings: { oobeSystem: { [SHELL]: { TimeZone: "UTC" } } }, path: "p" };
      expect(resolveLayers(args)).to.equal(args);
    });
  });

  // issue 19, class 7: what merging layers did without a word
  describe("layer mistakes (issue 19)", () => {
    const SETUP = "Microsoft-Windows-Setup";
    const first = (d: readonly Diagnostic[], code: string) => d.filter((x) => x.code === code);

    it("the same command added by two layers is a warning naming both places (it would run twice)", () => {
      const cmd = (CommandLine: string) => ({ oobeSystem: { [SHELL]: { FirstLogonCommands: [{ Order: 1, CommandLine }] } } });
      const r = mod.mergeUnattend(
        { name: "base", settings: cmd("powershell -File C:\\setup\\winrm.ps1") },
        { name: "packer", settings: cmd("powershell  -File c:\\setup\\winrm.ps1 ") },
      );
      const found = first(r.diagnostics, "merge-repeated-command");
      expect(found.map((d) => [d.severity, formatPath(d.path)])).to.deep.equal([
        ["warning", 'layers[1].settings.oobeSystem["Microsoft-Windows-Shell-Setup"].FirstLogonCommands[0].CommandLine'],
      ]);
      expect(found[0].message).to.contain('layers[0] ("base")').and.contain("run twice");
      // different commands, or RunSynchronous Paths that differ, merge silently as before
      const other = mod.mergeUnattend({ settings: cmd("a.cmd") }, { settings: cmd("b.cmd") });
      expect(first(other.diagnostics, "merge-repeated-command")).to.deep.equal([]);
      const run = (Path: string) => ({ specialize: { "Microsoft-Windows-Deployment": { RunSynchronous: [{ Order: 1, Path }] } } });
      expect(first(mod.mergeUnattend({ settings: run("x.cmd") }, { settings: run("X.CMD") }).diagnostics, "merge-repeated-command")).to.have.length(
        1,
      );
      expect(first(mod.mergeUnattend({ settings: run("x.cmd") }, { settings: run("y.cmd") }).diagnostics, "merge-repeated-command")).to.have.length(
        0,
      );
    });

    it("two layers selecting the edition by /IMAGE/INDEX and /IMAGE/NAME are reported (both MetaData are kept)", () => {
      const meta = (Key: string, Value: string) =>
        ({ windowsPE: { [SETUP]: { ImageInstall: { OSImage: { InstallFrom: { MetaData: [{ Key, Value }] } } } } } }) as unknown as UnattendSettings;
      const r = mod.mergeUnattend(
        { name: "image", settings: meta("/IMAGE/INDEX", "2") },
        { name: "site", settings: meta("/IMAGE/NAME", "Windows 11 Pro") },
      );
      const found = first(r.diagnostics, "merge-image-selection");
      expect(found.map((d) => [d.severity, formatPath(d.path)])).to.deep.equal([
        ["warning", 'layers[1].settings.windowsPE["Microsoft-Windows-Setup"].ImageInstall.OSImage.InstallFrom.MetaData[0]'],
      ]);
      expect(found[0].message).to.contain("/IMAGE/NAME").and.contain("/IMAGE/INDEX").and.contain("Select the operating system");
      // the same key with the same value, in two layers: one item, no word
      const same = mod.mergeUnattend({ settings: meta("/IMAGE/INDEX", "2") }, { settings: meta("/image/index", "2") });
      expect(first(same.diagnostics, "merge-image-selection")).to.deep.equal([]);
    });

    it("a conflict between values known only at deployment fails UnattendFile once, as its error, and no merged value fails", async () => {
      const layers = [
        { name: "base", settings: { oobeSystem: { [SHELL]: { TimeZone: pulumi.output("UTC") } } } },
        { name: "env", settings: { oobeSystem: { [SHELL]: { TimeZone: pulumi.output("Tokyo Standard Time") } } } },
      ];
      // the merged value keeps the earlier layer's value; the conflict arrives once, in `late`
      const { resolveLayerArgs } = require("../components/pulumi/layers") as typeof import("../components/pulumi/layers");
      const { args, late } = resolveLayerArgs({ settings: layers });
      const settings = args.settings as Record<string, Record<string, Record<string, unknown>>>;
      expect(await valueOf(settings.oobeSystem[SHELL].TimeZone)).to.equal("UTC");
      const found = await valueOf(late);
      expect(found.map((d) => `${d.severity} ${d.code} ${formatPath(d.path)}`)).to.deep.equal([
        'error merge-conflict layers[1].settings.oobeSystem["Microsoft-Windows-Shell-Setup"].TimeZone',
      ]);
      // UnattendFile reports it with validation's findings: one ResourceError naming the resource, the conflict once
      const file = new mod.UnattendFile("late-conflict", { settings: layers as never });
      const err = await rejection(file.xml);
      expect(err).to.be.instanceOf(pulumi.ResourceError);
      expect(err.message).to.match(/^UnattendFile "late-conflict": 1 error/);
      const cause = (err as pulumi.ResourceError & { cause: { diagnostics: { code: string }[] } }).cause;
      expect(cause.diagnostics.map((d) => d.code)).to.deep.equal(["merge-conflict"]);
      endFailedRegistration(registered, "late-conflict-state");
    });
  });
});
