/**
 * Start-up cost of the "unattend" package (plugin/) as another language's program
 * pays it: `pulumi package get-schema plugin/` (the CLI starts the Node.js host,
 * which runs plugin/index.js and asks it for the schema), with the analysis cache
 * removed and with it in place; and the same package served by @pulumi/pulumi's
 * own componentProviderHost (a folder whose index.js only exports UnattendFile,
 * written under build/), which analyses the source on every start. Needs the
 * official Node.js host (skipped, saying why, without it).
 *
 *   npm run build && npm run build:lib && node build/bench/plugin.bench.js
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { machine } from "./stats";

const REPO = path.resolve(__dirname, "../..");
const RUNS = 5;

const cli = require(path.join(REPO, "scripts", "pulumi.js")) as {
  ensureCli(): string;
  minimalHostBin(): string | undefined;
  pulumiEnv(bin: string): Record<string, string>;
};

const caches = () => fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith("pulumi-unattend-schema-"));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function main() {
  const bin = cli.ensureCli();
  if (bin === cli.minimalHostBin()) {
    console.log("skipped: the package needs the official Node.js language host (no ../shared/pulumi-language-nodejs, no Pulumi on PATH)");
    return;
  }
  if (!fs.existsSync(path.join(REPO, "lib", "pulumi", "unattendFile.js"))) throw new Error("run npm run build:lib first");
  const stock = stockPlugin();
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "unattend-bench-"));
  const env = { ...cli.pulumiEnv(bin), PULUMI_HOME: home };
  const time = (cold: boolean, dir = path.join(REPO, "plugin")) => {
    if (cold) for (const f of caches()) fs.rmSync(path.join(os.tmpdir(), f));
    const start = process.hrtime.bigint();
    const r = spawnSync(path.join(bin, "pulumi"), ["package", "get-schema", dir], {
      env,
      encoding: "utf8",
      maxBuffer: 64 << 20,
    });
    if (r.status !== 0) throw new Error(r.stderr);
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  time(false); // warm the file cache
  time(false, stock);
  const cold: number[] = [];
  const warm: number[] = [];
  const host: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    cold.push(time(true));
    warm.push(time(false));
    host.push(time(false, stock));
  }
  fs.rmSync(home, { recursive: true, force: true });
  console.log(`machine: ${machine()}`);
  console.log(`date: ${new Date().toISOString().slice(0, 10)}`);
  console.log(`pulumi package get-schema plugin/, median of ${RUNS} interleaved runs:`);
  console.log(`  plugin/index.js, analysis redone (no cache)                 ${median(cold).toFixed(0)} ms`);
  console.log(`  plugin/index.js, analysis cached                            ${median(warm).toFixed(0)} ms`);
  console.log(`  componentProviderHost (index.js exports UnattendFile only)  ${median(host).toFixed(0)} ms`);
}

/**
 * The same package as @pulumi/pulumi's run-plugin hosts it by itself: index.js exports the component, and
 * run-plugin starts componentProviderHost, which analyses index.ts on every start (no renamed attributes, no cache).
 */
function stockPlugin(): string {
  const dir = path.join(REPO, "build", "plugin-stock");
  fs.mkdirSync(dir, { recursive: true });
  const files: Record<string, string> = {
    "PulumiPlugin.yaml": "runtime: nodejs\n",
    "package.json": JSON.stringify({ ...require(path.join(REPO, "plugin", "package.json")), scripts: undefined }, null, 2),
    "tsconfig.json": JSON.stringify({
      extends: path.join(REPO, "tsconfig.json"),
      compilerOptions: { types: ["node"], noEmit: true },
      files: ["index.ts"],
      include: [],
    }),
    "index.ts": `export { UnattendFile } from ${JSON.stringify(path.join(REPO, "components", "pulumi", "unattendFile"))};\n`,
    "index.js": `"use strict";\nexports.UnattendFile = require(${JSON.stringify(path.join(REPO, "lib", "pulumi", "unattendFile.js"))}).UnattendFile;\n`,
  };
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

main();
