/**
 * The fleet example's preview (examples/fleet: one stack per edition ×
 * environment, each with F UnattendFiles) of S stacks, one stack at a time
 * against a pool of 2 (or BENCH_CONCURRENCY) at once, interleaved, with the
 * real CLI through the Automation API. The stacks are created first (an `up`
 * of the whole fleet, not timed), and destroyed at the end.
 *
 *   npm run build:lib && npm run build && node build/bench/fleet.bench.js
 *   BENCH_STACKS=4 BENCH_FILES=2 BENCH_REPS=1 node build/bench/fleet.bench.js
 *
 * BENCH_STACKS (default 20: 4 editions × 5 environments; a multiple of 4 or
 * fewer than 4), BENCH_FILES (files per stack, default 10), BENCH_REPS (default
 * 2), BENCH_CONCURRENCY (default "1,2"). The backend is a file:// folder, or
 * BENCH_BACKEND_URL (e.g. a postgres:// URL).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PulumiCommand } from "@pulumi/pulumi/automation";
import type * as FleetModule from "../examples/fleet/fleet";
import type { Fleet } from "../examples/fleet/layers";
import { linkPackage } from "../tests/blocks.examples";
import { machine } from "./stats";

const REPO = path.resolve(__dirname, "../..");
const STACKS = Number(process.env.BENCH_STACKS ?? 20);
const FILES = Number(process.env.BENCH_FILES ?? 10);
const REPS = Number(process.env.BENCH_REPS ?? 2);
const CONCURRENCY = (process.env.BENCH_CONCURRENCY ?? "1,2").split(",").map(Number);

const cli = require(path.join(REPO, "scripts", "pulumi.js")) as {
  ensureCli(): string;
  pulumiEnv(bin: string): Record<string, string>;
};

/** S stacks: up to 4 editions × as many environments as it takes. */
function fleetOf(stacks: number, files: number): Fleet {
  const editions = Math.min(4, stacks);
  if (stacks % editions !== 0) throw new Error(`BENCH_STACKS=${stacks}: expected fewer than 4 or a multiple of 4`);
  return {
    editions: Array.from({ length: editions }, (_, i) => ({ name: `ed${i + 1}`, imageIndex: i + 1, windowsSize: 81920 })),
    environments: Array.from({ length: stacks / editions }, (_, i) => ({
      name: `env${i + 1}`,
      computerPrefix: `E${i + 1}`,
      timeZone: "UTC",
      files,
    })),
  };
}

async function main(): Promise<void> {
  const bin = cli.ensureCli();
  linkPackage(); // build/node_modules/pulumi-unattend: the compiled example's import of the package
  const { destroyFleet, previewFleet, upFleet } = require(path.join(REPO, "build", "examples", "fleet", "fleet")) as typeof FleetModule;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "unattend-fleet-bench-"));
  // the engine starts UnattendFile's provider in the work dir: under build/, it resolves this repo's node_modules
  const workDir = fs.mkdtempSync(path.join(REPO, "build", "bench-fleet-"));
  fs.writeFileSync(path.join(workDir, "Pulumi.yaml"), "name: unattend-fleet\nruntime: nodejs\n");
  fs.mkdirSync(path.join(tmp, "state"));
  const envVars = {
    ...cli.pulumiEnv(bin),
    PULUMI_BACKEND_URL: process.env.BENCH_BACKEND_URL ?? `file://${path.join(tmp, "state")}`,
    PULUMI_CONFIG_PASSPHRASE: "bench-passphrase",
    PULUMI_HOME: path.join(tmp, "home"),
  };
  const options = {
    fleet: fleetOf(STACKS, FILES),
    workDir,
    outDir: path.join(tmp, "out"),
    adminPassword: "Bench-Adm1n",
    concurrency: 2,
    envVars,
    pulumiCommand: await PulumiCommand.get({ root: path.dirname(bin), skipVersionCheck: true }),
  };
  console.log(`# fleet preview: ${STACKS} stacks × ${FILES} files, ${REPS} rep(s); ${machine()}, load ${os.loadavg()[0].toFixed(1)}`);
  try {
    let start = Date.now();
    const { updates } = await upFleet(options);
    if (updates.some((u) => u.result !== "succeeded")) throw new Error(`the fleet's up failed: ${JSON.stringify(updates)}`);
    console.log(`(up of the fleet, concurrency 2, not compared: ${((Date.now() - start) / 1000).toFixed(1)} s)`);
    const times = new Map<number, number[]>(CONCURRENCY.map((c) => [c, []]));
    for (let rep = 0; rep < REPS; rep++)
      for (const concurrency of rep % 2 === 0 ? CONCURRENCY : [...CONCURRENCY].reverse()) {
        start = Date.now();
        const previews = await previewFleet({ ...options, concurrency });
        const seconds = (Date.now() - start) / 1000;
        if (previews.some((p) => p.changing > 0)) throw new Error("a no-change preview found changes");
        times.get(concurrency)!.push(seconds);
        console.log(`rep ${rep + 1}, concurrency ${concurrency}: ${seconds.toFixed(1)} s`);
      }
    const median = (xs: number[]) => {
      const sorted = [...xs].sort((a, b) => a - b);
      const mid = Math.floor(sorted.length / 2);
      return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    };
    const base = median(times.get(CONCURRENCY[0])!);
    console.log(`\n| concurrency | fleet preview (runs) | median | per stack | vs ${CONCURRENCY[0]} |\n| --- | --- | --- | --- | --- |`);
    for (const [c, xs] of times)
      console.log(
        `| ${c} | ${xs.map((x) => x.toFixed(1)).join(", ")} s | ${median(xs).toFixed(1)} s | ${(median(xs) / STACKS).toFixed(2)} s | ${(base / median(xs)).toFixed(2)}× |`,
      );
  } finally {
    await destroyFleet(options).catch((err: Error) => console.error(`destroy failed: ${err.message}`));
    fs.rmSync(workDir, { recursive: true, force: true });
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err: Error) => {
  console.error(err.stack ?? err.message);
  process.exitCode = 1;
});
