/**
 * The layout's promises, read from the source's own imports: the pure core
 * (components/core) never reaches up into the Pulumi layer, the CLI or the
 * blocks, and loads @pulumi/pulumi only for types; the catalog and the
 * generated types stand on their own; and no file reaches itself through a
 * circle of imports. docs/architecture.md draws the same picture in words.
 */
import { expect } from "chai";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO } from "./helpers";

const ROOT = path.join(REPO, "components");

interface Import {
  /** Repository-relative path of the file imported, or the package's name. */
  target: string;
  /** `import type` / `export type`: gone at run time. */
  typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return e.name.endsWith(".ts") && !e.name.endsWith(".d.ts") ? [full] : [];
  });
}

function resolveRelative(from: string, spec: string): string {
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, path.join(base, "index.ts")]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return path.relative(REPO, candidate).split(path.sep).join("/");
  }
  throw new Error(`${path.relative(REPO, from)}: cannot resolve ${spec}`);
}

/** Every module a file names: static imports and re-exports, `require("…")` and type-level `import("…")`. */
function importsOf(file: string): Import[] {
  const text = fs.readFileSync(file, "utf8");
  const found: Import[] = [];
  const add = (spec: string, typeOnly: boolean) =>
    found.push({
      target: spec.startsWith(".")
        ? resolveRelative(file, spec)
        : spec
            .split("/")
            .slice(0, spec.startsWith("@") ? 2 : 1)
            .join("/"),
      typeOnly,
    });
  for (const m of text.matchAll(/^\s*(import|export)\s+(type\s+)?[^;]*?\sfrom\s+"([^"]+)"/gms)) add(m[3], Boolean(m[2]));
  for (const m of text.matchAll(/^\s*import\s+"([^"]+)"/gm)) add(m[1], false);
  for (const m of text.matchAll(/\brequire\("([^"]+)"\)/g)) add(m[1], false);
  for (const m of text.matchAll(/\btypeof import\("([^"]+)"\)/g)) add(m[1], true);
  return found;
}

const graph = new Map<string, Import[]>(sourceFiles(ROOT).map((f) => [path.relative(REPO, f).split(path.sep).join("/"), importsOf(f)]));
const under = (dir: string) => [...graph.keys()].filter((f) => f.startsWith(`components/${dir}/`));

describe("the layout (components/)", () => {
  it("finds the files it checks", () => {
    expect(under("core").length).to.be.above(40);
    expect(under("pulumi").length).to.be.above(8);
  });

  it("the pure core imports nothing of the Pulumi layer, the CLI, the blocks or the entries; @pulumi/pulumi only for types", () => {
    const wrong: string[] = [];
    for (const file of under("core")) {
      for (const i of graph.get(file)!) {
        if (/^components\/(pulumi|cli|blocks)\//.test(i.target) || /^components\/(index|pure)\.ts$/.test(i.target))
          wrong.push(`${file} -> ${i.target}`);
        if (i.target === "@pulumi/pulumi" && !i.typeOnly) wrong.push(`${file} loads @pulumi/pulumi at run time`);
      }
    }
    expect(wrong).to.deep.equal([]);
  });

  it("the catalog and the generated types import nothing of the rest", () => {
    const wrong = [...under("catalog"), ...under("generated")].flatMap((file) =>
      graph
        .get(file)!
        .filter((i) => i.target.startsWith("components/") && !/^components\/(catalog|generated)\//.test(i.target))
        .map((i) => `${file} -> ${i.target}`),
    );
    expect(wrong).to.deep.equal([]);
  });

  it("the blocks and the Pulumi layer do not import the CLI; nothing imports the entries but the entries", () => {
    const wrong: string[] = [];
    for (const [file, imports] of graph) {
      for (const i of imports) {
        if (/^components\/(blocks|pulumi)\//.test(file) && i.target.startsWith("components/cli/")) wrong.push(`${file} -> ${i.target}`);
        if (!/^components\/(index|pure)\.ts$/.test(file) && /^components\/(index|pure)\.ts$/.test(i.target)) wrong.push(`${file} -> ${i.target}`);
      }
    }
    expect(wrong).to.deep.equal([]);
  });

  it("has no circle of imports between files (types included)", () => {
    const circles: string[] = [];
    const state = new Map<string, "open" | "done">();
    const stack: string[] = [];
    const visit = (file: string): void => {
      state.set(file, "open");
      stack.push(file);
      for (const { target } of graph.get(file) ?? []) {
        if (!graph.has(target)) continue;
        if (state.get(target) === "open") circles.push([...stack.slice(stack.indexOf(target)), target].join(" -> "));
        else if (!state.has(target)) visit(target);
      }
      stack.pop();
      state.set(file, "done");
    };
    for (const file of [...graph.keys()].sort()) if (!state.has(file)) visit(file);
    expect(circles).to.deep.equal([]);
  });
});
