import { formatDiagnostic, hasErrors, type Diagnostic } from "./diagnostics";

/**
 * Thrown by renderUnattend (and failing an UnattendFile deployment) when the
 * settings have errors. Lists every error, not the first only.
 */
export class UnattendValidationError extends Error {
  /** Every problem found, errors and warnings. */
  readonly diagnostics: Diagnostic[];

  /** @param diagnostics - every problem found; the message lists the errors among them. */
  constructor(diagnostics: Diagnostic[]) {
    const errors = diagnostics.filter((d) => d.severity === "error");
    super(
      `${errors.length} error${errors.length === 1 ? "" : "s"} in the unattend settings:\n` +
        errors.map((d) => `  - ${formatDiagnostic(d)}`).join("\n"),
    );
    this.name = "UnattendValidationError";
    this.diagnostics = diagnostics;
  }
}

/**
 * Throws UnattendValidationError, with every diagnostic, when any of them is
 * an error; else returns them (the warnings) unchanged.
 * @throws UnattendValidationError listing every error.
 * @example for (const w of throwIfErrors(analyze(doc).diagnostics)) console.warn(formatDiagnostic(w))
 */
export function throwIfErrors(diagnostics: Diagnostic[]): Diagnostic[] {
  if (hasErrors(diagnostics)) throw new UnattendValidationError(diagnostics);
  return diagnostics;
}
