import { expect } from "chai";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { unattend } from "./cli-run";
import { REPO } from "./helpers";
import { buildImages, handMadeWim, skipWithoutWimlib, type BuiltImages } from "./media-images";

const answer = (metaData: string) => `<?xml version="1.0" encoding="utf-8"?>
<unattend xmlns="urn:schemas-microsoft-com:unattend">
  <settings pass="windowsPE">
    <component name="Microsoft-Windows-Setup" processorArchitecture="amd64" publicKeyToken="31bf3856ad364e35" language="neutral" versionScope="nonSxS" xmlns:wcm="http://schemas.microsoft.com/WMIConfig/2002/State">
      <ImageInstall>
        <OSImage>
          <InstallFrom>
${metaData}
          </InstallFrom>
        </OSImage>
      </ImageInstall>
    </component>
  </settings>
</unattend>
`;
const item = (key: string, value: string) => `            <MetaData wcm:action="add">
              <Key>${key}</Key>
              <Value>${value}</Value>
            </MetaData>`;

describe("media: the CLI (unattend media, validate --media, import --media)", function () {
  this.timeout(60_000);
  let images: BuiltImages;
  let dir = "";
  before(function () {
    skipWithoutWimlib(this);
    images = buildImages();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "unattend-media-cli-"));
  });
  after(() => dir && fs.rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string) => {
    const f = path.join(dir, name);
    fs.writeFileSync(f, text);
    return f;
  };

  it("unattend media prints the images as a table (golden)", () => {
    const r = unattend(["media", images.multi]);
    expect(r.err).to.equal("");
    expect(r.code).to.equal(0);
    expect(r.out).to.equal(fs.readFileSync(path.join(REPO, "tests", "golden", "media.txt"), "utf8"));
  });

  it("unattend media shows control characters in names as \\u escapes: one line per image", () => {
    const f = path.join(dir, "evil.wim");
    fs.writeFileSync(f, handMadeWim('<WIM><IMAGE INDEX="1"><NAME>Evil&#10;Name&#9;X</NAME></IMAGE></WIM>'));
    const r = unattend(["media", f]);
    expect(r.code, r.err).to.equal(0);
    expect(r.out.split("\n")[1]).to.equal("1      Evil\\u000aName\\u0009X");
  });

  it("unattend media --format json gives every field, for .esd and .swm too", () => {
    for (const f of [images.multi, images.esd, images.swm]) {
      const r = unattend(["media", "--format", "json", f]);
      expect(r.code, r.err).to.equal(0);
      const json = JSON.parse(r.out);
      expect(json.file).to.equal(f);
      expect(json.images[0]).to.have.property("index", 1);
    }
    expect(JSON.parse(unattend(["media", "--format", "json", images.esd]).out)).to.include({ solid: true, compression: "lzms" });
  });

  it("unattend media: not a WIM exits 1 with one line; a missing file or a folder is a usage error", () => {
    const bad = file("not.wim", "hello");
    const r = unattend(["media", bad]);
    expect(r.code).to.equal(1);
    expect(r.err.trim().split("\n")).to.have.length(1);
    expect(r.err).to.contain("is not a Windows image").and.contain("[media-unreadable]");
    expect(unattend(["media", path.join(dir, "none.wim")]).code).to.equal(2);
    expect(unattend(["media", dir]).code).to.equal(2);
  });

  it("validate --media: the image-name error at the Value's line, with the images listed", () => {
    const f = file("name.xml", answer(item("/IMAGE/NAME", "Windows 11 Pro N")));
    const r = unattend(["validate", "--media", images.multi, f]);
    expect(r.code).to.equal(1);
    expect(r.out).to.match(
      /name\.xml:10:\d+ error .*MetaData\[0\]\.Value \/IMAGE\/NAME is "Windows 11 Pro N", and no image of install\.wim has that name/,
    );
    expect(r.out).to.contain('Did you mean "Windows 11 Pro"?').and.contain("[media-image-name]");
    const ok = file("ok.xml", answer(item("/IMAGE/INDEX", "1")));
    expect(unattend(["validate", "--media", images.multi, ok]).code).to.equal(0);
  });

  it("validate --media --format json: the findings with code, path and position", () => {
    const f = file("json.xml", answer(item("/IMAGE/INDEX", "9")));
    const r = unattend(["validate", "--format", "json", "--media", images.multi, f]);
    expect(r.code).to.equal(1);
    const [d] = JSON.parse(r.out) as { code: string; line: number; segments: unknown[] }[];
    expect(d).to.include({ code: "media-image-index", line: 10 });
    expect(d.segments.at(-1)).to.equal("Value");
  });

  it("validate --media with a file that is not a WIM: one error", () => {
    const ok = file("ok2.xml", answer(item("/IMAGE/INDEX", "1")));
    const r = unattend(["validate", "--media", file("bad.wim", "nope"), ok]);
    expect(r.code).to.equal(1);
    expect(r.out.trim().split("\n")).to.have.length(1);
    expect(r.out).to.contain("[media-unreadable]");
  });

  it("import --media --select index|name rewrites the selection; an unknown image fails", () => {
    const f = file("sel.xml", answer(item("/IMAGE/NAME", "Windows 11 Éducation")));
    const byIndex = unattend(["import", "--media", images.multi, "--select", "index", f]);
    expect(byIndex.code, byIndex.err).to.equal(0);
    expect(byIndex.out).to.contain('Key: "/IMAGE/INDEX"').and.contain('Value: "2"');
    const i = file("idx.xml", answer(item("/IMAGE/INDEX", "4")).replace('processorArchitecture="amd64"', 'processorArchitecture="x86"'));
    const byName = unattend(["import", "--media", images.multi, "--select", "name", i]);
    expect(byName.code, byName.err).to.equal(0);
    expect(byName.out).to.contain('Key: "/IMAGE/NAME"').and.contain('Value: "Windows 10 Корпоративная"');
    // an arm64 image for an amd64 file: the architecture error, nothing printed
    const arm = unattend(["import", "--media", images.multi, "--select", "name", file("arm.xml", answer(item("/IMAGE/INDEX", "3")))]);
    expect(arm.code).to.equal(1);
    expect(arm.out).to.equal("");
    expect(arm.err).to.contain("[media-architecture]");
    const bad = unattend(["import", "--media", images.multi, "--select", "index", file("bad.xml", answer(item("/IMAGE/INDEX", "9")))]);
    expect(bad.code).to.equal(1);
    expect(bad.err).to.contain("[media-image-index]");
    expect(unattend(["import", "--select", "index", f]).code).to.equal(2);
  });
});
