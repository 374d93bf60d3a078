/**
 * `unattend validate --ignore ID` and `--rule-docs` (components/cli/main.ts),
 * run in memory.
 */
import { expect } from "chai";
import { unattend } from "./cli-run";
import { renderUnattend, type UnattendDocument } from "../components";
import { CASES } from "./rules-cases";

const cli = (args: string[], files: Record<string, string>) => unattend(args, { files });

const xml = (settings: Record<string, unknown>) => renderUnattend({ settings } as unknown as UnattendDocument);

describe("unattend validate: rule options", () => {
  // a rule warning (LogonCount 1 without the documented reset) and the same file corrected
  const files = {
    "warn.xml": xml(CASES["autologon-logoncount-one"].fail),
    "ok.xml": xml(CASES["autologon-logoncount-one"].pass),
  };

  it("reports a rule warning with its id as the code", () => {
    const r = cli(["validate", "warn.xml"], files);
    expect(r.code).to.equal(0);
    expect(r.out).to.match(
      /^warn\.xml:\d+:\d+ warning settings\.oobeSystem\["Microsoft-Windows-Shell-Setup"\]\.AutoLogon\.LogonCount .* \[autologon-logoncount-one\]\n$/,
    );
    expect(cli(["validate", "--strict", "warn.xml"], files).code).to.equal(1);
  });

  it("--ignore ID (repeatable) silences that warning", () => {
    const r = cli(["validate", "--strict", "--ignore", "autologon-logoncount-one", "--ignore", "partition-order-gap", "warn.xml", "ok.xml"], files);
    expect(r).to.deep.include({ code: 0, out: "" });
    expect(r.err).to.equal("2 files: 0 errors, 0 warnings\n");
  });

  it("--ignore refuses an error's id and an unknown id as usage errors (exit 2)", () => {
    const e = cli(["validate", "--ignore", "join-domain-and-workgroup", "warn.xml"], files);
    expect(e.code).to.equal(2);
    expect(e.out).to.equal("");
    expect(e.err).to.contain('--ignore: "join-domain-and-workgroup" is an error, not a warning').and.contain("cannot be ignored");
    const u = cli(["validate", "--ignore", "autologon-logoncount-on", "warn.xml"], files);
    expect(u.code).to.equal(2);
    expect(u.err).to.contain('Did you mean "autologon-logoncount-one"?');
  });

  it("--rule-docs adds the page and what it says after each rule finding, in text and JSON", () => {
    const t = cli(["validate", "--rule-docs", "warn.xml"], files);
    const lines = t.out.split("\n");
    expect(lines[1]).to.equal(
      "    rule: https://learn.microsoft.com/en-us/windows-hardware/customize/desktop/unattend/microsoft-windows-shell-setup-autologon-logoncount",
    );
    expect(lines[2]).to.match(/^ {4}A known issue adds one/);
    const j = JSON.parse(cli(["validate", "--rule-docs", "--format", "json", "warn.xml"], files).out) as { code: string; docs?: { url: string } }[];
    expect(j).to.have.length(1);
    expect(j[0].docs!.url).to.match(/microsoft-windows-shell-setup-autologon-logoncount$/);
    // without the flag, no docs field
    const plain = JSON.parse(cli(["validate", "--format", "json", "warn.xml"], files).out) as object[];
    expect(plain[0]).not.to.have.property("docs");
  });

  it("--help lists both options", () => {
    const h = cli(["validate", "--help"], files);
    expect(h.out).to.contain("--ignore ID").and.contain("--rule-docs");
  });
});
