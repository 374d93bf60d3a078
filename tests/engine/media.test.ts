/**
 * UnattendFile's `media` on the real engine: a program whose InstallFrom/MetaData
 * names an image the media does not hold fails at preview, with the image
 * list, and `up` writes nothing (no file, no state resource).
 */
import { expect } from "chai";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { LocalWorkspace, PulumiCommand, type Stack } from "@pulumi/pulumi/automation";
import { UnattendFile, type UnattendSettingsInput } from "../../components";
import { REPO } from "../helpers";
import { buildImages, skipWithoutWimlib } from "../media-images";
import { cli, storedStateIn } from "./support";

describe("UnattendFile media on the real engine", function () {
  this.timeout(600_000);
  let tmp = "";
  let out = "";
  let wim = "";
  let stack: Stack | undefined;
  const program = (name: string) => async () => {
    const settings = {
      windowsPE: { "Microsoft-Windows-Setup": { ImageInstall: { OSImage: { InstallFrom: { MetaData: [{ Key: "/IMAGE/NAME", Value: name }] } } } } },
    } as UnattendSettingsInput;
    const file = new UnattendFile("media", { settings, path: out, media: wim });
    return { sha256: file.sha256 };
  };

  before(async function () {
    skipWithoutWimlib(this);
    wim = buildImages().multi;
    const bin = cli.ensureCli();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "unattend-engine-media-"));
    out = path.join(tmp, "out", "autounattend.xml");
    fs.mkdirSync(path.join(tmp, "state"));
    const envVars = {
      ...cli.pulumiEnv(bin),
      PULUMI_BACKEND_URL: `file://${path.join(tmp, "state")}`,
      PULUMI_CONFIG_PASSPHRASE: "engine-media-passphrase",
      PULUMI_HOME: path.join(tmp, "home"),
    };
    const workDir = fs.mkdtempSync(path.join(REPO, "build", "engine-media-"));
    stack = await LocalWorkspace.createOrSelectStack(
      { stackName: "media", projectName: "unattend-media", program: program("Windows 11 Pro N") },
      {
        workDir,
        envVars,
        pulumiCommand: await PulumiCommand.get({ root: path.dirname(bin), skipVersionCheck: true }),
        projectSettings: { name: "unattend-media", runtime: "nodejs", backend: { url: envVars.PULUMI_BACKEND_URL } },
      },
    );
  });

  after(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    if (stack) fs.rmSync(stack.workspace.workDir, { recursive: true, force: true });
  });

  it("preview shows the image-name error, with the images, before anything is written", async () => {
    let message = "";
    try {
      await stack!.preview();
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).to.contain('UnattendFile "media"').and.contain('/IMAGE/NAME is "Windows 11 Pro N"');
    expect(message).to.contain('Did you mean "Windows 11 Pro"?').and.contain('2 "Windows 11 Éducation"');
    expect(fs.existsSync(out)).to.equal(false);
  });

  it("up fails the same way: no file, no state resource", async () => {
    let failed = false;
    try {
      await stack!.up();
    } catch {
      failed = true;
    }
    expect(failed).to.equal(true);
    expect(fs.existsSync(out)).to.equal(false);
    expect(storedStateIn(path.join(tmp, "state"))).to.not.contain("unattend:UnattendState");
  });

  it("with the name as the media writes it, up renders the file", async () => {
    stack!.workspace.program = program("Windows 11 Éducation");
    const up = await stack!.up();
    expect(up.summary.result).to.equal("succeeded");
    expect(fs.readFileSync(out, "utf8")).to.contain("<Value>Windows 11 Éducation</Value>");
  });
});
