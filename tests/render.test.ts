import { expect } from "chai";
import * as fc from "fast-check";
import { renderUnattend, type UnattendDocument } from "../components";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO, readRepoFile, reverseKeys } from "./helpers";
import { expectSchemaValid } from "./schema";

const seed: UnattendDocument = {
  settings: { generalize: { "Microsoft-Windows-WorkstationService": { AllowInsecureGuestAuth: 1 } } },
};

describe("renderUnattend", () => {
  it("renders the seed document exactly as the golden file", () => {
    expect(renderUnattend(seed)).to.equal(readRepoFile("tests/golden/seed.xml"));
  });

  it("the golden files validate against the answer-file schema (xmllint and xmlschema)", function () {
    const dir = path.join(REPO, "tests", "golden");
    const files = fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".xml"));
    expectSchemaValid(
      this,
      files.map((f) => ({ name: f, xml: fs.readFileSync(path.join(dir, f), "utf8") })),
    );
  });

  it("defaults to amd64 and writes no byte-order mark", () => {
    const xml = renderUnattend(seed);
    expect(xml.charCodeAt(0)).to.equal("<".charCodeAt(0));
    expect(Buffer.from(xml, "utf8").subarray(0, 3).toString("hex")).to.not.equal("efbbbf");
    expect(xml).to.match(/^<\?xml version="1\.0" encoding="utf-8"\?>\n/);
    expect(xml).to.contain('processorArchitecture="amd64"');
  });

  it("writes the component attributes in Microsoft's order", () => {
    const line = renderUnattend(seed)
      .split("\n")
      .find((l) => l.includes("<component"))!;
    const names = [...line.matchAll(/ ([\w:]+)="/g)].map((m) => m[1]);
    expect(names).to.deep.equal(["name", "processorArchitecture", "publicKeyToken", "language", "versionScope", "xmlns:wcm", "xmlns:xsi"]);
  });

  it("writes one component per architecture in a fixed order, whatever the input order", () => {
    const a = renderUnattend({ ...seed, architectures: ["wow64", "x86", "arm64", "amd64"] });
    const b = renderUnattend({ ...seed, architectures: ["amd64", "arm64", "x86", "wow64"] });
    expect(a).to.equal(b);
    const archs = [...a.matchAll(/processorArchitecture="(\w+)"/g)].map((m) => m[1]);
    expect(archs).to.deep.equal(["x86", "amd64", "arm64", "wow64"]);
  });

  it("renders 4-space indentation and ends with a newline", () => {
    const lines = renderUnattend(seed).split("\n");
    expect(lines[2]).to.match(/^ {4}<settings pass="generalize">$/);
    expect(lines[3]).to.match(/^ {8}<component /);
    expect(lines[4]).to.equal("            <AllowInsecureGuestAuth>1</AllowInsecureGuestAuth>");
    expect(lines.at(-1)).to.equal("");
  });

  it("gives the same bytes for any key order and architecture order (property)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom<0 | 1>(0, 1),
        fc.shuffledSubarray(["x86", "amd64", "arm64", "wow64"] as const, { minLength: 1 }),
        fc.boolean(),
        (value, archs, reverse) => {
          const doc: UnattendDocument = {
            architectures: [...archs],
            settings: { generalize: { "Microsoft-Windows-WorkstationService": { AllowInsecureGuestAuth: value } } },
          };
          const sorted = [...archs].sort();
          const other: UnattendDocument = reverse ? reverseKeys({ ...doc, architectures: sorted }) : { ...doc, architectures: sorted };
          expect(renderUnattend(other)).to.equal(renderUnattend(doc));
        },
      ),
    );
  });

  it("is unaffected by undefined optional settings", () => {
    const withUndefined = {
      settings: { generalize: { "Microsoft-Windows-WorkstationService": { AllowInsecureGuestAuth: 1 as const } }, specialize: undefined },
    };
    expect(renderUnattend(withUndefined)).to.equal(renderUnattend(seed));
  });
});
