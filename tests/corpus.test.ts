/**
 * Real answer files from public repositories (../shared/corpus, read-only,
 * never copied here): every well-formed file parses and round-trips, every
 * malformed one gets its line and column, and validation reports exactly the
 * errors checked by hand against ../shared/unattend-reference.
 */
import { canonicalJson } from "../components/core/json";
import { extraFingerprint } from "../components/core/extras";
import { expect } from "chai";
import * as fs from "node:fs";
import * as path from "node:path";
import { parseUnattend, validateUnattendXml, type ParseResult } from "../components";
import { renderParsed } from "../components/core/parse";
import { documentMeaning, sharedOrSkip } from "./helpers";
import { checkSchema, expectSchemaValid } from "./schema";

/** `code@line` of every error, per file, checked by hand against the reference pages. */
const EXPECTED_ERRORS: Record<string, string[]> = {
  // Template placeholders ($VmName in 055, @@COMPUTERNAME@@ in 005, ${computer_name} in 017, %disk_id% and
  // %use_default_rdp_port% in 025) are `template` warnings, not type or length errors; MetaData keys with a
  // trailing space ("/IMAGE/NAME " in 008, 014; "/IMAGE/INDEX " in 017) are `surrounding-whitespace` warnings.
  // The manifest's "placed in oobeSystem although the docs list only specialize (or generalize)"
  "017-TCANationals-ContestVM-autounattend-win2022.xml": ["wrong-pass@128", "wrong-pass@132", "wrong-pass@133", "wrong-pass@137", "wrong-pass@141"],
  // RunSynchronousCommand with an empty <Path></Path>: "does not support empty elements"
  // (microsoft-windows-deployment-runsynchronous-runsynchronouscommand-path)
  "020-credibleforce-packer-AWS_Unattend.xml": ["empty-value@23"],
  // ComputerName in oobeSystem: valid in offlineServicing and specialize only
  "022-OpenNebula-addon-context-windows-unattend.xml": ["wrong-pass@81"],
  // IE Home_Page and SQMApi CEIPEnabled in oobeSystem: both valid in specialize only
  "026-dockur-windows-winvistax86.xml": ["wrong-pass@102", "wrong-pass@105"],
  // <Key/> in UserData/ProductKey: "does not support empty elements" (microsoft-windows-setup-userdata-productkey-key)
  "029-ntdevlabs-tiny11builder-autounattend.xml": ["empty-value@32"],
  // a form to fill in: empty Key, FullName, Organization, Username, LocalAccount Name and TimeZone
  // (each page: "does not support empty elements"; TimeZone documents no empty value), and
  // MetaData Key "/IMAGE/WINDOWS/ARCH", not a documented key; once per architecture (amd64, x86)
  "038-DavidBrockmeier-ParallelsTools-Autounattend.xml": [
    "empty-value@94",
    "empty-value@98",
    "empty-value@99",
    "invalid-enum@105",
    "empty-value@211",
    "empty-value@215",
    "empty-value@216",
    "invalid-enum@222",
    "empty-value@308",
    "empty-value@329",
    "empty-value@396",
    "empty-value@417",
    "empty-value@549",
  ],
  "040-ArthurJDurand-MDT-TS-and-Scripts-Unattend.xml": ["empty-value@27"],
  // <settings pass_="..."> (no pass attribute): nothing Windows would apply
  "043-Kensan196948G-Generate-autounattendxml-files-for-Windows11-test_comprehensive_all23.xml": [
    "empty-document@2",
    "missing-pass@3",
    "missing-pass@72",
    "missing-pass@108",
  ],
};

/**
 * Errors that are false alarms, each proven by a reference page: reported to the
 * owners of the catalog and validator. Printed when seen; the test fails once one is fixed, so the list stays honest.
 */
const KNOWN_FALSE_ALARMS: Record<string, { error: string; why: string }[]> = {
  // Fixed, and so removed: empty ComputerName in 014 and 038 (the catalog now allows it empty, as its page
  // documents) and 047's empty-document (a servicing-only file: <servicing> now lives in the document's extras).
};

/** Where each deliberately broken file goes wrong (line:column of the first problem). */
const EXPECTED_MALFORMED: Record<string, string> = {
  "035-0xPThree-windows-autounattended-autounattend.xml": "260:36", // unescaped "&" in a script (expat: line 260)
  "044-Justaman252-winiso-Ukrainian--unattend.xml": "4:7", // <Disk wcm:action> with wcm undeclared (expat: line 4, column 6, 0-based)
  "046-DrDeviant-W10Custom-unattend.xml": "1:1", // notes before the first document
  "056-SysAdminDoc-bypassnroGen-unattend.xml": "10:9", // wcm undeclared (expat: line 10, column 8, 0-based)
  "058-RadiumNetworks-HyperV-environments-unattend.xml": "16:36", // <Value><Hidden></Value>: the mismatched end tag
  "059-DavidGeeraerts-WPF-AUTO_WPF_unattend.xml": "12:1", // XML declaration after a comment
};

interface Row {
  file: string;
  notes: string;
}

function manifest(dir: string): Row[] {
  const lines = fs.readFileSync(path.join(dir, "manifest.tsv"), "utf8").split(/\r?\n/).filter(Boolean);
  const header = lines[0].split("\t");
  const fileCol = header.indexOf("file");
  const notesCol = header.indexOf("notes");
  return lines.slice(1).map((l) => {
    const cols = l.split("\t");
    return { file: cols[fileCol], notes: cols[notesCol] ?? "" };
  });
}

function roundTrip(r: ParseResult): string {
  const xml1 = renderParsed(r, { validate: false });
  const r2 = parseUnattend(xml1);
  expect(r2.malformed, "the rendered file parses").to.equal(false);
  expect(canonicalJson(documentMeaning(r2.document)), "parse, render, parse: same settings").to.equal(canonicalJson(documentMeaning(r.document)));
  expect(
    r2.extras.map((x) => extraFingerprint(x.xml)),
    "same elements outside <settings>",
  ).to.deep.equal(r.extras.map((x) => extraFingerprint(x.xml)));
  const xml2 = renderParsed(r2, { validate: false });
  expect(xml2, "render, parse, render: same bytes").to.equal(xml1);
  return xml1;
}

describe("real answer files (../shared/corpus)", function () {
  this.timeout(60_000);

  const corpus = sharedOrSkip("corpus");
  if (!corpus) return;

  const rows = manifest(corpus);
  const summary: string[] = [];
  const rendered: { name: string; xml: string; source: string }[] = [];
  const totals = { files: 0, parsed: 0, roundTripped: 0, malformed: 0, byCode: new Map<string, number>() };

  it("the manifest lists every file in the folder", () => {
    const files = fs
      .readdirSync(corpus)
      .filter((f) => f.endsWith(".xml"))
      .sort();
    expect(rows.map((r) => r.file).sort()).to.deep.equal(files);
  });

  for (const row of rows) {
    const broken = /NOT well-formed/i.test(row.notes);
    it(`${row.file}: ${broken ? "malformed, reported with line and column" : "parses, round-trips, reports only real problems"}`, () => {
      const bytes = fs.readFileSync(path.join(corpus, row.file));
      const r = validateUnattendXml(bytes);
      totals.files++;
      const errors = r.diagnostics.filter((d) => d.severity === "error");
      const warnings = r.diagnostics.filter((d) => d.severity === "warning");
      for (const d of r.diagnostics) totals.byCode.set(`${d.severity} ${d.code}`, (totals.byCode.get(`${d.severity} ${d.code}`) ?? 0) + 1);
      const codes = [...new Set(r.diagnostics.map((d) => d.code))].join(",");
      if (broken) {
        totals.malformed++;
        expect(r.malformed).to.equal(true);
        expect(errors).to.have.length(1);
        const d = errors[0];
        expect(d.code).to.equal("malformed-xml");
        expect(d.line).to.be.at.least(1);
        expect(d.column).to.be.at.least(1);
        expect(`${d.line}:${d.column}`).to.equal(EXPECTED_MALFORMED[row.file]);
        summary.push(`${row.file}  malformed at ${d.line}:${d.column}: ${d.message.replace(/^.*?: /, "")}`);
        return;
      }
      expect(r.malformed, JSON.stringify(errors[0])).to.equal(false);
      expect(r.diagnostics.filter((d) => d.code === "malformed-xml")).to.deep.equal([]);
      totals.parsed++;
      rendered.push({ name: row.file, xml: roundTrip(r), source: bytes.toString("utf8") });
      totals.roundTripped++;

      const actual = errors.map((d) => `${d.code}@${d.line}`);
      const known = KNOWN_FALSE_ALARMS[row.file] ?? [];
      for (const k of known) {
        if (actual.includes(k.error)) console.log(`      known false alarm in ${row.file}: ${k.error}: ${k.why}`);
        else expect.fail(`fixed: ${row.file} no longer reports ${k.error}; remove it from KNOWN_FALSE_ALARMS`);
      }
      const expected = [...(EXPECTED_ERRORS[row.file] ?? []), ...known.map((k) => k.error).filter((e) => actual.includes(e))];
      expect(actual.sort(), errors.map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`).join("\n")).to.deep.equal(expected.sort());
      summary.push(`${row.file}  ${errors.length} errors, ${warnings.length} warnings${codes ? `  [${codes}]` : ""}`);
    });
  }

  it("every round trip validates against the answer-file schema where its source does (xmllint and xmlschema)", function () {
    this.timeout(120_000);
    const sources = checkSchema(rendered.map((r) => ({ name: r.name, xml: r.source })));
    if (sources.skipped) {
      console.log(`      skipped: ${sources.skipped}`);
      this.skip();
    }
    const failing = new Set(sources.failures.map((f) => f.name));
    console.log(`      ${failing.size} source file(s) fail the schema themselves: ${[...failing].sort().join(", ") || "none"}`);
    expectSchemaValid(
      this,
      rendered.filter((r) => !failing.has(r.name)),
    );
  });

  after(() => {
    if (summary.length === 0) return;
    console.log("\n      corpus summary (file, errors, warnings, codes):");
    for (const s of summary.sort()) console.log(`        ${s}`);
    console.log(
      `      ${totals.files} files: ${totals.parsed} parsed, ${totals.roundTripped} round-tripped, ${totals.malformed} malformed (line and column given)`,
    );
    console.log(
      `      diagnostics by code: ${[...totals.byCode]
        .sort((a, b) => b[1] - a[1])
        .map(([c, n]) => `${c} ${n}`)
        .join(", ")}`,
    );
  });
});
