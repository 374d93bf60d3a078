/**
 * The exactness rule (property): whatever arrives as a Pulumi Output, a
 * promise or a secret, and at whatever level (a leaf, a list item, a list, a
 * group, a component, a pass, the whole settings), `xml` is the file the
 * state's provider writes, byte for byte, `sha256` is its digest, and both are
 * what renderUnattend writes for the same plain document. Pulumi mocks (as in
 * tests/mocks.ts), and the provider's create code path on the state child's
 * registered inputs (the engine hands a dynamic provider its inputs with
 * secrets unwrapped).
 */
import { expect } from "chai";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as fc from "fast-check";
import * as pulumi from "@pulumi/pulumi";
import { recordingMocks, unwrapSecrets, valueOf } from "./mocks";

type Components = typeof import("../components");
type Provider = typeof import("../components/pulumi/state/provider");

const DNS = "Microsoft-Windows-DNS-Client";
const SNMP = "Microsoft-Windows-SNMP-Agent-Service";
const SHELL = "Microsoft-Windows-Shell-Setup";
const DEPLOYMENT = "Microsoft-Windows-Deployment";
const WS = "Microsoft-Windows-WorkstationService";

/** How a value is given: as is, as an Output, as a secret, or as a promise. */
type Wrap = "plain" | "output" | "secret" | "promise";

/** Plain JSON values wrapped level by level, each level taking the next choice of `wraps` (cyclically). */
function wrapAll(value: unknown, wraps: Wrap[]): unknown {
  let i = 0;
  const wrap = (v: unknown): unknown => {
    const inner = Array.isArray(v)
      ? v.map(wrap)
      : v !== null && typeof v === "object"
        ? Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, wrap(x)]))
        : v;
    switch (wraps[i++ % wraps.length]) {
      case "output":
        return pulumi.output(inner);
      case "secret":
        return pulumi.secret(inner);
      case "promise":
        return Promise.resolve(inner);
      default:
        return inner;
    }
  };
  // the settings object itself is wrapped as well
  return wrap(value);
}

/** Texts whose number reading is not their text: they must reach the file as written. */
const numberLike = fc.constantFrom("1", "01", "-0", "007", "3", "10", "+2", "1e3", "0x1F", "12345678901234567890");

const settingsArb = fc.record(
  {
    dns: fc.array(
      fc.oneof(
        fc.record({ "wcm:keyValue": numberLike, value: fc.constantFrom("corp.example.com", "b.example", "01") }),
        fc.constantFrom("corp.example.com", "02"),
      ),
      { minLength: 1, maxLength: 3 },
    ),
    communities: fc.uniqueArray(
      fc.record({ "wcm:keyValue": fc.constantFrom("CorpCommunityS3cret", "01", "public", "Other-One"), value: fc.constantFrom("4", "8") }),
      { minLength: 1, maxLength: 2, selector: (c) => c["wcm:keyValue"] },
    ),
    guest: fc.constantFrom(0, 1, "0", "1", "01"),
    commands: fc.array(
      fc.record(
        { Path: fc.constantFrom("cmd /c a", "cmd /c 01"), Order: fc.option(fc.constantFrom(1, 2, 7), { nil: undefined }) },
        { requiredKeys: ["Path"] },
      ),
      { maxLength: 2 },
    ),
    password: fc.option(fc.record({ Value: fc.constantFrom("pw", "01"), PlainText: fc.boolean() }), { nil: undefined }),
    unvalidated: fc.option(fc.constantFrom("01", "-0", "x"), { nil: undefined }),
    unvalidatedItems: fc.array(
      fc.record({
        "wcm:action": fc.constantFrom("add", "remove"),
        "wcm:keyValue": fc.constantFrom("1", "01", "k"),
        value: fc.constantFrom("on", "01"),
      }),
      { maxLength: 3 },
    ),
    unvalidatedGroup: fc.option(
      fc.record({ "wcm:action": fc.constantFrom("add", "modify"), Child: fc.constantFrom("x", "007"), Nil: fc.constant({ "xsi:nil": true }) }),
      {
        nil: undefined,
      },
    ),
    perArchitecture: fc.option(fc.constantFrom("UTC", "01", "W. Europe Standard Time"), { nil: undefined }),
  },
  { requiredKeys: ["dns", "communities", "guest", "commands", "unvalidatedItems"] },
);

describe("exactness: xml, the written file, sha256 and renderUnattend agree whatever is an Output (property)", function () {
  this.timeout(120_000);
  let mod: Components;
  let provider: Provider;
  let registered: pulumi.runtime.MockResourceArgs[] = [];
  let dir: string;

  const warn = pulumi.log.warn;
  before(async () => {
    // the unvalidated component's warning, once per run: said elsewhere (tests/unattendFile.test.ts)
    pulumi.log.warn = () => Promise.resolve();
    registered = await recordingMocks();
    mod = require("../components") as Components;
    provider = require("../components/pulumi/state/provider") as Provider;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "unattend-exact-"));
  });
  after(() => {
    pulumi.log.warn = warn;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  let run = 0;
  /** Deploys `settings` (wrapped) through UnattendFile and the provider's create; returns xml, sha256 and the file's bytes. */
  async function deploy(settings: unknown, unvalidated: unknown, perArchitecture?: unknown) {
    const name = `exact-${run++}`;
    const file = path.join(dir, `${name}.xml`);
    const before = registered.length;
    const unattend = new mod.UnattendFile(name, {
      settings: settings as never,
      ...(unvalidated !== undefined ? { unvalidated: unvalidated as never } : {}),
      ...(perArchitecture !== undefined ? { perArchitecture: perArchitecture as never } : {}),
      architectures: ["x86", "amd64"],
      extras: [{ xml: '<cpi:offlineImage xmlns:cpi="urn:schemas-microsoft-com:cpi" cpi:source="wim:c:/i.wim#x"/>' }],
      path: file,
    });
    const xml = await valueOf(unattend.xml);
    const sha = await valueOf(unattend.sha256);
    // the state child is registered once its inputs are known: its `changes` resolve after that
    await valueOf(unattend.changes);
    const child = registered.slice(before).find((r) => r.type === "pulumi-nodejs:dynamic/unattend:UnattendState" && r.name === `${name}-state`);
    expect(child, "UnattendState registered").to.not.equal(undefined);
    const { outs } = await provider.create(unwrapSecrets(child!.inputs) as Record<string, unknown>);
    return { xml, sha, outs, bytes: fs.readFileSync(file) };
  }

  it("for random documents given plain, as Outputs, secrets and promises at random levels", async () => {
    let deployed = 0;
    await fc.assert(
      fc.asyncProperty(
        settingsArb,
        fc.array(fc.constantFrom<Wrap>("plain", "plain", "output", "secret", "promise"), { minLength: 1, maxLength: 40 }),
        async (s, wraps) => {
          const plain = {
            generalize: { [WS]: { AllowInsecureGuestAuth: s.guest } },
            specialize: {
              [DNS]: { DNSSuffixSearchOrder: s.dns },
              [SNMP]: { ValidCommunities: s.communities },
              ...(s.commands.length ? { [DEPLOYMENT]: { RunSynchronous: s.commands } } : {}),
            },
            ...(s.password ? { oobeSystem: { [SHELL]: { UserAccounts: { AdministratorPassword: s.password } } } } : {}),
          };
          const agent: Record<string, unknown> = {};
          if (s.unvalidated !== undefined) agent.Level = s.unvalidated;
          if (s.unvalidatedItems.length) agent.Item = s.unvalidatedItems;
          if (s.unvalidatedGroup) agent.Group = s.unvalidatedGroup;
          const unvalidated = Object.keys(agent).length ? { specialize: { "Contoso-Agent": agent } } : undefined;
          const perArchitecture = s.perArchitecture === undefined ? undefined : { x86: { specialize: { [SHELL]: { TimeZone: s.perArchitecture } } } };
          const doc = {
            settings: plain,
            ...(unvalidated ? { unvalidated } : {}),
            ...(perArchitecture ? { perArchitecture } : {}),
            architectures: ["x86", "amd64"],
            extras: [{ xml: '<cpi:offlineImage xmlns:cpi="urn:schemas-microsoft-com:cpi" cpi:source="wim:c:/i.wim#x"/>' }],
          } as never;
          // documents with errors fail the deployment: not this property's concern
          if (mod.validateUnattend(doc).diagnostics.some((d) => d.severity === "error")) return;
          const expected = mod.renderUnattend(doc);
          deployed++;
          const { xml, sha, outs, bytes } = await deploy(
            wrapAll(plain, wraps),
            unvalidated === undefined ? undefined : wrapAll(unvalidated, wraps),
            perArchitecture === undefined ? undefined : wrapAll(perArchitecture, wraps),
          );
          expect(xml).to.equal(expected);
          expect(bytes.equals(Buffer.from(xml, "utf8")), `file differs from xml:\n${bytes.toString("utf8")}\n---\n${xml}`).to.equal(true);
          const digest = crypto.createHash("sha256").update(bytes).digest("hex");
          expect(sha).to.equal(digest);
          expect(outs.sha256).to.equal(digest);
        },
      ),
      { numRuns: 80 },
    );
    // the property said something: most random documents are valid
    expect(deployed).to.be.greaterThan(30);
  });

  it("a wcm:keyValue list item given as an Output reaches the file as written (issue 18, item 5)", async () => {
    const settings = {
      specialize: {
        [DNS]: {
          DNSSuffixSearchOrder: [
            pulumi.output({ "wcm:keyValue": "3", value: "corp.example.com" }),
            pulumi.output({ "wcm:keyValue": "01", value: "b.example" }),
            pulumi.output({ "wcm:keyValue": "-0", value: "c.example" }),
          ],
        },
      },
    };
    const { xml, bytes } = await deploy(settings, undefined);
    expect(bytes.toString("utf8")).to.equal(xml);
    expect(xml).to.contain('<DomainName wcm:action="add" wcm:keyValue="3">corp.example.com</DomainName>');
    expect(xml).to.contain('wcm:keyValue="01"');
    expect(xml).to.contain('wcm:keyValue="-0"');
  });
  it("a setting given as an Output (or a secret, or a promise) of undefined is left out, as undefined itself is", async () => {
    // found by the property above (seed -1761462146): an Order given as pulumi.secret(undefined) failed the
    // deployment ("Expected a single value, got undefined"), where Order: undefined is numbered by position; and
    // once left out, the state's layout still named it
    // with `component`, a whole component too (the document's structure is then known only once it resolves:
    // another way through UnattendFile)
    const shape = (order: unknown, other: unknown, secret: (v: string) => unknown, component: boolean) => ({
      specialize: {
        [DNS]: { DNSSuffixSearchOrder: [{ "wcm:keyValue": "1", value: secret("corp.example.com") }] },
        [SNMP]: { ValidCommunities: [{ "wcm:keyValue": "CorpCommunityS3cret", value: secret("4") }] },
        [DEPLOYMENT]: {
          RunSynchronous: [
            { Path: "cmd /c a", Order: undefined },
            { Path: "cmd /c a", Order: order },
          ],
        },
        [SHELL]: { ComputerName: other },
        ...(component ? { [WS]: other } : {}),
      },
    });
    const expected = mod.renderUnattend({
      settings: shape(undefined, undefined, (v) => v, false),
      architectures: ["x86", "amd64"],
      extras: [{ xml: '<cpi:offlineImage xmlns:cpi="urn:schemas-microsoft-com:cpi" cpi:source="wim:c:/i.wim#x"/>' }],
    } as never);
    expect(expected).to.contain("<Order>2</Order>");
    for (const wrap of [(v: unknown) => pulumi.secret(v), (v: unknown) => pulumi.output(v), (v: unknown) => Promise.resolve(v)]) {
      for (const [secret, component] of [
        [(v: string) => v, false],
        [(v: string) => pulumi.secret(v), false],
        [(v: string) => v, true],
      ] as const) {
        const { xml, sha, outs, bytes } = await deploy(shape(wrap(undefined), wrap(undefined), secret, component), undefined);
        expect(xml).to.equal(expected);
        expect(bytes.toString("utf8")).to.equal(xml);
        expect(outs.sha256).to.equal(sha);
      }
    }
  });
});

describe("exactness: attributes and unvalidated arrays given as Outputs", function () {
  this.timeout(60_000);
  let mod: Components;
  let provider: Provider;
  let registered: pulumi.runtime.MockResourceArgs[] = [];
  const warn = pulumi.log.warn;
  before(async () => {
    pulumi.log.warn = () => Promise.resolve();
    registered = await recordingMocks();
    mod = require("../components") as Components;
    provider = require("../components/pulumi/state/provider") as Provider;
  });
  after(() => {
    pulumi.log.warn = warn;
  });

  it("a wcm:keyValue, a wcm:action or a value given as an Output, and an unvalidated array given as an Output, reach xml and the state as written", async () => {
    const settings = {
      specialize: {
        [SNMP]: {
          ValidCommunities: [
            { "wcm:keyValue": "public", value: "4" },
            { "wcm:keyValue": pulumi.secret("CorpCommunityS3cret"), value: "8" },
          ],
        },
        [DNS]: { DNSSuffixSearchOrder: [{ "wcm:keyValue": "2", value: pulumi.output("b.example") }] },
      },
    };
    const unvalidated = {
      specialize: {
        "Contoso-Agent": {
          Item: pulumi.output([
            { "wcm:action": "add", "wcm:keyValue": "a", value: "1" },
            { "wcm:action": "remove", "wcm:keyValue": "b", value: "2" },
          ]),
          Rule: { "wcm:action": pulumi.output("modify"), value: "on" },
        },
      },
    };
    const plain = mod.renderUnattend({
      settings: {
        specialize: {
          [SNMP]: {
            ValidCommunities: [
              { "wcm:keyValue": "public", value: "4" },
              { "wcm:keyValue": "CorpCommunityS3cret", value: "8" },
            ],
          },
          [DNS]: { DNSSuffixSearchOrder: [{ "wcm:keyValue": "2", value: "b.example" }] },
        },
      } as never,
      unvalidated: {
        specialize: {
          "Contoso-Agent": {
            Item: [
              { "wcm:action": "add", "wcm:keyValue": "a", value: "1" },
              { "wcm:action": "remove", "wcm:keyValue": "b", value: "2" },
            ],
            Rule: { "wcm:action": "modify", value: "on" },
          },
        },
      },
    });
    const before = registered.length;
    const file = new mod.UnattendFile("attributes-as-outputs", { settings: settings as never, unvalidated: unvalidated as never });
    const xml = await valueOf(file.xml);
    await valueOf(file.changes);
    expect(xml).to.equal(plain);
    expect(xml).to.contain('<ValidCommunity wcm:action="add" wcm:keyValue="CorpCommunityS3cret">8</ValidCommunity>');
    expect(xml).to.contain('<Item wcm:action="remove" wcm:keyValue="b">2</Item>');
    const child = registered.slice(before).find((r) => r.name === "attributes-as-outputs-state")!;
    const { readInputs, renderState } = require("../components/pulumi/state/format") as typeof import("../components/pulumi/state/format");
    expect(renderState(readInputs(unwrapSecrets(child.inputs) as Record<string, unknown>))).to.equal(xml);
    expect((await provider.create(unwrapSecrets(child.inputs) as Record<string, unknown>)).outs.sha256).to.equal(
      crypto.createHash("sha256").update(xml, "utf8").digest("hex"),
    );
  });
});

describe("exactness: the state renders what renderUnattend writes (property)", function () {
  this.timeout(60_000);
  const { analyze, renderUnattend } = require("../components/core/document") as typeof import("../components/core/document");
  const { flattenDocument } = require("../components/core/flatten") as typeof import("../components/core/flatten");
  const { renderState } = require("../components/pulumi/state/format") as typeof import("../components/pulumi/state/format");

  /** The state UnattendFile stores for a plain document (every value known). */
  function stateOf(doc: import("../components").UnattendDocument) {
    const { document } = analyze(doc);
    const flat = flattenDocument(document);
    return {
      settings: Object.fromEntries(flat.entries.map((e) => [e.key, e.value!])),
      layout: flat.layout,
      architectures: [...new Set(document.architectures)],
      extras: document.extras.map((e) => ({ xml: e.xml })),
    };
  }

  it("items that share a key (the same wcm:keyValue or Order), keys that look like paths, numbers written with zeros", () => {
    const key = fc.constantFrom("a", "a(2)", "1", "01", "a]/B[c", "B[c", "");
    const item = fc.record({ "wcm:action": fc.constantFrom("add", "remove"), "wcm:keyValue": key, value: fc.constantFrom("1", "01", "x") });
    const element = fc.oneof(item, fc.record({ "wcm:keyValue": key, B: fc.record({ "wcm:keyValue": key, value: fc.constantFrom("q", "01") }) }));
    let rendered = 0;
    fc.assert(
      fc.property(fc.array(element, { minLength: 1, maxLength: 5 }), fc.constantFrom("1", "01", "007", "7"), (items, order) => {
        const doc = {
          settings: {
            specialize: {
              [DEPLOYMENT]: {
                RunSynchronous: [
                  { Path: "a", Order: order as never },
                  { Path: "b", Order: 3 },
                ],
              },
            },
          },
          unvalidated: { specialize: { "Contoso-Agent": { Item: items } } },
        } as never;
        let xml: string;
        try {
          xml = renderUnattend(doc);
        } catch {
          return; // a document with errors is not rendered
        }
        rendered++;
        expect(renderState(stateOf(doc))).to.equal(xml);
      }),
      { numRuns: 200 },
    );
    expect(rendered).to.be.greaterThan(100);
  });
});
