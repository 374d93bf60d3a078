/**
 * The pure entry points: render and validate without Pulumi.
 */
import type { Architecture, Pass } from "./catalog";
import { UnattendValidationError } from "./errors";
import type { PlainUnattendSettings as UnattendSettings } from "./generated/settings";
import type { Diagnostic, NormalDocument } from "./model";
import { normalize, type PlainDocument } from "./normalize";
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
  /**
   * Components written for one architecture only, in the same pass -> component
   * -> setting shape. A component may not appear both here and in `settings`
   * for the same architecture.
   * @default {}
   * @example { x86: { specialize: { "Microsoft-Windows-Shell-Setup": { TimeZone: "UTC" } } } }
   */
  perArchitecture?: Partial<Record<Architecture, UnattendSettings>>;
  /**
   * The escape hatch for settings newer than the documented catalog: pass ->
   * component -> elements, written as given (after the validated settings of
   * the same component) with a warning, never checked. Object keys are element
   * names; an array repeats its element; `wcm:action`, `wcm:keyValue` and
   * `xsi:nil` keys become attributes.
   * @default {}
   * @example { specialize: { "Microsoft-Windows-Foo": { NewSetting: "on" } } }
   */
  unvalidated?: UnvalidatedSettings;
  /**
   * Elements outside `<settings>`, written as given: `<servicing>`,
   * `<cpi:offlineImage>`, or a tool's own `<Extensions>`. Each is one
   * well-formed element that declares the namespace prefixes it uses.
   * @default []
   * @example [{ xml: '<cpi:offlineImage xmlns:cpi="urn:schemas-microsoft-com:cpi" cpi:source="wim:c:/install.wim#Windows 11 Pro" />', placement: "after" }]
   */
  extras?: ExtraXml[];
}

/** An element outside `<settings>`, written as given. */
export interface ExtraXml {
  /**
   * One well-formed element, declaring the namespace prefixes it uses.
   * @example '<servicing><package action="configure">...</package></servicing>'
   */
  xml: string;
  /**
   * Before the first `<settings>` or after the last.
   * @default "after"
   * @example placement: "before"
   */
  placement?: "before" | "after";
}

/** A value under `unvalidated`. */
export type UnvalidatedValue = string | number | boolean | null | UnvalidatedElement | UnvalidatedValue[];
/** An element under `unvalidated`: child element names to values. */
export interface UnvalidatedElement {
  [name: string]: UnvalidatedValue;
}
/** Pass -> component -> elements, not validated. */
export type UnvalidatedSettings = { [P in Pass]?: { [component: string]: UnvalidatedElement } };

/** Normalises and validates; the building block of the functions below. */
export function analyze(doc: UnattendDocument | PlainDocument): {
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
