/**
 * Bounded cost (issue "trust, round 3", items 17-21): what the growth
 * benchmark (bench/growth.bench.ts) measures, guarded here without timing:
 * deep unvalidated content validates in a small, fixed heap (a path copied
 * per element made it quadratic in memory: out of heap), paths built on
 * demand are the right paths, the one-scan template-marker hint says what the
 * per-duplicate scan said. Speed targets live in the benchmark, never here.
 */
import { expect } from "chai";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseUnattend, validateUnattend, validateUnattendXml } from "../components";
import { GENERATORS } from "../bench/growth.bench";

const SS = "Microsoft-Windows-Shell-Setup";
const file = (inner: string) =>
  `<unattend xmlns="urn:schemas-microsoft-com:unattend" xmlns:wcm="http://schemas.microsoft.com/WMIConfig/2002/State"><settings pass="specialize">${inner}</settings></unattend>`;
const component = (inner: string, arch = "amd64") =>
  `<component name="${SS}" processorArchitecture="${arch}" publicKeyToken="31bf3856ad364e35" language="neutral" versionScope="nonSxS">${inner}</component>`;

describe("bounded cost", function () {
  this.timeout(120_000);

  it("validates 1200 chains of 250-deep unknown elements (2 MB) in a 192 MiB heap (they ran out of heap)", () => {
    // paths copied per element needed about 1 GiB of heap for these 2 MB
    const [head, tail] = file(component("\u0000")).split("\u0000");
    const script = `
      const { validateUnattendXml } = require(${JSON.stringify(path.resolve(__dirname, "../components/pure"))});
      let chains = "";
      // names in sorted order (C0000, C0001...): kept as an object of 1200 names (out of order, they would be one #children sequence)
      for (let i = 0; i < 1200; i++) {
        const c = "C" + String(i).padStart(4, "0");
        chains += "<" + c + ">" + "<a>".repeat(249) + "x" + "</a>".repeat(249) + "</" + c + ">";
      }
      const xml = ${JSON.stringify(head)} + chains + ${JSON.stringify(tail)};
      // 300,000 elements: past the default limit (MAX_NODES); what is asked here is that, allowed, they fit
      const r = validateUnattendXml(xml, { maxNodes: 1_000_000 });
      const errors = r.diagnostics.filter((d) => d.severity === "error").length;
      console.log(JSON.stringify({ bytes: xml.length, errors, unvalidated: Object.keys(r.document.unvalidated.specialize[${JSON.stringify(SS)}]).length }));
    `;
    const r = spawnSync(process.execPath, ["--max-old-space-size=192", "-e", script], { encoding: "utf8" });
    expect(r.status, r.stderr.split("\n").slice(0, 5).join("\n")).to.equal(0);
    const out = JSON.parse(r.stdout) as { bytes: number; errors: number; unvalidated: number };
    expect(out.bytes).to.be.greaterThan(2_000_000);
    expect(out).to.include({ errors: 0, unvalidated: 1200 });
  });

  it("validates 1200 such chains inside a known group, kept beside its known setting, in a 192 MiB heap", () => {
    // the unknown elements of <OEMInformation> are kept in its place (unvalidated ...OEMInformation), their paths one step on the group's
    const [head, tail] = file(component("<OEMInformation><Manufacturer>Contoso</Manufacturer>\u0000</OEMInformation>")).split("\u0000");
    const script = `
      const { validateUnattendXml } = require(${JSON.stringify(path.resolve(__dirname, "../components/pure"))});
      let chains = "";
      for (let i = 0; i < 1200; i++) {
        const c = "C" + String(i).padStart(4, "0");
        chains += "<" + c + ">" + "<a>".repeat(249) + "x" + "</a>".repeat(249) + "</" + c + ">";
      }
      const r = validateUnattendXml(${JSON.stringify(head)} + chains + ${JSON.stringify(tail)}, { maxNodes: 1_000_000 });
      const errors = r.diagnostics.filter((d) => d.severity === "error").length;
      const known = r.document.settings.specialize[${JSON.stringify(SS)}].OEMInformation;
      console.log(JSON.stringify({ errors, known, unvalidated: Object.keys(r.document.unvalidated.specialize[${JSON.stringify(SS)}].OEMInformation).length }));
    `;
    const r = spawnSync(process.execPath, ["--max-old-space-size=192", "-e", script], { encoding: "utf8" });
    expect(r.status, r.stderr.split("\n").slice(0, 5).join("\n")).to.equal(0);
    expect(JSON.parse(r.stdout)).to.deep.equal({ errors: 0, known: { Manufacturer: "Contoso" }, unvalidated: 1200 });
  });

  it("validates a file of one long value (a name, a key, a setting, text of references) in a heap of a few times its size", () => {
    // each made an array of one string per character (8 bytes each), or saxes a chain of 32-byte links, one per
    // reference: validating 4 MiB of one account name peaked at 58x the file, of "&amp;" at 14x
    const cases = {
      account: `<UserAccounts><LocalAccounts><LocalAccount wcm:action="add"><Name>${"/".repeat(4 << 20)}</Name><Group>Administrators</Group></LocalAccount></LocalAccounts></UserAccounts>`,
      productKey: `<ProductKey>${"-".repeat(4 << 20)}</ProductKey>`,
      tooLong: `<ComputerName>${"x".repeat(4 << 20)}</ComputerName>`,
      references: `<Custom>${"&amp;".repeat(800_000)}</Custom>`,
      characterReferences: `<Custom>${"&#x41;".repeat(700_000)}</Custom>`,
    };
    const script = `
      const { validateUnattendXml } = require(${JSON.stringify(path.resolve(__dirname, "../components/pure"))});
      const xml = process.argv[1];
      const r = validateUnattendXml(require("fs").readFileSync(xml));
      console.log(JSON.stringify(r.diagnostics.map((d) => d.code)));
    `;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "unattend-long-"));
    try {
      for (const [name, body] of Object.entries(cases)) {
        const xml = path.join(dir, `${name}.xml`);
        fs.writeFileSync(xml, file(component(body)).replace('pass="specialize"', name === "account" ? 'pass="oobeSystem"' : 'pass="specialize"'));
        // 4 MiB of file in an old generation of 24 MiB and a young one of 2: the code before ran out of heap on all
        // but the long ComputerName (whose array of characters V8 let go young)
        const r = spawnSync(process.execPath, ["--max-old-space-size=24", "--max-semi-space-size=1", "-e", script, xml], { encoding: "utf8" });
        expect(r.status, `${name}: ${r.stderr.split("\n").slice(0, 5).join("\n")}`).to.equal(0);
        expect(JSON.parse(r.stdout), name).to.not.deep.equal([]);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("reports the whole path of a problem deep inside unvalidated content (paths made on demand)", () => {
    const deep = (n: number, leaf: string) => "<a>".repeat(n) + leaf + "</a>".repeat(n);
    // in a file: an attribute not written back, 40 levels down, and a second element named the same (an array)
    const xml = file(component(`<Custom>${deep(40, '<b x="1">v</b>')}</Custom><Twice>1</Twice><Twice><c y="2"/></Twice>`));
    const parsed = parseUnattend(xml);
    const paths = parsed.diagnostics.filter((d) => d.code === "ignored-attribute").map((d) => d.path);
    expect(paths).to.deep.equal([
      ["unvalidated", "specialize", SS, "Custom", ...Array<string>(40).fill("a"), "b"],
      ["unvalidated", "specialize", SS, "Twice", 1, "c"],
    ]);
    expect(parsed.locations.locate(["unvalidated", "specialize", SS, "Custom", ...Array<string>(40).fill("a"), "b"])).to.deep.equal({
      line: 1,
      column: xml.indexOf("<b ") + 1,
    });
    expect(parsed.locations.get(["unvalidated", "specialize", SS, "Twice", 1, "c"])).to.not.equal(undefined);
    // in a document: a value XML cannot hold, deep down, and the normalised node's path
    let value: unknown = Number.NaN;
    for (let i = 0; i < 30; i++) value = { [`L${i}`]: i % 3 === 0 ? [value] : value };
    const ds = validateUnattend({ settings: {}, unvalidated: { specialize: { [SS]: { Top: value as never } } } }).diagnostics;
    const invalid = ds.find((d) => d.code === "invalid-value");
    const expected: (string | number)[] = ["unvalidated", "specialize", SS, "Top"];
    for (let i = 29; i >= 0; i--) expected.push(...(i % 3 === 0 ? [`L${i}`, 0] : [`L${i}`]));
    expect(invalid?.path).to.deep.equal(expected);
  });

  it("says template markers sit between two copies of a component only when they do", () => {
    const copy = component("<ComputerName>PC</ComputerName>");
    const hint = (xml: string) =>
      validateUnattendXml(xml)
        .diagnostics.filter((d) => d.code === "duplicate-component")
        .map((d) => /Template markers sit between/.test(d.message));
    // control directives make the copies a template's branches: `template` warnings, not duplicates (tests/mistakes.test.ts)
    expect(hint(file(`${copy}{% if x %}${copy}{% else %}${copy}`))).to.deep.equal([]);
    expect(hint(file(`{% if x %}${copy}${copy}`))).to.deep.equal([]);
    // other markers: duplicates, with the hint when a marker sits between the two
    expect(hint(file(`${copy}{{ x }}${copy}{{ y }}${copy}`))).to.deep.equal([true, true]);
    expect(hint(file(`{{ x }}${copy}${copy}`))).to.deep.equal([false]);
    expect(hint(file(`${copy}${copy}{{ x }}`))).to.deep.equal([false]);
    // a marker cut by the second copy's start is not between them
    expect(hint(file(`${copy}${copy}`))).to.deep.equal([false]);
    expect(hint(file(`${copy}@@${copy}`))).to.deep.equal([true]);
  });

  it("keeps every architecture's copy of a component given for thousands of architectures", () => {
    const r = validateUnattendXml(GENERATORS.architectures.make(2000));
    expect(r.document.architectures).to.have.length(2000);
    expect(r.document.settings).to.deep.equal({ specialize: { [SS]: { ComputerName: "PC1" } } });
    expect(r.diagnostics.filter((d) => d.code === "unknown-architecture")).to.have.length(2000);
  });
});
