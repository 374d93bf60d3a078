/**
 * Property tests of the three promises: never malformed, never altered, never
 * leaked. Any string validation accepts, wherever it goes (a typed setting, a
 * list value and its wcm:keyValue, a password, an `unvalidated` value and
 * attribute), is written as well-formed XML that reads back identical; any it
 * refuses is refused with `invalid-text` at its path, never written. Random
 * documents full of XML specials survive parse -> render -> parse. Mutated real
 * files never make the reader throw nor the CLI print a stack trace.
 * Bounded: the whole file runs in well under a minute.
 */
import { expect } from "chai";
import * as fc from "fast-check";
import * as fs from "node:fs";
import * as path from "node:path";
import { UnattendValidationError, parseUnattend, renderUnattend, validateUnattend, type UnattendDocument } from "../components";
import { renderParsed } from "../components/core/parse";
import { unattend } from "./cli-run";
import { formatPath } from "../components/core/diagnostics";
import { parseXml } from "../components/core/xml/reader";
import { invalidXmlChar } from "../components/core/xml/text";
import { sharedDir } from "./helpers";
import { expectSchemaValid } from "./schema";

const SS = "Microsoft-Windows-Shell-Setup";
const DNS = "Microsoft-Windows-DNS-Client";

/** Strings made of XML specials, entity look-alikes, line ends, any UTF-16 unit (lone surrogates too) and astral characters. */
const hostileText = fc.string({
  unit: fc.oneof(
    {
      weight: 4,
      arbitrary: fc.constantFrom(
        "&",
        "<",
        ">",
        '"',
        "'",
        "\r",
        "\n",
        "\r\n",
        "\t",
        " ",
        "]]>",
        "&amp;",
        "&lt;",
        "&#65;",
        "&#x41;",
        "AT&T;",
        "&#13;",
        "<![CDATA[",
        "-->",
      ),
    },
    { weight: 3, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 3 }) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) },
    { weight: 1, arbitrary: fc.constantFrom("\u0000", "\u0001", "\u001f", "\ufffe", "\uffff", "\ud800", "\udfff", "\u{1F600}", "\u0085", "\u2028") },
  ),
  maxLength: 40,
});

/** Where a string goes in a document, and how to read it back from a parsed one. */
interface Place {
  name: string;
  doc: (s: string) => UnattendDocument;
  read: (d: UnattendDocument) => unknown;
  path: (string | number)[];
  /** Validation rejects the empty string here for another reason. */
  nonEmpty?: boolean;
}

const places: Place[] = [
  {
    name: "a string setting",
    doc: (s) => ({ settings: { specialize: { [SS]: { RegisteredOrganization: s } } } }),
    read: (d) => (d.settings as any).specialize[SS].RegisteredOrganization,
    path: ["settings", "specialize", SS, "RegisteredOrganization"],
    nonEmpty: true,
  },
  {
    name: "a list value",
    doc: (s) => ({ settings: { specialize: { [DNS]: { DNSSuffixSearchOrder: [s as never] } } } }),
    read: (d) => (d.settings as any).specialize[DNS].DNSSuffixSearchOrder[0],
    path: ["settings", "specialize", DNS, "DNSSuffixSearchOrder", 0],
    nonEmpty: true,
  },
  {
    name: "a wcm:keyValue",
    doc: (s) => ({ settings: { specialize: { [DNS]: { DNSSuffixSearchOrder: [{ "wcm:keyValue": s, value: "contoso.com" }] } } } }),
    read: (d) => {
      const item = (d.settings as any).specialize[DNS].DNSSuffixSearchOrder[0];
      return typeof item === "string" ? "1" : item["wcm:keyValue"];
    },
    path: ["settings", "specialize", DNS, "DNSSuffixSearchOrder", 0],
    nonEmpty: true,
  },
  {
    name: "a password",
    doc: (s) => ({ settings: { oobeSystem: { [SS]: { UserAccounts: { AdministratorPassword: { Value: s, PlainText: true } } } } } }),
    read: (d) => (d.settings as any).oobeSystem[SS].UserAccounts.AdministratorPassword.Value,
    path: ["settings", "oobeSystem", SS, "UserAccounts", "AdministratorPassword", "Value"],
  },
  {
    name: "an unvalidated value",
    doc: (s) => ({ settings: {}, unvalidated: { specialize: { "Contoso-Agent": { Setting: s } } } }),
    read: (d) => (d.unvalidated as any).specialize["Contoso-Agent"].Setting,
    path: ["unvalidated", "specialize", "Contoso-Agent", "Setting"],
  },
  {
    name: "an unvalidated attribute",
    doc: (s) => ({
      settings: {},
      unvalidated: { specialize: { "Contoso-Agent": { Item: { "wcm:action": "add", "wcm:keyValue": s, value: "x" } } } },
    }),
    read: (d) => (d.unvalidated as any).specialize["Contoso-Agent"].Item["wcm:keyValue"],
    path: ["unvalidated", "specialize", "Contoso-Agent", "Item"],
  },
];

describe("never malformed, never altered (property)", function () {
  this.timeout(60_000);
  const rendered: { name: string; xml: string }[] = [];

  for (const place of places) {
    it(`${place.name}: an accepted string is written well-formed and reads back identical; a refused one is never written`, () => {
      fc.assert(
        fc.property(hostileText, (s) => {
          if (place.nonEmpty && s === "") return;
          const doc = place.doc(s);
          const errors = validateUnattend(doc).diagnostics.filter((d) => d.severity === "error");
          if (invalidXmlChar(s)) {
            expect(errors.map((d) => [d.code, formatPath(d.path)])).to.deep.include(["invalid-text", formatPath(place.path)]);
            expect(() => renderUnattend(doc)).to.throw(UnattendValidationError);
            return;
          }
          // other errors (a length limit, a pattern) are not about XML: skip those values
          if (errors.length > 0) return;
          const xml = renderUnattend(doc);
          expect(parseXml(xml).problem, xml).to.equal(undefined);
          const back = parseUnattend(xml);
          expect(back.malformed).to.equal(false);
          expect(place.read(back.document)).to.equal(s);
          // and the second rendering is the same bytes
          expect(renderParsed(back)).to.equal(xml);
        }),
        { numRuns: 300 },
      );
    });
  }

  it("a random document of specials survives parse -> render -> parse unchanged", () => {
    const safeText = hostileText.filter((s) => invalidXmlChar(s) === undefined);
    fc.assert(
      fc.property(
        fc.record({
          org: safeText.filter((s) => s !== "" && [...s].length <= 256),
          commands: fc.array(
            fc.record({
              path: safeText.filter((s) => s !== "" && [...s].length <= 259),
              description: fc.option(safeText.filter((s) => [...s].length <= 259)),
            }),
            {
              maxLength: 4,
            },
          ),
          domains: fc.array(
            safeText.filter((s) => s !== ""),
            { maxLength: 3 },
          ),
          raw: fc.dictionary(fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_.-]{0,8}$/), safeText, { maxKeys: 3 }),
          extra: safeText,
        }),
        ({ org, commands, domains, raw, extra }) => {
          const doc = {
            settings: {
              specialize: {
                [SS]: { RegisteredOrganization: org },
                "Microsoft-Windows-Deployment": {
                  RunSynchronous: commands.map((c) => ({ Path: c.path, ...(c.description !== null ? { Description: c.description } : {}) })),
                },
                ...(domains.length ? { [DNS]: { DNSSuffixSearchOrder: domains } } : {}),
              },
            },
            ...(Object.keys(raw).length ? { unvalidated: { oobeSystem: { "Contoso-Agent": raw } } } : {}),
            extras: [{ xml: `<c:note xmlns:c="urn:contoso">${extra.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/\r/g, "&#13;")}</c:note>` }],
          } as UnattendDocument;
          if (commands.length === 0) delete (doc.settings.specialize as Record<string, unknown>)["Microsoft-Windows-Deployment"];
          if (validateUnattend(doc).diagnostics.some((d) => d.severity === "error")) return;
          const xml = renderUnattend(doc);
          if (rendered.length < 200) rendered.push({ name: `random document ${rendered.length + 1}`, xml });
          const once = parseUnattend(xml);
          expect(once.diagnostics.filter((d) => d.severity === "error")).to.deep.equal([]);
          const again = parseUnattend(renderParsed(once));
          expect(again.document).to.deep.equal(once.document);
          expect(renderParsed(again)).to.equal(xml);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("the random documents validate against the answer-file schema (xmllint and xmlschema)", function () {
    expect(rendered.length).to.be.greaterThan(50);
    expectSchemaValid(this, rendered);
  });
});

describe("mutated real files (property)", function () {
  this.timeout(60_000);
  const corpus = sharedDir("corpus");
  const local = path.join(__dirname, "..", "..", "tests", "fixtures", "parse");
  const sources = [
    ...fs.readdirSync(local).map((f) => path.join(local, f)),
    ...(corpus
      ? fs
          .readdirSync(corpus)
          .filter((f) => f.endsWith(".xml"))
          .map((f) => path.join(corpus, f))
      : []),
  ].map((f) => fs.readFileSync(f));
  if (!corpus) console.log("      (../shared/corpus is absent: mutating the local fixtures only)");

  /** A mutation: cut, duplicate or overwrite a range, insert specials, truncate. */
  const mutated = fc
    .record({
      file: fc.nat({ max: sources.length - 1 }),
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      len: fc.nat({ max: 400 }),
      kind: fc.constantFrom("cut", "dup", "junk", "truncate", "bytes"),
      junk: fc.oneof(
        fc.constantFrom(
          "<",
          ">",
          "&",
          "</",
          "<!--",
          "]]>",
          '"',
          "\u0000",
          "\ufeff",
          "__proto__",
          '<settings pass="__proto__">',
          '<component name="constructor">',
        ),
        fc.string({ maxLength: 8 }),
      ),
      bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }),
    })
    .map(({ file, at, len, kind, junk, bytes }) => {
      const b = sources[file];
      const i = Math.floor(at * b.length);
      switch (kind) {
        case "cut":
          return Buffer.concat([b.subarray(0, i), b.subarray(i + len)]);
        case "dup":
          return Buffer.concat([b.subarray(0, i + len), b.subarray(i, i + len), b.subarray(i + len)]);
        case "junk":
          return Buffer.concat([b.subarray(0, i), Buffer.from(junk), b.subarray(i)]);
        case "truncate":
          return b.subarray(0, i);
        default:
          return Buffer.concat([b.subarray(0, i), Buffer.from(bytes), b.subarray(i + bytes.length)]);
      }
    });

  it("parseUnattend never throws, and never touches Object.prototype", () => {
    fc.assert(
      fc.property(mutated, (bytes) => {
        const r = parseUnattend(bytes);
        expect(r.diagnostics).to.be.an("array");
        expect(Object.keys(Object.prototype)).to.deep.equal([]);
      }),
      { numRuns: 200 },
    );
  });

  it("the CLI never reports an internal error or prints a stack trace", () => {
    fc.assert(
      fc.property(mutated, fc.constantFrom("validate", "import", "render", "diff"), (bytes, command) => {
        const args = command === "diff" ? ["diff", "base.xml", "-"] : [command, "-"];
        const { code, out, err } = unattend(args, { stdin: bytes, files: { "base.xml": sources[0] } });
        expect(code, err).to.be.oneOf([0, 1, 2]);
        expect(err + out).not.to.match(/internal error|\n\s+at \S+ \(/);
      }),
      { numRuns: 150 },
    );
  });
});
