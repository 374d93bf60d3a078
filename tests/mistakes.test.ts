/**
 * Realistic mistakes (tests/mistakes/): each folder holds a file with one mistake people really make
 * (`wrong.xml`), its corrected twin (`right.xml`) and `case.json`, which says where the mistake comes from
 * and what must be reported. The wrong file must get each expected diagnostic (code, severity and path, with
 * line and column); the twin must have no error and none of the expected codes.
 */
import { expect } from "chai";
import * as fs from "node:fs";
import * as path from "node:path";
import { validateUnattendXml } from "../components";
import { formatPath } from "../components/core/diagnostics";
import { REPO } from "./helpers";

interface Expected {
  code: string;
  severity: "error" | "warning";
  /** formatPath() of the diagnostic's path. */
  path: string;
}
interface MistakeCase {
  /** What the mistake is, in a sentence. */
  title: string;
  /** Where it comes from: a public file or bug report (URL), or the reference page. */
  source: string;
  expect: Expected[];
}

const root = path.join(REPO, "tests/mistakes");
const folders = fs.existsSync(root)
  ? fs
      .readdirSync(root, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort()
  : [];

describe("realistic mistakes (tests/mistakes)", () => {
  it("holds at least 40 mistakes", () => {
    expect(folders.length).to.be.at.least(40);
  });
  for (const name of folders) {
    const dir = path.join(root, name);
    const spec = JSON.parse(fs.readFileSync(path.join(dir, "case.json"), "utf8")) as MistakeCase;
    describe(`${name}: ${spec.title}`, () => {
      it("names its source and what it expects", () => {
        expect(spec.source, "source").to.be.a("string").and.not.equal("");
        expect(spec.expect, "expect").to.be.an("array").with.length.greaterThan(0);
      });
      it("the mistake is reported with its code and path", () => {
        const result = validateUnattendXml(fs.readFileSync(path.join(dir, "wrong.xml")));
        const found = result.diagnostics.map((d) => ({
          code: d.code,
          severity: d.severity,
          path: formatPath(d.path),
          line: d.line,
          column: d.column,
        }));
        for (const e of spec.expect) {
          const hit = found.find((d) => d.code === e.code && d.severity === e.severity && d.path === e.path);
          expect(hit, `${e.severity} ${e.code} at ${e.path}; found ${JSON.stringify(found, null, 1)}`).to.not.equal(undefined);
          expect(hit!.line, "line").to.be.a("number");
          expect(hit!.column, "column").to.be.a("number");
        }
      });
      it("the corrected twin has no error and none of those codes", () => {
        const result = validateUnattendXml(fs.readFileSync(path.join(dir, "right.xml")));
        const errors = result.diagnostics.filter((d) => d.severity === "error");
        expect(errors.map((d) => `${d.code} ${formatPath(d.path)}: ${d.message}`)).to.deep.equal([]);
        const codes = new Set(spec.expect.map((e) => e.code));
        expect(result.diagnostics.filter((d) => codes.has(d.code)).map((d) => `${d.code} ${formatPath(d.path)}`)).to.deep.equal([]);
      });
    });
  }
});
