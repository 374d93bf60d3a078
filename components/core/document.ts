/**
 * The pure entry points: render and validate without Pulumi.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { ExtraXml as ExtraXmlInput, UnattendDocumentInput, UnattendLayerInput, UnvalidatedArgs, UnvalidatedComponentArgs } from "./args";
import type { Diagnostic } from "./diagnostics";
import { throwIfErrors } from "./errors";
import type { NormalDocument } from "./model";
import { normalize, type PlainDocument } from "./normalize";
import { renderDocument } from "./render";
import type { RuleId, RuleOptions } from "./rules";
import { validateDocument } from "./validate";

/*
 * The plain forms: the document of args.ts (its one declaration) without
 * Outputs or promises at any level, derived with `pulumi.Unwrap`.
 */

/**
 * An answer file's content, as plain values (see UnattendDocumentInput for
 * each field: the same document, where every level may be a `pulumi.Input`).
 * @example { settings: { generalize: { "Microsoft-Windows-WorkstationService": { AllowInsecureGuestAuth: 1 } } } }
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- named, so that hovers and messages say its name
export interface UnattendDocument extends pulumi.Unwrap<UnattendDocumentInput> {}

/** An element outside `<settings>`, written as given (where the schema puts it). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- named, so that hovers and messages say its name
export interface ExtraXml extends pulumi.Unwrap<ExtraXmlInput> {}

/**
 * One layer of an answer file: the fields of an `UnattendDocument`, each
 * optional, plus how the layer merges. Every building block returns one, and
 * any `UnattendDocument` is one.
 * @example { name: "base", settings: { oobeSystem: { "Microsoft-Windows-Shell-Setup": { TimeZone: "UTC" } } } }
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- named, so that hovers and messages say its name
export interface UnattendLayer extends pulumi.Unwrap<UnattendLayerInput> {}

/** Pass -> component -> elements, not validated. */
export type UnvalidatedSettings = pulumi.Unwrap<UnvalidatedArgs>;
/** An element under `unvalidated`: child element names to values. */
export type UnvalidatedElement = pulumi.Unwrap<UnvalidatedComponentArgs>;
/** A value under `unvalidated`: text, a number, a boolean, null, an element, or an array of them. */
export type UnvalidatedValue = UnvalidatedElement[string];

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
  throwIfErrors(diagnostics);
  return renderDocument(document);
}
