/**
 * The laws of mergeUnattend (components/core/merge.ts), checked on generated layers:
 * identity, associativity for conflict-free layers, order independence for
 * layers that set different things, never throwing, and credentials never
 * quoted nor altered.
 */
import { expect } from "chai";
import * as fc from "fast-check";
import { mergeUnattend, renderUnattend, type UnattendDocument, type UnattendLayer } from "../components";
import { DIAGNOSTIC_CODES, type Diagnostic } from "../components/core/diagnostics";

/**
 * What merging reports other than the warnings about legal but suspect combinations (the same command
 * from two layers, the image selected by two keys): the laws are about conflicts, which these are not.
 */
const conflicts = (ds: readonly Diagnostic[]) => ds.filter((d) => d.code !== "merge-repeated-command" && d.code !== "merge-image-selection");
import { canonicalJson } from "../components/core/json";
import { WINDOWS_TIME_ZONES } from "../components/core/rules/timezones";

const SHELL = "Microsoft-Windows-Shell-Setup";
const SETUP = "Microsoft-Windows-Setup";
const DEPLOY = "Microsoft-Windows-Deployment";
const text = fc.stringMatching(/^[A-Za-z][A-Za-z0-9 ]{0,11}$/);

/** Settings that hold one value each, and a generator of valid values for each. */
const LEAVES: { path: string[]; value: fc.Arbitrary<unknown> }[] = [
  { path: ["generalize", "Microsoft-Windows-WorkstationService", "AllowInsecureGuestAuth"], value: fc.constantFrom(0, 1) },
  { path: ["specialize", SHELL, "ComputerName"], value: fc.stringMatching(/^[A-Z][A-Z0-9-]{0,10}$/) },
  { path: ["specialize", SHELL, "RegisteredOwner"], value: text },
  { path: ["oobeSystem", SHELL, "TimeZone"], value: fc.constantFrom(...WINDOWS_TIME_ZONES) },
  { path: ["oobeSystem", SHELL, "OOBE", "ProtectYourPC"], value: fc.constantFrom(1, 2, 3) },
  { path: ["oobeSystem", SHELL, "OOBE", "HideEULAPage"], value: fc.boolean() },
  { path: ["oobeSystem", SHELL, "UserAccounts", "AdministratorPassword"], value: fc.record({ Value: text, PlainText: fc.boolean() }) },
  { path: ["oobeSystem", "Microsoft-Windows-International-Core", "UILanguage"], value: fc.constantFrom("en-US", "de-CH", "fr-FR") },
  { path: ["windowsPE", SETUP, "UserData", "AcceptEula"], value: fc.boolean() },
  { path: ["windowsPE", SETUP, "UserData", "FullName"], value: text },
];
const IMAGE_KEYS = ["/IMAGE/INDEX", "/IMAGE/NAME", "/IMAGE/DESCRIPTION"] as const;
const EXTRAS = [
  '<cpi:offlineImage xmlns:cpi="urn:schemas-microsoft-com:cpi" cpi:source="wim:c:/a.wim#x"/>',
  '<Extensions xmlns="https://example.com/x"><A/></Extensions>',
  '<servicing><package action="configure"><assemblyIdentity name="x"/></package></servicing>',
].map((xml) => ({ xml }));

/** One world of values: every layer that sets a value sets this one, so layers never conflict. */
const world = fc.record({
  leaves: fc.tuple(...LEAVES.map((l) => l.value)),
  images: fc.tuple(...IMAGE_KEYS.map(() => fc.stringMatching(/^[1-9]$/))),
});
type World = { leaves: unknown[]; images: string[] };

/** What one layer takes from the world. */
const choice = fc.record({
  leaves: fc.subarray(LEAVES.map((_, i) => i)),
  images: fc.subarray(IMAGE_KEYS.map((_, i) => i)),
  commands: fc.array(fc.record({ path: text, order: fc.option(fc.integer({ min: 1, max: 400 }), { nil: undefined }) }), { maxLength: 3 }),
  firstLogon: fc.array(text, { maxLength: 2 }),
  architectures: fc.option(fc.subarray(["x86", "amd64", "arm64"] as const, { minLength: 1 }), { nil: undefined }),
  extras: fc.option(fc.subarray([0, 1, 2]), { nil: undefined }),
  name: fc.option(text, { nil: undefined }),
});
type Choice = typeof choice extends fc.Arbitrary<infer T> ? T : never;

function set(root: Record<string, unknown>, path: string[], value: unknown) {
  let o = root;
  for (const k of path.slice(0, -1)) o = (o[k] ??= {}) as Record<string, unknown>;
  o[path[path.length - 1]] = value;
}

function layerOf(w: World, c: Choice): UnattendLayer {
  const settings: Record<string, unknown> = {};
  for (const i of c.leaves) set(settings, LEAVES[i].path, w.leaves[i]);
  if (c.images.length) {
    set(
      settings,
      ["windowsPE", SETUP, "ImageInstall", "OSImage", "InstallFrom", "MetaData"],
      c.images.map((i) => ({ Key: IMAGE_KEYS[i], Value: w.images[i] })),
    );
  }
  // distinct Orders within a layer (a layer's own duplicates are validation's business)
  const seen = new Set<number>();
  const commands = c.commands.map((x) => {
    const order = x.order !== undefined && !seen.has(x.order) ? x.order : undefined;
    if (order !== undefined) seen.add(order);
    return order === undefined ? { Path: x.path } : { Path: x.path, Order: order };
  });
  // without given Orders, positions are the Orders
  if (commands.length)
    set(
      settings,
      ["specialize", DEPLOY, "RunSynchronous"],
      commands.some((x) => "Order" in x) ? commands.map((x, i) => ({ ...x, Order: (x as { Order?: number }).Order ?? 401 + i })) : commands,
    );
  if (c.firstLogon.length)
    set(
      settings,
      ["oobeSystem", SHELL, "FirstLogonCommands"],
      c.firstLogon.map((x) => ({ CommandLine: x })),
    );
  const layer: UnattendLayer = { settings: settings as UnattendDocument["settings"] };
  if (c.architectures) layer.architectures = [...c.architectures];
  if (c.extras) layer.extras = c.extras.map((i) => EXTRAS[i]);
  if (c.name !== undefined) layer.name = c.name;
  return layer;
}

const conflictFree = (n: number) => fc.tuple(world, fc.array(choice, { minLength: n, maxLength: n })).map(([w, cs]) => cs.map((c) => layerOf(w, c)));

/** The document a lone layer stands for. */
function documentOf(layer: UnattendLayer): Record<string, unknown> {
  const { name: _n, override: _o, ...doc } = layer;
  return { ...doc, settings: doc.settings ?? {} };
}

describe("mergeUnattend laws (property)", () => {
  it("merging with an empty layer, on either side, gives the layer back", () => {
    fc.assert(
      fc.property(conflictFree(1), ([a]) => {
        for (const r of [mergeUnattend(a, {}), mergeUnattend({}, a), mergeUnattend(a)]) {
          expect(r.diagnostics).to.deep.equal([]);
          expect(canonicalJson(r.document)).to.equal(canonicalJson(documentOf(a)));
        }
      }),
      { numRuns: 150 },
    );
  });

  it("is associative for conflict-free layers: (a+b)+c = a+(b+c) = a+b+c", () => {
    fc.assert(
      fc.property(conflictFree(3), ([a, b, c]) => {
        const flat = mergeUnattend(a, b, c);
        const ab = mergeUnattend(a, b);
        const bc = mergeUnattend(b, c);
        const left = mergeUnattend(ab.document, c);
        const right = mergeUnattend(a, bc.document);
        for (const r of [flat, ab, bc, left, right]) expect(conflicts(r.diagnostics)).to.deep.equal([]);
        expect(canonicalJson(left.document)).to.equal(canonicalJson(flat.document));
        expect(canonicalJson(right.document)).to.equal(canonicalJson(flat.document));
      }),
      { numRuns: 200 },
    );
  });

  it("gives the same answer file in either order for layers that set different settings and lists", () => {
    fc.assert(
      fc.property(world, choice, choice, fc.boolean(), (w, ca, cb, bHasLists) => {
        // a and b share no value, no list and no extra; both may give architectures (a PnpSysprep setting keeps the file non-empty)
        const taken = new Set(ca.leaves);
        const a = layerOf(w, { ...ca, ...(bHasLists ? { commands: [], firstLogon: [], images: [] } : {}), extras: undefined });
        const b = layerOf(w, {
          ...cb,
          leaves: cb.leaves.filter((i) => !taken.has(i)),
          ...(bHasLists ? {} : { commands: [], firstLogon: [], images: [] }),
          extras: undefined,
        });
        const ab = mergeUnattend(a, b);
        const ba = mergeUnattend(b, a);
        expect(conflicts(ab.diagnostics)).to.deep.equal([]);
        expect(conflicts(ba.diagnostics)).to.deep.equal([]);
        const filled = (d: UnattendDocument) => ({
          ...d,
          settings: { ...d.settings, generalize: { ...d.settings.generalize, "Microsoft-Windows-PnpSysprep": { PersistAllDeviceInstalls: true } } },
        });
        expect(renderUnattend(filled(ba.document))).to.equal(renderUnattend(filled(ab.document)));
        expect([...(ab.document.architectures ?? [])].sort()).to.deep.equal([...(ba.document.architectures ?? [])].sort());
      }),
      { numRuns: 150 },
    );
  });

  it("never throws, whatever the layers, and reports in the diagnostics contract", () => {
    const pieces = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: "small" },
        fc.anything({ maxDepth: 3 }),
        fc.constantFrom("UTC", 1, true, null, undefined, { "unattend:override": "x" }, [{ Order: "2", Path: "x" }, { Path: "y" }]),
        fc.dictionary(
          fc.constantFrom("Order", "Key", "Value", "DiskID", "Name", "Path", "__proto__", "wcm:keyValue", "TimeZone", "OOBE"),
          tie("value"),
          { maxKeys: 4 },
        ),
        fc.array(tie("value"), { maxLength: 3 }),
      ),
    }));
    const component = fc.dictionary(fc.constantFrom(SHELL, SETUP, DEPLOY, "Microsoft-Windows-Foo"), pieces.value, { maxKeys: 3 });
    const passes = fc.dictionary(fc.constantFrom("windowsPE", "specialize", "oobeSystem", "bogus"), component, { maxKeys: 3 });
    const layer = fc.oneof(
      fc.anything(),
      fc.record(
        {
          settings: fc.oneof(passes, fc.anything()),
          unvalidated: passes,
          perArchitecture: fc.dictionary(fc.constantFrom("x86", "amd64", "sparc"), passes, { maxKeys: 2 }),
          architectures: fc.oneof(fc.array(fc.constantFrom("x86", "amd64", 3)), fc.anything()),
          extras: fc.oneof(fc.array(fc.oneof(fc.constantFrom(...EXTRAS), fc.record({ xml: fc.string() }), fc.anything())), fc.anything()),
          override: fc.oneof(fc.boolean(), fc.anything()),
          name: fc.oneof(fc.string(), fc.anything()),
        },
        { requiredKeys: [] },
      ),
    );
    fc.assert(
      fc.property(fc.array(layer, { maxLength: 4 }), (layers) => {
        const r = mergeUnattend(...(layers as UnattendLayer[]));
        expect(r.document).to.be.an("object");
        for (const d of r.diagnostics) {
          expect(d.severity).to.be.oneOf(["error", "warning"]);
          expect(DIAGNOSTIC_CODES).to.have.property(d.code);
          expect(d.path[0]).to.equal("layers");
          expect(d.message).to.be.a("string").and.not.equal("");
        }
      }),
      { numRuns: 300 },
    );
  });

  it("never quotes a credential, and never alters one (the winning password is the one given)", () => {
    const secret = fc.stringMatching(/^[A-Za-z0-9]{8,16}$/).map((s) => `S3cr3t-${s}`);
    fc.assert(
      fc.property(secret, secret, fc.boolean(), fc.boolean(), (x, y, plainText, overriding) => {
        fc.pre(x !== y);
        const layer = (pw: string): UnattendLayer => ({
          settings: {
            oobeSystem: {
              [SHELL]: {
                UserAccounts: { AdministratorPassword: { Value: pw, PlainText: plainText }, LocalAccounts: [{ Name: "ops", Password: pw }] },
              },
            },
            specialize: { [SHELL]: { ProductKey: pw }, "Microsoft-Windows-UnattendedJoin": { Identification: { Credentials: { Password: pw } } } },
            windowsPE: { [SETUP]: { UserData: { ProductKey: { Key: pw } } } },
          },
        });
        const r = mergeUnattend(layer(x), { ...layer(y), override: overriding });
        expect(r.diagnostics).to.have.length(5);
        const said = JSON.stringify(r.diagnostics);
        expect(said).to.not.contain(x).and.not.contain(y);
        const winner = overriding ? y : x;
        expect(canonicalJson(r.document.settings)).to.equal(canonicalJson(layer(winner).settings));
      }),
      { numRuns: 100 },
    );
  });
});
