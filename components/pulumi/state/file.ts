/**
 * The file an UnattendFile writes: safely, and removed only when it still
 * holds what Pulumi wrote. Node built-ins only (loaded in the functions: the
 * provider's code may be serialised into the stack).
 */
import { FILE_MISSING, FILE_MODIFIED, FILE_NOT_A_FILE, FILE_WRITTEN } from "./format";

/** Hex SHA-256 of a text's UTF-8 bytes. */
export function sha256(text: string | Buffer): string {
  const crypto: typeof import("node:crypto") = require("node:crypto");
  return crypto.createHash("sha256").update(text).digest("hex");
}

/** The mode a file is written with: owner-only when it holds a secret, else that of the file it replaces, else 0644. */
export function modeFor(file: string, secret: boolean): number {
  if (secret) return 0o600;
  const fs: typeof import("node:fs") = require("node:fs");
  try {
    const st = fs.lstatSync(file);
    if (st.isFile()) return st.mode & 0o777;
  } catch {
    // no file yet
  }
  return 0o644;
}

/**
 * Why no file can be written at this path, or undefined: a NUL character
 * (which no file name may hold; Node throws a TypeError for it), or a parent
 * that is a file rather than a folder. Checked before writing, and by
 * UnattendFile at preview.
 */
export function pathProblem(file: string): string | undefined {
  if (file.includes("\u0000")) return "it holds a NUL character (\\u0000), which no file name may hold";
  const fs: typeof import("node:fs") = require("node:fs");
  const nodePath: typeof import("node:path") = require("node:path");
  for (let dir = nodePath.dirname(nodePath.resolve(file)); ; dir = nodePath.dirname(dir)) {
    let st: import("node:fs").Stats | undefined;
    try {
      st = fs.statSync(dir, { throwIfNoEntry: false });
    } catch (e) {
      // ENOTDIR: an ancestor further up is a file; EACCES and others: said when writing
      if ((e as NodeJS.ErrnoException).code !== "ENOTDIR") return undefined;
    }
    if (st) return st.isDirectory() ? undefined : `${dir} is a file, not a folder`;
    if (nodePath.dirname(dir) === dir) return undefined;
  }
}

/**
 * What tells one file from another, however the path is spelled: the path with
 * its folder's symbolic links resolved, the file's own real path, and its
 * device and inode when it exists (a hard link). Two paths name the same file
 * when any of these agree.
 */
export function fileIdentities(file: string): string[] {
  const fs: typeof import("node:fs") = require("node:fs");
  const nodePath: typeof import("node:path") = require("node:path");
  const ids = new Set<string>();
  // the nearest folder that exists, resolved, then the rest of the path as given
  const rest: string[] = [nodePath.basename(file)];
  for (let dir = nodePath.dirname(file); ; dir = nodePath.dirname(dir)) {
    try {
      ids.add(`path:${nodePath.join(fs.realpathSync.native(dir), ...rest)}`);
      break;
    } catch {
      if (nodePath.dirname(dir) === dir) {
        ids.add(`path:${file}`);
        break;
      }
      rest.unshift(nodePath.basename(dir));
    }
  }
  try {
    ids.add(`path:${fs.realpathSync.native(file)}`);
    const st = fs.statSync(file);
    if (st.isFile()) ids.add(`inode:${st.dev}:${st.ino}`);
  } catch {
    // no file yet
  }
  return [...ids];
}

/**
 * Writes `text` to `file` so that the file is, at every moment, either the
 * old one or the complete new one: a new temporary file in the same folder
 * (a random name, created exclusively: never an existing file or link), the
 * bytes, fsync, rename over the target, fsync of the folder. On any failure
 * the temporary file is removed and the old file stays. Parent folders are
 * created. Mode 0600 when the text holds a secret, else that of the file
 * replaced, else 0644 (exactly: the umask does not apply).
 */
export function writeFileSafely(file: string, text: string, secret: boolean): void {
  const fs: typeof import("node:fs") = require("node:fs");
  const nodePath: typeof import("node:path") = require("node:path");
  const crypto: typeof import("node:crypto") = require("node:crypto");
  const problem = pathProblem(file);
  if (problem) throw Object.assign(new Error(problem), { code: file.includes("\u0000") ? "EINVAL" : "ENOTDIR" });
  const dir = nodePath.dirname(file);
  fs.mkdirSync(dir, { recursive: true });
  let existing: import("node:fs").Stats | undefined;
  try {
    existing = fs.lstatSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
  if (existing?.isDirectory()) throw new Error(`${file} is a folder; give the path of a file (e.g. ${nodePath.join(file, "unattend.xml")})`);
  const mode = modeFor(file, secret);
  const tmp = nodePath.join(dir, `.${nodePath.basename(file)}.${crypto.randomBytes(8).toString("hex")}.tmp`);
  const { O_WRONLY, O_CREAT, O_EXCL } = fs.constants;
  const fd = fs.openSync(tmp, O_WRONLY | O_CREAT | O_EXCL, mode);
  let open = true;
  try {
    if (process.platform !== "win32") fs.fchmodSync(fd, mode);
    fs.writeFileSync(fd, text, "utf8");
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    open = false;
    fs.renameSync(tmp, file);
  } catch (e) {
    if (open) fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  syncFolder(dir);
}

/** Makes a rename in `dir` durable (where the OS lets a folder be opened). */
function syncFolder(dir: string): void {
  if (process.platform === "win32") return;
  const fs: typeof import("node:fs") = require("node:fs");
  const fd = fs.openSync(dir, "r");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Hex SHA-256 of an open file's bytes, read a chunk at a time: whatever is at
 * the path may be far larger than what Pulumi wrote (memory stays one chunk;
 * a whole read of 2 GiB or more fails with ERR_FS_FILE_TOO_LARGE).
 */
function sha256OfFile(fd: number): string {
  const fs: typeof import("node:fs") = require("node:fs");
  const crypto: typeof import("node:crypto") = require("node:crypto");
  const hash = crypto.createHash("sha256");
  const chunk = Buffer.allocUnsafe(1 << 20);
  for (let n = fs.readSync(fd, chunk, 0, chunk.length, null); n > 0; n = fs.readSync(fd, chunk, 0, chunk.length, null)) {
    hash.update(chunk.subarray(0, n));
  }
  return hash.digest("hex");
}

/**
 * The state of the file on disk, against what Pulumi wrote: its hash and, when
 * known, its size in bytes (a file of another size is modified, unread).
 */
export function fileStateOf(file: string, expectedSha256: string | undefined, expectedSize?: number): string {
  const fs: typeof import("node:fs") = require("node:fs");
  let st: import("node:fs").Stats;
  try {
    st = fs.statSync(file);
  } catch {
    return FILE_MISSING;
  }
  if (!st.isFile()) return FILE_NOT_A_FILE;
  if (expectedSha256 === undefined || (expectedSize !== undefined && st.size !== expectedSize)) return FILE_MODIFIED;
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch {
    return FILE_MISSING;
  }
  try {
    // the file opened is the one stat-ed (not swapped since for a FIFO, say)
    if (!fs.fstatSync(fd).isFile()) return FILE_NOT_A_FILE;
    return sha256OfFile(fd) === expectedSha256 ? FILE_WRITTEN : FILE_MODIFIED;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Removes the file if it still holds what Pulumi wrote (its hash, and its size
 * when known). Returns undefined when removed or already gone, else why it was
 * left in place.
 */
export function removeIfUnchanged(file: string, expectedSha256: string | undefined, expectedSize?: number): string | undefined {
  const fs: typeof import("node:fs") = require("node:fs");
  const state = fileStateOf(file, expectedSha256, expectedSize);
  if (state === FILE_MISSING) return undefined;
  if (state !== FILE_WRITTEN) return state;
  fs.rmSync(file, { force: true });
  return undefined;
}
