/**
 * edition: the Windows edition by name, through the generic key Microsoft
 * publishes for it.
 */
import { GENERIC_KEYS, type EditionName } from "../core/editions";
import { describe } from "../core/values";
import { ArgumentCheck, defined, type UnattendLayer } from "./common";

// The table of editions and keys is data shared with the media checks (components/core/editions.ts).
export { GENERIC_KEYS, type EditionName } from "../core/editions";

/** edition's options. */
export interface EditionOptions {
  /**
   * Also select the image by name in the .wim (`InstallFrom/MetaData`
   * `/IMAGE/NAME`), as `DISM /Get-ImageInfo` lists it on your media (the
   * names differ between media, so it is never guessed). Leave it out when
   * the image block selects the image, or when the key alone chooses (media
   * with several editions under one image).
   * @default not written
   * @example imageName: "Windows 11 Enterprise"
   */
  imageName?: string;
  /**
   * Also write the key for activation (specialize `ProductKey`), making the
   * machine a KMS client of your organisation's KMS host.
   * @default false
   * @example activation: true
   */
  activation?: boolean;
}

/**
 * The Windows edition by name: the generic key Microsoft publishes for it,
 * which tells Windows Setup which edition to install.
 *
 * Writes, in the windowsPE pass, component Microsoft-Windows-Setup:
 * `UserData/ProductKey/Key` (the edition's key from GENERIC_KEYS, components/core/editions.ts), and with
 * `imageName`, `ImageInstall/OSImage/InstallFrom/MetaData` (one item, Key
 * `/IMAGE/NAME`, Value the name); with `activation`, in the specialize
 * pass, component Microsoft-Windows-Shell-Setup: `ProductKey`. The key is
 * written like any product key (kept secret by the confidentiality rules,
 * although it is public). Given the media (`unattend validate --media`,
 * UnattendFile's `media`), the key's edition is compared with the image the
 * file selects (`media-edition`), so an `imageName` of another edition is
 * reported before Setup runs.
 * @param name the edition, e.g. "Windows Pro" or "Windows Server 2022 Datacenter".
 * @param options the image's name in the .wim, and activation.
 * @returns a layer named "edition".
 * @throws UnattendValidationError for an edition without a published generic key, or an empty imageName.
 * @example
 * edition("Windows Enterprise", { imageName: "Windows 11 Enterprise" })
 */
export function edition(name: EditionName, options: EditionOptions = {}): UnattendLayer {
  const check = new ArgumentCheck("edition");
  check.object(["options"], options, "options", true);
  const key = typeof name === "string" && Object.prototype.hasOwnProperty.call(GENERIC_KEYS, name) ? GENERIC_KEYS[name] : undefined;
  if (key === undefined)
    check.fail(
      ["name"],
      `${typeof name === "string" ? JSON.stringify(name) : describe(name)} is not an edition with a published generic key; valid: ${Object.keys(
        GENERIC_KEYS,
      )
        .map((k) => JSON.stringify(k))
        .join(", ")}.`,
    );
  if (options.imageName !== undefined) check.text(["imageName"], options.imageName, "imageName");
  check.oneOf(["activation"], options.activation, [true, false], "activation");
  check.done();
  return {
    name: "edition",
    settings: defined({
      windowsPE: {
        "Microsoft-Windows-Setup": defined({
          UserData: { ProductKey: { Key: key! } },
          ImageInstall:
            options.imageName === undefined
              ? undefined
              : { OSImage: { InstallFrom: { MetaData: [{ Key: "/IMAGE/NAME" as const, Value: options.imageName }] } } },
        }),
      },
      specialize: options.activation ? { "Microsoft-Windows-Shell-Setup": { ProductKey: key! } } : undefined,
    }),
  };
}
