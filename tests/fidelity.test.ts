/**
 * Fidelity with the files people really write: small files of our own, one
 * per kind of false alarm found in public answer files, must give warnings
 * only (never an error), round-trip, and render schema-valid output.
 */
import { expect } from "chai";
import * as fs from "node:fs";
import * as path from "node:path";
import { parseUnattend, renderUnattend, validateUnattend, validateUnattendXml, type UnattendDocument } from "../components";
import { renderParsed } from "../components/core/parse";
import { formatPath } from "../components/core/diagnostics";
import { REPO } from "./helpers";
import { expectSchemaValid } from "./schema";

const DIR = path.join(REPO, "tests", "fixtures", "fidelity");
const SS = "Microsoft-Windows-Shell-Setup";

/** `severity code path` of every diagnostic. */
function brief(file: string): string[] {
  return validateUnattendXml(fs.readFileSync(path.join(DIR, file))).diagnostics.map((d) => `${d.severity} ${d.code} ${formatPath(d.path)}`);
}

function roundTrip(file: string): string {
  const r = parseUnattend(fs.readFileSync(path.join(DIR, file)));
  const xml = renderParsed(r, { validate: false });
  const again = parseUnattend(xml);
  expect(again.document).to.deep.equal(r.document);
  expect(renderParsed(again, { validate: false })).to.equal(xml);
  return xml;
}

describe("no false alarms on what real files do (tests/fixtures/fidelity)", () => {
  const rendered: { name: string; xml: string }[] = [];

  it("settings the catalog lacks, set differently per architecture: warnings that say what is known of them, and a round trip", () => {
    expect(brief("per-arch-unknown.xml")).to.deep.equal([
      'warning unvalidated unvalidatedPerArchitecture.amd64.oobeSystem["Microsoft-Windows-Shell-Setup"].OOBE.SkipMachineOOBE',
      'warning unvalidated unvalidatedPerArchitecture.amd64.oobeSystem["Microsoft-Windows-Shell-Setup"].OOBE.SkipUserOOBE',
      'warning unvalidated unvalidatedPerArchitecture.x86.oobeSystem["Microsoft-Windows-Shell-Setup"].OOBE.SkipMachineOOBE',
    ]);
    const v = validateUnattendXml(fs.readFileSync(path.join(DIR, "per-arch-unknown.xml")));
    expect(v.diagnostics[0].message).to.contain("not in the 2018 reference; it is known from real files for");
    const doc = v.document as unknown as {
      perArchitecture: Record<string, Record<string, Record<string, { OOBE: unknown }>>>;
      unvalidatedPerArchitecture: Record<string, Record<string, Record<string, { OOBE: unknown }>>>;
    };
    // the documented HideEULAPage is validated; only the undocumented SkipMachineOOBE is kept as written, inside <OOBE>
    expect(doc.perArchitecture.x86.oobeSystem[SS].OOBE).to.deep.equal({ HideEULAPage: "true" });
    expect(doc.unvalidatedPerArchitecture.x86.oobeSystem[SS].OOBE).to.deep.equal({ SkipMachineOOBE: "false" });
    const xml = roundTrip("per-arch-unknown.xml");
    expect(xml.match(/<SkipMachineOOBE>/g)).to.have.length(2);
    rendered.push({ name: "per-arch-unknown", xml });
  });

  it("unvalidatedPerArchitecture in typed input: warnings only, written for that architecture only", () => {
    const doc: UnattendDocument = {
      architectures: ["x86", "amd64"],
      settings: {},
      perArchitecture: { x86: { oobeSystem: { [SS]: { TimeZone: "UTC" } } }, amd64: { oobeSystem: { [SS]: { TimeZone: "UTC" } } } },
      unvalidatedPerArchitecture: { amd64: { oobeSystem: { [SS]: { OOBE: { SkipMachineOOBE: true } } } } },
    };
    const ds = validateUnattend(doc).diagnostics;
    expect(ds.map((d) => `${d.severity} ${d.code} ${formatPath(d.path)}`)).to.deep.equal([
      'warning unvalidated unvalidatedPerArchitecture.amd64.oobeSystem["Microsoft-Windows-Shell-Setup"].OOBE',
    ]);
    expect(ds[0].message).to.contain("OOBE/SkipMachineOOBE is not in the 2018 reference");
    const xml = renderUnattend(doc);
    expect(xml.match(/<SkipMachineOOBE>true<\/SkipMachineOOBE>/g)).to.have.length(1);
    // given for every architecture in settings and added per architecture: refused, since it would be a second <component>
    const mixed = validateUnattend({ ...doc, settings: { oobeSystem: { [SS]: { TimeZone: "UTC" } } }, perArchitecture: {} }).diagnostics;
    expect(mixed.filter((d) => d.severity === "error").map((d) => d.code)).to.deep.equal(["duplicate-component"]);
  });

  it("documented empty values are accepted (TimeoutPeriodInMinutes: 15 minutes; ComputerName: a random name)", () => {
    expect(brief("documented-empty.xml")).to.deep.equal([]);
    rendered.push({ name: "documented-empty", xml: roundTrip("documented-empty.xml") });
    // and still an error where the reference gives empty no meaning
    expect(validateUnattend({ settings: { specialize: { [SS]: { TimeZone: "" } } } }).diagnostics.map((d) => d.code)).to.deep.equal(["empty-value"]);
  });

  it("template placeholders are warnings naming the placeholder (never the secret), not type or length errors", () => {
    expect(brief("placeholders.xml")).to.deep.equal([
      "warning template architectures",
      'warning template settings.windowsPE["Microsoft-Windows-Setup"].DiskConfiguration.Disk[0].DiskID',
      'warning template settings.windowsPE["Microsoft-Windows-Setup"].DiskConfiguration.Disk[0].WillWipeDisk',
      'warning template settings.windowsPE["Microsoft-Windows-Setup"].UserData.ProductKey.Key',
      'warning template settings.specialize["Microsoft-Windows-Shell-Setup"].ComputerName',
      'warning template settings.specialize["Microsoft-Windows-Shell-Setup"].RegisteredOwner',
      'warning template settings.oobeSystem["Microsoft-Windows-Shell-Setup"].UserAccounts.AdministratorPassword.Value',
    ]);
    const messages = validateUnattendXml(fs.readFileSync(path.join(DIR, "placeholders.xml")))
      .diagnostics.map((d) => d.message)
      .join("\n");
    expect(messages).to.contain('"@@COMPUTERNAME@@"').and.contain('"%disk_id%"');
    expect(messages).not.to.contain("var.admin_password").and.not.to.contain("var.product_key");
    rendered.push({ name: "placeholders", xml: roundTrip("placeholders.xml") });
  });

  it("a RegionalOverride without Order is numbered in the documented three-digit form, and our output validates", () => {
    expect(brief("regional-override.xml")).to.deep.equal([
      'warning missing-order settings.specialize["Microsoft-Windows-Shell-Setup"].StartTiles.RegionalOverrides[0]',
    ]);
    const xml = roundTrip("regional-override.xml");
    expect(xml).to.contain("<Order>001</Order>");
    expect(validateUnattendXml(xml).diagnostics).to.deep.equal([]);
    const typed = renderUnattend({
      settings: {
        specialize: {
          [SS]: {
            StartTiles: {
              RegionalOverrides: [{ Order: 7 as never, LockScreen: { Badge: { AppId: "a" } } }, { LockScreen: { Badge: { AppId: "b" } } }],
            },
          },
        },
      },
    });
    expect(typed.match(/<Order>\d+<\/Order>/g)).to.deep.equal(["<Order>007</Order>", "<Order>002</Order>"]);
    expect(validateUnattendXml(typed).diagnostics).to.deep.equal([]);
    rendered.push({ name: "regional-override", xml });
  });

  it("servicing, cpi:offlineImage and Extensions: placed as the schema wants (servicing first), each byte for byte", () => {
    const source = fs.readFileSync(path.join(DIR, "extras-order.xml"), "utf8");
    const r = parseUnattend(source);
    const xml = renderParsed(r);
    const at = (s: string) => xml.indexOf(s);
    expect(at("<servicing>")).to.be.lessThan(at("<settings"));
    expect(at("</settings>")).to.be.lessThan(at("<cpi:offlineImage"));
    expect(at("<cpi:offlineImage")).to.be.lessThan(at("<Extensions"));
    expect(xml).to.contain('<Script><![CDATA[  Write-Host "<indented>"  ]]></Script>');
    expect(xml).to.contain('<cpi:offlineImage xmlns:cpi="urn:schemas-microsoft-com:cpi" cpi:source="wim:c:/install.wim#Windows 11 Pro"/>');
    expect(roundTrip("extras-order.xml")).to.equal(xml);
    rendered.push({ name: "extras-order", xml });
  });

  it("every rendering above validates against the answer-file schema", function () {
    expect(rendered).to.have.length(5);
    expectSchemaValid(this, rendered);
  });
});
