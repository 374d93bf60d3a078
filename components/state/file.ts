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

/** The state of the file on disk, against the hash of what Pulumi wrote. */
export function fileStateOf(file: string, expectedSha256: string | undefined): string {
  const fs: typeof import("node:fs") = require("node:fs");
  let st: import("node:fs").Stats;
  try {
    st = fs.statSync(file);
  } catch {
    return FILE_MISSING;
  }
  if (!st.isFile()) return FILE_NOT_A_FILE;
  return sha256(fs.readFileSync(file)) === expectedSha256 ? FILE_WRITTEN : FILE_MODIFIED;
}

/**
 * Removes the file if it still holds what Pulumi wrote. Returns undefined when
 * removed or already gone, else why it was left in place.
 */
export function removeIfUnchanged(file: string, expectedSha256: string | undefined): string | undefined {
  const fs: typeof import("node:fs") = require("node:fs");
  const state = fileStateOf(file, expectedSha256);
  if (state === FILE_MISSING) return undefined;
  if (state !== FILE_WRITTEN) return state;
  fs.rmSync(file, { force: true });
  return undefined;
}
