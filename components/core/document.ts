/**
 * The pure entry points: render and validate without Pulumi.
 */
import type { Architecture, Pass } from "../catalog";
import type { Diagnostic } from "./diagnostics";
import { UnattendValidationError } from "./errors";
import type { PlainUnattendSettings as UnattendSettings } from "../generated/settings";
import type { NormalDocument } from "./model";
import { normalize, type PlainDocument } from "./normalize";
import { renderDocument } from "./render";
import type { RuleId, RuleOptions } from "./rules";
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
   * `xsi:nil` keys become attributes. An object's elements are written sorted
   * by name; `"#children": [{ Step: "1" }, { Run: "a" }]` gives them in order.
   * An element naming a validated group of the same component (`OOBE`) adds
   * its children inside that group.
   * @default {}
   * @example { specialize: { "Microsoft-Windows-Foo": { NewSetting: "on" } } }
   */
  unvalidated?: UnvalidatedSettings;
  /**
   * `unvalidated` for one architecture only: elements a component has for
   * some architectures and not others (e.g. settings newer than the catalog
   * set differently for amd64 and x86). Written after the validated settings
   * of the same component and architecture, with a warning.
   * @default {}
   * @example { x86: { oobeSystem: { "Microsoft-Windows-Shell-Setup": { OOBE: { SkipMachineOOBE: true } } } } }
   */
  unvalidatedPerArchitecture?: Partial<Record<Architecture, UnvalidatedSettings>>;
  /**
   * Elements outside `<settings>`, written as given, byte for byte:
   * `<servicing>`, `<cpi:offlineImage>`, or a tool's own `<Extensions>`. Each
   * is one well-formed element that declares the namespace prefixes it uses.
   * They are placed as the answer-file schema wants: `<servicing>` before the
   * `<settings>`, elements of other namespaces after them.
   * @default []
   * @example [{ xml: '<cpi:offlineImage xmlns:cpi="urn:schemas-microsoft-com:cpi" cpi:source="wim:c:/install.wim#Windows 11 Pro" />' }]
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
   * Not needed: each extra goes where the schema puts it (`<servicing>`
   * before the `<settings>`, elements of other namespaces after). When given,
   * it must agree, else it is an error.
   * @default where the schema puts the element
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

/**
 * Options of validation (and so of rendering).
 * @example { ignore: ["partition-order-gap"] }
 */
export interface ValidateOptions {
  /**
   * Ids of cross-setting rule warnings not to report. Errors cannot be
   * ignored: Windows Setup fails or ignores a setting on them, so ignoring
   * one (or an id that is no rule) throws RuleIgnoreError.
   * @default []
   * @example { ignore: ["autologon-logoncount-one"] }
   */
  ignore?: readonly RuleId[];
}

/** What the checking functions return: every problem found, errors and warnings; `diagnostics` is empty when all is well. */
export interface Validation {
  /** Every problem found, errors and warnings; [] when valid. */
  diagnostics: Diagnostic[];
}

/**
 * Normalises and validates; the building block of the functions below.
 * @throws RuleIgnoreError when `options.ignore` names a rule error or no rule.
 */
export function analyze(
  doc: UnattendDocument | PlainDocument,
  options: RuleOptions = {},
): {
  document: NormalDocument;
  diagnostics: Diagnostic[];
} {
  const document = normalize(doc);
  return { document, diagnostics: validateDocument(document, options) };
}

/**
 * Checks settings against the catalog, then how they go together (the
 * cross-setting rules). Returns every problem found (errors and warnings), in
 * `diagnostics`: empty when the document is valid. `options.ignore` silences
 * rule warnings by id.
 * @throws RuleIgnoreError when `options.ignore` names a rule error or no rule.
 */
export function validateUnattend(doc: UnattendDocument, options: ValidateOptions = {}): Validation {
  return { diagnostics: analyze(doc, options).diagnostics };
}

/**
 * Renders canonical unattend.xml: UTF-8 without byte-order mark, passes in
 * Windows order, components by name, settings in catalog order; the same
 * settings always give the same bytes.
 * @throws UnattendValidationError listing every error.
 * @throws RuleIgnoreError when `options.ignore` names a rule error or no rule.
 */
export function renderUnattend(doc: UnattendDocument, options: ValidateOptions = {}): string {
  const { document, diagnostics } = analyze(doc, options);
  if (diagnostics.some((d) => d.severity === "error")) throw new UnattendValidationError(diagnostics);
  return renderDocument(document);
}
