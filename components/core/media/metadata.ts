/**
 * A Windows image file's XML metadata -> typed images. The XML is what
 * `wiminfo --xml` and `DISM /Get-WimInfo` show: `<WIM>` holding one `<IMAGE
 * INDEX="n">` per image, each with `<NAME>`, `<DESCRIPTION>`, `<DISPLAYNAME>`,
 * `<FLAGS>` and a `<WINDOWS>` block (`<ARCH>`, `<EDITIONID>`,
 * `<INSTALLATIONTYPE>`, `<LANGUAGES>` with `<LANGUAGE>`s and a `<DEFAULT>`,
 * `<VERSION>` with `<MAJOR>`, `<MINOR>`, `<BUILD>`, `<SPBUILD>`) that Windows
 * writes when it captures an image and wimlib reads and writes as
 * "image properties". Read with saxes; every element is optional.
 */
import { SaxesParser } from "saxes";
import { diagnostic, type Diagnostic } from "../diagnostics";
import { MAX_XML_DEPTH } from "../limits";
import { readWimXml, WimReadError, type WimHeader } from "./wim";

/**
 * `<WINDOWS><ARCH>`: Windows' PROCESSOR_ARCHITECTURE_* numbers. The answer
 * file's processorArchitecture names the same processors x86, amd64, arm64.
 */
const ARCHITECTURES: Record<string, string> = { "0": "x86", "5": "arm", "6": "ia64", "9": "amd64", "12": "arm64" };

/** One image of a Windows image file. */
export interface WindowsImage {
  /** Its index in the file, from 1 (`/IMAGE/INDEX`). */
  index: number;
  /** `<NAME>`, compared by `/IMAGE/NAME`, e.g. "Windows 11 Pro". */
  name?: string;
  /** `<DESCRIPTION>`, compared by `/IMAGE/DESCRIPTION`. */
  description?: string;
  /** `<DISPLAYNAME>`: what Setup's "Select the operating system" list shows (it may be localised). */
  displayName?: string;
  /** `<DISPLAYDESCRIPTION>`. */
  displayDescription?: string;
  /** `<WINDOWS><EDITIONID>`, e.g. "Professional", "Enterprise", "ServerDatacenter". */
  edition?: string;
  /** `<FLAGS>`: on Microsoft's media the edition again, e.g. "Professional". */
  flags?: string;
  /** The processor: "x86", "amd64", "arm64" (as processorArchitecture names them), or "arm", "ia64", or the number as written when unknown. */
  architecture?: string;
  /** `<WINDOWS><PRODUCTNAME>`. */
  productName?: string;
  /** `<WINDOWS><INSTALLATIONTYPE>`, e.g. "Client", "Server", "Server Core". */
  installationType?: string;
  /** `<WINDOWS><VERSION>`: major.minor.build.spbuild as written, e.g. "10.0.22631.2861". */
  version?: string;
  /** `<WINDOWS><VERSION><BUILD>`, e.g. 22631. */
  build?: number;
  /** `<WINDOWS><LANGUAGES><LANGUAGE>`s, e.g. ["en-US"]. */
  languages: string[];
  /** `<WINDOWS><LANGUAGES><DEFAULT>`. */
  defaultLanguage?: string;
  /** `<TOTALBYTES>`: the size of the image's files once applied. */
  totalBytes?: number;
}

/** What readWindowsImage found: the images, the file's header, and the problems (errors leave `images` empty). */
export interface WindowsImageInfo {
  /** The images, by index. */
  images: WindowsImage[];
  /** The file's header, when it could be read. */
  header?: WimHeader;
  /** Why the file could not be read (an error, code `media-unreadable`), or what is odd about it (warnings). Paths start with "media". */
  diagnostics: Diagnostic[];
}

interface Node {
  name: string;
  attributes: Record<string, string>;
  children: Node[];
  text: string;
}

/** The XML text -> a tree; throws WimReadError on malformed XML or nesting deeper than MAX_XML_DEPTH. */
function tree(xml: string): Node {
  const parser = new SaxesParser({ position: true });
  const root: Node = { name: "", attributes: {}, children: [], text: "" };
  const stack: Node[] = [root];
  let problem: string | undefined;
  parser.on("error", (e) => {
    problem ??= e.message;
    throw e;
  });
  parser.on("doctype", () => {
    problem ??= "a DOCTYPE, which WIM metadata never has";
    throw new Error(problem);
  });
  parser.on("opentag", (t) => {
    if (stack.length > MAX_XML_DEPTH) {
      problem ??= `elements nested deeper than ${MAX_XML_DEPTH}`;
      throw new Error(problem);
    }
    const attributes: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const [k, v] of Object.entries(t.attributes)) attributes[k] = typeof v === "string" ? v : v.value;
    const node: Node = { name: t.name, attributes, children: [], text: "" };
    stack[stack.length - 1].children.push(node);
    stack.push(node);
  });
  parser.on("closetag", () => void stack.pop());
  parser.on("text", (t) => {
    if (stack.length > 1) stack[stack.length - 1].text += t;
  });
  parser.on("cdata", (t) => {
    if (stack.length > 1) stack[stack.length - 1].text += t;
  });
  try {
    parser.write(xml.replace(/^\uFEFF/, "")).close();
  } catch (e) {
    throw new WimReadError(`has XML metadata that is not well-formed XML (${(problem ?? (e as Error).message).split("\n")[0].slice(0, 200)})`);
  }
  return root;
}

const kid = (n: Node | undefined, name: string) => n?.children.find((c) => c.name === name);
const kids = (n: Node | undefined, name: string) => n?.children.filter((c) => c.name === name) ?? [];
/** An element's text, as written (names are compared by Setup as written). */
const textOf = (n: Node | undefined) => (n === undefined ? undefined : n.text);
const trimmed = (n: Node | undefined) => textOf(n)?.trim();
const whole = (n: Node | undefined) => {
  const t = trimmed(n);
  return t !== undefined && /^\d{1,15}$/.test(t) ? Number(t) : undefined;
};

/** One `<IMAGE>` -> a WindowsImage (fields left out when the XML has none). */
function imageOf(node: Node, index: number): WindowsImage {
  const windows = kid(node, "WINDOWS");
  const languages = kid(windows, "LANGUAGES");
  const version = kid(windows, "VERSION");
  const arch = trimmed(kid(windows, "ARCH"));
  const versionParts = ["MAJOR", "MINOR", "BUILD", "SPBUILD"].map((k) => trimmed(kid(version, k)));
  const image: WindowsImage = {
    index,
    name: textOf(kid(node, "NAME")),
    description: textOf(kid(node, "DESCRIPTION")),
    displayName: textOf(kid(node, "DISPLAYNAME")),
    displayDescription: textOf(kid(node, "DISPLAYDESCRIPTION")),
    edition: trimmed(kid(windows, "EDITIONID")),
    flags: trimmed(kid(node, "FLAGS")),
    architecture: arch === undefined ? undefined : (ARCHITECTURES[arch] ?? arch),
    productName: trimmed(kid(windows, "PRODUCTNAME")),
    installationType: trimmed(kid(windows, "INSTALLATIONTYPE")),
    version: versionParts[0] !== undefined && versionParts[2] !== undefined ? versionParts.filter((p) => p !== undefined).join(".") : undefined,
    build: whole(kid(version, "BUILD")),
    languages: kids(languages, "LANGUAGE")
      .map((l) => l.text.trim())
      .filter((l) => l !== ""),
    defaultLanguage: trimmed(kid(languages, "DEFAULT")),
    totalBytes: whole(kid(node, "TOTALBYTES")),
  };
  for (const k of Object.keys(image) as (keyof WindowsImage)[]) if (image[k] === undefined) delete image[k];
  return image;
}

/** The images of a WIM's XML metadata, with warnings for what is odd (indexes, counts). */
export function imagesFromXml(xml: string, header?: WimHeader): { images: WindowsImage[]; diagnostics: Diagnostic[] } {
  const root = tree(xml);
  const wim = root.children[0];
  if (!wim || wim.name !== "WIM") throw new WimReadError(`has XML metadata whose root element is <${wim?.name ?? ""}>, not <WIM>`);
  const diagnostics: Diagnostic[] = [];
  const images: WindowsImage[] = [];
  const seen = new Set<number>();
  let free = 1;
  kids(wim, "IMAGE").forEach((node, i) => {
    const given = node.attributes.INDEX;
    let index = given !== undefined && /^\s*[1-9]\d{0,9}\s*$/.test(given) ? Number(given) : undefined;
    if (index === undefined || seen.has(index)) {
      // the lowest index not taken (the counter only moves forward: linear in all)
      while (seen.has(free)) free++;
      index = free;
      diagnostics.push(
        diagnostic(
          "warning",
          "media-unreadable",
          ["media", "images", i],
          `Image ${i + 1} of the XML metadata has ${given === undefined ? "no INDEX" : `INDEX ${JSON.stringify(given)}, which is not a new whole number from 1`}; it is listed as index ${index}.`,
        ),
      );
    }
    seen.add(index);
    images.push(imageOf(node, index));
  });
  images.sort((a, b) => a.index - b.index);
  if (header && header.imageCount !== images.length) {
    diagnostics.push(
      diagnostic(
        "warning",
        "media-unreadable",
        ["media", "images"],
        `The header says the file holds ${header.imageCount} image${header.imageCount === 1 ? "" : "s"} and the XML metadata describes ${images.length}: the images listed are those of the XML.`,
      ),
    );
  }
  return { images, diagnostics };
}

/**
 * Reads the images of a Windows image file: `install.wim`, a solid
 * `install.esd`, or the first part of a split WIM (`install.swm`). Only the
 * 208-byte header and the XML metadata are read (two bounded reads), so the
 * cost does not depend on the file's size. Never throws: a file that cannot
 * be read gives no images and one error (code `media-unreadable`) saying why.
 * @param input the path of the file, or its bytes.
 * @example
 * const { images, diagnostics } = readWindowsImage("D:/sources/install.wim");
 * for (const i of images) console.log(i.index, i.name, i.architecture, i.languages.join(","));
 */
export function readWindowsImage(input: string | Uint8Array): WindowsImageInfo {
  let header: WimHeader | undefined;
  try {
    const read = readWimXml(input);
    header = read.header;
    const { images, diagnostics } = imagesFromXml(read.xml, header);
    if (header.partNumber > 1) {
      diagnostics.push(
        diagnostic(
          "warning",
          "media-unreadable",
          ["media"],
          `This is part ${header.partNumber} of ${header.totalParts} of a split image: Setup opens the first part (install.swm), which names the same images; check that one.`,
        ),
      );
    }
    return { images, header, diagnostics };
  } catch (e) {
    if (!(e instanceof WimReadError)) throw e;
    const what = typeof input === "string" ? `The file ${JSON.stringify(input)}` : "The input";
    return { images: [], ...(header ? { header } : {}), diagnostics: [diagnostic("error", "media-unreadable", ["media"], `${what} ${e.message}.`)] };
  }
}
