/**
 * The one safe text path (components/core/xml/text.ts), and what it relies on in
 * xmlbuilder2: that its serializer passes `&name;` and `&#N;` through
 * untouched. If a new xmlbuilder2 starts escaping them again, the first test
 * fails (and render.ts must stop pre-escaping); if it starts leaving other
 * text unescaped, the second does.
 */
import { expect } from "chai";
import fc from "fast-check";
import { create } from "xmlbuilder2";
import { renderUnattend } from "../components";
import {
  codePointCount,
  codePointName,
  escapeAttribute,
  escapeText,
  invalidXmlChar,
  isXmlName,
  isXmlWhitespace,
  trimXmlWhitespace,
  xmlTextProblem,
} from "../components/core/xml/text";

describe("the safe text path (xmltext.ts)", () => {
  it("xmlbuilder2 leaves entity and character references as they are (what render.ts relies on)", () => {
    const root = create({ version: "1.0" }).ele("r");
    root.ele("t", { a: "&amp;&quot;&#9;&#10;&#13;&lt;" }).txt("&amp;lt; &lt;x&gt; &#13; AT&amp;T;");
    expect(root.end()).to.equal('<?xml version="1.0"?><r><t a="&amp;&quot;&#9;&#10;&#13;&lt;">&amp;lt; &lt;x&gt; &#13; AT&amp;T;</t></r>');
  });

  it("xmlbuilder2 given raw text writes entity look-alikes unescaped (why render.ts escapes first)", () => {
    const root = create({ version: "1.0" }).ele("r");
    root.ele("t").txt("AT&T; &#65; <");
    // AT&T; is not well-formed (entity T is undeclared) and &#65; would read back as "A"
    expect(root.end()).to.equal('<?xml version="1.0"?><r><t>AT&T; &#65; &lt;</t></r>');
  });

  it("escapes text and attribute values so that they read back identical", () => {
    expect(escapeText("a&b<c>d\"e'f\rg\nh\ti")).to.equal("a&amp;b&lt;c&gt;d\"e'f&#13;g\nh\ti");
    expect(escapeAttribute("a&b<c>d\"e'f\rg\nh\ti")).to.equal("a&amp;b&lt;c&gt;d&quot;e'f&#13;g&#10;h&#9;i");
    const xml = renderUnattend({
      settings: { specialize: { "Microsoft-Windows-Shell-Setup": { RegisteredOrganization: "AT&T; &lt;tag&gt; &#65; a\r\nb" } } },
    });
    expect(xml).to.contain("<RegisteredOrganization>AT&amp;T; &amp;lt;tag&amp;gt; &amp;#65; a&#13;\nb</RegisteredOrganization>");
  });

  it("finds the characters XML 1.0 cannot hold, and says which without quoting the text", () => {
    const cases: [string, number | undefined][] = [
      ["plain text", undefined],
      ["tab\tLF\nCR\r", undefined],
      ["emoji \u{1F600} and U+FFFD \uFFFD", undefined],
      ["nul \u0000", 4],
      ["bell \u0007", 5],
      ["lone high \uD800 x", 10],
      ["lone low \uDC00", 9],
      ["U+FFFE \uFFFE", 7],
      ["U+FFFF \uFFFF", 7],
    ];
    for (const [s, at] of cases) expect(invalidXmlChar(s)?.index, JSON.stringify(s)).to.equal(at);
    expect(xmlTextProblem("x\u0001-Secret")).to.equal("contains the control character U+0001 at position 2, which XML 1.0 cannot hold in any form");
    expect(xmlTextProblem("x\u0001-Secret")).not.to.contain("Secret");
    expect(codePointName(0xfffe)).to.equal("U+FFFE");
  });

  it("accepts as element names exactly the XML names without a prefix", () => {
    for (const ok of ["Setting", "_x", "a.b-c_1", "Ünïcode", "x\u{10000}"]) expect(isXmlName(ok), ok).to.equal(true);
    for (const bad of ["", "1abc", "-a", "a b", "p:x", "a<b", "a&b", "\u0000"]) expect(isXmlName(bad), JSON.stringify(bad)).to.equal(false);
  });

  it("counts as white space exactly what XML does: space, tab, LF, CR (not U+00A0, U+3000, U+FEFF, U+2028)", () => {
    for (const ws of ["", " ", "\t\r\n ", "\r"]) expect(isXmlWhitespace(ws), JSON.stringify(ws)).to.equal(true);
    for (const s of ["\u00a0", " \u3000 ", "\ufeff", "\u2028", "\v", "\f", " x "]) expect(isXmlWhitespace(s), JSON.stringify(s)).to.equal(false);
    expect(trimXmlWhitespace("\r\n\t \u00a0a b\u3000 \n")).to.equal("\u00a0a b\u3000");
    expect(trimXmlWhitespace(" \t\n")).to.equal("");
  });

  it("counts a text's characters as [...text] does, without making an array (codePointCount; fast-check prints the seed of a failure)", () => {
    // code units anywhere in U+0000..U+FFFF: surrogate pairs, lone high and low surrogates, a high one last
    const units = fc.array(fc.oneof(fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 0xd800, max: 0xdfff })), { maxLength: 40 });
    fc.assert(
      fc.property(units, (u) => {
        const text = String.fromCharCode(...u);
        expect(codePointCount(text)).to.equal([...text].length);
      }),
      { numRuns: 2000 },
    );
    expect(codePointCount("a\u{1F600}b\ud800")).to.equal(4);
  });
});
