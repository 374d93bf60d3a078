/**
 * Hostile input for "never altered" (issue 18): values that used to change
 * without a word. Each asserts the exact diagnostic or the exact text written.
 * The files are in tests/hostile/.
 */
import { expect } from "chai";
import * as fs from "node:fs";
import * as path from "node:path";
import { parseUnattend, renderUnattend, validateUnattend, validateUnattendXml, type Diagnostic } from "../components";
import { formatPath } from "../components/core/diagnostics";
import { unattend } from "./cli-run";
import { REPO } from "./helpers";

const HOSTILE = path.join(REPO, "tests", "hostile");
const hostile = (name: string) => fs.readFileSync(path.join(HOSTILE, name));
const brief = (ds: Diagnostic[]) => ds.map((d) => `${d.line ?? "-"}:${d.column ?? "-"} ${d.severity} ${d.code} ${formatPath(d.path)}`);
const SS = "Microsoft-Windows-Shell-Setup";

describe("hostile input: nothing changed without a word (issue 18)", function () {
  this.timeout(60_000);

  describe("YAML numbers where the setting is a string (item 6)", () => {
    it("`unattend render` keeps their source text (0123, 1e3, 0x1F, 20 digits) or refuses them with the path", () => {
      const { code, out, err } = unattend(["render", "-"], { stdin: hostile("yaml-numbers.yaml") });
      // AllowInsecureGuestAuth is an integer setting: 0x1 is not one of its values, refused with its path
      expect(code).to.equal(1);
      expect(err).to.contain(
        `- error settings.generalize["Microsoft-Windows-WorkstationService"].AllowInsecureGuestAuth "AllowInsecureGuestAuth" must be a whole number, got the string "0x1"`,
      );
      expect(out).to.equal("");
      // without it, every string setting is written as its YAML text
      const text = hostile("yaml-numbers.yaml")
        .toString("utf8")
        .replace(/ {4}generalize:[\s\S]*$/, "");
      const ok = unattend(["render", "-"], { stdin: text });
      expect(ok.code, ok.err).to.equal(0);
      expect(ok.out).to.contain("<RegisteredOrganization>0123</RegisteredOrganization>");
      expect(ok.out).to.contain("<RegisteredOwner>1e3</RegisteredOwner>");
      expect(ok.out).to.contain("<ComputerName>0x1F</ComputerName>");
      expect(ok.out).to.contain("<Description>12345678901234567890</Description>");
    });

    it("numbers and booleans that JavaScript writes as YAML does stay typed; other spellings stay text", () => {
      const yaml = [
        "settings:",
        "  generalize:",
        "    Microsoft-Windows-WorkstationService:",
        "      AllowInsecureGuestAuth: 1",
        "  specialize:",
        "    Microsoft-Windows-Shell-Setup:",
        "      RegisteredOwner: 1.50",
        "      RegisteredOrganization: -0",
        "      ComputerName: TRUE",
        "",
      ].join("\n");
      const { code, out, err } = unattend(["render", "-"], { stdin: yaml });
      expect(code, err).to.equal(0);
      expect(out).to.contain("<AllowInsecureGuestAuth>1</AllowInsecureGuestAuth>");
      expect(out).to.contain("<RegisteredOwner>1.50</RegisteredOwner>");
      expect(out).to.contain("<RegisteredOrganization>-0</RegisteredOrganization>");
      expect(out).to.contain("<ComputerName>TRUE</ComputerName>");
    });
  });

  it("`PlainText:` left empty (null) is an error with its path, not true (item 7)", () => {
    const { code, out, err } = unattend(["render", "-"], { stdin: hostile("plaintext-null.yaml") });
    expect(code).to.equal(1);
    expect(out).to.equal("");
    expect(err).to.contain(
      `- error settings.oobeSystem["Microsoft-Windows-Shell-Setup"].UserAccounts.AdministratorPassword.PlainText null is not a value`,
    );
    expect(err).not.to.contain("S3cret-Pw");
    const doc = { settings: { oobeSystem: { [SS]: { UserAccounts: { AdministratorPassword: { Value: "pw", PlainText: null } } } } } };
    expect(validateUnattend(doc as never).diagnostics.map((d) => `${d.severity} ${d.code} ${formatPath(d.path)}`)).to.deep.equal([
      `error wrong-shape settings.oobeSystem["${SS}"].UserAccounts.AdministratorPassword.PlainText`,
    ]);
    expect(() => renderUnattend(doc as never)).to.throw(/PlainText: null is not a value/);
  });

  describe("bytes that are not valid in the file's encoding (item 8)", () => {
    it("a lone surrogate in UTF-16 LE (and BE) is reported, as invalid UTF-8 is", () => {
      const le = hostile("utf16le-lone-surrogate.xml");
      const r = parseUnattend(le);
      expect(r.encoding).to.equal("utf-16le");
      expect(brief(r.diagnostics)).to.deep.equal(["1:1 warning encoding xml"]);
      expect(r.diagnostics[0].message).to.equal("The file is not valid UTF-16 LE; the invalid bytes were read as U+FFFD.");
      const be = Buffer.from(le).swap16();
      expect(parseUnattend(be).diagnostics.map((d) => d.message)).to.deep.equal([
        "The file is not valid UTF-16 BE; the invalid bytes were read as U+FFFD.",
      ]);
      // an odd last byte too
      expect(parseUnattend(Buffer.concat([le, Buffer.from([0x20])])).diagnostics.map((d) => d.code)).to.include("encoding");
    });

    it("a byte sequence a declared legacy code page does not map (shift_jis) is reported", () => {
      const r = parseUnattend(hostile("shift-jis-invalid-bytes.xml"));
      expect(r.encoding).to.equal("shift_jis");
      expect(brief(r.diagnostics)).to.deep.equal(["1:1 warning encoding xml"]);
      expect(r.diagnostics[0].message).to.equal("The file is not valid shift_jis; the invalid bytes were read as U+FFFD.");
    });

    it("valid files in those encodings read without a word", () => {
      const le = Buffer.from(hostile("utf16le-lone-surrogate.xml").toString("utf16le").replace("\ud800", "x"), "utf16le");
      expect(parseUnattend(le).diagnostics).to.deep.equal([]);
      const sjis = Buffer.from(hostile("shift-jis-invalid-bytes.xml").toString("latin1").replace("\x81 ", "x"), "latin1");
      expect(parseUnattend(sjis).diagnostics).to.deep.equal([]);
    });
  });

  describe("namespace URIs with white space (item 11)", () => {
    it("xmlns:wcm with a line break before its URI is an error naming the attribute; nothing is rendered", () => {
      const v = validateUnattendXml(hostile("wcm-namespace-whitespace.xml"));
      expect(brief(v.diagnostics)).to.deep.equal(["4:9 error namespace-whitespace xml"]);
      expect(v.diagnostics[0].message).to.equal(
        'xmlns:wcm=" http://schemas.microsoft.com/WMIConfig/2002/State" holds white space: Windows Setup reads the URI as written, so what uses it is in another namespace for Setup (no wcm:action or wcm:keyValue is read). Write the URI without white space: xmlns:wcm="http://schemas.microsoft.com/WMIConfig/2002/State".',
      );
      const { code, out, err } = unattend(["render", "-"], { stdin: hostile("wcm-namespace-whitespace.xml") });
      expect(code).to.equal(1);
      expect(out).to.equal("");
      expect(err).to.contain("error xml xmlns:wcm=");
    });

    it("the same for xmlns:xsi, the answer-file namespace and any other declaration, with space anywhere in the URI", () => {
      const text = hostile("wcm-namespace-whitespace.xml")
        .toString("utf8")
        .replace('xmlns:wcm="\nhttp', 'xmlns:wcm="http')
        .replace('xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"', 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance\t"')
        .replace('<unattend xmlns="urn:schemas-microsoft-com:unattend">', '<unattend xmlns=" urn:schemas-microsoft-com:unattend" xmlns:x="urn:a b">');
      const v = validateUnattendXml(text);
      expect(v.diagnostics.map((d) => `${d.line}:${d.column} ${d.code} ${d.message.slice(0, d.message.indexOf(" holds"))}`)).to.deep.equal([
        '2:1 namespace-whitespace xmlns=" urn:schemas-microsoft-com:unattend"',
        '2:1 namespace-whitespace xmlns:x="urn:a b"',
        '4:9 namespace-whitespace xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance "',
      ]);
      // the corrected file is read without a word
      expect(
        validateUnattendXml(
          text
            .replace(/xmlns:x="urn:a b"/, "")
            .replace('" urn:', '"urn:')
            .replace('instance\t"', 'instance"'),
        ).diagnostics,
      ).to.deep.equal([]);
    });
  });
});
