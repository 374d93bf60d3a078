/**
 * The cross-setting rules over real files: the 40 answer files of
 * ../shared/corpus and every XML example of ../shared/unattend-reference
 * (extracted and wrapped as tests/conformance.test.ts does). What fires where
 * is kept below as reviewed data, each finding with its verdict checked by
 * hand against the reference; the test prints the table and fails when a
 * finding appears or disappears, so that the list stays honest.
 */
import { expect } from "chai";
import * as fs from "node:fs";
import * as path from "node:path";
import { parseUnattend, validateUnattend, validateUnattendXml, type Diagnostic } from "../components";
import { RULES, findRule } from "../components/core/rules";
import { extractExamples, wrap } from "./conformance.test";
import { sharedOrSkip } from "./helpers";

// ---------------------------------------------------------------- verdicts, shared by several files

const LOGONCOUNT_MISSING =
  "True against the page: AutoLogon Enabled without LogonCount, which the LogonCount page requires whenever AutoLogon is used. " +
  "What Windows then does is not documented; these Packer/Vagrant builds rely on logging on automatically until the build ends, " +
  "so for them it is a warning to silence (--ignore autologon-without-logoncount) or to answer with an explicit LogonCount.";

const NLB_CLUSTER =
  "The example contradicts its pages: Portrule2 sets LoadWeight 100 without EqualLoad, whose page gives true as the default, and " +
  "the LoadWeight page says LoadWeight is applied only when EqualLoad is false (so every node gets 50).";

const DATA_METADATA_FRAGMENT =
  "A fragment: the page shows one MetaData item; wrapped alone into a DataImage it lacks the InstallFrom Path and the InstallTo " +
  "that the DataImage page marks required. The rule is right about the wrapped document; the example is not a whole data image.";

const MACHINE_PASSWORD =
  "The example contradicts the MachinePassword page: the shared Identification example sets MachinePassword with Credentials and " +
  "no UnsecureJoin, and MachinePassword is valid only when UnsecureJoin is true (the MachinePassword page's own example adds it).";

const BUILTIN_LOCAL_ACCOUNT =
  "True, as a warning: the file creates a LocalAccount named Administrator, the built-in account that exists already, with " +
  "the group Administrators, and also sets AdministratorPassword, which alone does what the LocalAccount is meant to. Whether " +
  "Setup then updates the existing account or stops is not documented; the same LocalAccount is the cause reported in " +
  "mwrock/packer-templates#101 (a build that waits for WinRM forever).";

const EXAMPLE_PRODUCT_KEY =
  "The page's example writes a stand-in key (12345-12345-12345-12345-12345, or AAAAA-BBBBB-CCCCC-DDDDD-EEEEE for Shell-Setup " +
  "ProductKey) whose characters no product key uses; the shape is right and the rule is right that the value is no key.";

/** `code@line` of each rule finding per corpus file, with the verdict. Files not listed have none. */
const CORPUS: Record<string, { findings: string[]; verdict: string }> = {
  "001-joefitzgerald-packer-windows-Autounattend.xml": { findings: ["autologon-without-logoncount@107"], verdict: LOGONCOUNT_MISSING },
  "002-StefanScherer-packer-windows-Autounattend.xml": { findings: ["autologon-without-logoncount@107"], verdict: LOGONCOUNT_MISSING },
  "004-rgl-windows-vagrant-autounattend.xml": { findings: ["autologon-without-logoncount@148"], verdict: LOGONCOUNT_MISSING },
  "005-rgl-vagrant-windows-sysprep-unattend.xml": { findings: ["autologon-without-logoncount@43"], verdict: LOGONCOUNT_MISSING },
  "007-chef-bento-Autounattend.xml": { findings: ["autologon-without-logoncount@188"], verdict: LOGONCOUNT_MISSING },
  "008-mwrock-packer-templates-Autounattend.xml": { findings: ["autologon-without-logoncount@135"], verdict: LOGONCOUNT_MISSING },
  "010-boxcutter-windows-Autounattend.xml": { findings: ["autologon-without-logoncount@116"], verdict: LOGONCOUNT_MISSING },
  "011-boxcutter-windows-Autounattend.xml": { findings: ["autologon-without-logoncount@80"], verdict: LOGONCOUNT_MISSING },
  "013-vmware-samples-packer-examples-for-vsphere-autounattend.pkrtpl.hcl.xml": {
    findings: ["autologon-without-logoncount@147"],
    verdict: LOGONCOUNT_MISSING,
  },
  "016-cyberrangecz-image-windows-server-2025-Autounattend.xml": { findings: ["autologon-without-logoncount@174"], verdict: LOGONCOUNT_MISSING },
  "017-TCANationals-ContestVM-autounattend-win2022.xml": {
    findings: ["local-account-builtin-name@153", "autologon-without-logoncount@162"],
    verdict: `${BUILTIN_LOCAL_ACCOUNT} ${LOGONCOUNT_MISSING}`,
  },
  "020-credibleforce-packer-AWS_Unattend.xml": {
    findings: ["setting-in-two-passes@16"],
    verdict:
      'True, a warning: Shell-Setup RegisteredOrganization is "Amazon" in specialize and "Amazon.com" in oobeSystem; both passes ' +
      "read it and oobeSystem runs later, so the specialize value never lasts. Harmless for the build, but one of the two is stale.",
  },
  "022-OpenNebula-addon-context-windows-unattend.xml": {
    findings: ["hidden-account-screen-without-account@43"],
    verdict:
      "True for the file: it hides the Administrator password screen (HideLocalAccountScreen, a Windows Server setting) while its " +
      "AdministratorPassword, LocalAccounts and AutoLogon are all commented out, so nothing in the file gives any account a " +
      "password. The project sets the password later from its context scripts, outside the answer file.",
  },
  "023-Olygo-OCI_Cloning_Windows_Instances-unattend.xml": {
    // seen since its <OOBE> is validated beside the undocumented SkipMachineOOBE/SkipUserOOBE (it was all unvalidated)
    findings: ["hidden-account-screen-without-account@47"],
    verdict:
      "True for the file: a sysprep answer file for cloning OCI instances that holds only <OOBE>; it hides the account screen " +
      "while nothing in it gives any account a password. The image's existing accounts survive, and the cloud agent sets the " +
      "password after first boot, outside the answer file: a warning, as for 022.",
  },
  "028-jamesstringerparsec-Easy-GPU-PV-autounattend.xml": { findings: ["autologon-without-logoncount@137"], verdict: LOGONCOUNT_MISSING },
  "049-AKrawczyk-VMware-Windows-7-Thin-PC-unattend.xml": { findings: ["local-account-builtin-name@37"], verdict: BUILTIN_LOCAL_ACCOUNT },
  "053-Slemoon-Windows-10-Unattend-unattend.xml": { findings: ["local-account-builtin-name@45"], verdict: BUILTIN_LOCAL_ACCOUNT },
  "038-DavidBrockmeier-ParallelsTools-Autounattend.xml": {
    // once per architecture: the file's amd64 and x86 components differ, so each is checked with its own path
    findings: ["autologon-without-logoncount@307", "autologon-without-logoncount@395"],
    verdict: LOGONCOUNT_MISSING,
  },
};

/** Rule codes per reference example (`<page>#<n>`, as tests/conformance.test.ts numbers them), with the verdict. */
const EXAMPLES: Record<string, { findings: string[]; verdict: string }> = {
  "microsoft-windows-networkloadbalancing-core-clusters-cluster-portrules-portrule-loadweight.md#1": {
    findings: ["nlb-load-weight-ignored"],
    verdict:
      "A one-line fragment, <LoadWeight>100</LoadWeight>, wrapped into a Portrule without EqualLoad; by EqualLoad's documented default (true) the weight is not applied, as the page itself says.",
  },
  "microsoft-windows-networkloadbalancing-core-clusters-cluster-portrules-portrule.md#1": {
    findings: ["nlb-load-weight-ignored"],
    verdict: NLB_CLUSTER,
  },
  "microsoft-windows-networkloadbalancing-core-clusters-cluster-portrules.md#1": { findings: ["nlb-load-weight-ignored"], verdict: NLB_CLUSTER },
  "microsoft-windows-networkloadbalancing-core-clusters-cluster.md#1": { findings: ["nlb-load-weight-ignored"], verdict: NLB_CLUSTER },
  "microsoft-windows-networkloadbalancing-core-clusters.md#1": { findings: ["nlb-load-weight-ignored"], verdict: NLB_CLUSTER },
  "microsoft-windows-setup-diskconfiguration-disk-modifypartitions-modifypartition-partitionid.md#3": {
    findings: ["partition-after-extend"],
    verdict:
      "The example contradicts the Extend and Size pages: the primary partition of Order 3 has Extend true and so fills the rest of " +
      "the disk, yet a 100 MB primary partition (Order 4) is created after it; no space is left for it.",
  },
  "microsoft-windows-setup-imageinstall-dataimage-installfrom-metadata-key.md#1": {
    findings: ["data-image-incomplete"],
    verdict: DATA_METADATA_FRAGMENT,
  },
  "microsoft-windows-setup-imageinstall-dataimage-installfrom-metadata-key.md#2": {
    findings: ["data-image-incomplete"],
    verdict: DATA_METADATA_FRAGMENT,
  },
  "microsoft-windows-setup-imageinstall-dataimage-installfrom-metadata-key.md#3": {
    findings: ["data-image-incomplete"],
    verdict: DATA_METADATA_FRAGMENT,
  },
  "microsoft-windows-setup-imageinstall-dataimage-installfrom-metadata-value.md#1": {
    findings: ["data-image-incomplete"],
    verdict: DATA_METADATA_FRAGMENT,
  },
  "microsoft-windows-setup-imageinstall-dataimage-installfrom-metadata-value.md#2": {
    findings: ["data-image-incomplete"],
    verdict: DATA_METADATA_FRAGMENT,
  },
  "microsoft-windows-setup-imageinstall-dataimage-installfrom-metadata-value.md#3": {
    findings: ["data-image-incomplete"],
    verdict: DATA_METADATA_FRAGMENT,
  },
  "microsoft-windows-setup-imageinstall-dataimage-installfrom-path.md#3": {
    findings: ["configsetroot-without-configuration-set"],
    verdict:
      "A DataImage fragment using %configsetroot%; the note right after it on the same page says UseConfigurationSet must then be " +
      "true, which the fragment does not show. The rule states that note.",
  },
  "microsoft-windows-setup-userdata-accepteula.md#1": { findings: ["product-key-format"], verdict: EXAMPLE_PRODUCT_KEY },
  "microsoft-windows-setup-userdata-fullname.md#1": { findings: ["product-key-format"], verdict: EXAMPLE_PRODUCT_KEY },
  "microsoft-windows-setup-userdata-organization.md#1": { findings: ["product-key-format"], verdict: EXAMPLE_PRODUCT_KEY },
  "microsoft-windows-setup-userdata-productkey-key.md#1": { findings: ["product-key-format"], verdict: EXAMPLE_PRODUCT_KEY },
  "microsoft-windows-setup-userdata-productkey-willshowui.md#1": { findings: ["product-key-format"], verdict: EXAMPLE_PRODUCT_KEY },
  "microsoft-windows-setup-userdata-productkey.md#1": { findings: ["product-key-format"], verdict: EXAMPLE_PRODUCT_KEY },
  "microsoft-windows-setup-userdata.md#1": { findings: ["product-key-format"], verdict: EXAMPLE_PRODUCT_KEY },
  "microsoft-windows-shell-setup-productkey.md#1": { findings: ["product-key-format"], verdict: EXAMPLE_PRODUCT_KEY },
  "microsoft-windows-shell-setup-useraccounts-domainaccounts.md#1": {
    findings: ["group-unknown"],
    verdict:
      "The example contradicts its Group page, which names the local security group a domain account joins (Administrators, " +
      "RemoteDesktopUsers, ...): it gives Fabrikam\\Group1, a domain group. A warning: such a group cannot be checked here.",
  },
  "microsoft-windows-shell-setup-offlineuseraccounts.md#1": {
    findings: ["account-name-invalid", "group-unknown"],
    verdict:
      "The example writes stand-ins in brackets (<Name>[user]</Name>, <Group>[groups]</Group>): taken literally, [ and ] are characters " +
      "Windows refuses in an account name, and [groups] is no local group. True of the literal text; the page means them as blanks to fill in.",
  },
  "microsoft-windows-shell-setup-oobe-hidelocalaccountscreen.md#1": {
    findings: ["hidden-account-screen-without-account"],
    verdict: "A fragment showing OOBE alone: wrapped by itself, the file gives no account a password. A warning, right about the wrapped document.",
  },
  "microsoft-windows-unattendedjoin-identification-credentials-domain.md#1": {
    findings: ["machine-password-without-unsecure-join"],
    verdict: MACHINE_PASSWORD,
  },
  "microsoft-windows-unattendedjoin-identification-credentials-password.md#1": {
    findings: ["machine-password-without-unsecure-join"],
    verdict: MACHINE_PASSWORD,
  },
  "microsoft-windows-unattendedjoin-identification-credentials-username.md#1": {
    findings: ["machine-password-without-unsecure-join"],
    verdict: MACHINE_PASSWORD,
  },
  "microsoft-windows-unattendedjoin-identification-credentials.md#1": {
    findings: ["machine-password-without-unsecure-join"],
    verdict: MACHINE_PASSWORD,
  },
  "microsoft-windows-unattendedjoin-identification-joindomain.md#1": {
    findings: ["machine-password-without-unsecure-join"],
    verdict: MACHINE_PASSWORD,
  },
  "microsoft-windows-unattendedjoin-identification.md#1": { findings: ["machine-password-without-unsecure-join"], verdict: MACHINE_PASSWORD },
  "microsoft-windows-unattendedjoin-identification-machineobjectou.md#1": {
    findings: ["join-settings-without-domain"],
    verdict: "A one-line fragment, <MachineObjectOU>: wrapped alone it has no JoinDomain, and the OU applies only to a domain join (its page).",
  },
  "microsoft-windows-unattendedjoin-identification-unsecurejoin.md#1": {
    findings: ["join-settings-without-domain"],
    verdict: "A one-line fragment, <UnsecureJoin>true</UnsecureJoin>: wrapped alone it has no JoinDomain to act on.",
  },
  "microsoft-windows-unattendedjoin-identification-machinepassword.md#1": {
    findings: ["unsecure-join-with-credentials"],
    verdict:
      "The example contradicts the UnsecureJoin page: it sets UnsecureJoin true together with Credentials Domain, Username and " +
      "Password, which that page says not to create when UnsecureJoin is enabled.",
  },
};

const ruleFindings = (ds: readonly Diagnostic[]) => ds.filter((d) => findRule(d.code));

/** Rule -> [corpus findings, example findings], printed as a table. */
const table = new Map<string, [number, number]>(RULES.map((r) => [r.id, [0, 0]]));
const count = (code: string, column: 0 | 1) => table.get(code)![column]++;

describe("cross-setting rules over real files", function () {
  this.timeout(120_000);

  describe("../shared/corpus: every finding reviewed", () => {
    const corpus = sharedOrSkip("corpus");
    if (!corpus) return;
    const files = fs
      .readdirSync(corpus)
      .filter((f) => f.endsWith(".xml"))
      .sort();

    it("the reviewed list names files of the corpus only", () => {
      for (const f of Object.keys(CORPUS)) expect(files, f).to.include(f);
    });

    for (const file of files) {
      it(file, () => {
        const r = validateUnattendXml(fs.readFileSync(path.join(corpus, file)));
        if (r.malformed) return; // tests/corpus.test.ts checks where it breaks; nothing to apply rules to
        const actual = ruleFindings(r.diagnostics).map((d) => `${d.code}@${d.line}`);
        actual.forEach((a) => count(a.slice(0, a.indexOf("@")), 0));
        const detail = ruleFindings(r.diagnostics)
          .map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`)
          .join("\n");
        expect(actual.sort(), detail).to.deep.equal([...(CORPUS[file]?.findings ?? [])].sort());
      });
    }
  });

  describe("../shared/unattend-reference: every finding on an example reviewed", () => {
    const reference = sharedOrSkip("unattend-reference");
    if (!reference) return;

    it("fires only where reviewed, each example contradicting its page or shown as a fragment", () => {
      const actual = new Map<string, string[]>();
      for (const ex of extractExamples(reference)) {
        const o = wrap(ex);
        if (!o.wellFormed) continue;
        const parsed = parseUnattend(o.wrapped.xml);
        if (parsed.malformed) continue;
        const codes = [...new Set(ruleFindings(validateUnattend(parsed.document).diagnostics).map((d) => d.code))].sort();
        codes.forEach((c) => count(c, 1));
        if (codes.length) actual.set(ex.key, codes);
      }
      const expected = new Map(Object.entries(EXAMPLES).map(([k, v]) => [k, [...v.findings].sort()]));
      const lines = (m: Map<string, string[]>) => [...m].map(([k, v]) => `${k} ${v.join(",")}`).sort();
      expect(lines(actual)).to.deep.equal(lines(expected));
    });
  });

  after(() => {
    const fired = [...table].filter(([, [c, e]]) => c + e > 0);
    if (fired.length === 0) return;
    console.log("\n      rule findings: rule (severity): corpus files / reference examples");
    for (const [id, [c, e]] of fired) console.log(`        ${id} (${findRule(id)!.severity}): ${c} / ${e}`);
    console.log(`      ${RULES.length - fired.length} of ${RULES.length} rules fire on no real file and no example`);
  });
});
