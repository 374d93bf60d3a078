import { formatPath, type Diagnostic } from "./diagnostics";

/**
 * Thrown by renderUnattend (and failing an UnattendFile deployment) when the
 * settings have errors. Lists every error, not the first only.
 */
export class UnattendValidationError extends Error {
  /** Every problem found, errors and warnings. */
  readonly diagnostics: Diagnostic[];

  constructor(diagnostics: Diagnostic[]) {
    const errors = diagnostics.filter((d) => d.severity === "error");
    super(
      `${errors.length} error${errors.length === 1 ? "" : "s"} in the unattend settings:\n` +
        errors.map((d) => `  - ${formatPath(d.path)}: ${d.message} [${d.code}]`).join("\n"),
    );
    this.name = "UnattendValidationError";
    this.diagnostics = diagnostics;
  }
}
