/**
 * examples/golden-image on the real engine: the Automation API runs the
 * example's own program (base, image and environment layers, the last from
 * stack config) against the real CLI and a file:// backend in a temporary
 * folder. After changing one block argument in config (windowsSize, given to
 * diskLayout.uefi), the preview shows exactly the setting it changes.
 */
import { expect } from "chai";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { LocalWorkspace, PulumiCommand, type Stack } from "@pulumi/pulumi/automation";
import { checkSchema, linkPackage, requireExample } from "../blocks.examples";
import { REPO } from "../helpers";

const cli = require(path.join(REPO, "scripts", "pulumi.js")) as {
  ensureCli(): string;
  pulumiEnv(bin: string): Record<string, string>;
};

const ADMIN_PASSWORD = "Adm1n-golden-engine";
const JOIN_PASSWORD = "J0in-golden-engine";
const SIZE_KEY = "windowsPE/Microsoft-Windows-Setup/DiskConfiguration/Disk[1]/CreatePartitions/CreatePartition[3]/Size";

/** Lines of `preview --diff` that show one changed property. */
function changedLines(stdout: string): string[] {
  return stdout
    .split("\n")
    .filter((l) => /^\s+[~+-] [\w-]+\/\S+: /.test(l))
    .map((l) => l.trim());
}

/** Everything under `dir` as text. */
function allText(dir: string): string {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((f) => f.isFile())
    .map((f) => fs.readFileSync(path.join(f.parentPath, f.name), "utf8"))
    .join("\n");
}

describe("examples/golden-image on the real engine", function () {
  this.timeout(600_000);

  let tmp: string;
  let file: string;
  let stack: Stack;

  before(async () => {
    const bin = cli.ensureCli();
    linkPackage();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "unattend-golden-"));
    file = path.join(tmp, "out", "autounattend.xml");
    fs.mkdirSync(path.join(tmp, "state"));
    const envVars = {
      ...cli.pulumiEnv(bin),
      PULUMI_BACKEND_URL: `file://${path.join(tmp, "state")}`,
      PULUMI_CONFIG_PASSPHRASE: "golden-image-engine-test",
      PULUMI_HOME: path.join(tmp, "home"),
    };
    // The engine starts the dynamic provider in the work dir: it must resolve this repo's node_modules.
    const workDir = fs.mkdtempSync(path.join(REPO, "build", "engine-work-"));
    stack = await LocalWorkspace.createOrSelectStack(
      // the example's program as it is, its top-level code run afresh for each operation
      { stackName: "golden", projectName: "golden-image", program: async () => requireExample<Record<string, unknown>>("golden-image/index") },
      {
        workDir,
        envVars,
        pulumiCommand: await PulumiCommand.get({ root: path.dirname(bin), skipVersionCheck: true }),
        projectSettings: { name: "golden-image", runtime: "nodejs", backend: { url: envVars.PULUMI_BACKEND_URL } },
      },
    );
    await stack.setAllConfig({
      "golden-image:computerName": { value: "GOLD-01" },
      "golden-image:adminPassword": { value: ADMIN_PASSWORD, secret: true },
      "golden-image:domain": { value: "corp.example.com" },
      "golden-image:joinUser": { value: "svc-join" },
      "golden-image:joinPassword": { value: JOIN_PASSWORD, secret: true },
      "golden-image:windowsSize": { value: "81920" },
      "golden-image:path": { value: file },
    });
  });

  after(async () => {
    if (stack) {
      await stack.destroy().catch(() => undefined);
      await stack.workspace.removeStack("golden").catch(() => undefined);
      fs.rmSync(stack.workspace.workDir, { recursive: true, force: true });
    }
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("up writes the merged answer file, which the schema accepts", async function () {
    const up = await stack.up();
    expect(up.summary.result).to.equal("succeeded");
    const xml = up.outputs.xml.value as string;
    expect(up.outputs.xml.secret).to.equal(true);
    expect(fs.readFileSync(file, "utf8")).to.equal(xml);
    // one layer each: base (locale, OOBE), image (disk, edition, commands), environment (name, account, domain)
    for (const s of [
      "<UILanguage>en-US</UILanguage>",
      "<HideEULAPage>true</HideEULAPage>",
      "<Size>81920</Size>",
      "<Value>6</Value>",
      "stamp the image",
      "<ComputerName>GOLD-01</ComputerName>",
      "<Name>ops</Name>",
      "<JoinDomain>corp.example.com</JoinDomain>",
    ]) {
      expect(xml).to.contain(s);
    }
    const changes = up.outputs.changes.value as { op: string; key: string; new?: unknown }[];
    // the first deployment: everything is new, changes lists what later updates change
    expect(changes).to.deep.equal([]);
    checkSchema(this, xml);
  });

  it("preview after changing one block argument (windowsSize) shows exactly the setting it changes", async () => {
    await stack.setConfig("golden-image:windowsSize", { value: "102400" });
    const preview = await stack.preview({ diff: true });
    expect(changedLines(preview.stdout)).to.deep.equal([`~ ${SIZE_KEY}: 81920 => 102400`]);
    expect(preview.changeSummary.update).to.equal(1);
    const up = await stack.up();
    expect(up.outputs.changes.value).to.deep.equal([{ op: "change", key: SIZE_KEY, old: 81920, new: 102400 }]);
    expect(fs.readFileSync(file, "utf8")).to.contain("<Size>102400</Size>");
  });

  it("keeps both passwords (the account's and the domain join's) out of the preview and the state", async () => {
    const preview = await stack.preview({ diff: true });
    expect(changedLines(preview.stdout)).to.deep.equal([]);
    const said = preview.stdout + preview.stderr + allText(path.join(tmp, "state"));
    for (const secret of [ADMIN_PASSWORD, JOIN_PASSWORD, Buffer.from(ADMIN_PASSWORD + "Password", "utf16le").toString("base64")]) {
      expect(said).to.not.contain(secret);
    }
    expect(allText(path.join(tmp, "state"))).to.contain("Microsoft-Windows-UnattendedJoin/Identification/Credentials/Password");
  });
});
