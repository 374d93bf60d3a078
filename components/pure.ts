/**
 * pulumi-unattend/core: the pure functions, without Pulumi. Render, validate,
 * parse, merge and import answer files, check them against installation
 * media, and the building blocks. Loading this entry point never loads
 * `@pulumi/pulumi` (a test checks it), and each function loads what it needs
 * on its first call (xmlbuilder2 to render, saxes to parse, yaml to import),
 * so scripts and tools that only check or render a file start fast.
 * `pulumi-unattend` exports the same, plus UnattendFile and the delivery
 * targets.
 *
 * ```ts
 * import { renderUnattend, validateUnattendXml } from "pulumi-unattend/core";
 * ```
 *
 * @packageDocumentation
 * @module pulumi-unattend/core
 */

import type { Diagnostic, PathSegment } from "./core/diagnostics";
import { throwIfErrors } from "./core/errors";
import type { UnattendDocument, ValidateOptions, Validation } from "./core/document";
import type { ImportOptions, ImportResult } from "./core/importer";
import type { MediaCheckOptions, WindowsImageInfo } from "./core/media";
import type { MergeResult, UnattendLayer } from "./core/merge";
import type { ParseOptions, ParseResult, XmlValidation } from "./core/parse";
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
 * Renders canonical unattend.xml: UTF-8 without byte-order mark, passes in
 * Windows order, components by name, settings in catalog order; the same
 * settings always give the same bytes. A parsed file renders back with
 * `renderUnattend(parsed.document)`.
 * @param doc - the document: settings by pass, component and setting.
 * @param options - rule warnings to leave out.
 * @returns the XML text.
 * @throws {@link UnattendValidationError} listing every error (warnings do not stop it).
 * @example
 * ```ts
 * const xml = renderUnattend({ settings: { generalize: { "Microsoft-Windows-WorkstationService": { AllowInsecureGuestAuth: 1 } } } });
 * ```
 */
export function renderUnattend(doc: UnattendDocument, options?: ValidateOptions): string {
  checkArguments(notAnObject([], DOCUMENT, doc), notAnObject(["options"], "options", options, true));
  return loadApi().renderUnattend(doc, options);
}

/**
 * Checks settings against the catalog, then how they go together (the
 * cross-setting rules). Never throws on a document: every problem is a
 * diagnostic. An `ignore` entry that is a rule error's id, or no rule's,
 * throws (a mistake in the program, not in the document).
 * @param doc - the document: settings by pass, component and setting.
 * @param options - rule warnings to leave out.
 * @returns every problem found, errors and warnings, in `diagnostics` (empty when valid).
 * @example
 * ```ts
 * const { diagnostics } = validateUnattend(doc, { ignore: ["autologon-logoncount-one"] });
 * ```
 */
export function validateUnattend(doc: UnattendDocument, options?: ValidateOptions): Validation {
  checkArguments(notAnObject(["options"], "options", options, true));
  const problems = notAnObject([], DOCUMENT, doc);
  return problems.length > 0 ? { diagnostics: problems } : loadApi().validateUnattend(doc, options);
}

/**
 * Reads an answer file: UTF-8 (with or without byte-order mark) or UTF-16
 * with one. Never throws: malformed XML is an error diagnostic with its line
 * and column.
 * @param input - the file's text or bytes.
 * @param options - the architecture of template placeholders, the size limit.
 * @returns the document (what renderUnattend and UnattendFile take), diagnostics with positions, and where each setting is.
 * @example
 * ```ts
 * const { document, diagnostics } = parseUnattend(fs.readFileSync("autounattend.xml"));
 * ```
 */
export function parseUnattend(input: string | Uint8Array, options?: ParseOptions): ParseResult {
  checkArguments(notAnObject(["options"], "options", options, true));
  return loadParse().parseUnattend(input, options);
}

/**
 * Parses and validates an answer file: the parser's diagnostics and
 * validateUnattend's, each with the line and column of the setting it is
 * about. Never throws on a file.
 * @param input - the file's text or bytes.
 * @param options - parse options, and rule warnings to leave out.
 * @returns what parseUnattend returns, with validation's diagnostics added to `diagnostics`.
 * @example
 * ```ts
 * for (const d of validateUnattendXml(xml).diagnostics) console.log(`${d.line}:${d.column} ${d.message}`);
 * ```
 */
export function validateUnattendXml(input: string | Uint8Array, options?: ParseOptions & ValidateOptions): XmlValidation {
  checkArguments(notAnObject(["options"], "options", options, true));
  return loadParse().validateUnattendXml(input, options);
}

/**
 * A parsed answer file as a Pulumi program (TypeScript) or stack
 * configuration (YAML); passwords become secret configuration, never text.
 * @param parsed - what parseUnattend returned.
 * @param options - the output's format and names.
 * @returns the text, the secrets it reads from configuration, and notes.
 * @example
 * ```ts
 * const { text, secrets } = importUnattend(parseUnattend(xml), { format: "yaml" });
 * ```
 */
export function importUnattend(parsed: Pick<ParseResult, "document" | "extras" | "diagnostics">, options?: ImportOptions): ImportResult {
  checkArguments(notAnObject(["parsed"], PARSED, parsed), notAnObject(["options"], "options", options, true));
  checkArguments(notAnObject([], DOCUMENT, parsed.document));
  return loadImporter().importUnattend(parsed, options);
}

/**
 * Deep-merges answer-file layers in order: values set twice must agree
 * unless the later layer overrides (`override: true` on the layer, or
 * {@link override} around the value), sequences of commands and partitions
 * are concatenated and renumbered, keyed items must not collide,
 * architectures are united and extras concatenated. Never throws. In a
 * Pulumi program, give the layers to UnattendFile's `settings` instead.
 * @param layers - the layers, earliest first: documents, building blocks' results, or partial documents with `name` and `override`.
 * @returns the merged document and the diagnostics (errors for conflicts, warnings for overrides).
 * @example
 * ```ts
 * const { document, diagnostics } = mergeUnattend(base, localAdministrator({ name: "ops", password }));
 * ```
 */
export function mergeUnattend(...layers: UnattendLayer[]): MergeResult {
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
}

/**
 * Marks one value (a setting, a list item, or a whole group) of a layer as
 * deliberately replacing what earlier layers set there: a conflict below it
 * becomes a `merge-override` warning and this value wins. The marker is
 * `{ "unattend:override": value }`, so the same form works in YAML and stack
 * configuration. For a whole layer, give the layer `override: true`.
 * @param value - the value that wins.
 * @returns the marked value, typed as the value.
 * @example
 * ```ts
 * const env = { settings: { oobeSystem: { "Microsoft-Windows-Shell-Setup": { TimeZone: override("W. Europe Standard Time") } } } };
 * ```
 */
export function override<T>(value: T): T {
  return loadMerge().override(value);
}

/**
 * Reads the images of a Windows image file (install.wim, a solid
 * install.esd, or the first part of a split install.swm) from its header and
 * XML metadata only. Never throws: a file that cannot be read gives no
 * images and a `media-unreadable` error.
 * @param input - the file's path or bytes.
 * @returns the images (index, name, architecture, languages, build...) and the diagnostics.
 * @example
 * ```ts
 * for (const i of readWindowsImage("D:/sources/install.wim").images) console.log(i.index, i.name);
 * ```
 */
export function readWindowsImage(input: string | Uint8Array): WindowsImageInfo {
  if (typeof input !== "string" && !(input instanceof Uint8Array)) return { images: [], diagnostics: notImage(["media"], input) };
  return loadMedia().readWindowsImage(input);
}

/**
 * Checks an answer file's document against a Windows image file: the image
 * InstallFrom selects, its architecture, UI languages, edition and build.
 * The document itself is not validated here (validateUnattend does that).
 * @param doc - the document, as renderUnattend takes it.
 * @param media - the image file's path or bytes, or what readWindowsImage returned.
 * @param options - how messages name the media.
 * @returns every problem found, in `diagnostics` (empty when the file fits the media).
 * @example
 * ```ts
 * const { diagnostics } = checkUnattendMedia(doc, "iso/sources/install.wim");
 * ```
 */
export function checkUnattendMedia(doc: UnattendDocument, media: string | Uint8Array | WindowsImageInfo, options?: MediaCheckOptions): Validation {
  checkArguments(notAnObject(["options"], "options", options, true));
  const problems = [...notAnObject([], DOCUMENT, doc), ...(isImageInfo(media) ? [] : notImage(["media"], media))];
  return problems.length > 0 ? { diagnostics: problems } : loadMedia().checkUnattendMedia(doc, media, options);
}

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

export type {
  UnattendDocument,
  UnvalidatedSettings,
  UnvalidatedElement,
  UnvalidatedValue,
  ExtraXml,
  ValidateOptions,
  Validation,
} from "./core/document";
export { UnattendValidationError } from "./core/errors";
export { formatPath, type Diagnostic, type DiagnosticCode, type DiagnosticPath, type PathSegment, type Severity } from "./core/diagnostics";
export type { Architecture, Pass } from "./catalog";
export type { PlainUnattendSettings as UnattendSettings, UnattendSettings as UnattendSettingsInput } from "./generated/settings";
export type { RuleId } from "./core/rules";
export type { ParseResult, ParseOptions, ExtraElement, SourceLocation, XmlValidation } from "./core/parse";
export type { ImportOptions, ImportResult, ImportedSecret } from "./core/importer";
export type { UnattendLayer, MergeResult } from "./core/merge";
export type { WindowsImage, WindowsImageInfo, MediaCheckOptions, WimHeader, WimResource, WimCompression } from "./core/media";
export {
  builtinAdministrator,
  bypassRequirements,
  commands,
  diskLayout,
  domainJoin,
  drivers,
  edition,
  image,
  locale,
  localAccounts,
  localAdministrator,
  offlineDomainJoin,
  productKey,
  registry,
  scripts,
  skipOobe,
  winrm,
  type AsyncCommand,
  type AsyncOptions,
  type BiosDiskLayoutArgs,
  type BuiltinAdministratorArgs,
  type BuiltinGroup,
  type BypassRequirementsArgs,
  type DiskLayoutArgs,
  type DomainJoinArgs,
  type DomainJoinCredentials,
  type DriverCredentials,
  type DriversArgs,
  type EditionName,
  type EditionOptions,
  type FirstLogonCommand,
  type ImageArgs,
  type ImageSelector,
  type LocalAccount,
  type LocalAdministratorArgs,
  type LocaleOptions,
  type OfflineDomainJoinArgs,
  type ProductKeyOptions,
  type RecoveryPartition,
  type RegistryType,
  type RegistryValue,
  type Script,
  type ScriptsArgs,
  type SkipOobeArgs,
  type SpecializeCommand,
  type UefiDiskLayoutArgs,
  type WindowsPECommand,
  type WinrmArgs,
} from "./blocks";
