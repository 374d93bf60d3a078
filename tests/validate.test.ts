import { textPath } from "./helpers";
import { formatPath, pathKey } from "../components/core/diagnostics";
import { normalize } from "../components/core/normalize";
import { expect } from "chai";
import fc from "fast-check";
import { renderUnattend, validateUnattend, UnattendValidationError, type UnattendDocument } from "../components";

/** Validation of untyped input, as JavaScript users and Outputs deliver it. */
function check(doc: unknown) {
  return validateUnattend(doc as UnattendDocument).diagnostics;
}

const WS = "Microsoft-Windows-WorkstationService";

describe("validateUnattend", () => {
  it("accepts the seed document", () => {
    expect(check({ settings: { generalize: { [WS]: { AllowInsecureGuestAuth: 0 } } } })).to.deep.equal([]);
  });

  it("rejects a setting in a pass where it is not valid, naming the path and the valid pass", () => {
    const [d, ...rest] = check({ settings: { specialize: { [WS]: { AllowInsecureGuestAuth: 1 } } } });
    expect(rest).to.deep.equal([]);
    expect(textPath(d)).to.include({
      severity: "error",
      code: "wrong-pass",
      path: 'settings.specialize["Microsoft-Windows-WorkstationService"].AllowInsecureGuestAuth',
    });
    expect(d.message).to.contain('valid only in "generalize"').and.contain("settings.generalize");
  });

  it("rejects a value outside 0|1 and says what is valid", () => {
    const [d] = check({ settings: { generalize: { [WS]: { AllowInsecureGuestAuth: 2 } } } });
    expect(d).to.include({ code: "out-of-range", severity: "error" });
    expect(formatPath(d.path)).to.equal('settings.generalize["Microsoft-Windows-WorkstationService"].AllowInsecureGuestAuth');
    expect(d.message).to.contain("Valid: 0, 1");
  });

  it("rejects non-integers, strings that are not numbers and objects", () => {
    for (const bad of [0.5, "yes", true, { a: 1 }, [1]]) {
      const ds = check({ settings: { generalize: { [WS]: { AllowInsecureGuestAuth: bad } } } });
      expect(ds, JSON.stringify(bad)).to.have.length(1);
      expect(ds[0].severity).to.equal("error");
      expect(ds[0].code).to.be.oneOf(["invalid-integer", "wrong-shape"]);
    }
  });

  it("accepts the value as numeric text (as parsed XML gives it)", () => {
    expect(check({ settings: { generalize: { [WS]: { AllowInsecureGuestAuth: "1" } } } })).to.deep.equal([]);
  });

  it("rejects an empty value", () => {
    const [d] = check({ settings: { generalize: { [WS]: { AllowInsecureGuestAuth: "" } } } });
    expect(d).to.include({ code: "empty-value" });
    expect(d.message).to.contain("Valid: 0, 1");
  });

  it("suggests the nearest name for an unknown pass, component and setting", () => {
    const pass = check({ settings: { generalise: { [WS]: { AllowInsecureGuestAuth: 1 } } } });
    expect(textPath(pass[0])).to.include({ code: "unknown-pass", path: "settings.generalise" });
    expect(pass[0].message).to.contain('did you mean "generalize"'.replace("did", "Did"));

    const comp = check({ settings: { generalize: { "Microsoft-Windows-WorkstationServce": { AllowInsecureGuestAuth: 1 } } } });
    expect(comp[0]).to.include({ code: "unknown-component" });
    expect(comp[0].message).to.contain(`Did you mean "${WS}"`);

    const setting = check({ settings: { generalize: { [WS]: { AllowInsecureGuestAuh: 1 } } } });
    expect(setting[0]).to.include({ code: "unknown-setting" });
    expect(formatPath(setting[0].path)).to.equal('settings.generalize["Microsoft-Windows-WorkstationService"].AllowInsecureGuestAuh');
    expect(setting[0].message).to.contain('Did you mean "AllowInsecureGuestAuth"');
  });

  it("says when a name differs only in case", () => {
    const [d] = check({ settings: { generalize: { [WS]: { allowinsecureguestauth: 1 } } } });
    expect(d.message).to.contain("case-sensitive").and.contain('"AllowInsecureGuestAuth"');
  });

  it("rejects unknown and repeated architectures, and an empty list", () => {
    const doc = { settings: { generalize: { [WS]: { AllowInsecureGuestAuth: 1 } } } };
    const unknown = check({ ...doc, architectures: ["amd46"] });
    expect(textPath(unknown[0])).to.include({ code: "unknown-architecture", path: "architectures" });
    expect(unknown[0].message).to.contain('Did you mean "amd64"').and.contain('"arm64"');
    const repeated = check({ ...doc, architectures: ["amd64", "x86", "amd64"] });
    expect(repeated.map((d) => d.code)).to.deep.equal(["duplicate-architecture"]);
    expect(check({ ...doc, architectures: [] })[0]).to.include({ code: "empty-architectures" });
    expect(textPath(check({ ...doc, architectures: "amd64" })[0])).to.include({ code: "wrong-shape", path: "architectures" });
  });

  it("rejects an empty document", () => {
    for (const doc of [{ settings: {} }, { settings: { generalize: {} } }, {}]) {
      const ds = check(doc);
      expect(
        ds.map((d) => d.code),
        JSON.stringify(doc),
      ).to.deep.equal(["empty-document"]);
      expect(formatPath(ds[0].path)).to.equal("settings");
    }
  });

  it("reports wrong shapes at every level", () => {
    expect(textPath(check({ settings: "x" })[0])).to.include({ code: "wrong-shape", path: "settings" });
    expect(textPath(check({ settings: { generalize: 1 } })[0])).to.include({ code: "wrong-shape", path: "settings.generalize" });
    expect(check({ settings: { generalize: { [WS]: [] } } })[0]).to.include({ code: "wrong-shape" });
  });

  it("reports every error at once", () => {
    const ds = check({
      architectures: ["amd64", "amd64", "sparc"],
      settings: {
        specialize: { [WS]: { AllowInsecureGuestAuth: 1 } },
        generalize: { [WS]: { AllowInsecureGuestAuth: 7, Bogus: 1 } },
      },
    });
    expect(ds.map((d) => d.code).sort()).to.deep.equal(
      ["duplicate-architecture", "out-of-range", "unknown-architecture", "unknown-setting", "wrong-pass"].sort(),
    );
  });
});

describe("renderUnattend errors", () => {
  it("throws UnattendValidationError listing every error with its path", () => {
    const doc = {
      settings: {
        specialize: { [WS]: { AllowInsecureGuestAuth: 1 } },
        generalize: { [WS]: { AllowInsecureGuestAuth: 2 } },
      },
    } as unknown as UnattendDocument;
    let caught: unknown;
    try {
      renderUnattend(doc);
    } catch (e) {
      caught = e;
    }
    expect(caught).to.be.instanceOf(UnattendValidationError);
    const err = caught as UnattendValidationError;
    expect(err.diagnostics).to.have.length(2);
    expect(err.message).to.match(/^2 errors in the unattend settings:/);
    expect(err.message).to.contain('settings.specialize["Microsoft-Windows-WorkstationService"].AllowInsecureGuestAuth');
    expect(err.message).to.contain('settings.generalize["Microsoft-Windows-WorkstationService"].AllowInsecureGuestAuth');
  });
});

describe("duplicate components (found by sorting, not a key per component)", () => {
  const SHELL = "Microsoft-Windows-Shell-Setup";
  const NAMES = [SHELL, SHELL.toLowerCase(), "Contoso-Agent", "contoso-agent", "CONTOSO-AGENT", "Contoso-Other"];
  const ARCHS = ["amd64", "x86", "arm64"];
  const entry = fc.record({
    field: fc.constantFrom("settings", "unvalidated", "perArchitecture", "unvalidatedPerArchitecture"),
    arch: fc.constantFrom(...ARCHS),
    pass: fc.constantFrom("specialize", "oobeSystem"),
    name: fc.constantFrom(...NAMES),
  });
  /** A document from entries: a component per entry (the same field, pass and name given twice is one). */
  const documentOf = (entries: { field: string; arch: string; pass: string; name: string }[], architectures: string[]) => {
    const doc: Record<string, any> = { architectures };
    for (const e of entries) {
      const perArch = e.field.endsWith("PerArchitecture");
      const root = (doc[e.field] ??= {});
      const passes = perArch ? (root[e.arch] ??= {}) : root;
      const value = e.field.startsWith("unvalidated") ? { Note: "x" } : { ComputerName: "PC1" };
      (passes[e.pass] ??= {})[e.name] = value;
    }
    return doc as UnattendDocument;
  };

  it("reports each component declared again, at its path, with the first one's, as a key per component did", () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 12 }), fc.subarray(ARCHS, { minLength: 1 }), (entries, architectures) => {
        const doc = documentOf(entries, architectures);
        // the reference: the first of each pass, name (any case) and architecture, in the components' order
        const seen = new Map<string, { path: readonly (string | number)[] }>();
        const expected: { path: string; also: string }[] = [];
        for (const c of normalize(doc).components) {
          const id = `${c.pass}\u0000${c.name.toLowerCase()}\u0000${c.architecture}`;
          const first = seen.get(id);
          if (!first) seen.set(id, c);
          else expected.push({ path: formatPath(c.path), also: pathKey(first.path) === pathKey(c.path) ? "" : formatPath(first.path) });
        }
        const got = validateUnattend(doc).diagnostics.filter((d) => d.code === "duplicate-component");
        expect(got.map((d) => formatPath(d.path))).to.deep.equal(expected.map((e) => e.path));
        got.forEach((d, i) => {
          if (expected[i].also) expect(d.message).to.contain(`(also at ${expected[i].also})`);
          else expect(d.message).not.to.contain("also at");
        });
      }),
    );
  });

  it("validates a shared component's settings once, whatever the number of architectures", () => {
    const doc = (architectures: string[]) =>
      validateUnattend({ architectures, settings: { specialize: { [SHELL]: { ComputerName: "PC1", NotASetting: "1" } } } } as UnattendDocument)
        .diagnostics;
    expect(doc(["amd64", "x86", "arm64"])).to.deep.equal(doc(["amd64"]));
    expect(doc(["amd64"]).map((d) => d.code)).to.deep.equal(["unknown-setting"]);
  });
});
