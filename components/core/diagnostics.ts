/**
 * The diagnostics kit: every problem this package reports, from
 * validation, parsing, the CLI and UnattendFile, is a `Diagnostic` with a
 * typed `code`, a `path` as an array of keys and indexes into the input
 * document, a message that says what is wrong and what would be valid, and,
 * for files, the line and column. One module owns the codes, so they can be
 * listed (docs/validation.md) and matched on (`d.code === "unknown-setting"`) safely; the
 * path's text form (formatPath), a diagnostic's one line (formatDiagnostic)
 * and what is "not known yet" (notKnownYet) are said here once. Throwing the
 * errors found is errors.ts's (throwIfErrors).
 */

import type { BuiltinCode, DiagnosticOf } from "./codes";
import { formatPath, type DiagnosticPath, type Severity } from "./paths";
import { describe } from "./values";
import type { RuleId } from "./rules/registry";

export { DIAGNOSTIC_CODES, type BuiltinCode, type DiagnosticOf } from "./codes";
export { formatPath, pathKey, type DiagnosticPath, type PathSegment, type Severity } from "./paths";

/**
 * A diagnostic code: one of the built-in codes (codes.ts), or the id of a cross-setting rule
 * (components/core/rules: each rule is its own code, listed with its source in the
 * rule list in docs/validation.md).
 */
export type DiagnosticCode = BuiltinCode | RuleId;

/** A problem found in a document. */
export type Diagnostic = DiagnosticOf<DiagnosticCode>;

/**
 * Builds a diagnostic. Its message is made one string: a message built from
 * pieces (a template) is kept by V8 as a tree of them, twice the size, and a
 * file of 4 MiB gets 20,000 diagnostics (reading one character makes V8 join
 * the pieces; the garbage collector then keeps the joined string only).
 */
export function diagnostic<C extends DiagnosticCode>(severity: Severity, code: C, path: DiagnosticPath, message: string): DiagnosticOf<C> {
  message.charCodeAt(0);
  return { severity, code, path, message };
}

/**
 * The one wrong-shape finding: `Expected <what would be valid>, got <what was given>.`, naming the value's
 * kind only (a confidential one is never quoted: `hidden`).
 * @example wrongShape(["media", "images", 0, "index"], "a whole number", "2") // Expected a whole number, got a string.
 */
export function wrongShape(path: DiagnosticPath, expected: string, value: unknown, hidden = false): DiagnosticOf<"wrong-shape"> {
  return diagnostic("error", "wrong-shape", path, `Expected ${expected}, got ${describe(value, hidden)}.`);
}

/** Whether any diagnostic is an error. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

/** How formatDiagnostic writes a line. */
export interface LineOptions {
  /**
   * Whether the line ends with the code, ` [unknown-setting]`.
   * @default true
   */
  code?: boolean;
  /**
   * The file the diagnostic is about: then the line is the CLI's,
   * `file:line:column severity path message [code]`.
   * @example "autounattend.xml"
   */
  file?: string;
}

/**
 * A diagnostic as one line of text, the one form every surface prints (logs,
 * errors, warnings, the CLI): `path: message [code]`, or, for a file,
 * `file:line:column severity path message [code]`. The message never holds a
 * secret, so neither does the line.
 * @example formatDiagnostic(d) // 'settings.specialize["Microsoft-Windows-Shell-Setup"].ComputerName: ... [too-long]'
 * @example formatDiagnostic(d, { file: "a.xml" }) // 'a.xml:12:7 error settings.specialize... ... [too-long]'
 */
export function formatDiagnostic(d: Diagnostic, options: LineOptions = {}): string {
  if (options.file !== undefined) {
    const where = d.line !== undefined ? `${options.file}:${d.line}:${d.column ?? 1}` : options.file;
    return `${where} ${d.severity} ${formatPath(d.path)} ${d.message} [${d.code}]`;
  }
  return options.code === false ? `${formatPath(d.path)}: ${d.message}` : `${formatPath(d.path)}: ${d.message} [${d.code}]`;
}

/**
 * Whether a value is not known yet: a Pulumi Output or a promise (anything
 * with a `then`). Such a value is kept opaque (normalize, merge) and checked
 * once known. Duck-typed as Pulumi's own `Output.isInstance` is, so that the
 * pure core and the blocks load without `@pulumi/pulumi`.
 * @example notKnownYet(pulumi.output("x")) // true
 * @example notKnownYet("x") // false
 */
export function notKnownYet(value: unknown): boolean {
  return (
    typeof value === "object" &&
    value !== null &&
    ((value as { __pulumiOutput?: unknown }).__pulumiOutput === true || typeof (value as PromiseLike<unknown>).then === "function")
  );
}
