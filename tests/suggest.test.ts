/**
 * "Did you mean ...?" (components/core/suggest.ts): a name the type checker let through (a cast in TypeScript, a
 * map or a config value in YAML or Go, plain JavaScript, an Output) or that a file holds gets the nearest documented
 * name, with the same wording on every surface: the object form (normalize, validate), the XML reader
 * (validateUnattendXml, `unattend validate`) and layers (mergeUnattend). Never a value, never a secret.
 */
import { expect } from "chai";
import fc from "fast-check";
import { didYouMean, editDistance, nearest } from "../components/core/suggest";
import { UNLISTED, findUnlisted } from "../components/catalog";
import { formatPath, type Diagnostic } from "../components/core/diagnostics";
import { UnattendValidationError, mergeUnattend, validateUnattend, validateUnattendXml, type UnattendDocument } from "../components";
import { localAccounts, skipOobe } from "../components/blocks";

const SHELL = "Microsoft-Windows-Shell-Setup";
const SETUP = "Microsoft-Windows-Setup";

/** The diagnostics of an untyped document, as YAML, Go and JavaScript deliver it. */
function check(doc: unknown): Diagnostic[] {
  return validateUnattend(doc as UnattendDocument).diagnostics;
}

/** The one diagnostic of `doc`, as `path: message [code]` with the severity. */
function only(doc: unknown): { severity: string; code: string; path: string; message: string } {
  const ds = check(doc);
  expect(
    ds.map((d) => `${formatPath(d.path)}: ${d.message}`),
    "one diagnostic",
  ).to.have.length(1);
  return { severity: ds[0].severity, code: ds[0].code, path: formatPath(ds[0].path), message: ds[0].message };
}

const xml = (pass: string, component: string, body: string) =>
  `<?xml version="1.0" encoding="utf-8"?>
<unattend xmlns="urn:schemas-microsoft-com:unattend" xmlns:wcm="http://schemas.microsoft.com/WMIConfig/2002/State">
  <settings pass="${pass}">
    <component name="${component}" processorArchitecture="amd64" publicKeyToken="31bf3856ad364e35" language="neutral" versionScope="nonSxS">
      ${body}
    </component>
  </settings>
</unattend>`;

/** validateUnattendXml's diagnostics, as `code path message`. */
function checkXml(text: string): string[] {
  return validateUnattendXml(text).diagnostics.map((d) => `${d.code} ${formatPath(d.path)} ${d.message}`);
}

describe("did you mean: the nearest documented name", () => {
  describe("didYouMean (the one wording)", () => {
    it("suggests a near name, and says so when only the case differs", () => {
      expect(didYouMean("TimeZon", ["ComputerName", "TimeZone"])).to.equal(' Did you mean "TimeZone"?');
      expect(didYouMean("hideeulapage", ["HideEULAPage", "HideLocalAccountScreen"])).to.equal(
        ' Names are case-sensitive: did you mean "HideEULAPage"?',
      );
    });

    it("says nothing when no name is near, for a name that is a candidate, or for a name too long to be a typo", () => {
      expect(didYouMean("Zzzzzzzzzzzz", ["ComputerName", "TimeZone"])).to.equal("");
      expect(didYouMean("TimeZone", ["ComputerName", "TimeZone"])).to.equal("");
      expect(didYouMean("TimeZone".repeat(30), ["TimeZone"])).to.equal("");
    });

    it("looks at case only when asked (beside a note of its own), and not at case where names match in any case", () => {
      expect(didYouMean("TimeZon", ["TimeZone"], { caseOnly: true })).to.equal("");
      expect(didYouMean("timezone", ["TimeZone"], { caseOnly: true })).to.equal(' Names are case-sensitive: did you mean "TimeZone"?');
      expect(didYouMean("microsoft-windows-shell-setup", [SHELL], { anyCase: true })).to.equal("");
      expect(didYouMean("Microsoft-Windows-Shel-Setup", [SHELL], { anyCase: true })).to.equal(` Did you mean "${SHELL}"?`);
    });

    it("nearest keeps its answers (the media and rule checks use it directly)", () => {
      expect(nearest("never", ["Always", "Never"])).to.deep.equal({ match: "Never", caseOnly: true });
      expect(nearest("Nevr", ["Always", "Never"])).to.deep.equal({ match: "Never", caseOnly: false });
      expect(nearest("Sometimes", ["Always", "Never"])).to.equal(undefined);
    });
  });

  describe("the object form (TypeScript with a cast, YAML and Go maps and config, JavaScript, Outputs)", () => {
    it("an unknown pass", () => {
      expect(only({ settings: { oobesystem: { [SHELL]: { TimeZone: "UTC" } } } })).to.deep.equal({
        severity: "error",
        code: "unknown-pass",
        path: "settings.oobesystem",
        message:
          'Unknown configuration pass "oobesystem". Valid: "windowsPE", "offlineServicing", "generalize", "specialize", "auditSystem", "auditUser", "oobeSystem". Names are case-sensitive: did you mean "oobeSystem"?',
      });
    });

    it("an unknown component", () => {
      expect(only({ settings: { oobeSystem: { "Microsoft-Windows-Shel-Setup": { TimeZone: "UTC" } } } })).to.deep.equal({
        severity: "error",
        code: "unknown-component",
        path: 'settings.oobeSystem["Microsoft-Windows-Shel-Setup"]',
        message: `Unknown component "Microsoft-Windows-Shel-Setup". Did you mean "${SHELL}"?`,
      });
    });

    it("an unknown setting at every depth: a component's, a group's, a group's group's, a list item's field", () => {
      const cases: [unknown, string, string][] = [
        [
          { oobeSystem: { [SHELL]: { TimeZon: "UTC" } } },
          `settings.oobeSystem["${SHELL}"].TimeZon`,
          `in component "${SHELL}". Did you mean "TimeZone"?`,
        ],
        [
          { oobeSystem: { [SHELL]: { OOBE: { HideEULAPag: true } } } },
          `settings.oobeSystem["${SHELL}"].OOBE.HideEULAPag`,
          'in "OOBE". Did you mean "HideEULAPage"?',
        ],
        [
          { windowsPE: { [SETUP]: { UserData: { AcceptEula: true, ProductKey: { Ky: "x" } } } } },
          `settings.windowsPE["${SETUP}"].UserData.ProductKey.Ky`,
          'in "ProductKey". Did you mean "Key"?',
        ],
        [
          { specialize: { "Microsoft-Windows-Deployment": { RunSynchronous: [{ Pth: "cmd /c echo" }] } } },
          'settings.specialize["Microsoft-Windows-Deployment"].RunSynchronous[0].Pth',
          'in "RunSynchronousCommand". Did you mean "Path"?',
        ],
        [
          { oobeSystem: { [SHELL]: { FirstLogonCommands: [{ CommandLine: "a" }, { CommandLin: "b" }] } } },
          `settings.oobeSystem["${SHELL}"].FirstLogonCommands[1].CommandLin`,
          'in "SynchronousCommand". Did you mean "CommandLine"?',
        ],
      ];
      for (const [settings, path, tail] of cases) {
        const d = only({ settings });
        expect(d, path).to.include({ severity: "error", code: "unknown-setting", path });
        expect(d.message, path).to.equal(`Unknown setting "${path.split(".").pop()!}" ${tail}`);
      }
    });

    it("a name that differs in case only, e.g. hideeulapage", () => {
      expect(only({ settings: { oobeSystem: { [SHELL]: { OOBE: { hideeulapage: true } } } } })).to.deep.equal({
        severity: "error",
        code: "unknown-setting",
        path: `settings.oobeSystem["${SHELL}"].OOBE.hideeulapage`,
        message: 'Unknown setting "hideeulapage" in "OOBE". Names are case-sensitive: did you mean "HideEULAPage"?',
      });
    });

    it("a value outside a setting's enumerated values", () => {
      expect(only({ settings: { windowsPE: { [SETUP]: { DiskConfiguration: { WillShowUI: "Nevr" } } } } })).to.deep.equal({
        severity: "error",
        code: "invalid-enum",
        path: `settings.windowsPE["${SETUP}"].DiskConfiguration.WillShowUI`,
        message: '"WillShowUI" is "Nevr", which is not one of its values. Valid: "Always", "OnError", "Never". Did you mean "Never"?',
      });
      const [d] = check({ settings: { windowsPE: { [SETUP]: { DiskConfiguration: { WillShowUI: "onerror" } } } } });
      expect(d.message).to.contain('Names are case-sensitive: did you mean "OnError"?');
    });

    it("a part of a password other than Value and PlainText: the part meant, and no second error for the missing Value", () => {
      expect(only({ settings: { oobeSystem: { [SHELL]: { UserAccounts: { AdministratorPassword: { Valu: "S3cret-Valu-42" } } } } } })).to.deep.equal({
        severity: "error",
        code: "unknown-setting",
        path: `settings.oobeSystem["${SHELL}"].UserAccounts.AdministratorPassword.Valu`,
        message: 'Unknown setting "Valu" in password "AdministratorPassword". Did you mean "Value"?',
      });
      const far = only({ settings: { oobeSystem: { [SHELL]: { UserAccounts: { AdministratorPassword: { Value: "x", Secret: "y" } } } } } });
      expect(far.message).to.equal('Unknown setting "Secret" in password "AdministratorPassword". Valid: "Value", "PlainText".');
    });

    it("an architecture of perArchitecture", () => {
      expect(only({ perArchitecture: { amd46: { oobeSystem: { [SHELL]: { TimeZone: "UTC" } } } } })).to.deep.equal({
        severity: "error",
        code: "unknown-architecture",
        path: "perArchitecture.amd46",
        message: 'Unknown architecture "amd46". Valid: "x86", "amd64", "arm64", "wow64". Did you mean "amd64"?',
      });
    });

    it("a field of a layer", () => {
      const r = mergeUnattend({ setings: { oobeSystem: { [SHELL]: { TimeZone: "UTC" } } } } as never, { settings: {} });
      const d = r.diagnostics.find((x) => x.path.includes("setings"))!;
      expect(d.code).to.equal("wrong-shape");
      expect(d.message).to.match(/^A layer has no field "setings"\. Valid: .*\. Did you mean "settings"\?$/);
    });

    it("no suggestion when nothing is near: the valid names instead, or where they are listed", () => {
      expect(only({ settings: { oobeSystem: { [SHELL]: { OOBE: { Zzzzzzzzzzzz: 1 } } } } }).message).to.match(
        /^Unknown setting "Zzzzzzzzzzzz" in "OOBE"\. Valid: "HideEULAPage", .*\.$/,
      );
      expect(only({ settings: { oobeSystem: { "Contoso-Qqqqqqqqqqqqq": { A: 1 } } } }).message).to.equal(
        'Unknown component "Contoso-Qqqqqqqqqqqqq". See the component list in the README.',
      );
      expect(only({ settings: { windowsPE: { [SETUP]: { DiskConfiguration: { WillShowUI: "Sometimes" } } } } }).message).to.equal(
        '"WillShowUI" is "Sometimes", which is not one of its values. Valid: "Always", "OnError", "Never".',
      );
      for (const d of check({ settings: { oobeSystem: { [SHELL]: { OOBE: { Zzzzzzzzzzzz: 1 } } } } }))
        expect(d.message).to.not.contain("Did you mean");
    });

    it("never quotes a secret: a misspelt password, or a part of one, given with its value", () => {
      const secret = "Tr0ub4dor&3-never-shown";
      const docs = [
        { oobeSystem: { [SHELL]: { UserAccounts: { AdministratorPasword: { Value: secret, PlainText: true } } } } },
        { oobeSystem: { [SHELL]: { UserAccounts: { AdministratorPasword: secret } } } },
        { oobeSystem: { [SHELL]: { UserAccounts: { AdministratorPassword: { Valu: secret } } } } },
        { oobeSystem: { [SHELL]: { UserAccounts: { LocalAccounts: [{ Name: "ops", Group: "Users", Pasword: { Value: secret } }] } } } },
        { oobeSystem: { [SHELL]: { AutoLogon: { Enabled: true, Username: "ops", Password: { Value: secret, PlainTxt: secret } } } } },
      ];
      for (const settings of docs) {
        const ds = check({ settings });
        expect(ds.some((d) => d.code === "unknown-setting" && /Did you mean "(Administrator)?Password|Value|PlainText"\?/.test(d.message))).to.equal(
          true,
          JSON.stringify(ds.map((d) => d.message)),
        );
        for (const d of ds) expect(JSON.stringify(d)).to.not.contain(secret);
      }
    });
  });

  describe("the XML reader (validateUnattendXml, unattend validate): the same suggestion on its warnings", () => {
    it("an unknown component, an unknown setting at any depth, a case-only name, a part of a password", () => {
      expect(checkXml(xml("oobeSystem", "Microsoft-Windows-Shel-Setup", "<TimeZone>UTC</TimeZone>"))).to.deep.equal([
        `unvalidated unvalidated.oobeSystem["Microsoft-Windows-Shel-Setup"] Component "Microsoft-Windows-Shel-Setup" is not in the catalog of documented settings; it is written as given, without validation. Did you mean "${SHELL}"?`,
      ]);
      expect(checkXml(xml("oobeSystem", SHELL, "<TimeZon>UTC</TimeZon>"))).to.deep.equal([
        `unvalidated unvalidated.oobeSystem["${SHELL}"].TimeZon "TimeZon" is not in the catalog of documented settings; it is written as given, without validation. Did you mean "TimeZone"?`,
      ]);
      expect(checkXml(xml("oobeSystem", SHELL, "<timezone>UTC</timezone>"))).to.deep.equal([
        `name-case unvalidated.oobeSystem["${SHELL}"].timezone "timezone" is not a setting of component "${SHELL}". Names are case-sensitive: did you mean "TimeZone"?`,
      ]);
      expect(checkXml(xml("oobeSystem", SHELL, "<OOBE><hideeulapage>true</hideeulapage></OOBE>"))).to.deep.equal([
        `unvalidated unvalidated.oobeSystem["${SHELL}"].OOBE.hideeulapage "hideeulapage" is not in the catalog of documented settings; it is written as given, without validation. Names are case-sensitive: did you mean "HideEULAPage"?`,
      ]);
      const list = checkXml(
        xml(
          "oobeSystem",
          SHELL,
          `<FirstLogonCommands><SynchronousCommand wcm:action="add"><Order>1</Order><CommandLin>x</CommandLin></SynchronousCommand></FirstLogonCommands>`,
        ),
      );
      expect(list).to.have.length(1);
      expect(list[0]).to.match(/^unvalidated .*SynchronousCommand\[0\]\.CommandLin .* Did you mean "CommandLine"\?$/);
      const secret = "Tr0ub4dor-3-never-shown";
      const password = checkXml(
        xml(
          "oobeSystem",
          SHELL,
          `<UserAccounts><AdministratorPassword><Valu>${secret}</Valu><PlainText>true</PlainText></AdministratorPassword></UserAccounts>`,
        ),
      );
      expect(password.filter((d) => d.startsWith("unvalidated-content"))).to.deep.equal([
        `unvalidated-content unvalidated.oobeSystem["${SHELL}"].UserAccounts.AdministratorPassword <Valu> is not expected in password <AdministratorPassword> (only <Value> and <PlainText>). Did you mean "Value"? The whole <AdministratorPassword> is kept as written, under unvalidated, without validation.`,
      ]);
      for (const d of password) expect(d).to.not.contain(secret);
    });

    it("an enumerated value, an unknown pass: the object form's errors", () => {
      expect(checkXml(xml("windowsPE", SETUP, "<DiskConfiguration><WillShowUI>Nevr</WillShowUI></DiskConfiguration>"))).to.deep.equal([
        `invalid-enum settings.windowsPE["${SETUP}"].DiskConfiguration.WillShowUI "WillShowUI" is "Nevr", which is not one of its values. Valid: "Always", "OnError", "Never". Did you mean "Never"?`,
      ]);
      expect(checkXml(xml("oobesystem", SHELL, "<TimeZone>UTC</TimeZone>"))[0]).to.match(
        /^unknown-pass settings\.oobesystem .* Names are case-sensitive: did you mean "oobeSystem"\?$/,
      );
    });

    it("no suggestion for a name known from real files, for a component of another vendor, or when nothing is near", () => {
      // SkipMachineOOBE: not in the 2018 reference, known from real files (components/catalog/unlisted.ts): said so, nothing else
      const [unlisted, ...rest] = checkXml(xml("oobeSystem", SHELL, "<OOBE><SkipMachineOOBE>true</SkipMachineOOBE></OOBE>"));
      expect(rest).to.deep.equal([]);
      expect(unlisted).to.contain("is not in the 2018 reference").and.not.contain("Did you mean");
      expect(checkXml(xml("specialize", "Contoso-Agent", "<Mode>1</Mode>"))).to.deep.equal([
        'unvalidated unvalidated.specialize["Contoso-Agent"] Component "Contoso-Agent" is not in the catalog of documented settings; it is written as given, without validation.',
      ]);
    });
  });

  it("a building block's enumerated argument (plain JavaScript, a cast, a config value)", () => {
    const thrown = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).to.be.instanceOf(UnattendValidationError);
        return (e as UnattendValidationError).diagnostics.map((d) => `${formatPath(d.path)}: ${d.message}`);
      }
      expect.fail("no error");
    };
    expect(thrown(() => skipOobe({ edition: "clint" as never }))).to.deep.equal([
      'skipOobe.edition: edition must be one of "client", "server"; got the string "clint". Did you mean "client"?',
    ]);
    const [group] = thrown(() => localAccounts([{ name: "ops", password: "Tr0ub4dor-block", groups: ["administrators" as never] }]));
    expect(group).to.match(
      /^localAccounts\[0\]\.groups\[0\]: each group must be one of .*; got the string "administrators"\. Names are case-sensitive: did you mean "Administrators"\?$/,
    );
    expect(thrown(() => skipOobe({ edition: "datacenter" as never }))[0]).to.not.contain("Did you mean");
  });

  it("the object form's unvalidated content: the same warning as the file's, the same suggestion; none for a documented name", () => {
    const ds = check({ unvalidated: { oobeSystem: { [SHELL]: { TimeZon: "UTC", TimeZone: "UTC" } } } });
    expect(ds.map((d) => `${d.code} ${formatPath(d.path)} ${d.message}`)).to.deep.equal([
      `unvalidated unvalidated.oobeSystem["${SHELL}"].TimeZon "TimeZon" is not in the catalog of documented settings; it is written as given, without validation. Did you mean "TimeZone"?`,
      `unvalidated unvalidated.oobeSystem["${SHELL}"].TimeZone "TimeZone" is not in the catalog of documented settings; it is written as given, without validation.`,
    ]);
  });
});

describe("did you mean: the shared work row and the indexes behind it", () => {
  /** Levenshtein distance, the textbook table: what editDistance must agree with. */
  function reference(a: string, b: string): number {
    const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
    for (let i = 1; i <= a.length; i++)
      for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    return d[a.length][b.length];
  }

  it("editDistance agrees with the textbook table, whatever the lengths and the order of calls (one row reused)", () => {
    // short and long names interleaved: a call with a long name (its own row) must not disturb the shared one
    const name = fc.oneof(fc.string({ maxLength: 12 }), fc.string({ minLength: 190, maxLength: 230, unit: fc.constantFrom("a", "b", "c") }));
    fc.assert(
      fc.property(fc.array(fc.tuple(name, name, fc.option(fc.nat({ max: 40 }), { nil: undefined })), { minLength: 1, maxLength: 6 }), (calls) => {
        for (const [a, b, max] of calls) {
          const exact = reference(a, b);
          const got = editDistance(a, b, max);
          expect(got, `${a.length} x ${b.length}, max ${max}`).to.equal(max === undefined || exact <= max ? exact : max + 1);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("findUnlisted finds every entry whatever the component's case, and nothing for other components or paths", () => {
    for (const u of UNLISTED) {
      expect(findUnlisted(u.component, u.path)).to.equal(u);
      expect(findUnlisted(u.component.toUpperCase(), u.path)).to.equal(u);
      expect(findUnlisted(u.component, [...u.path, "Nope"])).to.equal(undefined);
    }
    expect(findUnlisted("Contoso-Tool", [])).to.equal(undefined);
  });

  it("nearest answers the same for a name asked again (candidates' lower case made once)", () => {
    const candidates = ["TimeZone", "ComputerName", "RegisteredOwner"];
    for (let i = 0; i < 3; i++) {
      expect(nearest("timezone", candidates)).to.deep.equal({ match: "TimeZone", caseOnly: true });
      expect(nearest("ComputerNme", candidates)).to.deep.equal({ match: "ComputerName", caseOnly: false });
      expect(nearest("Unrelated", candidates)).to.equal(undefined);
    }
  });
});
