/**
 * The account-name policy (components/core/accountNames.ts) and its two surfaces:
 * the blocks' argument checks (localAccounts, localAdministrator) and the
 * validation rules account-name-invalid / local-account-builtin-name. For any
 * name, both give the same verdict on the facts they share, and the blocks
 * refuse more only by the facts the policy keeps to them. fast-check prints
 * the seed of a failing run.
 */
import { expect } from "chai";
import * as fc from "fast-check";
import { UnattendValidationError, validateUnattend, type UnattendDocument } from "../components";
import {
  ACCOUNT_NAME_POLICY,
  BUILTIN_ACCOUNT_NAMES,
  OOBE_ACCOUNT_NAMES,
  accountNameFacts,
  type AccountNameFactId,
} from "../components/core/accountNames";
import { accountNameProblem } from "../components/blocks/accountName";
import { localAccounts } from "../components/blocks";
import { isPlaceholder } from "../components/core/rules/query";

const SHELL = "Microsoft-Windows-Shell-Setup";
const CODES = ["account-name-invalid", "local-account-builtin-name"];

/** What validation says of a file whose one LocalAccount has this Name: the codes of the two rules. */
function ruleCodes(name: string): string[] {
  return validateUnattend({
    settings: { oobeSystem: { [SHELL]: { UserAccounts: { LocalAccounts: [{ Name: name, Group: "Users", Password: "Pw-1-Secret" }] } } } },
  } as unknown as UnattendDocument)
    .diagnostics.filter((d) => CODES.includes(d.code))
    .map((d) => d.code);
}

/** Whether the block refuses this name (at the name's path). */
function blockRefuses(name: string): boolean {
  try {
    localAccounts([{ name, password: "Pw-1-Secret" }]);
    return false;
  } catch (e) {
    expect(e).to.be.instanceOf(UnattendValidationError);
    // one finding, at the name
    expect((e as UnattendValidationError).diagnostics.map((d) => d.path.join("."))).to.deep.equal(["localAccounts.0.name"]);
    return true;
  }
}

/** Facts the rules report for a LocalAccount's Name. */
const shared = (id: AccountNameFactId) => ACCOUNT_NAME_POLICY[id].validation?.kinds.includes("create") === true;

/** Names near every fact: the forbidden characters, \, tab, dots and spaces, lengths around 20, NONE, built-in and OOBE names in any case. */
const piece = fc.oneof(
  fc.constantFrom(..."abcXYZ09-_.' é名"),
  fc.constantFrom(...'"/[]:|<>+=;,?*%@\\'),
  fc.constantFrom("\t", "\n", "\u007f"),
  fc.constantFrom(" ", ".", " ", "."),
);
const randomCase = (s: string) =>
  fc
    .array(fc.boolean(), { minLength: s.length, maxLength: s.length })
    .map((up) => [...s].map((c, i) => (up[i] ? c.toUpperCase() : c.toLowerCase())).join(""));
const names = fc.oneof(
  fc.array(piece, { minLength: 1, maxLength: 24 }).map((p) => p.join("")),
  fc.constantFrom("NONE", ...BUILTIN_ACCOUNT_NAMES, ...OOBE_ACCOUNT_NAMES).chain(randomCase),
  fc.integer({ min: 18, max: 22 }).map((n) => "a".repeat(n)),
);

describe("account names: one policy for blocks and validation", () => {
  it("every fact has a source and a reason; validation reports no fact the blocks accept", () => {
    for (const [id, p] of Object.entries(ACCOUNT_NAME_POLICY)) {
      expect(p.source, id).to.not.equal("");
      expect(p.why, id).to.not.equal("");
      if (p.validation) expect(p.blocks, `${id}: validation reports it, so the blocks must refuse it`).to.equal(true);
    }
  });

  it("the two surfaces agree on the shared facts, for any name", () => {
    fc.assert(
      fc.property(names, (name) => {
        const facts = accountNameFacts(name);
        const rules = ruleCodes(name);
        const blocks = blockRefuses(name);
        // validation reads a value as every rule does: without the white space around it (unless it is only white
        // space), and not at all when it may hold a template placeholder (%NAME%, {{ name }}), filled in before Setup
        const read = isPlaceholder(name) ? undefined : name.trim() === "" ? name : name.trim();
        // validation flags the name exactly when what it reads breaks a shared fact
        expect(rules.length > 0, `rules on ${JSON.stringify(name)}: ${rules.join(", ")}`).to.equal(
          read !== undefined && accountNameFacts(read).some((f) => shared(f.id)),
        );
        // the blocks refuse it exactly when it breaks any fact (or is blank)
        expect(blocks, `block on ${JSON.stringify(name)}`).to.equal(facts.length > 0 || name.trim() === "");
        // so on names that break only shared facts (or none), the verdicts are the same
        if (facts.every((f) => shared(f.id))) expect(blocks, JSON.stringify(name)).to.equal(rules.length > 0);
        // and validation is never stricter than the blocks
        if (rules.length > 0) expect(blocks).to.equal(true);
      }),
      { numRuns: 400 },
    );
  });

  it("names the facts in one pass over the characters, as the array of them did (astral characters, lone surrogates too)", () => {
    // the facts as accountNameFacts found them with an array of the name's characters (32 MB for a name of 4 MiB)
    const before = (name: string) => {
      const chars = [...name];
      const forbidden = [...new Set(chars.filter((c) => '"/[]:|<>+=;,?*%@'.includes(c)))];
      return {
        forbidden,
        control: chars.some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f),
        length: chars.length > 20 ? chars.length : undefined,
      };
    };
    const wide = fc.oneof(piece, fc.constantFrom("\u{1F600}", "\ud800", "\udc00", "\u0000"));
    fc.assert(
      fc.property(
        fc.array(wide, { maxLength: 30 }).map((p) => p.join("")),
        (name) => {
          const facts = accountNameFacts(name);
          const b = before(name);
          expect(facts.find((f) => f.id === "forbidden")?.chars ?? []).to.deep.equal(b.forbidden);
          expect(facts.some((f) => f.id === "control")).to.equal(b.control);
          expect(facts.find((f) => f.id === "length")?.length).to.equal(b.length);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("the facts kept to the blocks are those the policy says, with examples", () => {
    const only = (name: string) => [blockRefuses(name), ruleCodes(name).length > 0];
    expect(only("ops\tadmin")).to.deep.equal([true, false]); // control character
    expect(only("DefaultUser0")).to.deep.equal([true, false]); // OOBE's temporary account
    expect(only("ops\\admin")).to.deep.equal([true, true]); // backslash: refused in a local account by both
    expect(only(". .")).to.deep.equal([true, true]); // only dots and spaces
    expect(only("   ")).to.deep.equal([true, true]); // only spaces: read as they are
    expect(only(" ops")).to.deep.equal([true, false]); // white space around: refused by the blocks, read trimmed by validation
    expect(only("%USER%")).to.deep.equal([true, false]); // a template placeholder: validation leaves it to the template
    expect(only("Guest")).to.deep.equal([true, true]); // a warning in validation, refused by the blocks
    expect(ruleCodes("Guest")).to.deep.equal(["local-account-builtin-name"]);
    expect(accountNameProblem("ops\\admin")).to.contain("cannot contain");
  });

  it("AutoLogon and DomainAccount names keep their own scope (DOMAIN\\user, group names)", () => {
    const codes = (settings: Record<string, unknown>) =>
      validateUnattend({ settings } as unknown as UnattendDocument)
        .diagnostics.filter((d) => CODES.includes(d.code))
        .map((d) => `${d.severity} ${d.code}`);
    const auto = (Username: string) => ({ oobeSystem: { [SHELL]: { AutoLogon: { Enabled: true, LogonCount: 2, Username, Password: "Pw-1" } } } });
    expect(codes(auto("CONTOSO\\ops"))).to.deep.equal([]);
    expect(codes(auto("Administrator"))).to.deep.equal([]);
    expect(codes(auto("..."))).to.deep.equal(["error account-name-invalid"]);
    const domain = (Name: string) => ({
      oobeSystem: { [SHELL]: { UserAccounts: { DomainAccounts: [{ Domain: "CONTOSO", DomainAccount: [{ Name, Group: "Administrators" }] }] } } },
    });
    expect(codes(domain("Workstation Administrators Group"))).to.deep.equal([]);
    expect(codes(domain("CONTOSO\\ops"))).to.deep.equal([]);
    expect(codes(domain("ops;admins"))).to.deep.equal(["error account-name-invalid"]);
    const offline = (Name: string) => ({
      offlineServicing: { [SHELL]: { OfflineUserAccounts: { OfflineLocalAccounts: [{ Name, Group: "Users", Password: "Pw-1-Secret" }] } } },
    });
    expect(codes(offline("Guest"))).to.deep.equal(["warning local-account-builtin-name"]);
    expect(codes(offline("a\\b"))).to.deep.equal(["error account-name-invalid"]);
  });
});
