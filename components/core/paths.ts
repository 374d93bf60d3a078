/**
 * Paths into a document and their text form: the leaf every diagnostic, node
 * and rule names places with (diagnostics.ts re-exports it all).
 */

/** One step of a path: an object key or an array index. */
export type PathSegment = string | number;

/**
 * Where a problem is, as keys and indexes into the input document, e.g.
 * `["settings", "generalize", "Microsoft-Windows-WorkstationService", "AllowInsecureGuestAuth"]`
 * or `["settings", "specialize", "Microsoft-Windows-Deployment", "RunSynchronous", 0, "Path"]`.
 * The first key is one of the document's fields (`settings`, `perArchitecture`,
 * `unvalidated`, `architectures`, `extras`), `xml` for the file itself,
 * `layers` (then a layer's index) for mergeUnattend's diagnostics, or a
 * building block's name for its arguments (`diskLayout`, `uefi`, `windowsSize`).
 */
export type DiagnosticPath = readonly PathSegment[];

/**
 * How serious a diagnostic is. An `error` makes renderUnattend throw
 * UnattendValidationError and fails an UnattendFile's preview and update; a
 * `warning` is reported and the file is still rendered.
 */
export type Severity = "error" | "warning";

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * The path as JavaScript would write it, for messages:
 * `settings.generalize["Microsoft-Windows-WorkstationService"].AllowInsecureGuestAuth`,
 * `settings.specialize["Microsoft-Windows-Deployment"].RunSynchronous[0].Path`.
 */
export function formatPath(path: DiagnosticPath): string {
  let out = "";
  // any value given: a path is an array of strings and numbers, anything else is written as text
  if (!Array.isArray(path)) return "";
  for (const given of path as unknown[]) {
    const s = typeof given === "number" || typeof given === "string" ? given : safeString(given);
    if (typeof s === "number") out += `[${s}]`;
    else if (out === "") out = IDENTIFIER.test(s) ? s : JSON.stringify(s);
    else out += IDENTIFIER.test(s) ? `.${s}` : `[${JSON.stringify(s)}]`;
  }
  return out;
}

function safeString(v: unknown): string {
  try {
    return String(v);
  } catch {
    return typeof v;
  }
}

/** A key equal for equal paths, for maps keyed by path. */
export function pathKey(path: DiagnosticPath): string {
  return JSON.stringify(path);
}
