import { extraFingerprint } from "../components/core/extras";
import { canonicalJson } from "../components/core/json";
import { formatPath } from "../components/core/diagnostics";
import { expect } from "chai";
import * as fc from "fast-check";
import * as fs from "node:fs";
import * as path from "node:path";
import { parseUnattend, renderUnattend, validateUnattendXml, type ParseResult, type UnattendDocument } from "../components";
import { encodePassword } from "../components/core/password";
import { renderParsed, validateTaken } from "../components/core/parse";
import { COMPONENT_ATTRS as ATTRS, REPO, documentMeaning, oneComponentFile as file, textPath } from "./helpers";

const FIXTURES = path.join(REPO, "tests", "fixtures", "parse");
const features = () => fs.readFileSync(path.join(FIXTURES, "features.xml"), "utf8");

const SS = "Microsoft-Windows-Shell-Setup";
const WS = "Microsoft-Windows-WorkstationService";
function codes(r: { diagnostics: { code: string }[] }): string[] {
  return r.diagnostics.map((d) => d.code);
}

/** parse -> render -> parse gives the same settings; render -> parse -> render the same bytes. */
function expectRoundTrip(r: ParseResult) {
  const xml1 = renderParsed(r, { validate: false });
  const r2 = parseUnattend(xml1);
  expect(r2.malformed).to.equal(false);
  expect(canonicalJson(documentMeaning(r2.document))).to.equal(canonicalJson(documentMeaning(r.document)));
  expect(r2.extras.map((x) => extraFingerprint(x.xml))).to.deep.equal(r.extras.map((x) => extraFingerprint(x.xml)));
  const xml2 = renderParsed(r2, { validate: false });
  expect(xml2).to.equal(xml1);
}

describe("parseUnattend", () => {
  describe("the features fixture", () => {
    const r = parseUnattend(features());
    const doc = r.document as Omit<UnattendDocument, "settings"> & { settings: Record<string, Record<string, Record<string, unknown>>> };

    it("reads settings into the UnattendFile shape, keeping text as written", () => {
      expect(r.malformed).to.equal(false);
      expect(doc.settings.specialize[SS]).to.deep.equal({
        ComputerName: "WEB-01",
        TimeZone: "W. Europe Standard Time", // CDATA is text
      });
      // xsi:nil="true", which documented settings do not use, is kept as written under unvalidated (below)
      const oobe = doc.settings.oobeSystem[SS] as Record<string, any>;
      expect(oobe.AutoLogon).to.deep.equal({
        Password: { Value: "S3cret!", PlainText: false }, // obfuscated in the file: the password itself here
        Enabled: "true",
        LogonCount: "2",
        Username: "admin",
      });
    });

    it("reads list items: wcm:action other than add and wcm:keyValue are kept, entities decoded", () => {
      const cmds = (doc.settings.oobeSystem[SS] as Record<string, any>).FirstLogonCommands;
      expect(cmds).to.have.length(2);
      expect(cmds[0]).to.deep.equal({ Order: "1", CommandLine: "cmd /c echo a & b > %WINDIR%\\Temp\\x.txt", Description: "First" });
      expect(cmds[1]["wcm:action"]).to.equal("modify");
      const dns = (doc.perArchitecture as any).amd64.specialize["Microsoft-Windows-DNS-Client"].DNSSuffixSearchOrder;
      // keyValue 1 at position 1 is implied; 5 at position 2 is not
      expect(dns).to.deep.equal(["corp.example.com", { "wcm:keyValue": "5", value: "example.com" }]);
    });

    it("merges components repeated per architecture when identical, keeps them per architecture when not", () => {
      expect(doc.architectures).to.deep.equal(["x86", "amd64"]);
      expect(Object.keys(doc.perArchitecture ?? {})).to.deep.equal(["amd64", "x86"]);
      expect((doc.perArchitecture as any).x86.specialize["Microsoft-Windows-DNS-Client"].DNSSuffixSearchOrder).to.deep.equal(["x86.example.com"]);
      expect(doc.settings.specialize["Microsoft-Windows-DNS-Client"]).to.equal(undefined);
    });

    it("keeps unknown components and elements under unvalidated, in the raw mapping", () => {
      expect(doc.unvalidated).to.deep.equal({
        specialize: {
          "Contoso-Custom-Component": {
            Foo: "bar",
            Items: {
              Item: [
                { "wcm:action": "add", value: "1" },
                { "wcm:action": "add", value: "2" },
              ],
            },
          },
          [SS]: { RegisteredOwner: { "xsi:nil": true } },
        },
        oobeSystem: { [SS]: { NewUndocumentedSetting: "on" } },
      });
    });

    it("keeps elements outside <settings> verbatim, with the namespaces they need", () => {
      expect(r.extras.map((x) => [x.name, x.location.line])).to.deep.equal([
        ["servicing", 4],
        ["Extensions", 92],
      ]);
      expect(r.extras[1].xml).to.contain('<Extensions xmlns="https://schneegans.de/windows/unattend-generator/">');
      expect(r.extras[1].xml).to.contain('<![CDATA[Write-Host "<hello> & goodbye"]]>');
      expect(codes(r).filter((c) => c === "extra-element")).to.have.length(2);
    });

    it("gives the line and column of every setting, by input path", () => {
      expect(r.locations.get(["settings", "specialize", SS])).to.deep.equal({ line: 6, column: 9 });
      expect(r.locations.get(["settings", "specialize", SS, "ComputerName"])).to.deep.equal({ line: 7, column: 13 });
      expect(r.locations.get(["settings", "oobeSystem", SS, "FirstLogonCommands", 1, "Order"])).to.deep.equal({ line: 63, column: 21 });
      expect(r.locations.get(["perArchitecture", "amd64", "specialize", "Microsoft-Windows-DNS-Client", "DNSSuffixSearchOrder", 1])).to.deep.equal({
        line: 15,
        column: 17,
      });
      expect(r.locations.get(["unvalidated", "specialize", "Contoso-Custom-Component", "Items", "Item", 1])).to.deep.equal({ line: 22, column: 17 });
    });

    it("round-trips: same settings after render and parse, same bytes after a second render", () => {
      expectRoundTrip(r);
      const xml = renderParsed(r, { validate: false });
      expect(xml).to.contain("<servicing/>\n    <settings");
      expect(xml).to.match(/<\/settings>\n {4}<Extensions /);
    });
  });

  describe("encodings and line ends", () => {
    const text = features();
    const reference = canonicalJson(parseUnattend(text).document);
    const bom = (bytes: number[], body: Buffer) => Buffer.concat([Buffer.from(bytes), body]);
    const utf16be = (s: string) => {
      const le = Buffer.from(s, "utf16le");
      for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1], le[i]];
      return le;
    };
    const variants: [string, Uint8Array | string][] = [
      ["UTF-8 bytes", Buffer.from(text, "utf8")],
      ["UTF-8 with BOM", bom([0xef, 0xbb, 0xbf], Buffer.from(text, "utf8"))],
      ["UTF-16 LE with BOM", bom([0xff, 0xfe], Buffer.from(text.replace('encoding="utf-8"', 'encoding="utf-16"'), "utf16le"))],
      ["UTF-16 BE with BOM", bom([0xfe, 0xff], utf16be(text.replace('encoding="utf-8"', 'encoding="utf-16"')))],
      ["CRLF", Buffer.from(text.replace(/\n/g, "\r\n"), "utf8")],
      ["lone CR line ends (classic Mac)", Buffer.from(text.replace(/\n/g, "\r"), "utf8")],
      [
        "mixed line ends",
        Buffer.from(
          text.replace(/\n/g, (_, i: number) => ["\n", "\r\n", "\r"][i % 3]),
          "utf8",
        ),
      ],
      ["a string with a BOM", "\uFEFF" + text],
    ];
    for (const [name, input] of variants) {
      it(`reads ${name}`, () => {
        const r = parseUnattend(input);
        expect(r.malformed, JSON.stringify(r.diagnostics)).to.equal(false);
        expect(canonicalJson(r.document)).to.equal(reference);
        expect(r.locations.get(["settings", "specialize", SS, "ComputerName"])).to.deep.equal({ line: 7, column: 13 });
      });
    }

    it("reads non-ASCII text (UTF-8 and UTF-16)", () => {
      const xml = file("specialize", SS, "            <RegisteredOwner>Zoë Müller 山田</RegisteredOwner>");
      for (const input of [Buffer.from(xml, "utf8"), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, "utf16le")])]) {
        const r = parseUnattend(input);
        expect((r.document.settings as any).specialize[SS].RegisteredOwner).to.equal("Zoë Müller 山田");
      }
    });

    it("warns about bytes that are not UTF-8", () => {
      const bytes = Buffer.concat([Buffer.from(file("specialize", SS, "            <RegisteredOwner>A").replace(/A[\s\S]*$/, ""), "utf8")]);
      const bad = Buffer.concat([
        bytes,
        Buffer.from([0x41, 0xff, 0x42]),
        Buffer.from(file("specialize", SS, "            <RegisteredOwner>A").replace(/^[\s\S]*?<RegisteredOwner>A/, "</RegisteredOwner>"), "utf8"),
      ]);
      const r = parseUnattend(bad);
      expect(codes(r)).to.include("encoding");
    });
  });

  describe("values", () => {
    it("keeps text exactly as written (case, spaces, placeholders)", () => {
      const r = parseUnattend(
        file(
          "specialize",
          SS,
          [
            "            <CopyProfile>True</CopyProfile>",
            "            <ComputerName>%COMPUTERNAME%</ComputerName>",
            "            <RegisteredOwner>  two  spaces </RegisteredOwner>",
          ].join("\n"),
        ),
      );
      expect((r.document.settings as any).specialize[SS]).to.deep.equal({
        CopyProfile: "True",
        ComputerName: "%COMPUTERNAME%",
        RegisteredOwner: "  two  spaces ",
      });
      expectRoundTrip(r);
    });

    it("reads a plain-text password, with PlainText true by default when absent", () => {
      const r = parseUnattend(
        file(
          "oobeSystem",
          SS,
          "            <AutoLogon>\n                <Password>\n                    <Value>pa&lt;ss</Value>\n                </Password>\n            </AutoLogon>",
        ),
      );
      expect((r.document.settings as any).oobeSystem[SS].AutoLogon.Password).to.deep.equal({ Value: "pa<ss", PlainText: true });
    });

    it("reads an obfuscated password as the password, which renders back to the same text", () => {
      const encoded = encodePassword("vagrant", "AdministratorPassword");
      const xml = file(
        "oobeSystem",
        SS,
        `            <UserAccounts>\n                <AdministratorPassword>\n                    <Value>${encoded}</Value>\n                    <PlainText>false</PlainText>\n                </AdministratorPassword>\n            </UserAccounts>`,
      );
      const r = parseUnattend(xml);
      expect((r.document.settings as any).oobeSystem[SS].UserAccounts.AdministratorPassword).to.deep.equal({ Value: "vagrant", PlainText: false });
      expect(renderParsed(r)).to.contain(`<Value>${encoded}</Value>`);
    });

    it("says when the password's PlainText or obfuscated Value is written back spelled otherwise", () => {
      const encoded = encodePassword("vagrant", "AdministratorPassword");
      const password = (value: string, plain: string) =>
        file(
          "oobeSystem",
          SS,
          `<UserAccounts><AdministratorPassword><Value>${value}</Value><PlainText>${plain}</PlainText></AdministratorPassword></UserAccounts>`,
        );
      const notes = (xml: string) =>
        parseUnattend(xml).diagnostics.map((d) => [d.code, formatPath(d.path).replace(/^.*\./, ""), d.message.replace(/^.*; /, "")]);
      expect(notes(password("x", "True"))).to.deep.equal([["boolean-case", "PlainText", 'it is written back as "true".']]);
      expect(notes(password("x", " true\n"))).to.deep.equal([["surrounding-whitespace", "PlainText", 'it is written back as "true".']]);
      expect(notes(password(`\n  ${encoded}\n`, "false"))).to.deep.equal([["surrounding-whitespace", "Value", "it is written back without it."]]);
      expect(notes(password(encoded, "false"))).to.deep.equal([]);
      for (const xml of [password("x", "True"), password(`\n  ${encoded}\n`, "false")]) {
        for (const d of parseUnattend(xml).diagnostics) expect(d.message).to.not.contain(encoded).and.not.contain("vagrant");
      }
    });

    it("keeps a PlainText false value that is not Windows' encoding as written, unvalidated, with a warning", () => {
      const xml = file(
        "oobeSystem",
        SS,
        "            <UserAccounts>\n                <AdministratorPassword>\n                    <Value>%administrator_password%</Value>\n                    <PlainText>false</PlainText>\n                </AdministratorPassword>\n            </UserAccounts>",
      );
      const r = parseUnattend(xml);
      // kept in document order (Value, then PlainText): an object's keys would be written sorted
      expect((r.document.unvalidated as any).oobeSystem[SS].UserAccounts.AdministratorPassword).to.deep.equal({
        "#children": [{ Value: "%administrator_password%" }, { PlainText: "false" }],
      });
      const d = r.diagnostics.find((x) => x.code === "unvalidated-content")!;
      expect(d).to.include({ severity: "warning", line: 7, column: 21 });
      expect(renderParsed(r, { validate: false })).to.contain("<Value>%administrator_password%</Value>");
      expectRoundTrip(r);
    });

    it("numbers an Order-keyed item without <Order> by its position, as it will be written", () => {
      const body = [
        "            <FirstLogonCommands>",
        '                <SynchronousCommand wcm:action="add">',
        "                    <CommandLine>a.cmd</CommandLine>",
        "                </SynchronousCommand>",
        '                <SynchronousCommand wcm:action="add">',
        "                    <CommandLine>b.cmd</CommandLine>",
        "                </SynchronousCommand>",
        "            </FirstLogonCommands>",
      ].join("\n");
      const r = parseUnattend(file("oobeSystem", SS, body));
      expect((r.document.settings as any).oobeSystem[SS].FirstLogonCommands).to.deep.equal([
        { CommandLine: "a.cmd", Order: "1" },
        { CommandLine: "b.cmd", Order: "2" },
      ]);
      expect(r.diagnostics.map((d) => [d.code, d.line])).to.deep.equal([
        ["missing-order", 6],
        ["missing-order", 9],
      ]);
      expectRoundTrip(r);
    });

    it("drops attributes the format does not have, with a warning", () => {
      const r = parseUnattend(file("specialize", SS, '            <TimeZone foo="bar">UTC</TimeZone>'));
      expect((r.document.settings as any).specialize[SS]).to.deep.equal({ TimeZone: "UTC" });
      expect(r.diagnostics.map((d) => [d.code, d.line, d.column])).to.deep.equal([["ignored-attribute", 5, 13]]);
    });

    it("reads item elements outside a list (<Disk>) as an array", () => {
      const body = [
        "            <DiskConfiguration>",
        '                <Disk wcm:action="add">',
        "                    <DiskID>0</DiskID>",
        "                    <WillWipeDisk>true</WillWipeDisk>",
        "                </Disk>",
        "            </DiskConfiguration>",
      ].join("\n");
      const r = parseUnattend(file("windowsPE", "Microsoft-Windows-Setup", body));
      expect((r.document.settings as any).windowsPE["Microsoft-Windows-Setup"].DiskConfiguration).to.deep.equal({
        Disk: [{ DiskID: "0", WillWipeDisk: "true" }],
      });
      expect(r.locations.get(["settings", "windowsPE", "Microsoft-Windows-Setup", "DiskConfiguration", "Disk", 0, "DiskID"])).to.deep.equal({
        line: 7,
        column: 21,
      });
      expect(renderParsed(r)).to.contain('<Disk wcm:action="add">');
      expectRoundTrip(r);
    });

    it("keeps an unknown element inside a known setting in its place, and validates its known siblings", () => {
      const body =
        "            <OOBE>\n                <SkipMachineOOBE>true</SkipMachineOOBE>\n                <ProtectYourPC>9</ProtectYourPC>\n                <NetworkLocation>Work</NetworkLocation>\n            </OOBE>";
      const r = parseUnattend(file("oobeSystem", SS, body));
      expect((r.document.settings as any).oobeSystem[SS].OOBE).to.deep.equal({ ProtectYourPC: "9", NetworkLocation: "Work" });
      expect((r.document.unvalidated as any).oobeSystem[SS].OOBE).to.deep.equal({ SkipMachineOOBE: "true" });
      const v = validateUnattendXml(file("oobeSystem", SS, body));
      expect(v.diagnostics.map((d) => [d.severity, d.code, formatPath(d.path), d.line])).to.deep.equal([
        ["warning", "unvalidated", `unvalidated.oobeSystem["${SS}"].OOBE.SkipMachineOOBE`, 6],
        ["error", "out-of-range", `settings.oobeSystem["${SS}"].OOBE.ProtectYourPC`, 7],
        ["warning", "deprecated", `settings.oobeSystem["${SS}"].OOBE.NetworkLocation`, 8],
      ]);
      expect(v.diagnostics[0].message).to.contain("OOBE/SkipMachineOOBE is not in the 2018 reference");
      // written back inside <OOBE>, after its documented settings; the same bytes on a second round
      const xml = renderParsed(r, { validate: false });
      expect(xml).to.contain("<ProtectYourPC>9</ProtectYourPC>\n                <SkipMachineOOBE>true</SkipMachineOOBE>\n            </OOBE>");
      expect(xml.match(/<OOBE>/g)).to.have.length(1);
      expectRoundTrip(r);
    });

    it("keeps unknown elements inside list items and items without a list wrapper at their item", () => {
      const body = [
        "            <RunSynchronous>",
        '                <RunSynchronousCommand wcm:action="add"><Order>1</Order><Path>a.cmd</Path></RunSynchronousCommand>',
        '                <RunSynchronousCommand wcm:action="add"><Order>2</Order><Path>b.cmd</Path><Undocumented>x</Undocumented></RunSynchronousCommand>',
        "            </RunSynchronous>",
      ].join("\n");
      const r = parseUnattend(file("specialize", "Microsoft-Windows-Deployment", body));
      expect((r.document.settings as any).specialize["Microsoft-Windows-Deployment"].RunSynchronous).to.deep.equal([
        { Order: "1", Path: "a.cmd" },
        { Order: "2", Path: "b.cmd" },
      ]);
      expect((r.document.unvalidated as any).specialize["Microsoft-Windows-Deployment"]).to.deep.equal({
        RunSynchronous: { RunSynchronousCommand: [{}, { Undocumented: "x" }] },
      });
      const xml = renderParsed(r, { validate: false });
      expect(xml).to.match(/<Path>b\.cmd<\/Path>\s*<Undocumented>x<\/Undocumented>\s*<\/RunSynchronousCommand>\s*<\/RunSynchronous>/);
      expect(xml.match(/<RunSynchronousCommand /g)).to.have.length(2);
      expect(
        r.locations.get(["unvalidated", "specialize", "Microsoft-Windows-Deployment", "RunSynchronous", "RunSynchronousCommand", 1, "Undocumented"]),
      ).to.deep.equal({
        line: 7,
        column: 91,
      });
      expectRoundTrip(r);
    });

    it("reads a component name written in another case as the catalog's component", () => {
      const r = parseUnattend(file("oobeSystem", "Microsoft-Windows-SQMAPI", "            <CEIPEnabled>0</CEIPEnabled>"));
      expect((r.document.settings as any).oobeSystem["Microsoft-Windows-SQMApi"]).to.deep.equal({ CEIPEnabled: "0" });
      expect(codes(r)).to.deep.equal(["name-case"]);
    });
  });

  describe("architectures", () => {
    it("treats a processorArchitecture placeholder as a template, read as amd64 (or the option)", () => {
      const xml = file("generalize", WS, "            <AllowInsecureGuestAuth>1</AllowInsecureGuestAuth>", "%arch%");
      const r = parseUnattend(xml);
      expect(r.document.architectures).to.deep.equal(["amd64"]);
      expect(r.diagnostics).to.have.length(1);
      expect(r.diagnostics[0]).to.include({ severity: "warning", code: "template", line: 4, column: 9 });
      expect(r.diagnostics[0].message).to.contain("%arch%").and.contain("template");
      expect(parseUnattend(xml, { templateArchitecture: "arm64" }).document.architectures).to.deep.equal(["arm64"]);
      expect(renderParsed(r)).to.contain('processorArchitecture="amd64"');
    });

    it("keeps an unknown architecture for validation to report", () => {
      const r = validateUnattendXml(file("generalize", WS, "            <AllowInsecureGuestAuth>1</AllowInsecureGuestAuth>", "ia64"));
      expect(r.document.architectures).to.deep.equal(["ia64"]);
      expect(r.diagnostics.find((d) => d.code === "unknown-architecture")).to.include({ line: 4, column: 9 });
    });

    it("reports a component repeated for the same architecture", () => {
      const comp = `        <component name="${WS}" processorArchitecture="amd64" ${ATTRS}>\n            <AllowInsecureGuestAuth>1</AllowInsecureGuestAuth>\n        </component>`;
      const xml = `<unattend xmlns="urn:schemas-microsoft-com:unattend">\n    <settings pass="generalize">\n${comp}\n${comp}\n    </settings>\n</unattend>\n`;
      const r = parseUnattend(xml);
      expect(r.diagnostics.map((d) => [d.code, d.line])).to.deep.equal([["duplicate-component", 6]]);
    });

    it("merges passes split over several <settings> elements", () => {
      const a = file("generalize", WS, "            <AllowInsecureGuestAuth>1</AllowInsecureGuestAuth>", "x86");
      const b = file("generalize", WS, "            <AllowInsecureGuestAuth>1</AllowInsecureGuestAuth>", "amd64");
      const settingsOf = (x: string) => x.slice(x.indexOf("    <settings"), x.indexOf("</unattend>"));
      const xml = `<unattend xmlns="urn:schemas-microsoft-com:unattend">\n${settingsOf(a)}${settingsOf(b)}</unattend>`;
      const r = parseUnattend(xml);
      expect(r.document).to.deep.equal({ settings: { generalize: { [WS]: { AllowInsecureGuestAuth: "1" } } }, architectures: ["x86", "amd64"] });
    });
  });

  describe("files that are not answer files", () => {
    const cases: [string, string, number, number, RegExp][] = [
      ["an unclosed element", '<unattend xmlns="urn:schemas-microsoft-com:unattend">\n  <settings pass="specialize">\n</unattend>', 3, 1, /settings/],
      ["a bare ampersand", '<unattend xmlns="urn:schemas-microsoft-com:unattend">\n  <x>a & b;</x>\n</unattend>', 2, 8, /&amp;/],
      ["an undeclared prefix", '<unattend xmlns="urn:schemas-microsoft-com:unattend">\n    <x wcm:action="add"/>\n</unattend>', 2, 5, /wcm/],
      ["text before the root", "hello\n<unattend/>", 1, 1, /root/],
      ["a comment before the declaration", '<!-- c -->\n<?xml version="1.0"?>\n<unattend/>', 2, 1, /declaration/],
      ["two roots", "<unattend/>\n<unattend/>", 2, 1, /root/],
      ["a mismatched end tag", "<a>\n  <Value><Hidden></Value>\n</a>", 2, 18, /<\/Value>.*<Hidden>/],
      ["an empty file", "", 1, 1, /root element/],
      [
        "an end tag with attributes",
        '<a xmlns:wcm="w">\n  <b wcm:action="add">\n  </b wcm:action="add">\n</a>',
        3,
        3,
        /End tag <\/b wcm:action="add"> holds more than the element name/,
      ],
    ];
    for (const [name, xml, line, column, message] of cases) {
      it(`reports ${name} with line and column`, () => {
        const r = parseUnattend(xml);
        expect(r.malformed).to.equal(true);
        expect(r.diagnostics).to.have.length(1);
        const d = r.diagnostics[0];
        expect(d).to.include({ severity: "error", code: "malformed-xml", line, column });
        expect(d.message).to.match(message);
        expect(r.document).to.deep.equal({ settings: {} });
      });
    }

    it("reports a root that is not <unattend>", () => {
      const r = parseUnattend("<AutoUnattend><Settings/></AutoUnattend>");
      expect(r.malformed).to.equal(true);
      expect(codes(r)).to.deep.equal(["not-unattend"]);
    });

    it("reports <settings> without a pass", () => {
      const r = parseUnattend(file("specialize", SS, "").replace('pass="specialize"', 'pass_="specialize"'));
      expect(r.diagnostics.map((d) => [d.code, d.line, d.column])).to.deep.equal([["missing-pass", 3, 5]]);
    });

    it("round-trips elements outside <settings> in a file with no component (found by the property below)", () => {
      const text = features();
      const r = parseUnattend(text.slice(0, 205) + text.slice(5745));
      expect(r.document.extras?.length).to.equal(2);
      expectRoundTrip(r);
    });

    it("round-trips text beside the child elements of an extra (found by the property below)", () => {
      const text = features();
      const at = text.indexOf("\n", text.indexOf("<Extensions"));
      const r = parseUnattend(text.slice(0, at) + "!" + text.slice(at));
      expect(r.document.extras?.[1].xml).to.match(/^<Extensions[^>]*>!/);
      expectRoundTrip(r);
    });

    it("chooses the shared architectures independently of the components' order in the file (found by the property below)", () => {
      const text = features();
      const r = parseUnattend(text.slice(0, 1290) + " " + text.slice(2257));
      expect(r.document.architectures).to.deep.equal(["x86"]);
      expectRoundTrip(r);
    });

    it("renders a component of an unknown architecture as written, not dropped, when not validating (found by the property below)", () => {
      const x86 = '<component name="Microsoft-Windows-DNS-Client" processorArchitecture="x86"';
      const text = features().replace(x86, x86.replace('"x86"', '"ax86"'));
      const r = parseUnattend(text);
      expect(r.diagnostics.filter((d) => d.severity === "error")).to.deep.equal([]);
      expect(Object.keys(r.document.perArchitecture ?? {})).to.include("ax86");
      expect(renderParsed(r, { validate: false })).to.contain(x86.replace('"x86"', '"ax86"'));
      expectRoundTrip(r);
      // validation is where it is an error, at the component's line
      const v = validateUnattendXml(text);
      expect(v.diagnostics.filter((d) => d.code === "unknown-architecture").map((d) => [formatPath(d.path), d.line])).to.deep.equal([
        ["perArchitecture.ax86", 31],
      ]);
      expect(() => renderParsed(r)).to.throw(/Unknown architecture "ax86"/);
    });

    it("writes back an empty wcm:action rather than dropping it (found by the property below)", () => {
      const text = features().replace('<DomainName wcm:action="add" wcm:keyValue="1">corp', '<DomainName wcm:action="" wcm:keyValue="1">corp');
      const r = parseUnattend(text);
      expect(renderParsed(r, { validate: false })).to.contain('<DomainName wcm:action="" wcm:keyValue="1">corp.example.com</DomainName>');
      expectRoundTrip(r);
      expect(codes(validateUnattendXml(text))).to.include("invalid-action");
    });

    it("never throws, whatever the input (property)", () => {
      const text = features();
      fc.assert(
        fc.property(fc.nat({ max: text.length }), fc.nat({ max: text.length }), fc.string({ maxLength: 5 }), (a, b, junk) => {
          const [from, to] = a < b ? [a, b] : [b, a];
          const mangled = text.slice(0, from) + junk + text.slice(to);
          const r = parseUnattend(mangled);
          for (const d of r.diagnostics) {
            if (d.code === "malformed-xml") {
              expect(d.line).to.be.at.least(1);
              expect(d.column).to.be.at.least(1);
            }
          }
          if (!r.malformed) renderParsed(r, { validate: false });
          // whatever reads without errors round-trips
          if (!r.malformed && !r.diagnostics.some((d) => d.severity === "error")) expectRoundTrip(r);
        }),
        { numRuns: 500 },
      );
      // small edits: a short cut, and a fragment that means something to XML or to JavaScript in its place
      const fragment = fc.oneof(
        fc.string({ maxLength: 5 }),
        fc.constantFrom(
          "&amp;",
          "&",
          "<",
          ">",
          "]]>",
          '"',
          "'",
          "\r",
          "\t",
          "\u00a0",
          "\u3000",
          "x:",
          "%",
          "&#1;",
          "&#x10FFFF;",
          ' xmlns:__proto__="urn:p"',
          "__proto__:",
          "constructor",
          "<!-- c -->",
          "<![CDATA[x]]>",
        ),
      );
      fc.assert(
        fc.property(fc.nat({ max: text.length }), fc.nat({ max: 12 }), fragment, (at, cut, junk) => {
          const r = parseUnattend(text.slice(0, at) + junk + text.slice(Math.min(text.length, at + cut)));
          if (!r.malformed) renderParsed(r, { validate: false });
          if (!r.malformed && !r.diagnostics.some((d) => d.severity === "error")) expectRoundTrip(r);
        }),
        { numRuns: 500 },
      );
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
          parseUnattend(bytes);
        }),
        { numRuns: 200 },
      );
    });
  });
});

describe("validateUnattendXml", () => {
  it("reads an input handed over (validateTaken, the command's) as it reads the same input given, taking it once", () => {
    const inputs: [string, string | Uint8Array][] = [
      ["text", file("specialize", WS, "            <AllowInsecureGuestAuth>2</AllowInsecureGuestAuth>")],
      ["bytes", fs.readFileSync(path.join(REPO, "tests", "fixtures", "parse", "features.xml"))],
      ["UTF-16 with invalid bytes", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("<unattend>\ud800</unattend>", "utf16le")])],
      ["too large", "<unattend/>".repeat(3)],
      ["not XML", "<unattend>"],
    ];
    for (const [what, input] of inputs) {
      let taken = 0;
      const options = { maxBytes: 30 };
      const handed = validateTaken(() => (taken++, input), what === "too large" ? options : {});
      expect(taken, what).to.equal(1);
      expect(handed, what).to.deep.equal(validateUnattendXml(input, what === "too large" ? options : {}));
    }
  });

  it("attaches the line and column of the setting to validation diagnostics", () => {
    const xml = file("specialize", WS, "            <AllowInsecureGuestAuth>2</AllowInsecureGuestAuth>");
    const r = validateUnattendXml(xml);
    const d = r.diagnostics.find((x) => x.code === "wrong-pass")!;
    expect(textPath(d)).to.include({ severity: "error", line: 5, column: 13, path: `settings.specialize["${WS}"].AllowInsecureGuestAuth` });
  });

  it("finds the nearest located parent for paths without a location of their own", () => {
    const r = validateUnattendXml(
      file("oobeSystem", SS, "            <AutoLogon>\n                <Password><Value></Value></Password>\n            </AutoLogon>"),
    );
    const d = r.diagnostics.find((x) => x.code === "empty-password")!;
    expect(d).to.include({ line: 6, column: 27 });
  });

  it("returns only the parse error for a malformed file", () => {
    const r = validateUnattendXml("<unattend>");
    expect(codes(r)).to.deep.equal(["malformed-xml"]);
  });

  it("validates what renderUnattend renders: the parsed document renders to the same XML as the settings typed by hand", () => {
    const xml = renderUnattend({ settings: { generalize: { [WS]: { AllowInsecureGuestAuth: 1 } } } });
    const r = validateUnattendXml(xml);
    expect(r.diagnostics).to.deep.equal([]);
    expect(renderParsed(r)).to.equal(xml);
  });
});
