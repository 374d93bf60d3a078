/**
 * Windows editions with a published generic key: the one table the
 * `edition()` block writes keys from and the media checks read editions
 * from (components/core/media/checks.ts). Pure data, no dependency.
 *
 * The keys are Microsoft's published generic keys (KMS client setup keys,
 * also called generic volume license keys): they choose the edition Windows
 * Setup installs and let a KMS host activate it; they activate nothing by
 * themselves and are not licences. Source: Microsoft Learn, "Key Management
 * Services (KMS) client activation and product keys",
 * https://learn.microsoft.com/windows-server/get-started/kms-client-activation-keys
 * (copied by hand, one key per edition; never a retail or OEM key).
 *
 * `editionId` is the edition's ID as a Windows image states it (the
 * `WINDOWS/EDITIONID` of install.wim's XML metadata, what `DISM
 * /Get-ImageInfo` prints as "Edition" and `DISM /Get-CurrentEdition` as the
 * current edition). The IDs are the names of Windows' product types, whose
 * numbers Microsoft's GetProductInfo page lists
 * (https://learn.microsoft.com/windows/win32/api/sysinfoapi/nf-sysinfoapi-getproductinfo:
 * Professional 0x30, ProfessionalWorkstation 0xA1, ProfessionalEducation
 * 0xA4, Education 0x79, Enterprise 0x04, EnterpriseG 0xAB, EnterpriseS 0x7D,
 * ServerStandard 0x07, ServerDatacenter 0x08, ServerSolution, Windows Server
 * Essentials, 0x32; IoTEnterpriseS is 0xBF and ServerTurbine, Windows Server
 * Datacenter: Azure Edition, 0x197 in newer SDKs). Each key's ID was checked
 * against public key lists that map every generic key to its product type
 * and edition ID (KMS client tools' key tables), and the names against UUP
 * dump's edition names (uup-dump/website, lang strings `edition_*`:
 * PROFESSIONALWORKSTATION "Windows Pro for Workstations", ENTERPRISES
 * "Windows Enterprise LTSC", IOTENTERPRISES "Windows IoT Enterprise LTSC",
 * SERVERTURBINE "Windows Server Datacenter: Azure Edition"). The N editions
 * add N to the ID (ProfessionalN, EnterpriseSN, ...); a Server Core image's
 * ID adds "Cor" (ServerStandardCor) and takes the same key (isEdition).
 */

/** One edition: its generic key and the image edition ID it installs. */
export interface Edition {
  /** The published generic key. Confidential wherever it is written, although public: never quote it in a message. */
  key: string;
  /** The `EDITIONID` of the image this key installs, e.g. "Professional". */
  editionId: string;
}

/** Every edition with a published generic key. */
export const EDITIONS = {
  // Windows 11 and Windows 10 (general availability channel)
  "Windows Pro": { key: "W269N-WFGWX-YVC9B-4J6C9-T83GX", editionId: "Professional" },
  "Windows Pro N": { key: "MH37W-N47XK-V7XM9-C7227-GCQG9", editionId: "ProfessionalN" },
  "Windows Pro for Workstations": { key: "NRG8B-VKK3Q-CXVCJ-9G2XF-6Q84J", editionId: "ProfessionalWorkstation" },
  "Windows Pro for Workstations N": { key: "9FNHH-K3HBT-3W4TD-6383H-6XYWF", editionId: "ProfessionalWorkstationN" },
  "Windows Pro Education": { key: "6TP4R-GNPTD-KYYHQ-7B7DP-J447Y", editionId: "ProfessionalEducation" },
  "Windows Pro Education N": { key: "YVWGF-BXNMC-HTQYQ-CPQ99-66QFC", editionId: "ProfessionalEducationN" },
  "Windows Education": { key: "NW6C2-QMPVW-D7KKK-3GKT6-VCFB2", editionId: "Education" },
  "Windows Education N": { key: "2WH4N-8QGBV-H22JP-CT43Q-MDWWJ", editionId: "EducationN" },
  "Windows Enterprise": { key: "NPPR9-FWDCX-D2C8J-H872K-2YT43", editionId: "Enterprise" },
  "Windows Enterprise N": { key: "DPH2V-TTNVB-4X9Q3-TJR4H-KHJW4", editionId: "EnterpriseN" },
  "Windows Enterprise G": { key: "YYVX9-NTFWV-6MDM3-9PT4T-4M68B", editionId: "EnterpriseG" },
  "Windows Enterprise G N": { key: "44RPN-FTY23-9VTTB-MP9BX-T84FV", editionId: "EnterpriseGN" },
  // Long-term servicing channel
  "Windows 10 Enterprise LTSB 2016": { key: "DCPHK-NFMTC-H88MJ-PFHPY-QJ4BJ", editionId: "EnterpriseS" },
  "Windows Enterprise LTSC 2019": { key: "M7XTQ-FN8P6-TTKYV-9D4CC-J462D", editionId: "EnterpriseS" },
  "Windows Enterprise N LTSC 2019": { key: "92NFX-8DJQP-P6BBQ-THF9C-7CG2H", editionId: "EnterpriseSN" },
  "Windows Enterprise LTSC 2021": { key: "M7XTQ-FN8P6-TTKYV-9D4CC-J462D", editionId: "EnterpriseS" },
  "Windows Enterprise N LTSC 2021": { key: "92NFX-8DJQP-P6BBQ-THF9C-7CG2H", editionId: "EnterpriseSN" },
  "Windows IoT Enterprise LTSC 2021": { key: "KBN8V-HFGQ4-MGXVD-347P6-PDQGT", editionId: "IoTEnterpriseS" },
  "Windows Enterprise LTSC 2024": { key: "M7XTQ-FN8P6-TTKYV-9D4CC-J462D", editionId: "EnterpriseS" },
  "Windows IoT Enterprise LTSC 2024": { key: "KBN8V-HFGQ4-MGXVD-347P6-PDQGT", editionId: "IoTEnterpriseS" },
  // Windows Server
  "Windows Server 2016 Standard": { key: "WC2BQ-8NRM3-FDDYY-2BFGV-KHKQY", editionId: "ServerStandard" },
  "Windows Server 2016 Datacenter": { key: "CB7KF-BWN84-R7R2Y-793K2-8XDDG", editionId: "ServerDatacenter" },
  "Windows Server 2019 Standard": { key: "N69G4-B89J2-4G8F4-WWYCC-J464C", editionId: "ServerStandard" },
  "Windows Server 2019 Datacenter": { key: "WMDGN-G9PQG-XVVXX-R3X43-63DFG", editionId: "ServerDatacenter" },
  "Windows Server 2019 Essentials": { key: "WVDHN-86M7X-466P6-VHXV7-YY726", editionId: "ServerSolution" },
  "Windows Server 2022 Standard": { key: "VDYBN-27WPP-V4HQT-9VMD4-VMK7H", editionId: "ServerStandard" },
  "Windows Server 2022 Datacenter": { key: "WX4NM-KYWYW-QJJR4-XV3QB-6VM33", editionId: "ServerDatacenter" },
  "Windows Server 2022 Datacenter: Azure Edition": { key: "NTBV8-9K7Q8-V27C6-M2BTV-KHMXV", editionId: "ServerTurbine" },
  "Windows Server 2025 Standard": { key: "TVRH6-WHNXV-R9WG3-9XRFY-MY832", editionId: "ServerStandard" },
  "Windows Server 2025 Datacenter": { key: "D764K-2NDRG-47T6Q-P8T8W-YP6DF", editionId: "ServerDatacenter" },
  "Windows Server 2025 Datacenter: Azure Edition": { key: "XGN3F-F394H-FD2MY-PP6FD-8MCRC", editionId: "ServerTurbine" },
} as const satisfies Record<string, Edition>;

/** An edition with a published generic key. */
export type EditionName = keyof typeof EDITIONS;

/** The published generic key of each edition (from EDITIONS). */
export const GENERIC_KEYS = Object.fromEntries(Object.entries(EDITIONS).map(([name, e]) => [name, e.key])) as {
  readonly [N in EditionName]: (typeof EDITIONS)[N]["key"];
};

/** What a generic key stands for: the editions that publish it (LTSC releases share one) and the edition ID. */
export interface KeyEdition {
  names: EditionName[];
  editionId: string;
}

const BY_KEY = new Map<string, KeyEdition>();
for (const [name, e] of Object.entries(EDITIONS) as [EditionName, Edition][]) {
  const seen = BY_KEY.get(e.key);
  if (seen) seen.names.push(name);
  else BY_KEY.set(e.key, { names: [name], editionId: e.editionId });
}

/**
 * The edition a product key installs when it is one of the published generic
 * keys (compared without regard to case and white space around it), else
 * undefined.
 * @example genericKeyEdition("W269N-WFGWX-YVC9B-4J6C9-T83GX")?.editionId // "Professional"
 */
export function genericKeyEdition(key: string): KeyEdition | undefined {
  const found = BY_KEY.get(key.trim().toUpperCase());
  return found && { names: [...found.names], editionId: found.editionId };
}

/**
 * Whether an image of edition ID `image` is the edition `editionId`: the
 * same ID (without regard to case), or its Server Core installation, whose
 * images carry the ID with "Cor" after it (ServerStandardCor,
 * ServerDatacenterCor, ServerTurbineCor) and take the same generic key.
 */
export function isEdition(image: string, editionId: string): boolean {
  const a = image.toLowerCase();
  const b = editionId.toLowerCase();
  return a === b || (b.startsWith("server") && (a === `${b}cor` || a === `${b}core`));
}
