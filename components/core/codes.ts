/**
 * The built-in diagnostic codes (the rules' ids are the others) and a
 * diagnostic's shape: a leaf, so that the normalised tree (model.ts) can hold
 * diagnostics without reaching the rules (diagnostics.ts adds their ids).
 */
import type { DiagnosticPath, Severity } from "./paths";

/**
 * Every diagnostic code with one line on what it means. The list in docs/validation.md is
 * generated from this table (and tested against it).
 */
export const DIAGNOSTIC_CODES = {
  // ---- the document's shape
  "wrong-shape": "A value has the wrong type or shape (e.g. an array where an object is expected).",
  "empty-document": "The document has no settings and no extra elements.",
  "empty-architectures": "`architectures` is an empty list.",
  "unknown-architecture": "An architecture name that is not x86, amd64, arm64 or wow64.",
  "duplicate-architecture": "An architecture listed twice.",
  "unknown-pass": "A configuration pass name that is not one of the seven passes.",
  "reserved-name": "`__proto__`, `constructor` or `prototype` used as a pass, component, element or key name.",
  "too-deep": "The input nests deeper than the documented limit.",
  "too-large": "The input is larger than a documented limit: its bytes, or its elements and attributes.",
  // ---- components and settings
  "unknown-component": "A component name the catalog does not know (use `unvalidated` for newer ones).",
  "unknown-setting": "A setting name the component or element does not have.",
  "duplicate-component": "The same component twice in one pass for one architecture.",
  "duplicate-element": "A setting that may appear once appears more than once.",
  "duplicate-key": "Two list items with the same key (Order, keyValue, ...).",
  "missing-key": "A list item without the key that tells it apart.",
  "wrong-pass": "A setting in a pass where Windows Setup does not read it.",
  deprecated: "A component or setting that the reference marks as deprecated.",
  "empty-component": "A component with no settings.",
  unvalidated: "Content given through `unvalidated`, written without validation.",
  "unvalidated-content": "Content of a known component that the catalog cannot describe, kept as written.",
  "unvalidated-per-architecture": "Unknown content that differs between architectures.",
  "invalid-action": "A `wcm:action` value other than those Windows SIM writes.",
  "invalid-name": "A name XML cannot hold as an element name.",
  "invalid-value": "A value `unvalidated` cannot write (NaN, Infinity, a function, a date, ...).",
  "invalid-text": "Text XML 1.0 cannot hold (NUL and most control characters, U+FFFE, U+FFFF, lone surrogates).",
  // ---- settings in the wrong place (issue 19, class 3)
  "misplaced-setting": "An element the reference documents in another component or under another parent; Windows Setup stops on it.",
  // ---- values
  "empty-value": "An empty value where the setting needs one.",
  "empty-password": "An empty password: the account will have none.",
  "invalid-boolean": "A boolean setting that is not true or false.",
  "boolean-case": "A boolean written in another case than true/false.",
  "invalid-integer": "An integer setting that is not a whole number.",
  "out-of-range": "A number outside the documented range.",
  "invalid-enum": "A value that is not one of the setting's documented values.",
  "surrounding-whitespace": "A documented value with spaces around it, which real files use and Windows accepts.",
  "too-long": "Text longer than the documented maximum.",
  "invalid-format": "Text that breaks the setting's documented rules (e.g. ComputerName's characters).",
  "password-name": "An `unvalidated` element named like a password or another confidential value, treated as a secret.",
  // ---- elements outside <settings>
  "invalid-extra": "An extra element that is not one well-formed XML element.",
  // ---- reading files
  "malformed-xml": "The file is not well-formed XML.",
  "not-unattend": "The root element is not `<unattend>`.",
  "wrong-namespace": "`<unattend>` is not in the answer-file namespace.",
  encoding: "The bytes could not be decoded cleanly.",
  "missing-pass": "A `<settings>` element without a pass attribute.",
  "missing-attribute": "A `<component>` without a name.",
  "missing-architecture": "A `<component>` without processorArchitecture.",
  "component-attribute": "A `<component>` identity attribute with an unusual value.",
  "component-outside-settings": "A `<component>` outside any `<settings>`.",
  "extra-element": "An element outside `<settings>`, kept as written in `extras`.",
  "ignored-element": "An element that is not written back.",
  "ignored-attribute": "An attribute that is not written back.",
  "ignored-text": "Text beside elements, which is not written back.",
  "ignored-markup": "Comments, processing instructions or a DOCTYPE, which are not written back.",
  "name-case": "A name that differs from the documented one in case only.",
  "missing-order": "A list item without Order, numbered by its position.",
  template: "A template placeholder (Packer, Jinja, MDT, ...) instead of a value.",
  // ---- merging layers and building blocks
  "merge-conflict": "Two layers set the same value, or a keyed item, differently (allow it with `override`).",
  "merge-override": "A later layer replaced what an earlier one set, as its `override` allows.",
  "invalid-argument": "A building block was given an argument it cannot use.",
  // ---- building blocks (issue 21: winrm)
  "insecure-winrm": "The winrm block was asked for Basic authentication over HTTP or unencrypted messages: allowed, with this warning.",
  // (issue 19, class 7: what merging layers did without a word)
  "merge-repeated-command": "Two layers add the same command (CommandLine, or Path) to one list: it would run twice.",
  "merge-image-selection":
    "Two layers select the Windows image by different MetaData keys (/IMAGE/INDEX and /IMAGE/NAME): both are kept and both must match.",
  // ---- delivery targets (Azure, vSphere, KubeVirt, Packer)
  "target-unsupported":
    "A pass, component, setting or construct the delivery target does not take (e.g. Azure takes only AutoLogon and FirstLogonCommands).",
  "target-empty": "Nothing the delivery target takes was given (no Azure setting, no KubeVirt file, no path).",
  "target-too-large": "More than the delivery target's documented limit (Azure: less than 4 KB per setting; a Kubernetes Secret: 1 MiB).",
  "target-name": "A name the delivery target refuses (a Kubernetes Secret name, a removable-media file not named Autounattend.xml).",
  // ---- installation media: the answer file against a Windows image (components/core/media)
  "media-unreadable":
    "The media file is not a Windows image that can be read (not a WIM, truncated, damaged or compressed metadata); or, as a warning, odd metadata.",
  "media-image-index": "`/IMAGE/INDEX` names no image of the media.",
  "media-image-name": "`/IMAGE/NAME` or `/IMAGE/DESCRIPTION` matches no image of the media (or, as a warning, in case only).",
  "media-image-ambiguous": "Several images match the selection, or none is selected where the media holds several and Setup would ask.",
  "media-architecture": "The answer file has no components for the architecture of the image.",
  "media-language": "A UI language the image does not contain: Windows falls back to the image's default.",
  "media-build": "A setting the reference marks as removed, deprecated or not yet present for the image's build.",
  // ---- installation media: a generic product key's edition against the image's (components/core/media, components/core/editions.ts)
  "media-edition": "A published generic product key is for another edition than the image selected (or than every image of the media).",
  // ---- exactness (issue 18: nothing changed without a word)
  "namespace-whitespace": 'A namespace URI with white space in it (`xmlns:wcm=" http://..."`), which Windows Setup reads as another namespace.',
} as const;

/** A built-in diagnostic code (not a rule's id). */
export type BuiltinCode = keyof typeof DIAGNOSTIC_CODES;

/** A problem found in a document, with its code among `Code` (Diagnostic: any code). */
export interface DiagnosticOf<Code extends string> {
  /** `error` stops rendering; `warning` is reported but rendered. */
  severity: Severity;
  /** A stable identifier, e.g. `unknown-setting`, `wrong-pass`, `out-of-range`. */
  code: Code;
  /** Where, as keys and indexes into the input document (see formatPath for the text form). */
  path: DiagnosticPath;
  /** What is wrong and what would be valid. Never quotes a password. */
  message: string;
  /** For files: 1-based line of the element the problem is about. */
  line?: number;
  /** For files: 1-based column (in UTF-16 code units). */
  column?: number;
}
