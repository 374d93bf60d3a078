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
/* eslint-disable @typescript-eslint/no-require-imports */
type Api = typeof import("./api");
type Parse = typeof import("./parse");
type Importer = typeof import("./importer");

let api: Api | undefined;
let parse: Parse | undefined;
let importer: Importer | undefined;
const loadApi = (): Api => (api ??= require("./api") as Api);
const loadParse = (): Parse => (parse ??= require("./parse") as Parse);
const loadImporter = (): Importer => (importer ??= require("./importer") as Importer);

/**
 * Renders canonical unattend.xml (see renderUnattend in pulumi-unattend).
 * @throws UnattendValidationError listing every error.
 */
export const renderUnattend: Api["renderUnattend"] = (doc) => loadApi().renderUnattend(doc);
/** Checks settings against the catalog: every problem found, [] when valid (see validateUnattend in pulumi-unattend). */
export const validateUnattend: Api["validateUnattend"] = (doc) => loadApi().validateUnattend(doc);
/** unattend.xml text or bytes -> the document, its diagnostics and source locations; never throws (see parseUnattend in pulumi-unattend). */
export const parseUnattend: Parse["parseUnattend"] = (...args) => loadParse().parseUnattend(...args);
/** Parses and validates an answer file, with positions (see validateUnattendXml in pulumi-unattend). */
export const validateUnattendXml: Parse["validateUnattendXml"] = (...args) => loadParse().validateUnattendXml(...args);
/** Renders a parsed document back to canonical XML (see renderParsed in pulumi-unattend). */
export const renderParsed: Parse["renderParsed"] = (...args) => loadParse().renderParsed(...args);
/** A parsed answer file as a Pulumi program or stack configuration (see importUnattend in pulumi-unattend). */
export const importUnattend: Importer["importUnattend"] = (...args) => loadImporter().importUnattend(...args);

export type { UnattendDocument, UnvalidatedSettings, UnvalidatedElement, UnvalidatedValue, ExtraXml } from "./api";
export type { FlatChange } from "./flatten";
export { UnattendValidationError } from "./errors";
export type { Diagnostic } from "./model";
export { encodePassword, decodePassword } from "./password";
export { ARCHITECTURES, PASSES, catalog, type Architecture, type Pass } from "./catalog";
export type { UnattendSettings } from "./generated/settings";
export type * as Settings from "./generated/settings";
export type { ParseResult, ParseOptions, LocatedDiagnostic, ExtraElement, SourceLocation, XmlValidation } from "./parse";
export type { ImportOptions, ImportResult, ImportedSecret } from "./importer";
