/**
 * Component names that are spelled with different letter case.
 *
 * Windows matches component names without regard to case, but Windows System
 * Image Manager writes one spelling: the component's assembly name in the
 * image's manifests. The catalog uses that spelling; the others become
 * `caseVariants` (a `name-case` warning, never an error).
 *
 * Rule (generator): every spelling of a component's name in the reference
 * (prose, titles, tables, XML examples; link targets and all-lower-case page
 * stems left out) that differs in case only from the others must be reviewed
 * here, with the evidence for the spelling chosen. Variants seen only outside
 * the reference (real files, generators) are added here by hand, with where
 * they were seen. The generator warns about unreviewed spellings and about
 * entries that no longer match a component.
 *
 * Evidence kinds, strongest first:
 *   - "manifest": the assembly name as Microsoft's own tools write it from the
 *     component manifests: the sample Config.xml that USMT's ScanState
 *     /genconfig produced (MicrosoftDocs/windows-itpro-docs,
 *     windows/deployment/usmt/usmt-configxml-file.md), or an answer file
 *     Microsoft published that Windows SIM wrote (it carries cpi:offlineImage).
 *   - "reference": the reference's XML examples, titles and prose (counts).
 *   - "real files": ../shared/corpus (file numbers from its manifest.tsv) and the
 *     public code searched with the exact string `name="<spelling>"` (the search
 *     ignores case; the hits were read one by one).
 */

export interface NameReview {
  /** Component page (lower case). */
  page: string;
  /** The spelling Windows SIM writes, used as the catalog's name. */
  spelling: string;
  /** Other spellings, differing in case only, seen in the reference or in the wild. */
  variants: string[];
  /** The evidence, one fact per line. */
  evidence: string[];
}

export const NAME_REVIEWS: NameReview[] = [
  {
    page: "microsoft-windows-powercpl",
    spelling: "Microsoft-Windows-powercpl",
    variants: ["Microsoft-Windows-PowerCPL"],
    evidence: [
      "manifest: the Unattend.xml Microsoft publishes for Skype Room Systems v2 (MicrosoftDocs/OfficeDocs-SkypeForBusiness, " +
        "Skype/SfbServer/deploy/deploy-clients/room-systems-scale.md; written by Windows SIM, with cpi:offlineImage) names Microsoft-Windows-powercpl",
      "reference: front matter, H1 title, Components list and Parent Hierarchy lines write powercpl; the TOC, one sentence of the " +
        "component page and the STObject page's related-topics link write PowerCPL; no XML example names the component",
      "real files: corpus 025 (bin456789/reinstall) writes powercpl; public code: 10 of 10 answer files found write powercpl, none PowerCPL",
      "generators: cschneegans/unattend-generator resource/Component.json writes Microsoft-Windows-PowerCPL",
    ],
  },
  {
    page: "microsoft-windows-tpm-tasks",
    spelling: "Microsoft-Windows-TPM-Tasks",
    variants: ["Microsoft-Windows-Tpm-Tasks"],
    evidence: [
      'reference: the ClearTpm XML example writes <component name="Microsoft-Windows-TPM-Tasks">; title and Components list write TPM-Tasks; ' +
        "only the TOC writes Tpm-Tasks",
      "real files: public code: 3 of 3 answer files found write Microsoft-Windows-TPM-Tasks",
      "generators: cschneegans/unattend-generator resource/Component.json writes Microsoft-Windows-Tpm-Tasks",
    ],
  },
  {
    page: "microsoft-windows-wlansvc",
    spelling: "Microsoft-Windows-Wlansvc",
    variants: ["Microsoft-Windows-WLANSVC"],
    evidence: [
      'manifest: the USMT sample Config.xml writes displayname="Microsoft-Windows-Wlansvc"',
      'reference: the component page\'s XML example writes <component name="Microsoft-Windows-Wlansvc">; title, TOC and Components list ' +
        "write Wlansvc; one table of the Windows 10 1803 changed-settings page writes WLANSVC",
      "real files: public code: every answer file found writes Wlansvc, none WLANSVC",
      "generators: cschneegans/unattend-generator resource/Component.json writes Microsoft-Windows-WLANSVC",
    ],
  },
  {
    page: "microsoft-windows-wwanui",
    spelling: "Microsoft-Windows-WwanUI",
    variants: ["Microsoft-Windows-WWANUI"],
    evidence: [
      "reference: title, TOC, Components list and Parent Hierarchy lines write WwanUI; one link text of a changed-settings page writes WWANUI; " +
        "no XML example names the component",
      "Microsoft's OEM deployment pages (push-button reset / OOBE tables) write Microsoft-Windows-WwanUI",
      "real files: no answer file in ../shared/corpus or in the public code searched names the component",
      "generators: cschneegans/unattend-generator resource/Component.json writes Microsoft-Windows-WWANUI",
    ],
  },
  {
    page: "microsoft-windows-sqmapi",
    spelling: "Microsoft-Windows-SQMApi",
    variants: ["Microsoft-Windows-SQMAPI"],
    evidence: [
      'manifest: the USMT sample Config.xml writes displayname="Microsoft-Windows-SQMApi"',
      "reference: title, TOC and prose write SQMAPI; no XML example names the component",
      "real files: corpus 007, 022, 025, 026, 028, 055, 058, 059 write SQMApi, corpus 038 writes SQMAPI; " +
        "public code: 9 of 10 answer files found write SQMApi",
      "generators: cschneegans/unattend-generator resource/Component.json writes Microsoft-Windows-SQMAPI",
    ],
  },
  {
    page: "microsoft-windows-stobject",
    spelling: "Microsoft-Windows-stobject",
    variants: ["Microsoft-Windows-STObject", "Microsoft-Windows-StObject"],
    evidence: [
      'manifest: the USMT sample Config.xml writes displayname="Microsoft-Windows-stobject"',
      "reference: front matter and most mentions on the component's pages write stobject; the H1 title and the CustomPowerApplication " +
        "pages write STObject, the PowerCPL page's related-topics link StObject; no XML example names the component",
      "real files: none in ../shared/corpus; public code: the 2 answer files found write STObject",
      "generators: cschneegans/unattend-generator resource/Component.json writes Microsoft-Windows-STObject",
    ],
  },
  {
    page: "microsoft-windows-pnpsysprep",
    spelling: "Microsoft-Windows-PnpSysprep",
    variants: ["Microsoft-Windows-PnPSysprep", "Microsoft-Windows-PnpSysPrep"],
    evidence: [
      "reference: title, TOC, Components list and Parent Hierarchy lines write PnpSysprep; one sentence of the PersistAllDeviceInstalls page writes PnpSysPrep",
      "real files: corpus 007 and others write PnpSysprep (8 times); public code: 9 of 10 answer files found write PnpSysprep, one PnPSysprep",
    ],
  },
  {
    page: "microsoft-windows-shwebsvc",
    spelling: "Microsoft-Windows-SHWebSVC",
    variants: ["Microsoft-Windows-shwebsvc"],
    evidence: [
      "reference: title, TOC and the component page write SHWebSVC; the Components list and the Parent Hierarchy lines of its five setting pages write shwebsvc",
      "no manifest evidence and no real answer file naming the component was found: the reference title's spelling is kept (Windows matches either)",
    ],
  },
  {
    page: "microsoft-windows-twinui",
    spelling: "Microsoft-Windows-TwinUI",
    variants: ["Microsoft-Windows-Twinui"],
    evidence: [
      "reference: title, TOC, Components list and the setting pages write TwinUI; one sentence of the component page writes Twinui",
      "real files: public code: 3 of 3 answer files found write TwinUI",
    ],
  },
  {
    page: "microsoft-windows-tapisetup",
    spelling: "Microsoft-Windows-TapiSetup",
    variants: ["Microsoft-Windows-TAPISetup"],
    evidence: [
      'manifest: the USMT sample Config.xml writes displayname="Microsoft-Windows-TapiSetup"',
      "reference: the TOC writes TapiSetup; the component's own pages write TAPISetup; no XML example names the component",
      "real files: public code: 10 of 10 answer files found write TapiSetup",
    ],
  },
];
