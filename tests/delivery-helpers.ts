/** Shared by the delivery tests. */
import * as pulumi from "@pulumi/pulumi";
import { UnattendValidationError } from "../components";

import { valueOf } from "./mocks";

export { isSecretEnvelope, recordingMocks, valueOf } from "./mocks";

/** A diagnostic with its path as text, whichever form the path has (text, or keys and indexes). */
export interface TextDiagnostic {
  path: string;
  code: string;
  message: string;
}

/** A path as JavaScript would write it: `settings.oobeSystem["Microsoft-Windows-Shell-Setup"].FirstLogonCommands[0]`. */
export function pathText(path: unknown): string {
  if (typeof path === "string") return path;
  let out = "";
  for (const s of path as (string | number)[]) {
    if (typeof s === "number") out += `[${s}]`;
    else if (out === "") out = /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(s) ? s : JSON.stringify(s);
    else out += /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(s) ? `.${s}` : `[${JSON.stringify(s)}]`;
  }
  return out;
}

/** The errors among diagnostics, paths as text. */
export function textErrors(diagnostics: readonly { severity: string; path: unknown; code: string; message: string }[]): TextDiagnostic[] {
  return diagnostics.filter((d) => d.severity === "error").map((d) => ({ path: pathText(d.path), code: d.code, message: d.message }));
}

/** Runs `f`, expects an UnattendValidationError, returns its errors. */
export function errorsOf(f: () => unknown): TextDiagnostic[] {
  try {
    f();
  } catch (e) {
    if (e instanceof UnattendValidationError) return textErrors(e.diagnostics);
    throw e;
  }
  throw new Error("expected an UnattendValidationError, but nothing was thrown");
}

/** The same for an Output whose apply throws. */
export async function outputErrorsOf(o: pulumi.Output<unknown>): Promise<TextDiagnostic[]> {
  try {
    await valueOf(o);
  } catch (e) {
    if (e instanceof UnattendValidationError) return textErrors(e.diagnostics);
    throw e;
  }
  throw new Error("expected the Output to fail with an UnattendValidationError");
}
