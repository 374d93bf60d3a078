/** Runs the `unattend` CLI in this process, as the tests do: standard input, files on disk or in memory, output captured. */
import { nodeIo, run, type Io } from "../components/cli/main";

export interface CliRun {
  code: number;
  out: string;
  err: string;
  /** What `-o FILE` wrote, by file name (only when `files` is given: in memory). */
  written: Record<string, string>;
}

export interface CliInput {
  /** Standard input ("-"), as text or bytes. */
  stdin?: string | Uint8Array;
  /** Files held in memory, by name; without it files are read from disk (and -o writes nothing). */
  files?: Record<string, string | Uint8Array>;
}

/** `unattend ...args`: the exit code, what it printed, what it wrote. Size limits apply to standard input as to files. */
export function unattend(args: string[], input: CliInput = {}): CliRun {
  let out = "";
  let err = "";
  const written: Record<string, string> = {};
  const bytes = (v: string | Uint8Array) => (typeof v === "string" ? Buffer.from(v, "utf8") : v);
  const io: Io = {
    out: (s) => void (out += s),
    err: (s) => void (err += s),
    readFile: (file, maxBytes) => {
      let b: Uint8Array;
      if (file === "-") b = bytes(input.stdin ?? "");
      else if (input.files) {
        if (!Object.prototype.hasOwnProperty.call(input.files, file)) throw Object.assign(new Error("no such file"), { code: "ENOENT" });
        b = bytes(input.files[file]);
      } else return nodeIo.readFile(file, maxBytes);
      if (b.length > maxBytes) throw Object.assign(new Error("too large"), { code: "EFBIG" });
      return b;
    },
    writeFile: (file, text, secret) => {
      if (input.files) written[file] = text;
      else nodeIo.writeFile(file, text, secret);
    },
  };
  const code = run(args, io);
  return { code, out, err, written };
}
