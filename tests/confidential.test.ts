/**
 * The confidentiality policy (components/core/confidential.ts) and every surface
 * that uses it: nothing confidential, nor anything derived from it (a digest,
 * its base64, a key naming it), in messages, `changes`, state, or CLI output.
 * Issue 18, "Confidential values that leak". Fixtures: tests/hostile/confidential-moved.xml
 * (confidential values where the parser moves them under `unvalidated`) and
 * tests/hostile/merge-secret-{a,b}.xml (two files setting them differently).
 */
import { expect } from "chai";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import fc from "fast-check";
import * as pulumi from "@pulumi/pulumi";
import { mergeUnattend, parseUnattend, renderUnattend, validateUnattend, type UnattendDocument } from "../components";
import { mergeLayerInputs } from "../components/pulumi/layers";
import { analyze } from "../components/core/document";
import { findChild, findComponent } from "../components/catalog";
import { CONFIDENTIAL_NAME, HIDDEN, MASK, isConfidentialDef, isConfidentialElement, isConfidentialName } from "../components/core/confidential";
import { diffFlat, flattenDocument, type FlatValue } from "../components/core/flatten";
import { pack, renderState } from "../components/pulumi/state/format";
import * as provider from "../components/pulumi/state/provider";
import { unattend } from "./cli-run";
import { REPO } from "./helpers";
import { isSecretEnvelope, recordingMocks, unwrapSecrets, valueOf } from "./mocks";

const HOSTILE = path.join(REPO, "tests", "hostile");
const SS = "Microsoft-Windows-Shell-Setup";
const SNMP = "Microsoft-Windows-SNMP-Agent-Service";
const JOIN = "Microsoft-Windows-UnattendedJoin";

const sha256 = (s: string) => crypto.createHash("sha256").update(s, "utf8").digest("hex");
/** A secret and what is derived from it: its digest, its base64, and its obfuscated password forms. */
function forms(secret: string): string[] {
  const out = [secret, sha256(secret), Buffer.from(secret, "utf8").toString("base64")];
  for (const suffix of ["AdministratorPassword", "Password"]) out.push(Buffer.from(secret + suffix, "utf16le").toString("base64"));
  return out;
}
function expectNone(texts: string[], secrets: string[], what: string): void {
  const all = secrets.flatMap(forms);
  for (const t of texts) for (const s of all) expect(t, `${what} holds ${JSON.stringify(s)}`).not.to.contain(s);
}

/** The flat state of a document: settings, layout, and which keys are secret. */
function flat(doc: UnattendDocument) {
  const { document } = analyze(doc);
  const f = flattenDocument(document);
  const settings: Record<string, FlatValue> = {};
  const sensitive = new Set<string>();
  for (const e of f.entries) {
    if (e.value === undefined) continue;
    settings[e.key] = e.value;
    if (e.sensitive) sensitive.add(e.key);
  }
  return { settings, sensitive, layout: f.layout, architectures: [...new Set(document.architectures)], extras: [] };
}

/** What of a flat state is stored in clear: the layout, the keys, and the values not secret. */
function clearText(f: ReturnType<typeof flat>): string {
  const clear = Object.entries(f.settings).map(([k, v]) => (f.sensitive.has(k) ? k : `${k}=${String(v)}`));
  return JSON.stringify([f.layout, clear]);
}

describe("confidentiality: one policy, every surface", function () {
  this.timeout(120_000);

  describe("the policy", () => {
    it("knows the catalog's confidential values and names them wherever they land, in any case", () => {
      const shell = findComponent(SS)!;
      expect(isConfidentialDef(findChild(shell, "ProductKey")!.el)).to.equal(true);
      expect(isConfidentialDef(findChild(shell, "TimeZone")!.el)).to.equal(false);
      for (const name of ["ServicePassword", "productkey", "PRODUCT_KEY", "accountdata", "SnmpCommunity", "ValidCommunities", "Community_Name"]) {
        expect(isConfidentialName(name), name).to.equal(true);
      }
      for (const name of ["TimeZone", "Key", "Value", "ComputerName", "Communication"]) expect(isConfidentialName(name), name).to.equal(false);
      // inside a confidential element (a product key's Key, a password's Value), and the catalog's pairs in any case
      expect(isConfidentialElement("Key", "productkey")).to.equal(true);
      expect(isConfidentialElement("Value", "ServiceAccountPassword")).to.equal(true);
      expect(isConfidentialElement("machinepassword", "identification")).to.equal(true);
      expect(isConfidentialElement("Domain", "Credentials")).to.equal(false);
      expect(CONFIDENTIAL_NAME.flags).not.to.contain("g"); // stateless: safe to reuse
    });

    it("the mask flatten.ts writes (it loads no catalog, so writes it as a literal) is the policy's", () => {
      expect(diffFlat({ k: "a" }, { k: "b" }, () => true)).to.deep.equal([{ op: "change", key: "k", old: MASK, new: MASK }]);
      expect(HIDDEN).to.equal("(hidden)");
    });
  });

  describe("SNMP communities: never in the layout, a key, or changes", () => {
    const doc = (community: string, rights = 4): UnattendDocument => ({
      settings: { specialize: { [SNMP]: { ValidCommunities: [{ "wcm:keyValue": community, value: rights }] } } } as never,
    });

    it("a community is stored only inside a secret value; the state renders the same file", () => {
      const f = flat(doc("CorpCommunityS3cret"));
      expectNone([clearText(f)], ["CorpCommunityS3cret"], "state in clear");
      const key = `specialize/${SNMP}/ValidCommunities/ValidCommunity[1]`;
      expect(f.sensitive.has(key)).to.equal(true);
      expect(renderState(f)).to.equal(renderUnattend(doc("CorpCommunityS3cret")));
    });

    it("a changed community is a masked change of a key by position (provider `changes`)", async () => {
      const inputs = (community: string) => {
        const f = flat(doc(community));
        return { stateVersion: 1, settings: f.settings, layout: JSON.stringify(f.layout), architectures: f.architectures };
      };
      const created = await provider.create(inputs("CorpCommunityS3cret"));
      const updated = await provider.update("id", created.outs as never, inputs("NewCommunityS3cret"));
      expect(updated.outs.changes).to.deep.equal([
        { op: "change", key: `specialize/${SNMP}/ValidCommunities/ValidCommunity[1]`, old: MASK, new: MASK },
      ]);
      expectNone(
        [JSON.stringify(updated.outs.changes), JSON.stringify(inputs("NewCommunityS3cret").layout)],
        ["CorpCommunityS3cret", "NewCommunityS3cret"],
        "changes",
      );
    });
  });

  describe("a state written before (its layout holding a community in clear) still reads, and is rewritten", () => {
    it("renders the same file; diff asks the engine for an update, which stores the new form", async () => {
      const key = `specialize/${SNMP}/ValidCommunities/ValidCommunity[1]`;
      const earlier = {
        settings: { [key]: "4" },
        layout: [
          {
            pass: "specialize",
            component: SNMP,
            elements: [
              {
                name: "ValidCommunities",
                children: [{ name: "ValidCommunity", item: "1", action: "add", keyValue: "OldCommunityS3cret", secret: true as const }],
              },
            ],
          },
        ],
        architectures: ["amd64"],
        extras: [],
      };
      const doc = { settings: { specialize: { [SNMP]: { ValidCommunities: [{ "wcm:keyValue": "OldCommunityS3cret", value: 4 }] } } } } as never;
      expect(renderState(earlier)).to.equal(renderUnattend(doc));
      const now = flat(doc);
      const inputs = { stateVersion: 1, settings: now.settings, layout: JSON.stringify(now.layout), architectures: now.architectures };
      expect(await provider.diff("id", { stateVersion: 1, applied: pack(earlier), sha256: "x" }, inputs)).to.not.deep.equal({ changes: false });
      expectNone([inputs.layout], ["OldCommunityS3cret"], "the new layout");
    });
  });

  describe("hostile: confidential values the parser moves under unvalidated (confidential-moved.xml)", () => {
    const file = path.join(HOSTILE, "confidential-moved.xml");
    const secrets = [
      "PK1SECRET-ACTION-KEY",
      "DFGHJ-KMNPQ-RTVWX-Y2346-789BC",
      "PK3SECRET-UNVALIDATED",
      "COMM1SECRET-KEYVALUE",
      "COMM2SECRET-UNVALIDATED",
      "COMM3SECRET-TRAP",
      "AD1SECRET-BLOB",
      "AD2SECRET-KEYVALUE",
      "AD3SECRET-TEXT",
    ];
    /** In an attribute the format does not have (dropped, with a warning that does not quote it). */
    const dropped = "ATTR1SECRET-COMMUNITY";

    it("every one is rendered, and each is in a secret setting: none in the layout, a key or a value in clear", () => {
      const parsed = parseUnattend(fs.readFileSync(file));
      expect(parsed.document.unvalidated).to.have.property("specialize").with.property(SS).with.property("ProductKey");
      const xml = renderUnattend(parsed.document);
      for (const s of secrets) expect(xml).to.contain(s);
      const f = flat(parsed.document);
      expectNone([clearText(f)], secrets, "state in clear");
      expect(renderState(f)).to.equal(xml);
    });

    it("a changed value is a masked change", () => {
      const text = fs.readFileSync(file, "utf8");
      const changed = secrets.reduce((t, s) => t.split(s).join(`${s}-CHANGED`), text);
      const a = flat(parseUnattend(text).document);
      const b = flat(parseUnattend(changed).document);
      const changes = diffFlat(a.settings, b.settings, (k) => a.sensitive.has(k) || b.sensitive.has(k));
      expect(changes.length).to.be.at.least(secrets.length - 3); // several are in one setting (one item, one subtree)
      expect(changes.every((c) => c.op === "change" && c.old === MASK && c.new === MASK)).to.equal(true);
      const r = unattend(["diff", "a.xml", "b.xml"], { files: { "a.xml": text, "b.xml": changed } });
      expectNone([r.out, r.err], secrets.concat(secrets.map((s) => `${s}-CHANGED`)), "unattend diff");
    });

    it("no CLI command prints one (validate, import as TypeScript and YAML, render's messages)", () => {
      const texts: string[] = [];
      for (const args of [
        ["validate", file],
        ["validate", "--format", "json", file],
        ["import", file],
        ["import", "--format", "yaml", file],
      ]) {
        const r = unattend(args);
        expect(r.code, args.join(" ")).to.be.oneOf([0, 1]);
        texts.push(r.out, r.err);
      }
      const render = unattend(["render", file]);
      texts.push(render.err);
      expect(render.err).to.contain('Attribute note="(hidden)" on <SnmpCommunity>');
      expectNone(texts, [...secrets, dropped], "CLI output");
      // import leaves each out, to be set with `pulumi config set --secret`
      expect(unattend(["import", file]).err).to.match(/^\d+ credentials were left out/m);
    });
  });

  it("import leaves out an extra holding a password-named element, as a secret to set", () => {
    const extra = '<c:Extensions xmlns:c="urn:contoso"><c:AdminPassword>EXTRA8SECRET</c:AdminPassword></c:Extensions>';
    const text = `<unattend xmlns="urn:schemas-microsoft-com:unattend">${extra}</unattend>`;
    const ts = unattend(["import", "f.xml"], { files: { "f.xml": text } });
    const yaml = unattend(["import", "--format", "yaml", "f.xml"], { files: { "f.xml": text } });
    expect(ts.out).to.contain("extras: [\n    { xml: ");
    expect(yaml.out).to.contain("--path 'pulumi-unattend:extras[0].xml'");
    expectNone([ts.out, ts.err, yaml.out, yaml.err], ["EXTRA8SECRET"], "import");
  });

  describe("merge never quotes a confidential value (merge-secret-a.xml, merge-secret-b.xml)", () => {
    const files = [path.join(HOSTILE, "merge-secret-a.xml"), path.join(HOSTILE, "merge-secret-b.xml")];
    const secrets = [
      "BCDFG-HJKMN-PQRTV-WXY23-46789",
      "CDFGH-JKMNP-QRTVW-XY234-6789B",
      "COMMSECRET-SHARED",
      "ADASECRET-MERGE",
      "ADBSECRET-MERGE",
      "UPKASECRET-MERGE",
      "UPKBSECRET-MERGE",
    ];

    it("conflicts and --override warnings of `unattend merge`", () => {
      const conflict = unattend(["merge", ...files]);
      expect(conflict.code).to.equal(1);
      expect(conflict.err.match(/\[merge-conflict\]/g)).to.have.length(4);
      const override = unattend(["merge", "--override", ...files]);
      expect(override.code).to.equal(0);
      expect(override.err.match(/\[merge-override\]/g)).to.have.length(4);
      expectNone([conflict.out, conflict.err, override.err], secrets, "merge messages");
    });

    it("mergeUnattend, with component names in another case (a name-case warning), in errors and warnings", () => {
      const layer = (v: string, shell: string, join: string, override = false) => ({
        ...(override ? { override: true } : {}),
        settings: {
          specialize: {
            [shell]: { ProductKey: `PK${v}SECRET-MERGE` },
            [join]: { Identification: { Provisioning: { AccountData: `AD${v}SECRET-MERGE` } } },
          },
        },
        unvalidated: { specialize: { "Contoso-Agent": { licenseproductkey: { Key: `UPK${v}SECRET-MERGE` } } } },
      });
      const lower = (s: string) => s.toLowerCase();
      const conflict = mergeUnattend(layer("A", lower(SS), lower(JOIN)) as never, layer("B", lower(SS), lower(JOIN)) as never);
      expect(conflict.diagnostics.filter((d) => d.code === "merge-conflict")).to.have.length(3);
      const override = mergeUnattend(layer("A", SS, lower(JOIN)) as never, layer("B", lower(SS), JOIN, true) as never);
      expect(override.diagnostics.filter((d) => d.code === "merge-override").length).to.be.at.least(1);
      expectNone([JSON.stringify(conflict.diagnostics), JSON.stringify(override.diagnostics)], secrets, "mergeUnattend diagnostics");
    });
  });

  describe("UnattendFile (Pulumi mocks)", () => {
    /** Whether the registered settings keep `key` secret: its value, or the whole map (the runtime lifts a nested secret). */
    const secretSetting = (settings: unknown, key: string) =>
      isSecretEnvelope(settings) || isSecretEnvelope((settings as Record<string, unknown>)[key]);
    let mod: typeof import("../components");
    let registered: pulumi.runtime.MockResourceArgs[] = [];
    before(async () => {
      registered = await recordingMocks();
      mod = require("../components") as typeof import("../components");
    });

    it("a product key under unvalidated makes xml, asset and sha256 secret, the state secret and the file 0600", async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "unattend-confidential-"));
      try {
        const file = new mod.UnattendFile("unvalidated-key", {
          settings: { specialize: { [SS]: { TimeZone: "UTC" } } },
          unvalidated: { specialize: { "Contoso-Agent": { ProductKey: { "wcm:action": "add", value: "PK9SECRET-PULUMI" } } } },
          path: path.join(dir, "unattend.xml"),
        });
        expect(await valueOf(file.xml)).to.contain("PK9SECRET-PULUMI");
        for (const o of [file.xml, file.asset, file.sha256]) expect(await pulumi.isSecret(o as pulumi.Output<unknown>)).to.equal(true);
        await valueOf(file.changes);
        const state = registered.find((r) => r.name === "unvalidated-key-state")!;
        expect(secretSetting(state.inputs.settings, "specialize/Contoso-Agent/ProductKey[1]")).to.equal(true);
        expectNone([JSON.stringify(state.inputs.layout)], ["PK9SECRET-PULUMI"], "layout");
        // the provider, given these inputs, writes the file owner-only
        const out = await provider.create(unwrapSecrets(state.inputs) as Record<string, unknown>);
        expect(fs.statSync(out.outs.path!).mode & 0o777).to.equal(0o600);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it("an extra holding an element named like a password makes xml secret and is stored secret", async () => {
      const extra = '<c:Extensions xmlns:c="urn:contoso"><c:AdminPassword>EXTRA9SECRET</c:AdminPassword></c:Extensions>';
      const file = new mod.UnattendFile("confidential-extra", { settings: { specialize: { [SS]: { TimeZone: "UTC" } } }, extras: [{ xml: extra }] });
      expect(await valueOf(file.xml)).to.contain("EXTRA9SECRET");
      for (const o of [file.xml, file.sha256]) expect(await pulumi.isSecret(o)).to.equal(true);
      await valueOf(file.changes);
      const state = registered.find((r) => r.name === "confidential-extra-state")!;
      expect(isSecretEnvelope(state.inputs.extras)).to.equal(true);
      expect(unwrapSecrets(state.inputs.extras)).to.deep.equal([{ xml: extra, secret: true }]);
    });

    it("layers (mergeLayerInputs) never quote a product key or AccountData, with a component in lower case", () => {
      const layer = (v: string, override = false) => ({
        ...(override ? { override: true } : {}),
        settings: {
          specialize: {
            [SS.toLowerCase()]: { ProductKey: `PK${v}SECRET-LAYERS` },
            [JOIN.toLowerCase()]: { Identification: { Provisioning: { AccountData: `AD${v}SECRET-LAYERS` } } },
          },
        },
      });
      const conflict = mergeLayerInputs([layer("A"), layer("B")] as never);
      const override = mergeLayerInputs([layer("A"), layer("B", true)] as never);
      expect(conflict.diagnostics.map((d) => d.code)).to.deep.equal(["merge-conflict", "merge-conflict"]);
      expect(override.diagnostics.map((d) => d.code)).to.deep.equal(["merge-override", "merge-override"]);
      expectNone(
        [JSON.stringify(conflict.diagnostics), JSON.stringify(override.diagnostics)],
        ["PKASECRET-LAYERS", "PKBSECRET-LAYERS", "ADASECRET-LAYERS", "ADBSECRET-LAYERS"],
        "layers' diagnostics",
      );
    });

    it("a community given in layers (its key a secret) is written with its key and stored without it", async () => {
      const file = new mod.UnattendFile("layered-community", {
        settings: [
          { settings: { specialize: { [SNMP]: { ValidCommunities: [{ "wcm:keyValue": "COMM9SECRET-LAYER", value: 4 }] } } } },
          { settings: { specialize: { [SS]: { TimeZone: "UTC" } } } },
        ] as never,
      });
      expect(await valueOf(file.xml)).to.contain('wcm:keyValue="COMM9SECRET-LAYER">4</ValidCommunity>');
      expect(await pulumi.isSecret(file.sha256)).to.equal(true);
      await valueOf(file.changes);
      const state = registered.find((r) => r.name === "layered-community-state")!;
      expectNone([JSON.stringify(state.inputs.layout), Object.keys(state.inputs.settings as object).join(" ")], ["COMM9SECRET-LAYER"], "state");
      const key = `specialize/${SNMP}/ValidCommunities/ValidCommunity[1]`;
      expect(secretSetting(state.inputs.settings, key)).to.equal(true);
      const value = (unwrapSecrets(state.inputs.settings) as Record<string, unknown>)[key];
      expect(JSON.parse(String(value))).to.deep.include({ keyValue: "COMM9SECRET-LAYER", text: "4" });
    });
  });

  describe("property: a confidential value in any place leaks nowhere", () => {
    const secret = fc.stringMatching(/^[A-Za-z0-9]{12,20}$/).map((s) => `Zq${s}`);
    const caseOf = (name: string) => fc.constantFrom(name, name.toLowerCase(), name.toUpperCase());
    const unvalidatedName = fc.constantFrom("ServicePassword", "productkey", "LicenseProductKey", "AccountData", "SnmpCommunity", "validcommunities");
    const places = fc.record({
      productKey: fc.option(caseOf(SS), { nil: undefined }),
      community: fc.option(caseOf(SNMP), { nil: undefined }),
      trap: fc.boolean(),
      accountData: fc.option(caseOf(JOIN), { nil: undefined }),
      password: fc.option(fc.boolean(), { nil: undefined }),
      unvalidated: fc.option(fc.tuple(unvalidatedName, fc.constantFrom("text", "action", "keyValue", "nested")), { nil: undefined }),
      perArchitecture: fc.boolean(),
      unvalidatedPerArchitecture: fc.option(unvalidatedName, { nil: undefined }),
    });

    /** A product key's form (five groups of five from the key alphabet), derived from a secret so that it is as unique. */
    const KEY_ALPHABET = "BCDFGHJKMNPQRTVWXY2346789";
    const keyShaped = (x: string) => {
      let out = "";
      for (let i = 0; i < 25; i++) {
        if (i > 0 && i % 5 === 0) out += "-";
        out += KEY_ALPHABET[(x.charCodeAt(i % x.length) * 31 + i * 7 + (i >= x.length ? 11 : 0)) % KEY_ALPHABET.length];
      }
      return out;
    };

    type Places = typeof places extends fc.Arbitrary<infer T> ? T : never;

    /** A document with confidential values at the chosen places; secrets[i] for place i. */
    function document(p: Places, s: string[]): UnattendDocument {
      // one spelling of Shell-Setup per pass (two spellings are two components: duplicate-component)
      const specialize: Record<string, unknown> = { [p.productKey ?? SS]: { TimeZone: "UTC" } };
      if (p.productKey) specialize[p.productKey] = { ...(specialize[p.productKey] as object), ProductKey: s[0] };
      if (p.community) specialize[p.community] = { ValidCommunities: [{ "wcm:keyValue": s[1], value: 4 }] };
      if (p.trap) {
        const snmp = p.community ?? SNMP;
        specialize[snmp] = {
          ...(specialize[snmp] as object),
          TrapConfiguration: [{ Community_Name: s[6], Traps: "trap.example.com" }],
        };
      }
      if (p.accountData) specialize[p.accountData] = { Identification: { Provisioning: { AccountData: s[2] } } };
      const doc: Record<string, unknown> = { settings: { specialize } };
      if (p.password !== undefined) {
        (doc.settings as Record<string, unknown>).oobeSystem = {
          [SS]: { UserAccounts: { AdministratorPassword: { Value: s[3], PlainText: p.password } } },
        };
      }
      if (p.unvalidated) {
        const [name, form] = p.unvalidated;
        const value =
          form === "text"
            ? s[4]
            : form === "action"
              ? { "wcm:action": "add", value: s[4] }
              : form === "keyValue"
                ? { "wcm:keyValue": s[4], value: "1" }
                : { Key: s[4] };
        doc.unvalidated = { specialize: { "Contoso-Agent": { [name]: value } } };
      }
      if (p.perArchitecture) {
        doc.architectures = ["x86", "amd64"];
        doc.perArchitecture = { x86: { windowsPE: { "Microsoft-Windows-Setup": { UserData: { ProductKey: { Key: s[5] } } } } } };
      }
      if (p.unvalidatedPerArchitecture) {
        doc.unvalidatedPerArchitecture = { amd64: { oobeSystem: { "Contoso-Agent": { [p.unvalidatedPerArchitecture]: { Inner: s[7] } } } } };
      }
      return doc as unknown as UnattendDocument;
    }

    it("in no message, state entry in clear, `changes`, or CLI output (validate, import, merge, diff)", async () => {
      await fc.assert(
        fc.asyncProperty(places, fc.uniqueArray(secret, { minLength: 16, maxLength: 16 }), async (p, all) => {
          // product keys must be well formed (else validation stops the render): the secret in a key's shape
          const [s, t] = [all.slice(0, 8), all.slice(8)].map((half) => half.map((x, i) => (i === 0 || i === 5 ? keyShaped(x) : x)));
          const a = document(p, s);
          const b = document(p, t);
          const used = [...s, ...t];
          const xmlA = renderUnattend(a);
          const xmlB = renderUnattend(b);
          const digests = [sha256(xmlA), sha256(xmlB)];
          const texts: string[] = [JSON.stringify(validateUnattend(a).diagnostics), JSON.stringify(validateUnattend(b).diagnostics)];
          // state: what is in clear, and the provider's outputs other than `applied` (a secret)
          const fa = flat(a);
          const fb = flat(b);
          texts.push(clearText(fa), clearText(fb));
          const inputs = (f: typeof fa) => ({
            stateVersion: 1,
            settings: f.settings,
            layout: JSON.stringify(f.layout),
            architectures: f.architectures,
          });
          const created = await provider.create(inputs(fa));
          const updated = await provider.update("id", created.outs as never, inputs(fb));
          texts.push(JSON.stringify(updated.outs.changes));
          // CLI, on the rendered files
          const files = { "a.xml": xmlA, "b.xml": xmlB };
          for (const args of [
            ["validate", "a.xml"],
            ["validate", "--format", "json", "b.xml"],
            ["import", "a.xml"],
            ["import", "--format", "yaml", "b.xml"],
            ["diff", "a.xml", "b.xml"],
          ]) {
            const r = unattend(args, { files });
            texts.push(r.out, r.err);
          }
          for (const args of [
            ["merge", "a.xml", "b.xml"],
            ["merge", "--override", "a.xml", "b.xml"],
          ])
            texts.push(unattend(args, { files }).err);
          // the library's merge, on the typed documents
          texts.push(JSON.stringify(mergeUnattend(a, b).diagnostics), JSON.stringify(mergeUnattend(a, { ...b, override: true }).diagnostics));
          for (const text of texts) {
            for (const x of used.flatMap(forms).concat(digests)) {
              if (text.includes(x)) throw new Error(`leaked ${JSON.stringify(x)} in ${text.slice(0, 2000)}`);
            }
          }
        }),
        { numRuns: 40 },
      );
    });
  });
});
