import { expect } from "chai";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { REPO } from "./helpers";

describe("compile-time checks", function () {
  this.timeout(120_000);

  it("rejects the wrong pass, out-of-range values and unknown names (tests/types/compile-errors.ts)", () => {
    // the same compiler as the build (TypeScript 7, native)
    const tsc = path.join(REPO, "node_modules", "typescript-native", "bin", "tsc");
    const r = spawnSync(process.execPath, [tsc, "-p", "tests/types/tsconfig.json"], { cwd: REPO, encoding: "utf8" });
    // Each @ts-expect-error line must really be an error: an unused one fails the build (TS2578).
    expect(r.stdout + r.stderr).to.equal("");
    expect(r.status).to.equal(0);
  });
});
