/**
 * Type-checking cost of the generated settings types: `tsc --noEmit` of a
 * Pulumi program that sets 50 settings through UnattendFile (the input form),
 * and of one that renders the same settings with renderUnattend (the plain
 * form, derived with Plain<>), against the same program without this package
 * (the same literal passed to a local function).
 * Uses the published form (lib/*.d.ts), with TypeScript 7 (native) and 5.9
 * (the version Pulumi's Node.js runtime uses). Target: ratio < 1.5.
 *
 *   npm run build:lib && npm run build && node build/bench/tsc.bench.js
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { PASSES, catalog, type Element, type ValueType } from "../components/catalog";
import { machine } from "./stats";

const REPO = path.resolve(__dirname, "../..");
const RUNS = 7;
const SETTINGS = 50;

function sample(t: ValueType): string {
  switch (t.kind) {
    case "boolean":
      return "true";
    case "integer":
      return String(t.min ?? 1);
    case "enum":
      return /^-?\d+$/.test(t.values[0]) && t.values.every((v) => /^-?\d+$/.test(v)) ? t.values[0] : JSON.stringify(t.values[0]);
    case "string":
      return JSON.stringify("x".repeat(Math.min(4, t.maxLength ?? 4)));
  }
}

/** 50 simple, non-deprecated top-level settings spread over components, as a settings literal. */
function settingsLiteral(): string {
  const byPass = new Map<string, Map<string, string[]>>();
  let count = 0;
  for (let round = 0; count < SETTINGS && round < 20; round++) {
    for (const c of catalog.components) {
      const values = c.settings.filter((s): s is Element & { kind: "value" } => s.kind === "value" && !s.deprecated);
      const s = values[round];
      if (!s || count >= SETTINGS) continue;
      const pass = PASSES.find((p) => s.passes!.includes(p))!;
      const comps = byPass.get(pass) ?? new Map<string, string[]>();
      byPass.set(pass, comps);
      comps.set(c.name, [...(comps.get(c.name) ?? []), `${s.name}: ${sample(s.type)}`]);
      count++;
    }
  }
  const lines = ["{"];
  for (const [pass, comps] of byPass) {
    lines.push(`  ${pass}: {`);
    for (const [name, entries] of comps) lines.push(`    ${JSON.stringify(name)}: { ${entries.join(", ")} },`);
    lines.push("  },");
  }
  lines.push("}");
  return lines.join("\n");
}

function writeFixtures(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const literal = settingsLiteral();
  const libImport = path.relative(dir, path.join(REPO, "lib")).split(path.sep).join("/");
  fs.writeFileSync(
    path.join(dir, "with.ts"),
    `import * as pulumi from "@pulumi/pulumi";\nimport { UnattendFile } from "${libImport}";\n\n` +
      `const file = new UnattendFile("bench", { settings: ${literal}, path: "out/unattend.xml" });\nexport const xml: pulumi.Output<string> = file.xml;\n`,
  );
  fs.writeFileSync(
    path.join(dir, "plain.ts"),
    `import { renderUnattend } from "${libImport}";\n\n` + `export const xml: string = renderUnattend({ settings: ${literal} });\n`,
  );
  fs.writeFileSync(
    path.join(dir, "without.ts"),
    `import * as pulumi from "@pulumi/pulumi";\n\n` +
      `function unattendFile(name: string, args: { settings: Record<string, Record<string, Record<string, unknown>>>; path?: string }): pulumi.Output<string> {\n  return pulumi.output(name + JSON.stringify(args));\n}\n\n` +
      `export const xml: pulumi.Output<string> = unattendFile("bench", { settings: ${literal}, path: "out/unattend.xml" });\n`,
  );
  for (const name of ["with", "plain", "without"]) {
    fs.writeFileSync(
      path.join(dir, `tsconfig.${name}.json`),
      JSON.stringify(
        {
          compilerOptions: {
            target: "es2022",
            module: "nodenext",
            moduleResolution: "nodenext",
            strict: true,
            noEmit: true,
            skipLibCheck: true,
            types: [],
          },
          files: [`${name}.ts`],
        },
        null,
        2,
      ),
    );
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Median wall time of tsc on each program; the runs are interleaved so that a busy machine slows all alike. */
function timeTsc(tsc: string, dir: string, names: string[]): Record<string, number> {
  const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let i = 0; i < RUNS + 1; i++) {
    for (const name of names) {
      const start = process.hrtime.bigint();
      const r = spawnSync(process.execPath, [tsc, "-p", path.join(dir, `tsconfig.${name}.json`)], { encoding: "utf8" });
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (r.status !== 0) throw new Error(`tsc failed on ${name}.ts:\n${r.stdout}${r.stderr}`);
      if (i > 0) samples[name].push(ms); // the first round warms the file cache
    }
  }
  return Object.fromEntries(names.map((n) => [n, median(samples[n])]));
}

function main() {
  if (!fs.existsSync(path.join(REPO, "lib", "index.d.ts"))) throw new Error("run npm run build:lib first");
  const dir = path.join(REPO, "build", "bench-tsc");
  writeFixtures(dir);
  console.log(`machine: ${machine()}`);
  console.log(`date: ${new Date().toISOString().slice(0, 10)}`);
  const declarations = fs.readdirSync(path.join(REPO, "lib", "generated")).filter((f) => f.endsWith(".d.ts"));
  const bytes = declarations.reduce((n, f) => n + fs.statSync(path.join(REPO, "lib", "generated", f)).size, 0);
  console.log(`generated declarations: ${declarations.join(", ")} (${(bytes / 1e6).toFixed(2)} MB)`);
  console.log(
    `program: ${SETTINGS} settings through UnattendFile / renderUnattend vs the same literal without this package; median of ${RUNS} interleaved runs of tsc --noEmit`,
  );
  for (const [label, tsc] of [
    ["TypeScript 7 (native)", path.join(REPO, "node_modules", "typescript-native", "bin", "tsc")],
    ["TypeScript 5.9", path.join(REPO, "node_modules", "typescript", "bin", "tsc")],
  ] as const) {
    const { with: withMs, plain: plainMs, without: withoutMs } = timeTsc(tsc, dir, ["with", "plain", "without"]);
    console.log(
      `  ${label.padEnd(22)} UnattendFile ${withMs.toFixed(0).padStart(5)} ms (ratio ${(withMs / withoutMs).toFixed(2)}x)   ` +
        `renderUnattend ${plainMs.toFixed(0).padStart(5)} ms (ratio ${(plainMs / withoutMs).toFixed(2)}x)   without ${withoutMs.toFixed(0).padStart(5)} ms`,
    );
  }
}

main();
