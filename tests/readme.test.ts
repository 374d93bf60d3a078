/**
 * The README and the guides in docs/: the two commands, the generated
 * sections (tools/readme), every TypeScript block compiled against the API,
 * the other languages' programs equal to the examples the engine tests run,
 * every `npm run` a script, and every relative link and anchor resolving.
 */
import { expect } from "chai";
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { spawnSync } from "node:child_process";
import requireFromString from "require-from-string";
import ts from "typescript";
import { validateUnattendXml } from "../components";
import { DIAGNOSTIC_CODES } from "../components/core/diagnostics";
import { RULES } from "../components/core/rules";
import { SECTIONS } from "../tools/readme/generated";
import { codeBlocks, REPO, readRepoFile, tsc, type CodeBlock } from "./helpers";
import { recordingMocks, valueOf } from "./mocks";

/** README.md and every docs/*.md, from the repository's root. */
const DOCS = [
  "README.md",
  ...fs
    .readdirSync(path.join(REPO, "docs"))
    .filter((f) => f.endsWith(".md"))
    .sort()
    .map((f) => `docs/${f}`),
];

/** The text outside code blocks. */
function withoutBlocks(text: string): string {
  return text.replace(/^```[^\n]*\n[\s\S]*?^```$/gm, "");
}

/** The text outside code blocks and code spans, where links are read. */
function prose(text: string): string {
  return withoutBlocks(text).replace(/`[^`\n]*`/g, "``");
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens; repeats get -1, -2... */
export function anchors(text: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const m of withoutBlocks(text).matchAll(/^#{1,6}\s+(.*?)\s*#*\s*$/gm)) {
    const heading = m[1].replace(/\[([^\]]*)\]\([^)]*\)/g, "$1");
    const base = heading
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, "")
      .replace(/\s/g, "-");
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

/** Every problem with the relative links of `file`: a missing file, or an anchor no heading of the target has. */
export function brokenLinks(file: string, text: string, read: (rel: string) => string | undefined): string[] {
  const problems: string[] = [];
  for (const m of prose(text).matchAll(/\]\(([^)\s]+)\)/g)) {
    const target = m[1];
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:
    const [rel, anchor] = target.split("#", 2);
    const targetFile = rel === "" ? file : path.posix.normalize(path.posix.join(path.posix.dirname(file), rel));
    const targetText = read(targetFile);
    if (targetText === undefined) {
      problems.push(`${file}: the link ${target} names ${targetFile}, which does not exist`);
      continue;
    }
    if (anchor !== undefined && !anchors(targetText).has(anchor))
      problems.push(`${file}: the link ${target}: ${targetFile} has no heading with the anchor #${anchor}`);
  }
  return problems;
}

describe("README and docs/", function () {
  this.timeout(120_000);
  const readme = readRepoFile("README.md");
  const texts = new Map(DOCS.map((f) => [f, readRepoFile(f)]));

  it("README is at most 300 lines", () => {
    expect(readme.trimEnd().split("\n").length).to.be.at.most(300);
  });

  it("starts with the two commands: the main job and the tests, which CI runs", () => {
    const first = codeBlocks("README.md", readme)[0];
    expect(first.lang).to.equal("sh");
    const commands = first.code
      .split("\n")
      .map((l) => l.replace(/#.*/, "").trim())
      .filter(Boolean);
    expect(commands).to.deep.equal(["npm install && npm run up", "npm test"]);
    // .ci/run runs the README's test command, after installing from scratch
    const ci = readRepoFile(".ci/run");
    expect(ci.split("\n").map((l) => l.trim())).to.include("npm test");
  });

  it("names only npm scripts that package.json has", () => {
    const scripts = Object.keys(JSON.parse(readRepoFile("package.json")).scripts as Record<string, string>);
    const missing: string[] = [];
    for (const [file, text] of texts)
      for (const m of text.matchAll(/\bnpm run (?:--silent )?([\w:-]+)/g)) if (!scripts.includes(m[1])) missing.push(`${file}: npm run ${m[1]}`);
    expect(missing).to.deep.equal([]);
    expect(scripts).to.include.members(["up", "test", "readme", "catalog", "pulumi"]);
  });

  it("has up-to-date generated sections (npm run readme; the component table also npm run catalog)", () => {
    expect(SECTIONS.map((s) => s.name)).to.include.members(["components", "rules", "diagnostic-codes", "secrets"]);
    for (const s of SECTIONS) {
      const text = texts.get(s.file);
      expect(text, `${s.file} (section ${s.name}) is not among the docs`).to.be.a("string");
      expect(s.regenerate(text!) === text, `${s.file}'s ${s.name} section is out of date: run ${s.command}`).to.equal(true);
    }
    const validation = texts.get("docs/validation.md")!;
    for (const code of Object.keys(DIAGNOSTIC_CODES)) expect(validation).to.contain(`| \`${code}\` |`);
  });

  it("states the catalog's and the secrets' counts as the generated sections do", () => {
    const counts = (pattern: RegExp) =>
      [...texts].flatMap(([file, text]) => [...text.matchAll(pattern)].map((m) => `${file}: ${m[1].replace(/,/g, "")} ${m[2]}`));
    const catalogLine = /^(\d+) components, (\d+) settings in all/m.exec(texts.get("docs/catalog.md")!)!;
    const secretsLine = /^(\d+) credentials and (\d+) confidential values, all kept secret/m.exec(texts.get("docs/trust.md")!)!;
    const components = counts(/(\d+)\s+components,\s+([\d,]+)\s+settings/g);
    const secrets = counts(/(\d+)\s+credentials\s+and\s+(\d+)\s+confidential\s+values/g);
    expect(components.length).to.be.greaterThan(2);
    expect(secrets.length).to.be.greaterThan(1);
    for (const c of components) expect(c.replace(/,/g, "")).to.match(new RegExp(` ${catalogLine[1]} ${catalogLine[2]}$`));
    for (const s of secrets) expect(s).to.match(new RegExp(` ${secretsLine[1]} ${secretsLine[2]}$`));
  });

  it("resolves every relative link and anchor between the README and the guides", () => {
    const read = (rel: string) => {
      const abs = path.join(REPO, rel);
      if (!fs.existsSync(abs)) return undefined;
      return fs.statSync(abs).isFile() ? fs.readFileSync(abs, "utf8") : "";
    };
    const problems = [...texts].flatMap(([file, text]) => brokenLinks(file, text, read));
    expect(problems).to.deep.equal([]);
    // every guide is reachable from the README
    const linked = new Set([...prose(readme).matchAll(/\]\((docs\/[^)#]+)/g)].map((m) => m[1]));
    expect(DOCS.filter((f) => f !== "README.md" && !linked.has(f))).to.deep.equal([]);
  });

  it("the link check fails on a missing file or anchor", () => {
    const read = (rel: string) => (rel === "docs/a.md" ? "# A title\n\n## Two `code` words\n" : undefined);
    expect(brokenLinks("README.md", "[a](docs/a.md#two-code-words) [b](docs/a.md#a-title)", read)).to.deep.equal([]);
    expect(brokenLinks("README.md", "[a](docs/a.md#nope) [b](docs/b.md) `[c](docs/c.md)`", read)).to.deep.equal([
      "README.md: the link docs/a.md#nope: docs/a.md has no heading with the anchor #nope",
      "README.md: the link docs/b.md names docs/b.md, which does not exist",
    ]);
  });

  it("shows the other languages' programs exactly as examples/ has them (the engine tests run them)", () => {
    const languages = texts.get("docs/languages.md")!;
    const blocks = codeBlocks("docs/languages.md", languages);
    const yaml = readRepoFile("examples/yaml/Pulumi.yaml");
    const go = readRepoFile("examples/go/main.go");
    const python = readRepoFile("examples/python/__main__.py");
    // the YAML program, then the Python project's Pulumi.yaml (python.test.ts checks its other files)
    expect(blocks.filter((b) => b.lang === "yaml").map((b) => b.code)).to.deep.equal([yaml, readRepoFile("examples/python/Pulumi.yaml")]);
    expect(blocks.filter((b) => b.lang === "go").map((b) => b.code)).to.deep.equal([go.slice(go.indexOf("func main()"))]);
    expect(blocks.filter((b) => b.lang === "python").map((b) => b.code)).to.deep.equal([python]);
  });

  it("shows the Packer template's lines as examples/packer/windows.pkr.hcl has them (its test checks the template)", () => {
    const squeeze = (line: string) => line.replace(/#.*/, "").replace(/\s+/g, " ").trim();
    const template = new Set(readRepoFile("examples/packer/windows.pkr.hcl").split("\n").map(squeeze));
    const blocks = DOCS.flatMap((f) => codeBlocks(f, texts.get(f)!)).filter((b) => b.lang === "hcl");
    expect(blocks.length).to.be.greaterThan(0);
    for (const b of blocks)
      for (const line of b.code.split("\n").map(squeeze).filter(Boolean)) expect(template.has(line), `${b.file}:${b.line}: ${line}`).to.equal(true);
  });

  it("shows the dev stack's config as Pulumi.dev.yaml has it (npm run up deploys it)", () => {
    const blocks = codeBlocks("docs/pulumi-cli.md", texts.get("docs/pulumi-cli.md")!).filter((b) => b.lang === "yaml");
    const config = readRepoFile("Pulumi.dev.yaml").replace(/^encryptionsalt:.*\n/m, "");
    expect(blocks.map((b) => b.code)).to.deep.equal([config]);
  });

  const blocks = () => DOCS.flatMap((f) => codeBlocks(f, texts.get(f)!));

  it("shows messages whose [code] is a diagnostic code or a rule id ([secret] is a masked value)", () => {
    const known = new Set([...Object.keys(DIAGNOSTIC_CODES), ...RULES.map((r) => r.id)]);
    const unknown: string[] = [];
    let seen = 0;
    for (const b of blocks().filter((block) => block.lang === ""))
      for (const m of b.code.matchAll(/ \[([a-z][a-z0-9-]*)\]$/gm)) {
        seen++;
        if (m[1] !== "secret" && !known.has(m[1])) unknown.push(`${b.file}:${b.line}: [${m[1]}]`);
      }
    expect(unknown).to.deep.equal([]);
    expect(seen).to.be.greaterThan(5);
  });

  it("shows only unattend commands, options and rule ids that the CLI has (each command's --help)", () => {
    const cli = path.join(REPO, "build", "components", "cli", "main.js");
    const helps = new Map<string, string>();
    const help = (command: string) => {
      if (!helps.has(command)) {
        const r = spawnSync(process.execPath, [cli, command, "--help"], { encoding: "utf8" });
        helps.set(command, r.status === 0 ? r.stdout : "");
      }
      return helps.get(command)!;
    };
    const warnings = new Set<string>(RULES.filter((r) => r.severity === "warning").map((r) => r.id));
    const problems: string[] = [];
    for (const b of blocks().filter((block) => block.lang === "sh" || block.lang === ""))
      for (const m of b.code.matchAll(/^(?:\$ )?unattend ([a-z]+)(.*)$/gm)) {
        const [, command, rest] = m;
        const text = help(command);
        if (text === "") {
          problems.push(`${b.file}:${b.line}: unattend ${command} is no command`);
          continue;
        }
        for (const flag of rest.match(/(?<=\s|\()(?:--[a-z][a-z-]*|-o)(?=[\s:)]|$)/g) ?? [])
          if (!new RegExp(`${flag}(?![a-z-])`).test(text)) problems.push(`${b.file}:${b.line}: unattend ${command} has no ${flag}`);
        for (const id of rest.matchAll(/--ignore (\S+)/g))
          if (!warnings.has(id[1])) problems.push(`${b.file}:${b.line}: ${id[1]} is no rule warning`);
      }
    expect(problems).to.deep.equal([]);
    expect([...helps.keys()].sort()).to.deep.equal(["diff", "import", "media", "merge", "render", "validate"]);
  });

  /** Runs a TypeScript block as a program under Pulumi mocks, with `adminPassword` in its config; the xml it exports. */
  async function runExample(example: CodeBlock, password: string): Promise<string> {
    await recordingMocks();
    const config = pulumi.runtime.allConfig();
    pulumi.runtime.setConfig("project:adminPassword", password);
    try {
      const js = ts.transpileModule(
        example.code.replace(/from "pulumi-unattend"/g, `from ${JSON.stringify(path.join(REPO, "build", "components"))}`),
        { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } },
      ).outputText;
      const program = requireFromString(js, path.join(REPO, "build", `readme-example-line${example.line}.js`)) as { xml: pulumi.Output<string> };
      return await valueOf<string>(program.xml);
    } finally {
      pulumi.runtime.setAllConfig(config);
    }
  }

  it("runs the README's example under Pulumi mocks: a valid answer file with every layer's settings", async () => {
    const xml = await runExample(
      codeBlocks("README.md", readme).find((b) => b.lang === "ts")!,
      "correct horse",
    );
    expect(validateUnattendXml(xml).diagnostics.filter((d) => d.severity === "error")).to.deep.equal([]);
    for (const element of [
      "<ComputerName>WS-01</ComputerName>",
      "<UILanguage>en-US</UILanguage>",
      "<Key>/IMAGE/INDEX</Key>",
      "<Name>ops</Name>",
      "<HideEULAPage>true</HideEULAPage>",
    ])
      expect(xml).to.contain(element);
    expect(xml).to.not.contain("correct horse");
  });

  it('runs docs/unattendfile.md\'s fuller example under Pulumi mocks: it renders the XML shown, line for line ("..." elides)', async () => {
    const blocks = codeBlocks("docs/unattendfile.md", texts.get("docs/unattendfile.md")!);
    const shown = blocks.find((b) => b.lang === "xml")!;
    const example = blocks.filter((b) => b.lang === "ts" && b.line < shown.line).pop()!;
    const xml = await runExample(example, "correct horse");
    const rendered = xml.split("\n");
    let at = 0;
    for (const line of shown.code.trimEnd().split("\n")) {
      if (line.includes("...")) continue;
      const found = rendered.indexOf(line, at);
      expect(found, `${shown.file}:${shown.line}: ${line.trim()} is not rendered here`).to.be.greaterThan(-1);
      at = found + 1;
    }
  });

  it("has TypeScript examples, in the README and every guide, that compile against the API", () => {
    const blocks = DOCS.flatMap((f) => codeBlocks(f, texts.get(f)!)).filter((b) => b.lang === "ts" || b.lang === "typescript");
    expect(blocks.filter((b) => b.file === "README.md").length).to.be.greaterThan(0);
    const dir = path.join(REPO, "build", "readme-examples");
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const names = new Map<string, CodeBlock>();
    for (const b of blocks) {
      const name = `${b.file.replace(/\W+/g, "-")}-line${b.line}.ts`;
      names.set(name, b);
      const code = b.code
        .replace(/from "pulumi-unattend\/core"/g, 'from "../../components/pure"')
        .replace(/from "pulumi-unattend"/g, 'from "../../components"');
      fs.writeFileSync(path.join(dir, name), code + "\nexport {};\n");
    }
    fs.writeFileSync(
      path.join(dir, "tsconfig.json"),
      JSON.stringify({
        extends: "../../tsconfig.json",
        compilerOptions: { noEmit: true, rootDir: "../.." },
        include: ["*.ts", "../../tests/delivery-sdk-shapes/*.d.ts"],
        exclude: [],
      }),
    );
    const r = tsc(path.join(dir, "tsconfig.json"));
    expect(r.stdout + r.stderr, "the file names say which document and line each block starts at").to.equal("");
    expect(names.size).to.equal(blocks.length);
  });
});
