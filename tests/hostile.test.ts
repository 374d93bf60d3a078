/**
 * Hostile and awkward input, one case per class of failure seen before
 * (prototype pollution, entity look-alikes, values changed on a round trip,
 * credentials treated as text, unbounded cost, crashes, a dishonest diff,
 * silent drops). Each asserts the exact diagnostic: code, path, place.
 * The files are in tests/hostile/; the very large ones are made here.
 */
import { expect } from "chai";
import fc from "fast-check";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  UnattendValidationError,
  parseUnattend,
  renderUnattend,
  validateUnattend,
  validateUnattendXml,
  type Diagnostic,
  type UnattendDocument,
} from "../components";
import { MAX_NODES, renderParsed, setLetGoAfter } from "../components/core/parse";
import { unattend } from "./cli-run";
import { formatPath } from "../components/core/diagnostics";
import { MAX_DEPTH } from "../components/core/normalize";
import { MAX_XML_DEPTH } from "../components/core/xml/reader";
import { REPO, oneComponentFile } from "./helpers";

const HOSTILE = path.join(REPO, "tests", "hostile");
const hostile = (name: string) => fs.readFileSync(path.join(HOSTILE, name));
const SS = "Microsoft-Windows-Shell-Setup";

/** `line:column severity code path` of each diagnostic. */
const brief = (ds: Diagnostic[]) => ds.map((d) => `${d.line ?? "-"}:${d.column ?? "-"} ${d.severity} ${d.code} ${formatPath(d.path)}`);

const cli = (args: string[], stdin?: Uint8Array) => unattend(args, { stdin });

describe("hostile input", function () {
  this.timeout(120_000);

  afterEach(() => expect(Object.keys(Object.prototype), "Object.prototype was polluted").to.deep.equal([]));

  describe("no prototype is reachable from a file or an input", () => {
    it('<settings pass="__proto__"> is refused with its place, and the process is untouched', () => {
      const v = validateUnattendXml(hostile("proto-pass.xml"));
      expect(brief(v.diagnostics)).to.deep.equal(["3:5 error reserved-name settings.__proto__"]);
      // the next file still has its specialize pass
      expect(Object.prototype.hasOwnProperty.call({}, "specialize")).to.equal(false);
      expect(parseUnattend(hostile("entity-like.xml")).document.settings.specialize).to.not.equal(undefined);
    });

    it("components and elements named __proto__ or constructor are refused; toString/valueOf are plain names", () => {
      const v = validateUnattendXml(hostile("proto-names.xml"));
      expect(brief(v.diagnostics)).to.deep.equal([
        "4:9 error reserved-name settings.specialize.__proto__",
        "7:9 error reserved-name settings.specialize.constructor",
        "10:9 warning unvalidated unvalidated.specialize.toString",
        '14:13 error reserved-name settings.specialize["Microsoft-Windows-Shell-Setup"].__proto__',
        "18:5 error unknown-pass unvalidated.toString",
      ]);
      const doc = v.document as unknown as { unvalidated: Record<string, Record<string, unknown>> };
      expect(Object.keys(doc.unvalidated.specialize)).to.deep.equal(["toString"]);
      expect(doc.unvalidated.specialize.toString).to.deep.equal({ hasOwnProperty: "1" });
    });

    it("a namespace prefix named __proto__ is a declaration like any other: an extra using it renders well-formed", () => {
      const text =
        '<unattend xmlns="urn:schemas-microsoft-com:unattend" xmlns:__proto__="urn:p" xmlns:constructor="urn:c">' +
        "<__proto__:Ext><constructor:a>1</constructor:a></__proto__:Ext></unattend>";
      const r = parseUnattend(text);
      expect(r.document.extras).to.deep.equal([
        { xml: '<__proto__:Ext xmlns:__proto__="urn:p" xmlns:constructor="urn:c"><constructor:a>1</constructor:a></__proto__:Ext>' },
      ]);
      const out = renderParsed(r);
      expect(parseUnattend(out).malformed).to.equal(false);
      expect(parseUnattend(out).document.extras).to.deep.equal(r.document.extras);
      expect(({} as Record<string, unknown>).p).to.equal(undefined);
    });

    it("reserved names in typed input are reported, not followed", () => {
      const input = JSON.parse(
        '{"settings":{"__proto__":{"x":{}},"specialize":{"constructor":{"a":1},"Microsoft-Windows-Shell-Setup":{"prototype":"x","ComputerName":"WS-01"}}},' +
          '"perArchitecture":{"__proto__":{},"mips":{},"AMD64":{}},"unvalidated":{"specialize":{"Contoso":{"__proto__":{"polluted":1}}}}}',
      ) as UnattendDocument;
      const ds = validateUnattend(input).diagnostics.filter((d) => d.severity === "error");
      expect(ds.map((d) => `${d.code} ${formatPath(d.path)}`).sort()).to.deep.equal(
        [
          "reserved-name settings.__proto__",
          "reserved-name settings.specialize.constructor",
          'reserved-name settings.specialize["Microsoft-Windows-Shell-Setup"].prototype',
          "reserved-name perArchitecture.__proto__",
          "unknown-architecture perArchitecture.mips",
          "unknown-architecture perArchitecture.AMD64",
          "reserved-name unvalidated.specialize.Contoso.__proto__",
        ].sort(),
      );
      expect(ds.find((d) => formatPath(d.path) === "perArchitecture.AMD64")!.message).to.contain('Names are case-sensitive: did you mean "amd64"?');
    });
  });

  describe("never malformed, never altered", () => {
    it("entity look-alikes, CR, tabs in attributes and CDATA in extras read back exactly and render byte for byte", () => {
      const r = parseUnattend(hostile("entity-like.xml"));
      expect(brief(r.diagnostics)).to.deep.equal(["22:5 warning extra-element extras[0]"]);

      const s = r.document.settings as any;
      expect(s.specialize[SS].RegisteredOrganization).to.equal("AT&T;");
      expect(s.specialize[SS].RegisteredOwner).to.equal("&lt;tag&gt; &#65; line\rend");
      expect(s.specialize["Microsoft-Windows-Deployment"].RunSynchronous[0].Path).to.equal("cmd /c echo ^&lt;tag^&gt;");
      expect(s.specialize["Microsoft-Windows-DNS-Client"].DNSSuffixSearchOrder[0]["wcm:keyValue"]).to.equal('a\tb\nc\rd "e"');

      const xml = renderParsed(r);
      expect(xml).to.contain("<RegisteredOrganization>AT&amp;T;</RegisteredOrganization>");
      expect(xml).to.contain("<RegisteredOwner>&amp;lt;tag&amp;gt; &amp;#65; line&#13;end</RegisteredOwner>");
      expect(xml).to.contain('wcm:keyValue="a&#9;b&#10;c&#13;d &quot;e&quot;"');
      // the extra as written: CDATA with its whitespace, &#xD; and the double-escaped text unchanged
      expect(xml).to.contain(r.document.extras![0].xml);
      expect(r.document.extras![0].xml).to.contain('<Script><![CDATA[\n  Write-Host "<QueryList>" &amp;lt; &#xD;\n]]></Script>');
      expect(r.document.extras![0].xml).to.contain("<QueryList>&amp;lt;QueryList&amp;gt;&#xD;</QueryList>");
      const again = parseUnattend(xml);
      expect(again.document).to.deep.equal(r.document);
      expect(renderParsed(again)).to.equal(xml);
    });

    it("spaces XML does not count as white space (U+00A0, U+3000, U+FEFF) are content: reported or kept, never dropped as layout", () => {
      const file = (body: string) => oneComponentFile("oobeSystem", SS, body);
      // a group holding only such a space: kept as written under unvalidated, with a warning naming the character
      const kept = validateUnattendXml(file("<AutoLogon>\u00a0</AutoLogon>"));
      expect(kept.diagnostics.map((d) => [d.code, formatPath(d.path)])).to.deep.equal([
        ["unvalidated-content", `unvalidated.oobeSystem["${SS}"].AutoLogon`],
      ]);
      expect(kept.diagnostics[0].message).to.contain("U+00A0");
      expect((kept.document.unvalidated as any).oobeSystem[SS].AutoLogon).to.equal("\u00a0");
      expect(renderParsed(kept, { validate: false })).to.contain("<AutoLogon>\u00a0</AutoLogon>");
      // beside elements: said not to be written back, as any other text there
      const beside = validateUnattendXml(file("<TimeZone>UTC</TimeZone>\u3000<RegisteredOrganization>A</RegisteredOrganization>\ufeff"));
      expect(beside.diagnostics.map((d) => [d.code, d.message])).to.deep.equal([
        ["ignored-text", `Text made of U+3000 U+FEFF directly inside <component>, which holds elements, is ignored and not written back.`],
      ]);
      // a value padded with one is not the value (Windows trims XML white space only), and messages show it
      const padded = validateUnattendXml(file("<OOBE><HideEULAPage>\u00a0true</HideEULAPage></OOBE>")).diagnostics;
      expect(padded.map((d) => [d.code, d.message])).to.deep.equal([
        ["invalid-boolean", '"HideEULAPage" must be true or false, got the string "\\u00a0true".'],
      ]);
      const plain = validateUnattendXml(
        file("<UserAccounts><AdministratorPassword><Value>x</Value><PlainText>\u00a0false</PlainText></AdministratorPassword></UserAccounts>"),
      );
      expect(plain.diagnostics.find((d) => d.code === "invalid-boolean")?.message).to.contain('got "\\u00a0false"');
      // plain XML white space stays layout: nothing to say
      expect(validateUnattendXml(file("\n\t<TimeZone>UTC</TimeZone>\r\n ")).diagnostics).to.deep.equal([]);
      // an extra with such text outside its element is refused, not trimmed away
      expect(() => renderUnattend({ settings: {}, extras: [{ xml: "\u00a0<Foo xmlns='urn:x'/>" }] } as UnattendDocument)).to.throw(
        /text outside the element/,
      );
    });

    it("text XML cannot hold is refused with its path, in every place", () => {
      const doc = {
        settings: { specialize: { [SS]: { RegisteredOrganization: "a\u0001b", RegisteredOwner: "x\ud800" } } },
        unvalidated: { specialize: { "Contoso-Agent": { Name: "nul\u0000", Item: { "wcm:keyValue": "k\ufffe", value: "v" } } } },
      } as unknown as UnattendDocument;
      const ds = validateUnattend(doc).diagnostics.filter((d) => d.severity === "error");
      expect(ds.map((d) => `${d.code} ${formatPath(d.path)}`).sort()).to.deep.equal(
        [
          'invalid-text settings.specialize["Microsoft-Windows-Shell-Setup"].RegisteredOrganization',
          'invalid-text settings.specialize["Microsoft-Windows-Shell-Setup"].RegisteredOwner',
          'invalid-text unvalidated.specialize["Contoso-Agent"].Name',
          'invalid-text unvalidated.specialize["Contoso-Agent"].Item',
        ].sort(),
      );
      expect(ds[0].message).to.match(/U\+0001 at position 2|lone surrogate|U\+0000|U\+FFFE/);
      expect(() => renderUnattend(doc)).to.throw(UnattendValidationError);
    });

    it("names, actions, architectures and values that cannot be written are diagnostics, not crashes", () => {
      const doc = {
        settings: {
          specialize: {
            "Microsoft-Windows-DNS-Client": { DNSSuffixSearchOrder: [{ "wcm:action": "bogus", value: "a.com" }] },
          },
        },
        unvalidated: {
          specialize: {
            "Contoso-Agent": {
              "bad name": "x",
              "p:fix": "y",
              Nan: Number.NaN,
              Inf: Number.POSITIVE_INFINITY,
              Big: BigInt(1),
              When: new Date(0),
              Fn: () => 1,
              Item: { "wcm:action": "delete", value: "z" },
            },
          },
        },
      } as unknown as UnattendDocument;
      const ds = validateUnattend(doc).diagnostics.filter((d) => d.severity === "error");
      expect(ds.map((d) => `${d.code} ${formatPath(d.path)}`).sort()).to.deep.equal(
        [
          'invalid-action settings.specialize["Microsoft-Windows-DNS-Client"].DNSSuffixSearchOrder[0]',
          'invalid-name unvalidated.specialize["Contoso-Agent"]["bad name"]',
          'invalid-name unvalidated.specialize["Contoso-Agent"]["p:fix"]',
          'invalid-value unvalidated.specialize["Contoso-Agent"].Nan',
          'invalid-value unvalidated.specialize["Contoso-Agent"].Inf',
          'invalid-value unvalidated.specialize["Contoso-Agent"].Big',
          'invalid-value unvalidated.specialize["Contoso-Agent"].Fn',
          'invalid-value unvalidated.specialize["Contoso-Agent"].When',
          'invalid-action unvalidated.specialize["Contoso-Agent"].Item',
        ].sort(),
      );
      expect(() => renderUnattend(doc)).to.throw(UnattendValidationError);
    });

    it("a password object with keys other than Value and PlainText is an error, not a silent drop", () => {
      const ds = validateUnattend({
        settings: { oobeSystem: { [SS]: { UserAccounts: { AdministratorPassword: { Value: "x", PlainText: true, Hint: "h" } as never } } } },
      }).diagnostics;
      expect(ds.map((d) => `${d.code} ${formatPath(d.path)}`)).to.deep.equal([
        'unknown-setting settings.oobeSystem["Microsoft-Windows-Shell-Setup"].UserAccounts.AdministratorPassword.Hint',
      ]);
    });
  });

  describe("bounded work", () => {
    it(`a file nested ${10_000} levels deep is refused at level ${MAX_XML_DEPTH}, with its place`, () => {
      const depth = 10_000;
      const xml = `<unattend xmlns="urn:schemas-microsoft-com:unattend">\n${"<a>".repeat(depth)}${"</a>".repeat(depth)}</unattend>`;
      const v = validateUnattendXml(xml);
      expect(v.malformed).to.equal(true);
      expect(brief(v.diagnostics)).to.deep.equal([`2:${3 * (MAX_XML_DEPTH - 1) + 1} error too-deep xml`]);
      expect(v.diagnostics[0].message).to.contain(`more than ${MAX_XML_DEPTH} levels`);
    });

    it(`a file of more than ${MAX_NODES} elements and attributes is refused where it goes past, read no further; the limit can be raised`, () => {
      // what validating weighs follows them: 8 MiB of <a/><b/> in an unknown setting (2 million elements) peaked at 64x the
      // file, 4 MiB of unknown attributes at 148x
      const head = `<unattend xmlns="urn:schemas-microsoft-com:unattend"><settings pass="specialize"><component name="${SS}" processorArchitecture="amd64" publicKeyToken="31bf3856ad364e35" language="neutral" versionScope="nonSxS"><Custom>\n`;
      const tail = "</Custom></component></settings></unattend>";
      // before line 2: 4 elements and 7 attributes (xmlns, pass and the component's 5)
      const before = 11;
      const elements = (n: number) => head + "<a/>".repeat(n) + tail;
      const at = elements(MAX_NODES - before);
      expect(validateUnattendXml(at).malformed).to.equal(false);
      const past = elements(MAX_NODES - before + 1);
      for (const v of [validateUnattendXml(past), parseUnattend(past), validateUnattendXml(Buffer.from(past))]) {
        expect(v.malformed).to.equal(true);
        // the last <a/>
        expect(brief(v.diagnostics)).to.deep.equal([`2:${4 * (MAX_NODES - before) + 1} error too-large xml`]);
        expect(v.diagnostics[0].message).to.contain(`more than ${MAX_NODES} elements and attributes, the limit, by here`);
        expect(v.diagnostics[0].message).to.contain("maxNodes option, or --max-nodes");
      }
      expect(validateUnattendXml(past, { maxNodes: MAX_NODES + 1 }).malformed).to.equal(false);
      // attributes count: the start tag that takes the count past the limit
      const attributes = (n: number) => head + `<a ${Array.from({ length: n }, (_, i) => `x${i}=""`).join(" ")}/>` + tail;
      expect(validateUnattendXml(attributes(MAX_NODES - before - 1)).malformed).to.equal(false);
      expect(brief(validateUnattendXml(attributes(MAX_NODES - before)).diagnostics)).to.deep.equal(["2:1 error too-large xml"]);
      expect(brief(validateUnattendXml(at, { maxNodes: 20 }).diagnostics)).to.deep.equal([`2:${4 * (20 - before) + 1} error too-large xml`]);
      // the same place however the reader lets go of large components' content (see setLetGoAfter)
      const letGoAfter = setLetGoAfter(0);
      try {
        expect(brief(validateUnattendXml(past).diagnostics)).to.deep.equal([`2:${4 * (MAX_NODES - before) + 1} error too-large xml`]);
      } finally {
        setLetGoAfter(letGoAfter);
      }
    });

    it("the CLI reads files of up to --max-nodes N elements and attributes (default MAX_NODES)", () => {
      const tmp = path.join(os.tmpdir(), `unattend-many-${process.pid}.xml`);
      // 4 elements and 9 attributes (xmlns, pass, the component's 7), then 3 elements
      fs.writeFileSync(tmp, oneComponentFile("specialize", SS, "<Custom><a/><b/><a/></Custom>"));
      try {
        for (const command of [["validate"], ["render"], ["import"], ["merge"], ["diff", tmp]]) {
          const r = cli([...command, "--max-nodes", "15", tmp]);
          expect(r.code, command.join(" ")).to.equal(command[0] === "diff" ? 2 : 1);
          expect(r.out + r.err, command.join(" ")).to.contain("more than 15 elements and attributes");
          const within = cli([...command, "--max-nodes", "16", tmp]);
          expect(within.out + within.err, command.join(" ")).to.not.contain("elements and attributes");
        }
        for (const bad of ["0", "-1", "1e3", "x"]) {
          const r = cli(["validate", `--max-nodes=${bad}`, tmp]);
          expect(r.code).to.equal(2);
          expect(r.err).to.contain(`--max-nodes must be a positive whole number, got "${bad}"`);
        }
      } finally {
        fs.rmSync(tmp, { force: true });
      }
    });

    it(`an input nested deeper than ${MAX_DEPTH} levels (or containing itself) is reported, not walked`, () => {
      type Deep = { [k: string]: Deep | string };
      const deep: Deep = {};
      let at = deep;
      for (let i = 0; i < 5_000; i++) at = at.a = {} as Deep;
      const cyclic: Deep = { b: "x" };
      cyclic.self = cyclic;
      for (const value of [deep, cyclic]) {
        const ds = validateUnattend({ settings: {}, unvalidated: { specialize: { Contoso: value } } } as unknown as UnattendDocument).diagnostics;
        const tooDeep = ds.filter((d) => d.code === "too-deep");
        expect(tooDeep).to.have.length(1);
        // a value inside itself is reported where it comes again (issue round 3: walked to the limit, two such made it exponential)
        expect(tooDeep[0].path).to.deep.equal(value === cyclic ? ["unvalidated", "specialize", "Contoso", "self", "self"] : tooDeep[0].path);
        if (value === deep) expect(tooDeep[0].path).to.have.length(MAX_DEPTH);
      }
    });

    it("a large list validates and renders (200 000 items are in the benchmarks)", () => {
      const items = Array.from({ length: 20_000 }, (_, i) => `d${i}.contoso.com`);
      const doc: UnattendDocument = { settings: { specialize: { "Microsoft-Windows-DNS-Client": { DNSSuffixSearchOrder: items as never } } } };
      expect(validateUnattend(doc).diagnostics.filter((d) => d.severity === "error")).to.deep.equal([]);
      expect(renderUnattend(doc)).to.contain(`wcm:keyValue="20000">d19999.contoso.com</DomainName>`);
    });

    it("an input over the size limit is refused unread; the limit can be raised", () => {
      const big = Buffer.alloc(1024 * 1024 + 1, 0x20);
      expect(brief(parseUnattend(big, { maxBytes: 1024 * 1024 }).diagnostics)).to.deep.equal(["1:1 error too-large xml"]);
      expect(parseUnattend(big, { maxBytes: 2 * 1024 * 1024 }).diagnostics.map((d) => d.code)).to.deep.equal(["malformed-xml"]);
    });

    it("binary bytes and UTF-16 without a byte-order mark", () => {
      const bin = parseUnattend(hostile("binary.bin"));
      expect(bin.malformed).to.equal(true);
      expect(bin.diagnostics.map((d) => d.code)).to.deep.equal(["encoding", "malformed-xml"]);
      const u16 = parseUnattend(hostile("utf16le-nobom.xml"));
      expect(u16.encoding).to.equal("utf-16le");
      expect(u16.diagnostics).to.deep.equal([]);
    });

    it("the CLI reads only regular files and standard input, up to the limit", () => {
      expect(cli(["validate", HOSTILE])).to.deep.include({ code: 2 });
      expect(cli(["validate", HOSTILE]).err).to.contain(`${HOSTILE}: is a directory`);
      expect(cli(["validate", "/dev/zero"]).err).to.contain("/dev/zero: not a regular file");
      const tmp = path.join(os.tmpdir(), `unattend-big-${process.pid}.xml`);
      fs.writeFileSync(tmp, Buffer.alloc(200, 0x20));
      try {
        const r = cli(["validate", "--max-bytes", "100", tmp]);
        expect(r.code).to.equal(2);
        expect(r.err).to.contain(`${tmp}: larger than 100 bytes (raise the limit with --max-bytes N)`);
      } finally {
        fs.rmSync(tmp, { force: true });
      }
    });
  });

  describe("never leaked", () => {
    const secrets = ["Hunter2-beside-Value", "Hunter2-Value", "Join-Secret-99", "Machine-Secret-77", "Agent-Secret-55"];

    it("no diagnostic quotes text from a credential, in the library or any CLI command", () => {
      const file = path.join(HOSTILE, "secret-text.xml");
      const v = validateUnattendXml(fs.readFileSync(file));
      expect(brief(v.diagnostics)).to.deep.equal([
        '6:17 warning ignored-text settings.oobeSystem["Microsoft-Windows-Shell-Setup"].UserAccounts.AdministratorPassword',
        '19:17 error machine-password-without-unsecure-join settings.specialize["Microsoft-Windows-UnattendedJoin"].Identification.MachinePassword',
        '22:9 warning unvalidated unvalidated.specialize["Contoso-Agent"]',
        '23:13 warning ignored-text unvalidated.specialize["Contoso-Agent"].ServicePassword',
        '23:13 warning password-name unvalidated.specialize["Contoso-Agent"].ServicePassword',
      ]);
      const texts = [JSON.stringify(v.diagnostics)];
      for (const args of [
        ["validate", file],
        ["validate", "--format", "json", file],
        ["import", file],
        ["import", "--format", "yaml", file],
        ["diff", file, path.join(HOSTILE, "proto-pass.xml")],
      ]) {
        const r = cli(args);
        texts.push(r.out, r.err);
      }
      const rendered = cli(["render", file]);
      texts.push(rendered.err);
      for (const t of texts) for (const s of secrets) expect(t).not.to.contain(s);
    });

    it("attributes named like a credential are hidden on <unattend>, <settings> and <component> too; one warning an element", () => {
      // these three quoted every attribute's value (the elements inside components hid them already)
      const xml = oneComponentFile("specialize", SS, '<ComputerName Password="Hunter2-Value">X</ComputerName>')
        .replace(
          '<unattend xmlns="urn:schemas-microsoft-com:unattend">',
          '<unattend xmlns="urn:schemas-microsoft-com:unattend" Password="Join-Secret-99">',
        )
        .replace('<settings pass="specialize">', '<settings pass="specialize" AdminPassword="Machine-Secret-77" b="2">')
        .replace('versionScope="nonSxS"', 'versionScope="nonSxS" DomainPassword="Agent-Secret-55" a="1" c="3" d="4"');
      const v = validateUnattendXml(xml);
      expect(v.diagnostics.map((d) => `${d.code} ${d.message}`)).to.deep.equal([
        'ignored-attribute Attribute Password="(hidden)" on <unattend> is not part of the answer-file format; it is not written back.',
        'ignored-attribute Attributes AdminPassword="(hidden)", b="2" on <settings> are not part of the answer-file format; they are not written back.',
        'ignored-attribute Attributes DomainPassword="(hidden)", a="1", c="3" and 1 more on <component> are not part of the answer-file format; they are not written back.',
        'ignored-attribute Attribute Password="(hidden)" on <ComputerName> is not part of the answer-file format; it is not written back.',
      ]);
      const file = path.join(os.tmpdir(), `unattend-attr-secrets-${process.pid}.xml`);
      fs.writeFileSync(file, xml);
      try {
        const texts = [JSON.stringify(v.diagnostics), JSON.stringify(parseUnattend(xml).diagnostics)];
        for (const args of [
          ["validate", file],
          ["import", file],
          ["render", file],
          ["diff", file, file],
          ["merge", file],
        ]) {
          const r = cli(args);
          texts.push(r.err, args[0] === "validate" ? r.out : "");
        }
        for (const t of texts) for (const s of secrets) expect(t).not.to.contain(s);
      } finally {
        fs.rmSync(file, { force: true });
      }
      // 400 attributes on one element: one warning, naming three
      const many = Array.from({ length: 400 }, (_, i) => `x${i}="${i}"`).join(" ");
      const ds = parseUnattend(oneComponentFile("specialize", SS, `<Custom ${many}>v</Custom>`)).diagnostics.filter(
        (d) => d.code === "ignored-attribute",
      );
      expect(ds.map((d) => d.message)).to.deep.equal([
        'Attributes x0="0", x1="1", x2="2" and 397 more on <Custom> are not part of the answer-file format; they are not written back.',
      ]);
    });

    it("no attribute named like a credential is quoted, on any element, among any others (property; fast-check prints the seed)", () => {
      const name = fc.constantFrom("Password", "adminpassword", "ProductKey", "product_key", "AccountData", "SnmpCommunity");
      const secret = fc.stringMatching(/^[A-Za-z0-9]{10,16}$/).map((v) => `Zq${v}`);
      const plainAttrs = fc.uniqueArray(fc.constantFrom("a", "b", "c", "d", "e"), { maxLength: 5 });
      // where: <unattend>, <settings>, <component>, a documented setting, an unknown element
      const where = fc.constantFrom(0, 1, 2, 3, 4);
      fc.assert(
        fc.property(name, secret, plainAttrs, where, fc.integer({ min: 0, max: 5 }), (n, v, others, at, position) => {
          const list = others.map((o) => `${o}="1"`);
          list.splice(Math.min(position, list.length), 0, `${n}="${v}"`);
          const attrs = ` ${list.join(" ")}`;
          let xml = oneComponentFile(
            "specialize",
            SS,
            `<ComputerName${at === 3 ? attrs : ""}>X</ComputerName><Custom${at === 4 ? attrs : ""}>y</Custom>`,
          );
          if (at === 0)
            xml = xml.replace('<unattend xmlns="urn:schemas-microsoft-com:unattend"', `<unattend xmlns="urn:schemas-microsoft-com:unattend"${attrs}`);
          if (at === 1) xml = xml.replace('<settings pass="specialize"', `<settings pass="specialize"${attrs}`);
          if (at === 2) xml = xml.replace('versionScope="nonSxS"', `versionScope="nonSxS"${attrs}`);
          const messages = [...validateUnattendXml(xml).diagnostics, ...parseUnattend(xml).diagnostics].map((d) => d.message);
          // one warning for the element, which names its first three attributes
          if (Math.min(position, others.length) < 3) expect(messages.some((m) => m.includes(`${n}="(hidden)"`))).to.equal(true);
          for (const m of messages) expect(m).not.to.contain(v);
        }),
        { numRuns: 300 },
      );
    });

    it("every credential of the catalog is a secret in import, whatever its form", () => {
      const r = cli(["import", path.join(HOSTILE, "secret-text.xml")]);
      expect(r.out).to.contain('config.requireSecret("credentialsPassword")').and.contain('config.requireSecret("machinePassword")');
      // the Hint inside the unvalidated ServicePassword is inside a confidential element, so a secret too
      expect(r.err).to.contain("4 credentials were left out");
    });
  });

  describe("an honest diff", () => {
    it("a file with a duplicated component is never equal to anything: its errors are printed, exit 2", () => {
      const dup = path.join(HOSTILE, "duplicate-component.xml");
      const minimal = path.join(REPO, "tests", "fixtures", "parse", "minimal.xml");
      const r = cli(["diff", minimal, dup]);
      expect(r.code).to.equal(2);
      expect(r.out).to.equal("");
      expect(r.err).to.contain(`${dup}:7:9 error settings.generalize["Microsoft-Windows-WorkstationService"]`).and.contain("[duplicate-component]");
      expect(r.err).to.contain(`not compared: ${dup} had errors while reading`);
    });

    it('"-" may be used once', () => {
      const r = cli(["diff", "-", "-"], hostile("proto-pass.xml"));
      expect(r.code).to.equal(2);
      expect(r.err).to.contain('"-" (standard input) can be read only once');
    });
  });

  describe("what is not written back is said", () => {
    it("comments, processing instructions, DOCTYPE, unknown attributes, stray text and xsi:nil=false: once per kind, with counts and place", () => {
      const r = parseUnattend(hostile("dropped.xml"));
      expect(brief(r.diagnostics)).to.deep.equal([
        "2:1 warning ignored-markup xml",
        "3:1 warning ignored-markup xml",
        "4:1 warning ignored-markup xml",
        "5:1 warning ignored-attribute settings",
        "6:5 warning ignored-attribute settings.generalize",
        "6:5 warning ignored-text settings.generalize",
        '10:13 warning ignored-attribute settings.generalize["Microsoft-Windows-WorkstationService"].AllowInsecureGuestAuth',
      ]);
      expect(r.diagnostics[2].message).to.equal(
        "2 comments (the first here) are not part of the settings and are not written back (comments inside extras are kept).",
      );
      // validation reports problems of the file only: comments are none
      expect(validateUnattendXml(hostile("dropped.xml")).diagnostics.map((d) => d.code)).not.to.include("ignored-markup");
      const imported = cli(["import", path.join(HOSTILE, "dropped.xml")]);
      expect(imported.err).to.contain("[ignored-markup]");
    });
  });
});
