/**
 * The answer file against the installation media: which image
 * `InstallFrom/MetaData` selects, and whether the file's architectures,
 * languages and settings fit that image. Pure: a normalised document and the
 * images (readWindowsImage) in, diagnostics out.
 *
 * How Setup compares `/IMAGE/NAME` and `/IMAGE/DESCRIPTION`: Microsoft's
 * reference (the MetaData, Key and Value pages) says the value selects the
 * image "by its name" or "by its description" and documents no comparison
 * rule; public reports show Setup stopping at "Select the operating system"
 * when the name differs from the image's `<NAME>` (joefitzgerald/packer-windows
 * #183, a release that renamed the edition) and when the Key had a trailing
 * blank (StefanScherer/packer-windows #141). So an exact match is the only one
 * we call a match; a value equal but for case is a warning (it may work, it is
 * not documented to), and anything else, white space around it included, an
 * error that lists the images.
 */
import { diagnostic, wrongShape, type Diagnostic, type DiagnosticPath } from "../diagnostics";
import type { ComponentNode, NormalDocument, SettingNode } from "../model";
import { at, child, childrenNamed, literal, text, views } from "../rules/query";
import { nearest } from "../suggest";
import type { UnattendDocument, Validation } from "../document";
import { normalize, type PlainDocument } from "../normalize";
import { genericKeyEdition, isEdition, type KeyEdition } from "../editions";
import { readWindowsImage, type WindowsImage, type WindowsImageInfo } from "./metadata";

const PE = "windowsPE";
const SETUP = "Microsoft-Windows-Setup";
const SHELL = "Microsoft-Windows-Shell-Setup";

/** Options of checkMedia. */
export interface MediaCheckOptions {
  /**
   * How messages name the media (a file name), e.g. "install.wim".
   * @default "the media"
   * @example label: "install.wim"
   */
  label?: string;
}

/** An image as messages show it: index and name. */
function shown(i: WindowsImage): string {
  return `${i.index} ${quoted(i.name ?? "")}`;
}

/** A value from the media, quoted and cut at 200 characters (a damaged file could hold a name of megabytes). */
function quoted(s: string): string {
  return s.length > 200 ? `${JSON.stringify(s.slice(0, 200))}...` : JSON.stringify(s);
}

function list(images: readonly WindowsImage[], max = 12): string {
  const s = images.slice(0, max).map(shown).join(", ");
  return images.length > max ? `${s}, ... (${images.length} in all)` : s;
}

/** The OS image's `InstallFrom/MetaData` items (windowsPE, Microsoft-Windows-Setup), once for all architectures. */
function metadataItems(doc: NormalDocument): SettingNode[] {
  const seen = new Set<string>();
  const out: SettingNode[] = [];
  for (const view of views(doc)) {
    const from = at(view.component(PE, SETUP), "ImageInstall", "OSImage", "InstallFrom");
    for (const m of childrenNamed(from, "MetaData")) {
      const key = JSON.stringify(m.path);
      if (!seen.has(key)) {
        seen.add(key);
        out.push(m);
      }
    }
  }
  return out;
}

/** Whether the windowsPE pass gives Setup a product key (Setup may then choose the edition by it). */
function hasProductKey(doc: NormalDocument): boolean {
  return views(doc).some((v) => at(v.component(PE, SETUP), "UserData", "ProductKey", "Key") !== undefined);
}

interface Selection {
  /** The images selected, or undefined when the file selects none (or its selection is not known now). */
  images?: WindowsImage[];
  diagnostics: Diagnostic[];
}

/**
 * The images the answer file's `InstallFrom/MetaData` selects on this media,
 * with the errors and warnings of the selection. Items whose value is not
 * known yet (an Output, a template placeholder) select nothing and are not
 * reported.
 */
export function selectedImages(doc: NormalDocument, images: readonly WindowsImage[], options: MediaCheckOptions = {}): Selection {
  const media = options.label ?? "the media";
  const diagnostics: Diagnostic[] = [];
  let selected: WindowsImage[] | undefined;
  let unknown = false;
  for (const item of metadataItems(doc)) {
    const found = itemMatches(item, images, media, diagnostics);
    if (found === undefined) {
      unknown = true;
      continue;
    }
    const { key, value, where, matches } = found;
    const matching = new Set(matches);
    selected = selected === undefined ? matches : selected.filter((i) => matching.has(i));
    if (matches.length > 1) {
      diagnostics.push(
        diagnostic(
          "warning",
          "media-image-ambiguous",
          where,
          `${key} ${JSON.stringify(value)} matches ${matches.length} images of ${media} (${list(matches)}): select one by /IMAGE/INDEX.`,
        ),
      );
    }
  }
  selectionFindings(doc, images, media, selected, unknown, diagnostics);
  if (selected === undefined && images.length === 1 && !unknown) selected = [...images];
  return { images: unknown && selected === undefined ? undefined : selected, diagnostics };
}

/** One MetaData item read, with the images it matches. */
interface ItemMatch {
  key: string;
  value: string;
  where: DiagnosticPath;
  matches: WindowsImage[];
}

/**
 * The images one MetaData item matches; undefined when that cannot be known
 * now (a value not known yet, another key) or when it matches none (reported).
 */
function itemMatches(item: SettingNode, images: readonly WindowsImage[], media: string, diagnostics: Diagnostic[]): ItemMatch | undefined {
  const key = literal(child(item, "Key"))?.toUpperCase();
  const valueNode = child(item, "Value");
  const value = text(valueNode);
  if (key === undefined || value === undefined || literal(valueNode) === undefined) return undefined;
  const where: DiagnosticPath = valueNode!.path;
  let matches: WindowsImage[] | undefined;
  if (key === "/IMAGE/INDEX") matches = byIndex(value, where, images, media, diagnostics);
  else if (key === "/IMAGE/NAME" || key === "/IMAGE/DESCRIPTION") matches = byNameOrDescription(key, value, where, images, media, diagnostics);
  // another key: validation reports it; it selects nothing we can know
  return matches === undefined ? undefined : { key, value, where, matches };
}

/** The images of /IMAGE/INDEX; none is an error (undefined). */
function byIndex(
  value: string,
  where: DiagnosticPath,
  images: readonly WindowsImage[],
  media: string,
  diagnostics: Diagnostic[],
): WindowsImage[] | undefined {
  const n = /^\s*\d{1,9}\s*$/.test(value) ? Number(value) : undefined;
  const matches = images.filter((i) => i.index === n);
  if (matches.length > 0) return matches;
  diagnostics.push(
    diagnostic(
      "error",
      "media-image-index",
      where,
      `/IMAGE/INDEX is ${JSON.stringify(value)}, and ${media} has no image of that index: Setup would stop at "Select the operating system". ${media === "the media" ? "The media holds" : `${media} holds`} ${images.length === 0 ? "no image" : `images ${list(images)}`}.`,
    ),
  );
  return undefined;
}

/** The images of /IMAGE/NAME or /IMAGE/DESCRIPTION: exact, else equal but for case (a warning); none is an error (undefined). */
function byNameOrDescription(
  key: "/IMAGE/NAME" | "/IMAGE/DESCRIPTION",
  value: string,
  where: DiagnosticPath,
  images: readonly WindowsImage[],
  media: string,
  diagnostics: Diagnostic[],
): WindowsImage[] | undefined {
  const field = key === "/IMAGE/NAME" ? "name" : "description";
  const of = (i: WindowsImage) => i[field];
  const matches = images.filter((i) => of(i) === value);
  if (matches.length > 0) return matches;
  const folded = images.filter((i) => of(i)?.toLowerCase() === value.toLowerCase());
  if (folded.length > 0) {
    diagnostics.push(
      diagnostic(
        "warning",
        "media-image-name",
        where,
        `${key} is ${JSON.stringify(value)}, which differs in case from the ${field} of image ${shown(folded[0])}: Setup's comparison is not documented to ignore case; write ${JSON.stringify(of(folded[0]))}.`,
      ),
    );
    return folded;
  }
  // a name far longer than the value is no typo of it (and would cost its length to compare)
  const candidates = images.map(of).filter((v): v is string => v !== undefined && v.length <= value.length * 2 + 16);
  const near = nearest(value.trim(), candidates);
  const spaced = value.trim() !== value && candidates.includes(value.trim());
  diagnostics.push(
    diagnostic(
      "error",
      "media-image-name",
      where,
      `${key} is ${JSON.stringify(value)}, and no image of ${media} has that ${field}${spaced ? " (the value has white space around it, which Setup does not ignore)" : ""}: Setup would stop at "Select the operating system".${near ? ` Did you mean ${JSON.stringify(near.match)}?` : ""} The images are ${images.length === 0 ? "none" : list(images)}${
        field === "description"
          ? ` (descriptions: ${images
              .slice(0, 12)
              .map((i) => quoted(i.description ?? ""))
              .join(", ")}${images.length > 12 ? ", ..." : ""})`
          : ""
      }.`,
    ),
  );
  return undefined;
}

/** What the items select together: no image at all (an error), or nothing selected on media of several images (a warning). */
function selectionFindings(
  doc: NormalDocument,
  images: readonly WindowsImage[],
  media: string,
  selected: WindowsImage[] | undefined,
  unknown: boolean,
  diagnostics: Diagnostic[],
) {
  if (selected !== undefined && selected.length === 0 && !unknown) {
    diagnostics.push(
      diagnostic(
        "error",
        "media-image-name",
        metadataItems(doc)[0]?.path ?? ["settings", PE, SETUP],
        `The MetaData items select no image together (each matches a different one): give one item, e.g. /IMAGE/INDEX.`,
      ),
    );
  }
  if (selected === undefined && !unknown && images.length > 1 && metadataItems(doc).length === 0 && !hasProductKey(doc)) {
    diagnostics.push(
      diagnostic(
        "warning",
        "media-image-ambiguous",
        ["settings", PE, SETUP, "ImageInstall", "OSImage", "InstallFrom", "MetaData"],
        `${media === "the media" ? "The media holds" : `${media} holds`} ${images.length} images and the answer file selects none (no InstallFrom/MetaData, no product key): Setup will ask at "Select the operating system". Select one, e.g. /IMAGE/INDEX ${images[0].index} for ${quoted(images[0].name ?? "")}.`,
      ),
    );
  }
}

/** The architectures an image's Windows reads components for: its own, and wow64 on 64-bit Windows. */
function readsFor(architecture: string): string[] {
  return architecture === "amd64" || architecture === "arm64" ? [architecture, "wow64"] : [architecture];
}

/**
 * The checks below take the images the file selects (`selected`: each must
 * fit), or, when it selects none, every image of the media (then a finding is
 * reported only when no image fits: the user may pick any at Setup's prompt).
 */
function checkArchitecture(doc: NormalDocument, images: readonly WindowsImage[], media: string, selected: boolean): Diagnostic[] {
  const declared = new Set(doc.components.map((c) => c.architecture));
  if (declared.size === 0) return [];
  if (!selected && images.some((i) => i.architecture === undefined || readsFor(i.architecture).some((a) => declared.has(a)))) return [];
  const out: Diagnostic[] = [];
  const done = new Set<string>();
  for (const image of images) {
    const arch = image.architecture;
    if (arch === undefined || done.has(arch)) continue;
    done.add(arch);
    if (readsFor(arch).some((a) => declared.has(a))) continue;
    out.push(
      diagnostic(
        "error",
        "media-architecture",
        ["architectures"],
        `Image ${shown(image)} of ${media} is ${arch}, and the answer file's components are for ${[...declared].join(", ")} only: Windows applies none of them. Add "${arch}" to architectures${declared.size === 1 && !declared.has("wow64") ? ` (or replace ${[...declared][0]})` : ""}.`,
      ),
    );
  }
  return out;
}

/** UI language settings whose value must be a language of the image (else Windows falls back). */
const UI_LANGUAGE_SETTINGS = ["UILanguage", "UILanguageFallback"];
const LANGUAGE_COMPONENTS = ["Microsoft-Windows-International-Core", "Microsoft-Windows-International-Core-WinPE"];

function checkLanguages(doc: NormalDocument, images: readonly WindowsImage[], media: string, selected: boolean): Diagnostic[] {
  const withLanguages = images.filter((i) => i.languages.length > 0);
  if (withLanguages.length === 0) return [];
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const c of doc.components) {
    if (!c.def || !LANGUAGE_COMPONENTS.includes(c.name)) continue;
    for (const name of UI_LANGUAGE_SETTINGS) {
      const n = child(c, name);
      const v = literal(n);
      if (!n || v === undefined || v === "" || seen.has(JSON.stringify(n.path))) continue;
      seen.add(JSON.stringify(n.path));
      const lacking = withLanguages.filter((i) => !i.languages.some((l) => l.toLowerCase() === v.toLowerCase()));
      if (lacking.length === 0 || (!selected && lacking.length < withLanguages.length)) continue;
      const i = lacking[0];
      const fallback = i.defaultLanguage ?? i.languages[0];
      out.push(
        diagnostic(
          "warning",
          "media-language",
          n.path,
          `"${name}" is ${JSON.stringify(v)}, a language image ${shown(i)} of ${media} does not contain (it has ${i.languages.join(", ")}): Windows falls back to ${fallback} without a word. Add the language pack to the image, or write one of ${i.languages.join(", ")}.`,
        ),
      );
    }
  }
  return out;
}

interface BuildChange {
  component: string;
  path: readonly string[];
  change: "new" | "deprecated" | "removed";
  build: number;
  version: string;
  page: string;
}

/** One changed-settings page's rows (component, path, change), with the build, version and page they come from. */
function changedIn(
  rows: readonly (readonly [string, readonly string[], BuildChange["change"]])[],
  build: number,
  version: string,
  page: string,
): BuildChange[] {
  return rows.map(([component, path, change]) => ({ component, path, change, build, version, page }));
}

/**
 * Settings the reference's "Changed answer file settings" pages list as new,
 * deprecated or removed in a Windows 10 build (version -> build number:
 * 1709 = 16299, 1803 = 17134, 1809 = 17763). Component, then the path of
 * element names below it.
 */
export const BUILD_CHANGES: readonly BuildChange[] = [
  ...changedIn(
    [
      ["Microsoft-Windows-Shell-Setup", ["OEMInformation", "SupportProvider"], "new"],
      ["Microsoft-Windows-Embedded-UnifiedWriteFilter", ["OverlayFlags"], "new"],
      ["Microsoft-Windows-WorkstationService", ["AllowInsecureGuestAuth"], "new"],
      ["Microsoft-Windows-Shell-Setup", ["OEMInformation", "HelpCustomized"], "deprecated"],
      ["Microsoft-Windows-Shell-Setup", ["OEMInformation", "Logo"], "deprecated"],
      ["Microsoft-Windows-Shell-Setup", ["OEMInformation", "SupportHours"], "deprecated"],
      ["Microsoft-Windows-Shell-Setup", ["OEMInformation", "SupportPhone"], "deprecated"],
      ["Microsoft-Windows-Shell-Setup", ["OEMInformation", "Model"], "deprecated"],
      ["Microsoft-Windows-Shell-Setup", ["OEMInformation", "Manufacturer"], "deprecated"],
      ["Microsoft-Windows-Shell-Setup", ["VisualEffects", "FontSmoothing"], "removed"],
      ["Microsoft-Windows-Shell-Setup", ["Themes", "ScreenSaver"], "removed"],
    ] as const,
    16299,
    "1709",
    "changed-answer-file-settings-for-previous-windows10-builds",
  ),
  ...changedIn(
    [
      ["Microsoft-Windows-CodeIntegrity", ["SKUPolicyRequired"], "new"],
      ["Microsoft-Windows-WLANSVC", ["WLANPlatformLevelDeviceResetSupported"], "deprecated"],
      ["Microsoft-Windows-WLANSVC", ["WLANFunctionLevelDeviceResetSupported"], "deprecated"],
      ["Microsoft-Windows-StorPort", ["RegistrySettings", "TelemetryPerformanceHighResolutionTimer"], "removed"],
    ] as const,
    17134,
    "1803",
    "changed-answer-file-settings-for-windows-10-build-1803",
  ),
  ...changedIn(
    [
      ["Microsoft-Windows-MobilePC-Sensors-API", ["AdaptiveBrightness", "ALRCurveVersion"], "new"],
      ["Microsoft-Windows-MobilePC-Sensors-API", ["AdaptiveBrightness", "DefaultSliderPosition"], "new"],
      ["Microsoft-Windows-MobilePC-Sensors-API", ["AdaptiveBrightness", "IsAutobrightnessEnabledByDefault"], "new"],
    ] as const,
    17763,
    "1809",
    "changed-answer-file-settings-for-windows-10-build-1809",
  ),
];

function checkBuild(doc: NormalDocument, images: readonly WindowsImage[], media: string, selected: boolean): Diagnostic[] {
  const built = images.filter((i) => i.build !== undefined);
  if (built.length === 0) return [];
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const change of BUILD_CHANGES) {
    for (const c of doc.components as ComponentNode[]) {
      if (c.name !== change.component || !c.def) continue;
      const n = at(c, ...change.path);
      if (!n || seen.has(JSON.stringify(n.path))) continue;
      const affected = (i: WindowsImage) => (change.change === "new" ? i.build! < change.build : i.build! >= change.build);
      const image = built.find(affected);
      if (!image || (!selected && !built.every(affected))) continue;
      seen.add(JSON.stringify(n.path));
      const setting = `${change.component}/${change.path.join("/")}`;
      const message =
        change.change === "new"
          ? `${setting} is new in Windows 10 version ${change.version} (build ${change.build}); image ${shown(image)} of ${media} is build ${image.build}, which does not read it.`
          : `${setting} is ${change.change} as of Windows 10 version ${change.version} (build ${change.build}); image ${shown(image)} of ${media} is build ${image.build}: the setting ${change.change === "removed" ? "is not read" : "has no effect"}. Leave it out.`;
      out.push(diagnostic("warning", "media-build", n.path, message));
    }
  }
  return out;
}

/** A product key of the answer file that is one of the published generic keys. */
interface GenericKey {
  node: SettingNode;
  edition: KeyEdition;
  /** Where the key is: windowsPE's chooses the image, specialize's is applied to the installed one. */
  pass: "windowsPE" | "specialize";
}

/** The generic keys of windowsPE `UserData/ProductKey/Key` (Setup) and specialize `ProductKey` (Shell-Setup), once each. */
function genericKeys(doc: NormalDocument): GenericKey[] {
  const seen = new Set<string>();
  const out: GenericKey[] = [];
  for (const view of views(doc)) {
    const found: [SettingNode | undefined, GenericKey["pass"]][] = [
      [at(view.component(PE, SETUP), "UserData", "ProductKey", "Key"), "windowsPE"],
      [child(view.component("specialize", SHELL), "ProductKey"), "specialize"],
    ];
    for (const [node, pass] of found) {
      const value = literal(node);
      if (!node || value === undefined || seen.has(JSON.stringify(node.path))) continue;
      seen.add(JSON.stringify(node.path));
      const edition = genericKeyEdition(value);
      if (edition) out.push({ node, edition, pass });
    }
  }
  return out;
}

/** The editions a generic key stands for, by name: "Windows Pro", or "Windows Enterprise LTSC 2019, ... or ...". */
function editionNames(e: KeyEdition): string {
  const n = e.names;
  return n.length === 1 ? n[0] : `${n.slice(0, -1).join(", ")} or ${n[n.length - 1]}`;
}

/**
 * A generic product key against the image it installs (the reference's Key
 * page: the key determines which edition Windows installs, and must be the
 * key of the edition installed; its ProductKey page: an invalid key makes
 * Setup fail). With a selection (`selected`), every image selected must be
 * the key's edition; without one, Setup picks the image by the windowsPE key
 * (or asks), so only a media with no image of the key's edition is reported.
 * Images without an EDITIONID are not judged. The key is never quoted: the
 * messages name its edition.
 */
function checkEdition(
  doc: NormalDocument,
  target: readonly WindowsImage[],
  all: readonly WindowsImage[],
  media: string,
  selected: boolean,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const known = target.filter((i) => i.edition !== undefined);
  if (known.length === 0) return out;
  for (const { node, edition, pass } of genericKeys(doc)) {
    const is = (i: WindowsImage) => isEdition(i.edition!, edition.editionId);
    const setting = pass === PE ? "UserData/ProductKey/Key" : "ProductKey (specialize)";
    const key = `${setting} is the generic key of ${editionNames(edition)} (edition ${edition.editionId})`;
    if (selected) {
      const wrong = known.find((i) => !is(i));
      if (!wrong) continue;
      const right = all.filter((i) => i.edition !== undefined && is(i));
      out.push(
        diagnostic(
          "error",
          "media-edition",
          node.path,
          `${key}, and the image the answer file selects, ${shown(wrong)} of ${media}, is edition ${quoted(wrong.edition!)}: ${pass === PE ? "the key determines the edition Setup installs, and this image is not that edition" : "Windows applies the key to the edition installed, which it is not for, and Setup fails on an invalid key"}. ${
            right.length > 0
              ? `Select image ${shown(right[0])}, which is ${edition.editionId}, or give the key of edition ${quoted(wrong.edition!)}.`
              : `${media === "the media" ? "The media has" : `${media} has`} no ${edition.editionId} image: give the key of edition ${quoted(wrong.edition!)} (the edition() block writes it by name), or use media with ${editionNames(edition)}.`
          }`,
        ),
      );
    } else if (!known.some(is)) {
      out.push(
        diagnostic(
          "error",
          "media-edition",
          node.path,
          `${key}, and no image of ${media} is that edition (${known
            .slice(0, 12)
            .map((i) => `${shown(i)} is ${quoted(i.edition!)}`)
            .join(
              ", ",
            )}${known.length > 12 ? ", ..." : ""}): ${pass === PE ? "Setup finds no image for the key and stops" : "the installed edition cannot take the key, and Setup fails"}. Give the key of an edition the media holds (the edition() block writes it by name), or use media with ${editionNames(edition)}.`,
        ),
      );
    }
  }
  return out;
}

/**
 * The answer file against the media's images: the image selection
 * (`InstallFrom/MetaData` index, name and description), then, for the
 * selected image (every image when none is selected), the architectures, UI
 * languages, settings changed in the image's build, and the edition of a
 * generic product key.
 * @param doc the normalised document (analyze(...).document, or a parsed file's).
 * @param images readWindowsImage(...).images.
 * @returns the findings, each with a `media-*` code and the path of the setting.
 */
export function checkMedia(doc: NormalDocument, images: readonly WindowsImage[], options: MediaCheckOptions = {}): Diagnostic[] {
  const media = options.label ?? "the media";
  const selection = selectedImages(doc, images, options);
  const selected = selection.images !== undefined && selection.images.length > 0;
  const target = selected ? selection.images! : images;
  return [
    ...selection.diagnostics,
    ...checkArchitecture(doc, target, media, selected),
    ...checkLanguages(doc, target, media, selected),
    ...checkBuild(doc, target, media, selected),
    ...checkEdition(doc, target, images, media, selected),
  ];
}

/**
 * An answer file's document against a Windows image file: readWindowsImage's
 * diagnostics (a file that cannot be read is one `media-unreadable` error),
 * then checkMedia's. The document is not validated here (validateUnattend
 * does that).
 * @param doc the document, as renderUnattend and validateUnattend take it.
 * @param media the path of install.wim / install.esd / a .swm part, its bytes, or what readWindowsImage returned.
 * @example
 * checkUnattendMedia({ settings }, "iso/sources/install.wim").diagnostics.filter((d) => d.severity === "error")
 */
export function checkUnattendMedia(
  doc: UnattendDocument | PlainDocument,
  media: string | Uint8Array | WindowsImageInfo,
  options: MediaCheckOptions = {},
): Validation {
  const info = typeof media === "string" || media instanceof Uint8Array ? readWindowsImage(media) : media;
  const label = options.label ?? (typeof media === "string" ? media : undefined);
  // images given as data (not read here) are checked for the fields the checks read, so none can throw
  const shape = info === media ? imageShapeProblems(info.images) : [];
  if (shape.length > 0) return { diagnostics: shape };
  if (info.diagnostics.some((d) => d.severity === "error")) return { diagnostics: info.diagnostics };
  return { diagnostics: [...info.diagnostics, ...checkMedia(normalize(doc), info.images, { ...options, label })] };
}

const OPTIONAL_TEXT = [
  "name",
  "description",
  "displayName",
  "displayDescription",
  "edition",
  "flags",
  "architecture",
  "productName",
  "installationType",
  "version",
  "defaultLanguage",
] as const;

/** What is wrong with images given as data (what readWindowsImage returns): wrong-shape at media.images[i].field. */
function imageShapeProblems(images: readonly WindowsImage[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const wrong = (i: number, field: string, expected: string, value: unknown) => out.push(wrongShape(["media", "images", i, field], expected, value));
  Array.from(images).forEach((image, i) => {
    if (!Number.isSafeInteger(image.index)) wrong(i, "index", "the image's index (a whole number)", image.index);
    if (!Array.isArray(image.languages) || !Array.from(image.languages).every((l) => typeof l === "string"))
      wrong(i, "languages", 'the image\'s languages (an array of strings such as "en-US")', image.languages);
    for (const field of OPTIONAL_TEXT) if (image[field] !== undefined && typeof image[field] !== "string") wrong(i, field, "a string", image[field]);
    for (const field of ["build", "totalBytes"] as const)
      if (image[field] !== undefined && !Number.isSafeInteger(image[field])) wrong(i, field, "a whole number", image[field]);
  });
  return out;
}
