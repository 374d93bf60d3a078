/**
 * The diagnostics kit (components/core/diagnostics.ts, errors.ts): the one
 * line every surface prints, throwing the errors found, and what is not
 * known yet. (Rule ids, derived from the rules' registry, are checked at
 * compile time: tests/types/compile-errors.ts.)
 */
import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { diagnostic, formatDiagnostic, notKnownYet, type Diagnostic } from "../components/core/diagnostics";
import { UnattendValidationError, throwIfErrors } from "../components/core/errors";

const PATH = ["settings", "specialize", "Microsoft-Windows-Shell-Setup", "ComputerName"];

describe("the diagnostics kit", () => {
  const error: Diagnostic = { ...diagnostic("error", "too-long", PATH, "is 16 characters; at most 15."), line: 12, column: 7 };
  const warning = diagnostic("warning", "deprecated", ["settings", "oobeSystem", "X"], "is deprecated.");

  describe("formatDiagnostic", () => {
    it("writes the path, the message and the code on one line", () => {
      expect(formatDiagnostic(error)).to.equal(
        'settings.specialize["Microsoft-Windows-Shell-Setup"].ComputerName: is 16 characters; at most 15. [too-long]',
      );
    });

    it("leaves the code out when asked (UnattendFile's, the delivery targets' and winrm's warnings)", () => {
      expect(formatDiagnostic(error, { code: false })).to.equal(
        'settings.specialize["Microsoft-Windows-Shell-Setup"].ComputerName: is 16 characters; at most 15.',
      );
    });

    it("writes the CLI's line for a file: file:line:column, severity, path, message, code", () => {
      expect(formatDiagnostic(error, { file: "a.xml" })).to.equal(
        'a.xml:12:7 error settings.specialize["Microsoft-Windows-Shell-Setup"].ComputerName is 16 characters; at most 15. [too-long]',
      );
      expect(formatDiagnostic(warning, { file: "a.yaml" })).to.equal("a.yaml warning settings.oobeSystem.X is deprecated. [deprecated]");
    });
  });

  describe("throwIfErrors", () => {
    it("returns the diagnostics when none is an error", () => {
      const list = [warning];
      expect(throwIfErrors(list)).to.equal(list);
      expect(throwIfErrors([])).to.deep.equal([]);
    });

    it("throws UnattendValidationError with every diagnostic, its message listing the errors' lines", () => {
      const list = [warning, error];
      let thrown: unknown;
      try {
        throwIfErrors(list);
      } catch (e) {
        thrown = e;
      }
      expect(thrown).to.be.instanceOf(UnattendValidationError);
      expect((thrown as UnattendValidationError).diagnostics).to.equal(list);
      expect((thrown as Error).message).to.equal(`1 error in the unattend settings:\n  - ${formatDiagnostic(error)}`);
    });
  });

  describe("notKnownYet", () => {
    it("is true for an Output (plain, secret, lifted) and a promise, as Pulumi's Output.isInstance is for Outputs", () => {
      const outputs = [pulumi.output("x"), pulumi.secret("x"), pulumi.output({ a: 1 }).apply((v) => v.a)];
      for (const o of outputs) {
        expect(pulumi.Output.isInstance(o)).to.equal(true);
        expect(notKnownYet(o)).to.equal(true);
      }
      expect(notKnownYet(Promise.resolve("x"))).to.equal(true);
      expect(notKnownYet({ then: () => undefined })).to.equal(true);
    });

    it("is false for known values, whatever their shape", () => {
      const known: unknown[] = ["x", "", 0, 1n, true, null, undefined, [], {}, { then: 1 }, { __pulumiOutput: "yes" }, () => 1, Object.create(null)];
      known.forEach((v, i) => expect(notKnownYet(v), `value ${i}`).to.equal(false));
    });
  });
});
