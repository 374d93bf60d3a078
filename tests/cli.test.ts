import { expect } from "chai";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse as parseYaml } from "yaml";
import { importUnattend, parseUnattend, validateUnattendXml } from "../components";
import { catalog } from "../components/catalog";
import { GENERATORS } from "../bench/growth.bench";
import { CLI_HEAP_FLAGS, nodeIo, run, type Io } from "../components/cli/main";
import { formatDiagnostic } from "../components/core/diagnostics";
import { unattend as runCli } from "./cli-run";
import { REPO, sharedDir, tsc } from "./helpers";

const CLI = path.join(REPO, "build", "components", "cli", "main.js");
const FIXTURES = path.join(REPO, "tests", "fixtures", "parse");
const fixture = (name: string) => path.join(FIXTURES, name);

/** Runs the CLI in this process (as `unattend ...args` would, with `input` as standard input). */
const unattend = (args: string[], input?: string) => runCli(args, { stdin: input });

/** Runs the built CLI as a separate process (smoke tests of the real entry point). */
function spawnCli(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: REPO, encoding: "utf8", input });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe("unattend CLI", function () {
  this.timeout(60_000);
  let tmp: string;
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "unattend-cli-"));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  describe("the real entry point (spawned)", () => {
    it("prints the version, validates a file, and exits quietly when its reader stops early", () => {
      const pkg = JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8"));
      expect(spawnCli(["--version"])).to.deep.include({ code: 0, out: `${pkg.version}\n`, err: "" });
      expect(spawnCli(["validate", fixture("clean.xml")]).code).to.equal(0);
      const piped = spawnSync("bash", ["-c", `"${process.execPath}" "${CLI}" render "${fixture("features.xml")}" | head -c 10 >/dev/null`], {
        encoding: "utf8",
      });
      expect(piped.status).to.equal(0);
      expect(piped.stderr).not.to.match(/EPIPE|internal error|\n\s+at /);
    });

    it("refuses what is not a regular file with exit 2 and one line, never a stack trace", () => {
      for (const [args, reason] of [
        [["validate", "/dev/zero"], "/dev/zero: not a regular file"],
        [["validate", os.tmpdir()], "is a directory"],
      ] as const) {
        const r = spawnCli([...args]);
        expect(r.code, args.join(" ")).to.equal(2);
        expect(r.err).to.contain(reason);
        expect(r.err).not.to.match(/\n\s+at /);
      }
    });

    it("reads standard input once, up to the size limit", () => {
      expect(spawnCli(["validate", "-"], fs.readFileSync(fixture("clean.xml"), "utf8")).code).to.equal(0);
      const big = spawnCli(["validate", "--max-bytes", "100", "-"], fs.readFileSync(fixture("clean.xml"), "utf8"));
      expect(big.code).to.equal(2);
      expect(big.err).to.contain("-: larger than 100 bytes");
      expect(spawnCli(["diff", "-", "-"], "").err).to.contain('"-" (standard input) can be read only once');
    });
  });

  describe("the command's own process", () => {
    it("reads a file of exactly --max-bytes whole, one byte more not at all; standard input past its first 64 KiB whole", () => {
      const xml = fs.readFileSync(fixture("clean.xml"));
      const file = path.join(tmp, "exact.xml");
      fs.writeFileSync(file, xml);
      expect(spawnCli(["validate", "--max-bytes", String(xml.length), file]).code).to.equal(0);
      const over = spawnCli(["validate", "--max-bytes", String(xml.length - 1), file]);
      expect(over.code).to.equal(2);
      expect(over.err).to.contain(`larger than ${xml.length - 1} bytes`);
      // read in pieces that grow (standard input has no size): the same report as the file's
      const large = GENERATORS.bytes.make(300);
      const big = path.join(tmp, "large.xml");
      fs.writeFileSync(big, large);
      const fromFile = spawnCli(["validate", "--format", "json", big]);
      const fromStdin = spawnCli(["validate", "--format", "json", "-"], large);
      const found = (out: string) => (JSON.parse(out) as { file: string }[]).map(({ file: _, ...d }) => d);
      expect(fromStdin.code).to.equal(fromFile.code);
      expect(found(fromStdin.out)).to.deep.equal(found(fromFile.out));
      expect(found(fromFile.out).length).to.be.greaterThan(100);
    });

    it("writes a report of thousands of lines in pieces of about 64 KiB, the same text as a write a line", () => {
      const large = GENERATORS.bytes.make(300);
      const writes: string[] = [];
      const io: Io = { ...nodeIo, out: (s) => void writes.push(s), err: () => undefined, readFile: () => Buffer.from(large) };
      expect(run(["validate", "large.xml"], io)).to.equal(1);
      const lines = validateUnattendXml(large).diagnostics.map((d) => formatDiagnostic(d, { file: "large.xml" }) + "\n");
      expect(lines.length).to.be.greaterThan(1000);
      expect(writes.join("")).to.equal(lines.join(""));
      const total = lines.join("").length;
      expect(writes.length).to.be.within(2, Math.ceil(total / 2 ** 16));
      for (const w of writes.slice(0, -1)) expect(w.length).to.be.within(2 ** 16, 2 ** 16 + 1000);
    });

    it("keeps V8's young generation at its first size (CLI_HEAP_FLAGS), saying nothing of it", () => {
      // what V8 reports of its heap as the command exits, written by a module loaded before the command
      const report = path.join(tmp, "heap-at-exit.js");
      fs.writeFileSync(
        report,
        `process.on("exit", () => require("fs").writeSync(2, "\\n" + JSON.stringify(require("v8").getHeapSpaceStatistics().find((s) => s.space_name === "new_space")) + "\\n"));`,
      );
      const file = path.join(tmp, "two-mib.xml");
      fs.writeFileSync(file, GENERATORS.bytes.make(2048));
      const r = spawnSync(process.execPath, ["-r", report, CLI, "validate", "--quiet", file], { encoding: "utf8" });
      const lines = r.stderr.trim().split("\n");
      // V8's default grows it to 32 MiB on this file (two semi-spaces of 16): the command keeps two of 1 MiB
      expect(JSON.parse(lines[lines.length - 1]).space_size).to.be.at.most(4 * 2 ** 20);
      expect(lines.slice(0, -1).join("\n")).not.to.match(/flag|Error/);
      expect(CLI_HEAP_FLAGS).to.equal("--semi-space-growth-factor=1 --heap-growing-percent=30");
    });
  });

  describe("conventions", () => {
    it("--version prints package.json's version", () => {
      const pkg = JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8"));
      for (const flag of ["--version", "-v"]) {
        const r = unattend([flag]);
        expect(r).to.deep.include({ code: 0, out: `${pkg.version}\n`, err: "" });
      }
    });

    it("--help prints the usage on stdout; each command has its own", () => {
      const r = unattend(["--help"]);
      expect(r.code).to.equal(0);
      expect(r.out).to.contain("Usage: unattend <command>").and.contain("validate").and.contain("diff").and.contain("import").and.contain("render");
      for (const c of ["validate", "diff", "import", "render"]) {
        const h = unattend([c, "--help"]);
        expect(h.code).to.equal(0);
        expect(h.out).to.contain(`Usage: unattend ${c}`);
      }
    });

    it("exits 2 with the reason on stderr for usage errors", () => {
      for (const args of [
        [],
        ["frobnicate"],
        ["validate"],
        ["validate", "--bogus", "x.xml"],
        ["diff", "a.xml"],
        ["validate", "--format", "xml", "a.xml"],
        ["validate", "no-such-file.xml"],
      ]) {
        const r = unattend(args);
        expect(r.code, args.join(" ")).to.equal(2);
        expect(r.out, args.join(" ")).to.equal("");
        expect(r.err, args.join(" ")).to.match(/unattend|Usage/);
      }
      expect(unattend(["validate", "no-such-file.xml"]).err).to.contain("no-such-file.xml: no such file");
    });
  });

  describe("validate", () => {
    it("prints nothing on stdout and exits 0 for a valid file", () => {
      const r = unattend(["validate", fixture("clean.xml")]);
      expect(r).to.deep.include({ code: 0, out: "" });
      expect(r.err).to.contain("1 file: 0 errors, 0 warnings");
    });

    it("prints file:line:col severity path message [code] and exits 1 on errors", () => {
      const xml = fs.readFileSync(fixture("minimal.xml"), "utf8").replace('pass="generalize"', 'pass="specialize"');
      const file = path.join(tmp, "wrong-pass.xml");
      fs.writeFileSync(file, xml);
      const r = unattend(["validate", file]);
      expect(r.code).to.equal(1);
      expect(r.out).to.equal(
        `${file}:5:13 error settings.specialize["Microsoft-Windows-WorkstationService"].AllowInsecureGuestAuth "AllowInsecureGuestAuth" is not valid in the specialize pass; it is valid only in "generalize". Move it to settings.generalize. [wrong-pass]\n`,
      );
      expect(r.err).to.contain("1 error, 0 warnings");
    });

    it("reports a malformed file with line and column, and goes on with the others", () => {
      const bad = path.join(tmp, "bad.xml");
      fs.writeFileSync(bad, '<unattend xmlns="urn:schemas-microsoft-com:unattend">\n  <settings pass="specialize">\n    <x>a & b</x>\n');
      const r = unattend(["validate", bad, fixture("clean.xml")]);
      expect(r.code).to.equal(1);
      expect(r.out).to.match(new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:3:10 error xml .*\\[malformed-xml\\]\\n$`));
      expect(r.err).to.contain("2 files: 1 error");
    });

    it("fails on warnings with --strict only", () => {
      const strictless = unattend(["validate", "--quiet", fixture("clean-reordered.xml"), fixture("minimal.xml")]);
      expect(strictless.code).to.equal(0);
      const warn = path.join(tmp, "warn.xml");
      fs.writeFileSync(
        warn,
        fs
          .readFileSync(fixture("minimal.xml"), "utf8")
          .replace("<AllowInsecureGuestAuth>", "<Brand-New-Setting>x</Brand-New-Setting><AllowInsecureGuestAuth>"),
      );
      expect(unattend(["validate", warn]).code).to.equal(0);
      expect(unattend(["validate", "--strict", warn]).code).to.equal(1);
      expect(unattend(["validate", "-q", warn]).out).to.equal("");
    });

    it("--format json prints an array of located diagnostics", () => {
      const warn = path.join(tmp, "warn2.xml");
      fs.writeFileSync(
        warn,
        fs
          .readFileSync(fixture("minimal.xml"), "utf8")
          .replace("<AllowInsecureGuestAuth>", "<Brand-New-Setting>x</Brand-New-Setting><AllowInsecureGuestAuth>"),
      );
      const r = unattend(["validate", "--format", "json", warn]);
      expect(r.code).to.equal(0);
      const list = JSON.parse(r.out);
      expect(list).to.deep.equal([
        {
          file: warn,
          line: 5,
          column: 13,
          severity: "warning",
          code: "unvalidated",
          path: 'unvalidated.generalize["Microsoft-Windows-WorkstationService"]["Brand-New-Setting"]',
          segments: ["unvalidated", "generalize", "Microsoft-Windows-WorkstationService", "Brand-New-Setting"],
          message: '"Brand-New-Setting" is not in the catalog of documented settings; it is written as given, without validation.',
        },
      ]);
    });

    it("reads standard input as -", () => {
      const r = unattend(["validate", "-"], fs.readFileSync(fixture("clean.xml"), "utf8"));
      expect(r.code).to.equal(0);
    });
  });

  describe("diff", () => {
    it("exits 0 with no output for the same settings written differently (order, CRLF, comments, namespaces)", () => {
      const r = unattend(["diff", fixture("clean.xml"), fixture("clean-reordered.xml")]);
      expect(r).to.deep.include({ code: 0, out: "", err: "" });
    });

    it("prints one line per changed setting, as the preview does, passwords masked, and exits 1", () => {
      const r = unattend(["diff", fixture("clean.xml"), fixture("clean-changed.xml")]);
      expect(r.code).to.equal(1);
      expect(r.out).to.equal(
        [
          "- oobeSystem/Microsoft-Windows-Shell-Setup/AutoLogon/LogonCount: 2",
          "~ oobeSystem/Microsoft-Windows-Shell-Setup/AutoLogon/Password/Value: [secret] => [secret]",
          "~ oobeSystem/Microsoft-Windows-Shell-Setup/TimeZone: UTC => Pacific Standard Time",
          "",
        ].join("\n"),
      );
      expect(r.out + r.err).not.to.contain("Secret-4");
    });

    it("shows changed architectures and elements outside <settings>", () => {
      const a = path.join(tmp, "a.xml");
      const b = path.join(tmp, "b.xml");
      const xml = fs.readFileSync(fixture("minimal.xml"), "utf8");
      fs.writeFileSync(a, xml);
      fs.writeFileSync(b, xml.replace('"amd64"', '"x86"').replace("</unattend>", "    <servicing/>\n</unattend>"));
      const r = unattend(["diff", a, b]);
      expect(r.code).to.equal(1);
      expect(r.out).to.equal("~ architectures: amd64 => x86\n+ <servicing>\n");
    });

    it("exits 2 when a file cannot be read as XML", () => {
      const bad = path.join(tmp, "bad2.xml");
      fs.writeFileSync(bad, "<unattend>");
      const r = unattend(["diff", fixture("clean.xml"), bad]);
      expect(r.code).to.equal(2);
      expect(r.err).to.contain(`${bad}:1:1 error`);
    });
  });

  describe("import", () => {
    it("prints a TypeScript program with an UnattendFile, passwords from secret config", () => {
      const r = unattend(["import", fixture("clean.xml")]);
      expect(r.code).to.equal(0);
      expect(r.out).to.contain('import { UnattendFile } from "pulumi-unattend";');
      expect(r.out).to.contain('new UnattendFile("unattend", {');
      expect(r.out).to.contain('architectures: ["amd64"],');
      expect(r.out).to.contain("AllowInsecureGuestAuth: 1,"); // typed: a number
      expect(r.out).to.contain("Enabled: true,"); // typed: a boolean
      expect(r.out).to.contain('const autoLogonPassword = config.requireSecret("autoLogonPassword");');
      expect(r.out).to.contain("Value: autoLogonPassword,");
      expect(r.out).to.contain("pulumi config set --secret autoLogonPassword");
      expect(r.out + r.err).not.to.contain("Plain-Text-Secret-42");
    });

    it("prints a Pulumi.<stack>.yaml config block with --format yaml, passwords left out", () => {
      const r = unattend(["import", "--format", "yaml", "--stack", "prod", fixture("clean.xml")]);
      expect(r.code).to.equal(0);
      expect(r.out).to.match(/^# Pulumi\.prod\.yaml config imported from clean\.xml/);
      expect(r.out).to.contain(
        `pulumi config set --secret --path 'pulumi-unattend:settings.oobeSystem["Microsoft-Windows-Shell-Setup"].AutoLogon.Password.Value' '<value>'`,
      );
      expect(r.out).not.to.contain("Plain-Text-Secret-42");
      const config = parseYaml(r.out).config;
      expect(config["pulumi-unattend:architectures"]).to.deep.equal(["amd64"]);
      expect(config["pulumi-unattend:settings"]).to.deep.equal({
        generalize: { "Microsoft-Windows-WorkstationService": { AllowInsecureGuestAuth: 1 } },
        oobeSystem: {
          "Microsoft-Windows-Shell-Setup": {
            AutoLogon: { Enabled: true, LogonCount: 2, Password: { PlainText: true }, Username: "admin" },
            FirstLogonCommands: [{ CommandLine: "cmd /c whoami", Order: 1 }],
            TimeZone: "UTC",
          },
        },
      });
    });

    it("the YAML block, with the password set, renders the same XML through `unattend render`", () => {
      const r = unattend(["import", "--format", "yaml", fixture("clean.xml")]);
      const doc = parseYaml(r.out);
      doc.config["pulumi-unattend:settings"].oobeSystem["Microsoft-Windows-Shell-Setup"].AutoLogon.Password.Value = "Plain-Text-Secret-42";
      const stack = path.join(tmp, "Pulumi.dev.yaml");
      fs.writeFileSync(stack, JSON.stringify(doc));
      const rendered = unattend(["render", stack]);
      expect(rendered.code).to.equal(0);
      const original = unattend(["render", fixture("clean.xml")]);
      expect(rendered.out).to.equal(original.out);
    });

    it("carries over what is not a setting, noting it on stderr and as comments", () => {
      const r = unattend(["import", fixture("features.xml")]);
      expect(r.code).to.equal(0);
      expect(r.out).to.contain("// NOTE: <servicing> (line 4) is not a setting: it is carried over as written, in extras.");
      expect(r.out).to.contain("perArchitecture: {").and.contain("unvalidated: {");
      expect(r.out).to.match(/extras: \[\n {4}\{ xml: "<servicing/);
      expect(r.err).to.contain("[extra-element]");
    });

    it("takes passwords out of unvalidated settings too, resolving them before the plain values", () => {
      const r = unattend(["import", fixture("unvalidated-secret.xml")]);
      expect(r.code).to.equal(0);
      expect(r.out).to.contain("unvalidated: pulumi.all([serviceAccountPassword]).apply(([serviceAccountPassword]) => ({");
      expect(r.out).to.contain("Password: serviceAccountPassword,");
      expect(r.out + r.err).not.to.contain("Unvalidated-Secret-7");
      const y = unattend(["import", "--format", "yaml", fixture("unvalidated-secret.xml")]);
      expect(y.out + y.err).not.to.contain("Unvalidated-Secret-7");
      expect(y.out).to.contain(`--path 'pulumi-unattend:unvalidated.specialize["Contoso-Agent-Setup"].ServiceAccount.Password'`);
    });

    it("imports booleans written in another case as booleans, with a note", () => {
      const file = path.join(tmp, "case.xml");
      fs.writeFileSync(file, fs.readFileSync(fixture("clean.xml"), "utf8").replace("<Enabled>true</Enabled>", "<Enabled>True</Enabled>"));
      const r = unattend(["import", file]);
      expect(r.out).to.contain("Enabled: true,");
      expect(r.out).to.contain(
        `// NOTE: settings.oobeSystem["Microsoft-Windows-Shell-Setup"].AutoLogon.Enabled is "True": imported as the boolean true`,
      );
    });

    it("exits 1 for a file that is not well-formed", () => {
      const bad = path.join(tmp, "bad3.xml");
      fs.writeFileSync(bad, "<unattend><x></unattend>");
      const r = unattend(["import", bad]);
      expect(r.code).to.equal(1);
      expect(r.out).to.equal("");
      expect(r.err).to.contain("malformed-xml");
    });
  });

  describe("render", () => {
    const settings = { generalize: { "Microsoft-Windows-WorkstationService": { AllowInsecureGuestAuth: 1 } } };
    const expected = fs.readFileSync(path.join(REPO, "tests", "golden", "seed.xml"), "utf8");

    it("renders YAML or JSON settings to XML on stdout, in every accepted shape", () => {
      const shapes: [string, string][] = [
        [
          "doc.yaml",
          "settings:\n  generalize:\n    Microsoft-Windows-WorkstationService:\n      AllowInsecureGuestAuth: 1\narchitectures: [amd64]\n",
        ],
        ["doc.json", JSON.stringify({ settings })],
        ["passes.yaml", "generalize:\n  Microsoft-Windows-WorkstationService:\n    AllowInsecureGuestAuth: 1\n"],
        ["Pulumi.dev.yaml", fs.readFileSync(path.join(REPO, "Pulumi.dev.yaml"), "utf8")],
      ];
      for (const [name, text] of shapes) {
        const file = path.join(tmp, name);
        fs.writeFileSync(file, text);
        const r = unattend(["render", file]);
        expect(r, name).to.deep.include({ code: 0, err: "" });
        expect(r.out, name).to.equal(expected);
      }
    });

    it("writes to a file with -o", () => {
      const file = path.join(tmp, "doc2.json");
      fs.writeFileSync(file, JSON.stringify({ settings }));
      const out = path.join(tmp, "out.xml");
      const r = unattend(["render", "-o", out, file]);
      expect(r).to.deep.include({ code: 0, out: "", err: "" });
      expect(fs.readFileSync(out, "utf8")).to.equal(expected);
    });

    it("reads standard input as -", () => {
      const r = unattend(["render", "-"], JSON.stringify({ settings }));
      expect(r.out).to.equal(expected);
    });

    it("exits 1 with every error on stderr for invalid settings", () => {
      const file = path.join(tmp, "bad.yaml");
      fs.writeFileSync(file, "specialize:\n  Microsoft-Windows-WorkstationService:\n    AllowInsecureGuestAuth: 2\n");
      const r = unattend(["render", file]);
      expect(r.code).to.equal(1);
      expect(r.out).to.equal("");
      expect(r.err).to.contain("[wrong-pass]");
    });

    it("refuses encrypted stack secrets and non-settings", () => {
      const file = path.join(tmp, "Pulumi.sec.yaml");
      fs.writeFileSync(file, 'config:\n  pulumi-unattend:settings:\n    oobeSystem:\n      X:\n        Password:\n          secure: "v1:abc"\n');
      expect(unattend(["render", file]).err).to.contain("encrypted secrets");
      const other = path.join(tmp, "other.yaml");
      fs.writeFileSync(other, "hello: world\n");
      expect(unattend(["render", other]).code).to.equal(2);
    });

    it("writes an answer file back in canonical form, keeping elements outside <settings>", () => {
      const r = unattend(["render", fixture("clean-reordered.xml")]);
      expect(r.code).to.equal(0);
      expect(r.out).to.equal(unattend(["render", fixture("clean.xml")]).out);
      const file = path.join(tmp, "canonical.xml");
      fs.writeFileSync(file, r.out);
      expect(unattend(["render", file]).out).to.equal(r.out);
    });
  });
});

/** Whether components/generated/ matches the catalog (another engineer may be regenerating them). */
function generatedTypesFresh(): boolean {
  try {
    const typegen = require(path.join(REPO, "build", "tools", "typegen", "generate.js")) as {
      generate: (c: unknown, v: string) => string;
    };
    const current = fs.readFileSync(path.join(REPO, "components", "generated", "settings.ts"), "utf8");
    return typegen.generate(catalog, "plain") === current;
  } catch {
    return false;
  }
}

describe("unattend import: the generated program type-checks", function () {
  this.timeout(180_000);

  it("compiles with the repository's TypeScript against the generated input types", function () {
    const dir = fs.mkdtempSync(path.join(REPO, "build", "import-check-"));
    try {
      const sources: { file: string; name: string }[] = [
        { file: fixture("minimal.xml"), name: "minimal" },
        { file: fixture("unvalidated-secret.xml"), name: "unvalidated-secret" },
      ];
      if (generatedTypesFresh()) {
        sources.push({ file: fixture("clean.xml"), name: "clean" });
        const corpus = sharedDir("corpus");
        for (const f of corpus ? fs.readdirSync(corpus).filter((x) => x.endsWith(".xml")) : []) {
          const v = validateUnattendXml(fs.readFileSync(path.join(corpus!, f)));
          if (!v.malformed && !v.diagnostics.some((d) => d.severity === "error")) sources.push({ file: path.join(corpus!, f), name: f });
        }
      } else {
        console.log("      (components/generated/ is not up to date with the catalog: only the fixtures without catalog components are compiled)");
      }
      const files: string[] = [];
      sources.forEach((s, i) => {
        const parsed = parseUnattend(fs.readFileSync(s.file));
        const program = importUnattend(parsed, { source: s.name }).text;
        const name = `program${i}.ts`;
        fs.writeFileSync(path.join(dir, name), program);
        files.push(name);
      });
      fs.writeFileSync(
        path.join(dir, "tsconfig.json"),
        JSON.stringify({
          compilerOptions: {
            target: "es2022",
            module: "nodenext",
            moduleResolution: "nodenext",
            strict: true,
            noEmit: true,
            skipLibCheck: true,
            resolveJsonModule: true,
            esModuleInterop: true,
            types: ["node"],
            paths: { "pulumi-unattend": ["../../components/index.ts"] },
          },
          files,
        }),
      );
      const r = tsc(dir);
      const errors = (r.stdout + r.stderr)
        .split("\n")
        .filter((l) => /error TS/.test(l))
        .map((l) => {
          const m = /program(\d+)\.ts/.exec(l);
          return m ? l.replace(/^.*?program\d+\.ts/, sources[Number(m[1])].name) : l;
        });
      expect(errors).to.deep.equal([]);
      expect(r.status).to.equal(0);
      console.log(`      (${sources.length} generated program(s) compiled)`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
