/**
 * The Go SDK of the "unattend" package, as a Go user gets it: the schema's type count, the size of
 * the SDK that `pulumi package add <repo>/plugin` generates, and, with a warm module cache and a
 * build cache that holds the Pulumi Go SDK already compiled (what any earlier Go program leaves
 * there; the Pulumi SDK's own compile, measured once, is the same for every version of this
 * package), the time `go build` takes to compile examples/go (the flags the Go language host builds
 * with) and the first `pulumi up` of examples/go, on the real CLI and Go host.
 *
 * The program folder is set up as tests/engine/go.test.ts does (`pulumi package add`, `go get
 * github.com/pulumi/pulumi/sdk/v3@<CLI version>`, `go mod tidy`); `node_modules` is linked from
 * this repository until the package serves its state resource itself.
 *
 *   npm run build:lib && npm run build && node build/bench/gosdk.bench.js
 *   BENCH_REPO=/tmp/before node build/bench/gosdk.bench.js   # another checkout (built with build:lib)
 *
 * Times are wall clock and, beside them, CPU time (user + system, of the command and its children):
 * on a shared machine the CPU time says more. BENCH_REPS (default 1) repeats the `go build`s;
 * BENCH_UP=0 skips `pulumi up`; BENCH_COLD=1 adds a `go build` with a cold build cache (the
 * Pulumi SDK's compile is the same for every version of this package: the other times leave it out).
 */
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { machine } from "./stats";

const HERE = path.resolve(__dirname, "../..");
const REPO = path.resolve(process.env.BENCH_REPO ?? HERE);
const REPS = Number(process.env.BENCH_REPS ?? 1);
const UP = process.env.BENCH_UP !== "0";
const COLD = process.env.BENCH_COLD === "1";

const cli = require(path.join(HERE, "scripts", "pulumi.js")) as {
  ensureHost(language: "go"): { bin: string } | { skip: string };
  pulumiEnv(bin: string): Record<string, string>;
};

/** Runs cmd; its wall-clock time, and the CPU time (user + system) of it and its children (/usr/bin/time). */
function run(cmd: string, args: string[], cwd: string, env: Record<string, string>): SpawnSyncReturns<string> & { seconds: number; cpu: number } {
  const timeFile = path.join(os.tmpdir(), `gosdk-bench-time-${process.pid}`);
  const timed = fs.existsSync("/usr/bin/time");
  const start = process.hrtime.bigint();
  const r = timed
    ? spawnSync("/usr/bin/time", ["-o", timeFile, "-f", "%U %S", cmd, ...args], { cwd, env, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 })
    : spawnSync(cmd, args, { cwd, env, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  let cpu = NaN;
  if (timed) {
    const [user, sys] = fs.readFileSync(timeFile, "utf8").trim().split("\n").pop()!.split(" ").map(Number);
    cpu = user + sys;
    fs.rmSync(timeFile, { force: true });
  }
  return { ...r, seconds, cpu };
}

/** "12.3 s (CPU 20.1 s)": wall clock, and the CPU time, which another load on the machine changes less. */
const secs = (r: { seconds: number; cpu: number }) => `${r.seconds.toFixed(1)} s (CPU ${r.cpu.toFixed(1)} s)`;

function sizeOf(dir: string, ext?: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  for (const f of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!f.isFile() || (ext && !f.name.endsWith(ext))) continue;
    bytes += fs.statSync(path.join(f.parentPath, f.name)).size;
    files++;
  }
  return { bytes, files };
}

const mb = (n: number) => `${(n / 1e6).toFixed(2)} MB`;

function main(): void {
  const host = cli.ensureHost("go");
  if ("skip" in host) throw new Error(`no Go language host: ${host.skip}`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "unattend-gosdk-bench-"));
  try {
    const env: Record<string, string> = {
      ...cli.pulumiEnv(host.bin),
      PULUMI_BACKEND_URL: `file://${path.join(tmp, "state")}`,
      PULUMI_CONFIG_PASSPHRASE: "bench-passphrase",
      PULUMI_HOME: path.join(tmp, "home"),
    };
    delete env.PULUMI_CONFIG_PASSPHRASE_FILE;
    fs.mkdirSync(path.join(tmp, "state"));
    const dir = path.join(tmp, "go-program");
    fs.mkdirSync(dir);
    for (const f of ["Pulumi.yaml", "main.go", "go.mod"]) fs.copyFileSync(path.join(REPO, "examples", "go", f), path.join(dir, f));
    fs.symlinkSync(path.join(HERE, "node_modules"), path.join(dir, "node_modules"), "dir");
    const pulumi = (args: string[], extra: Record<string, string> = {}) => run(path.join(host.bin, "pulumi"), args, dir, { ...env, ...extra });
    const go = (args: string[], extra: Record<string, string> = {}) => run("go", args, dir, { ...env, ...extra });

    const add = pulumi(["package", "add", path.join(REPO, "plugin")]);
    const version = fs.readFileSync(path.join(HERE, "tools", "pulumi-cli", "VERSION"), "utf8").trim();
    go(["get", `github.com/pulumi/pulumi/sdk/v3@${version}`]);
    go(["mod", "tidy"]);

    const schema = JSON.parse(pulumi(["package", "get-schema", path.join(REPO, "plugin")]).stdout) as {
      types: Record<string, { enum?: unknown[] }>;
    };
    const types = Object.values(schema.types);
    const enums = types.filter((t) => t.enum).length;
    const sdk = path.join(dir, "sdks", "unattend");
    const goFiles = sizeOf(sdk, ".go");
    const typesFile = fs.statSync(path.join(sdk, "unattend", "pulumiTypes.go")).size;

    console.log(`Go SDK of the unattend package (${REPO}), ${machine()}, ${os.loadavg()[0].toFixed(1)} load, ${new Date().toISOString()}`);
    console.log(`schema: ${types.length} types (${types.length - enums} objects, ${enums} enums), ${JSON.stringify(schema).length} bytes`);
    console.log(`SDK: ${mb(sizeOf(sdk).bytes)} in all, ${goFiles.files} .go files ${mb(goFiles.bytes)}, pulumiTypes.go ${mb(typesFile)}`);
    console.log(`pulumi package add: ${secs(add)}`);

    // the flags the Go language host builds with
    const buildArgs = (pkg: string) => ["build", "-buildvcs=false", "-trimpath", "-ldflags", "-w -s", "-o", path.join(tmp, "program"), pkg];
    // a build cache that holds the Pulumi Go SDK already (what any earlier Go program of the user's
    // leaves there): a program that imports only it, built with the same flags
    fs.mkdirSync(path.join(dir, "warm"));
    fs.writeFileSync(
      path.join(dir, "warm", "main.go"),
      `package main\n\nimport (\n\t"github.com/pulumi/pulumi/sdk/v3/go/pulumi"\n\t"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"\n)\n\n` +
        `func main() {\n\tpulumi.Run(func(ctx *pulumi.Context) error { _ = config.New(ctx, ""); return nil })\n}\n`,
    );
    // the Pulumi SDK compiled once into a cache, copied for each use
    const sdkCache = fs.mkdtempSync(path.join(tmp, "gocache-"));
    const sdkAlone = go(buildArgs("./warm"), { GOCACHE: sdkCache });
    fs.rmSync(path.join(dir, "warm"), { recursive: true, force: true });
    const sdkWarmCache = () => {
      const cache = fs.mkdtempSync(path.join(tmp, "gocache-"));
      fs.cpSync(sdkCache, cache, { recursive: true });
      return cache;
    };
    console.log(`go build of a program that imports only the Pulumi SDK, cold build cache: ${secs(sdkAlone)}`);
    for (let i = 0; i < REPS; i++) {
      const cache = sdkWarmCache();
      const w = go(buildArgs("."), { GOCACHE: cache });
      fs.rmSync(cache, { recursive: true, force: true });
      console.log(`go build of examples/go, with the Pulumi SDK already compiled: ${secs(w)}`);
      if (COLD) {
        const cold = fs.mkdtempSync(path.join(tmp, "gocache-"));
        const b = go(buildArgs("."), { GOCACHE: cold });
        fs.rmSync(cold, { recursive: true, force: true });
        console.log(`go build of examples/go, cold build cache: ${secs(b)}`);
      }
    }

    if (UP) {
      pulumi(["stack", "init", "bench"]);
      pulumi(["config", "set", "path", path.join(tmp, "out", "autounattend.xml")]);
      pulumi(["config", "set", "--secret", "adminPassword", "bench-Passw0rd"]);
      const cache = sdkWarmCache();
      const up = pulumi(["up", "--yes"], { GOCACHE: cache });
      const again = pulumi(["up", "--yes"], { GOCACHE: cache });
      pulumi(["destroy", "--yes"], { GOCACHE: cache });
      console.log(`first pulumi up of examples/go, with the Pulumi SDK already compiled: ${secs(up)}; the next up (no change): ${secs(again)}`);
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main();
