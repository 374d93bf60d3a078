/**
 * The building blocks (components/blocks/): each renders a valid answer file
 * equal to its golden file under tests/golden/blocks/, which the answer-file
 * schema (vendor/unattend-schema/autounattend.xsd) accepts (with xmllint);
 * the disk layouts are consistent (InstallTo
 * points at the Windows partition); bad arguments are reported, every one,
 * credentials unquoted.
 *
 * examples/golden-image is checked the same way (with plain values for its
 * secrets). After changing a block on purpose, regenerate the golden files with
 *   UPDATE_GOLDEN=1 npx mocha --no-config build/tests/blocks.test.js
 * and review the diff.
 */
import { expect } from "chai";
import * as fs from "node:fs";
import * as path from "node:path";
import {
  builtinAdministrator,
  bypassRequirements,
  commands,
  diskLayout,
  domainJoin,
  drivers,
  edition,
  image,
  locale,
  localAccounts,
  localAdministrator,
  mergeUnattend,
  offlineDomainJoin,
  productKey,
  registry,
  renderUnattend,
  scripts,
  skipOobe,
  winrm,
  UnattendValidationError,
  validateUnattend,
  type UnattendLayer,
} from "../components";
import * as blocks from "../components/blocks";
import { formatPath } from "../components/core/diagnostics";
import { checkSchema, requireExample } from "./blocks.examples";
import { REPO } from "./helpers";

const GOLDEN = path.join(REPO, "tests", "golden", "blocks");
const UPDATE = process.env.UPDATE_GOLDEN === "1";

/** Each block with representative arguments; the key is the golden file's name. */
const CASES: Record<string, () => UnattendLayer> = {
  "diskLayout.uefi": () => diskLayout.uefi({ disk: 0 }),
  "diskLayout.uefi-recovery-first": () => diskLayout.uefi({ disk: 0, recovery: true }),
  "diskLayout.uefi-recovery-last": () =>
    diskLayout.uefi({ disk: 1, windowsSize: 81920, recovery: { size: 1024 }, efiSize: 260, msrSize: 16, letter: "w" }),
  "diskLayout.bios": () => diskLayout.bios({ disk: 0 }),
  "diskLayout.bios-recovery-last": () => diskLayout.bios({ disk: 0, windowsSize: 61440, recovery: true, systemSize: 500 }),
  "image-index": () => image({ index: 6 }),
  "image-name": () => image({ name: "Windows Server 2022 SERVERDATACENTER", path: "\\\\server\\share\\install.wim" }),
  localAdministrator: () => localAdministrator({ name: "ops", password: "Adm1n-pw!", displayName: "Operations", autoLogonCount: 1 }),
  "skipOobe-client": () => skipOobe(),
  "skipOobe-server": () => skipOobe({ edition: "server", protectYourPC: 1 }),
  locale: () => locale("de-CH", { inputLocale: "de-CH; en-US", uiLanguage: "en-US", timeZone: "W. Europe Standard Time" }),
  "locale-installed-only": () => locale("en-US", { windowsPE: false }),
  domainJoin: () =>
    domainJoin({
      domain: "corp.example.com",
      ou: "OU=Workstations,DC=corp,DC=example,DC=com",
      credentials: { username: "svc-join", password: "J0in-pw!" },
    }),
  "commands.specialize": () =>
    commands.specialize([
      "powershell -NoProfile -Command Enable-PSRemoting -Force",
      { path: "cmd /c bcdedit /timeout 5", description: "boot menu", willReboot: "Never" },
    ]),
  "commands.firstLogon": () =>
    commands.firstLogon(["cmd /c echo first", { commandLine: "cmd /c echo second", description: "second", requiresUserInput: false }]),
  productKey: () => productKey("VK7JG-NPHTM-C97JM-9MPGT-3V66T"),
  "productKey-activation-only": () => productKey("VK7JG-NPHTM-C97JM-9MPGT-3V66T", { windowsPE: false }),
  // issue 21: the jobs image engineers do every day
  bypassRequirements: () => bypassRequirements({ onlineAccount: true }),
  "bypassRequirements-tpm-only": () => bypassRequirements({ tpm: true, secureBoot: false, ram: false, cpu: false, storage: false }),
  localAccounts: () =>
    localAccounts([
      { name: "ops", password: "Ops-pw1!", groups: ["Administrators", "RemoteDesktopUsers"], displayName: "Operations", description: "Image build" },
      { name: "kiosk", password: "K1osk-pw!" },
    ]),
  "builtinAdministrator-unlimited": () => builtinAdministrator({ password: "packer", autoLogon: "unlimited" }),
  "builtinAdministrator-once": () => builtinAdministrator({ password: "packer", autoLogon: 1 }),
  "builtinAdministrator-three": () => builtinAdministrator({ password: "packer", autoLogon: 3 }),
  "builtinAdministrator-password-only": () => builtinAdministrator({ password: "packer" }),
  "winrm-https": () => winrm({ transport: "https" }),
  "winrm-http-basic": () => winrm({ transport: "http", basicAuth: true, allowUnencrypted: true }),
  "winrm-http-specialize": () => winrm({ transport: "http", basicAuth: false, firewall: false, port: 8985, pass: "specialize" }),
  drivers: () =>
    drivers({
      winPE: ["D:\\drivers\\storage", "D:\\drivers\\network"],
      afterSetup: ["\\\\server\\drivers\\laptops"],
      credentials: { domain: "corp", username: "svc-drivers", password: "Dr1ver-pw!" },
    }),
  edition: () => edition("Windows Enterprise", { imageName: "Windows 11 Enterprise", activation: true }),
  "edition-server": () => edition("Windows Server 2022 Datacenter"),
  offlineDomainJoin: () => offlineDomainJoin({ accountData: "QUJDREVGR0hJSktMTU5PUA==" }),
  "offlineDomainJoin-offlineServicing": () => offlineDomainJoin({ accountData: "QUJDREVGR0hJSktMTU5PUA==", pass: "offlineServicing" }),
  "domainJoin-unsecure": () =>
    domainJoin({ domain: "corp.example.com", ou: "OU=Kiosks,DC=corp,DC=example,DC=com", unsecure: { machinePassword: "M4chine-pw" } }),
  registry: () =>
    registry([
      {
        hive: "HKLM",
        key: "SOFTWARE\\Policies\\Microsoft\\Windows\\CloudContent",
        name: "DisableWindowsConsumerFeatures",
        type: "REG_DWORD",
        value: 1,
      },
      {
        hive: "HKLM",
        key: "SOFTWARE\\Contoso",
        name: "Install dir",
        type: "REG_SZ",
        value: "C:\\Program Files\\Contoso\\",
        description: "install folder",
      },
      { hive: "HKLM", key: "SOFTWARE\\Contoso", type: "REG_SZ", value: "a & b | c > d ^ (e)" },
      { hive: "HKLM", key: "SOFTWARE\\Contoso", name: "Paths", type: "REG_MULTI_SZ", value: ["C:\\a", "D:\\b~"] },
      { hive: "HKLM", key: "SOFTWARE\\Contoso", name: "Big", type: "REG_QWORD", value: 18446744073709551615n },
      { hive: "HKLM", key: "SOFTWARE\\Contoso", name: "Blob", type: "REG_BINARY", value: new Uint8Array([0, 1, 254, 255]) },
      { hive: "HKCU", key: "Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\Advanced", name: "HideFileExt", type: "REG_DWORD", value: 0 },
      { hive: "HKLM", key: "SYSTEM\\Setup\\LabConfig", name: "BypassTPMCheck", type: "REG_DWORD", value: 1, pass: "windowsPE" },
      { hive: "HKCU", key: "Software\\Contoso", name: "Greeted", type: "REG_DWORD", value: 1, pass: "firstLogon" },
      { hive: "HKLM", key: "SOFTWARE\\Contoso", name: "Audited", type: "REG_NONE", pass: "auditUser" },
    ]),
  scripts: () =>
    scripts({
      specialize: [{ name: "machine", shell: "powershell", content: "Set-TimeZone -Id 'UTC'\r\nWrite-Output \"caf\u00e9 & <done>\"\r\n" }],
      firstLogon: [{ name: "welcome", shell: "cmd", content: "@echo off\r\necho ready > C:\\ready.txt\r\n" }],
      defaultUser: [{ name: "explorer", shell: "cmd", content: "reg add HKU\\DefaultUser\\Software\\Contoso /v A /t REG_SZ /d 1 /f\r\n" }],
    }),
  "commands.windowsPE": () =>
    commands.windowsPE(["cmd /c echo windowsPE", { path: "cmd /c wpeutil UpdateBootInfo", description: "boot information" }]),
  "commands.auditUser": () => commands.auditUser(["cmd /c echo audit", { path: "cmd /c echo again", willReboot: "Never" }]),
  "commands.async": () => commands.async(["cmd /c echo specialize async"]),
  "commands.async-windowsPE": () => commands.async([{ path: "cmd /c echo PE async", description: "async" }], { pass: "windowsPE" }),
};

/**
 * Cross-setting rule warnings a block gives on its own, each because it is meant
 * to be combined with another block (the merged test below checks they go away).
 */
const ALONE: Record<string, string[]> = {
  // hides the account screen of Windows Server: an account block (localAdministrator) goes with it
  "skipOobe-server": ["warning hidden-account-screen-without-account"],
};

/** A copy of `value` with its last scalar leaf changed (a number plus one, a boolean flipped, a string extended). */
function changeLastValue<T>(value: T): T {
  let changed = false;
  const walk = (v: unknown): unknown => {
    if (changed) return v;
    if (Array.isArray(v))
      return v
        .map((_, i) => v[v.length - 1 - i])
        .map(walk)
        .reverse();
    if (v && typeof v === "object" && !(v instanceof Uint8Array)) {
      return Object.fromEntries(
        Object.entries(v)
          .reverse()
          .map(([k, x]) => [k, walk(x)])
          .reverse(),
      );
    }
    changed = true;
    return typeof v === "number" ? v + 1 : typeof v === "boolean" ? !v : typeof v === "string" ? `${v}x` : v;
  };
  return walk(value) as T;
}

describe("building blocks", () => {
  if (UPDATE) fs.mkdirSync(GOLDEN, { recursive: true });

  for (const [name, make] of Object.entries(CASES)) {
    describe(name, () => {
      let layer: UnattendLayer;
      let xml: string;
      before(() => {
        layer = make();
        xml = renderUnattend({ ...layer, settings: layer.settings ?? {} });
      });

      it("renders a valid answer file equal to its golden file", () => {
        expect(
          validateUnattend({ settings: layer.settings ?? {}, extras: layer.extras }).diagnostics.map((d) => `${d.severity} ${d.code}`),
        ).to.deep.equal(ALONE[name] ?? []);
        const file = path.join(GOLDEN, `${name}.xml`);
        if (UPDATE) {
          fs.writeFileSync(file, xml);
          console.log(`      wrote ${path.relative(REPO, file)}`);
        }
        expect(fs.existsSync(file), `${path.relative(REPO, file)} is missing: run with UPDATE_GOLDEN=1`).to.equal(true);
        expect(xml).to.equal(fs.readFileSync(file, "utf8"));
      });

      it("passes the answer-file schema (xmllint)", function () {
        checkSchema(this, xml);
      });

      it("names itself in merge messages by the exported function that made it", () => {
        const made = layer.name!.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], blocks);
        expect(made, `${layer.name} is no exported function`).to.be.a("function");
        // merged with a layer that repeats it (commands run twice) or changes one of its values (a conflict)
        const other = (settings: unknown) => ({ name: "other", settings }) as UnattendLayer;
        const diagnostics = [
          ...mergeUnattend(layer, other(layer.settings)).diagnostics,
          ...mergeUnattend(layer, other(changeLastValue(layer.settings))).diagnostics,
        ];
        expect(
          diagnostics.map((d) => d.message),
          "no merge message",
        ).to.satisfy((ms: string[]) => ms.some((m) => m.includes(`layers[0] ("${layer.name}")`)));
      });
    });
  }

  describe("disk layouts", () => {
    type Disk = {
      DiskID: number;
      CreatePartitions: { Order: number; Type: string; Size?: number; Extend?: boolean }[];
      ModifyPartitions: { Order: number; PartitionID: number; Label?: string; Format?: string; Letter?: string; TypeID?: string; Active?: boolean }[];
    };
    const parts = (layer: UnattendLayer) => {
      const setup = layer.settings!.windowsPE!["Microsoft-Windows-Setup"]!;
      const disk = setup.DiskConfiguration!.Disk![0] as unknown as Disk;
      return { disk, installTo: setup.ImageInstall!.OSImage!.InstallTo! };
    };
    const roles = (layer: UnattendLayer) => {
      const { disk } = parts(layer);
      return disk.CreatePartitions.map((c, i) => {
        const m = disk.ModifyPartitions.find((x) => x.PartitionID === i + 1);
        return `${c.Type}${c.Extend ? " (rest)" : ` ${c.Size}`}: ${m ? `${m.Label} ${m.Format}${m.Letter ? ` ${m.Letter}:` : ""}${m.TypeID ? ` ${m.TypeID}` : ""}${m.Active ? " active" : ""}` : "-"}`;
      });
    };

    it("every layout installs to its Windows partition, numbers in order, and modifies only created partitions", () => {
      for (const name of Object.keys(CASES).filter((n) => n.startsWith("diskLayout"))) {
        const layer = CASES[name]();
        const { disk, installTo } = parts(layer);
        expect(
          disk.CreatePartitions.map((c) => c.Order),
          name,
        ).to.deep.equal(disk.CreatePartitions.map((_, i) => i + 1));
        expect(
          disk.ModifyPartitions.map((c) => c.Order),
          name,
        ).to.deep.equal(disk.ModifyPartitions.map((_, i) => i + 1));
        for (const m of disk.ModifyPartitions) expect(m.PartitionID, name).to.be.within(1, disk.CreatePartitions.length);
        expect(installTo.DiskID, name).to.equal(disk.DiskID);
        const windows = disk.ModifyPartitions.find((m) => m.PartitionID === installTo.PartitionID);
        expect(windows, name).to.deep.include({ Label: "Windows", Format: "NTFS" });
        expect(disk.CreatePartitions[(installTo.PartitionID as number) - 1].Type, name).to.equal("Primary");
        expect(disk.CreatePartitions.filter((c) => c.Extend).length, name).to.be.at.most(1);
      }
    });

    it("UEFI: EFI FAT32, MSR, Windows NTFS, and recovery first when Windows fills the disk, else after it", () => {
      expect(roles(diskLayout.uefi({ disk: 0 }))).to.deep.equal(["EFI 100: System FAT32", "MSR 128: -", "Primary (rest): Windows NTFS C:"]);
      expect(roles(diskLayout.uefi({ disk: 0, recovery: true }))).to.deep.equal([
        "Primary 250: Recovery NTFS de94bba4-06d1-4d40-a16a-bfd50179d6ac",
        "EFI 100: System FAT32",
        "MSR 128: -",
        "Primary (rest): Windows NTFS C:",
      ]);
      expect(roles(diskLayout.uefi({ disk: 0, windowsSize: 50000, recovery: { size: 900 } }))).to.deep.equal([
        "EFI 100: System FAT32",
        "MSR 128: -",
        "Primary 50000: Windows NTFS C:",
        "Primary 900: Recovery NTFS de94bba4-06d1-4d40-a16a-bfd50179d6ac",
      ]);
    });

    it("BIOS: an active NTFS system partition, Windows NTFS, recovery with TypeID 0x27", () => {
      expect(roles(diskLayout.bios({ disk: 0 }))).to.deep.equal(["Primary 300: System NTFS active", "Primary (rest): Windows NTFS C:"]);
      expect(roles(diskLayout.bios({ disk: 0, recovery: true }))).to.deep.equal([
        "Primary 250: Recovery NTFS 0x27",
        "Primary 300: System NTFS active",
        "Primary (rest): Windows NTFS C:",
      ]);
    });

    it("two layouts for the same disk conflict; for two disks they merge", () => {
      expect(mergeUnattend(diskLayout.uefi({ disk: 0 }), diskLayout.bios({ disk: 0 })).diagnostics.map((d) => d.code)).to.include("merge-conflict");
      // a second disk's partitions (without a second InstallTo, which would conflict)
      const data = diskLayout.bios({ disk: 1 }).settings!.windowsPE!["Microsoft-Windows-Setup"]!.DiskConfiguration!;
      const two = mergeUnattend(diskLayout.uefi({ disk: 0 }), {
        settings: { windowsPE: { "Microsoft-Windows-Setup": { DiskConfiguration: data } } },
      });
      expect(two.diagnostics).to.deep.equal([]);
      const disks = two.document.settings.windowsPE!["Microsoft-Windows-Setup"]!.DiskConfiguration!.Disk!;
      expect(disks.map((d) => d.DiskID)).to.deep.equal([0, 1]);
      // both layouts give their Windows partition the letter C: the cross-setting rule says so
      expect(validateUnattend(two.document).diagnostics.map((d) => `${d.severity} ${d.code}`)).to.deep.equal(["warning drive-letter-twice"]);
    });
  });

  it("all blocks merge into one valid answer file that the schema accepts", function () {
    const r = mergeUnattend(
      locale("en-US", { timeZone: "UTC" }),
      diskLayout.uefi({ disk: 0, recovery: true }),
      image({ index: 6 }),
      productKey("VK7JG-NPHTM-C97JM-9MPGT-3V66T"),
      skipOobe(),
      localAdministrator({ name: "ops", password: "Adm1n-pw!", autoLogonCount: 1 }),
      domainJoin({ domain: "corp.example.com", credentials: { username: "svc-join", password: "J0in-pw!" } }),
      commands.specialize(["cmd /c echo specialize"]),
      commands.firstLogon(["cmd /c echo first logon"]),
    );
    expect(r.diagnostics).to.deep.equal([]);
    expect(validateUnattend(r.document).diagnostics).to.deep.equal([]);
    checkSchema(this, renderUnattend(r.document));
  });

  describe("examples/golden-image", () => {
    type Layers = import("../components").UnattendLayer[];
    const layers = () => {
      const { base } = requireExample<typeof import("../examples/golden-image/base")>("golden-image/base");
      const { imageLayer } = requireExample<typeof import("../examples/golden-image/image")>("golden-image/image");
      const { environmentLayer } = requireExample<typeof import("../examples/golden-image/environment")>("golden-image/environment");
      return [
        ...base,
        ...imageLayer({ imageIndex: 6, windowsSize: 81920, recoverySize: 1024 }),
        ...(environmentLayer({
          computerName: "GOLD-01",
          adminPassword: "Adm1n-pw!",
          domain: { name: "corp.example.com", username: "svc-join", password: "J0in-pw!" },
        }) as Layers),
      ];
    };

    it("merges its layers (with plain values) into a valid answer file equal to its golden file", () => {
      const r = mergeUnattend(...layers());
      expect(r.diagnostics).to.deep.equal([]);
      expect(validateUnattend(r.document).diagnostics).to.deep.equal([]);
      const xml = renderUnattend(r.document);
      const file = path.join(GOLDEN, "examples-golden-image.xml");
      if (UPDATE) fs.writeFileSync(file, xml);
      expect(xml).to.equal(fs.readFileSync(file, "utf8"));
    });

    it("renders an answer file the schema accepts (xmllint)", function () {
      checkSchema(this, renderUnattend(mergeUnattend(...layers()).document));
    });
  });

  describe("arguments", () => {
    const problems = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).to.be.instanceOf(UnattendValidationError);
        return (e as UnattendValidationError).diagnostics.map((d) => `${formatPath(d.path)}: ${d.message} [${d.code}]`);
      }
      throw new Error("expected an UnattendValidationError");
    };

    it("reports every bad argument at once, with its path and what is valid", () => {
      expect(problems(() => diskLayout.uefi({ disk: -1, windowsSize: 1.5, recovery: { size: 0 }, letter: "CD", efiSize: 0 }))).to.deep.equal([
        "diskLayout.uefi.disk: disk (the DiskID) must be a whole number 0 or more; got number -1. [invalid-argument]",
        "diskLayout.uefi.windowsSize: windowsSize (MB) must be a whole number 1 or more; got number 1.5. [invalid-argument]",
        "diskLayout.uefi.recovery.size: recovery.size (MB) must be a whole number 1 or more; got number 0. [invalid-argument]",
        'diskLayout.uefi.letter: letter must be one drive letter, A to Z; got the string "CD". [invalid-argument]',
        "diskLayout.uefi.efiSize: efiSize (MB) must be a whole number 1 or more; got number 0. [invalid-argument]",
      ]);
      expect(problems(() => diskLayout.bios({ disk: 0, systemSize: -5 }))).to.have.length(1);
      expect(problems(() => image({ index: 0 }))).to.deep.equal([
        "image.index: index (the image's position in the .wim) must be a whole number 1 or more; got number 0. [invalid-argument]",
      ]);
      expect(problems(() => image({ index: 1, name: "x" } as never))).to.deep.equal([
        "image: Give exactly one of index, name or description to select the image; got index and name. [invalid-argument]",
      ]);
      expect(problems(() => image({} as never))).to.have.length(1);
      expect(problems(() => localAdministrator({ name: "", password: "", autoLogonCount: 0 }))).to.deep.equal([
        'localAdministrator.name: name must be non-empty text; got the string "". [invalid-argument]',
        "localAdministrator.password: password must be non-empty text; got a string of 0 characters. [invalid-argument]",
        "localAdministrator.autoLogonCount: autoLogonCount must be a whole number 1 or more; got number 0. [invalid-argument]",
      ]);
      expect(problems(() => skipOobe({ edition: "desktop" as never, protectYourPC: 4 as never }))).to.have.length(2);
      expect(problems(() => locale("english", { userLocale: "x" }))).to.deep.equal([
        'locale.tag: the locale must be a language tag such as "en-US" or "de-CH"; got the string "english". [invalid-argument]',
        'locale.userLocale: userLocale must be a language tag such as "en-US" or "de-CH"; got the string "x". [invalid-argument]',
      ]);
      expect(problems(() => domainJoin({ domain: "", credentials: undefined as never }))).to.have.length(2);
      expect(problems(() => commands.specialize([]))).to.deep.equal([
        "commands.specialize: Give a non-empty array of commands (strings or objects). [invalid-argument]",
      ]);
      expect(problems(() => commands.firstLogon(["ok", { commandLine: " " }]))).to.deep.equal([
        'commands.firstLogon[1].commandLine: commandLine must be non-empty text; got the string " ". [invalid-argument]',
      ]);
      expect(problems(() => commands.specialize(Array.from({ length: 501 }, () => "x")))).to.have.length(1);
      expect(problems(() => productKey("VK7JG-NPHTM", { windowsPE: false, specialize: false }))).to.have.length(2);
    });

    it("never quotes a password or a product key", () => {
      const said = [
        ...problems(() => productKey("SECRET-KEY-12345")),
        ...problems(() => localAdministrator({ name: "ops", password: " " })),
        ...problems(() => domainJoin({ domain: "d", credentials: { username: "u", password: "  " } })),
      ].join("\n");
      expect(said).to.not.contain("SECRET-KEY-12345");
      expect(said).to.contain("a string of 16 characters").and.contain("a string of 1 character").and.contain("a string of 2 characters");
    });
  });
});
