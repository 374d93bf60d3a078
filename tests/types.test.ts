import { expect } from "chai";
import * as path from "node:path";
import ts from "typescript";
import { REPO, tsc } from "./helpers";

describe("compile-time checks", function () {
  this.timeout(120_000);

  it("rejects the wrong pass, out-of-range values and unknown names (tests/types/compile-errors.ts)", () => {
    // the same compiler as the build (TypeScript 7, native)
    const r = tsc("tests/types/tsconfig.json");
    // Each @ts-expect-error line must really be an error: an unused one fails the build (TS2578).
    expect(r.stdout + r.stderr).to.equal("");
    expect(r.status).to.equal(0);
  });
});

describe("editor experience: hovers and completions carry the TSDoc (TypeScript 5.9 language service)", function () {
  this.timeout(180_000);

  const WS = '"Microsoft-Windows-WorkstationService"';
  const file = path.join(REPO, "tests", "types", "editor-sample.ts");
  const text = [
    'import { UnattendFile, renderUnattend } from "../../components";',
    `new UnattendFile("a", { settings: { generalize: { ${WS}: { AllowInsecureGuestAuth: 1 } } } });`,
    `renderUnattend({ settings: { generalize: { ${WS}: { AllowInsecureGuestAuth: 1 } } } });`,
    'renderUnattend({ settings: { specialize: { "Microsoft-Windows-Deployment": { RunSynchronous: [{ Path: "x", WillReboot: "Never" }] } } } });',
    `new UnattendFile("b", { settings: { generalize: { ${WS}: { AllowIn } } } });`,
    `renderUnattend({ settings: { generalize: { ${WS}: { AllowIn } } } });`,
    `new UnattendFile("c", { settings: [{ name: "layer", settings: { generalize: { ${WS}: { AllowInsecureGuestAuth: 1 } } } }] });`,
    `new UnattendFile("d", { settings: [{ settings: { generalize: { ${WS}: { AllowIn } } } }] });`,
    "",
  ].join("\n");
  let ls: ts.LanguageService;
  /** The offset just inside the nth occurrence of needle. */
  const at = (nth: number, needle: string) => {
    let i = -1;
    for (let k = 0; k <= nth; k++) i = text.indexOf(needle, i + 1);
    expect(i, needle).to.be.greaterThan(-1);
    return i + 1;
  };

  before(() => {
    const options: ts.CompilerOptions = {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      strict: true,
      skipLibCheck: true,
      resolveJsonModule: true,
      esModuleInterop: true,
      types: ["node"],
    };
    const read = (f: string) => (f === file ? text : ts.sys.readFile(f));
    ls = ts.createLanguageService({
      getScriptFileNames: () => [file],
      getScriptVersion: () => "1",
      getScriptSnapshot: (f) => {
        const t = read(f);
        return t === undefined ? undefined : ts.ScriptSnapshot.fromString(t);
      },
      getCurrentDirectory: () => REPO,
      getCompilationSettings: () => options,
      getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
      fileExists: (f) => f === file || ts.sys.fileExists(f),
      readFile: read,
      readDirectory: ts.sys.readDirectory,
      directoryExists: ts.sys.directoryExists,
      getDirectories: ts.sys.getDirectories,
    });
  });

  const hover = (nth: number, needle: string) => {
    const q = ls.getQuickInfoAtPosition(file, at(nth, needle))!;
    return {
      type: ts.displayPartsToString(q.displayParts),
      doc: ts.displayPartsToString(q.documentation),
      tags: (q.tags ?? []).map((t) => `@${t.name} ${ts.displayPartsToString(t.text)}`),
    };
  };

  for (const [form, nth] of [
    ["UnattendFile (input form)", 0],
    ["renderUnattend (plain form, through pulumi.Unwrap)", 1],
  ] as const) {
    it(`hover on a setting in ${form}: summary, valid values, @default, @example, @see`, () => {
      const h = hover(nth, "AllowInsecureGuestAuth");
      expect(h.type).to.contain("AllowInsecureGuestAuth?:");
      expect(h.doc).to.contain("Allow insecure guest auth").and.contain("Valid: 0, 1.").and.contain("Valid in: generalize.");
      expect(h.tags).to.include("@default 0").and.include("@example AllowInsecureGuestAuth: 1");
      expect(h.tags.some((t) => t.startsWith("@see https://learn.microsoft.com/"))).to.equal(true);
    });

    it(`completion of a setting name in ${form} offers it with its TSDoc`, () => {
      const pos = at(nth, "AllowIn") + "AllowIn".length - 1;
      const names = ls.getCompletionsAtPosition(file, pos, {})!.entries.map((e) => e.name);
      expect(names).to.include("AllowInsecureGuestAuth");
      const details = ls.getCompletionEntryDetails(file, pos, "AllowInsecureGuestAuth", {}, undefined, undefined, undefined)!;
      expect(ts.displayPartsToString(details.documentation)).to.contain("Allow insecure guest auth").and.contain("Valid: 0, 1.");
    });
  }

  it("in a layer given as UnattendFile's settings: the same hover and completion", () => {
    const h = hover(2, "AllowInsecureGuestAuth");
    expect(h.type).to.contain("AllowInsecureGuestAuth?:");
    expect(h.doc).to.contain("Allow insecure guest auth").and.contain("Valid: 0, 1.");
    expect(h.tags).to.include("@default 0");
    const pos = at(2, "AllowIn }") + "AllowIn".length - 1;
    const names = ls.getCompletionsAtPosition(file, pos, {})!.entries.map((e) => e.name);
    expect(names).to.include("AllowInsecureGuestAuth").and.not.include("SyncDomainWithMembership");
  });

  it("completion of an enum value offers its literals", () => {
    const names = ls.getCompletionsAtPosition(file, at(0, '"Never"'), {})!.entries.map((e) => e.name);
    expect(names).to.have.members(["Always", "OnRequest", "Never"]);
    expect(hover(0, "WillReboot").doc).to.contain('Valid: "Always", "OnRequest", "Never".');
  });
});
