/**
 * Unknown elements inside known groups (issue 19 class 3, issue 18 items 9 and 13): an element the
 * reference documents elsewhere is an error naming where it belongs; an unknown child never hides its
 * documented siblings, and is written back inside its group; content kept as written keeps its document
 * order; an element of another namespace inside a group changes nothing on a second round; a password's
 * PlainText that is not a boolean is an error where it is.
 */
import { expect } from "chai";
import * as fc from "fast-check";
import { parseUnattend, renderUnattend, validateUnattend, validateUnattendXml, type UnattendDocument } from "../components";
import { renderParsed } from "../components/core/parse";
import { catalog, childElements, placesOf, type Element } from "../components/catalog";
import { formatPath } from "../components/core/diagnostics";
import { unattend } from "./cli-run";
import { oneComponentFile as file } from "./helpers";

const SS = "Microsoft-Windows-Shell-Setup";
const brief = (xml: string) => validateUnattendXml(xml).diagnostics.map((d) => `${d.severity} ${d.code} ${formatPath(d.path)}`);
const seed = Date.now() ^ (Math.random() * 0x7fffffff);

describe("unknown elements inside known groups", () => {
  describe("the catalog knows every place of every name", () => {
    it("finds each documented place, with its passes", () => {
      expect(placesOf("UserData").map((p) => [p.component, p.path.join("/"), p.passes.join(",")])).to.deep.equal([
        ["Microsoft-Windows-Setup", "UserData", "windowsPE"],
      ]);
      expect(placesOf("PersistAllDeviceInstalls").map((p) => p.component)).to.deep.equal(["Microsoft-Windows-PnpSysprep"]);
      expect(placesOf("ModifyPartition").map((p) => p.path.join("/"))).to.deep.equal(["DiskConfiguration/Disk/ModifyPartitions/ModifyPartition"]);
      // nested settings take the passes of their top-level setting
      expect(placesOf("ProtectYourPC")[0].passes).to.deep.equal(["oobeSystem"]);
      // and settings real files use that the reference lacks, flagged
      expect(placesOf("SkipMachineOOBE")).to.deep.equal([
        { component: SS, path: ["OOBE", "SkipMachineOOBE"], passes: ["oobeSystem"], unlisted: true },
      ]);
      expect(placesOf("NoSuchSettingAnywhere")).to.deep.equal([]);
    });

    it("indexes every element of the catalog under its name, with the passes that apply to it", () => {
      let count = 0;
      for (const c of catalog.components) {
        const stack: [Element, string[], readonly string[]][] = c.settings.map((s) => [s, [s.name], s.passes ?? c.passes]);
        while (stack.length > 0) {
          const [el, at, inherited] = stack.pop()!;
          const passes = el.passes ?? inherited;
          const key = at.join("/");
          const hit = placesOf(el.name).find((p) => p.component === c.name && p.path.join("/") === key);
          expect(hit, `${c.name}/${key}`).to.not.equal(undefined);
          expect(hit!.passes, `${c.name}/${key}`).to.deep.equal(passes);
          count++;
          for (const child of childElements(el)) stack.push([child, [...at, child.name], passes]);
        }
      }
      expect(count).to.be.greaterThan(1000);
    });

    it("an undocumented setting real files use, put outside its known place, is misplaced too (known from real files)", () => {
      const d = validateUnattendXml(file("oobeSystem", SS, "            <SkipMachineOOBE>true</SkipMachineOOBE>")).diagnostics;
      expect(d.map((x) => `${x.severity} ${x.code} ${formatPath(x.path)}`)).to.deep.equal([
        `error misplaced-setting unvalidated.oobeSystem["${SS}"].SkipMachineOOBE`,
      ]);
      expect(d[0].message).to.contain(`Did you mean ${SS}/OOBE/SkipMachineOOBE (oobeSystem pass; known from real files, not in the reference)?`);
    });
  });

  describe("misplaced settings are errors that say where they belong", () => {
    it("<UserData> in Shell-Setup belongs to Microsoft-Windows-Setup (windowsPE)", () => {
      const xml = file("windowsPE", SS, "            <UserData><AcceptEula>true</AcceptEula></UserData>");
      const d = validateUnattendXml(xml).diagnostics.find((x) => x.code === "misplaced-setting")!;
      expect(d).to.include({ severity: "error", line: 5, column: 13 });
      expect(formatPath(d.path)).to.equal(`unvalidated.windowsPE["${SS}"].UserData`);
      expect(d.message).to.contain("Microsoft-Windows-Setup/UserData (windowsPE pass)");
    });

    it("<ModifyPartition> directly under <Disk> belongs under <ModifyPartitions>; the disk's documented settings are still read", () => {
      const body = [
        "            <DiskConfiguration>",
        '                <Disk wcm:action="add">',
        "                    <DiskID>0</DiskID>",
        "                    <WillWipeDisk>maybe</WillWipeDisk>",
        '                    <ModifyPartition wcm:action="add"><Order>1</Order><PartitionID>1</PartitionID></ModifyPartition>',
        "                </Disk>",
        "            </DiskConfiguration>",
      ].join("\n");
      const found = brief(file("windowsPE", "Microsoft-Windows-Setup", body));
      expect(found).to.include('error misplaced-setting unvalidated.windowsPE["Microsoft-Windows-Setup"].DiskConfiguration.Disk[0].ModifyPartition');
      expect(found).to.include('error invalid-boolean settings.windowsPE["Microsoft-Windows-Setup"].DiskConfiguration.Disk[0].WillWipeDisk');
      const d = validateUnattendXml(file("windowsPE", "Microsoft-Windows-Setup", body)).diagnostics.find((x) => x.code === "misplaced-setting")!;
      expect(d.message).to.contain("Did you mean Microsoft-Windows-Setup/DiskConfiguration/Disk/ModifyPartitions/ModifyPartition (windowsPE pass)?");
    });

    it("names the likeliest place first: <InstallTo> under <ImageInstall> goes in <OSImage> (DataImage and WDS are also listed)", () => {
      const body = "            <ImageInstall><InstallTo><DiskID>0</DiskID><PartitionID>2</PartitionID></InstallTo></ImageInstall>";
      const d = validateUnattendXml(file("windowsPE", "Microsoft-Windows-Setup", body)).diagnostics.find((x) => x.code === "misplaced-setting")!;
      expect(d.message).to.match(
        /Did you mean Microsoft-Windows-Setup\/ImageInstall\/OSImage\/InstallTo \(windowsPE pass\)\? It is documented there; also at .*DataImage\/InstallTo.*ImageSelection\/InstallTo/,
      );
    });

    it("the CLI prints it with line and column, and fails", () => {
      const xml = file("windowsPE", SS, "            <UserData><AcceptEula>true</AcceptEula></UserData>");
      const r = unattend(["validate", "a.xml"], { files: { "a.xml": xml } });
      expect(r.code).to.equal(1);
      expect(r.out + r.err).to.match(
        /a\.xml:5:13 error unvalidated\.windowsPE\["Microsoft-Windows-Shell-Setup"\]\.UserData .*Microsoft-Windows-Setup\/UserData.*\[misplaced-setting\]/,
      );
    });

    it("the same in typed input: a documented name in the wrong component is misplaced-setting, an unknown one unknown-setting", () => {
      const doc = { settings: { specialize: { [SS]: { PersistAllDeviceInstalls: true, NoSuchSetting: 1 } } } } as unknown as UnattendDocument;
      expect(validateUnattend(doc).diagnostics.map((d) => `${d.severity} ${d.code} ${formatPath(d.path)}`)).to.deep.equal([
        `error unknown-setting settings.specialize["${SS}"].NoSuchSetting`,
        `error misplaced-setting settings.specialize["${SS}"].PersistAllDeviceInstalls`,
      ]);
      // given under unvalidated on purpose: still misplaced when documented elsewhere, a warning when documented nowhere
      const raw = { settings: {}, unvalidated: { specialize: { [SS]: { ComputerName: "A", PersistAllDeviceInstalls: true, NoSuchSetting: 1 } } } };
      expect(validateUnattend(raw as UnattendDocument).diagnostics.map((d) => `${d.severity} ${d.code} ${formatPath(d.path)}`)).to.deep.equal([
        `warning unvalidated unvalidated.specialize["${SS}"].ComputerName`,
        `warning unvalidated unvalidated.specialize["${SS}"].NoSuchSetting`,
        `error misplaced-setting unvalidated.specialize["${SS}"].PersistAllDeviceInstalls`,
      ]);
    });

    it("a name documented nowhere stays a warning; a case variant of a sibling says so", () => {
      expect(
        brief(file("oobeSystem", SS, "            <OOBE><HideEULAPage>true</HideEULAPage><BrandNewSwitch>1</BrandNewSwitch></OOBE>")),
      ).to.deep.equal([`warning unvalidated unvalidated.oobeSystem["${SS}"].OOBE.BrandNewSwitch`]);
      const d = validateUnattendXml(file("oobeSystem", SS, "            <OOBE><hideEULAPage>true</hideEULAPage></OOBE>")).diagnostics;
      expect(d.map((x) => [x.severity, x.code])).to.deep.equal([["warning", "unvalidated"]]);
      expect(d[0].message).to.contain('Names are case-sensitive: did you mean "HideEULAPage"?');
    });
  });

  describe("an unknown child does not hide its siblings", () => {
    it("an out-of-range ProtectYourPC and a deprecated NetworkLocation beside SkipMachineOOBE are reported", () => {
      const body =
        "            <OOBE><SkipMachineOOBE>true</SkipMachineOOBE><ProtectYourPC>4</ProtectYourPC><NetworkLocation>Home</NetworkLocation></OOBE>";
      expect(brief(file("oobeSystem", SS, body))).to.deep.equal([
        `warning unvalidated unvalidated.oobeSystem["${SS}"].OOBE.SkipMachineOOBE`,
        `error out-of-range settings.oobeSystem["${SS}"].OOBE.ProtectYourPC`,
        `warning deprecated settings.oobeSystem["${SS}"].OOBE.NetworkLocation`,
      ]);
    });

    it("a documented setting that cannot be read as such is kept alone, in its place; its siblings are validated", () => {
      // a PlainText false password that is not Windows' encoding, and an xsi:nil setting: each kept as written
      const body = [
        "            <AutoLogon><Password><Value>%pw%</Value><PlainText>false</PlainText></Password><Enabled>true</Enabled><LogonCount>many</LogonCount><Username>a</Username></AutoLogon>",
        '            <OOBE><HideEULAPage xsi:nil="true"/><ProtectYourPC>7</ProtectYourPC></OOBE>',
      ].join("\n");
      const v = validateUnattendXml(file("oobeSystem", SS, body));
      expect(v.diagnostics.map((d) => `${d.severity} ${d.code} ${formatPath(d.path)}`)).to.deep.equal([
        `warning password-name unvalidated.oobeSystem["${SS}"].AutoLogon.Password`,
        `warning unvalidated-content unvalidated.oobeSystem["${SS}"].AutoLogon.Password`,
        `error invalid-integer settings.oobeSystem["${SS}"].AutoLogon.LogonCount`,
        `warning unvalidated-content unvalidated.oobeSystem["${SS}"].OOBE.HideEULAPage`,
        `error out-of-range settings.oobeSystem["${SS}"].OOBE.ProtectYourPC`,
      ]);
      const once = renderParsed(v, { validate: false });
      expect(once).to.contain("<Value>%pw%</Value>");
      expect(renderParsed(parseUnattend(once), { validate: false })).to.equal(once);
    });

    it("typed input: unvalidated children join the validated group of the same name, once", () => {
      const doc: UnattendDocument = {
        settings: { oobeSystem: { [SS]: { OOBE: { HideEULAPage: true } } } },
        unvalidated: { oobeSystem: { [SS]: { OOBE: { SkipMachineOOBE: true } } } },
      };
      const xml = renderUnattend(doc);
      expect(xml.match(/<OOBE>/g)).to.have.length(1);
      expect(xml).to.contain("<HideEULAPage>true</HideEULAPage>\n                <SkipMachineOOBE>true</SkipMachineOOBE>\n            </OOBE>");
      // the same element in both places is still refused: it would be written twice
      const twice = { ...doc, unvalidated: { oobeSystem: { [SS]: { OOBE: { HideEULAPage: true } } } } };
      expect(
        validateUnattend(twice)
          .diagnostics.filter((d) => d.severity === "error")
          .map((d) => `${d.code} ${formatPath(d.path)}`),
      ).to.deep.equal([`duplicate-element unvalidated.oobeSystem["${SS}"].OOBE.HideEULAPage`]);
    });
  });

  describe("content kept as written keeps its document order (issue 18 item 9)", () => {
    const body = [
      "            <Steps>",
      "                <Step>1</Step>",
      "                <Run>a</Run>",
      "                <Step>2</Step>",
      "                <Run>b</Run>",
      "            </Steps>",
    ].join("\n");
    it("<Step/><Run/><Step/><Run/> is written back in that order, as a #children sequence", () => {
      const r = parseUnattend(file("specialize", "Contoso-Custom", body));
      expect((r.document.unvalidated as any).specialize["Contoso-Custom"].Steps).to.deep.equal({
        "#children": [{ Step: "1" }, { Run: "a" }, { Step: "2" }, { Run: "b" }],
      });
      const xml = renderParsed(r, { validate: false });
      expect([...xml.matchAll(/<(Step|Run)>([^<]*)</g)].map((m) => `${m[1]}${m[2]}`)).to.deep.equal(["Step1", "Runa", "Step2", "Runb"]);
      expect(renderParsed(parseUnattend(xml), { validate: false })).to.equal(xml);
    });

    it("the same inside a known group, and through the typed input", () => {
      const r = parseUnattend(
        file("oobeSystem", SS, "            <OOBE><SkipUserOOBE>true</SkipUserOOBE><SkipMachineOOBE>true</SkipMachineOOBE></OOBE>"),
      );
      const xml = renderParsed(r, { validate: false });
      expect(xml.indexOf("<SkipUserOOBE>")).to.be.lessThan(xml.indexOf("<SkipMachineOOBE>"));
      const typed = renderUnattend({ settings: {}, unvalidated: { specialize: { X: { "#children": [{ B: 1 }, { A: 2 }, { B: 3 }] } } } });
      expect([...typed.matchAll(/<(A|B)>/g)].map((m) => m[1])).to.deep.equal(["B", "A", "B"]);
      expect(() =>
        renderUnattend({ settings: {}, unvalidated: { specialize: { X: { "#children": "B" } } } } as unknown as UnattendDocument),
      ).to.throw(/#children.*Expected an array of objects/s);
    });

    it("property: any sequence of unknown children is written back in the order given, and a second round gives the same bytes", () => {
      fc.assert(
        fc.property(fc.array(fc.tuple(fc.constantFrom("A", "B", "C", "Run", "Step"), fc.constantFrom("1", "x", "")), { maxLength: 12 }), (kids) => {
          const inner = kids.map(([n, t]) => `<${n}>${t}</${n}>`).join("");
          const r = parseUnattend(file("specialize", "Contoso-Custom", `            <Group>${inner}</Group><Tail>t</Tail>`));
          const xml = renderParsed(r, { validate: false });
          const group = xml.slice(xml.indexOf("<Group"), xml.indexOf("<Tail>"));
          expect([...group.matchAll(/<(A|B|C|Run|Step)(?:>([^<]*)<|\/>)/g)].map((m) => [m[1], m[2] ?? ""])).to.deep.equal(kids);
          expect(renderParsed(parseUnattend(xml), { validate: false })).to.equal(xml);
        }),
        { seed, numRuns: 300 },
      );
    });
  });

  describe("an element of another namespace inside a known group (issue 18 item 13)", () => {
    const autoLogon = (note: string) =>
      file(
        "oobeSystem",
        SS,
        `            <AutoLogon>${note}<Enabled>true</Enabled><LogonCount>1</LogonCount><Username>admin</Username><Password><Value>pw</Value><PlainText>true</PlainText></Password></AutoLogon>`,
      );
    it("is reported and left out; the group stays validated; render is idempotent", () => {
      const xml = autoLogon('<x:Note xmlns:x="urn:example">hi</x:Note>');
      const r = parseUnattend(xml);
      expect(r.diagnostics.map((d) => [d.code, formatPath(d.path)])).to.deep.equal([["ignored-element", `settings.oobeSystem["${SS}"].AutoLogon`]]);
      expect((r.document.settings as any).oobeSystem[SS].AutoLogon.Enabled).to.equal("true");
      expect(r.document.unvalidated).to.equal(undefined);
      const once = renderParsed(r, { validate: false });
      expect(once).to.not.contain("Note");
      expect(renderParsed(parseUnattend(once), { validate: false })).to.equal(once);
      // the same with the namespace declared as the default one: it is not an answer-file element either
      expect(renderParsed(parseUnattend(autoLogon('<Note xmlns="urn:example">hi</Note>')), { validate: false })).to.equal(once);
    });

    it("unattend diff finds no phantom change against the file without it", () => {
      const files = { "a.xml": autoLogon('<x:Note xmlns:x="urn:example"/>'), "b.xml": autoLogon("") };
      const r = unattend(["diff", "a.xml", "b.xml"], { files });
      expect(r.out).to.equal("");
      expect(r.code).to.equal(0);
    });

    it("property: render(parse(render(x))) equals render(x) for groups mixing documented, unknown and foreign children", () => {
      const child = fc.constantFrom(
        "<HideEULAPage>true</HideEULAPage>",
        "<ProtectYourPC>3</ProtectYourPC>",
        "<SkipMachineOOBE>true</SkipMachineOOBE>",
        "<SkipUserOOBE>false</SkipUserOOBE>",
        "<Unknown>1</Unknown>",
        '<x:Note xmlns:x="urn:example">n</x:Note>',
        '<Note xmlns="urn:example"/>',
        "<Other><Deep>1</Deep><Deeper/></Other>",
      );
      fc.assert(
        fc.property(fc.uniqueArray(child, { maxLength: 8 }), fc.boolean(), (kids, timeZone) => {
          const body = `${timeZone ? "            <TimeZone>UTC</TimeZone>\n" : ""}            <OOBE>${kids.join("")}</OOBE>`;
          const once = renderParsed(parseUnattend(file("oobeSystem", SS, body)), { validate: false });
          const twice = renderParsed(parseUnattend(once), { validate: false });
          expect(twice).to.equal(once);
        }),
        { seed, numRuns: 300 },
      );
    });
  });

  describe("a password's PlainText that is not a boolean (issue 19 class 9)", () => {
    const body = (plain: string) =>
      `            <AutoLogon><Enabled>true</Enabled><LogonCount>2</LogonCount><Username>admin</Username><Password><Value>pw</Value><PlainText>${plain}</PlainText></Password></AutoLogon>`;
    it("is invalid-boolean at the PlainText path, saying what is valid, not unvalidated content", () => {
      const d = validateUnattendXml(file("oobeSystem", SS, body("false - change me to true if using plain text password"))).diagnostics;
      expect(d.map((x) => `${x.severity} ${x.code} ${formatPath(x.path)}`)).to.deep.equal([
        `error invalid-boolean settings.oobeSystem["${SS}"].AutoLogon.Password.PlainText`,
      ]);
      expect(d[0].message).to.contain("Valid: true, false").and.contain('"false - change me');
      expect(d[0].message).to.not.contain("pw");
    });

    it("typed input gets the same error there (a string true/false is read as the boolean)", () => {
      const doc = (PlainText: unknown) =>
        ({
          settings: { oobeSystem: { [SS]: { AutoLogon: { Enabled: true, LogonCount: 2, Username: "a", Password: { Value: "pw", PlainText } } } } },
        }) as UnattendDocument;
      expect(validateUnattend(doc("yes")).diagnostics.map((x) => `${x.code} ${formatPath(x.path)}`)).to.deep.equal([
        `invalid-boolean settings.oobeSystem["${SS}"].AutoLogon.Password.PlainText`,
      ]);
      expect(renderUnattend(doc("false"))).to.equal(renderUnattend(doc(false)));
    });
  });
});
