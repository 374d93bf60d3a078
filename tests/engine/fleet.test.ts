/**
 * examples/fleet on the real engine, with the state in PostgreSQL (Pulumi's
 * DIY backend, `postgres://`): a throwaway server from Debian's `postgresql`
 * package, started and stopped here. The example is installed as docs/fleets.md
 * says (the packed package, from a copy of the folder), then run as users run
 * it, in processes of its own: the fleet's preview and up; two stacks updated
 * at once by two processes; one stack from two processes (one gets Pulumi's
 * lock error, nothing is lost); no password, nor a form or digest of one, in
 * the database; destroy leaves no answer file behind.
 */
import { expect } from "chai";
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { REPO, readRepoFile } from "../helpers";
import { cli, exportedResources, stateBudget, unattendFileState } from "./support";

const PASSWORD = "Fl33t-pg-Adm1n";
const OTHER_PASSWORD = "An0ther-pg-Adm1n";
const PASSPHRASE = "fleet-engine-test-passphrase";
const TZ_KEY = "oobeSystem/Microsoft-Windows-Shell-Setup/TimeZone";

/** The first ```sh block of a Markdown text that contains `needle`. */
function shBlock(text: string, needle: string): string | undefined {
  return [...text.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((m) => m[1]).find((code) => code.includes(needle));
}

/** The folder of PostgreSQL's server and client binaries (Debian keeps them out of PATH), or why there is none. */
export function postgresBin(): { bin: string } | { skip: string } {
  const TOOLS = ["initdb", "pg_ctl", "psql", "pg_dump"];
  const root = "/usr/lib/postgresql";
  const debian = fs.existsSync(root)
    ? fs
        .readdirSync(root)
        .sort((a, b) => Number(b) - Number(a))
        .map((v) => path.join(root, v, "bin"))
    : [];
  // else wherever pg_ctl on PATH really is (a link into such a folder, or a build of its own)
  const which = spawnSync("sh", ["-c", "command -v pg_ctl"], { encoding: "utf8" }).stdout.trim();
  const onPath = which ? [path.dirname(fs.realpathSync(which))] : [];
  const bin = [...debian, ...onPath].find((dir) => TOOLS.every((t) => fs.existsSync(path.join(dir, t))));
  if (bin) return { bin };
  return {
    skip: `PostgreSQL's server is not installed (no ${TOOLS.join(", ")} in /usr/lib/postgresql/*/bin nor beside a pg_ctl on PATH; Debian: apt-get install postgresql)`,
  };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

/** A throwaway cluster in a temporary folder, on a loopback port, trusting local connections. */
export class Postgres {
  private constructor(
    private readonly bin: string,
    private readonly dir: string,
    private readonly asUser: string[],
    readonly port: number,
  ) {}

  /** postgres:// URL of its database, for Pulumi and psql. */
  get url(): string {
    return `postgres://pulumi@127.0.0.1:${this.port}/postgres?sslmode=disable`;
  }

  /** Starts one (as the postgres user when run as root: initdb refuses root), or says why it cannot. */
  static async start(bin: string): Promise<Postgres | { skip: string }> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "unattend-pg-"));
    let asUser: string[] = [];
    if (process.getuid?.() === 0) {
      const id = spawnSync("id", ["-u", "postgres"], { encoding: "utf8" });
      if (id.status !== 0) return { skip: "running as root, and there is no postgres user to run the server as" };
      const gid = spawnSync("id", ["-g", "postgres"], { encoding: "utf8" });
      fs.chownSync(dir, Number(id.stdout.trim()), Number(gid.stdout.trim()));
      asUser = ["runuser", "-u", "postgres", "--"];
    }
    const pg = new Postgres(bin, dir, asUser, await freePort());
    pg.run("initdb", ["-D", path.join(dir, "data"), "-A", "trust", "-U", "pulumi", "-N"]);
    const options = `-p ${pg.port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
    pg.run("pg_ctl", ["-D", path.join(dir, "data"), "-l", path.join(dir, "server.log"), "-w", "-o", options, "start"]);
    return pg;
  }

  private run(tool: string, args: string[]): string {
    const [cmd, ...pre] = [...this.asUser, path.join(this.bin, tool)];
    const r = spawnSync(cmd, [...pre, ...args], { encoding: "utf8", cwd: this.dir });
    if (r.status !== 0) throw new Error(`${tool} ${args.join(" ")}: ${r.error?.message ?? `exit ${r.status}`}\n${r.stdout}${r.stderr}`);
    return r.stdout;
  }

  /** psql -c sql, unaligned, tuples only. */
  query(sql: string): string {
    const r = spawnSync(path.join(this.bin, "psql"), [this.url, "-v", "ON_ERROR_STOP=1", "-At", "-c", sql], {
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
    });
    if (r.status !== 0) throw new Error(`psql -c ${sql}: ${r.error?.message ?? `exit ${r.status}`}\n${r.stderr}`);
    return r.stdout;
  }

  /** pg_dump of the database, as text. */
  dump(): string {
    const r = spawnSync(path.join(this.bin, "pg_dump"), [this.url], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
    if (r.status !== 0) throw new Error(`pg_dump: ${r.error?.message ?? `exit ${r.status}`}\n${r.stderr}`);
    return r.stdout;
  }

  stop(): void {
    try {
      this.run("pg_ctl", ["-D", path.join(this.dir, "data"), "-m", "fast", "-w", "stop"]);
    } finally {
      fs.rmSync(this.dir, { recursive: true, force: true });
    }
  }
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The rows of the summary table (stack, file, setting, old → new) of a run's output. */
function summaryRows(stdout: string): string[][] {
  return stdout
    .split("\n")
    .filter((l) => /^\S+\s+\S+\s+[~+-] \S+\s+/.test(l) && !l.startsWith("stack "))
    .map((l) => l.split(/ {2,}/));
}

describe("examples/fleet on PostgreSQL (the engine, the Automation API, processes of its own)", function () {
  this.timeout(1_800_000);
  let pg: Postgres | undefined;
  let tmp = "";
  let dir = "";
  let env: Record<string, string> = {};
  let pulumiBin = "";

  /** `node bin/main.js args...` in the example's folder, as a process of its own. */
  const fleet = (args: string[], extraEnv: Record<string, string> = {}): Promise<Run> =>
    new Promise((resolve) => {
      const child = spawn(process.execPath, ["bin/main.js", ...args], { cwd: dir, env: { ...env, ...extraEnv } });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d) => (stdout += d));
      child.stderr.on("data", (d) => (stderr += d));
      child.on("close", (code) => resolve({ code, stdout, stderr }));
    });
  /** A run that succeeded, and whose output holds no password. */
  const ok = (r: Run) => {
    expect(r.code, `exit ${r.code}\n${r.stdout}\n${r.stderr}`).to.equal(0);
    return unleaked(r);
  };
  const unleaked = (r: Run) => {
    for (const password of [PASSWORD, OTHER_PASSWORD]) expect(r.stdout + r.stderr).to.not.contain(password);
    return r;
  };
  /** A fleet file beside the example's, with `change` applied to a copy of fleet.json. */
  const fleetFile = (name: string, change: (f: { environments: { name: string; timeZone: string; files: number }[] }) => void) => {
    const f = JSON.parse(fs.readFileSync(path.join(dir, "fleet.json"), "utf8"));
    change(f);
    const file = path.join(tmp, name);
    fs.writeFileSync(file, JSON.stringify(f, null, 2));
    return file;
  };
  const answerFiles = () =>
    fs.existsSync(path.join(dir, "out"))
      ? fs
          .readdirSync(path.join(dir, "out"), { recursive: true })
          .map(String)
          .filter((f) => f.endsWith(".xml"))
      : [];

  before(async function () {
    const bin = postgresBin();
    if ("skip" in bin) {
      console.log(`      (skipped: ${bin.skip})`);
      this.skip();
    }
    const started = await Postgres.start((bin as { bin: string }).bin);
    if (!(started instanceof Postgres)) {
      console.log(`      (skipped: ${started.skip})`);
      this.skip();
    }
    pg = started as Postgres;
    pulumiBin = cli.ensureCli();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "unattend-fleet-"));
    dir = path.join(tmp, "fleet");
    // the install commands of docs/fleets.md, as they are, with the copy in the temporary folder
    const install = shBlock(readRepoFile("docs/fleets.md"), "npm pack");
    expect(install, "docs/fleets.md has a sh block with the install commands").to.be.a("string");
    const script = install!.replaceAll("../fleet", dir);
    const r = spawnSync("bash", ["-euo", "pipefail", "-c", script], {
      cwd: REPO,
      encoding: "utf8",
      env: { ...process.env, npm_config_prefer_offline: "true" },
    });
    expect(r.status, `the install commands failed:\n${r.stdout}${r.stderr}`).to.equal(0);
    expect(
      fs.existsSync(path.join(dir, "node_modules", "pulumi-unattend", "lib", "index.js")),
      "pulumi-unattend installed from the tarball",
    ).to.equal(true);
    expect(fs.lstatSync(path.join(dir, "node_modules", "pulumi-unattend")).isSymbolicLink()).to.equal(false);
    env = {
      ...cli.pulumiEnv(pulumiBin),
      PULUMI_BACKEND_URL: pg.url,
      PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
      PULUMI_HOME: path.join(tmp, "home"),
      FLEET_ADMIN_PASSWORD: PASSWORD,
    };
    delete env.PULUMI_CONFIG_PASSPHRASE_FILE;
  });

  after(async function () {
    if (dir && pg && fs.existsSync(path.join(dir, "bin", "main.js"))) await fleet(["destroy"]).catch(() => undefined);
    pg?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("up creates every stack of the fleet in the database; a preview then finds nothing to change", async () => {
    const up = ok(await fleet(["up", "--concurrency", "2"]));
    expect(up.stdout).to.contain("4 of 4 stack(s) change");
    expect(up.stdout).to.match(/updated: (\S+ \(succeeded\)(, )?){4}$/m);
    expect(up.stderr).to.match(/\[4\/4\] /);
    expect(answerFiles().sort()).to.deep.equal(
      ["enterprise-dev", "enterprise-prod", "pro-dev", "pro-prod"].flatMap((s) => [`${s}/${s}-01.xml`, `${s}/${s}-02.xml`]).sort(),
    );
    expect(fs.readFileSync(path.join(dir, "out", "pro-prod", "pro-prod-01.xml"), "utf8")).to.contain("<ComputerName>PRD-PRO-01</ComputerName>");
    const stacks = pg!.query("SELECT key FROM pulumi_state WHERE key LIKE '%.pulumi/stacks/%' ORDER BY key");
    expect(stacks).to.contain("unattend-fleet/pro-prod.json");
    const preview = ok(await fleet(["preview"]));
    expect(preview.stdout.trim()).to.equal("0 of 4 stack(s) change; unchanged: pro-dev, pro-prod, enterprise-dev, enterprise-prod");
  });

  it("keeps at most 2 × the XML + 4 KB of state per UnattendFile, installed from the tarball (the provider stored by name)", () => {
    const exported = spawnSync(path.join(pulumiBin, "pulumi"), ["stack", "export", "--stack", "pro-prod"], { cwd: dir, env, encoding: "utf8" });
    expect(exported.status, exported.stderr).to.equal(0);
    const files = exportedResources(exported.stdout).filter((r) => r.type === "unattend:index:UnattendFile");
    expect(files).to.have.length(2);
    for (const file of files) {
      const name = file.urn.split("::").pop()!;
      const { resources, bytes } = unattendFileState(exported.stdout, name);
      expect(String(resources[1].inputs!.__provider)).to.contain('require("pulumi-unattend');
      const xmlBytes = fs.statSync(path.join(dir, "out", "pro-prod", `${name}.xml`)).size;
      console.log(`      (${name}: state ${bytes} bytes for ${xmlBytes} bytes of XML; at most ${stateBudget(xmlBytes)})`);
      expect(bytes).to.be.at.most(stateBudget(xmlBytes));
    }
  });

  it("previews what changes where: one environment's time zone, in its stacks' files only; a new password as [secret]", async () => {
    const tokyo = fleetFile("tokyo.json", (f) => (f.environments[1].timeZone = "Tokyo Standard Time"));
    const preview = ok(await fleet(["preview", "--fleet", tokyo, "--concurrency", "2"]));
    expect(summaryRows(preview.stdout)).to.deep.equal(
      ["pro-prod", "enterprise-prod"].flatMap((s) =>
        [1, 2].map((i) => [s, `${s}-0${i}`, `~ ${TZ_KEY}`, "W. Europe Standard Time → Tokyo Standard Time"]),
      ),
    );
    expect(preview.stdout).to.contain("2 of 4 stack(s) change; unchanged: pro-dev, enterprise-dev");
    const newPassword = ok(await fleet(["preview", "--stack", "pro-dev"], { FLEET_ADMIN_PASSWORD: OTHER_PASSWORD }));
    const rows = summaryRows(newPassword.stdout);
    expect(rows.length).to.be.greaterThan(0);
    for (const row of rows) expect(row[3]).to.equal("[secret] → [secret]");
  });

  it("two processes update two stacks at once", async () => {
    const tokyo = path.join(tmp, "tokyo.json");
    const [a, b] = await Promise.all([
      fleet(["up", "--fleet", tokyo, "--stack", "pro-prod"]),
      fleet(["up", "--fleet", tokyo, "--stack", "enterprise-prod"]),
    ]);
    expect(ok(a).stdout).to.contain("updated: pro-prod (succeeded)");
    expect(ok(b).stdout).to.contain("updated: enterprise-prod (succeeded)");
    // both updates are in the state
    const preview = ok(await fleet(["preview", "--fleet", tokyo]));
    expect(preview.stdout.trim()).to.match(/^0 of 4 stack\(s\) change/);
    expect(fs.readFileSync(path.join(dir, "out", "enterprise-prod", "enterprise-prod-02.xml"), "utf8")).to.contain("Tokyo Standard Time");
  });

  it("one stack from two processes: the second gets Pulumi's lock error, cleanly, and the first's update is kept", async () => {
    // the first process's update holds the lock a while: 40 files instead of 2
    const first = fleetFile("first.json", (f) => {
      f.environments[0].timeZone = "Pacific Standard Time";
      f.environments[0].files = 40;
    });
    const second = fleetFile("second.json", (f) => (f.environments[0].timeZone = "Eastern Standard Time"));
    const locks = () => pg!.query("SELECT key FROM pulumi_state WHERE key LIKE '%.pulumi/locks/%'").trim();
    const a = fleet(["up", "--fleet", first, "--stack", "pro-dev"]);
    // the second starts once the first holds the stack's lock
    const deadline = Date.now() + 300_000;
    while (locks() === "" && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(locks(), "the first process took the lock").to.contain("pro-dev");
    const b = await fleet(["up", "--fleet", second, "--stack", "pro-dev"]);
    const firstRun = await a;
    ok(firstRun);
    expect(unleaked(b).code, `${b.stdout}\n${b.stderr}`).to.equal(1);
    expect(b.stderr).to.match(/the stack is currently locked by 1 lock\(s\)/);
    expect(b.stderr).to.not.match(/panic|TypeError|at .*\.js:\d+/);
    expect(locks(), "no lock left behind").to.equal("");
    // nothing lost: the first's 40 files with its time zone are the state; the second's change is still to make
    expect(ok(await fleet(["preview", "--fleet", first, "--stack", "pro-dev"])).stdout.trim()).to.match(/^0 of 1 stack\(s\) change/);
    expect(answerFiles().filter((f) => f.startsWith("pro-dev/")).length).to.equal(40);
    expect(fs.readFileSync(path.join(dir, "out", "pro-dev", "pro-dev-40.xml"), "utf8")).to.contain("Pacific Standard Time");
    // and the second, run again, goes through (its 2 files replace the 40)
    ok(await fleet(["up", "--fleet", second, "--stack", "pro-dev"]));
    expect(answerFiles().filter((f) => f.startsWith("pro-dev/")).length).to.equal(2);
    expect(fs.readFileSync(path.join(dir, "out", "pro-dev", "pro-dev-01.xml"), "utf8")).to.contain("Eastern Standard Time");
  });

  it("keeps the password, its encoded forms and the files' digests out of the database", async () => {
    const dump = pg!.dump();
    // the backend stores each blob base64-encoded in a JSON column: read those too
    const blobs = pg!
      .query("SELECT data->>'data' FROM pulumi_state")
      .split("\n")
      .filter(Boolean)
      .map((b) => Buffer.from(b, "base64").toString("utf8"));
    const text = [dump, ...blobs].join("\n");
    expect(blobs.join("\n")).to.contain("unattend:index:UnattendFile");
    const digests = answerFiles().map((f) => {
      const xml = fs.readFileSync(path.join(dir, "out", f), "utf8");
      expect(xml).to.contain("<PlainText>false</PlainText>");
      return require("node:crypto").createHash("sha256").update(xml, "utf8").digest("hex") as string;
    });
    expect(digests.length).to.be.greaterThan(0);
    for (const secret of [
      PASSWORD,
      OTHER_PASSWORD,
      Buffer.from(PASSWORD + "Password", "utf16le").toString("base64"),
      Buffer.from(PASSWORD + "AdministratorPassword", "utf16le").toString("base64"),
      ...digests,
    ])
      expect(text.includes(secret), `the database holds ${secret.slice(0, 6)}...`).to.equal(false);
  });

  it("destroy removes every answer file, and every stack with its history and backups", async () => {
    expect(pg!.query("SELECT count(*) FROM pulumi_state WHERE key LIKE '%.pulumi/history/%'").trim()).to.not.equal("0");
    ok(await fleet(["destroy", "--concurrency", "2"]));
    expect(answerFiles()).to.deep.equal([]);
    // what is left: the backend's own meta.yaml
    expect(pg!.query("SELECT key FROM pulumi_state ORDER BY key").trim()).to.equal("postgres/.pulumi/meta.yaml");
  });
});
