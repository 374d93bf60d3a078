/**
 * Packer and plain files: the answer file on removable media.
 *
 * Windows Setup looks for `Autounattend.xml` at the root of removable media
 * (a CD or floppy among them) by itself, without any command-line option:
 * "implicit answer file search order" in Microsoft's Windows Setup Automation
 * Overview, https://learn.microsoft.com/en-us/windows-hardware/manufacture/desktop/windows-setup-automation-overview#implicit-answer-file-search-order.
 * Packer's `cd_files` and `floppy_files` put each listed file at the root of
 * the CD or floppy under its own name, so the file handed over must be named
 * Autounattend.xml (in any case).
 *
 * An `UnattendFile` with `path` writes the file; without Pulumi,
 * `unattend render CONFIG -o Autounattend.xml` writes the same bytes from a
 * YAML or JSON config.
 */
import * as nodePath from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { diagnostic } from "../../core/diagnostics";
import { throwIfErrors } from "../../core/errors";

/** The file name Windows Setup finds at the root of removable media. */
export const REMOVABLE_MEDIA_ANSWER_FILE = "Autounattend.xml";

/**
 * Checks that a path names a file Windows Setup finds at the root of
 * removable media (Autounattend.xml, in any case); returns it unchanged.
 * @throws UnattendValidationError naming the path and the expected file name.
 * @example checkRemovableMediaFileName("out/Autounattend.xml") // "out/Autounattend.xml"
 */
export function checkRemovableMediaFileName(path: string): string {
  const base = typeof path === "string" ? nodePath.basename(path.replace(/\\/g, "/")) : "";
  if (base.toLowerCase() !== REMOVABLE_MEDIA_ANSWER_FILE.toLowerCase()) {
    throwIfErrors([
      diagnostic(
        "error",
        "target-name",
        ["path"],
        `${JSON.stringify(path)} is named ${JSON.stringify(base)}: on a CD or floppy (Packer's cd_files, floppy_files) Windows Setup finds the answer file only as ` +
          `${REMOVABLE_MEDIA_ANSWER_FILE} at the root. Name the file ${REMOVABLE_MEDIA_ANSWER_FILE}, e.g. path: "out/${REMOVABLE_MEDIA_ANSWER_FILE}".`,
      ),
    ]);
  }
  return path;
}

/**
 * The absolute path of the file an UnattendFile wrote, for Packer's
 * `cd_files` or `floppy_files` (export it from the stack and pass it to
 * `packer build -var`). Fails when the UnattendFile has no `path` or the file
 * is not named Autounattend.xml. A relative path is resolved against the
 * program's folder, as UnattendFile does.
 * @example export const unattendPath = packerMediaFile(unattend); // packer build -var "unattend_path=$(pulumi stack output unattendPath)" .
 */
export function packerMediaFile(file: {
  /**
   * The written file's path: an UnattendFile's `path` output (undefined when it was given no `path`, which fails).
   * @example path: unattend.path
   */
  readonly path: pulumi.Input<string | undefined>;
}): pulumi.Output<string> {
  return pulumi.output(file.path).apply((p) => {
    if (typeof p !== "string" || p === "") {
      throwIfErrors([
        diagnostic(
          "error",
          "target-empty",
          ["path"],
          `The UnattendFile writes no file: give it path: "out/${REMOVABLE_MEDIA_ANSWER_FILE}" to hand the file to Packer.`,
        ),
      ]);
    }
    return nodePath.resolve(checkRemovableMediaFileName(p as string));
  });
}
