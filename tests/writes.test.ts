/**
 * Where files are written and read (issue "trust, round 3", items 15, 16, 20,
 * 22, 23): the CLI's -o through the one safe writer UnattendFile uses (owner-
 * only when secret, a new file renamed over the target, never through a
 * symbolic link), output failures as one line, paths no file can have refused
 * at preview, the same file however its path is spelled, and a huge file at
 * the path compared without being read whole.
 */
import { expect } from "chai";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { unattend } from "./cli-run";
import { endFailedRegistration, recordingMocks, valueOf } from "./mocks";
import { fileStateOf, removeIfUnchanged, sha256 } from "../components/pulumi/state/file";
import { FILE_MODIFIED, FILE_WRITTEN } from "../components/pulumi/state/format";

const CLI = path.resolve(__dirname, "../components/cli/main.js");
const PASSWORD_YAML = `oobeSystem:
  Microsoft-Windows-Shell-Setup:
    UserAccounts:
      AdministratorPassword:
        Value: "S3cret-pw"
        PlainText: true
`;
const PLAIN_YAML = `specialize:\n  Microsoft-Windows-Shell-Setup:\n    ComputerName: WS01\n`;
const XML_WITH_PASSWORD = unattend(["render", "-"], { stdin: PASSWORD_YAML }).out;

describe("writes and reads of files", function () {
  this.timeout(120_000);
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "unattend-writes-"))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const modeOf = (f: string) => fs.statSync(f).mode & 0o777;
  const write = (name: string, text: string) => {
    const f = path.join(dir, name);
    fs.writeFileSync(f, text);
    return f;
  };

  describe("unattend render -o and merge -o write as UnattendFile does", () => {
    it("writes a file holding a password owner-only (0600), one without 0644, whatever the umask", () => {
      const old = process.umask(0o000);
      try {
        const secret = path.join(dir, "secret.xml");
        const plain = path.join(dir, "plain.xml");
        expect(unattend(["render", "-o", secret, write("pw.yaml", PASSWORD_YAML)]).code).to.equal(0);
        expect(unattend(["render", "-o", plain, write("plain.yaml", PLAIN_YAML)]).code).to.equal(0);
        expect(modeOf(secret)).to.equal(0o600);
        expect(modeOf(plain)).to.equal(0o644);
        const merged = path.join(dir, "merged.xml");
        const base = path.join(dir, "base.xml");
        fs.writeFileSync(base, XML_WITH_PASSWORD);
        expect(unattend(["merge", "-o", merged, base]).code).to.equal(0);
        expect(modeOf(merged)).to.equal(0o600);
        expect(fs.readFileSync(merged, "utf8")).to.equal(XML_WITH_PASSWORD);
      } finally {
        process.umask(old);
      }
    });

    it("replaces a symbolic link at the target, never writing through it", () => {
      const victim = write("victim.txt", "someone else's file\n");
      for (const command of [
        ["render", write("pw.yaml", PASSWORD_YAML)],
        ["merge", write("base.xml", XML_WITH_PASSWORD)],
      ]) {
        const link = path.join(dir, `${command[0]}-out.xml`);
        fs.symlinkSync(victim, link);
        expect(unattend([command[0], "-o", link, command[1]]).code).to.equal(0);
        expect(fs.readFileSync(victim, "utf8")).to.equal("someone else's file\n");
        expect(fs.lstatSync(link).isSymbolicLink()).to.equal(false);
        expect(modeOf(link)).to.equal(0o600);
        expect(fs.readFileSync(link, "utf8")).to.equal(XML_WITH_PASSWORD);
      }
    });

    it("replaces a file whole: a hard link to the old file keeps the old bytes, no temporary file is left", () => {
      const out = write("out.xml", "old\n");
      fs.linkSync(out, path.join(dir, "other-name.xml"));
      expect(unattend(["render", "-o", out, write("plain.yaml", PLAIN_YAML)]).code).to.equal(0);
      expect(fs.readFileSync(path.join(dir, "other-name.xml"), "utf8")).to.equal("old\n");
      expect(fs.readdirSync(dir).sort()).to.deep.equal(["other-name.xml", "out.xml", "plain.yaml"]);
    });

    it("says in one line why a file cannot be written (its folder is a file, a NUL in the name, a folder)", () => {
      const config = write("plain.yaml", PLAIN_YAML);
      const file = write("file", "x");
      const cases: [string, RegExp][] = [
        [path.join(file, "out.xml"), /: cannot write it: .*file is a file, not a folder$/],
        [path.join(dir, "a\u0000b.xml"), /: cannot write it: it holds a NUL character \(\\u0000\), which no file name may hold$/],
        [dir, /: cannot write it: .* is a folder; give the path of a file/],
      ];
      for (const [target, message] of cases) {
        const r = unattend(["render", "-o", target, config]);
        expect(r.code, target).to.equal(2);
        const first = r.err.split("\n")[0];
        expect(first).to.match(message);
        expect(r.err).to.not.match(/\n\s+at /);
      }
    });
  });

  describe("output that cannot be written", () => {
    const run = (args: string[], stdout: number | "pipe") =>
      spawnSync(process.execPath, [CLI, ...args], { stdio: ["ignore", stdout, "pipe"], encoding: "utf8" });

    it("a full disk (/dev/full) for render and validate --format json: one line, exit 2, no stack trace", function () {
      if (!fs.existsSync("/dev/full")) this.skip();
      const config = write("pw.yaml", PASSWORD_YAML);
      const xml = write("in.xml", XML_WITH_PASSWORD);
      for (const args of [
        ["render", config],
        ["validate", "--format", "json", xml],
        ["merge", xml],
      ]) {
        const full = fs.openSync("/dev/full", "w");
        try {
          const r = run(args, full);
          expect(r.stderr, args.join(" ")).to.equal("unattend: cannot write to standard output: ENOSPC: no space left on device, write\n");
          expect(r.status).to.equal(2);
        } finally {
          fs.closeSync(full);
        }
      }
    });

    it("a reader that stops early (EPIPE) is no error", () => {
      const config = write("pw.yaml", PASSWORD_YAML);
      const r = spawnSync("sh", ["-c", `"${process.execPath}" "${CLI}" render "${config}" | head -c 1 >/dev/null`], { encoding: "utf8" });
      expect(r.stderr).to.equal("");
      expect(r.status).to.equal(0);
    });
  });

  describe("YAML aliases that make a cycle", () => {
    it("are a clear error naming where, not an internal error (stack config) nor an endless walk (settings)", () => {
      const stack = write("Pulumi.dev.yaml", "config:\n  pulumi-unattend:settings: &x\n    specialize: { A: *x }\n");
      const settings = write("settings.yaml", "specialize: &x\n  Microsoft-Windows-Shell-Setup: { A: *x, B: *x }\n");
      const r1 = unattend(["render", stack]);
      expect(r1.code).to.equal(1);
      expect(r1.err).to.equal(
        `${stack}: config.pulumi-unattend:settings.specialize.A contains itself (a YAML alias to an anchor around it): settings are a tree; write the values out.\n`,
      );
      const r2 = unattend(["render", settings]);
      expect(r2.code).to.equal(1);
      expect(r2.err).to.match(/specialize\.Microsoft-Windows-Shell-Setup\.A contains itself/);
    });
  });

  describe("a huge file at the path (refresh, destroy)", () => {
    it("is compared by size, unread, and hashed a chunk at a time: a 3 GB sparse file is no ERR_FS_FILE_TOO_LARGE", function () {
      const file = path.join(dir, "unattend.xml");
      const text = "<unattend/>\n";
      fs.writeFileSync(file, text);
      expect(fileStateOf(file, sha256(text), Buffer.byteLength(text))).to.equal(FILE_WRITTEN);
      expect(fileStateOf(file, sha256(text))).to.equal(FILE_WRITTEN);
      // a file past 2 GiB: readFileSync fails for it
      try {
        fs.truncateSync(file, 3 * 1000 ** 3);
      } catch {
        this.skip(); // a file system without sparse files
      }
      expect(fileStateOf(file, sha256(text), Buffer.byteLength(text))).to.equal(FILE_MODIFIED);
      expect(removeIfUnchanged(file, sha256(text), Buffer.byteLength(text))).to.equal(FILE_MODIFIED);
      expect(fs.statSync(file).size).to.equal(3 * 1000 ** 3);
    });

    it("hashes what it reads in chunks the same as whole (files past one chunk)", () => {
      const file = path.join(dir, "big.xml");
      const text = "<a>" + "x".repeat(3 * 1024 * 1024 + 17) + "</a>";
      fs.writeFileSync(file, text);
      expect(fileStateOf(file, sha256(text))).to.equal(FILE_WRITTEN);
      expect(fileStateOf(file, sha256(text + " "))).to.equal(FILE_MODIFIED);
    });
  });

  describe("UnattendFile paths (Pulumi mocks)", () => {
    type Components = typeof import("../components");
    let mod: Components;
    let registered: pulumi.runtime.MockResourceArgs[] = [];
    const settings = { generalize: { "Microsoft-Windows-WorkstationService": { AllowInsecureGuestAuth: 1 as const } } };
    before(async () => {
      registered = await recordingMocks();
      mod = require("../components") as Components;
    });
    const failure = async (o: pulumi.Output<unknown>): Promise<Error> => {
      try {
        await valueOf(o);
      } catch (e) {
        return e as Error;
      }
      throw new Error("no failure");
    };

    it("refuses at preview a path with a NUL character or under a file, naming path (a ResourceError, not a TypeError)", async () => {
      const file = write("a-file", "x");
      const nul = new mod.UnattendFile("nul-path", { settings, path: path.join(dir, "a\u0000b.xml") });
      const under = new mod.UnattendFile("under-file", { settings, path: path.join(file, "deeper", "unattend.xml") });
      const e1 = await failure(nul.path);
      expect(e1).to.be.instanceOf(pulumi.ResourceError);
      expect(e1.message).to.equal(
        `UnattendFile "nul-path": no file can be written at path ${JSON.stringify(path.join(dir, "a\u0000b.xml"))}: it holds a NUL character (\\u0000), which no file name may hold.`,
      );
      const e2 = await failure(under.path);
      expect(e2).to.be.instanceOf(pulumi.ResourceError);
      expect(e2.message).to.equal(
        `UnattendFile "under-file": no file can be written at path ${JSON.stringify(path.join(file, "deeper", "unattend.xml"))}: ${file} is a file, not a folder.`,
      );
      endFailedRegistration(registered, "nul-path-state");
      endFailedRegistration(registered, "under-file-state");
    });

    it("sees one file behind a symbolic link to its folder, and behind a hard link", async () => {
      const real = path.join(dir, "real");
      fs.mkdirSync(real);
      fs.symlinkSync(real, path.join(dir, "link"));
      const first = new mod.UnattendFile("via-real", { settings, path: path.join(real, "x.xml") });
      expect(await valueOf(first.path)).to.equal(path.join(real, "x.xml"));
      const second = new mod.UnattendFile("via-link", { settings, path: path.join(dir, "link", "x.xml") });
      expect((await failure(second.path)).message).to.match(/^UnattendFile "via-link": path .* is already written by another UnattendFile/);

      const a = write("hard-a.xml", "x");
      fs.linkSync(a, path.join(dir, "hard-b.xml"));
      const third = new mod.UnattendFile("hard-a", { settings, path: a });
      expect(await valueOf(third.path)).to.equal(a);
      const fourth = new mod.UnattendFile("hard-b", { settings, path: path.join(dir, "hard-b.xml") });
      expect((await failure(fourth.path)).message).to.match(/^UnattendFile "hard-b": path .* is already written by another UnattendFile/);
      endFailedRegistration(registered, "via-link-state");
      endFailedRegistration(registered, "hard-b-state");
    });
  });
});
