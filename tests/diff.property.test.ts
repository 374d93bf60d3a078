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
import { UNNAMED_DIFFERENCE } from "../components/core/compare";
import { unattend } from "./cli-run";
import { doc, fields, render, SECRETS } from "./diff-docs";
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
