import { expect } from "chai";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { checkUnattendMedia, readWindowsImage, type UnattendDocument } from "../components/pure";
import { parseWimHeader, WIM_HEADER_SIZE, MAX_WIM_XML_BYTES, readWimXml } from "../components/core/media/wim";
import { buildImages, handMadeWim, IMAGES, skipWithoutWimlib, wiminfoImages, wiminfoXml, type BuiltImages } from "./media-images";

const ONE =
  '<WIM><IMAGE INDEX="1"><NAME>Windows 11 Pro</NAME><WINDOWS><ARCH>9</ARCH><LANGUAGES><LANGUAGE>en-US</LANGUAGE></LANGUAGES></WINDOWS></IMAGE></WIM>';

describe("media: readWindowsImage", function () {
  this.timeout(60_000);
  let images: BuiltImages | undefined;
  before(function () {
    skipWithoutWimlib(this);
    images = buildImages();
  });

  for (const kind of ["multi", "esd", "swm", "swm2"] as const) {
    it(`reads the XML metadata of ${kind} exactly as wiminfo --xml does`, () => {
      const file = images![kind];
      expect(readWimXml(file).xml.replace(/^\uFEFF/, "")).to.equal(wiminfoXml(file).replace(/^\uFEFF/, ""));
    });

    it(`lists the images of ${kind} as wimlib's wiminfo does`, () => {
      const file = images![kind];
      const ours = readWindowsImage(file);
      expect(ours.diagnostics.filter((d) => d.severity === "error")).to.deep.equal([]);
      const theirs = wiminfoImages(file);
      expect(ours.images.length).to.equal(theirs.length);
      const arch: Record<string, string> = { x86_64: "amd64", x86: "x86", ARM64: "arm64" };
      ours.images.forEach((img, i) => {
        const w = theirs[i];
        expect(String(img.index)).to.equal(w.Index);
        expect(img.name).to.equal(w.Name);
        expect(img.description ?? "").to.equal(w.Description ?? "");
        if (w.Architecture) expect(img.architecture).to.equal(arch[w.Architecture] ?? w.Architecture);
        if (w["Edition ID"]) expect(img.edition).to.equal(w["Edition ID"]);
        if (w.Languages) expect(img.languages).to.deep.equal(w.Languages.split(/\s+/).filter(Boolean));
        if (w["Default Language"]) expect(img.defaultLanguage).to.equal(w["Default Language"]);
        if (w.Build && w.Build !== "0") expect(String(img.build)).to.equal(w.Build);
      });
    });
  }

  it("gives names in other languages, architectures, editions, languages and builds as set", () => {
    const { images: list, header } = readWindowsImage(images!.multi);
    expect(list.map((i) => i.name)).to.deep.equal(IMAGES.map((i) => i.name));
    expect(list.map((i) => i.architecture)).to.deep.equal(["amd64", "amd64", "arm64", "x86"]);
    expect(list.map((i) => i.edition)).to.deep.equal(["Professional", "Education", "Core", "EnterpriseS"]);
    expect(list.map((i) => i.languages)).to.deep.equal([["en-US"], ["fr-FR"], ["zh-CN"], ["ru-RU"]]);
    expect(list.map((i) => i.build)).to.deep.equal([22631, 22631, 26100, 17763]);
    expect(list[0]).to.include({ displayName: "Windows 11 Pro", defaultLanguage: "en-US", flags: "Professional", version: "10.0.22631" });
    expect(header).to.include({ partNumber: 1, totalParts: 1, imageCount: 4, solid: false });
  });

  it("reads a solid .esd (LZMS, version 0xe00) and says it is solid", () => {
    const r = readWindowsImage(images!.esd);
    expect(r.header).to.include({ solid: true, compression: "lzms", version: 0xe00 });
    expect(r.images).to.have.length(4);
  });

  it("reads the first part of a split WIM, and warns on a later part", () => {
    const first = readWindowsImage(images!.swm);
    expect(first.header!.totalParts).to.be.greaterThan(1);
    expect(first.images.map((i) => i.name)).to.deep.equal(["Windows Server 2022 SERVERDATACENTER"]);
    expect(first.diagnostics).to.deep.equal([]);
    const second = readWindowsImage(images!.swm2);
    expect(second.images).to.have.length(1);
    expect(second.diagnostics.map((d) => [d.severity, d.code])).to.deep.equal([["warning", "media-unreadable"]]);
  });

  it("reads bytes as it reads a path", () => {
    const fromPath = readWindowsImage(images!.multi);
    const fromBytes = readWindowsImage(fs.readFileSync(images!.multi));
    expect(fromBytes.images).to.deep.equal(fromPath.images);
  });
});

describe("media: hostile files, one clear error each", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "unattend-hostile-media-"));
  const write = (name: string, bytes: Uint8Array) => {
    const f = path.join(tmp, name);
    fs.writeFileSync(f, bytes);
    return f;
  };
  const one = (input: string | Uint8Array, expected: RegExp) => {
    const r = readWindowsImage(input);
    expect(r.images).to.deep.equal([]);
    expect(r.diagnostics).to.have.length(1);
    expect(r.diagnostics[0]).to.include({ severity: "error", code: "media-unreadable" });
    expect(r.diagnostics[0].path).to.deep.equal(["media"]);
    expect(r.diagnostics[0].message).to.match(expected);
  };

  it("reads a hand-made file (the baseline the cases below break)", () => {
    const r = readWindowsImage(handMadeWim(ONE));
    expect(r.diagnostics).to.deep.equal([]);
    expect(r.images).to.deep.equal([{ index: 1, name: "Windows 11 Pro", architecture: "amd64", languages: ["en-US"] }]);
  });

  it("not a WIM: an ISO, a text file, an empty file", () => {
    one(write("answer.xml", Buffer.from("<unattend/>")), /is not a Windows image: .* starts with 3c 75 6e 61/);
    one(write("empty.wim", Buffer.alloc(0)), /starts with nothing \(it is empty\)/);
    one(Buffer.from("MSWIM\0\0"), /is not a Windows image/);
  });

  it("a pipable WIM (wimlib's own layout)", () => {
    one(handMadeWim(ONE, { magic: "WLPWM\0\0\0" }), /pipable/);
  });

  it("a truncated header", () => {
    one(write("short.wim", handMadeWim(ONE).subarray(0, 100)), /truncated: the header takes 208 bytes and the file has 100/);
  });

  it("a damaged header size", () => {
    one(handMadeWim(ONE, { headerSize: 4096 }), /header size of 4096/);
  });

  it("an XML resource outside the file", () => {
    one(write("outside.wim", handMadeWim(ONE, { xmlOffset: 1e12 })), /XML metadata is said to be at bytes 1000000000000 to/);
    one(handMadeWim(ONE, { xmlOffset: 10 }), /is truncated or damaged/);
    const cut = handMadeWim(ONE);
    one(cut.subarray(0, cut.length - 10), /truncated or damaged/);
  });

  it("a compressed or solid XML resource", () => {
    one(handMadeWim(ONE, { xmlFlags: 0x06 }), /compressed \(resource flags 0x6\)/);
    one(handMadeWim(ONE, { xmlFlags: 0x12 }), /compressed \(resource flags 0x12\)/);
  });

  it("an oversized XML resource: refused before anything is read", () => {
    one(write("huge.wim", handMadeWim(ONE, { xmlSize: MAX_WIM_XML_BYTES + 2 })), /more than the 16777216 read/);
    one(handMadeWim(ONE, { xmlSize: 2 ** 56 - 1 }), /larger than any file|more than the/);
  });

  it("invalid UTF-16: an odd length, an unpaired surrogate", () => {
    one(handMadeWim(Buffer.from([0xff, 0xfe, 0x3c, 0x00, 0x57])), /odd number/);
    one(handMadeWim(Buffer.from([0xff, 0xfe, 0x3c, 0x00, 0x00, 0xd8, 0x3e, 0x00])), /not valid UTF-16LE/);
  });

  it("XML that is not well-formed, not <WIM>, or has a DOCTYPE", () => {
    one(handMadeWim("<WIM><IMAGE></WIM>"), /not well-formed XML/);
    one(handMadeWim("<unattend/>"), /root element is <unattend>, not <WIM>/);
    one(handMadeWim('<!DOCTYPE WIM [<!ENTITY a "b">]><WIM/>'), /DOCTYPE/);
    one(handMadeWim("<a>".repeat(300) + "</a>".repeat(300)), /nested deeper than 256/);
  });

  it("a folder, /dev/zero, a missing file", () => {
    one(tmp, /is a folder/);
    if (fs.existsSync("/dev/zero")) one("/dev/zero", /not a regular file/);
    one(path.join(tmp, "nothing.wim"), /does not exist/);
    // a pipe: refused, never opened for a blocking read
    const fifo = path.join(tmp, "pipe.wim");
    if (spawnSync("mkfifo", [fifo]).status === 0) one(fifo, /not a regular file/);
  });

  it("warns when the header's image count and the XML disagree, or an index is missing", () => {
    const r = readWindowsImage(handMadeWim('<WIM><IMAGE><NAME>A</NAME></IMAGE><IMAGE INDEX="1"><NAME>B</NAME></IMAGE></WIM>', { imageCount: 3 }));
    expect(r.images.map((i) => [i.index, i.name])).to.deep.equal([
      [1, "A"],
      [2, "B"],
    ]);
    expect(r.diagnostics.map((d) => d.severity)).to.deep.equal(["warning", "warning", "warning"]);
  });

  it("parses the header's fields as wimlib's header.h lays them out", () => {
    const h = parseWimHeader(handMadeWim(ONE, { imageCount: 7 }));
    expect(h).to.include({ version: 0x10d00, partNumber: 1, totalParts: 1, imageCount: 7, compression: "none", solid: false });
    expect(h.xml).to.include({ offset: WIM_HEADER_SIZE, flags: 2 });
  });
});

describe("media: images given as data", () => {
  const doc: UnattendDocument = {
    settings: { windowsPE: { "Microsoft-Windows-International-Core-WinPE": { UILanguage: "de-DE" } } },
  };

  it("an image without the fields the checks read is a wrong-shape error naming the field, never a TypeError", () => {
    const given = { images: [{ index: 1 }, { index: "2", languages: ["en-US", 3], build: 1.5, name: 7 }], diagnostics: [] } as never;
    const found = checkUnattendMedia(doc, given).diagnostics.map((d) => `${d.code} ${d.path.join(".")}`);
    expect(found).to.deep.equal([
      "wrong-shape media.images.0.languages",
      "wrong-shape media.images.1.index",
      "wrong-shape media.images.1.languages",
      "wrong-shape media.images.1.name",
      "wrong-shape media.images.1.build",
    ]);
  });

  it("well-formed images given as data are checked as those read from a file", () => {
    const found = checkUnattendMedia(doc, { images: [{ index: 1, languages: ["en-US"] }], diagnostics: [] }).diagnostics;
    expect(found.map((d) => d.code)).to.deep.equal(["media-language"]);
  });
});

describe("media: the answer file against the images", function () {
  this.timeout(60_000);
  let file = "";
  before(function () {
    skipWithoutWimlib(this);
    file = buildImages().multi;
  });
  const pe = (metaData: { Key: string; Value: string }[], extra: Record<string, unknown> = {}): UnattendDocument => ({
    settings: {
      windowsPE: {
        "Microsoft-Windows-Setup": { ImageInstall: { OSImage: { InstallFrom: { MetaData: metaData } } }, ...extra },
      },
    } as UnattendDocument["settings"],
  });
  const codes = (doc: UnattendDocument) => checkUnattendMedia(doc, file).diagnostics.map((d) => [d.severity, d.code]);

  it("an index in range, a name or description as written: nothing to say", () => {
    expect(codes(pe([{ Key: "/IMAGE/INDEX", Value: "1" }]))).to.deep.equal([]);
    expect(codes(pe([{ Key: "/IMAGE/NAME", Value: "Windows 11 Pro" }]))).to.deep.equal([]);
    expect(codes(pe([{ Key: "/IMAGE/DESCRIPTION", Value: "Windows 11 Éducation (français)" }]))).to.deep.equal([]);
  });

  it("an index out of range: an error listing the images", () => {
    const [d] = checkUnattendMedia(pe([{ Key: "/IMAGE/INDEX", Value: "6" }]), file).diagnostics;
    expect(d).to.include({ severity: "error", code: "media-image-index" });
    expect(d.path).to.deep.equal([
      "settings",
      "windowsPE",
      "Microsoft-Windows-Setup",
      "ImageInstall",
      "OSImage",
      "InstallFrom",
      "MetaData",
      0,
      "Value",
    ]);
    expect(d.message).to.contain('1 "Windows 11 Pro", 2 "Windows 11 Éducation", 3 "Windows 11 家庭版", 4 "Windows 10 Корпоративная"');
  });

  it("a name no image has: an error with did-you-mean; white space around it is no match", () => {
    const [d] = checkUnattendMedia(pe([{ Key: "/IMAGE/NAME", Value: "Windows 11 Pro N" }]), file).diagnostics;
    expect(d).to.include({ severity: "error", code: "media-image-name" });
    expect(d.message).to.contain('Did you mean "Windows 11 Pro"?').and.contain("Select the operating system");
    const [spaced] = checkUnattendMedia(pe([{ Key: "/IMAGE/NAME", Value: "Windows 11 Pro " }]), file).diagnostics;
    expect(spaced).to.include({ severity: "error", code: "media-image-name" });
    expect(spaced.message).to.contain("white space around it");
  });

  it("a name in another case: a warning saying how to write it", () => {
    const [d] = checkUnattendMedia(pe([{ Key: "/IMAGE/NAME", Value: "windows 11 éducation" }]), file).diagnostics;
    expect(d).to.include({ severity: "warning", code: "media-image-name" });
    expect(d.message).to.contain('write "Windows 11 Éducation"');
  });

  it("no image selected on media with several: a warning (Setup asks); none with a product key", () => {
    const doc: UnattendDocument = { settings: { oobeSystem: { "Microsoft-Windows-Shell-Setup": { TimeZone: "UTC" } } } };
    expect(codes(doc)).to.deep.equal([["warning", "media-image-ambiguous"]]);
    const keyed = {
      settings: { windowsPE: { "Microsoft-Windows-Setup": { UserData: { ProductKey: { Key: "AAAAA-BBBBB-CCCCC-DDDDD-EEEEE" } } } } },
    } as UnattendDocument;
    expect(codes(keyed)).to.deep.equal([]);
  });

  it("components for another architecture than the image's: an error", () => {
    const doc = { ...pe([{ Key: "/IMAGE/INDEX", Value: "3" }]), architectures: ["amd64" as const] };
    const ds = checkUnattendMedia(doc, file).diagnostics;
    expect(ds.map((d) => d.code)).to.deep.equal(["media-architecture"]);
    expect(ds[0].message).to.contain('"Windows 11 家庭版"').and.contain("is arm64").and.contain('Add "arm64"');
    expect(codes({ ...doc, architectures: ["amd64", "arm64"] })).to.deep.equal([]);
    // wow64 components apply on 64-bit Windows, not on x86
    expect(codes({ ...pe([{ Key: "/IMAGE/INDEX", Value: "4" }]), architectures: ["wow64"] }).map((c) => c[1])).to.deep.equal(["media-architecture"]);
  });

  it("a UI language the image does not contain: a warning naming the fallback", () => {
    const doc = pe([{ Key: "/IMAGE/INDEX", Value: "2" }]);
    (doc.settings as Record<string, unknown>).oobeSystem = {
      "Microsoft-Windows-International-Core": { UILanguage: "de-DE", UILanguageFallback: "fr-FR", SystemLocale: "de-DE" },
    };
    const ds = checkUnattendMedia(doc, file).diagnostics;
    expect(ds.map((d) => [d.code, d.path.at(-1)])).to.deep.equal([["media-language", "UILanguage"]]);
    expect(ds[0].message).to.contain("falls back to fr-FR");
  });

  it("a setting removed before the image's build, or newer than it: a warning naming the build", () => {
    const doc = pe([{ Key: "/IMAGE/INDEX", Value: "1" }]);
    (doc.settings as Record<string, unknown>).specialize = { "Microsoft-Windows-Shell-Setup": { OEMInformation: { Model: "X1" } } };
    const [d] = checkUnattendMedia(doc, file).diagnostics;
    expect(d).to.include({ code: "media-build", severity: "warning" });
    expect(d.message).to.contain("1709 (build 16299)").and.contain("build 22631");
  });

  it("a file that cannot be read: its one error, and no check", () => {
    expect(checkUnattendMedia(pe([]), Buffer.from("nope")).diagnostics.map((d) => d.code)).to.deep.equal(["media-unreadable"]);
  });

  it("a value not known yet selects nothing and is not reported", () => {
    expect(codes(pe([{ Key: "/IMAGE/NAME", Value: "${var.image_name}" }]))).to.deep.equal([]);
  });
});
