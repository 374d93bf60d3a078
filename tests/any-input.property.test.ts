/**
 * Every public function answers any JSON-ish input with diagnostics or a
 * typed error, never a TypeError (issue "trust, round 3", item 14): null,
 * undefined, sparse arrays, numbers, strings, objects with a null prototype,
 * at the top and inside documents shaped like real ones. fast-check prints
 * the seed and the shrunk input of a failure.
 */
import { expect } from "chai";
import fc from "fast-check";
import * as core from "../components/pure";
import { PASSES } from "../components/catalog/types";
import { RuleIgnoreError } from "../components/core/rules";

const { UnattendValidationError } = core;

/** Whatever a JavaScript caller might pass: JSON values and their holes. */
const jsonish = fc.anything({
  maxDepth: 3,
  maxKeys: 4,
  withNullPrototype: true,
  withSparseArray: true,
  withBigInt: true,
  withDate: true,
  withBoxedValues: true,
  withObjectString: true,
  withTypedArray: true,
  key: fc.oneof(fc.string(), fc.constantFrom("settings", "architectures", "value", "wcm:action", "Order", "__proto__", "xml")),
});

const COMPONENTS = ["Microsoft-Windows-Shell-Setup", "Microsoft-Windows-Deployment", "Microsoft-Windows-Setup", "Contoso-Agent"];
const part = <T>(a: fc.Arbitrary<T>) => fc.oneof(a, jsonish);
/** The array with a hole first (`[, ...a]`). */
const withHole = <T>(a: T[]): T[] => {
  const out = new Array<T>(a.length + 1);
  a.forEach((v, i) => (out[i + 1] = v));
  return out;
};
/** Documents shaped like real ones, with JSON-ish values (and holes) where the values go. */
const documentish = fc.record(
  {
    settings: part(fc.dictionary(fc.constantFrom(...PASSES), part(fc.dictionary(fc.constantFrom(...COMPONENTS), jsonish)))),
    architectures: part(fc.array(fc.oneof(fc.constantFrom("amd64", "x86", undefined, null), jsonish), { maxLength: 3 }).map(withHole)),
    perArchitecture: part(fc.dictionary(fc.constantFrom("amd64", "x86", "arm64"), jsonish)),
    unvalidated: part(fc.dictionary(fc.constantFrom(...PASSES), part(fc.dictionary(fc.constantFrom(...COMPONENTS), jsonish)))),
    unvalidatedPerArchitecture: jsonish,
    extras: part(fc.array(part(fc.record({ xml: part(fc.constant("<x:a xmlns:x='urn:x'/>")), placement: jsonish })))),
    override: jsonish,
    name: jsonish,
  },
  { requiredKeys: [] },
);
const input = fc.oneof(jsonish, documentish);
const args = fc.array(input, { maxLength: 3 });

/** A typed error of ours, or a value returned: what any input may give. */
function typed(e: unknown): boolean {
  return e instanceof UnattendValidationError || e instanceof RuleIgnoreError;
}

/** Every exported function (classes aside), and those of exported groups of functions (commands.specialize, diskLayout.uefi...). */
const publicFunctions: [string, (...a: unknown[]) => unknown][] = [];
for (const [name, value] of Object.entries(core)) {
  if (typeof value === "function" && !/^[A-Z]/.test(name)) publicFunctions.push([name, value as (...a: unknown[]) => unknown]);
  else if (value && typeof value === "object" && Object.values(value).length > 0 && Object.values(value).every((v) => typeof v === "function")) {
    for (const [k, f] of Object.entries(value as Record<string, (...a: unknown[]) => unknown>)) publicFunctions.push([`${name}.${k}`, f]);
  }
}

/** The layer functions of the Pulumi entry point (pure, but they load @pulumi/pulumi). */
const layers = require("../components/pulumi/layers") as typeof import("../components/pulumi/layers");
/** The password codec: no longer public, but the CLI gives it whatever a file holds. */
const password = require("../components/core/password") as typeof import("../components/core/password");
publicFunctions.push(
  ["resolveLayers", layers.resolveLayers as (...a: unknown[]) => unknown],
  ["mergeLayerInputs", layers.mergeLayerInputs as (...a: unknown[]) => unknown],
  ["encodePassword", password.encodePassword as (...a: unknown[]) => unknown],
  ["decodePassword", password.decodePassword as (...a: unknown[]) => unknown],
);

describe("any input to any public function (property)", function () {
  this.timeout(120_000);

  it("lists the public functions it calls", () => {
    expect(publicFunctions.map(([n]) => n)).to.include.members([
      "renderUnattend",
      "validateUnattend",
      "parseUnattend",
      "validateUnattendXml",
      "importUnattend",
      "mergeUnattend",
      "encodePassword",
      "decodePassword",
      "formatPath",
      "domainJoin",
      "localAdministrator",
      "commands.specialize",
      "diskLayout.uefi",
      "override",
      "resolveLayers",
      "mergeLayerInputs",
    ]);
  });

  for (const [name, fn] of publicFunctions) {
    it(`${name}: returns or throws a typed error, never a TypeError, whatever it is given`, () => {
      fc.assert(
        fc.property(args, (a) => {
          try {
            fn(...a);
          } catch (e) {
            if (!typed(e)) throw new Error(`${name}(${a.length} argument(s)) threw ${(e as Error)?.stack ?? String(e)}`, { cause: e });
          }
        }),
        { numRuns: Number(process.env.ANY_INPUT_RUNS ?? 300) },
      );
    });
  }

  it("an object inside itself: a wrong-shape diagnostic naming where, not an endless walk (validate, merge)", () => {
    const a: Record<string, unknown> = { v: "1" };
    a.x = a;
    a.y = a;
    const doc = { settings: {}, unvalidated: { specialize: { "Contoso-Agent": { A: a } } } } as never;
    const ds = core.validateUnattend(doc).diagnostics.filter((d) => d.code === "too-deep");
    expect(ds.map((d) => core.formatPath(d.path))).to.deep.equal([
      'unvalidated.specialize["Contoso-Agent"].A.x',
      'unvalidated.specialize["Contoso-Agent"].A.y',
    ]);
    const merged = core.mergeUnattend({ settings: {} }, doc);
    expect(merged.diagnostics.map((d) => [d.code, core.formatPath(d.path)])).to.deep.equal([
      ["too-deep", 'layers[1].unvalidated.specialize["Contoso-Agent"].A.x'],
    ]);
  });

  it("the cases of the issue: renderUnattend(null), a sparse architectures array", () => {
    expect(() => core.renderUnattend(null as never)).to.throw(UnattendValidationError);
    // eslint-disable-next-line no-sparse-arrays
    const ds = core.validateUnattend({ settings: {}, architectures: [, "amd64"] as never }).diagnostics;
    expect(ds.map((d) => [d.code, core.formatPath(d.path)])).to.deep.include(["wrong-shape", "architectures"]);
  });
});
