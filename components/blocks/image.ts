/**
 * image: which Windows image (edition) Windows Setup installs from the
 * install.wim (or another .wim).
 */
import { ArgumentCheck, defined, type UnattendLayer } from "./common";

/** Select the image by its index, its name or its description (as `DISM /Get-ImageInfo` lists them). */
export type ImageSelector =
  | {
      /** The image's index in the .wim, from 1. @example index: 6 */
      index: number;
      name?: never;
      description?: never;
    }
  | {
      /** The image's name. @example name: "Windows 11 Pro" */
      name: string;
      index?: never;
      description?: never;
    }
  | {
      /** The image's description. @example description: "Windows 11 Pro" */
      description: string;
      index?: never;
      name?: never;
    };

/** image's arguments: one selector, and optionally the .wim file. */
export type ImageArgs = ImageSelector & {
  /**
   * The .wim file to install from (InstallFrom/Path), e.g. on a network share.
   * @default the installation media's install.wim
   * @example path: "\\\\server\\share\\images\\install.wim"
   */
  path?: string;
};

/**
 * The Windows image to install: selects it in the .wim by index, name or
 * description.
 *
 * Writes, in the windowsPE pass, component Microsoft-Windows-Setup:
 * `ImageInstall/OSImage/InstallFrom/MetaData` (one item: `Key`
 * `/IMAGE/INDEX`, `/IMAGE/NAME` or `/IMAGE/DESCRIPTION`, and `Value`), and
 * `ImageInstall/OSImage/InstallFrom/Path` when `path` is given. Where the
 * image goes (`InstallTo`) is diskLayout's.
 * @param args `{ index }`, `{ name }` or `{ description }`, and optionally `path`.
 * @returns a layer named "image".
 * @throws UnattendValidationError when none or several selectors are given, or the index is not a whole number from 1.
 * @example
 * image({ index: 6 })
 * image({ name: "Windows Server 2022 SERVERDATACENTER" })
 */
export function image(args: ImageArgs): UnattendLayer {
  const check = new ArgumentCheck("image");
  check.object([], args, "the arguments of image");
  const given = (["index", "name", "description"] as const).filter((k) => (args as Record<string, unknown>)[k] !== undefined);
  if (given.length !== 1) {
    check.fail([], `Give exactly one of index, name or description to select the image; got ${given.length === 0 ? "none" : given.join(" and ")}.`);
  }
  check.integer(["index"], args.index, 1, "index (the image's position in the .wim)");
  if (args.name !== undefined) check.text(["name"], args.name, "name");
  if (args.description !== undefined) check.text(["description"], args.description, "description");
  if (args.path !== undefined) check.text(["path"], args.path, "path");
  check.done();
  const [Key, Value] =
    args.index !== undefined
      ? (["/IMAGE/INDEX", String(args.index)] as const)
      : args.name !== undefined
        ? (["/IMAGE/NAME", args.name] as const)
        : (["/IMAGE/DESCRIPTION", args.description!] as const);
  return {
    name: "image",
    settings: {
      windowsPE: {
        "Microsoft-Windows-Setup": {
          ImageInstall: { OSImage: { InstallFrom: defined({ MetaData: [{ Key, Value }], Path: args.path }) } },
        },
      },
    },
  };
}
