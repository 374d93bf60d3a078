/**
 * edition: the Windows edition by name, through the generic key Microsoft
 * publishes for it.
 */
import { describe } from "../values";
import { ArgumentCheck, defined, type UnattendLayer } from "./common";

/**
 * Microsoft's published generic keys (KMS client setup keys, also called
 * generic volume license keys): they choose the edition Windows Setup
 * installs and let a KMS host activate it; they activate nothing by
 * themselves and are not licences. Source: Microsoft Learn, "Key Management
 * Services (KMS) client activation and product keys",
 * https://learn.microsoft.com/windows-server/get-started/kms-client-activation-keys
 * (copied by hand, one key per edition; never a retail or OEM key).
 */
export const GENERIC_KEYS = {
  // Windows 11 and Windows 10 (general availability channel)
  "Windows Pro": "W269N-WFGWX-YVC9B-4J6C9-T83GX",
  "Windows Pro N": "MH37W-N47XK-V7XM9-C7227-GCQG9",
  "Windows Pro for Workstations": "NRG8B-VKK3Q-CXVCJ-9G2XF-6Q84J",
  "Windows Pro for Workstations N": "9FNHH-K3HBT-3W4TD-6383H-6XYWF",
  "Windows Pro Education": "6TP4R-GNPTD-KYYHQ-7B7DP-J447Y",
  "Windows Pro Education N": "YVWGF-BXNMC-HTQYQ-CPQ99-66QFC",
  "Windows Education": "NW6C2-QMPVW-D7KKK-3GKT6-VCFB2",
  "Windows Education N": "2WH4N-8QGBV-H22JP-CT43Q-MDWWJ",
  "Windows Enterprise": "NPPR9-FWDCX-D2C8J-H872K-2YT43",
  "Windows Enterprise N": "DPH2V-TTNVB-4X9Q3-TJR4H-KHJW4",
  "Windows Enterprise G": "YYVX9-NTFWV-6MDM3-9PT4T-4M68B",
  "Windows Enterprise G N": "44RPN-FTY23-9VTTB-MP9BX-T84FV",
  // Long-term servicing channel
  "Windows 10 Enterprise LTSB 2016": "DCPHK-NFMTC-H88MJ-PFHPY-QJ4BJ",
  "Windows Enterprise LTSC 2019": "M7XTQ-FN8P6-TTKYV-9D4CC-J462D",
  "Windows Enterprise N LTSC 2019": "92NFX-8DJQP-P6BBQ-THF9C-7CG2H",
  "Windows Enterprise LTSC 2021": "M7XTQ-FN8P6-TTKYV-9D4CC-J462D",
  "Windows Enterprise N LTSC 2021": "92NFX-8DJQP-P6BBQ-THF9C-7CG2H",
  "Windows IoT Enterprise LTSC 2021": "KBN8V-HFGQ4-MGXVD-347P6-PDQGT",
  "Windows Enterprise LTSC 2024": "M7XTQ-FN8P6-TTKYV-9D4CC-J462D",
  "Windows IoT Enterprise LTSC 2024": "KBN8V-HFGQ4-MGXVD-347P6-PDQGT",
  // Windows Server
  "Windows Server 2016 Standard": "WC2BQ-8NRM3-FDDYY-2BFGV-KHKQY",
  "Windows Server 2016 Datacenter": "CB7KF-BWN84-R7R2Y-793K2-8XDDG",
  "Windows Server 2019 Standard": "N69G4-B89J2-4G8F4-WWYCC-J464C",
  "Windows Server 2019 Datacenter": "WMDGN-G9PQG-XVVXX-R3X43-63DFG",
  "Windows Server 2019 Essentials": "WVDHN-86M7X-466P6-VHXV7-YY726",
  "Windows Server 2022 Standard": "VDYBN-27WPP-V4HQT-9VMD4-VMK7H",
  "Windows Server 2022 Datacenter": "WX4NM-KYWYW-QJJR4-XV3QB-6VM33",
  "Windows Server 2022 Datacenter: Azure Edition": "NTBV8-9K7Q8-V27C6-M2BTV-KHMXV",
  "Windows Server 2025 Standard": "TVRH6-WHNXV-R9WG3-9XRFY-MY832",
  "Windows Server 2025 Datacenter": "D764K-2NDRG-47T6Q-P8T8W-YP6DF",
  "Windows Server 2025 Datacenter: Azure Edition": "XGN3F-F394H-FD2MY-PP6FD-8MCRC",
} as const;

/** An edition with a published generic key. */
export type EditionName = keyof typeof GENERIC_KEYS;

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
 * `UserData/ProductKey/Key` (the edition's key from GENERIC_KEYS), and with
 * `imageName`, `ImageInstall/OSImage/InstallFrom/MetaData` (one item, Key
 * `/IMAGE/NAME`, Value the name); with `activation`, in the specialize
 * pass, component Microsoft-Windows-Shell-Setup: `ProductKey`. The key is
 * written like any product key (kept secret by the confidentiality rules,
 * although it is public).
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
