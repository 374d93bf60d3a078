import { expect } from "chai";
import { catalog } from "../components/catalog";
import { OUTPUTS, generate } from "../tools/typegen/generate";
import { readRepoFile } from "./helpers";

describe("generated typed inputs", () => {
  for (const variant of ["plain", "input"] as const) {
    it(`${OUTPUTS[variant]} is up to date with the catalog (npm run catalog)`, () => {
      expect(readRepoFile(OUTPUTS[variant]) === generate(catalog, variant), "regenerate with npm run catalog").to.equal(true);
    });
  }

  it("offers a setting only under the passes where it is valid", () => {
    const plain = readRepoFile(OUTPUTS.plain);
    const body = (name: string) => {
      const start = plain.indexOf(`export interface ${name} {`);
      expect(start, name).to.be.greaterThan(-1);
      return plain.slice(start, plain.indexOf("\n}\n", start));
    };
    // WorkstationService has settings in two passes: one interface with all of them, picked per pass
    expect(body("WorkstationService")).to.contain("AllowInsecureGuestAuth?: 0 | 1;").and.contain("Valid in: generalize.");
    const pick = (pass: string) => new RegExp(`export type WorkstationService_${pass} = Pick<WorkstationService, ([^>]*)>;`).exec(plain)?.[1];
    expect(pick("generalize")).to.contain('"AllowInsecureGuestAuth"');
    expect(pick("specialize")).to.be.a("string").and.not.contain("AllowInsecureGuestAuth");
  });
});
