import { expect } from "chai";
import { catalog } from "../components/catalog";
import { OUTPUT, generate, literalsOf, memberNames } from "../tools/typegen/generate";
import { readRepoFile } from "./helpers";

describe("generated typed settings", () => {
  const text = readRepoFile(OUTPUT);
  const body = (name: string) => {
    const start = text.indexOf(`export interface ${name} `);
    expect(start, name).to.be.greaterThan(-1);
    return text.slice(start, text.indexOf("\n}\n", start) + 2);
  };

  it(`${OUTPUT} is up to date with the catalog (npm run catalog)`, () => {
    expect(text === generate(catalog), "regenerate with npm run catalog").to.equal(true);
  });

  it("is one form: every setting a pulumi.Input, the plain form derived with Plain<>", () => {
    expect(text).to.contain("export type PlainUnattendSettings = Plain<UnattendSettings>;");
    expect(body("InternationalCoreWinPE")).to.contain("UILanguage?: In<string>;");
  });

  it("offers a setting only under the passes where it is valid: one interface per group of passes, one per pass extending them", () => {
    // WorkstationService has settings in two passes
    expect(text).to.match(/export interface WorkstationService_generalize extends WorkstationService_in_generalize \{\}/);
    expect(text).to.match(/export interface WorkstationService_specialize extends WorkstationService_in_specialize \{\}/);
    expect(body("WorkstationService_in_generalize")).to.contain("AllowInsecureGuestAuth?: In<WorkstationService_AllowInsecureGuestAuth>;");
    expect(body("WorkstationService_in_specialize")).not.to.contain("AllowInsecureGuestAuth");
    expect(body("GeneralizeSettings")).to.contain('"Microsoft-Windows-WorkstationService"?: In<WorkstationService_generalize>;');
    expect(body("SpecializeSettings")).to.contain('"Microsoft-Windows-WorkstationService"?: In<WorkstationService_specialize>;');
  });

  it("writes no construct that @pulumi/pulumi's component analyzer rejects: no Pick<>, mapped or intersection types, no anonymous literal unions", () => {
    const declarations = text.slice(text.indexOf("export const WcmAction"));
    expect(declarations).not.to.match(/Pick<|Omit<|Record<|Partial<| & /);
    // every property type is In<T>, In<In<T>[]>, Password, or In<(In<V> | Interface)[]> (the keyed value items)
    const props = [...declarations.matchAll(/^ {2}("[^"]+"|\w+)\??: (.*);$/gm)].map((m) => m[2]);
    expect(props.length).to.be.greaterThan(1000);
    for (const p of props) expect(p, p).to.match(/^(In<\w+>|In<In<\w+>\[\]>|Password|In<\(In<\w+> \| \w+\)\[\]>)$/);
    // literal values only inside `as const` enum objects
    expect(declarations.replace(/^export const .*$/gm, "")).not.to.match(/: In<("|\d)/);
  });

  it("names an enum after its setting, with the values as literals (numbers stay numbers)", () => {
    expect(text).to.contain("export const WorkstationService_AllowInsecureGuestAuth = { V0: 0, V1: 1 } as const;");
    expect(text).to.contain(
      "export type WorkstationService_AllowInsecureGuestAuth = (typeof WorkstationService_AllowInsecureGuestAuth)[keyof typeof WorkstationService_AllowInsecureGuestAuth];",
    );
    expect(text).to.match(
      /export const Deployment_RunSynchronousCommand_WillReboot = \{ Always: "Always", OnRequest: "OnRequest", Never: "Never" \} as const;/,
    );
  });

  it("keeps an allowed empty value of a string enum as the member Empty", () => {
    expect(literalsOf({ kind: "enum", values: ["On", "Off"] }, true)).to.deep.equal(["On", "Off", ""]);
    expect(literalsOf({ kind: "integer", min: 0, max: 2 }, true)).to.deep.equal([0, 1, 2]);
    expect(literalsOf({ kind: "integer", min: 0, max: 100 })).to.equal(undefined);
  });

  it("gives enum members identifier names, unique case-insensitively", () => {
    expect(memberNames(["0", "1A", "-1", "Loose Binding", "/IMAGE/INDEX", "", "on", "On"])).to.deep.equal([
      "V0",
      "V1A",
      "Minus1",
      "Loose_Binding",
      "IMAGE_INDEX",
      "Empty",
      "on",
      "On_2",
    ]);
  });
});
