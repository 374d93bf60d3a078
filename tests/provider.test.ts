import { expect } from "chai";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import requireFromString from "require-from-string";
import { renderUnattend, type UnattendDocument } from "../components";
import { flattenDocument } from "../components/flatten";
import { normalize } from "../components/normalize";
import {
  FILE_MISSING,
  FILE_MODIFIED,
  FILE_WRITTEN,
  unattendStateProvider,
  type StateInputs,
  type StateOutputs,
} from "../components/stateProvider";

const WS = "Microsoft-Windows-WorkstationService";

/** The inputs UnattendFile gives its state resource, for a plain document. */
function inputsFor(doc: UnattendDocument, extra: Partial<StateInputs> = {}): StateInputs {
  const normal = normalize(doc);
  const flat = flattenDocument(normal);
  const inputs: StateInputs = { architectures: [...new Set(normal.architectures)], layout: flat.layout, secretKeys: [], ...extra };
  for (const e of flat.entries) inputs[e.key] = e.value;
  return inputs;
}

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

  it("flattens to one input per setting", () => {
    const inputs = inputsFor(doc(1));
    expect(Object.keys(inputs).filter((k) => k.includes("/"))).to.deep.equal([
      "generalize/Microsoft-Windows-WorkstationService/AllowInsecureGuestAuth",
    ]);
    expect(inputs["generalize/Microsoft-Windows-WorkstationService/AllowInsecureGuestAuth"]).to.equal(1);
  });

  it("create renders the same XML as renderUnattend and writes it atomically into new folders", async () => {
    const file = path.join(dir, "a", "b", "unattend.xml");
    for (const architectures of [["amd64"], ["x86", "amd64", "arm64"]] as const) {
      const { id, outs } = await unattendStateProvider.create(inputsFor(doc(1, [...architectures]), { path: file }));
      expect(id).to.be.a("string").and.not.equal("");
      expect(outs.xml).to.equal(renderUnattend(doc(1, [...architectures])));
      expect(fs.readFileSync(file, "utf8")).to.equal(outs.xml);
      expect(fs.readdirSync(path.dirname(file))).to.deep.equal(["unattend.xml"]); // no temporary file left
      expect(outs.changes).to.deep.equal([
        { op: "add", key: "generalize/Microsoft-Windows-WorkstationService/AllowInsecureGuestAuth", new: 1 },
      ]);
    }
  });

  it("update rewrites the file, reports what changed and moves the file when the path changes", async () => {
    const first = path.join(dir, "first.xml");
    const second = path.join(dir, "sub", "second.xml");
    const { outs } = await unattendStateProvider.create(inputsFor(doc(0), { path: first }));
    const updated = await unattendStateProvider.update!("id", outs as StateOutputs, inputsFor(doc(1), { path: first }));
    expect(fs.readFileSync(first, "utf8")).to.contain("<AllowInsecureGuestAuth>1</AllowInsecureGuestAuth>");
    expect(updated.outs.changes).to.deep.equal([
      { op: "change", key: "generalize/Microsoft-Windows-WorkstationService/AllowInsecureGuestAuth", old: 0, new: 1 },
    ]);
    await unattendStateProvider.update!("id", updated.outs as StateOutputs, inputsFor(doc(1), { path: second }));
    expect(fs.existsSync(first)).to.equal(false);
    expect(fs.existsSync(second)).to.equal(true);
  });

  it("masks secret keys in changes", async () => {
    const key = "generalize/Microsoft-Windows-WorkstationService/AllowInsecureGuestAuth";
    const { outs } = await unattendStateProvider.create(inputsFor(doc(0), { secretKeys: [key] }));
    const updated = await unattendStateProvider.update!("id", outs as StateOutputs, inputsFor(doc(1), { secretKeys: [key] }));
    expect(updated.outs.changes).to.deep.equal([{ op: "change", key, old: "[secret]", new: "[secret]" }]);
  });

  it("read reports a file edited or deleted outside Pulumi, as an input so the next preview shows it", async () => {
    const file = path.join(dir, "unattend.xml");
    const { id, outs } = await unattendStateProvider.create(inputsFor(doc(1), { path: file, fileState: FILE_WRITTEN }));
    let read = await unattendStateProvider.read!(id, outs);
    expect(read.props.fileState).to.equal(FILE_WRITTEN);

    fs.writeFileSync(file, "<unattend/>");
    read = await unattendStateProvider.read!(id, outs);
    expect(read.props.fileState).to.equal(FILE_MODIFIED);
    expect(read.inputs.fileState).to.equal(FILE_MODIFIED);
    expect(read.inputs).to.not.have.any.keys("xml", "sha256", "changes");

    fs.rmSync(file);
    read = await unattendStateProvider.read!(id, outs);
    expect(read.props.fileState).to.equal(FILE_MISSING);
  });

  it("delete removes the file, and tolerates it being gone already", async () => {
    const file = path.join(dir, "unattend.xml");
    const { outs } = await unattendStateProvider.create(inputsFor(doc(1), { path: file }));
    await unattendStateProvider.delete!("id", outs);
    expect(fs.existsSync(file)).to.equal(false);
    await unattendStateProvider.delete!("id", outs);
  });

  it("serialises as Pulumi serialises dynamic providers, and the serialised form works", async function () {
    this.timeout(60_000);
    const sf = await pulumi.runtime.serializeFunction(() => unattendStateProvider, { allowSecrets: true });
    // nothing machine-specific in the stack: no absolute paths of this checkout
    expect(sf.text).to.not.contain(path.resolve(__dirname, "..", ".."));
    // the catalog stays out of the provider's code
    expect(sf.text).to.not.contain("AllowInsecureGuestAuth");
    const provider = requireFromString(sf.text).handler() as typeof unattendStateProvider;
    const file = path.join(dir, "serialised.xml");
    const { outs } = await provider.create(inputsFor(doc(1), { path: file }));
    expect(fs.readFileSync(file, "utf8")).to.equal(renderUnattend(doc(1)));
    expect(outs.sha256).to.match(/^[0-9a-f]{64}$/);
  });
});
