/**
 * Issue 19, class 7 on the real engine: two layers whose values are known only
 * at deployment and conflict. The conflict is reported once, as the
 * UnattendFile's error, without a stack trace (it was reported once per merged
 * value and resource input, as an unhandled exception, with Pulumi's warning
 * about promises left active).
 */
import { expect } from "chai";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { LocalWorkspace, PulumiCommand } from "@pulumi/pulumi/automation";
import { UnattendFile } from "../../components";
import { REPO } from "../helpers";
import { cli } from "./support";

const SHELL = "Microsoft-Windows-Shell-Setup";

describe("layers on the real engine: a conflict between values known only at deployment", function () {
  this.timeout(600_000);

  it("fails preview as any validation error does: the resource's error, once, no stack trace, no promise left active", async () => {
    const bin = cli.ensureCli();
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "unattend-layers-late-"));
    fs.mkdirSync(path.join(tmp, "state"));
    const envVars = {
      ...cli.pulumiEnv(bin),
      PULUMI_BACKEND_URL: `file://${path.join(tmp, "state")}`,
      PULUMI_CONFIG_PASSPHRASE: "layers-late-passphrase",
      PULUMI_HOME: path.join(tmp, "home"),
    };
    const workDir = fs.mkdtempSync(path.join(REPO, "build", "engine-work-"));
    const pulumiCommand = await PulumiCommand.get({ root: path.dirname(bin), skipVersionCheck: true });
    /** What `pulumi preview` says about a program that fails. */
    const previewFailure = async (stackName: string, program: () => Promise<void>): Promise<string> => {
      const stack = await LocalWorkspace.createOrSelectStack(
        { stackName, projectName: "unattend-layers-late", program },
        {
          workDir,
          envVars,
          pulumiCommand,
          projectSettings: { name: "unattend-layers-late", runtime: "nodejs", backend: { url: envVars.PULUMI_BACKEND_URL } },
        },
      );
      let failure = "";
      try {
        await stack.preview();
      } catch (e) {
        failure = (e as Error).message;
      }
      await stack.workspace.removeStack(stackName);
      return failure;
    };
    const late = await previewFailure("layers-late", async () => {
      new UnattendFile("layered", {
        settings: [
          { name: "base", settings: { oobeSystem: { [SHELL]: { TimeZone: pulumi.output("UTC") } } } },
          { name: "env", settings: { oobeSystem: { [SHELL]: { TimeZone: pulumi.output("Tokyo Standard Time") } } } },
        ] as never, // layers as an array: the form JavaScript, YAML and config give
      });
    });
    // the same program with an ordinary validation error (a value in a pass where it is not read), for comparison
    const plain = await previewFailure("plain-invalid", async () => {
      new UnattendFile("layered", {
        settings: { specialize: { "Microsoft-Windows-WorkstationService": { AllowInsecureGuestAuth: pulumi.output(1) } } } as never,
      });
    });
    fs.rmSync(workDir, { recursive: true, force: true });
    const conflict = 'layers[1].settings.oobeSystem["Microsoft-Windows-Shell-Setup"].TimeZone: layers[0] ("base") and layers[1] ("env")';
    const wrongPass = 'settings.specialize["Microsoft-Windows-WorkstationService"].AllowInsecureGuestAuth: "AllowInsecureGuestAuth" is not valid';
    const count = (text: string, what: string) => text.split(what).length - 1;
    expect(late).to.contain('UnattendFile "layered": 1 error in the unattend settings');
    expect(count(plain, wrongPass), plain).to.be.at.least(1);
    expect(count(late, conflict), late).to.equal(count(plain, wrongPass));
    for (const text of [late, plain]) {
      expect(text).to.not.match(/^\s+at /m);
      expect(text).to.not.contain("promises were still active");
      expect(text).to.not.contain("UnattendValidationError");
    }
  });
});
