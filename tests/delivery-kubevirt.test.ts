import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { readRepoFile } from "./helpers";
import { isSecretEnvelope, outputErrorsOf, recordingMocks, valueOf } from "./delivery-helpers";
import { KUBERNETES_SECRET_MAX_BYTES, KUBEVIRT_SYSPREP_FILES } from "../components/pulumi/delivery/kubevirt";

type Components = typeof import("../components");
type CoreV1 = typeof import("@pulumi/kubernetes/core/v1");

const SEED = readRepoFile("tests/golden/seed.xml");

describe("delivery: KubeVirt sysprep volume (Pulumi mocks, @pulumi/kubernetes)", () => {
  let registered: pulumi.runtime.MockResourceArgs[];
  let mod: Components;
  let corev1: CoreV1;

  before(async () => {
    registered = await recordingMocks();
    // required after setMocks, as Pulumi requires of resource modules
    mod = require("../components") as Components;
    corev1 = require("@pulumi/kubernetes/core/v1") as CoreV1;
  });

  /** The inputs the Secret was registered with (its URN resolves once the mocks have registered it). */
  async function secretInputs(secret: pulumi.CustomResource): Promise<Record<string, unknown>> {
    const name = await valueOf<string>(secret.urn).then((urn) => urn.split("::").pop());
    const found = registered.find((r) => r.type === "kubernetes:core/v1:Secret" && r.name === name);
    expect(found, `Secret ${name} registered`).to.not.equal(undefined);
    return found!.inputs;
  }

  it("puts the XML in a Secret under unattend.xml: its data decodes to exactly our XML and stays secret", async () => {
    const unattend = new mod.UnattendFile("kv-first-boot", {
      settings: {
        oobeSystem: {
          "Microsoft-Windows-Shell-Setup": { UserAccounts: { AdministratorPassword: { Value: "pw-\u20ac-\ud83d\ude00", PlainText: true } } },
        },
      },
    });
    const xml = await valueOf(unattend.xml);
    const sysprep = mod.kubevirtSysprep({ name: "win-sysprep", namespace: "vms", unattend });
    expect(await pulumi.isSecret(sysprep.secret.data)).to.equal(true);

    const secret = new corev1.Secret("win-sysprep", sysprep.secret);
    const inputs = await secretInputs(secret);
    expect(inputs.type).to.equal("Opaque");
    expect(inputs.metadata).to.deep.include({ name: "win-sysprep", namespace: "vms" });
    // the data arrives at the engine as a secret...
    expect(isSecretEnvelope(inputs.data), JSON.stringify(inputs.data).slice(0, 80)).to.equal(true);
    const data = (inputs.data as { value: Record<string, string> }).value;
    expect(Object.keys(data)).to.deep.equal(["unattend.xml"]);
    // ...and decodes to the very bytes of the answer file (UTF-8, no byte-order mark)
    const bytes = Buffer.from(data["unattend.xml"], "base64");
    expect(bytes.toString("utf8")).to.equal(xml);
    expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).to.equal(false);
    expect(await pulumi.isSecret(secret.data)).to.equal(true);
    expect(JSON.stringify(inputs)).to.not.contain("pw-");
  });

  it("writes the installation file as autounattend.xml, and both when both are given", async () => {
    const sysprep = mod.kubevirtSysprep({ name: "both", autounattend: SEED, unattend: pulumi.output(SEED) });
    const secret = new corev1.Secret("both", sysprep.secret);
    const data = ((await secretInputs(secret)).data as { value: Record<string, string> }).value;
    expect(Object.keys(data).sort()).to.deep.equal(["autounattend.xml", "unattend.xml"]);
    expect(Buffer.from(data["autounattend.xml"], "base64").toString("utf8")).to.equal(SEED);
    expect(KUBEVIRT_SYSPREP_FILES).to.deep.equal({ autounattend: "autounattend.xml", unattend: "unattend.xml" });
  });

  it("gives the VirtualMachine's sysprep volume and its CD-ROM disk, by the same name", async () => {
    const sysprep = mod.kubevirtSysprep({ name: "answers", unattend: SEED });
    expect(sysprep.volume.name).to.equal("sysprep");
    expect(await valueOf(pulumi.output(sysprep.volume))).to.deep.equal({ name: "sysprep", sysprep: { secret: { name: "answers" } } });
    expect(sysprep.disk).to.deep.equal({ name: "sysprep", cdrom: { bus: "sata" } });
    const named = mod.kubevirtSysprep({ name: "answers", unattend: SEED, volumeName: "unattend-cd" });
    expect([named.volume.name, named.disk.name]).to.deep.equal(["unattend-cd", "unattend-cd"]);
  });

  it("refuses a sysprep volume without either file, saying which names KubeVirt needs", () => {
    expect(() => mod.kubevirtSysprep({ name: "none" } as never)).to.throw(mod.UnattendValidationError, /autounattend\.xml.*unattend\.xml/);
  });

  it("refuses a Secret name Kubernetes would refuse, now or when it resolves", async () => {
    for (const name of ["Win_Sysprep", "-x", "a".repeat(254), ""]) {
      expect(() => mod.kubevirtSysprep({ name, unattend: SEED }), name).to.throw(mod.UnattendValidationError, /DNS subdomain/);
    }
    const later = mod.kubevirtSysprep({ name: pulumi.output("Bad Name"), unattend: SEED });
    const errors = await outputErrorsOf(later.secret.data.apply(() => later.volume.sysprep.secret.name));
    expect(errors.map((e) => e.code)).to.deep.equal(["target-name"]);
  });

  it("refuses XML text that is not a valid answer file, with line and column", async () => {
    const broken = mod.kubevirtSysprep({ name: "broken", unattend: '<unattend><settings pass="specialize"></unattend>' });
    const errors = await outputErrorsOf(broken.secret.data);
    expect(errors[0].message).to.match(/line 1, column \d+ of unattend/);
    const invalid = mod.kubevirtSysprep({ name: "invalid", unattend: SEED.replace("<AllowInsecureGuestAuth>1<", "<AllowInsecureGuestAuth>7<") });
    const [e] = await outputErrorsOf(invalid.secret.data);
    expect(e.code).to.equal("out-of-range");
    expect(e.message).to.contain("line ");
  });

  it("refuses answer files over Kubernetes' 1 MiB Secret limit", async () => {
    const big = SEED.replace("</unattend>", `<!--${"x".repeat(KUBERNETES_SECRET_MAX_BYTES)}--></unattend>`);
    const errors = await outputErrorsOf(mod.kubevirtSysprep({ name: "big", unattend: big }).secret.data);
    expect(errors.map((e) => e.code)).to.deep.equal(["target-too-large"]);
    expect(errors[0].message).to.not.contain("xxxx");
  });
});
