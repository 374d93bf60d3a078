/**
 * The pure entry points: render and validate without Pulumi.
 */
import type { Architecture } from "./catalog";
import { UnattendValidationError } from "./errors";
import type { UnattendSettings } from "./generated/settings";
import type { Diagnostic, NormalDocument } from "./model";
import { normalize } from "./normalize";
import { renderDocument } from "./render";
import { validateDocument } from "./validate";

/** An answer file's content, as plain values. */
export interface UnattendDocument {
  /**
   * Settings by pass, then component, then setting, with Microsoft's names.
   * @example { generalize: { "Microsoft-Windows-WorkstationService": { AllowInsecureGuestAuth: 1 } } }
   */
  settings: UnattendSettings;
  /**
   * One `<component>` is written per architecture, in the order x86, amd64, arm64, wow64.
   * @default ["amd64"]
   * @example ["amd64", "x86"]
   */
  architectures?: Architecture[];
}

/** Normalises and validates; the building block of the functions below. */
export function analyze(doc: UnattendDocument | { settings?: unknown; architectures?: unknown }): {
  document: NormalDocument;
  diagnostics: Diagnostic[];
} {
  const document = normalize(doc);
  return { document, diagnostics: validateDocument(document) };
}

/**
 * Checks settings against the catalog. Returns every problem found (errors
 * and warnings), or an empty array when the document is valid.
 */
export function validateUnattend(doc: UnattendDocument): Diagnostic[] {
  return analyze(doc).diagnostics;
}

/**
 * Renders canonical unattend.xml: UTF-8 without byte-order mark, passes in
 * Windows order, components by name, settings in catalog order; the same
 * settings always give the same bytes.
 * @throws UnattendValidationError listing every error.
 */
export function renderUnattend(doc: UnattendDocument): string {
  const { document, diagnostics } = analyze(doc);
  if (diagnostics.some((d) => d.severity === "error")) throw new UnattendValidationError(diagnostics);
  return renderDocument(document);
}
