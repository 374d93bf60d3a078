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
    expect(body("WorkstationService_generalize")).to.contain("AllowInsecureGuestAuth?: 0 | 1;");
    expect(body("WorkstationService_specialize")).to.not.contain("AllowInsecureGuestAuth");
  });
});
