/**
 * `unattend diff A B C...`: what is not the same in all files, as a table
 * (issue 24, "compare many files"). The built CLI is run as users run it
 * (spawned, files on disk) for what the docs show and the exit codes; the
 * rest in this process (tests/cli-run.ts), files in memory.
 */
import { expect } from "chai";
import * as fc from "fast-check";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { distinctLabels, DIFF_CELL_COLUMNS } from "../components/cli/main";
import { UNNAMED_DIFFERENCE } from "../components/core/compare";
import { unattend } from "./cli-run";
import { doc, fields, render, SECRETS } from "./diff-docs";
import { codeBlocks, REPO } from "./helpers";

const CLI = path.join(REPO, "build", "components", "cli", "main.js");
const MANY = path.join(REPO, "tests", "fixtures", "diff-many");
const clean = fs.readFileSync(path.join(REPO, "tests", "fixtures", "parse", "clean.xml"), "utf8");

/** The built CLI, spawned in `cwd`. */
function spawnCli(args: string[], cwd = REPO) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** What a password is written as in a file with PlainText false: base64 of UTF-16LE (password + element name). */
const encoded = (password: string, element: string) => Buffer.from(password + element, "utf16le").toString("base64");

/** Neither the password nor its encoded forms in what the CLI printed. */
function neverShown(printed: string, passwords: string[]) {
  for (const p of passwords) {
    expect(printed).not.to.contain(p);
    for (const element of ["AdministratorPassword", "Password", ""]) expect(printed).not.to.contain(encoded(p, element));
  }
}

const SHELL = "oobeSystem/Microsoft-Windows-Shell-Setup";

/** The table's lines, each cut into its cells (columns are two spaces or more apart). */
const cells = (out: string) =>
  out
    .trimEnd()
    .split("\n")
    .map((l) => l.split(/ {2,}/));

describe("unattend diff with three files or more: a table", function () {
  this.timeout(120_000);
  let tmp: string;
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "unattend-diff-many-"));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const write = (name: string, text: string) => {
    const file = path.join(tmp, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    return file;
  };

  it("prints what docs/cli.md shows, for the files in tests/fixtures/diff-many, passwords never shown", () => {
    const text = fs.readFileSync(path.join(REPO, "docs", "cli.md"), "utf8");
    const shown = codeBlocks("docs/cli.md", text).filter((b) => /^\$ unattend diff \S+ \S+ \S+/m.test(b.code));
    expect(shown, "docs/cli.md shows a diff of three files").to.have.length.greaterThan(0);
    for (const block of shown) {
      // each `$ unattend diff ...` with what it prints, up to the next command
      const runs = block.code.split(/^(?=\$ )/m);
      for (const run of runs) {
        const [command, ...printed] = run.trimEnd().split("\n");
        const args = command.replace(/^\$ unattend /, "").split(" ");
        const r = spawnCli(args, MANY);
        expect(r.out.trimEnd(), `${block.file}:${block.line}: ${command}`).to.equal(printed.join("\n"));
        expect(r.err).to.equal("");
        expect(r.code).to.equal(1);
        neverShown(r.out, ["Berlin-Example-1", "Paris-Example-2"]);
      }
    }
  });

  it("one differing setting: one row, one column per file, the rest counted; exit 1", () => {
    const a = write("a.xml", clean);
    const b = write("b.xml", clean);
    const c = write("c.xml", clean.replace("<TimeZone>UTC</TimeZone>", "<TimeZone>Pacific Standard Time</TimeZone>"));
    const r = spawnCli(["diff", a, b, c]);
    expect(r).to.deep.equal({
      code: 1,
      out: [
        `${"SETTING".padEnd(SHELL.length + 9)}  a.xml  b.xml  c.xml`,
        `${SHELL}/TimeZone  UTC    UTC    Pacific Standard Time`,
        "3 files: 1 difference, 9 settings the same in all",
        "",
      ].join("\n"),
      err: "",
    });
  });

  it("a setting only one file has: '-' in the others", () => {
    const files = {
      "a.xml": clean,
      "b.xml": clean.replace("<TimeZone>UTC</TimeZone>", "<TimeZone>UTC</TimeZone><RegisteredOwner>Ops</RegisteredOwner>"),
      "c.xml": clean,
    };
    const r = unattend(["diff", "a.xml", "b.xml", "c.xml"], { files });
    expect(r.code).to.equal(1);
    expect(cells(r.out)[1]).to.deep.equal([`${SHELL}/RegisteredOwner`, "-", "Ops", "-"]);
    expect(r.out).to.contain("3 files: 1 difference, 10 settings the same in all\n");
  });

  it("a differing password: a row of [secret], never the password nor its encoded form (stdout, stderr, JSON)", () => {
    const plain = (pw: string) => clean.replace("Plain-Text-Secret-42", pw);
    const encodedFile = (pw: string) =>
      clean
        .replace("<Value>Plain-Text-Secret-42</Value>", `<Value>${encoded(pw, "Password")}</Value>`)
        .replace("<PlainText>true", "<PlainText>false");
    const a = write("pw/a.xml", plain("Alpha-Secret-1"));
    const b = write("pw/b.xml", encodedFile("Bravo-Secret-2"));
    const c = write("pw/c.xml", plain("Alpha-Secret-1"));
    const r = spawnCli(["diff", a, b, c]);
    expect(r.code).to.equal(1);
    expect(cells(r.out)).to.deep.include([`${SHELL}/AutoLogon/Password/Value`, "[secret]", "[secret]", "[secret]"]);
    expect(cells(r.out)).to.deep.include([`${SHELL}/AutoLogon/Password/PlainText`, "true", "false", "true"]);
    neverShown(r.out + r.err, ["Alpha-Secret-1", "Bravo-Secret-2"]);
    const json = spawnCli(["diff", "--format", "json", a, b, c]);
    expect(json.code).to.equal(1);
    neverShown(json.out + json.err, ["Alpha-Secret-1", "Bravo-Secret-2"]);
    expect(JSON.parse(json.out).rows).to.deep.include({
      kind: "setting",
      path: `${SHELL}/AutoLogon/Password/Value`,
      values: ["[secret]", "[secret]", "[secret]"],
    });
  });

  it("a file that cannot be read is named, exit 2, nothing on stdout", () => {
    const a = write("r/a.xml", clean);
    const bad = write("r/bad.xml", "<unattend>");
    const missing = path.join(tmp, "r", "missing.xml");
    for (const [args, says] of [
      [[a, a, missing], `${missing}: no such file`],
      [[a, tmp, a], `${tmp}: is a directory`],
      [[a, bad, a], `${bad}:1:1 error`],
      [[a, bad, a], `not compared: ${bad} had errors while reading`],
    ] as const) {
      const r = spawnCli(["diff", ...args]);
      expect(r.code, says).to.equal(2);
      expect(r.out).to.equal("");
      expect(r.err).to.contain(says);
    }
  });

  it("equal files: exit 0 and one line", () => {
    const a = write("eq/a.xml", clean);
    const b = write("eq/b.xml", clean.replace(/\n\s*/g, "\n")); // the same settings, written otherwise
    const r = spawnCli(["diff", a, b, a]);
    expect(r).to.deep.equal({ code: 0, out: "3 files: no difference, 10 settings the same in all\n", err: "" });
    expect(spawnCli(["diff", "--format", "json", a, b, a]).code).to.equal(0);
  });

  it("--format json: files, labels, rows { kind, path, values } with full values and null where absent, same", () => {
    const long = "x".repeat(DIFF_CELL_COLUMNS * 3);
    const files = {
      "prod/a.xml": clean,
      "lab/a.xml": clean.replace("<TimeZone>UTC</TimeZone>", `<TimeZone>${long}</TimeZone>`),
      "c.xml": clean.replace(/\s*<LogonCount>2<\/LogonCount>/, ""),
    };
    const r = unattend(["diff", "--format", "json", ...Object.keys(files)], { files });
    expect(r.code).to.equal(1);
    expect(JSON.parse(r.out)).to.deep.equal({
      files: ["prod/a.xml", "lab/a.xml", "c.xml"],
      labels: ["prod/a.xml", "lab/a.xml", "c.xml"],
      rows: [
        { kind: "setting", path: `${SHELL}/AutoLogon/LogonCount`, values: [2, 2, null] },
        { kind: "setting", path: `${SHELL}/TimeZone`, values: ["UTC", long, "UTC"] },
      ],
      same: 8,
    });
    // the table cuts the long value, with an ellipsis
    const text = unattend(["diff", ...Object.keys(files)], { files });
    expect(cells(text.out)).to.deep.include([`${SHELL}/TimeZone`, "UTC", `${"x".repeat(DIFF_CELL_COLUMNS - 1)}\u2026`, "UTC"]);
    expect(text.out).not.to.contain("x".repeat(DIFF_CELL_COLUMNS));
  });

  it("architectures, element order, a component without settings and extras get rows of their own", () => {
    const empty =
      '<component name="Contoso-Empty" processorArchitecture="amd64" publicKeyToken="31bf3856ad364e35" language="neutral" versionScope="nonSxS"/>';
    // the order of documented settings is the catalog's; that of settings it does not describe is kept
    const agent = (body: string) =>
      clean.replace(
        '<settings pass="generalize">',
        `<settings pass="generalize"><component name="Contoso-Agent" processorArchitecture="amd64" publicKeyToken="31bf3856ad364e35" language="neutral" versionScope="nonSxS">${body}</component>`,
      );
    const base = agent("<A>1</A><B>2</B>");
    const files = {
      "a.xml": base,
      "b.xml": agent("<B>2</B><A>1</A>").replace("</unattend>", "<servicing/></unattend>"),
      "c.xml": base.replace('<settings pass="generalize">', `<settings pass="generalize">${empty}`),
      "d.xml": base.replace(/processorArchitecture="amd64"/g, 'processorArchitecture="x86"'),
    };
    const r = unattend(["diff", "--format", "json", ...Object.keys(files)], { files });
    expect(r.code).to.equal(1);
    expect(JSON.parse(r.out).rows).to.deep.equal([
      { kind: "architectures", path: "architectures", values: ["amd64", "amd64", "amd64", "x86"] },
      { kind: "component", path: "generalize/Contoso-Empty", values: [null, null, "(no settings)", null] },
      { kind: "order", path: "generalize/Contoso-Agent", values: ["order 1", "order 2", "order 1", "order 1"] },
      { kind: "extras", path: "extras", values: ["(none)", "<servicing>", "(none)", "(none)"] },
    ]);
    const text = unattend(["diff", ...Object.keys(files)], { files });
    expect(cells(text.out)).to.deep.include(["generalize/Contoso-Agent (element order)", "order 1", "order 2", "order 1", "order 1"]);
  });

  it("element order: a row only when two files have the same elements in another order, however many files", () => {
    const agent = (body: string) =>
      clean.replace(
        '<settings pass="generalize">',
        `<settings pass="generalize"><component name="Contoso-Agent" processorArchitecture="amd64" publicKeyToken="31bf3856ad364e35" language="neutral" versionScope="nonSxS">${body}</component>`,
      );
    // x before y, y before z, z before x: no one order of x, y, z fits all three, yet any two agree on what they share
    const files: Record<string, string> = {
      "a.xml": agent("<X>1</X><Y>1</Y>"),
      "b.xml": agent("<Y>1</Y><Z>1</Z>"),
      "c.xml": agent("<Z>1</Z><X>1</X>"),
    };
    const kinds = (names: string[]) =>
      (JSON.parse(unattend(["diff", "--format", "json", ...names], { files }).out) as { rows: { kind: string; path: string; values: unknown[] }[] })
        .rows;
    expect(kinds(["a.xml", "b.xml", "c.xml"]).map((r) => r.kind)).to.deep.equal(["setting", "setting", "setting"]);
    files["d.xml"] = agent("<Y>1</Y><X>1</X>");
    expect(kinds(["a.xml", "b.xml", "c.xml", "d.xml"]).filter((r) => r.kind === "order")).to.deep.equal([
      { kind: "order", path: "generalize/Contoso-Agent", values: ["order 1", "order 2", "order 3", "order 4"] },
    ]);
  });

  it("reads a stack's `pulumi stack output --json` (its xml output); a masked or missing xml output is an error naming the file", () => {
    const outputs = (xml: unknown) => JSON.stringify({ xml, sha256: "[secret]", filePath: "unattend.xml", changes: [] }, null, 2);
    const changed = clean.replace("<TimeZone>UTC</TimeZone>", "<TimeZone>Tokyo Standard Time</TimeZone>");
    const ok = unattend(["diff", "prod.json", "a.xml", "b.xml"], {
      files: { "prod.json": "\uFEFF" + outputs(changed), "a.xml": clean, "b.xml": clean },
    });
    expect(ok.code).to.equal(1);
    expect(cells(ok.out)[1]).to.deep.equal([`${SHELL}/TimeZone`, "Tokyo Standard Time", "UTC", "UTC"]);
    const secret = unattend(["diff", "prod.json", "a.xml", "b.xml"], { files: { "prod.json": outputs("[secret]"), "a.xml": clean, "b.xml": clean } });
    expect(secret).to.deep.include({ code: 2, out: "" });
    expect(secret.err).to.contain('prod.json: the "xml" output is secret, and pulumi printed it as [secret]').and.contain("--show-secrets");
    const none = unattend(["diff", "x.json", "a.xml"], { files: { "x.json": '{"url": "https://example.com"}', "a.xml": clean } });
    expect(none).to.deep.include({ code: 2, out: "" });
    expect(none.err).to.contain('x.json: JSON without an "xml" output').and.contain('this file\'s outputs: "url"');
    const broken = unattend(["diff", "y.json", "a.xml", "a.xml"], { files: { "y.json": "{ nope", "a.xml": clean } });
    expect(broken.code).to.equal(2);
    expect(broken.err).to.contain("y.json: neither an answer file nor valid JSON");
  });

  it("--table gives two files the table too; one file is a usage error", () => {
    const files = { "a.xml": clean, "b.xml": clean.replace("<LogonCount>2", "<LogonCount>3") };
    const r = unattend(["diff", "--table", "a.xml", "b.xml"], { files });
    expect(r.code).to.equal(1);
    expect(r.out).to.equal(
      [
        `${"SETTING".padEnd(SHELL.length + 21)}  a.xml  b.xml`,
        `${SHELL}/AutoLogon/LogonCount  2      3`,
        "2 files: 1 difference, 9 settings the same in all",
        "",
      ].join("\n"),
    );
    const one = unattend(["diff", "a.xml"], { files });
    expect(one).to.deep.include({ code: 2, out: "" });
    expect(one.err).to.contain("diff needs two files");
  });

  it("column headers: file names with as many folders as make them distinct", () => {
    expect(distinctLabels(["envs/prod/a.xml", "envs/dev/a.xml", "b.xml", "x/b.xml", "-", "c.xml", "c.xml"])).to.deep.equal([
      "prod/a.xml",
      "dev/a.xml",
      "b.xml",
      "x/b.xml",
      "(stdin)",
      "c.xml (1)",
      "c.xml (2)",
    ]);
    expect(distinctLabels(["/srv/one/unattend.xml", "C:\\images\\two\\unattend.xml", "./three.xml"])).to.deep.equal([
      "one/unattend.xml",
      "two/unattend.xml",
      "three.xml",
    ]);
  });

  it("(property) random triples: exit 0 exactly when all render the same bytes, as `diff` of each pair says; never a secret; never unnamed", () => {
    let same = 0;
    let different = 0;
    // a donor half the time none (the file is `a`'s): a quarter of the triples are the same file thrice
    const donor = fc.oneof(fc.constant(undefined), doc);
    fc.assert(
      fc.property(doc, fc.constantFrom(...fields), donor, fc.constantFrom(...fields), donor, (a, f1, d1, f2, d2) => {
        const xmls = [render(a), render({ ...a, [f1]: (d1 ?? a)[f1] }), render({ ...a, [f2]: (d2 ?? a)[f2] })];
        if (xmls.some((x) => x === undefined)) return;
        const files = { "a.xml": xmls[0]!, "b.xml": xmls[1]!, "c.xml": xmls[2]! };
        const names = Object.keys(files);
        const r = unattend(["diff", ...names], { files });
        const pairs = [
          [0, 1],
          [0, 2],
          [1, 2],
        ].map(([i, j]) => unattend(["diff", names[i], names[j]], { files }).code);
        if (pairs.includes(2)) {
          expect(r.code).to.equal(2); // a file with errors while reading cannot be compared
          return;
        }
        expect(r.out).not.to.contain(UNNAMED_DIFFERENCE);
        for (const s of SECRETS) expect(r.out + r.err).not.to.contain(s);
        neverShown(r.out + r.err, ["Pw-S3cret-1", "Pw-S3cret-2"]);
        if (xmls.every((x) => x === xmls[0])) {
          same++;
          expect(r.code).to.equal(0);
          expect(r.out.split("\n")).to.have.length(2);
        } else {
          different++;
          expect(r.code).to.equal(1);
          expect(pairs).to.include(1);
        }
        // a setting's row: its cells not all the same, unless masked; the table of two files says what `diff` of the two says
        const json = JSON.parse(unattend(["diff", "--format", "json", ...names], { files }).out) as { rows: { kind: string; values: unknown[] }[] };
        for (const row of json.rows) {
          expect(row.values).to.have.length(3);
          if (row.kind === "setting" && !row.values.includes("[secret]")) expect(new Set(row.values).size).to.be.greaterThan(1);
        }
        expect(unattend(["diff", "--table", "a.xml", "b.xml"], { files }).code).to.equal(pairs[0]);
      }),
      { numRuns: 150 },
    );
    expect(same).to.be.greaterThan(20);
    expect(different).to.be.greaterThan(50);
  });
});
