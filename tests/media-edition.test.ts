/**
 * The media check of a generic product key's edition (media-edition):
 * windowsPE UserData/ProductKey/Key and specialize ProductKey against the
 * EDITIONID of the image selected, on real images built with wimlib (one per
 * edition ID of components/core/editions.ts, a Server Core image among them), the
 * edition() block's key and image name, and the CLI's validate --media. The
 * key itself is never in a message.
 */
import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { checkUnattendMedia, readWindowsImage, type UnattendDocument, type WindowsImageInfo } from "../components/pure";
import { edition } from "../components/blocks";
import { EDITIONS, GENERIC_KEYS, genericKeyEdition, isEdition, type EditionName } from "../components/core/editions";
import { unattend } from "./cli-run";
import { buildImages, skipWithoutWimlib } from "./media-images";
import { endFailedRegistration, recordingMocks, rejectionOf, valueOf } from "./mocks";

const SETUP = "Microsoft-Windows-Setup";
const SHELL = "Microsoft-Windows-Shell-Setup";
const KEYS = new Set(Object.values(GENERIC_KEYS));

/** The edition IDs of the media built below: every ID of the table, a Server Core image, and Home (no generic key here). */
const IDS = [...new Set(Object.values(EDITIONS).map((e) => e.editionId as string)), "ServerStandardCor", "Core"];

function run(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { encoding: "utf8" });
  if (r.error || r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed: ${r.error?.message ?? r.stderr}`);
}

/** One image per edition ID, named "Image <ID>", built with wimlib-imagex and its EDITIONID set with wiminfo. */
function buildEditions(dir: string): string {
  const src = path.join(dir, "src");
  fs.mkdirSync(path.join(src, "Windows"), { recursive: true });
  fs.writeFileSync(path.join(src, "Windows", "hello.txt"), "editions\n");
  const wim = path.join(dir, "editions.wim");
  IDS.forEach((id, i) => {
    run("wimlib-imagex", [i === 0 ? "capture" : "append", src, wim, `Image ${id}`]);
    run("wiminfo", [wim, String(i + 1), "--image-property", `WINDOWS/EDITIONID=${id}`, "--image-property", "WINDOWS/ARCH=9"]);
  });
  return wim;
}

const byIndex = (index: number, key: string, pass: "windowsPE" | "specialize" = "windowsPE"): UnattendDocument => ({
  settings: {
    windowsPE: {
      [SETUP]: {
        ImageInstall: { OSImage: { InstallFrom: { MetaData: [{ Key: "/IMAGE/INDEX", Value: String(index) }] } } },
        ...(pass === "windowsPE" ? { UserData: { ProductKey: { Key: key } } } : {}),
      },
    },
    ...(pass === "specialize" ? { specialize: { [SHELL]: { ProductKey: key } } } : {}),
  } as UnattendDocument["settings"],
});

describe("media: a generic product key's edition against the image's", function () {
  this.timeout(120_000);
  let dir = "";
  let wim = "";
  let info: WindowsImageInfo;
  before(function () {
    skipWithoutWimlib(this);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "unattend-edition-"));
    wim = buildEditions(dir);
    info = readWindowsImage(wim);
  });
  after(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

  it("the table: one edition ID per key, every ID read back from a real image", () => {
    expect(info.diagnostics).to.deep.equal([]);
    expect(info.images.map((i) => i.edition)).to.deep.equal(IDS);
    for (const [name, e] of Object.entries(EDITIONS)) {
      expect(genericKeyEdition(e.key)?.editionId, name).to.equal(e.editionId);
      expect(genericKeyEdition(e.key)?.names, name).to.include(name);
      expect(genericKeyEdition(` ${e.key.toLowerCase()} `)?.editionId, name).to.equal(e.editionId);
    }
    expect(genericKeyEdition("AAAAA-BBBBB-CCCCC-DDDDD-EEEEE")).to.equal(undefined);
    expect(isEdition("ServerStandardCor", "ServerStandard")).to.equal(true);
    expect(isEdition("ServerDatacenterCor", "ServerStandard")).to.equal(false);
    expect(isEdition("ProfessionalN", "Professional")).to.equal(false);
  });

  it("every key, in either pass, against every image: an error exactly when the editions differ, naming both, never the key", () => {
    let errors = 0;
    for (const name of Object.keys(EDITIONS) as EditionName[]) {
      const { key, editionId } = EDITIONS[name];
      for (const image of info.images) {
        for (const pass of ["windowsPE", "specialize"] as const) {
          const ds = checkUnattendMedia(byIndex(image.index, key, pass), info, { label: "editions.wim" }).diagnostics;
          const found = ds.filter((d) => d.code === "media-edition");
          const expected = isEdition(image.edition!, editionId) ? 0 : 1;
          expect(found.length, `${name} in ${pass} on ${image.edition}`).to.equal(expected);
          expect(
            ds.filter((d) => d.code !== "media-edition"),
            `${name} on ${image.edition}`,
          ).to.deep.equal([]);
          for (const d of ds) for (const k of KEYS) expect(d.message).to.not.contain(k);
          if (found.length === 0) continue;
          errors++;
          const d = found[0];
          expect(d.severity).to.equal("error");
          expect(d.path).to.deep.equal(
            pass === "windowsPE"
              ? ["settings", "windowsPE", SETUP, "UserData", "ProductKey", "Key"]
              : ["settings", "specialize", SHELL, "ProductKey"],
          );
          expect(d.message).to.contain(name).and.to.contain(`edition ${editionId}`).and.to.contain(`"${image.edition}"`);
          // the image of the key's edition is named, to select instead
          expect(d.message).to.match(new RegExp(`Select image \\d+ "Image ${editionId}"`));
        }
      }
    }
    expect(errors).to.be.greaterThan(1000);
  });

  it("no image selected: an error only when no image of the media is the key's edition", () => {
    const keyed = (key: string): UnattendDocument => ({ settings: { windowsPE: { [SETUP]: { UserData: { ProductKey: { Key: key } } } } } });
    const multi = buildImages().multi; // Professional, Education, Core, EnterpriseS
    expect(checkUnattendMedia(keyed(GENERIC_KEYS["Windows Pro"]), multi).diagnostics).to.deep.equal([]);
    expect(checkUnattendMedia(keyed(GENERIC_KEYS["Windows Enterprise LTSC 2021"]), multi).diagnostics).to.deep.equal([]);
    const ds = checkUnattendMedia(keyed(GENERIC_KEYS["Windows Enterprise"]), multi).diagnostics;
    expect(ds.map((d) => [d.severity, d.code])).to.deep.equal([["error", "media-edition"]]);
    expect(ds[0].message)
      .to.contain("no image of")
      .and.to.contain('1 "Windows 11 Pro" is "Professional"')
      .and.to.not.contain(GENERIC_KEYS["Windows Enterprise"]);
    // an LTSC key names every release that shares it
    const ltsc = checkUnattendMedia(keyed(GENERIC_KEYS["Windows Enterprise N LTSC 2019"]), multi).diagnostics;
    expect(ltsc[0].message).to.contain("Windows Enterprise N LTSC 2019 or Windows Enterprise N LTSC 2021");
    // a key that is not a generic one, and a key not known yet, are not judged
    expect(checkUnattendMedia(keyed("AAAAA-BBBBB-CCCCC-DDDDD-EEEEE"), multi).diagnostics).to.deep.equal([]);
    expect(checkUnattendMedia(keyed("{{ key }}"), multi).diagnostics.filter((d) => d.code === "media-edition")).to.deep.equal([]);
  });

  it("a Server Core image takes its edition's key", () => {
    const core = info.images.find((i) => i.edition === "ServerStandardCor")!;
    const ok = checkUnattendMedia(byIndex(core.index, GENERIC_KEYS["Windows Server 2022 Standard"]), info).diagnostics;
    expect(ok).to.deep.equal([]);
    const wrong = checkUnattendMedia(byIndex(core.index, GENERIC_KEYS["Windows Server 2022 Datacenter"]), info).diagnostics;
    expect(wrong.map((d) => d.code)).to.deep.equal(["media-edition"]);
  });

  it("the edition() block: its key and the image it names must agree", () => {
    const multi = buildImages().multi;
    const doc = (layer: ReturnType<typeof edition>): UnattendDocument => ({ settings: layer.settings as UnattendDocument["settings"] });
    expect(
      checkUnattendMedia(doc(edition("Windows Education", { imageName: "Windows 11 Éducation", activation: true })), multi).diagnostics,
    ).to.deep.equal([]);
    const ds = checkUnattendMedia(doc(edition("Windows Pro", { imageName: "Windows 11 Éducation", activation: true })), multi).diagnostics;
    expect(ds.map((d) => [d.code, d.path.join("/")])).to.deep.equal([
      ["media-edition", `settings/windowsPE/${SETUP}/UserData/ProductKey/Key`],
      ["media-edition", `settings/specialize/${SHELL}/ProductKey`],
    ]);
    expect(ds[0].message)
      .to.contain("Windows Pro (edition Professional)")
      .and.to.contain('2 "Windows 11 Éducation"')
      .and.to.contain('Select image 1 "Windows 11 Pro"');
    // without the image name, Setup picks the image by the key: the media has a Pro image
    expect(checkUnattendMedia(doc(edition("Windows Pro")), multi).diagnostics).to.deep.equal([]);
    expect(checkUnattendMedia(doc(edition("Windows Server 2022 Standard")), multi).diagnostics.map((d) => d.code)).to.deep.equal(["media-edition"]);
  });

  it("unattend validate --media reports it at the key's line, without the key", () => {
    const file = path.join(dir, "autounattend.xml");
    const key = GENERIC_KEYS["Windows Enterprise"];
    fs.writeFileSync(
      file,
      `<?xml version="1.0" encoding="utf-8"?>
<unattend xmlns="urn:schemas-microsoft-com:unattend">
  <settings pass="windowsPE">
    <component name="Microsoft-Windows-Setup" processorArchitecture="amd64" publicKeyToken="31bf3856ad364e35" language="neutral" versionScope="nonSxS" xmlns:wcm="http://schemas.microsoft.com/WMIConfig/2002/State">
      <ImageInstall><OSImage><InstallFrom><MetaData wcm:action="add"><Key>/IMAGE/INDEX</Key><Value>1</Value></MetaData></InstallFrom></OSImage></ImageInstall>
      <UserData>
        <AcceptEula>true</AcceptEula>
        <ProductKey><Key>${key}</Key></ProductKey>
      </UserData>
    </component>
  </settings>
</unattend>
`,
    );
    const r = unattend(["validate", "--media", wim, file]);
    expect(r.code, r.out + r.err).to.equal(1);
    expect(r.out, r.out).to.match(
      /autounattend\.xml:8:\d+ error settings\.windowsPE\["Microsoft-Windows-Setup"\]\.UserData\.ProductKey\.Key UserData\/ProductKey\/Key is the generic key of Windows Enterprise \(edition Enterprise\), and the image the answer file selects, 1 "Image Professional" of editions\.wim, is edition "Professional".*\[media-edition\]$/m,
    );
    expect(r.out + r.err).to.not.contain(key);
    const json = unattend(["validate", "--format", "json", "--media", wim, file]);
    expect(json.out).to.contain('"media-edition"').and.to.not.contain(key);
  });
});

describe("media: UnattendFile's media argument checks the key's edition at preview (Pulumi mocks)", function () {
  this.timeout(60_000);
  let mod: typeof import("../components");
  let wim = "";
  let registered: pulumi.runtime.MockResourceArgs[] = [];
  before(async function () {
    skipWithoutWimlib(this);
    wim = buildImages().multi;
    registered = await recordingMocks();
    mod = require("../components") as typeof import("../components");
  });

  it("edition() with an image of another edition fails the resource, naming the editions, never the key", async () => {
    const file = new mod.UnattendFile("edition-mismatch", {
      settings: [mod.edition("Windows Pro", { imageName: "Windows 11 Éducation" })] as never,
      media: wim,
    });
    const caught = await rejectionOf(file.xml);
    expect(caught).to.be.instanceOf(pulumi.ResourceError);
    const cause = (caught as pulumi.ResourceError).cause as InstanceType<typeof mod.UnattendValidationError>;
    expect(cause.diagnostics.map((d) => d.code)).to.deep.equal(["media-edition"]);
    expect((caught as Error).message)
      .to.contain("Windows Pro (edition Professional)")
      .and.to.not.contain(GENERIC_KEYS["Windows Pro"]);
    endFailedRegistration(registered, "edition-mismatch-state");
    const ok = new mod.UnattendFile("edition-match", {
      settings: [mod.edition("Windows Education", { imageName: "Windows 11 Éducation" })] as never,
      media: wim,
    });
    expect(await valueOf(ok.xml)).to.contain("<Value>Windows 11 Éducation</Value>");
  });
});
