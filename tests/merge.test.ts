import { expect } from "chai";
import * as fs from "node:fs";
import * as path from "node:path";
import { mergeUnattend, override, parseUnattend, renderUnattend, validateUnattend, type UnattendDocument, type UnattendLayer } from "../components";
import { renderParsed } from "../components/core/parse";
import { formatPath } from "../components/core/diagnostics";
import { mergeLayersWith, type MergeHooks } from "../components/core/merge";
import { sharedOrSkip, textPath } from "./helpers";

const SHELL = "Microsoft-Windows-Shell-Setup";
const DEPLOY = "Microsoft-Windows-Deployment";
const SETUP = "Microsoft-Windows-Setup";
const WS = "Microsoft-Windows-WorkstationService";

const timeZone = (tz: string): UnattendLayer => ({ settings: { oobeSystem: { [SHELL]: { TimeZone: tz } } } });
const codes = (r: { diagnostics: { code: string; severity: string }[] }) => r.diagnostics.map((d) => `${d.severity} ${d.code}`);

describe("mergeUnattend", () => {
  describe("values", () => {
    it("merges groups key by key", () => {
      const r = mergeUnattend(
        { settings: { oobeSystem: { [SHELL]: { OOBE: { HideEULAPage: true } } } } },
        {
          settings: { oobeSystem: { [SHELL]: { OOBE: { ProtectYourPC: 3 }, TimeZone: "UTC" } }, generalize: { [WS]: { AllowInsecureGuestAuth: 0 } } },
        },
      );
      expect(r.diagnostics).to.deep.equal([]);
      expect(r.document.settings).to.deep.equal({
        oobeSystem: { [SHELL]: { OOBE: { HideEULAPage: true, ProtectYourPC: 3 }, TimeZone: "UTC" } },
        generalize: { [WS]: { AllowInsecureGuestAuth: 0 } },
      });
    });

    it("merges equal values silently, comparing them as XML writes them, keeping the later form", () => {
      const r = mergeUnattend(
        { settings: { generalize: { [WS]: { AllowInsecureGuestAuth: 1 } } } },
        { settings: { generalize: { [WS]: { AllowInsecureGuestAuth: "1" as never } } } },
      );
      expect(r.diagnostics).to.deep.equal([]);
      expect(r.document.settings.generalize?.[WS]?.AllowInsecureGuestAuth).to.equal("1");
    });

    it("reports two different values as an error naming both layers' paths, and keeps the earlier", () => {
      const r = mergeUnattend({ ...timeZone("UTC"), name: "base" }, timeZone("Pacific Standard Time"), {
        ...timeZone("Tokyo Standard Time"),
        name: "env",
      });
      expect(r.diagnostics.map(textPath)).to.deep.equal([
        {
          severity: "error",
          code: "merge-conflict",
          path: 'layers[1].settings.oobeSystem["Microsoft-Windows-Shell-Setup"].TimeZone',
          message:
            'layers[0] ("base") and layers[1] set this to the string "UTC" and the string "Pacific Standard Time" (the earlier at layers[0].settings.oobeSystem["Microsoft-Windows-Shell-Setup"].TimeZone). Give it in one layer only, make them equal, or let the later layer win: `override: true` on that layer, or `override(value)` around this value.',
        },
        {
          severity: "error",
          code: "merge-conflict",
          path: 'layers[2].settings.oobeSystem["Microsoft-Windows-Shell-Setup"].TimeZone',
          message:
            'layers[0] ("base") and layers[2] ("env") set this to the string "UTC" and the string "Tokyo Standard Time" (the earlier at layers[0].settings.oobeSystem["Microsoft-Windows-Shell-Setup"].TimeZone). Give it in one layer only, make them equal, or let the later layer win: `override: true` on that layer, or `override(value)` around this value.',
        },
      ]);
      expect(r.document.settings.oobeSystem?.[SHELL]?.TimeZone).to.equal("UTC");
    });

    it("lets an overriding layer win, with a warning per value it replaces", () => {
      const r = mergeUnattend(
        { name: "base", settings: { oobeSystem: { [SHELL]: { TimeZone: "UTC", OOBE: { HideEULAPage: true, ProtectYourPC: 1 } } } } },
        {
          name: "env",
          override: true,
          settings: { oobeSystem: { [SHELL]: { TimeZone: "Pacific Standard Time", OOBE: { HideEULAPage: true, ProtectYourPC: 3 } } } },
        },
      );
      expect(codes(r)).to.deep.equal(["warning merge-override", "warning merge-override"]);
      expect(r.diagnostics[0].message).to.equal(
        'layers[1] ("env") overrides the string "UTC" that layers[0] ("base") set at layers[0].settings.oobeSystem["Microsoft-Windows-Shell-Setup"].TimeZone with the string "Pacific Standard Time".',
      );
      expect(formatPath(r.diagnostics[1].path)).to.equal('layers[1].settings.oobeSystem["Microsoft-Windows-Shell-Setup"].OOBE.ProtectYourPC');
      expect(r.document.settings.oobeSystem?.[SHELL]).to.deep.equal({
        TimeZone: "Pacific Standard Time",
        OOBE: { HideEULAPage: true, ProtectYourPC: 3 },
      });
    });

    it("lets one setting win with override(value), and only that one", () => {
      const r = mergeUnattend(
        { settings: { oobeSystem: { [SHELL]: { TimeZone: "UTC", RegisteredOwner: "a" } } } },
        { settings: { oobeSystem: { [SHELL]: { TimeZone: override("Pacific Standard Time"), RegisteredOwner: "b" } } } },
      );
      expect(codes(r)).to.deep.equal(["warning merge-override", "error merge-conflict"]);
      expect(r.document.settings.oobeSystem?.[SHELL]).to.deep.equal({ TimeZone: "Pacific Standard Time", RegisteredOwner: "a" });
      expect(JSON.stringify(r.document)).to.not.contain("unattend:override");
    });

    it("override() around a group allows every conflict below it", () => {
      const r = mergeUnattend(
        { settings: { oobeSystem: { [SHELL]: { OOBE: { ProtectYourPC: 1, HideEULAPage: false } } } } },
        { settings: { oobeSystem: { [SHELL]: { OOBE: override({ ProtectYourPC: 3 as const, HideEULAPage: true }) } } } },
      );
      expect(codes(r)).to.deep.equal(["warning merge-override", "warning merge-override"]);
      expect(r.document.settings.oobeSystem?.[SHELL]?.OOBE).to.deep.equal({ ProtectYourPC: 3, HideEULAPage: true });
    });

    it("an equal value is no override: no warning", () => {
      const r = mergeUnattend(timeZone("UTC"), { ...timeZone("UTC"), override: true });
      expect(r.diagnostics).to.deep.equal([]);
    });

    it("a group where another layer has a value is a conflict", () => {
      const r = mergeUnattend(
        { settings: { oobeSystem: { [SHELL]: { OOBE: { ProtectYourPC: 1 } } } } },
        { settings: { oobeSystem: { [SHELL]: { OOBE: "none" as never } } } },
      );
      expect(codes(r)).to.deep.equal(["error merge-conflict"]);
      expect(r.diagnostics[0].message).to.contain('set this to an object and the string "none"');
    });

    it("never quotes a password, a product key or a domain-join password", () => {
      const pw = (v: string): UnattendLayer => ({
        settings: {
          oobeSystem: { [SHELL]: { UserAccounts: { AdministratorPassword: { Value: v, PlainText: false } } } },
          specialize: {
            [SHELL]: { ProductKey: `${v}-KEY` },
            "Microsoft-Windows-UnattendedJoin": { Identification: { Credentials: { Password: `${v}-join` } } },
          },
        },
      });
      for (const r of [mergeUnattend(pw("hunter2"), pw("swordfish")), mergeUnattend(pw("hunter2"), { ...pw("swordfish"), override: true })]) {
        expect(r.diagnostics).to.have.length(3);
        const text = JSON.stringify(r.diagnostics);
        for (const secret of ["hunter2", "swordfish"]) expect(text).to.not.contain(secret);
        expect(r.diagnostics[0].message).to.match(/not shown: a credential|overrides the value that/);
      }
    });

    it("compares passwords by value and PlainText: a string equals { Value, PlainText: true }", () => {
      const r = mergeUnattend(
        { settings: { oobeSystem: { [SHELL]: { UserAccounts: { AdministratorPassword: "pw" } } } } },
        { settings: { oobeSystem: { [SHELL]: { UserAccounts: { AdministratorPassword: { Value: "pw", PlainText: true } } } } } },
      );
      expect(r.diagnostics).to.deep.equal([]);
      const s = mergeUnattend(
        { settings: { oobeSystem: { [SHELL]: { UserAccounts: { AdministratorPassword: "pw" } } } } },
        { settings: { oobeSystem: { [SHELL]: { UserAccounts: { AdministratorPassword: { Value: "pw", PlainText: false } } } } } },
      );
      expect(codes(s)).to.deep.equal(["error merge-conflict"]);
    });
  });

  describe("sequences (items keyed by Order)", () => {
    const run = (...paths: (string | { Path: string; Order?: number })[]): UnattendLayer => ({
      settings: { specialize: { [DEPLOY]: { RunSynchronous: paths.map((p) => (typeof p === "string" ? { Path: p } : p)) } } },
    });
    const merged = (r: { document: UnattendDocument }) => r.document.settings.specialize?.[DEPLOY]?.RunSynchronous;

    it("keeps a sequence that one layer sets exactly as given", () => {
      const r = mergeUnattend(run({ Path: "b", Order: 20 }, { Path: "a", Order: 10 }), timeZone("UTC"));
      expect(merged(r)).to.deep.equal([
        { Path: "b", Order: 20 },
        { Path: "a", Order: 10 },
      ]);
    });

    it("concatenates in layer order, each layer in its own Order, and renumbers 1, 2, 3...", () => {
      const r = mergeUnattend(run({ Path: "b", Order: 20 }, { Path: "a", Order: 10 }), run("c", "d"), run({ Path: "e", Order: 1 }));
      expect(r.diagnostics).to.deep.equal([]);
      expect(merged(r)).to.deep.equal([
        { Path: "a", Order: 1 },
        { Path: "b", Order: 2 },
        { Path: "c", Order: 3 },
        { Path: "d", Order: 4 },
        { Path: "e", Order: 5 },
      ]);
      expect(renderUnattend(r.document)).to.match(/<Order>1<\/Order>\s*<Path>a<\/Path>[\s\S]*<Order>5<\/Order>\s*<Path>e<\/Path>/);
    });

    it("never merges equal commands: a command in two layers runs twice", () => {
      const r = mergeUnattend(run("x"), run("x"));
      expect(merged(r)).to.deep.equal([
        { Path: "x", Order: 1 },
        { Path: "x", Order: 2 },
      ]);
    });

    it("reports two items of one layer with the same Order when renumbering (their order would be a guess)", () => {
      const r = mergeUnattend(run("a"), run({ Path: "b", Order: 2 }, { Path: "c", Order: 2 }));
      expect(r.diagnostics.map(textPath)).to.deep.equal([
        {
          severity: "error",
          code: "duplicate-key",
          path: 'layers[1].settings.specialize["Microsoft-Windows-Deployment"].RunSynchronous[1]',
          message:
            "Order 2 is used twice in layers[1]'s RunSynchronousCommand items (first at layers[1].settings.specialize[\"Microsoft-Windows-Deployment\"].RunSynchronous[0]); merged with other layers, the items are numbered in each layer's Order, so each item of a layer needs its own Order.",
        },
      ]);
    });

    it("writes a renumbered Order in the setting's form: three digits for RegionalOverride", () => {
      const region = (order: string): UnattendLayer => ({
        settings: {
          offlineServicing: {
            [SHELL]: { StartTiles: { RegionalOverrides: [{ Order: order, Regions: [{ Key: order, CountryOrRegionID: "US" }] }] } },
          } as never,
        },
      });
      const r = mergeUnattend(region("005"), region("002"));
      const overrides = (r.document.settings.offlineServicing as Record<string, { StartTiles: { RegionalOverrides: { Order: string }[] } }>)[SHELL]
        .StartTiles.RegionalOverrides;
      expect(overrides.map((o) => o.Order)).to.deep.equal(["001", "002"]);
    });

    it("keeps different sequences apart: RunSynchronous and RunAsynchronous are numbered each on its own", () => {
      const r = mergeUnattend(
        { settings: { specialize: { [DEPLOY]: { RunSynchronous: [{ Path: "a", Order: 3 }] } } } },
        { settings: { specialize: { [DEPLOY]: { RunAsynchronous: [{ Path: "b", Order: 3 }] } } } },
      );
      expect(r.document.settings.specialize?.[DEPLOY]).to.deep.equal({
        RunSynchronous: [{ Path: "a", Order: 3 }],
        RunAsynchronous: [{ Path: "b", Order: 3 }],
      });
    });
  });

  describe("keyed items", () => {
    const metadata = (key: "/IMAGE/INDEX" | "/IMAGE/NAME", value: string): UnattendLayer => ({
      settings: { windowsPE: { [SETUP]: { ImageInstall: { OSImage: { InstallFrom: { MetaData: [{ Key: key, Value: value }] } } } } } },
    });
    const items = (r: { document: UnattendDocument }) => r.document.settings.windowsPE?.[SETUP]?.ImageInstall?.OSImage?.InstallFrom?.MetaData;

    it("keeps items with different keys, and an equal item once (two ways of selecting the image are reported: issue 19)", () => {
      const r = mergeUnattend(metadata("/IMAGE/INDEX", "1"), metadata("/IMAGE/NAME", "Pro"), metadata("/IMAGE/INDEX", "1"));
      expect(r.diagnostics.map((d) => `${d.severity} ${d.code}`)).to.deep.equal(["warning merge-image-selection"]);
      expect(items(r)).to.deep.equal([
        { Key: "/IMAGE/INDEX", Value: "1" },
        { Key: "/IMAGE/NAME", Value: "Pro" },
      ]);
    });

    it("reports the same key with a different item, naming both places", () => {
      const r = mergeUnattend(metadata("/IMAGE/INDEX", "1"), metadata("/IMAGE/INDEX", "2"));
      expect(r.diagnostics.map(textPath)).to.deep.equal([
        {
          severity: "error",
          code: "merge-conflict",
          path: 'layers[1].settings.windowsPE["Microsoft-Windows-Setup"].ImageInstall.OSImage.InstallFrom.MetaData[0]',
          message:
            'layers[0] and layers[1] both declare a MetaData with Key "/IMAGE/INDEX", differently (the earlier at layers[0].settings.windowsPE["Microsoft-Windows-Setup"].ImageInstall.OSImage.InstallFrom.MetaData[0]). Declare it in one layer only, make both equal, or let the later replace it: `override: true` on that layer, or `override(item)` around the item.',
        },
      ]);
      expect(items(r)).to.deep.equal([{ Key: "/IMAGE/INDEX", Value: "1" }]);
    });

    it("replaces the earlier item in place when overridden (the layer, or override(item))", () => {
      for (const later of [
        { ...metadata("/IMAGE/INDEX", "2"), override: true },
        {
          settings: {
            windowsPE: {
              [SETUP]: { ImageInstall: { OSImage: { InstallFrom: { MetaData: [override({ Key: "/IMAGE/INDEX" as const, Value: "2" })] } } } },
            },
          },
        },
      ]) {
        const r = mergeUnattend(mergeUnattend(metadata("/IMAGE/INDEX", "1"), metadata("/IMAGE/NAME", "x")).document, later);
        expect(codes(r)).to.deep.equal(["warning merge-override"]);
        expect(items(r)).to.deep.equal([
          { Key: "/IMAGE/INDEX", Value: "2" },
          { Key: "/IMAGE/NAME", Value: "x" },
        ]);
      }
    });

    it("tells disks apart by DiskID and local accounts by Name", () => {
      const disk = (id: number, wipe: boolean): UnattendLayer => ({
        settings: { windowsPE: { [SETUP]: { DiskConfiguration: { Disk: [{ DiskID: id, WillWipeDisk: wipe }] } } } },
      });
      expect(codes(mergeUnattend(disk(0, true), disk(1, true)))).to.deep.equal([]);
      expect(codes(mergeUnattend(disk(0, true), disk(0, true)))).to.deep.equal([]);
      const r = mergeUnattend(disk(0, true), disk(0, false));
      expect(codes(r)).to.deep.equal(["error merge-conflict"]);
      expect(r.diagnostics[0].message).to.contain('a Disk with DiskID "0"');
      const account = (name: string, group: string): UnattendLayer => ({
        settings: { oobeSystem: { [SHELL]: { UserAccounts: { LocalAccounts: [{ Name: name, Group: group }] } } } },
      });
      expect(codes(mergeUnattend(account("a", "Users"), account("b", "Users")))).to.deep.equal([]);
      expect(codes(mergeUnattend(account("a", "Users"), account("a", "Administrators")))).to.deep.equal(["error merge-conflict"]);
    });

    it("accepts an item given as one object where an array is also accepted (Disk: { ... })", () => {
      const one: UnattendLayer = { settings: { windowsPE: { [SETUP]: { DiskConfiguration: { Disk: { DiskID: 0 } as never } } } } };
      expect(mergeUnattend(one, timeZone("UTC")).document.settings.windowsPE).to.deep.equal({
        [SETUP]: { DiskConfiguration: { Disk: { DiskID: 0 } } },
      });
      const two = mergeUnattend(one, { settings: { windowsPE: { [SETUP]: { DiskConfiguration: { Disk: [{ DiskID: 1 }] } } } } });
      expect(two.document.settings.windowsPE?.[SETUP]?.DiskConfiguration?.Disk).to.deep.equal([{ DiskID: 0 }, { DiskID: 1 }]);
    });
  });

  describe("architectures, per-architecture and unvalidated settings, extras", () => {
    it("unites architectures in first-seen order; an overriding layer replaces them", () => {
      expect(mergeUnattend({ architectures: ["amd64"] }, { architectures: ["x86", "amd64"] }).document.architectures).to.deep.equal(["amd64", "x86"]);
      const r = mergeUnattend({ architectures: ["amd64"] }, { architectures: ["arm64"], override: true });
      expect(r.document.architectures).to.deep.equal(["arm64"]);
      expect(r.diagnostics.map((d) => d.message)).to.deep.equal([
        'layers[1] replaces the architectures "amd64" that layers[0] set at layers[0].architectures with "arm64".',
      ]);
      expect(mergeUnattend(timeZone("UTC")).document).to.not.have.property("architectures");
    });

    it("names the earlier layer when architectures not known yet replace known ones", () => {
      // values not known yet, resolved after the merge (as Outputs are)
      class Later {
        constructor(readonly get: () => unknown) {}
      }
      const known = (v: unknown) => (v instanceof Later ? v.get() : v);
      const found: string[] = [];
      const hooks: MergeHooks = {
        isOpaque: (v) => v instanceof Later,
        defer: (a, b, merge) =>
          new Later(() => {
            const r = merge(known(a), known(b));
            found.push(...r.diagnostics.map((d) => d.message));
            return r.value;
          }),
      };
      const r = mergeLayersWith([{ architectures: ["amd64"] }, { architectures: new Later(() => ["arm64"]), override: true }], hooks);
      expect(known(r.document.architectures)).to.deep.equal(["arm64"]);
      expect(found).to.deep.equal(['layers[1] replaces the architectures "amd64" that layers[0] set at layers[0].architectures with "arm64".']);
    });

    it("merges perArchitecture, unvalidated and unvalidatedPerArchitecture by the same rules", () => {
      const r = mergeUnattend(
        {
          perArchitecture: { x86: { specialize: { [SHELL]: { TimeZone: "UTC" } } } },
          unvalidated: { specialize: { "Microsoft-Windows-Foo": { A: "1", List: ["x"] } } },
        },
        {
          perArchitecture: { x86: { specialize: { [SHELL]: { ComputerName: "PC" } } }, arm64: { specialize: { [SHELL]: { TimeZone: "UTC" } } } },
          unvalidated: { specialize: { "Microsoft-Windows-Foo": { B: "2", List: ["x", "y"] } } },
          unvalidatedPerArchitecture: { amd64: { specialize: { "Microsoft-Windows-Foo": { C: 3 } } } },
        },
        { unvalidated: { specialize: { "Microsoft-Windows-Foo": { A: "9" } } } },
      );
      expect(r.document.perArchitecture).to.deep.equal({
        x86: { specialize: { [SHELL]: { TimeZone: "UTC", ComputerName: "PC" } } },
        arm64: { specialize: { [SHELL]: { TimeZone: "UTC" } } },
      });
      expect(r.document.unvalidated).to.deep.equal({ specialize: { "Microsoft-Windows-Foo": { A: "1", List: ["x", "y"], B: "2" } } });
      expect(r.document.unvalidatedPerArchitecture).to.deep.equal({ amd64: { specialize: { "Microsoft-Windows-Foo": { C: 3 } } } });
      expect(r.diagnostics.map(textPath).map((d) => [d.code, d.path])).to.deep.equal([
        ["merge-conflict", 'layers[2].unvalidated.specialize["Microsoft-Windows-Foo"].A'],
      ]);
    });

    it("concatenates extras, keeps an equal one once, and takes <servicing> from one layer only", () => {
      const cpi = { xml: '<cpi:offlineImage xmlns:cpi="urn:schemas-microsoft-com:cpi" cpi:source="wim:c:/a.wim#x"/>' };
      const cpiAgain = { xml: '<cpi:offlineImage  cpi:source="wim:c:/a.wim#x" xmlns:cpi="urn:schemas-microsoft-com:cpi" />' };
      const ext = { xml: '<Extensions xmlns="https://example.com/x"><A/></Extensions>' };
      const servicing = (name: string) => ({
        xml: `<servicing><package action="configure"><assemblyIdentity name="${name}"/></package></servicing>`,
      });
      const ok = mergeUnattend({ extras: [cpi] }, { extras: [cpiAgain, ext] });
      expect(ok.diagnostics).to.deep.equal([]);
      expect(ok.document.extras).to.deep.equal([cpi, ext]);
      const clash = mergeUnattend({ extras: [servicing("a")] }, { extras: [servicing("b")] });
      expect(clash.diagnostics.map(textPath).map((d) => [d.severity, d.code, d.path])).to.deep.equal([
        ["error", "merge-conflict", "layers[1].extras[0]"],
      ]);
      const replaced = mergeUnattend({ extras: [servicing("a"), ext] }, { extras: [servicing("b")], override: true });
      expect(codes(replaced)).to.deep.equal(["warning merge-override"]);
      expect(replaced.document.extras).to.deep.equal([servicing("b"), ext]);
      expect(mergeUnattend({ extras: [servicing("a")] }, { extras: [servicing("a")] }).diagnostics).to.deep.equal([]);
    });
  });

  describe("malformed layers", () => {
    it("reports what is not a layer, and merges the rest", () => {
      const r = mergeUnattend(
        timeZone("UTC"),
        null as never,
        { specialize: {} } as never,
        { name: 3, override: "yes", architectures: "amd64" } as never,
        { settings: { oobeSystem: { [SHELL]: JSON.parse('{"__proto__": {"x": 1}, "TimeZone": "UTC"}') } } },
      );
      expect(r.diagnostics.map(textPath).map((d) => [d.code, d.path])).to.deep.equal([
        ["wrong-shape", "layers[1]"],
        ["wrong-shape", "layers[2].specialize"],
        ["wrong-shape", "layers[3].name"],
        ["wrong-shape", "layers[3].override"],
        ["wrong-shape", "layers[3].architectures"],
        ["reserved-name", 'layers[4].settings.oobeSystem["Microsoft-Windows-Shell-Setup"].__proto__'],
      ]);
      expect(r.diagnostics[1].message).to.contain("Passes go under `settings`");
      expect(r.document.settings).to.deep.equal({ oobeSystem: { [SHELL]: { TimeZone: "UTC" } } });
      expect(Object.getPrototypeOf(r.document.settings.oobeSystem![SHELL])).to.equal(Object.prototype);
    });

    it("bounds the depth it reads (a value that contains itself)", () => {
      const loop: Record<string, unknown> = {};
      loop.Loop = loop;
      const r = mergeUnattend(timeZone("UTC"), { unvalidated: { specialize: { "Microsoft-Windows-Foo": loop as never } } });
      expect(codes(r)).to.deep.equal(["error too-deep"]);
    });
  });

  describe("real answer files (../shared/corpus)", () => {
    const dir = sharedOrSkip("corpus");
    if (!dir) return;
    const files = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(".xml"))
      .map((f) => ({ f, parsed: parseUnattend(fs.readFileSync(path.join(dir, f))) }))
      .filter((x) => !x.parsed.malformed);

    it("gives each well-formed file back, byte for byte once rendered, when merged with an empty layer", () => {
      expect(files.length).to.be.greaterThan(30);
      for (const { f, parsed } of files) {
        const r = mergeUnattend(parsed.document, {});
        expect(r.diagnostics, f).to.deep.equal([]);
        expect(renderParsed({ document: r.document }, { validate: false }), f).to.equal(renderParsed(parsed, { validate: false }));
      }
    });

    it("merges each file with itself without a conflict (its command lists run twice)", () => {
      for (const { f, parsed } of files) {
        expect(
          mergeUnattend(parsed.document, parsed.document).diagnostics.filter((d) => d.severity === "error"),
          f,
        ).to.deep.equal([]);
      }
    });
  });

  it("merges the README's layers into a valid answer file", () => {
    const base: UnattendLayer = {
      name: "base",
      settings: { oobeSystem: { [SHELL]: { TimeZone: "UTC", OOBE: { HideEULAPage: true, ProtectYourPC: 3 } } } },
    };
    const image: UnattendLayer = { name: "image", settings: { specialize: { [DEPLOY]: { RunSynchronous: [{ Path: "cmd /c echo image" }] } } } };
    const env: UnattendLayer = {
      name: "env",
      settings: { specialize: { [SHELL]: { ComputerName: "WS-01" }, [DEPLOY]: { RunSynchronous: [{ Path: "cmd /c echo env" }] } } },
    };
    const r = mergeUnattend(base, image, env);
    expect(r.diagnostics).to.deep.equal([]);
    expect(validateUnattend(r.document).diagnostics).to.deep.equal([]);
    expect(renderUnattend(r.document)).to.contain("<ComputerName>WS-01</ComputerName>");
  });
});
