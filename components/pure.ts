/**
 * pulumi-unattend/core: the pure functions, without Pulumi. Render, validate,
 * parse and import answer files, encode passwords. Loading this entry point
 * never loads @pulumi/pulumi (a test checks it), and each function loads what
 * it needs on its first call (xmlbuilder2 to render, saxes to parse, yaml to
 * import), so scripts and tools that only check or render a file start fast.
 * `pulumi-unattend` exports the same functions, plus UnattendFile.
 *
 *   import { renderUnattend, validateUnattendXml } from "pulumi-unattend/core";
 */

import type { Diagnostic, PathSegment } from "./core/diagnostics";
import { throwIfErrors } from "./core/errors";
import { cyclePath, describe, isPlainObject } from "./core/values";

type Api = typeof import("./core/document");
type Parse = typeof import("./core/parse");
type Importer = typeof import("./core/importer");
type Merge = typeof import("./core/merge");
type Media = typeof import("./core/media");

let api: Api | undefined;
let parse: Parse | undefined;
let importer: Importer | undefined;
let merge: Merge | undefined;
let media: Media | undefined;
const loadApi = (): Api => (api ??= require("./core/document") as Api);
const loadParse = (): Parse => (parse ??= require("./core/parse") as Parse);
const loadImporter = (): Importer => (importer ??= require("./core/importer") as Importer);
const loadMerge = (): Merge => (merge ??= require("./core/merge") as Merge);
const loadMedia = (): Media => (media ??= require("./core/media") as Media);

/*
 * Every entry point answers whatever a JavaScript caller passes (null, a
 * number, an array with holes...) with diagnostics or a typed error, never a
 * TypeError: the arguments' own shape is checked here, once for all; what is
 * inside a document is normalize()'s to check.
 */

/** `wrong-shape` at `path` when `value` is not an object (nor undefined, when optional). */
function notAnObject(path: PathSegment[], what: string, value: unknown, optional = false): Diagnostic[] {
  if ((optional && value === undefined) || isPlainObject(value)) return [];
  return [{ severity: "error", code: "wrong-shape", path, message: `${what} must be an object; got ${describe(value)}.` }];
}

/** Throws the problems with the arguments, if any. */
function checkArguments(...problems: Diagnostic[][]): void {
  throwIfErrors(problems.flat());
}

const DOCUMENT = "The document (an object such as { settings: { specialize: { ... } } })";
const PARSED = "parsed (what parseUnattend returns)";

/**
 * Renders canonical unattend.xml (see renderUnattend in api.ts).
 * @throws UnattendValidationError listing every error.
 */
export const renderUnattend: Api["renderUnattend"] = (doc, options) => {
  checkArguments(notAnObject([], DOCUMENT, doc), notAnObject(["options"], "options", options, true));
  return loadApi().renderUnattend(doc, options);
};
/** Checks settings against the catalog and the cross-setting rules: every problem found, [] when valid (see validateUnattend in api.ts). */
export const validateUnattend: Api["validateUnattend"] = (doc, options) => {
  checkArguments(notAnObject(["options"], "options", options, true));
  const problems = notAnObject([], DOCUMENT, doc);
  return problems.length > 0 ? problems : loadApi().validateUnattend(doc, options);
};
/** unattend.xml text or bytes -> the document, its diagnostics and source locations; never throws (see parseUnattend in parse/). */
export const parseUnattend: Parse["parseUnattend"] = (input, options) => {
  checkArguments(notAnObject(["options"], "options", options, true));
  return loadParse().parseUnattend(input, options);
};
/** Parses and validates an answer file, with positions (see validateUnattendXml in parse/). */
export const validateUnattendXml: Parse["validateUnattendXml"] = (input, options) => {
  checkArguments(notAnObject(["options"], "options", options, true));
  return loadParse().validateUnattendXml(input, options);
};
/** Renders a parsed document back to canonical XML (see renderParsed in parse/). */
export const renderParsed: Parse["renderParsed"] = (parsed, options) => {
  checkArguments(notAnObject(["parsed"], PARSED, parsed), notAnObject(["options"], "options", options, true));
  checkArguments(notAnObject([], DOCUMENT, parsed.document));
  return loadParse().renderParsed(parsed, options);
};
/** A parsed answer file as a Pulumi program or stack configuration (see importUnattend in importer.ts). */
export const importUnattend: Importer["importUnattend"] = (parsed, options) => {
  checkArguments(notAnObject(["parsed"], PARSED, parsed), notAnObject(["options"], "options", options, true));
  checkArguments(notAnObject([], DOCUMENT, parsed.document));
  return loadImporter().importUnattend(parsed, options);
};
/** Merges answer-file layers in order, conflicts reported (see mergeUnattend in merge.ts). */
export const mergeUnattend: Merge["mergeUnattend"] = (...layers) => {
  // a layer inside itself (a JavaScript value, YAML aliases) is refused: merged as a tree it never ends
  for (const [i, layer] of layers.entries()) {
    const cycle = cyclePath(layer);
    if (cycle) {
      const path = ["layers", i, ...cycle];
      const message =
        "This value contains itself (an object inside itself, from JavaScript references or YAML aliases): merged as a tree it is endlessly deep. Give a tree of values.";
      return { document: { settings: {} }, diagnostics: [{ severity: "error", code: "too-deep", path, message }] };
    }
  }
  return loadMerge().mergeUnattend(...layers);
};
/** Marks one value of a layer as meant to replace what earlier layers set (see override in merge.ts). */
export const override: Merge["override"] = (...args) => loadMerge().override(...args);
/** The images of a Windows image file (.wim, .esd, first .swm part), from its header and XML metadata only; never throws (see readWindowsImage in media/). */
export const readWindowsImage: Media["readWindowsImage"] = (input) => {
  if (typeof input !== "string" && !(input instanceof Uint8Array)) return { images: [], diagnostics: notImage(["media"], input) };
  return loadMedia().readWindowsImage(input);
};
/** An answer file's document against a Windows image file: image selection, architecture, languages, build (see checkUnattendMedia in media/). */
export const checkUnattendMedia: Media["checkUnattendMedia"] = (doc, media, options) => {
  checkArguments(notAnObject(["options"], "options", options, true));
  const problems = [...notAnObject([], DOCUMENT, doc), ...(isImageInfo(media) ? [] : notImage(["media"], media))];
  return problems.length > 0 ? problems : loadMedia().checkUnattendMedia(doc, media, options);
};

/** A Windows image file: its path, its bytes, or what readWindowsImage read of it. */
function isImageInfo(media: unknown): boolean {
  if (typeof media === "string" || media instanceof Uint8Array) return true;
  if (!isPlainObject(media)) return false;
  const { images, diagnostics } = media as { images?: unknown; diagnostics?: unknown };
  return (
    Array.isArray(images) && Array.from(images).every(isPlainObject) && Array.isArray(diagnostics) && Array.from(diagnostics).every(isPlainObject)
  );
}

function notImage(path: PathSegment[], value: unknown): Diagnostic[] {
  return [
    {
      severity: "error",
      code: "wrong-shape",
      path,
      message: `The Windows image must be a file's path (a string), its bytes (a Uint8Array) or what readWindowsImage returns; got ${describe(value)}.`,
    },
  ];
}

export type { UnattendDocument, UnvalidatedSettings, UnvalidatedElement, UnvalidatedValue, ExtraXml, ValidateOptions } from "./core/document";
export type { FlatChange } from "./core/flatten";
export { UnattendValidationError } from "./core/errors";
export {
  DIAGNOSTIC_CODES,
  formatPath,
  type Diagnostic,
  type DiagnosticCode,
  type DiagnosticPath,
  type PathSegment,
  type Severity,
} from "./core/diagnostics";
export { MAX_DEPTH, MAX_INPUT_BYTES, MAX_XML_DEPTH } from "./core/limits";
export { encodePassword, decodePassword } from "./core/password";
export { ARCHITECTURES, PASSES, catalog, type Architecture, type Pass } from "./catalog";
export type { PlainUnattendSettings as UnattendSettings, UnattendSettings as UnattendSettingsInput, Plain } from "./generated/settings";
export type * as SettingsInput from "./generated/settings";
export { RULES, RULE_IDS, RuleIgnoreError, findRule, ruleDocs, type Rule, type RuleArea, type RuleId, type RuleSource } from "./core/rules";
export type { ParseResult, ParseOptions, LocatedDiagnostic, ExtraElement, SourceLocation, XmlValidation } from "./core/parse";
export type { ImportOptions, ImportResult, ImportedSecret } from "./core/importer";
export { OVERRIDE_KEY } from "./core/names";
export type { UnattendLayer, MergeResult } from "./core/merge";
export type { WindowsImage, WindowsImageInfo, MediaCheckOptions, WimHeader, WimResource, WimCompression } from "./core/media";
export * from "./blocks";
