/**
 * `unattend merge`, run in-process through the CLI's exported run(argv, io)
 * with files in memory.
 */
import { expect } from "chai";
import { renderUnattend, validateUnattendXml, type UnattendDocument } from "../components";
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE } from "../components/cli/main";
import { unattend as runCli } from "./cli-run";

const SHELL = "Microsoft-Windows-Shell-Setup";
const DEPLOY = "Microsoft-Windows-Deployment";

/** Runs the CLI on files held in memory; returns the exit code, what it printed and what it wrote. */
const unattend = (argv: string[], files: Record<string, string>) => runCli(argv, { files });

const file = (doc: UnattendDocument) => renderUnattend(doc);

const base = file({
  settings: {
    oobeSystem: { [SHELL]: { TimeZone: "UTC", OOBE: { HideEULAPage: true } } },
    specialize: { [DEPLOY]: { RunSynchronous: [{ Path: "cmd /c echo base", Order: 1 }] } },
  },
});
const image = file({
  settings: {
    oobeSystem: { [SHELL]: { OOBE: { ProtectYourPC: 3 } } },
    specialize: {
      [DEPLOY]: {
        RunSynchronous: [
          { Path: "cmd /c echo image 1", Order: 1 },
          { Path: "cmd /c echo image 2", Order: 2 },
        ],
      },
    },
  },
  architectures: ["x86"],
});
const env = file({
  settings: {
    oobeSystem: {
      [SHELL]: { TimeZone: "Tokyo Standard Time", UserAccounts: { AdministratorPassword: { Value: "Sup3r-secret", PlainText: false } } },
    },
  },
});

describe("unattend merge (in-process)", () => {
  it("prints the merged file: values united, commands joined and renumbered, architectures united", () => {
    const r = unattend(["merge", "base.xml", "image.xml"], { "base.xml": base, "image.xml": image });
    expect(r.err).to.equal("");
    expect(r.code).to.equal(EXIT_OK);
    const expected = renderUnattend({
      settings: {
        oobeSystem: { [SHELL]: { TimeZone: "UTC", OOBE: { HideEULAPage: true, ProtectYourPC: 3 } } },
        specialize: {
          [DEPLOY]: {
            RunSynchronous: [
              { Path: "cmd /c echo base", Order: 1 },
              { Path: "cmd /c echo image 1", Order: 2 },
              { Path: "cmd /c echo image 2", Order: 3 },
            ],
          },
        },
      },
      architectures: ["amd64", "x86"],
    });
    expect(r.out).to.equal(expected);
    expect(validateUnattendXml(r.out).diagnostics).to.deep.equal([]);
  });

  it("reports a conflict with both files' lines, writes nothing, exits 1", () => {
    const r = unattend(["merge", "base.xml", "env.xml", "-o", "out.xml"], { "base.xml": base, "env.xml": env });
    expect(r.code).to.equal(EXIT_PROBLEMS);
    expect(r.out).to.equal("");
    expect(r.written).to.deep.equal({});
    const lines = r.err.trimEnd().split("\n");
    expect(lines).to.deep.equal([
      'env.xml:5:13 error settings.oobeSystem["Microsoft-Windows-Shell-Setup"].TimeZone base.xml and env.xml set this to the string "UTC" and the string "Tokyo Standard Time" (the earlier at base.xml:18:13). Give it in one layer only, make them equal, or let the later layer win: run with --override. [merge-conflict]',
      "unattend: not merged: 1 error (see above)",
    ]);
    expect(base.split("\n")[17]).to.contain("<TimeZone>UTC</TimeZone>");
    expect(env.split("\n")[4]).to.contain("<TimeZone>Tokyo Standard Time</TimeZone>");
  });

  it("with --override lets later files win, says where, and writes the file with -o; never prints a password", () => {
    const r = unattend(["merge", "--override", "base.xml", "env.xml", "-o", "out.xml"], { "base.xml": base, "env.xml": env });
    expect(r.code).to.equal(EXIT_OK);
    expect(r.out).to.equal("");
    expect(r.err).to.match(
      /^env\.xml:5:13 warning settings\.oobeSystem\["Microsoft-Windows-Shell-Setup"\]\.TimeZone env\.xml overrides the string "UTC" that base\.xml set at base\.xml:18:13 with the string "Tokyo Standard Time"\. \[merge-override\]\n$/,
    );
    const merged = r.written["out.xml"];
    expect(merged).to.contain("<TimeZone>Tokyo Standard Time</TimeZone>").and.contain("<HideEULAPage>true</HideEULAPage>");
    const encoded = Buffer.from("Sup3r-secretAdministratorPassword", "utf16le").toString("base64");
    expect(merged).to.contain(`<Value>${encoded}</Value>`); // the password, unaltered, as Windows reads it
    expect(r.err).to.not.contain("Sup3r-secret").and.not.contain(encoded);
    // and a conflicting password is reported without its value
    const other = file({
      settings: { oobeSystem: { [SHELL]: { UserAccounts: { AdministratorPassword: { Value: "Other-secret", PlainText: false } } } } },
    });
    const c = unattend(["merge", "env.xml", "other.xml"], { "env.xml": env, "other.xml": other });
    expect(c.code).to.equal(EXIT_PROBLEMS);
    expect(c.err).to.contain("not shown: a credential");
    for (const s of ["Sup3r-secret", "Other-secret", encoded]) expect(c.err).to.not.contain(s);
  });

  it("refuses files that cannot be read as answer files, naming them", () => {
    const r = unattend(["merge", "base.xml", "broken.xml"], { "base.xml": base, "broken.xml": "<unattend><settings" });
    expect(r.code).to.equal(EXIT_PROBLEMS);
    expect(r.out).to.equal("");
    expect(r.err)
      .to.match(/^broken\.xml:1:\d+ error xml .*\[malformed-xml\]\n/)
      .and.contain("unattend: not merged: broken.xml had errors while reading");
  });

  it("has help, and usage errors exit 2", () => {
    const h = unattend(["merge", "--help"], {});
    expect(h.code).to.equal(EXIT_OK);
    expect(h.out).to.contain("Usage: unattend merge [--override] [-o FILE] FILE...");
    expect(unattend(["--help"], {}).out).to.contain("merge FILE...");
    for (const argv of [["merge"], ["merge", "missing.xml"], ["merge", "--bogus", "base.xml"]]) {
      const r = unattend(argv, { "base.xml": base });
      expect(r.code, argv.join(" ")).to.equal(EXIT_USAGE);
      expect(r.err, argv.join(" ")).to.contain("unattend merge --help");
    }
  });

  it("gives one file back in canonical form", () => {
    const r = unattend(["merge", "image.xml"], { "image.xml": image });
    expect(r.code).to.equal(EXIT_OK);
    expect(r.out).to.equal(image);
  });
});
