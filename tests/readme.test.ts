import { expect } from "chai";
import * as fs from "node:fs";
import * as path from "node:path";
import { catalog } from "../components/catalog";
import { DIAGNOSTIC_CODES } from "../components/core/diagnostics";
import { withTable } from "../tools/readme/components";
import { withGenerated } from "../tools/readme/generated";
import { REPO, readRepoFile, tsc } from "./helpers";

describe("README", function () {
  this.timeout(120_000);
  const readme = readRepoFile("README.md");

  it("starts with the two commands: the main job and the tests", () => {
    const firstBlock = readme.slice(readme.indexOf("```sh"), readme.indexOf("```", readme.indexOf("```sh") + 5));
    expect(firstBlock).to.contain("npm install && npm run up").and.contain("npm test");
    const pkg = JSON.parse(readRepoFile("package.json"));
    expect(pkg.scripts.up).to.be.a("string");
    expect(pkg.scripts.test).to.be.a("string");
  });

  it("has an up-to-date table of supported components (npm run catalog)", () => {
    expect(withTable(readme, catalog) === readme, "README.md's component table is out of date").to.equal(true);
  });

  it("has up-to-date generated lists: diagnostic codes, secrets (npm run readme)", () => {
    expect(withGenerated(readme) === readme, "README.md's generated lists are out of date").to.equal(true);
    for (const code of Object.keys(DIAGNOSTIC_CODES)) expect(readme).to.contain(`| \`${code}\` |`);
  });

  it("has TypeScript examples that compile against the API", () => {
    const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
    expect(blocks.length).to.be.greaterThan(1);
    const dir = path.join(REPO, "build", "readme-examples");
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const files: string[] = [];
    blocks.forEach((code, i) => {
      const file = path.join(dir, `example${i}.ts`);
      fs.writeFileSync(file, code.replace(/from "pulumi-unattend"/g, 'from "../../components"') + "\nexport {};\n");
      files.push(file);
    });
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
    expect(r.stdout + r.stderr).to.equal("");
    expect(files.length).to.be.greaterThan(1);
  });
});
