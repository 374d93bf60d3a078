/**
 * An honest diff (issue 18, item 12, and the diff part of item 2): `unattend
 * diff` compares what is rendered (wcm:action, wcm:keyValue, xsi:nil against
 * text, extras with their multiplicity, SNMP communities, order), never a
 * lossy projection, and masks confidential values. Hostile pairs from
 * tests/hostile/diff-base.xml, and a property: two documents render to
 * different bytes exactly when `diff` exits non-zero.
 */
import { expect } from "chai";
import * as fc from "fast-check";
import * as fs from "node:fs";
import * as path from "node:path";
import { type UnattendDocument } from "../components";
import { renderParsed } from "../components/core/parse";
import { UNNAMED_DIFFERENCE } from "../components/core/compare";
import { unattend } from "./cli-run";
import { REPO } from "./helpers";

const base = fs.readFileSync(path.join(REPO, "tests", "hostile", "diff-base.xml"), "utf8");
const diff = (a: string, b: string) => unattend(["diff", "a.xml", "b.xml"], { files: { "a.xml": a, "b.xml": b } });
const DEPLOY = "specialize/Microsoft-Windows-Deployment/RunSynchronous/RunSynchronousCommand[1]";

describe("unattend diff compares what is rendered", function () {
  this.timeout(120_000);

  const cases: [string, (s: string) => string, string[]][] = [
    [
      'wcm:action="add" vs "remove"',
      (s) => s.replace('<Rule wcm:action="add"', '<Rule wcm:action="remove"'),
      ["~ specialize/Contoso-Agent/Rule[r1]/@wcm:action: add => remove"],
    ],
    [
      "a changed wcm:keyValue on an Order-keyed item",
      (s) => s.replace('wcm:keyValue="first"', 'wcm:keyValue="second"'),
      [`~ ${DEPLOY}/@wcm:keyValue: first => second`],
    ],
    [
      'xsi:nil="true" vs the text "xsi:nil"',
      (s) => s.replace("<Level>xsi:nil</Level>", '<Level xsi:nil="true"/>'),
      ["- specialize/Contoso-Agent/Level: xsi:nil", "+ specialize/Contoso-Agent/Level/@xsi:nil: true"],
    ],
    ["an extra element once vs twice", (s) => s.replace(/( *<cpi:offlineImage[^\n]*\n)/, "$1$1"), ["+ <cpi:offlineImage>"]],
    [
      "an extra element written otherwise (kept byte for byte)",
      (s) => s.replace('cpi:source="wim:c:/install.wim#Windows 11 Pro"/>', 'cpi:source="wim:c:/install.wim#Windows 11 Pro" />'),
      ["~ <cpi:offlineImage>: the same content, written otherwise (extras are written byte for byte)"],
    ],
    [
      "a changed SNMP community (masked)",
      (s) => s.replace('wcm:keyValue="CorpCommunityS3cret"', 'wcm:keyValue="NewCommunityS3cret"'),
      ["~ specialize/Microsoft-Windows-SNMP-Agent-Service/ValidCommunities/ValidCommunity[1]/@wcm:keyValue: [secret] => [secret]"],
    ],
    [
      "a component without settings",
      (s) =>
        s.replace(
          "    </settings>",
          '        <component name="Contoso-Empty" processorArchitecture="amd64" publicKeyToken="31bf3856ad364e35" language="neutral" versionScope="nonSxS"/>\n    </settings>',
        ),
      ["+ specialize/Contoso-Empty: (a component without settings)"],
    ],
  ];
  for (const [label, change, lines] of cases) {
    it(`${label}: reported, exit 1`, () => {
      const changed = change(base);
      expect(changed).to.not.equal(base);
      const r = diff(base, changed);
      expect(r.out).to.equal(lines.map((l) => l + "\n").join(""));
      expect(r.code).to.equal(1);
      expect(r.out + r.err).not.to.match(/CommunityS3cret/);
      // and the same files are the same
      expect(diff(changed, changed)).to.deep.include({ code: 0, out: "" });
    });
  }

  it("--format json carries every line, masked", () => {
    const r = unattend(["diff", "--format", "json", "a.xml", "b.xml"], {
      files: { "a.xml": base, "b.xml": base.replace("CorpCommunityS3cret", "NewCommunityS3cret").replace(/( *<cpi:offlineImage[^\n]*\n)/, "$1$1") },
    });
    expect(r.code).to.equal(1);
    expect(r.out).not.to.contain("CommunityS3cret");
    const json = JSON.parse(r.out) as { changes: unknown[]; extras: string[]; lines: string[] };
    expect(json.changes).to.deep.equal([
      {
        op: "change",
        key: "specialize/Microsoft-Windows-SNMP-Agent-Service/ValidCommunities/ValidCommunity[1]/@wcm:keyValue",
        old: "[secret]",
        new: "[secret]",
      },
    ]);
    expect(json.extras).to.deep.equal(["+ <cpi:offlineImage>"]);
    expect(json.lines).to.have.length(2);
  });

  describe("(property) two documents render to different bytes <=> diff exits 1; confidential values never printed", () => {
    const SECRETS = ["CommunityS3cretA", "CommunityS3cretB", "Pw-S3cret-1", "Pw-S3cret-2"];
    const doc = fc.record({
      architectures: fc.constantFrom(["amd64"], ["x86", "amd64"]),
      zone: fc.constantFrom("UTC", "Pacific Standard Time", undefined),
      community: fc.option(fc.record({ key: fc.constantFrom("CommunityS3cretA", "CommunityS3cretB"), rights: fc.constantFrom("4", "8") }), {
        nil: undefined,
      }),
      password: fc.option(fc.constantFrom("Pw-S3cret-1", "Pw-S3cret-2"), { nil: undefined }),
      command: fc.option(
        fc.record({
          action: fc.constantFrom("add", "modify", "remove"),
          keyValue: fc.option(fc.constantFrom("first", "second"), { nil: undefined }),
          order: fc.constantFrom(1, 2),
        }),
        { nil: undefined },
      ),
      level: fc.constantFrom<unknown>({ "xsi:nil": true }, "xsi:nil", "", "01", "1", undefined),
      rules: fc.array(
        fc.record({
          "wcm:action": fc.constantFrom("add", "remove"),
          "wcm:keyValue": fc.constantFrom("r1", "r2"),
          value: fc.constantFrom("on", "off"),
        }),
        {
          maxLength: 2,
        },
      ),
      extras: fc.array(
        fc.constantFrom(
          '<cpi:offlineImage xmlns:cpi="urn:schemas-microsoft-com:cpi" cpi:source="wim:c:/a.wim#1"/>',
          '<cpi:offlineImage xmlns:cpi="urn:schemas-microsoft-com:cpi" cpi:source="wim:c:/a.wim#1" />',
          '<c:note xmlns:c="urn:contoso">x</c:note>',
        ),
        { maxLength: 3 },
      ),
      empty: fc.boolean(),
    });
    type Doc = typeof doc extends fc.Arbitrary<infer T> ? T : never;
    const toDocument = (d: Doc): UnattendDocument => {
      const specialize: Record<string, unknown> = {};
      if (d.zone) specialize["Microsoft-Windows-Shell-Setup"] = { TimeZone: d.zone };
      if (d.community) {
        specialize["Microsoft-Windows-SNMP-Agent-Service"] = { ValidCommunities: [{ "wcm:keyValue": d.community.key, value: d.community.rights }] };
      }
      if (d.command) {
        specialize["Microsoft-Windows-Deployment"] = {
          RunSynchronous: [
            {
              "wcm:action": d.command.action,
              ...(d.command.keyValue ? { "wcm:keyValue": d.command.keyValue } : {}),
              Order: d.command.order,
              Path: "cmd /c exit 0",
            },
          ],
        };
      }
      const agent: Record<string, unknown> = {};
      if (d.level !== undefined) agent.Level = d.level;
      if (d.rules.length) agent.Rule = d.rules;
      const unvalidated: Record<string, unknown> = {};
      if (Object.keys(agent).length) unvalidated["Contoso-Agent"] = agent;
      if (d.empty) unvalidated["Contoso-Empty"] = {};
      return {
        settings: {
          specialize,
          ...(d.password ? { oobeSystem: { "Microsoft-Windows-Shell-Setup": { UserAccounts: { AdministratorPassword: d.password } } } } : {}),
        } as never,
        architectures: d.architectures as never,
        unvalidated: { specialize: unvalidated } as never,
        extras: d.extras.map((xml) => ({ xml })),
      };
    };
    /** The file a document renders to, whatever validation says of it (diff reads any file that reads without errors). */
    const render = (d: Doc) => {
      try {
        return renderParsed({ document: toDocument(d) }, { validate: false });
      } catch {
        return undefined;
      }
    };

    const fields = ["architectures", "zone", "community", "password", "command", "level", "rules", "extras", "empty"] as const;
    it("random pairs: a document and the same with one part from another random document", () => {
      let same = 0;
      let different = 0;
      fc.assert(
        fc.property(doc, fc.constantFrom(...fields), doc, (a, field, donor) => {
          const xa = render(a);
          const xb = render({ ...a, [field]: donor[field] });
          if (xa === undefined || xb === undefined) return;
          const r = diff(xa, xb);
          if (r.code === 2) return; // a file with errors while reading cannot be compared
          expect(r.out).not.to.contain(UNNAMED_DIFFERENCE);
          if (xa === xb) {
            same++;
            expect(r, `same bytes, but diff says:\n${r.out}`).to.deep.include({ code: 0, out: "" });
          } else {
            different++;
            expect(r.code, `different bytes, but diff says nothing:\n${xa}\n---\n${xb}`).to.equal(1);
            expect(r.out).to.not.equal("");
          }
          for (const s of SECRETS) expect(r.out + r.err).not.to.contain(s);
        }),
        { numRuns: 250 },
      );
      expect(same).to.be.greaterThan(20);
      expect(different).to.be.greaterThan(100);
    });
  });
});

describe("UnattendFile.changes (the state provider) reports attribute changes too", () => {
  it("wcm:action, wcm:keyValue and a changed SNMP community (masked), which the settings' values alone do not show", async () => {
    const { normalize } = require("../components/core/normalize") as typeof import("../components/core/normalize");
    const { flattenDocument } = require("../components/core/flatten") as typeof import("../components/core/flatten");
    const provider = require("../components/pulumi/state/provider") as typeof import("../components/pulumi/state/provider");
    const inputs = (community: string, action: string, keyValue: string) => {
      const flat = flattenDocument(
        normalize({
          settings: {
            specialize: {
              "Microsoft-Windows-SNMP-Agent-Service": { ValidCommunities: [{ "wcm:keyValue": community, value: "4" }] },
              "Microsoft-Windows-Deployment": { RunSynchronous: [{ "wcm:action": action, "wcm:keyValue": keyValue, Order: 1, Path: "cmd" }] },
            },
          },
        }),
      );
      return {
        stateVersion: 1,
        settings: Object.fromEntries(flat.entries.map((e) => [e.key, e.value])),
        layout: JSON.stringify(flat.layout),
        architectures: ["amd64"],
      };
    };
    const { outs } = await provider.create(inputs("CorpCommunityS3cret", "add", "first"));
    const { outs: next } = await provider.update("id", outs as never, inputs("NewCommunityS3cret", "modify", "second"));
    expect(next.changes).to.deep.equal([
      { op: "change", key: `${DEPLOY}/@wcm:action`, old: "add", new: "modify" },
      { op: "change", key: `${DEPLOY}/@wcm:keyValue`, old: "first", new: "second" },
      // the state keeps a community's item as one secret element (its key is the community): the change is the item's
      {
        op: "change",
        key: "specialize/Microsoft-Windows-SNMP-Agent-Service/ValidCommunities/ValidCommunity[1]",
        old: "[secret]",
        new: "[secret]",
      },
    ]);
    expect(JSON.stringify(next.changes)).not.to.contain("CommunityS3cret");
  });
});
