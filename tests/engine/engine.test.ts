/**
 * Engine tests: the Automation API against a real Pulumi CLI (found or built
 * by scripts/pulumi.js) and a file:// backend in a temporary folder. They run
 * in their own mocha process (Pulumi's mocks would clash with a real engine).
 */
import { expect } from "chai";
import { spawnSync } from "node:child_process";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { LocalWorkspace, PulumiCommand, type EngineEvent, type Stack } from "@pulumi/pulumi/automation";
import { UnattendFile, type UnattendSettingsInput } from "../../components";
import { REPO } from "../helpers";
import { stateBudget, unattendFileState } from "./support";

const cli = require(path.join(REPO, "scripts", "pulumi.js")) as {
  ensureCli(): string;
  pulumiEnv(bin: string): Record<string, string>;
};

const KEY = "generalize/Microsoft-Windows-WorkstationService/AllowInsecureGuestAuth";
const PASSWORD = "Tr0ub4dor&3-engine-test";
const PASSWORD_KEY = "oobeSystem/Microsoft-Windows-Shell-Setup/UserAccounts/AdministratorPassword";

/** Lines of `preview --diff` that show one changed property. */
function changedLines(stdout: string): string[] {
  return stdout
    .split("\n")
    .filter((l) => /^\s+[~+-] [\w-]+\/\S+: /.test(l))
    .map((l) => l.trim());
}

/** Everything the file:// backend under `dir` has stored. */
function storedStateIn(dir: string): string {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((f) => f.isFile())
    .map((f) => fs.readFileSync(path.join(f.parentPath, f.name), "utf8"))
    .join("\n");
}

/** The stored outputs of the UnattendState in an exported state (`pulumi stack export`, secrets encrypted). */
function childOutputs(exported: string): Record<string, unknown> {
  const resources = (JSON.parse(exported) as { deployment: { resources: { type: string; outputs?: Record<string, unknown> }[] } }).deployment
    .resources;
  return resources.find((r) => r.type === "pulumi-nodejs:dynamic/unattend:UnattendState")!.outputs!;
}

/** A value stored encrypted: Pulumi's secret envelope with ciphertext. */
function isCiphertext(v: unknown): boolean {
  const o = v as Record<string, unknown>;
  return (
    typeof o === "object" &&
    o !== null &&
    o["4dabf18193072939515e22adb298388d"] === "1b47061264138c4ac30d75fd1eb44270" &&
    typeof o.ciphertext === "string"
  );
}

/**
 * None of the secrets in what a user can see: preview and update output, the engine's events (less the
 * debug-severity ones: @pulumi/pulumi itself logs every RegisterResource response, secret outputs in plaintext
 * included, shown only with --debug like `-v=3` engine logs), and the stored state.
 */
function expectNotShown(
  secrets: string[],
  seen: { preview: { stdout: string; stderr: string }; up: { stdout: string; stderr: string }; events: unknown[]; state: string },
) {
  for (const [what, text] of [
    ["preview output", seen.preview.stdout + seen.preview.stderr],
    ["update output", seen.up.stdout + seen.up.stderr],
    ["engine event log", JSON.stringify(seen.events.filter((e) => ((e as EngineEvent).diagnosticEvent?.severity as string | undefined) !== "debug"))],
    ["exported state", seen.state],
  ] as const) {
    for (const secret of secrets) expect(text, what).to.not.contain(secret);
  }
}

describe("UnattendFile on the real engine", function () {
  this.timeout(600_000);

  let tmp: string;
  let file: string;
  let stack: Stack;
  let envVars: Record<string, string>;
  const program =
    (value: 0 | 1, password: pulumi.Input<string> = pulumi.secret(PASSWORD), joinPassword?: string) =>
    async () => {
      const settings: UnattendSettingsInput = {
        generalize: { "Microsoft-Windows-WorkstationService": { AllowInsecureGuestAuth: value } },
        oobeSystem: {
          "Microsoft-Windows-Shell-Setup": {
            UserAccounts: { AdministratorPassword: { Value: password, PlainText: false } },
          },
        },
        // a domain join whose password is a plain string: a credential all the same (the catalog says so)
        ...(joinPassword !== undefined
          ? {
              specialize: {
                "Microsoft-Windows-UnattendedJoin": {
                  Identification: {
                    Credentials: { Domain: "corp.example.com", Username: "svc-join", Password: joinPassword },
                    JoinDomain: "corp.example.com",
                  },
                },
              },
            }
          : {}),
      };
      const unattend = new UnattendFile("engine", { settings, path: file });
      return { xml: unattend.xml, sha256: unattend.sha256, changes: unattend.changes };
    };

  before(async () => {
    const bin = cli.ensureCli();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "unattend-engine-"));
    file = path.join(tmp, "out", "autounattend.xml");
    fs.mkdirSync(path.join(tmp, "state"));
    envVars = {
      ...cli.pulumiEnv(bin),
      PULUMI_BACKEND_URL: `file://${path.join(tmp, "state")}`,
      PULUMI_CONFIG_PASSPHRASE: "engine-test-passphrase",
      PULUMI_HOME: path.join(tmp, "home"),
    };
    // The engine starts the dynamic provider in the work dir: it must resolve this repo's node_modules.
    const workDir = fs.mkdtempSync(path.join(REPO, "build", "engine-work-"));
    stack = await LocalWorkspace.createOrSelectStack(
      { stackName: "engine", projectName: "unattend-engine", program: program(0) },
      {
        workDir,
        envVars,
        pulumiCommand: await PulumiCommand.get({ root: path.dirname(bin), skipVersionCheck: true }),
        projectSettings: { name: "unattend-engine", runtime: "nodejs", backend: { url: envVars.PULUMI_BACKEND_URL } },
      },
    );
  });

  const storedState = () => storedStateIn(path.join(tmp, "state"));
  /** `pulumi stack export` as a user runs it (the Automation API's exportStack adds --show-secrets). */
  const exportedAsUser = (): string => {
    const exported = spawnSync(path.join(envVars.PATH.split(path.delimiter)[0], "pulumi"), ["stack", "export", "--stack", "engine"], {
      cwd: stack.workspace.workDir,
      env: envVars,
      encoding: "utf8",
    });
    expect(exported.status, exported.stderr).to.equal(0);
    expect(exported.stdout).to.contain('"secrets_providers"');
    return exported.stdout;
  };
  const encodedPassword = Buffer.from(PASSWORD + "AdministratorPassword", "utf16le").toString("base64");

  after(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    if (stack) fs.rmSync(stack.workspace.workDir, { recursive: true, force: true });
  });

  it("up renders the file; changes is empty on the first deployment", async () => {
    const up = await stack.up();
    expect(up.summary.result).to.equal("succeeded");
    const xml = up.outputs.xml.value as string;
    expect(fs.readFileSync(file, "utf8")).to.equal(xml);
    expect(xml).to.contain("<AllowInsecureGuestAuth>0</AllowInsecureGuestAuth>");
    const changes = up.outputs.changes.value as { op: string; key: string; new?: unknown }[];
    expect(changes).to.deep.equal([]);
  });

  it("keeps the provider as its path from a checkout (not its code), and the rest of the state within 2 × the XML + 4 KB", () => {
    const exported = exportedAsUser();
    const { resources, bytes } = unattendFileState(exported, "engine");
    expect(resources.map((r) => r.type)).to.deep.equal(["unattend:index:UnattendFile", "pulumi-nodejs:dynamic/unattend:UnattendState"]);
    // this program loads the library from the checkout (build/components): the provider loads it from there by path
    const provider = resources[1].inputs!.__provider as string;
    expect(provider).to.contain(JSON.stringify(path.join(REPO, "build", "components", "pulumi", "state", "provider.js")));
    expect(provider).to.not.contain("renderDocument");
    expect(provider.length).to.be.below(2048); // the module's code was 67 KB (docs/state.md)
    // stored twice (inputs and outputs), as JSON text in the export; installed, it is a require by name (fleet.test.ts)
    const providerBytes = 2 * Buffer.byteLength(JSON.stringify(provider));
    const xmlBytes = fs.statSync(file).size;
    console.log(`      (state: ${bytes} bytes, ${providerBytes} of them the provider's path, for ${xmlBytes} bytes of XML)`);
    expect(bytes - providerBytes).to.be.at.most(stateBudget(xmlBytes));
  });

  it("preview --diff shows exactly the changed setting, one line", async () => {
    stack.workspace.program = program(1);
    const preview = await stack.preview({ diff: true });
    expect(changedLines(preview.stdout)).to.deep.equal([`~ ${KEY}: 0 => 1`]);
    expect(preview.changeSummary.update).to.equal(1);
  });

  it("up applies the change and reports it; a second preview shows no changes", async () => {
    const up = await stack.up();
    expect(up.outputs.changes.value).to.deep.equal([{ op: "change", key: KEY, old: 0, new: 1 }]);
    expect(fs.readFileSync(file, "utf8")).to.contain("<AllowInsecureGuestAuth>1</AllowInsecureGuestAuth>");
    const preview = await stack.preview({ diff: true });
    expect(changedLines(preview.stdout)).to.deep.equal([]);
    expect(preview.changeSummary.update ?? 0).to.equal(0);
    expect(preview.changeSummary.create ?? 0).to.equal(0);
    expect(preview.changeSummary.delete ?? 0).to.equal(0);
  });

  it("refresh notices a file edited outside Pulumi; preview shows the drift and up repairs it", async () => {
    const expected = fs.readFileSync(file, "utf8");
    fs.writeFileSync(file, expected.replace(">1</AllowInsecureGuestAuth>", ">0</AllowInsecureGuestAuth>"));
    await stack.refresh();
    // the inputs that refresh stores keep their secrets encrypted
    expect(storedState()).to.contain("AdministratorPassword").and.not.contain(encodedPassword);
    expect(isCiphertext(childOutputs(exportedAsUser()).applied), "outputs.applied stays encrypted after a refresh").to.equal(true);
    const preview = await stack.preview({ diff: true });
    expect(preview.stdout).to.match(/~ fileState: "modified outside Pulumi" => "written"/);
    expect(preview.changeSummary.update).to.equal(1);
    await stack.up();
    expect(fs.readFileSync(file, "utf8")).to.equal(expected);

    fs.rmSync(file);
    await stack.refresh();
    const again = await stack.preview({ diff: true });
    expect(again.stdout).to.match(/~ fileState: "missing: deleted outside Pulumi" => "written"/);
    await stack.up();
    expect(fs.readFileSync(file, "utf8")).to.equal(expected);
  });

  it("never shows the password in plaintext: exported state, preview and update output, engine event log", async () => {
    const changed = PASSWORD + "-changed";
    const secrets = [PASSWORD, changed].flatMap((p) => [p, Buffer.from(p + "AdministratorPassword", "utf16le").toString("base64")]);
    // the file's digest is a guessing oracle for its password: neither the old file's nor the new one's is shown
    const digestOf = () => crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");
    const digests = [digestOf()];
    stack.workspace.program = program(1, pulumi.secret(changed));
    const events: unknown[] = [];
    const preview = await stack.preview({ diff: true, onEvent: (e) => events.push(e) });
    expect(changedLines(preview.stdout)).to.deep.equal([`~ ${PASSWORD_KEY}: [secret] => [secret]`]);
    const up = await stack.up({ diff: true, onEvent: (e) => events.push(e) });
    expect(up.outputs.changes.value).to.deep.equal([{ op: "change", key: PASSWORD_KEY, old: "[secret]", new: "[secret]" }]);
    // `pulumi stack export` as a user runs it (the Automation API's exportStack adds --show-secrets),
    // and the checkpoint files the file:// backend stores
    const exported = exportedAsUser();
    // the provider's copy of the applied inputs is gzipped: stored encrypted, else a grep could not see a leak in it
    expect(isCiphertext(childOutputs(exported).applied), "outputs.applied is encrypted").to.equal(true);
    expect(isCiphertext(childOutputs(exported).sha256), "outputs.sha256 is encrypted").to.equal(true);
    expect(up.outputs.sha256.secret, "UnattendFile.sha256 is secret").to.equal(true);
    digests.push(digestOf());
    expect(digests[1]).to.not.equal(digests[0]);
    const state = exported + storedState();
    expect(events.length).to.be.greaterThan(10);
    expectNotShown([...secrets, ...digests], { preview, up, events, state });
    const encoded = secrets[3];
    // ...while the file itself holds the obfuscated password, as Windows needs it
    expect(fs.readFileSync(file, "utf8")).to.contain(`<Value>${encoded}</Value>`);
    if (process.platform !== "win32") expect(fs.statSync(file).mode & 0o777).to.equal(0o600);
  });

  it("a password given as plain text never shows either, and makes the file readable by its owner only", async () => {
    const plain = "Plain-Text-Pa55-engine";
    const secrets = [plain, Buffer.from(plain + "AdministratorPassword", "utf16le").toString("base64")];
    stack.workspace.program = program(1, plain);
    const events: unknown[] = [];
    const preview = await stack.preview({ diff: true, onEvent: (e) => events.push(e) });
    // known now, the password is two settings (Value and PlainText) instead of one known at deployment
    expect(preview.stdout).to.match(/\+ oobeSystem\/Microsoft-Windows-Shell-Setup\/UserAccounts\/AdministratorPassword\/Value\s*: \[secret\]/);
    const up = await stack.up({ diff: true, onEvent: (e) => events.push(e) });
    expect(up.outputs.changes.value).to.deep.equal([
      { op: "remove", key: PASSWORD_KEY, old: "[secret]" },
      { op: "add", key: `${PASSWORD_KEY}/PlainText`, new: "false" },
      { op: "add", key: `${PASSWORD_KEY}/Value`, new: "[secret]" },
    ]);
    const exported = exportedAsUser();
    // the provider's copy of the applied inputs is gzipped: stored encrypted, else a grep could not see a leak in it
    expect(isCiphertext(childOutputs(exported).applied), "outputs.applied is encrypted").to.equal(true);
    const state = exported + storedState();
    expectNotShown(secrets, { preview, up, events, state });
    expect(fs.readFileSync(file, "utf8")).to.contain(`<Value>${secrets[1]}</Value>`);
    if (process.platform !== "win32") expect(fs.statSync(file).mode & 0o777).to.equal(0o600);
  });

  it("a domain-join password given as a plain string never shows: state, preview, up output, event log; the file is 0600", async () => {
    const join = "Join-Plain-Pa55-engine";
    stack.workspace.program = program(1, "Plain-Text-Pa55-engine", join);
    const events: unknown[] = [];
    const preview = await stack.preview({ diff: true, onEvent: (e) => events.push(e) });
    expect(preview.stdout).to.match(/\+ specialize\/Microsoft-Windows-UnattendedJoin\/Identification\/Credentials\/Password\s*: \[secret\]/);
    const up = await stack.up({ diff: true, onEvent: (e) => events.push(e) });
    expect(up.outputs.changes.value).to.deep.include({
      op: "add",
      key: "specialize/Microsoft-Windows-UnattendedJoin/Identification/Credentials/Password",
      new: "[secret]",
    });
    const state = exportedAsUser() + storedState();
    expectNotShown([join], { preview, up, events, state });
    expect(fs.readFileSync(file, "utf8")).to.contain(`<Password>${join}</Password>`);
    if (process.platform !== "win32") expect(fs.statSync(file).mode & 0o777).to.equal(0o600);
  });

  it("an SNMP community and a product key under unvalidated never show, nor the file's digest: preview/up --diff, export", async () => {
    const communityStack = await LocalWorkspace.createOrSelectStack(
      { stackName: "engine-community", projectName: "unattend-engine", program: async () => ({}) },
      { workDir: stack.workspace.workDir, envVars, pulumiCommand: stack.workspace.pulumiCommand },
    );
    const communityProgram = (community: string, key: string) => async () => {
      const unattend = new UnattendFile("community", {
        settings: {
          specialize: { "Microsoft-Windows-SNMP-Agent-Service": { ValidCommunities: [{ "wcm:keyValue": community, value: 4 }] } },
        } as UnattendSettingsInput,
        unvalidated: { specialize: { "Contoso-Agent": { ProductKey: { "wcm:action": "add", value: key } } } },
      });
      return { xml: unattend.xml, sha256: unattend.sha256 };
    };
    const digest = (xml: string) => crypto.createHash("sha256").update(xml, "utf8").digest("hex");
    try {
      communityStack.workspace.program = communityProgram("CorpCommunityS3cret", "PK-ENGINE-SECRET-1");
      const first = await communityStack.up();
      communityStack.workspace.program = communityProgram("NewCommunityS3cret", "PK-ENGINE-SECRET-2");
      const events: unknown[] = [];
      const preview = await communityStack.preview({ diff: true, onEvent: (e) => events.push(e) });
      const up = await communityStack.up({ diff: true, onEvent: (e) => events.push(e) });
      expect(up.outputs.xml.secret, "xml is secret").to.equal(true);
      expect(up.outputs.xml.value).to.contain('wcm:keyValue="NewCommunityS3cret"');
      const secrets = ["CorpCommunityS3cret", "NewCommunityS3cret", "PK-ENGINE-SECRET-1", "PK-ENGINE-SECRET-2"];
      const digests = [digest(first.outputs.xml.value as string), digest(up.outputs.xml.value as string)];
      const exported = spawnSync(path.join(envVars.PATH.split(path.delimiter)[0], "pulumi"), ["stack", "export", "--stack", "engine-community"], {
        cwd: stack.workspace.workDir,
        env: envVars,
        encoding: "utf8",
      });
      expect(exported.status, exported.stderr).to.equal(0);
      expectNotShown([...secrets, ...digests], { preview, up, events, state: exported.stdout + storedState() });
      await communityStack.destroy();
    } finally {
      await communityStack.workspace.removeStack("engine-community", { force: true });
    }
  });

  it("a failed up names the resource and every error, with no stack trace", async () => {
    const invalid = await LocalWorkspace.createOrSelectStack(
      {
        stackName: "engine-invalid",
        projectName: "unattend-engine",
        program: async () => {
          const settings = {
            specialize: { "Microsoft-Windows-WorkstationService": { AllowInsecureGuestAuth: 1 } },
          } as unknown as UnattendSettingsInput;
          new UnattendFile("invalid", { settings });
        },
      },
      { workDir: stack.workspace.workDir, envVars, pulumiCommand: stack.workspace.pulumiCommand },
    );
    let failure = "";
    try {
      await invalid.up();
    } catch (e) {
      failure = (e as Error).message;
    }
    // what the CLI prints, under Diagnostics: our diagnostic alone (no "error serializing property" of the SDK's)
    expect(failure).to.contain("unattend:index:UnattendFile (invalid):");
    expect(failure).to.not.contain("serializ");
    expect(failure).to.match(
      /error: UnattendFile "invalid": 1 error in the unattend settings:\n\s+- settings\.specialize\["Microsoft-Windows-WorkstationService"\]\.AllowInsecureGuestAuth: "AllowInsecureGuestAuth" is not valid in the specialize pass; it is valid only in "generalize"\. Move it to settings\.generalize\. \[wrong-pass\]/,
    );
    expect(failure).to.not.match(/^\s+at /m);
    await invalid.destroy();
    await invalid.workspace.removeStack("engine-invalid");
  });

  it("destroy leaves a file edited since Pulumi wrote it, with a warning", async () => {
    fs.appendFileSync(file, "<!-- edited by hand -->\n");
    const destroy = await stack.destroy();
    expect(fs.readFileSync(file, "utf8")).to.contain("<!-- edited by hand -->");
    expect(destroy.stdout).to.contain(`warning: left ${file} in place: modified outside Pulumi since Pulumi wrote it`);
    fs.rmSync(file);
  });

  it("destroy removes the file it wrote", async () => {
    await stack.up();
    expect(fs.existsSync(file)).to.equal(true);
    await stack.destroy();
    expect(fs.existsSync(file)).to.equal(false);
    await stack.workspace.removeStack("engine");
  });
});
