import { textPath } from "./helpers";
import { formatPath } from "../components/core/diagnostics";
import { expect } from "chai";
import { renderUnattend, validateUnattend, type UnattendDocument } from "../components";
import { flattenDocument } from "../components/core/flatten";
import { normalize } from "../components/core/normalize";

const WS = "Microsoft-Windows-WorkstationService";

describe("unvalidated settings (the escape hatch)", () => {
  const doc: UnattendDocument = {
    settings: { generalize: { [WS]: { AllowInsecureGuestAuth: 1 } } },
    unvalidated: {
      generalize: { [WS]: { FutureSetting: "on" } },
      specialize: {
        "Microsoft-Windows-FromTheFuture": {
          Enabled: true,
          Things: {
            Thing: [
              { "wcm:action": "add", "wcm:keyValue": "a", Name: "x" },
              { "wcm:action": "add", Name: "y" },
            ],
          },
          Cleared: { "xsi:nil": true },
        },
      },
    },
  };

  it("renders as given, after the validated settings of the same component", () => {
    const xml = renderUnattend(doc);
    expect(xml).to.contain(
      [
        "            <AllowInsecureGuestAuth>1</AllowInsecureGuestAuth>",
        "            <FutureSetting>on</FutureSetting>",
        "        </component>",
      ].join("\n"),
    );
    expect(xml.match(/<component name="Microsoft-Windows-WorkstationService"/g)).to.have.length(1);
    expect(xml).to.contain('<Thing wcm:action="add" wcm:keyValue="a">');
    expect(xml).to.contain('<Thing wcm:action="add">');
    expect(xml).to.contain('<Cleared xsi:nil="true"></Cleared>');
    expect(xml).to.contain("<Enabled>true</Enabled>");
  });

  it("warns once per unvalidated component or element, and reports no errors", () => {
    const ds = validateUnattend(doc).diagnostics;
    expect(ds.every((d) => d.severity === "warning")).to.equal(true);
    expect(ds.map((d) => formatPath(d.path)).sort()).to.deep.equal([
      'unvalidated.generalize["Microsoft-Windows-WorkstationService"].FutureSetting',
      'unvalidated.specialize["Microsoft-Windows-FromTheFuture"]',
    ]);
    expect(ds[0].message).to.contain("written as given, without validation");
  });

  it("still rejects an unknown pass", () => {
    const ds = validateUnattend({ settings: {}, unvalidated: { specialise: { X: { A: 1 } } } } as unknown as UnattendDocument).diagnostics;
    expect(ds.map((d) => d.code)).to.deep.equal(["unknown-pass"]);
  });

  it("flattens repeated elements by position", () => {
    const keys = flattenDocument(normalize(doc)).entries.map((e) => e.key);
    expect(keys).to.include("specialize/Microsoft-Windows-FromTheFuture/Things/Thing[a]/Name");
    expect(keys).to.include("specialize/Microsoft-Windows-FromTheFuture/Things/Thing[2]/Name");
  });
});

describe("perArchitecture", () => {
  it("writes a component for one architecture only, keyed by architecture when flattened", () => {
    const doc: UnattendDocument = {
      architectures: ["amd64", "x86"],
      settings: {},
      perArchitecture: { x86: { generalize: { [WS]: { AllowInsecureGuestAuth: 1 } } } },
    };
    const xml = renderUnattend(doc);
    expect([...xml.matchAll(/processorArchitecture="(\w+)"/g)].map((m) => m[1])).to.deep.equal(["x86"]);
    expect(flattenDocument(normalize(doc)).entries.map((e) => e.key)).to.deep.equal([
      "generalize/Microsoft-Windows-WorkstationService/x86/AllowInsecureGuestAuth",
    ]);
  });

  it("rejects the same component for the same architecture in settings and perArchitecture", () => {
    const ds = validateUnattend({
      architectures: ["amd64"],
      settings: { generalize: { [WS]: { AllowInsecureGuestAuth: 1 } } },
      perArchitecture: { amd64: { generalize: { [WS]: { AllowInsecureGuestAuth: 0 } } } },
    }).diagnostics;
    expect(ds.map((d) => d.code)).to.deep.equal(["duplicate-component"]);
    expect(formatPath(ds[0].path)).to.equal('perArchitecture.amd64.generalize["Microsoft-Windows-WorkstationService"]');
  });

  it("orders components by pass, name and architecture whatever the input order", () => {
    const a = renderUnattend({
      architectures: ["amd64"],
      settings: { generalize: { [WS]: { AllowInsecureGuestAuth: 1 } } },
      perArchitecture: { x86: { generalize: { [WS]: { AllowInsecureGuestAuth: 0 } } } },
    });
    expect([...a.matchAll(/processorArchitecture="(\w+)"/g)].map((m) => m[1])).to.deep.equal(["x86", "amd64"]);
  });
});

describe("xsi:nil", () => {
  it("null is not a value: an error that says what to write instead", () => {
    const ds = validateUnattend({ settings: { generalize: { [WS]: { AllowInsecureGuestAuth: null as unknown as 0 } } } }).diagnostics;
    expect(ds.map((d) => [d.code, formatPath(d.path)])).to.deep.equal([["wrong-shape", `settings.generalize["${WS}"].AllowInsecureGuestAuth`]]);
    expect(ds[0].message).to.contain("leave the setting out").and.contain('{ "xsi:nil": true }');
  });

  it('is written only from unvalidated, as { "xsi:nil": true }', () => {
    const xml = renderUnattend({ settings: {}, unvalidated: { specialize: { Contoso: { Cleared: { "xsi:nil": true } } } } });
    expect(xml).to.contain('<Cleared xsi:nil="true"></Cleared>');
  });
});

describe("extras: elements outside <settings>", () => {
  const offline = '<cpi:offlineImage xmlns:cpi="urn:schemas-microsoft-com:cpi" cpi:source="wim:c:/install.wim#Windows 11 Pro"/>';
  const servicing = '<servicing><package action="configure"><selection name="SNMP" state="true"/></package></servicing>';

  it("writes each where the schema puts it (servicing first, other namespaces last), byte for byte", () => {
    const xml = renderUnattend({
      settings: { generalize: { [WS]: { AllowInsecureGuestAuth: 1 } } },
      extras: [{ xml: offline }, { xml: servicing }],
    });
    const lines = xml.split("\n");
    expect(lines[2]).to.equal(`    ${servicing}`);
    expect(xml).to.contain(`    </settings>\n    ${offline}\n</unattend>`);
    // a placement that agrees is accepted; one that breaks the schema is refused
    expect(
      renderUnattend({ settings: { generalize: { [WS]: { AllowInsecureGuestAuth: 1 } } }, extras: [{ xml: servicing, placement: "before" }] }),
    ).to.contain(servicing);
    const ds = validateUnattend({
      settings: { generalize: { [WS]: { AllowInsecureGuestAuth: 1 } } },
      extras: [{ xml: offline, placement: "before" }],
    }).diagnostics;
    expect(ds.map((d) => [formatPath(d.path), d.code])).to.deep.equal([["extras[0].placement", "invalid-extra"]]);
    expect(ds[0].message).to.contain("goes after the <settings>");
  });

  it("counts as content: a servicing-only file is not empty", () => {
    expect(validateUnattend({ settings: {}, extras: [{ xml: servicing }] }).diagnostics).to.deep.equal([]);
  });

  it("rejects text that is not one well-formed element, naming it", () => {
    const ds = validateUnattend({
      settings: { generalize: { [WS]: { AllowInsecureGuestAuth: 1 } } },
      extras: [{ xml: offline }, { xml: "<a><b></a>" }, { xml: "<settings/>" }],
    }).diagnostics;
    expect(ds.map((d) => `${formatPath(d.path)} ${d.code}`)).to.deep.equal(["extras[1] invalid-extra", "extras[2] invalid-extra"]);
    const shape = validateUnattend({ settings: {}, extras: [{ xml: 1 }] } as unknown as UnattendDocument).diagnostics;
    expect(textPath(shape[0])).to.include({ path: "extras[0]", code: "wrong-shape" });
  });
});
