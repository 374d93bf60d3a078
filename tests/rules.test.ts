/**
 * The cross-setting rules (components/core/rules): the registry's data, one
 * failing and one passing document per rule (tests/rules-cases.ts), silencing
 * warnings by id, and properties every rule keeps.
 */
import { expect } from "chai";
import fc from "fast-check";
import * as fs from "node:fs";
import * as path from "node:path";
import { renderUnattend, validateUnattend, validateUnattendXml, type Diagnostic, type UnattendDocument } from "../components";
import { RULES, RULE_IDS, RuleIgnoreError, findRule, ruleDocs } from "../components/core/rules";
import { formatPath } from "../components/core/diagnostics";
import { normalize } from "../components/core/normalize";
import { checkRules } from "../components/core/rules";
import { isPlaceholder } from "../components/core/rules/query";
import { withRules } from "../tools/readme/rules";
import { readRepoFile, reverseKeys, sharedDir } from "./helpers";
import { CASES, type RuleCase } from "./rules-cases";

const doc = (settings: Record<string, unknown>, architectures: string[] = ["amd64"], perArchitecture?: Record<string, unknown>) =>
  ({ settings, architectures, ...(perArchitecture ? { perArchitecture } : {}) }) as unknown as UnattendDocument;

const ruleFindings = (ds: Diagnostic[]) => ds.filter((d) => findRule(d.code));
const of = (ds: Diagnostic[], id: string) => ds.filter((d) => d.code === id);
const key = (d: Diagnostic) => `${d.code} ${formatPath(d.path)} ${d.message}`;

/** Every string of a value that looks like a password of the cases ("Pw-..."). */
function secrets(value: unknown): string[] {
  if (typeof value === "string") return value.startsWith("Pw-") ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(secrets);
  if (value && typeof value === "object") return Object.values(value).flatMap(secrets);
  return [];
}

describe("cross-setting rules", () => {
  describe("the registry", () => {
    it("holds at least 40 rules, each id kebab-case and unique", () => {
      expect(new Set(RULE_IDS).size).to.equal(RULE_IDS.length);
      expect(RULES.length).to.be.at.least(40);
      for (const id of RULE_IDS) expect(id).to.match(/^[a-z0-9]+(-[a-z0-9]+)+$/);
    });

    it("gives each rule a severity, an area, one line, a page and the page's rule in a sentence", () => {
      for (const r of RULES) {
        expect(["error", "warning"], r.id).to.include(r.severity);
        expect(["disks", "accounts", "commands", "identity", "locale", "passes", "architectures", "features"], r.id).to.include(r.area);
        expect(r.summary, r.id)
          .to.match(/^[A-Z].*\.$/)
          .and.not.contain("\n");
        for (const s of [r.source, ...(r.also ?? [])]) {
          expect(s.page, r.id).to.match(/^[a-z0-9-]+$/);
          expect(s.says, r.id).to.match(/^[A-Z].*\.$/);
        }
        if (r.judgement !== undefined) expect(r.judgement, r.id).to.match(/^[A-Z].*\.$/);
        expect(ruleDocs(r.id)!.url).to.equal(`https://learn.microsoft.com/en-us/windows-hardware/customize/desktop/unattend/${r.source.page}`);
      }
    });

    it("cites pages of the reference, in our own words", function () {
      const dir = sharedDir("unattend-reference");
      if (!dir) {
        console.log("      skipped: ../shared/unattend-reference is absent (it sits beside the checkout in the project's workspace and CI)");
        this.skip();
      }
      const copied: string[] = [];
      const words = (s: string) =>
        s
          .toLowerCase()
          .replace(/<[^>]*>|[`*\\[\]()]/g, " ")
          .split(/[^a-z0-9%/]+/)
          .filter(Boolean);
      for (const r of RULES) {
        for (const s of [r.source, ...(r.also ?? [])]) {
          const file = path.join(dir!, `${s.page}.md`);
          expect(fs.existsSync(file), `${r.id} cites ${s.page}`).to.equal(true);
          // no run of eight words of the page's text in ours: the facts are the page's, the sentences ours
          const page = ` ${words(fs.readFileSync(file, "utf8")).join(" ")} `;
          const ours = words(s.says);
          for (let i = 0; i + 8 <= ours.length; i++) {
            const run = ours.slice(i, i + 8).join(" ");
            if (page.includes(` ${run} `)) copied.push(`${r.id}: "${run}" is copied from ${s.page}`);
          }
        }
      }
      expect(copied).to.deep.equal([]);
    });
  });

  describe("docs/validation.md", () => {
    it("lists every rule as its data says (node build/tools/readme/rules.js regenerates it)", () => {
      const readme = readRepoFile("docs/validation.md");
      expect(withRules(readme) === readme, "docs/validation.md's rule list is out of date: run node build/tools/readme/rules.js").to.equal(true);
      for (const id of RULE_IDS) expect(readme).to.contain(`| \`${id}\` |`);
    });
  });

  describe("each rule fires on its failing document and not on its passing one", () => {
    it("every rule has a case", () => {
      expect(Object.keys(CASES).sort()).to.deep.equal([...RULE_IDS].sort());
    });

    for (const id of RULE_IDS) {
      const c: RuleCase = CASES[id];
      const rule = findRule(id)!;
      it(`${id} (${rule.severity})`, () => {
        const failing = validateUnattend(doc(c.fail, undefined, c.perArchitecture?.fail)).diagnostics;
        const found = of(failing, id);
        expect(found, JSON.stringify(failing.map(key), null, 1)).to.have.length(1);
        const d = found[0];
        expect(d.severity).to.equal(rule.severity);
        expect(formatPath(d.path)).to.equal(c.at);
        // the message names the setting (by its name, as validation does: the path is the diagnostic's own,
        // or by its path) and any other one by its path, says what would be valid, and quotes no password
        expect(
          d.message.startsWith(`"${String(d.path[d.path.length - 1])}"`) ||
            /^"[A-Za-z]+"/.test(d.message) ||
            d.message.includes(c.at.replace(/\[\d+\]$/, "")),
        ).to.equal(true, d.message);
        expect(d.message).to.match(/\.$/);
        expect(d.message).not.to.match(/undefined|NaN|\[object /);
        for (const s of [...secrets(c.fail), ...secrets(c.pass)]) {
          for (const x of failing) expect(x.message, `${x.code} quotes a password`).not.to.contain(s);
        }
        const passing = validateUnattend(doc(c.pass, undefined, c.perArchitecture?.pass)).diagnostics;
        expect(of(passing, id).map(key)).to.deep.equal([]);
      });
    }
  });

  describe("values that are not plain literals are not compared", () => {
    const setup = (s: object) => doc({ windowsPE: { "Microsoft-Windows-Setup": s } });
    const wiped = { DiskID: 0, WillWipeDisk: true, CreatePartitions: [{ Order: 1, Type: "Primary", Extend: true }] };
    for (const [what, d, id] of [
      [
        "a partition ID from a template",
        setup({ DiskConfiguration: { Disk: [wiped] }, ImageInstall: { OSImage: { InstallTo: { DiskID: 0, PartitionID: "${var.partition}" } } } }),
        "install-to-missing-partition",
      ],
      [
        "a disk ID from a template",
        setup({
          DiskConfiguration: { Disk: [{ ...wiped, DiskID: "%disk_id%" }] },
          ImageInstall: { OSImage: { InstallTo: { DiskID: 0, PartitionID: 2 } } },
        }),
        "install-to-missing-partition",
      ],
      [
        "an image index from a template",
        setup({ ImageInstall: { OSImage: { InstallFrom: { MetaData: [{ Key: "/IMAGE/INDEX", Value: "@@INDEX@@" }] } } } }),
        "image-index-not-number",
      ],
      [
        "a locale from a template",
        doc({ oobeSystem: { "Microsoft-Windows-International-Core": { UILanguage: "{{ .Locale }}", InputLocale: "%locale%" } } }),
        "locale-format",
      ],
      [
        "a password from a template",
        doc({
          oobeSystem: {
            "Microsoft-Windows-Shell-Setup": {
              UserAccounts: { LocalAccounts: [{ Name: "ops", Password: "${var.password}" }] },
              AutoLogon: { Enabled: true, LogonCount: 2, Username: "ops", Password: "Pw-Literal-Secret" },
            },
          },
        }),
        "autologon-password-mismatch",
      ],
      [
        "a user name from a template",
        doc({
          oobeSystem: {
            "Microsoft-Windows-Shell-Setup": {
              UserAccounts: { LocalAccounts: [{ Name: "ops" }] },
              AutoLogon: { Enabled: true, LogonCount: 2, Username: "$User" },
            },
          },
        }),
        "autologon-unknown-user",
      ],
    ] as const) {
      it(`${id}: ${what}`, () => {
        expect(of(validateUnattend(d).diagnostics, id).map(key)).to.deep.equal([]);
      });
    }

    it("the placeholder recogniser knows the usual template syntaxes and leaves literals alone", () => {
      for (const t of ["${var.x}", "{{ .Name }}", "{% if x %}", "@@COMPUTERNAME@@", "%arch%", "$VmName", "{ComputerName}", "--PRODUCTKEY--"])
        expect(isPlaceholder(t), t).to.equal(true);
      for (const t of ["en-US", "1", "Administrator", "C:\\Windows", "100%", "a$b", "{de94bba406d14d40a16abfd50179d6ac}", "--", "-x-", "{a b}"])
        expect(isPlaceholder(t), t).to.equal(false);
    });
  });

  describe("silencing a warning by id", () => {
    const warnings = RULES.filter((r) => r.severity === "warning");
    const errors = RULES.filter((r) => r.severity === "error");

    it("removes exactly that rule's findings, from validateUnattend and renderUnattend", () => {
      for (const r of warnings) {
        const d = doc(CASES[r.id].fail);
        const all = validateUnattend(d).diagnostics;
        const ignored = validateUnattend(d, { ignore: [r.id] }).diagnostics;
        expect(ignored.map(key), r.id).to.deep.equal(all.filter((x) => x.code !== r.id).map(key));
      }
      const only = doc(CASES["partition-order-gap"].fail);
      expect(() => renderUnattend(only, { ignore: ["partition-order-gap"] })).not.to.throw();
    });

    it("works for files too (validateUnattendXml)", () => {
      const xml = renderUnattend(doc(CASES["autologon-logoncount-one"].fail));
      expect(of(validateUnattendXml(xml).diagnostics, "autologon-logoncount-one")).to.have.length(1);
      expect(of(validateUnattendXml(xml, { ignore: ["autologon-logoncount-one"] }).diagnostics, "autologon-logoncount-one")).to.have.length(0);
    });

    it("refuses an error's id, saying why, in every entry point", () => {
      for (const r of errors) {
        const d = doc(CASES[r.id].pass);
        expect(() => validateUnattend(d, { ignore: [r.id] }).diagnostics, r.id).to.throw(RuleIgnoreError, `"${r.id}" is an error, not a warning`);
      }
      const id = errors[0].id;
      expect(() => renderUnattend(doc(CASES[id].pass), { ignore: [id] })).to.throw(RuleIgnoreError, "cannot be ignored");
      expect(() => validateUnattendXml("<unattend/>", { ignore: [id] })).to.throw(RuleIgnoreError, "cannot be ignored");
    });

    it("refuses an id that is no rule, with the nearest one", () => {
      expect(() => validateUnattend(doc(CASES["partition-order-gap"].pass), { ignore: ["partition-order-gaps"] as never }).diagnostics).to.throw(
        RuleIgnoreError,
        /"partition-order-gaps" is not the id of a rule.*Did you mean "partition-order-gap"\?/,
      );
      expect(() => validateUnattend(doc(CASES["partition-order-gap"].pass), { ignore: ["unvalidated"] as never }).diagnostics).to.throw(
        RuleIgnoreError,
        "is not the id of a rule",
      );
      expect(() => validateUnattend(doc(CASES["partition-order-gap"].pass), { ignore: [42 as never] }).diagnostics).to.throw(
        RuleIgnoreError,
        "as strings",
      );
    });
  });

  describe("properties", () => {
    const ids = fc.constantFrom(...RULE_IDS);

    it("findings do not depend on the order of keys", () => {
      fc.assert(
        fc.property(ids, fc.boolean(), (id, failing) => {
          const s = failing ? CASES[id].fail : CASES[id].pass;
          expect(ruleFindings(validateUnattend(doc(reverseKeys(s))).diagnostics).map(key)).to.deep.equal(
            ruleFindings(validateUnattend(doc(s)).diagnostics).map(key),
          );
        }),
        { numRuns: 150 },
      );
    });

    it("settings shared by several architectures are reported once, as for one architecture", () => {
      const archs = fc.subarray(["x86", "amd64", "arm64", "wow64"], { minLength: 1 });
      fc.assert(
        fc.property(ids, archs, (id, a) => {
          const one = ruleFindings(validateUnattend(doc(CASES[id].fail)).diagnostics).map(key);
          expect(ruleFindings(validateUnattend(doc(CASES[id].fail, a)).diagnostics).map(key)).to.deep.equal(one);
        }),
        { numRuns: 150 },
      );
    });

    it("a component declared for one architecture only is checked with that architecture's path", () => {
      const d = {
        settings: {},
        architectures: ["amd64", "x86"],
        perArchitecture: { x86: CASES["partition-size-and-extend"].fail },
      } as unknown as UnattendDocument;
      const found = of(validateUnattend(d).diagnostics, "partition-size-and-extend");
      expect(found.map((x) => formatPath(x.path))).to.deep.equal([
        CASES["partition-size-and-extend"].at.replace(/^settings\./, "perArchitecture.x86."),
      ]);
    });

    /** Every leaf of a settings object, as a path of keys and indexes. */
    function leaves(value: unknown, at: (string | number)[] = []): (string | number)[][] {
      if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, [...at, i]));
      if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => leaves(v, [...at, k]));
      return [at];
    }
    function replaced(value: unknown, at: (string | number)[], by: unknown): unknown {
      if (at.length === 0) return by;
      const [head, ...rest] = at;
      if (Array.isArray(value)) return value.map((v, i) => (i === head ? replaced(v, rest, by) : v));
      const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
      out[head as string] = replaced(out[head as string], rest, by);
      return out;
    }

    it("never throw, and report only rule codes with the rule's severity and a readable message, whatever a value is", () => {
      const junk = fc.oneof(
        fc.jsonValue(),
        fc.constantFrom("${var.x}", "%arch%", "", " ", "-1", "0", "99999999999999999999", "true", "TRUE", "\\\\srv\\share", null),
      );
      fc.assert(
        fc.property(ids, fc.boolean(), fc.nat(), junk, (id, failing, n, value) => {
          const s = failing ? CASES[id].fail : CASES[id].pass;
          const all = leaves(s);
          const d = doc(replaced(s, all[n % all.length], value) as Record<string, unknown>);
          for (const x of ruleFindings(validateUnattend(d).diagnostics)) {
            expect(x.severity).to.equal(findRule(x.code)!.severity);
            expect(x.path[0]).to.equal("settings");
            expect(x.message)
              .to.match(/\.$/)
              .and.not.match(/undefined|NaN|\[object /);
          }
        }),
        { numRuns: 400 },
      );
    });

    it("stay linear: ten times the disks cost about ten times the work, not a hundred", () => {
      const big = (n: number) =>
        normalize({
          settings: {
            windowsPE: {
              "Microsoft-Windows-Setup": {
                DiskConfiguration: {
                  Disk: Array.from({ length: n }, (_, i) => ({
                    DiskID: i,
                    WillWipeDisk: true,
                    CreatePartitions: [
                      { Order: 1, Type: "Primary", Size: 300 },
                      { Order: 2, Type: "Primary", Extend: true },
                    ],
                    ModifyPartitions: [{ Order: 1, PartitionID: 1, Format: "NTFS", Letter: String.fromCharCode(67 + (i % 24)) }],
                  })),
                },
              },
            },
          },
        });
      // work measured as reads of the normalised tree (deterministic, unlike time on a shared machine):
      // every object of the tree is wrapped in a proxy that counts property reads
      const reads = (n: number) => {
        let count = 0;
        const wrapped = new WeakMap<object, object>();
        const wrap = <T>(value: T): T => {
          if (!value || typeof value !== "object") return value;
          const known = wrapped.get(value as object);
          if (known) return known as T;
          const proxy = new Proxy(value as object, {
            get(target, prop, receiver) {
              count++;
              return wrap(Reflect.get(target, prop, receiver));
            },
          });
          wrapped.set(value as object, proxy);
          return proxy as T;
        };
        checkRules(wrap(big(n)));
        return count;
      };
      const small = reads(100);
      const large = reads(1000);
      console.log(`      reads: ${small} for 100 disks, ${large} for 1000`);
      expect(large / small).to.be.within(5, 15);
    });
  });
});
