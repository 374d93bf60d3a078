import { expect } from "chai";
import fc from "fast-check";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import requireFromString from "require-from-string";
import { renderUnattend, type UnattendDocument } from "../components";
import { flattenDocument, type FlatValue } from "../components/core/flatten";
import { normalize } from "../components/core/normalize";
import {
  FILE_MISSING,
  FILE_MODIFIED,
  FILE_NOT_A_FILE,
  FILE_WRITTEN,
  STATE_VERSION,
  inputsOf,
  pack,
  readInputs,
  unpack,
  type StateExtra,
  type StateInputs,
} from "../components/pulumi/state/format";
import * as provider from "../components/pulumi/state/provider";
import { servedState } from "../components/pulumi/state/served";
import { readV0 } from "../components/pulumi/state/v0";
import { v0Inputs, v0Outputs } from "./fixtures/state-v0/v0";
import { REPO } from "./helpers";
import { unwrapSecrets } from "./mocks";

const WS = "Microsoft-Windows-WorkstationService";
const SHELL = "Microsoft-Windows-Shell-Setup";
const KEY = `generalize/${WS}/AllowInsecureGuestAuth`;

/** The inputs UnattendFile gives its state resource, for a plain document. */
function inputsFor(doc: UnattendDocument, extra: Partial<StateInputs> = {}): Record<string, unknown> {
  const normal = normalize(doc);
  const flat = flattenDocument(normal);
  const settings: Record<string, FlatValue> = {};
  for (const e of flat.entries) settings[e.key] = e.value!;
  const extras: StateExtra[] = normal.extras.map((e) => ({ xml: e.xml }));
  return {
    stateVersion: STATE_VERSION,
    settings,
    layout: JSON.stringify(flat.layout),
    architectures: [...new Set(normal.architectures)],
    ...(extras.length ? { extras } : {}),
    ...extra,
  };
}

type Props = Record<string, unknown>;

/** What the provider printed to stderr (its warnings) while `fn` ran. */
async function stderrOf(fn: () => Promise<unknown>): Promise<string> {
  const original = console.error;
  let text = "";
  console.error = (...args: unknown[]) => {
    text += args.join(" ") + "\n";
  };
  try {
    await fn();
  } finally {
    console.error = original;
  }
  return text;
}

const modeOf = (file: string) => fs.statSync(file).mode & 0o777;

describe("UnattendState provider", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "unattend-provider-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const doc = (v: 0 | 1, architectures: UnattendDocument["architectures"] = ["amd64"]): UnattendDocument => ({
    settings: { generalize: { [WS]: { AllowInsecureGuestAuth: v } } },
    architectures,
  });
  const withPassword = (password: string): UnattendDocument => ({
    settings: { ...doc(1).settings, oobeSystem: { [SHELL]: { UserAccounts: { AdministratorPassword: password } } } },
  });

  it("stores one entry per setting under `settings`, with word keys and a state version", () => {
    const inputs = inputsFor(doc(1));
    expect(inputs.settings).to.deep.equal({ [KEY]: 1 });
    // the layout as JSON text: stored on one line
    expect(inputs.layout).to.equal(
      '[{"pass":"generalize","component":"Microsoft-Windows-WorkstationService","elements":["AllowInsecureGuestAuth"]}]',
    );
    expect(inputs.stateVersion).to.equal(1);
  });

  it("create renders the same XML as renderUnattend and writes it into new folders; outputs hold only what is read", async () => {
    const file = path.join(dir, "a", "b", "unattend.xml");
    for (const architectures of [["amd64"], ["x86", "amd64", "arm64"]] as const) {
      const { id, outs } = await provider.create(inputsFor(doc(1, [...architectures]), { path: file }));
      expect(id).to.be.a("string").and.not.equal("");
      const xml = renderUnattend(doc(1, [...architectures]));
      expect(fs.readFileSync(file, "utf8")).to.equal(xml);
      expect(fs.readdirSync(path.dirname(file))).to.deep.equal(["unattend.xml"]); // no temporary file left
      expect(Object.keys(outs).sort()).to.deep.equal(["applied", "changes", "fileState", "path", "sha256", "stateVersion"]);
      expect(outs.changes).to.deep.equal([]); // the first deployment: nothing to compare with
      expect(unpack(outs.applied).settings).to.deep.equal({ [KEY]: 1 });
    }
  });

  it("writes a file holding a password readable by its owner only, else 0644 or the mode of the file it replaces", async function () {
    if (process.platform === "win32") this.skip();
    const plain = path.join(dir, "plain.xml");
    await provider.create(inputsFor(doc(1), { path: plain }));
    expect(modeOf(plain)).to.equal(0o644);
    fs.chmodSync(plain, 0o640);
    await provider.create(inputsFor(doc(0), { path: plain }));
    expect(modeOf(plain)).to.equal(0o640);

    const secret = path.join(dir, "secret.xml");
    fs.writeFileSync(secret, "old", { mode: 0o644 });
    await provider.create(inputsFor(withPassword("plain-text-pw"), { path: secret }));
    expect(modeOf(secret)).to.equal(0o600);
    expect(fs.readFileSync(secret, "utf8")).to.contain("<Value>plain-text-pw</Value>");
  });

  it("a value marked secret (a secret input) also makes the file owner-only", async function () {
    if (process.platform === "win32") this.skip();
    const file = path.join(dir, "secret-input.xml");
    const inputs = inputsFor(doc(1), { path: file });
    inputs.layout = JSON.stringify([{ pass: "generalize", component: WS, elements: [{ name: "AllowInsecureGuestAuth", secret: true }] }]);
    await provider.create(inputs);
    expect(modeOf(file)).to.equal(0o600);
    const extras = inputsFor(doc(1), { path: path.join(dir, "secret-extras.xml") });
    extras.extras = [{ xml: '<x:a xmlns:x="urn:x"/>', secret: true }];
    await provider.create(extras);
    expect(modeOf(path.join(dir, "secret-extras.xml"))).to.equal(0o600);
  });

  it("replaces a symbolic link at the path instead of writing through it", async function () {
    if (process.platform === "win32") this.skip();
    const target = path.join(dir, "elsewhere.txt");
    fs.writeFileSync(target, "not ours");
    const file = path.join(dir, "unattend.xml");
    fs.symlinkSync(target, file);
    await provider.create(inputsFor(doc(1), { path: file }));
    expect(fs.readFileSync(target, "utf8")).to.equal("not ours");
    expect(fs.lstatSync(file).isSymbolicLink()).to.equal(false);
  });

  it("update rewrites the file, reports what changed, and moves the file when the path changes", async () => {
    const first = path.join(dir, "first.xml");
    const second = path.join(dir, "sub", "second.xml");
    const { outs } = await provider.create(inputsFor(doc(0), { path: first }));
    const updated = await provider.update("id", outs as unknown as Props, inputsFor(doc(1), { path: first }));
    expect(fs.readFileSync(first, "utf8")).to.contain("<AllowInsecureGuestAuth>1</AllowInsecureGuestAuth>");
    expect(updated.outs.changes).to.deep.equal([{ op: "change", key: KEY, old: 0, new: 1 }]);
    await provider.update("id", updated.outs as unknown as Props, inputsFor(doc(1), { path: second }));
    expect(fs.existsSync(first)).to.equal(false);
    expect(fs.existsSync(second)).to.equal(true);
  });

  it("moving the file leaves the old one in place, with a warning, when it was edited since", async () => {
    const first = path.join(dir, "first.xml");
    const { outs } = await provider.create(inputsFor(doc(0), { path: first }));
    fs.appendFileSync(first, "<!-- edited by hand -->\n");
    const printed = await stderrOf(() => provider.update("id", outs as unknown as Props, inputsFor(doc(0), { path: path.join(dir, "second.xml") })));
    expect(fs.readFileSync(first, "utf8")).to.contain("edited by hand");
    expect(printed).to.contain(`warning: left ${first} in place (${FILE_MODIFIED})`);
  });

  it("a failed write keeps the old file whole and leaves no temporary file", async () => {
    const file = path.join(dir, "unattend.xml");
    const { outs } = await provider.create(inputsFor(doc(0), { path: file }));
    const before = fs.readFileSync(file, "utf8");
    // an unwritable new path (its folder is a file): the update fails, the old file stays
    const blocked = path.join(dir, "not-a-folder");
    fs.writeFileSync(blocked, "");
    let failed: unknown;
    try {
      await provider.update("id", outs as unknown as Props, inputsFor(doc(1), { path: path.join(blocked, "unattend.xml") }));
    } catch (e) {
      failed = e;
    }
    expect(failed).to.be.instanceOf(Error);
    expect(fs.readFileSync(file, "utf8")).to.equal(before);
    // a write that fails after the temporary file exists (the target is a folder): nothing left behind
    const folder = path.join(dir, "folder.xml");
    fs.mkdirSync(folder);
    failed = undefined;
    try {
      await provider.create(inputsFor(doc(1), { path: folder }));
    } catch (e) {
      failed = e;
    }
    expect(String(failed)).to.contain(`${folder} is a folder`);
    expect(fs.readdirSync(dir).sort()).to.deep.equal(["folder.xml", "not-a-folder", "unattend.xml"]);
  });

  it("masks secret values in changes", async () => {
    const secret = (v: 0 | 1) => ({
      ...inputsFor(doc(v)),
      layout: JSON.stringify([{ pass: "generalize", component: WS, elements: [{ name: "AllowInsecureGuestAuth", secret: true }] }]),
    });
    const { outs } = await provider.create(secret(0));
    const updated = await provider.update("id", outs as unknown as Props, secret(1));
    expect(updated.outs.changes).to.deep.equal([{ op: "change", key: KEY, old: "[secret]", new: "[secret]" }]);
    // a password given as plain text, added and then changed
    const added = await provider.update("id", outs as unknown as Props, inputsFor(withPassword("pw-in-changes")));
    expect(added.outs.changes).to.deep.include({ op: "add", key: `oobeSystem/${SHELL}/UserAccounts/AdministratorPassword/Value`, new: "[secret]" });
    const changed = await provider.update("id", added.outs as unknown as Props, inputsFor(withPassword("pw-changed")));
    expect(changed.outs.changes).to.deep.equal([
      { op: "change", key: `oobeSystem/${SHELL}/UserAccounts/AdministratorPassword/Value`, old: "[secret]", new: "[secret]" },
    ]);
    expect(JSON.stringify([added.outs.changes, changed.outs.changes]))
      .to.not.contain("pw-in-changes")
      .and.not.contain("pw-changed");
  });

  it("read reports a file edited, deleted or replaced by a folder, as an input so the next preview shows it", async () => {
    const file = path.join(dir, "unattend.xml");
    const inputs = inputsFor(doc(1), { path: file, fileState: FILE_WRITTEN });
    const { id, outs } = await provider.create(inputs);
    let read = await provider.read(id, outs as unknown as Props);
    expect(read.props.fileState).to.equal(FILE_WRITTEN);
    expect(read.inputs).to.deep.equal(inputs);

    fs.writeFileSync(file, "<unattend/>");
    read = await provider.read(id, outs as unknown as Props);
    expect(read.props.fileState).to.equal(FILE_MODIFIED);
    expect(read.inputs).to.deep.equal({ ...inputs, fileState: FILE_MODIFIED });

    fs.rmSync(file);
    read = await provider.read(id, outs as unknown as Props);
    expect(read.props.fileState).to.equal(FILE_MISSING);
    fs.mkdirSync(file);
    read = await provider.read(id, outs as unknown as Props);
    expect(read.props.fileState).to.equal(FILE_NOT_A_FILE);
  });

  it("delete removes the file only while it holds what Pulumi wrote, else leaves it with a warning", async () => {
    const file = path.join(dir, "unattend.xml");
    const { outs } = await provider.create(inputsFor(doc(1), { path: file }));
    await provider.delete("id", outs as unknown as Props);
    expect(fs.existsSync(file)).to.equal(false);
    await provider.delete("id", outs as unknown as Props); // gone already: fine

    const again = await provider.create(inputsFor(doc(1), { path: file }));
    fs.appendFileSync(file, "<!-- mine -->\n");
    const printed = await stderrOf(() => provider.delete("id", again.outs as unknown as Props));
    expect(fs.readFileSync(file, "utf8")).to.contain("<!-- mine -->");
    expect(printed).to.equal(`warning: left ${file} in place: ${FILE_MODIFIED} since Pulumi wrote it\n`);

    fs.rmSync(file);
    fs.mkdirSync(file);
    const folder = await stderrOf(() => provider.delete("id", again.outs as unknown as Props));
    expect(folder).to.contain(FILE_NOT_A_FILE);
    expect(fs.statSync(file).isDirectory()).to.equal(true);
  });

  it("diff: no change for the same state, whatever its format; else the engine compares the inputs", async () => {
    const inputs = inputsFor(doc(1));
    const { outs } = await provider.create(inputs);
    expect(await provider.diff("id", outs as unknown as Props, inputsFor(doc(1)))).to.deep.equal({ changes: false });
    expect(await provider.diff("id", outs as unknown as Props, inputsFor(doc(0)))).to.deep.equal({});
    // keys in any order, as the engine hands them back
    const reversed = JSON.parse(
      JSON.stringify(inputs, (_k, v) => (v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v)),
    );
    expect(await provider.diff("id", outs as unknown as Props, reversed)).to.deep.equal({ changes: false });
    // a value not known yet (preview)
    expect(await provider.diff("id", outs as unknown as Props, { ...inputs, layout: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" })).to.deep.equal({});
    expect(await provider.diff("id", outs as unknown as Props, { ...inputs, settings: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" })).to.deep.equal({});
    // the same document in the v0 format
    const normal = normalize(doc(1));
    const v0 = v0Outputs(v0Inputs(normal), renderUnattend(doc(1)), "x");
    expect(await provider.diff("id", v0, inputsFor(doc(1)))).to.deep.equal({ changes: false });
    expect(await provider.diff("id", v0, inputsFor(doc(0)))).to.deep.equal({});
  });

  it("reads any v0 state of a document as the same state as v1 (property)", () => {
    const value = fc.oneof(fc.constantFrom(0, 1), fc.string({ maxLength: 8 }));
    const item = fc.record({
      Path: fc.string({ minLength: 1, maxLength: 12 }),
      Description: fc.option(fc.string({ maxLength: 6 }), { nil: undefined }),
    });
    const settings = fc.record(
      {
        generalize: fc.record({ [WS]: fc.record({ AllowInsecureGuestAuth: fc.constantFrom(0, 1) }) }),
        specialize: fc.record(
          {
            [SHELL]: fc.record(
              { ComputerName: fc.string({ minLength: 1, maxLength: 15 }), TimeZone: fc.constantFrom("UTC", "W. Europe Standard Time") },
              { requiredKeys: [] },
            ),
            "Microsoft-Windows-Deployment": fc.record({ RunSynchronous: fc.array(item, { minLength: 1, maxLength: 3 }) }),
          },
          { requiredKeys: [] },
        ),
        oobeSystem: fc.record({
          [SHELL]: fc.record({
            UserAccounts: fc.record({ AdministratorPassword: fc.record({ Value: fc.string({ maxLength: 10 }), PlainText: fc.boolean() }) }),
          }),
        }),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(
        settings,
        fc.subarray(["x86", "amd64", "arm64"] as const, { minLength: 1 }),
        fc.option(fc.record({ "Microsoft-Windows-Contoso": fc.record({ Future: value, Nothing: fc.constant(null) }) }), { nil: undefined }),
        fc.boolean(),
        (s, architectures, unvalidated, perArch) => {
          const document = {
            settings: s,
            architectures: [...architectures],
            ...(unvalidated ? { unvalidated: { specialize: unvalidated } } : {}),
            ...(perArch
              ? { perArchitecture: { [architectures[0]]: { specialize: { "Microsoft-Windows-International-Core": { UILanguage: "en-US" } } } } }
              : {}),
            extras: [{ xml: '<cpi:offlineImage xmlns:cpi="urn:schemas-microsoft-com:cpi" cpi:source="wim:c:/i.wim#x"/>' }],
          } as unknown as UnattendDocument;
          const normal = normalize(document);
          const file = path.join(dir, "p.xml");
          const v0 = readV0(v0Inputs(normal, { path: file, extras: document.extras }));
          const v1 = readInputs(inputsFor(document, { path: file, fileState: FILE_WRITTEN }));
          expect(v0).to.deep.equal(v1);
          // and the provider's packed copy (`applied`) gives back the same settings
          const { settings: st, layout, architectures: ar, extras } = v1;
          expect(unpack(pack(v1))).to.deep.equal({ settings: st, layout, architectures: ar, extras });
        },
      ),
      { numRuns: 200 },
    );
  });

  it("reads back every input it was given (inputsOf)", () => {
    const inputs = inputsFor(doc(1), { path: "/x/y.xml", fileState: FILE_WRITTEN });
    expect(inputsOf(readInputs(inputs))).to.deep.equal(inputs);
  });

  it("serialises from a checkout as code that works, with nothing machine-specific and no catalog", async function () {
    this.timeout(60_000);
    const sf = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
    expect(sf.text).to.not.contain(REPO);
    expect(sf.text).to.not.contain("AllowInsecureGuestAuth");
    const loaded = requireFromString(sf.text).handler() as typeof provider;
    const file = path.join(dir, "serialised.xml");
    const { outs } = await loaded.create(inputsFor(doc(1), { path: file }));
    expect(fs.readFileSync(file, "utf8")).to.equal(renderUnattend(doc(1)));
    expect(outs.sha256).to.match(/^[0-9a-f]{64}$/);
  });

  it("serialises by name when loaded from node_modules: the stack holds a require of the package, not its code", async function () {
    this.timeout(60_000);
    // the package as users install it: package.json and the built library in node_modules (under the
    // repository, so that its own dependencies resolve from the repository's node_modules)
    const project = fs.mkdtempSync(path.join(REPO, "build", "byname-"));
    try {
      // a project of its own (else Node resolves "pulumi-unattend" to this repository itself)
      fs.writeFileSync(path.join(project, "package.json"), '{ "name": "byname-test", "private": true }\n');
      const pkg = path.join(project, "node_modules", "pulumi-unattend");
      fs.mkdirSync(pkg, { recursive: true });
      fs.copyFileSync(path.join(REPO, "package.json"), path.join(pkg, "package.json"));
      fs.cpSync(path.join(REPO, "build", "components"), path.join(pkg, "lib"), { recursive: true });
      const installed = require(path.join(pkg, "lib", "pulumi", "state", "provider.js")) as typeof provider;
      const sf = await pulumi.runtime.serializeFunction(() => installed, { allowSecrets: true });
      expect(sf.text).to.match(/require\("pulumi-unattend\/(provider|lib\/pulumi\/state\/provider\.js)"\)/);
      expect(sf.text).to.not.contain("renderDocument");
      expect(Buffer.byteLength(sf.text)).to.be.below(1024);
      // and it loads from the program's folder, as the dynamic-provider plugin loads it
      const loaded = requireFromString(sf.text, path.join(project, "provider.js")).handler() as typeof provider;
      const file = path.join(dir, "by-name.xml");
      await loaded.create(inputsFor(doc(1), { path: file }));
      expect(fs.readFileSync(file, "utf8")).to.equal(renderUnattend(doc(1)));
    } finally {
      fs.rmSync(project, { recursive: true, force: true });
    }
  });
});

describe("UnattendState as the package's resource (servedState: plugin/index.js's provider methods)", () => {
  const URN = "urn:pulumi:dev::p::unattend:index:UnattendFile$unattend:index:UnattendState::answer-state";
  const PASSWORD = "served-Tr0ub4dor";
  const PASSWORD_KEY = `oobeSystem/${SHELL}/UserAccounts/AdministratorPassword/Value`;
  const secret = (value: unknown) => ({ [pulumi.runtime.specialSigKey]: pulumi.runtime.specialSecretSig, value });
  const isSecret = (v: unknown) => pulumi.runtime.isRpcSecret(v);
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "unattend-served-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const document = (v: 0 | 1): UnattendDocument => ({
    settings: { generalize: { [WS]: { AllowInsecureGuestAuth: v } }, oobeSystem: { [SHELL]: { UserAccounts: { AdministratorPassword: PASSWORD } } } },
  });
  /** The inputs as the engine hands them to a provider that accepts secrets: the password and the path wrapped. */
  const engineInputs = (v: 0 | 1, file: string): Props => {
    const inputs = inputsFor(document(v));
    const settings = inputs.settings as Props;
    return {
      ...inputs,
      settings: Object.fromEntries(Object.entries(settings).map(([k, x]) => [k, k === PASSWORD_KEY ? secret(x) : x])),
      extras: secret([{ xml: '<x:a xmlns:x="urn:x"/>', secret: true }]),
      path: secret(file),
      fileState: secret(FILE_WRITTEN),
    };
  };

  it("create and update take secrets wrapped, write the file as the dynamic provider does, and mark their outputs secret", async () => {
    const file = path.join(dir, "unattend.xml");
    const { id, outs } = await servedState.create(URN, engineInputs(1, file));
    expect(fs.readFileSync(file, "utf8")).to.contain(`<Value>${PASSWORD}</Value>`).and.contain("<x:a");
    const dynamic = await provider.create(unwrapSecrets(engineInputs(1, path.join(dir, "dynamic.xml"))) as Props);
    expect(fs.readFileSync(file, "utf8")).to.equal(fs.readFileSync(path.join(dir, "dynamic.xml"), "utf8"));
    if (process.platform !== "win32") expect(modeOf(file)).to.equal(0o600);
    // always secret: applied and sha256; as their inputs: path and fileState; the rest as it is
    for (const key of ["applied", "sha256", "path", "fileState"]) expect(isSecret(outs[key]), key).to.equal(true);
    expect(outs.stateVersion).to.equal(1);
    expect(outs.changes).to.deep.equal([]);
    expect(unwrapSecrets(outs)).to.deep.equal({ ...dynamic.outs, path: file });

    const updated = await servedState.update(id, URN, outs, engineInputs(0, file));
    expect(fs.readFileSync(file, "utf8")).to.contain("<AllowInsecureGuestAuth>0</AllowInsecureGuestAuth>");
    expect(updated.outs!.changes).to.deep.equal([{ op: "change", key: KEY, old: 1, new: 0 }]);
    for (const key of ["applied", "sha256", "path", "fileState"]) expect(isSecret(updated.outs![key]), key).to.equal(true);
  });

  it("diff: no change for the same state given wrapped, else the engine compares the inputs", async () => {
    const file = path.join(dir, "unattend.xml");
    const { id, outs } = await servedState.create(URN, engineInputs(1, file));
    expect(await servedState.diff(id, URN, outs, engineInputs(1, file))).to.deep.equal({ changes: false });
    expect(await servedState.diff(id, URN, outs, engineInputs(0, file))).to.deep.equal({});
    // a stack written with the dynamic resource: its outputs, its provider's code among them
    const dynamic = await provider.create(unwrapSecrets(engineInputs(1, file)) as Props);
    expect(await servedState.diff(id, URN, { ...dynamic.outs, __provider: "exports.handler = ..." }, engineInputs(1, file))).to.deep.equal({
      changes: false,
    });
    expect(await servedState.check(URN, {}, engineInputs(1, file))).to.deep.equal({ inputs: engineInputs(1, file) });
  });

  it("read reports the file's state with the inputs secret as the program gives them, and drops a dynamic provider's code", async () => {
    const file = path.join(dir, "unattend.xml");
    const { id, outs } = await servedState.create(URN, engineInputs(1, file));
    fs.appendFileSync(file, "<!-- edited -->");
    const read = await servedState.read(id, URN, { ...outs, __provider: "exports.handler = ..." });
    expect(read.props).to.not.have.property("__provider");
    expect(unwrapSecrets(read.props.fileState)).to.equal(FILE_MODIFIED);
    for (const key of ["applied", "sha256", "path", "fileState"]) expect(isSecret(read.props[key]), key).to.equal(true);
    const inputs = read.inputs!;
    const settings = inputs.settings as Props;
    // the password (its layout element is secret) and the extras wrapped, the other settings not
    expect(Object.keys(settings).filter((k) => isSecret(settings[k]))).to.deep.equal([PASSWORD_KEY]);
    expect(isSecret(inputs.extras) && isSecret(inputs.path) && isSecret(inputs.fileState)).to.equal(true);
    expect(unwrapSecrets(inputs)).to.deep.equal({ ...(unwrapSecrets(engineInputs(1, file)) as Props), fileState: FILE_MODIFIED });
    // the password nowhere but in a secret
    const masked = JSON.stringify(read, (_k, v: unknown) => (isSecret(v) ? "[secret]" : v));
    expect(masked).to.not.contain(PASSWORD);
  });

  it("delete removes the file it wrote, given its outputs wrapped", async () => {
    const file = path.join(dir, "unattend.xml");
    const { id, outs } = await servedState.create(URN, engineInputs(1, file));
    await servedState.delete(id, URN, outs);
    expect(fs.existsSync(file)).to.equal(false);
  });
});
