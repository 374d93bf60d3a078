/**
 * renderUnattend never writes a document its own reader rejects (property):
 * whatever it writes without error, parseUnattend reads without error, and
 * renders back to the same bytes. Random documents with component names in
 * several spellings (case variants of known and unknown components, empty,
 * white space), per-architecture copies and unvalidated content. (Another
 * spelling of a known component is read as the catalog's spelling, with a
 * `name-case` warning: those are checked for errors only.)
 */
import { expect } from "chai";
import * as fc from "fast-check";
import { parseUnattend, renderUnattend, type UnattendDocument } from "../components";
import { renderParsed } from "../components/core/parse";

const SHELL = "Microsoft-Windows-Shell-Setup";

const componentName = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(SHELL, "Contoso-Agent", "Contoso-Other", "Ünïcode-Ägent") },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "microsoft-windows-shell-setup",
      "MICROSOFT-WINDOWS-SHELL-SETUP",
      "contoso-agent",
      "",
      " ",
      " Contoso-Agent",
      "Contoso Agent",
      "ünïcode-ägent",
    ),
  },
);
const elementName = fc.constantFrom("Setting", "setting", "Level", "Item", "_x");
const value = fc.oneof(fc.constantFrom("1", "01", "", " ", "true", "a&b", "x"), fc.integer({ min: -5, max: 5 }));
const element = fc.oneof(
  value,
  fc.record({ "wcm:action": fc.constantFrom("add", "modify", "remove"), "wcm:keyValue": fc.constantFrom("1", "a", "01"), value }),
  fc.record({ "xsi:nil": fc.constant(true) }),
);
const components = fc.dictionary(componentName, fc.dictionary(elementName, element, { minKeys: 1, maxKeys: 3 }), { minKeys: 1, maxKeys: 3 });
const pass = fc.constantFrom("specialize", "oobeSystem");

describe("renderUnattend writes only what parseUnattend reads back (property)", function () {
  this.timeout(60_000);

  it("random documents: rendered without error => read without error, and rendered again to the same bytes", () => {
    let rendered = 0;
    fc.assert(
      fc.property(pass, components, fc.option(components, { nil: undefined }), fc.boolean(), (p, unvalidated, perArch, typed) => {
        const doc: UnattendDocument = {
          settings: typed ? ({ [p]: { [SHELL]: { TimeZone: "UTC" } } } as never) : {},
          architectures: ["x86", "amd64"],
          unvalidated: { [p]: unvalidated } as never,
          ...(perArch ? { unvalidatedPerArchitecture: { x86: { [p]: perArch } } as never } : {}),
        };
        let xml: string;
        try {
          xml = renderUnattend(doc);
        } catch {
          return;
        }
        rendered++;
        const back = parseUnattend(xml);
        expect(
          back.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.code}: ${d.message}`),
          xml,
        ).to.deep.equal([]);
        // another spelling of a known component is read as the catalog's, with a warning saying it is written back so
        if (back.diagnostics.some((d) => d.code === "name-case")) return;
        expect(renderParsed(back)).to.equal(xml);
      }),
      { numRuns: 400 },
    );
    // about 115 of 400 render (the others have errors): the property said something
    expect(rendered).to.be.greaterThan(80);
  });

  it('two spellings of one component, and a component named "", are refused with their path (issue 18, item 10)', () => {
    const twice = () =>
      renderUnattend({ settings: { specialize: { [SHELL]: { ComputerName: "A" }, "microsoft-windows-shell-setup": { TimeZone: "UTC" } } as never } });
    expect(twice).to.throw(/"Microsoft-Windows-Shell-Setup" and "microsoft-windows-shell-setup" are one component/);
    const unnamed = () => renderUnattend({ settings: {}, unvalidated: { specialize: { "": { Foo: "1" } } } });
    expect(unnamed).to.throw(/unvalidated\.specialize\[""\]: A component needs a name/);
  });
});
