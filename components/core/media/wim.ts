/**
 * The Windows image (WIM) container, as far as this package reads it: the
 * 208-byte header at the start of the file and the XML metadata resource it
 * points to. Nothing else of the file is read, whatever its size: two bounded
 * reads at known offsets (the header, then the XML), so a 6 GB install.wim
 * costs what a 6 KB one does.
 *
 * The layout (all integers little-endian), from wimlib's headers
 * (include/wimlib/header.h, struct wim_header_disk; include/wimlib/resource.h,
 * struct wim_reshdr_disk) and Microsoft's "Windows Imaging File Format (WIM)"
 * description that shipped with the WAIK:
 *
 *   +0x00  8  magic "MSWIM\0\0\0"
 *   +0x08  4  header size (208)
 *   +0x0c  4  version: 0x10d00, or 0xe00 for files with solid resources (.esd)
 *   +0x10  4  flags: 0x2 compressed, 0x8 spanned (part of a split WIM), and the
 *             compression: 0x20000 XPRESS, 0x40000 LZX, 0x80000 LZMS
 *   +0x14  4  chunk size of compressed resources
 *   +0x18 16  GUID (the same in every part of a split WIM)
 *   +0x28  2  part number, from 1
 *   +0x2a  2  total parts (1 unless split)
 *   +0x2c  4  image count
 *   +0x30 24  resource header of the lookup (blob) table
 *   +0x48 24  resource header of the XML data
 *   +0x60 24  resource header of the boot image's metadata
 *   +0x78  4  boot image index (0: none)
 *   +0x7c 24  resource header of the integrity table
 *   +0x94 60  unused
 *
 * A resource header is 24 bytes: the size in the file (7 bytes), flags
 * (1 byte: 0x2 metadata, 0x4 compressed, 0x10 solid), the offset from the
 * start of the file (8 bytes) and the original size (8 bytes). The XML data
 * is stored uncompressed, as UTF-16LE text with a byte-order mark, in .wim,
 * .esd and .swm files alike (every part of a split WIM carries it).
 */
import * as fs from "node:fs";

/** The header's size on disk: the only value in use. */
export const WIM_HEADER_SIZE = 208;
/** The largest XML metadata read: 16 MiB (Microsoft's install.wim with 11 editions holds about 40 KiB). */
export const MAX_WIM_XML_BYTES = 16 * 1024 * 1024;

const MAGIC = Buffer.from("MSWIM\0\0\0", "latin1");
/** wimlib's pipable WIM (`--pipable`): another layout, not Microsoft's. */
const PIPABLE_MAGIC = Buffer.from("WLPWM\0\0\0", "latin1");

const FLAG_COMPRESSION = 0x2;
const COMPRESSIONS: [number, WimCompression][] = [
  [0x20000, "xpress"],
  [0x40000, "lzx"],
  [0x80000, "lzms"],
];
const RESOURCE_COMPRESSED = 0x4;
const RESOURCE_SOLID = 0x10;

/**
 * How a WIM file's resources are compressed, as its header's flags say:
 * `none`, or the XPRESS, LZX or LZMS codec (`lzms` is what an .esd file uses).
 */
export type WimCompression = "none" | "xpress" | "lzx" | "lzms";

/** A resource header: where a resource is in the file and how it is stored. */
export interface WimResource {
  /** Offset from the start of the file, in bytes. */
  offset: number;
  /** Size in the file, in bytes (compressed size when compressed). */
  size: number;
  /** Size of the data once decompressed, in bytes. */
  originalSize: number;
  /** The resource flags (0x2 metadata, 0x4 compressed, 0x10 solid). */
  flags: number;
}

/** The header of a WIM file. */
export interface WimHeader {
  /** 0x10d00, or 0xe00 for files with solid resources (wimlib `--solid`, Microsoft's .esd). */
  version: number;
  /** The header flags, as stored. */
  flags: number;
  /** The compression of the file's resources. */
  compression: WimCompression;
  /** Whether the file has solid resources (several files compressed together: .esd). */
  solid: boolean;
  /** Chunk size of compressed resources, in bytes (0 when uncompressed). */
  chunkSize: number;
  /** The file's GUID, 32 hexadecimal digits (the same in every part of a split WIM). */
  guid: string;
  /** This part's number, from 1 (1 unless split). */
  partNumber: number;
  /** How many parts (1 unless split: .swm). */
  totalParts: number;
  /** How many images the header says the file holds. */
  imageCount: number;
  /** The bootable image's index, 0 when none. */
  bootIndex: number;
  /** Where the XML metadata is. */
  xml: WimResource;
}

/** Why a file could not be read as a Windows image: one sentence, without the file's contents. */
export class WimReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WimReadError";
  }
}

/** What the reader needs of a file: its size and bounded reads at offsets. */
interface Source {
  size: number;
  read(offset: number, length: number): Buffer;
}

function bytesSource(bytes: Uint8Array): Source {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { size: buf.length, read: (offset, length) => buf.subarray(offset, Math.min(offset + length, buf.length)) };
}

/**
 * Opens a file for bounded reads and calls `fn`; the file is closed after.
 * Only regular files are opened (a folder, a device such as /dev/zero or a
 * pipe is refused before it is read).
 */
function withFileSource<T>(file: string, fn: (source: Source) => T): T {
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new WimReadError(code === "ENOENT" ? "does not exist" : `cannot be opened (${code ?? (e as Error).message})`);
  }
  if (stat.isDirectory()) throw new WimReadError("is a folder, not a Windows image file (give the path of install.wim, install.esd or a .swm part)");
  if (!stat.isFile()) throw new WimReadError("is not a regular file (a device, pipe or socket), so it is not read");
  let fd: number;
  try {
    // non-blocking, so that a file swapped for a pipe since the stat above cannot block the open; checked again below
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (e) {
    throw new WimReadError(`cannot be opened (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  try {
    const opened = fs.fstatSync(fd);
    if (!opened.isFile()) throw new WimReadError("is not a regular file (a device, pipe or socket), so it is not read");
    const size = opened.size;
    return fn({
      size,
      read(offset, length) {
        const buf = Buffer.alloc(Math.max(0, Math.min(length, size - offset)));
        let done = 0;
        while (done < buf.length) {
          let n: number;
          try {
            n = fs.readSync(fd, buf, done, buf.length - done, offset + done);
          } catch (e) {
            throw new WimReadError(`could not be read at byte ${offset + done} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
          }
          if (n === 0) break;
          done += n;
        }
        return buf.subarray(0, done);
      },
    });
  } finally {
    fs.closeSync(fd);
  }
}

/** A 64-bit little-endian field as a Number, or an error when it is past 2^53 (no real file is). */
function u64(buf: Buffer, at: number, what: string): number {
  const v = buf.readBigUInt64LE(at);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new WimReadError(`the header's ${what} (${v}) is larger than any file: the header is damaged`);
  return Number(v);
}

function resource(buf: Buffer, at: number, what: string): WimResource {
  // the size is 7 bytes (56 bits), then one byte of flags
  const size = buf.readUIntLE(at, 6) + buf[at + 6] * 2 ** 48;
  if (size > Number.MAX_SAFE_INTEGER) throw new WimReadError(`the header's ${what} size is larger than any file: the header is damaged`);
  return { size, flags: buf[at + 7], offset: u64(buf, at + 8, `${what} offset`), originalSize: u64(buf, at + 16, `${what} original size`) };
}

/** The header's fields, from its 208 bytes. */
export function parseWimHeader(buf: Buffer): WimHeader {
  if (buf.length >= PIPABLE_MAGIC.length && buf.subarray(0, 8).equals(PIPABLE_MAGIC)) {
    throw new WimReadError(
      "is a pipable WIM (wimlib --pipable), whose layout is not Microsoft's: convert it with `wimlib-imagex optimize --not-pipable`",
    );
  }
  if (buf.length < MAGIC.length || !buf.subarray(0, 8).equals(MAGIC)) {
    const start = [...buf.subarray(0, 8)].map((b) => b.toString(16).padStart(2, "0")).join(" ");
    throw new WimReadError(
      `is not a Windows image: a .wim, .esd or .swm file starts with "MSWIM" and 3 zero bytes; this one starts with ${start === "" ? "nothing (it is empty)" : start}`,
    );
  }
  if (buf.length < WIM_HEADER_SIZE) {
    throw new WimReadError(`is truncated: the header takes ${WIM_HEADER_SIZE} bytes and the file has ${buf.length}`);
  }
  const headerSize = buf.readUInt32LE(0x08);
  if (headerSize !== WIM_HEADER_SIZE)
    throw new WimReadError(`has a header size of ${headerSize} bytes where every WIM has ${WIM_HEADER_SIZE}: the header is damaged`);
  const flags = buf.readUInt32LE(0x10);
  const compressed = (flags & FLAG_COMPRESSION) !== 0;
  const compression = compressed ? (COMPRESSIONS.find(([bit]) => (flags & bit) !== 0)?.[1] ?? "none") : "none";
  const version = buf.readUInt32LE(0x0c);
  const partNumber = buf.readUInt16LE(0x28);
  const totalParts = buf.readUInt16LE(0x2a);
  if (partNumber < 1 || totalParts < 1 || partNumber > totalParts) {
    throw new WimReadError(`says it is part ${partNumber} of ${totalParts}: the header is damaged`);
  }
  return {
    version,
    flags,
    compression,
    solid: version === 0xe00,
    chunkSize: buf.readUInt32LE(0x14),
    guid: buf.subarray(0x18, 0x28).toString("hex"),
    partNumber,
    totalParts,
    imageCount: buf.readUInt32LE(0x2c),
    bootIndex: buf.readUInt32LE(0x78),
    xml: resource(buf, 0x48, "XML data"),
  };
}

/** The XML metadata's bytes (UTF-16LE with its byte-order mark), checked against the file's size and the limit. */
function readXmlResource(source: Source, header: WimHeader): Buffer {
  const xml = header.xml;
  if (xml.size === 0) throw new WimReadError("has no XML metadata (the header's XML data size is 0), so its images cannot be listed");
  if ((xml.flags & (RESOURCE_COMPRESSED | RESOURCE_SOLID)) !== 0) {
    throw new WimReadError(
      `stores its XML metadata compressed (resource flags 0x${xml.flags.toString(16)}); Windows and wimlib write it uncompressed, and this reader does not decompress it`,
    );
  }
  if (xml.size > MAX_WIM_XML_BYTES) {
    throw new WimReadError(
      `has ${xml.size} bytes of XML metadata, more than the ${MAX_WIM_XML_BYTES} read (real images hold tens of kilobytes): the header is damaged or the file is not a Windows image`,
    );
  }
  if (xml.offset < WIM_HEADER_SIZE || xml.offset + xml.size > source.size) {
    throw new WimReadError(
      `is truncated or damaged: its XML metadata is said to be at bytes ${xml.offset} to ${xml.offset + xml.size}, and the file has ${source.size} bytes`,
    );
  }
  const bytes = source.read(xml.offset, xml.size);
  if (bytes.length !== xml.size) throw new WimReadError(`is truncated: ${bytes.length} of the ${xml.size} bytes of XML metadata could be read`);
  return bytes;
}

/** UTF-16LE (byte-order mark optional) -> text; invalid UTF-16 is an error, never replaced. */
export function decodeWimXml(bytes: Buffer): string {
  if (bytes.length % 2 !== 0) throw new WimReadError(`has XML metadata of ${bytes.length} bytes, an odd number, which is not UTF-16 text`);
  let text: string;
  try {
    text = new TextDecoder("utf-16le", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new WimReadError("has XML metadata that is not valid UTF-16LE (an unpaired surrogate)");
  }
  return text;
}

/** The header and the XML text of a WIM file (a path) or of its bytes. */
export function readWimXml(input: string | Uint8Array): { header: WimHeader; xml: string } {
  const go = (source: Source) => {
    const header = parseWimHeader(source.read(0, WIM_HEADER_SIZE));
    return { header, xml: decodeWimXml(readXmlResource(source, header)) };
  };
  return typeof input === "string" ? withFileSource(input, go) : go(bytesSource(input));
}
