import { expect } from "chai";
import * as fc from "fast-check";
import * as pulumi from "@pulumi/pulumi";
import {
  azureAdditionalUnattendContent,
  azureWindowsVirtualMachineUnattendContents,
  parseUnattend,
  renderUnattend,
  validateUnattend,
} from "../components";
import { AZURE_UNATTEND_CONTENT_MAX_BYTES, renderAzureUnattendContent, type AzureUnattendSettings } from "../components/pulumi/delivery";
import { parseXml, type XmlElement } from "../components/core/xml/reader";
import { errorsOf, outputErrorsOf, recordingMocks, textErrors, valueOf } from "./delivery-helpers";

const SHELL = "Microsoft-Windows-Shell-Setup";
const WCM = "http://schemas.microsoft.com/WMIConfig/2002/State";
const XSI = "http://www.w3.org/2001/XMLSchema-instance";

/** The fragments put back where Azure puts them: inside its Shell-Setup component. */
function inComponent(fragments: string[]): string {
  return (
    `<?xml version="1.0" encoding="utf-8"?>\n<unattend xmlns="urn:schemas-microsoft-com:unattend"><settings pass="oobeSystem">` +
    `<component name="${SHELL}" processorArchitecture="amd64" publicKeyToken="31bf3856ad364e35" language="neutral" versionScope="nonSxS" xmlns:wcm="${WCM}" xmlns:xsi="${XSI}">` +
    fragments.join("") +
    `</component></settings></unattend>\n`
  );
}

const shell = (s: AzureUnattendSettings["oobeSystem"][typeof SHELL]): AzureUnattendSettings => ({ oobeSystem: { [SHELL]: s } });

describe("delivery: Azure additionalUnattendContent", () => {
  describe("renderAzureUnattendContent", () => {
    it("cuts AutoLogon and FirstLogonCommands out of the rendered document: no <component>, no indentation, values escaped", () => {
      const r = renderAzureUnattendContent(
        shell({
          FirstLogonCommands: [{ CommandLine: 'cmd /c echo "a" & b > c', Description: "first" }, { CommandLine: "second" }],
          AutoLogon: { Enabled: true, LogonCount: 2, Username: "ops", Password: "p<w>&rd" },
        }),
      );
      expect(r.content).to.deep.equal([
        {
          settingName: "AutoLogon",
          content:
            "<AutoLogon><Enabled>true</Enabled><LogonCount>2</LogonCount><Password><Value>p&lt;w&gt;&amp;rd</Value><PlainText>true</PlainText></Password>" +
            "<Username>ops</Username></AutoLogon>",
        },
        {
          settingName: "FirstLogonCommands",
          content:
            '<FirstLogonCommands><SynchronousCommand><CommandLine>cmd /c echo "a" &amp; b &gt; c</CommandLine><Description>first</Description><Order>1</Order></SynchronousCommand>' +
            "<SynchronousCommand><CommandLine>second</CommandLine><Order>2</Order></SynchronousCommand></FirstLogonCommands>",
        },
      ]);
      expect(r.sensitive).to.equal(true);
      expect(r.diagnostics).to.deep.equal([]);
    });

    it('is the same text as the full answer file\'s element, indentation and wcm:action="add" aside', () => {
      const settings = shell({
        FirstLogonCommands: [
          { CommandLine: "a", RequiresUserInput: false },
          { CommandLine: "b", Order: 9 },
        ],
      });
      const full = renderUnattend({ settings });
      const element = /<FirstLogonCommands>[\s\S]*<\/FirstLogonCommands>/.exec(full)![0];
      const expected = element.replace(/>[ \t\r\n]+</g, "><").replace(/ wcm:action="add"/g, "");
      expect(renderAzureUnattendContent(settings).content[0].content).to.equal(expected);
    });

    it('writes text that looks like an entity reference escaped, and reads it back identical (render.ts must escape every "&")', () => {
      const lines = ["echo &amp; done", "echo &A; done", "echo &#65; done", "a&&b"];
      const r = renderAzureUnattendContent(shell({ FirstLogonCommands: lines.map((CommandLine) => ({ CommandLine })) }));
      const back = parseUnattend(inComponent([r.content[0].content]));
      expect(back.diagnostics).to.deep.equal([]);
      const commands = (back.document.settings as never as AzureUnattendSettings).oobeSystem[SHELL].FirstLogonCommands as { CommandLine: string }[];
      expect(commands.map((c) => c.CommandLine)).to.deep.equal(lines);
    });

    it("is not sensitive without a password", () => {
      const r = renderAzureUnattendContent(shell({ FirstLogonCommands: [{ CommandLine: "a" }] }));
      expect(r.sensitive).to.equal(false);
      expect(r.content.map((c) => c.settingName)).to.deep.equal(["FirstLogonCommands"]);
    });

    it("obfuscates a password with PlainText false as the full answer file does", () => {
      const r = renderAzureUnattendContent(shell({ AutoLogon: { Username: "ops", Password: { Value: "pw", PlainText: false } } }));
      const value = Buffer.from("pwPassword", "utf16le").toString("base64");
      expect(r.content[0].content).to.contain(`<Value>${value}</Value><PlainText>false</PlainText>`);
      expect(r.content[0].content).to.not.contain(">pw<");
    });

    it("refuses other passes, components and settings, naming each path and what Azure accepts", () => {
      const errors = errorsOf(() =>
        renderAzureUnattendContent({
          specialize: { [SHELL]: { ComputerName: "X" } },
          oobeSystem: { "Microsoft-Windows-International-Core": { UILanguage: "en-US" }, [SHELL]: { OOBE: { HideEULAPage: true }, TimeZone: "UTC" } },
        } as never),
      );
      expect(errors.map((e) => [e.path, e.code])).to.deep.equal([
        ["settings.specialize", "target-unsupported"],
        ['settings.oobeSystem["Microsoft-Windows-International-Core"]', "target-unsupported"],
        ['settings.oobeSystem["Microsoft-Windows-Shell-Setup"].OOBE', "target-unsupported"],
        ['settings.oobeSystem["Microsoft-Windows-Shell-Setup"].TimeZone', "target-unsupported"],
        // nothing Azure takes is left
        ['settings.oobeSystem["Microsoft-Windows-Shell-Setup"]', "target-empty"],
      ]);
      for (const e of errors) expect(e.message).to.contain('settings.oobeSystem["Microsoft-Windows-Shell-Setup"].AutoLogon and .FirstLogonCommands');
    });

    it("names the right setting when only the case differs", () => {
      const [e] = errorsOf(() => renderAzureUnattendContent(shell({ firstLogonCommands: [] } as never)));
      expect(e.code).to.equal("target-unsupported");
      expect(e.message).to.contain('"firstLogonCommands" differs from "FirstLogonCommands" only in case');
    });

    it("reports the pipeline's own errors with the same paths, all at once", () => {
      const errors = errorsOf(() =>
        renderAzureUnattendContent({
          specialize: { [SHELL]: {} },
          oobeSystem: { [SHELL]: { AutoLogon: { LogonCount: "many" }, FirstLogonCommands: [{ CommandLine: "x".repeat(1025), Order: 501 }] } },
        } as never),
      );
      const paths = errors.map((e) => e.path);
      expect(paths).to.include('settings.oobeSystem["Microsoft-Windows-Shell-Setup"].AutoLogon.LogonCount');
      expect(paths).to.include('settings.oobeSystem["Microsoft-Windows-Shell-Setup"].FirstLogonCommands[0].CommandLine');
      expect(paths).to.include('settings.oobeSystem["Microsoft-Windows-Shell-Setup"].FirstLogonCommands[0].Order');
      // an empty pass is nothing to refuse
      expect(paths).to.not.include("settings.specialize");
    });

    it("refuses wcm:action modify/remove and null values, which need prefixes Azure's content cannot declare", () => {
      const errors = errorsOf(() =>
        renderAzureUnattendContent(
          shell({
            FirstLogonCommands: [
              { CommandLine: "a", "wcm:action": "modify" },
              { CommandLine: "b", "wcm:action": "remove" },
              { CommandLine: null as never },
            ],
          }),
        ),
      );
      const items = 'settings.oobeSystem["Microsoft-Windows-Shell-Setup"].FirstLogonCommands';
      const at = new Map(errors.map((e) => [e.path, e]));
      expect(errors).to.have.length(3);
      expect([at.get(`${items}[0]`)?.code, at.get(`${items}[1]`)?.code]).to.deep.equal(["target-unsupported", "target-unsupported"]);
      expect(at.get(`${items}[0]`)!.message)
        .to.contain('wcm:action "modify"')
        .and.contain("can only add items");
      // null: refused at its path (as xsi:nil by this module, or by the pipeline where null is not a value)
      expect(at.has(`${items}[2].CommandLine`)).to.equal(true);
      // "add", given explicitly, is what Azure does anyway
      expect(
        renderAzureUnattendContent(shell({ FirstLogonCommands: [{ CommandLine: "a", "wcm:action": "add" }] })).content[0].content,
      ).to.not.contain("wcm:");
    });

    it("refuses an empty or missing input with what Azure accepts", () => {
      for (const input of [undefined, {}, { oobeSystem: {} }, shell({}), shell({ AutoLogon: undefined })]) {
        const errors = errorsOf(() => renderAzureUnattendContent(input as never));
        expect(errors.map((e) => e.code)).to.deep.equal(["target-empty"]);
      }
      expect(errorsOf(() => renderAzureUnattendContent("oobeSystem" as never)).map((e) => e.code)).to.deep.equal(["wrong-shape"]);
    });

    it("accepts 4,095 bytes and refuses 4,096 (Azure: less than 4 KB), counting UTF-8 bytes", () => {
      const empty = renderAzureUnattendContent(shell({ FirstLogonCommands: [{ CommandLine: "" }, { CommandLine: "" }] })).content[0].content;
      const overhead = Buffer.byteLength(empty, "utf8");
      // 1,000 three-byte characters (3,000 bytes) in one command, ASCII up to the total in the other
      const build = (total: number) =>
        shell({ FirstLogonCommands: [{ CommandLine: "\u20ac".repeat(1000) }, { CommandLine: "x".repeat(total - overhead - 3000) }] });
      const ok = renderAzureUnattendContent(build(AZURE_UNATTEND_CONTENT_MAX_BYTES));
      expect(Buffer.byteLength(ok.content[0].content, "utf8")).to.equal(4095);
      const [e] = errorsOf(() => renderAzureUnattendContent(build(4096)));
      expect(e.code).to.equal("target-too-large");
      expect(e.path).to.equal('settings.oobeSystem["Microsoft-Windows-Shell-Setup"].FirstLogonCommands');
      expect(e.message).to.contain("4096 bytes").and.contain("less than 4 KB");
    });

    it("never puts a value in a message", () => {
      const errors = errorsOf(() =>
        renderAzureUnattendContent({
          specialize: { [SHELL]: { ComputerName: "SECRET-NAME" } },
          oobeSystem: {
            [SHELL]: { AutoLogon: { Password: "hunter2" }, FirstLogonCommands: [{ CommandLine: "z".repeat(1000), "wcm:action": "modify" }] },
          },
        } as never),
      );
      for (const e of errors) expect(e.message).to.not.contain("hunter2").and.not.contain("SECRET-NAME").and.not.contain("zzzz");
    });

    describe("properties", () => {
      // text XML 1.0 can hold, astral characters and markup characters included (no \r: XML reads it as \n)
      const xmlChar = fc.oneof(
        fc.constantFrom("&", "<", ">", '"', "'", "]]>", "&amp;", "&A;", "&#65;", "\t", "\n", " ", "%", "\u00e9", "\u20ac", "\ud83d\ude00", "\ufffd"),
        fc.string({ unit: "grapheme-ascii", maxLength: 3 }),
      );
      const text = (max: number) => fc.array(xmlChar, { maxLength: max }).map((a) => a.join("").slice(0, 1024));
      const command = fc.record({ CommandLine: text(40), Description: text(10), RequiresUserInput: fc.boolean() }, { requiredKeys: ["CommandLine"] });
      const autoLogon = fc.record(
        {
          Enabled: fc.boolean(),
          LogonCount: fc.integer({ min: 1, max: 100 }),
          Username: text(20).filter((s) => s.length <= 256),
          Password: fc.oneof(text(20), fc.record({ Value: text(20), PlainText: fc.boolean() })),
        },
        { requiredKeys: [] },
      );
      const settings = fc
        .record({ AutoLogon: autoLogon, FirstLogonCommands: fc.array(command, { minLength: 1, maxLength: 6 }) }, { requiredKeys: [] })
        .filter((s) => Object.keys(s).length > 0)
        .map((s) => shell(s as never));

      it("each fragment stands alone as XML, every prefix declared, and reads back as the full answer file does", () => {
        fc.assert(
          fc.property(settings, (s) => {
            // what the full answer file refuses, Azure's content refuses with the same diagnostics
            const refused = textErrors(validateUnattend({ settings: s }).diagnostics);
            if (refused.length > 0) {
              expect(errorsOf(() => renderAzureUnattendContent(s))).to.deep.equal(refused);
              return;
            }
            const r = renderAzureUnattendContent(s);
            for (const f of r.content) {
              const alone = parseXml(f.content);
              expect(alone.problem, f.content).to.equal(undefined);
              expect(alone.root!.local).to.equal(f.settingName);
              // no indentation: an element with children has no text of its own
              const walk = (el: XmlElement): void => {
                if (el.children.length > 0) expect(el.text, f.content).to.equal("");
                el.children.forEach(walk);
              };
              walk(alone.root!);
            }
            const back = parseUnattend(inComponent(r.content.map((f) => f.content)));
            expect(back.diagnostics.filter((d) => d.severity === "error")).to.deep.equal([]);
            const full = parseUnattend(renderUnattend({ settings: s }));
            expect(back.document.settings).to.deep.equal(full.document.settings);
          }),
          { numRuns: 150 },
        );
      });

      it("keeps every value exactly", () => {
        fc.assert(
          fc.property(fc.array(text(60), { minLength: 1, maxLength: 4 }), (lines) => {
            const r = renderAzureUnattendContent(shell({ FirstLogonCommands: lines.map((CommandLine) => ({ CommandLine })) }));
            const back = parseUnattend(inComponent([r.content[0].content])).document.settings as never as AzureUnattendSettings;
            const commands = back.oobeSystem[SHELL].FirstLogonCommands as { CommandLine: string }[];
            expect(commands.map((c) => c.CommandLine)).to.deep.equal(lines);
          }),
          { numRuns: 150 },
        );
      });

      it("refuses exactly the contents over 4,095 bytes", () => {
        fc.assert(
          fc.property(
            fc.array(fc.integer({ min: 0, max: 1024 }), { minLength: 1, maxLength: 8 }),
            fc.constantFrom("a", "\u00e9", "\u20ac", "\ud83d\ude00"),
            (lengths, unit) => {
              const s = shell({ FirstLogonCommands: lengths.map((n) => ({ CommandLine: unit.repeat(Math.floor(n / unit.length)) })) });
              // the size computed independently, from the full answer file
              const element = /<FirstLogonCommands>[\s\S]*<\/FirstLogonCommands>/.exec(renderUnattend({ settings: s }))![0];
              const bytes = Buffer.byteLength(element.replace(/>[ \t\r\n]+</g, "><").replace(/ wcm:action="add"/g, ""), "utf8");
              if (bytes <= AZURE_UNATTEND_CONTENT_MAX_BYTES) {
                expect(Buffer.byteLength(renderAzureUnattendContent(s).content[0].content, "utf8")).to.equal(bytes);
              } else {
                expect(errorsOf(() => renderAzureUnattendContent(s)).map((e) => e.code)).to.deep.equal(["target-too-large"]);
              }
            },
          ),
          { numRuns: 100 },
        );
      });
    });
  });

  describe("azureAdditionalUnattendContent and azureWindowsVirtualMachineUnattendContents (Pulumi)", () => {
    before(async () => {
      await recordingMocks();
    });

    it("gives azure-native's entries: passName, componentName, settingName, content", async () => {
      const out = azureAdditionalUnattendContent({ oobeSystem: { [SHELL]: { FirstLogonCommands: [{ CommandLine: "a" }] } } });
      expect(await valueOf(out)).to.deep.equal([
        {
          passName: "OobeSystem",
          componentName: SHELL,
          settingName: "FirstLogonCommands",
          content: "<FirstLogonCommands><SynchronousCommand><CommandLine>a</CommandLine><Order>1</Order></SynchronousCommand></FirstLogonCommands>",
        },
      ]);
      expect(await pulumi.isSecret(out)).to.equal(false);
    });

    it("gives @pulumi/azure's entries: setting, content", async () => {
      const out = azureWindowsVirtualMachineUnattendContents({ oobeSystem: { [SHELL]: { AutoLogon: { Enabled: true, Username: "ops" } } } });
      expect(await valueOf(out)).to.deep.equal([
        { setting: "AutoLogon", content: "<AutoLogon><Enabled>true</Enabled><Username>ops</Username></AutoLogon>" },
      ]);
    });

    it("is secret when the settings hold a password, even as plain text", async () => {
      const out = azureAdditionalUnattendContent({ oobeSystem: { [SHELL]: { AutoLogon: { Username: "ops", Password: "plain" } } } });
      expect(await pulumi.isSecret(out)).to.equal(true);
      expect((await valueOf(out))[0].content).to.contain("<Value>plain</Value>");
      const classic = azureWindowsVirtualMachineUnattendContents({ oobeSystem: { [SHELL]: { AutoLogon: { Username: "ops", Password: "plain" } } } });
      expect(await pulumi.isSecret(classic)).to.equal(true);
    });

    it("is secret when any input is secret, at any level", async () => {
      const leaf = azureAdditionalUnattendContent({ oobeSystem: { [SHELL]: { FirstLogonCommands: [{ CommandLine: pulumi.secret("a") }] } } });
      expect(await pulumi.isSecret(leaf)).to.equal(true);
      const whole = azureAdditionalUnattendContent(pulumi.secret({ oobeSystem: { [SHELL]: { FirstLogonCommands: [{ CommandLine: "a" }] } } }));
      expect(await pulumi.isSecret(whole)).to.equal(true);
      const component = azureAdditionalUnattendContent({ oobeSystem: pulumi.output({ [SHELL]: pulumi.secret({ AutoLogon: { Username: "ops" } }) }) });
      expect(await pulumi.isSecret(component)).to.equal(true);
      expect((await valueOf(component))[0].settingName).to.equal("AutoLogon");
    });

    it("fails with every error, none holding the password", async () => {
      const out = azureAdditionalUnattendContent({
        oobeSystem: { [SHELL]: { AutoLogon: { Username: "ops", Password: pulumi.secret("hunter2") }, OOBE: { HideEULAPage: true } } },
      } as never);
      const errors = await outputErrorsOf(out);
      expect(errors.map((e) => e.code)).to.deep.equal(["target-unsupported"]);
      expect(JSON.stringify(errors)).to.not.contain("hunter2");
    });
  });
});
