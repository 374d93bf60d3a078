/**
 * The blocks of issue 21 beyond their golden files (tests/blocks.test.ts):
 * registry()'s quoting and scripts()' embedding as fast-check properties
 * against models written here (cmd.exe's and the C runtime's command-line
 * rules; the extraction command's reading of the answer file), the
 * arguments each block refuses (with the path), the account-name rules,
 * credentials where the catalog keeps them secret, and winrm's consistency
 * and warnings. fast-check prints the seed of a failing run.
 */
import { expect } from "chai";
import fc from "fast-check";
import { SaxesParser } from "saxes";
import {
  builtinAdministrator,
  bypassRequirements,
  commands,
  domainJoin,
  drivers,
  edition,
  localAccounts,
  localAdministrator,
  mergeUnattend,
  offlineDomainJoin,
  parseUnattend,
  registry,
  renderUnattend,
  scripts,
  UnattendValidationError,
  validateUnattend,
  winrm,
  type RegistryValue,
  type Script,
  type UnattendLayer,
} from "../components";
import { GENERIC_KEYS, winrmWarnings } from "../components/blocks";
import { accountNameProblem } from "../components/blocks/accountName";
import { argumentProblem, registryValueProblems, regAddCommand } from "../components/blocks/registry";
import { EXTRACT_COMMAND, PANTHER_COPY, SCRIPTS_NS } from "../components/blocks/scripts";
import { isConfidentialElement } from "../components/core/confidential";
import { formatPath } from "../components/core/diagnostics";

function problems(f: () => unknown): string[] {
  try {
    f();
  } catch (e) {
    expect(e).to.be.instanceOf(UnattendValidationError);
    return (e as UnattendValidationError).diagnostics.map((d) => `${formatPath(d.path)}: ${d.message}`);
  }
  throw new Error("expected an UnattendValidationError");
}

// ---- the command-line model: cmd.exe, then the program's C runtime

/**
 * cmd.exe's reading of a command line (cmd /c, delayed expansion off): `%`
 * starts a variable whose value depends on the environment (so a line with
 * one is not exact); outside double quotes `^` escapes the next character
 * and `& | < > ( )` are operators (so the line would not be one command);
 * a `"` toggles quoting. Returns the text the program gets, or why not.
 */
function cmdRead(line: string): { text: string } | { problem: string } {
  if (line.includes("%")) return { problem: "% expands" };
  let quoted = false;
  let out = "";
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === "^") {
      i++;
      if (i < line.length) out += line[i];
      continue;
    } else if (!quoted && "&|<>()".includes(c)) return { problem: `operator ${c} outside quotes` };
    else if (c === "\n" || c === "\r") return { problem: "line break" };
    out += c;
  }
  return { text: out };
}

/** The Microsoft C runtime's split of a command line into arguments (since 2008: `""` inside quotes is a quote). */
function crtArgs(line: string): string[] {
  const args: string[] = [];
  let i = 0;
  for (;;) {
    while (line[i] === " " || line[i] === "\t") i++;
    if (i >= line.length) return args;
    let arg = "";
    let quoted = false;
    while (i < line.length) {
      const c = line[i];
      if (c === "\\") {
        let k = 0;
        while (line[i + k] === "\\") k++;
        if (line[i + k] === '"') {
          arg += "\\".repeat(Math.floor(k / 2));
          i += k;
          if (k % 2 === 1) {
            arg += '"';
            i++;
          }
        } else {
          arg += "\\".repeat(k);
          i += k;
        }
      } else if (c === '"') {
        if (quoted && line[i + 1] === '"') {
          arg += '"';
          i += 2;
        } else {
          quoted = !quoted;
          i++;
        }
      } else if (!quoted && (c === " " || c === "\t")) break;
      else {
        arg += c;
        i++;
      }
    }
    args.push(arg);
  }
}

/** What reg.exe receives from a line, run directly and through cmd.exe: the same arguments both ways, or why not. */
function regReceives(line: string): string[] | string {
  const viaCmd = cmdRead(line);
  if ("problem" in viaCmd) return viaCmd.problem;
  const direct = crtArgs(line);
  const throughCmd = crtArgs(viaCmd.text);
  if (JSON.stringify(direct) !== JSON.stringify(throughCmd)) return "cmd.exe changes the arguments";
  return direct;
}

describe("blocks of issue 21", () => {
  describe("registry(): exact quoting", () => {
    it("the models read known lines as cmd.exe and the C runtime do", () => {
      expect(crtArgs('reg add "a b\\\\" /d "x\\"y" c\\d')).to.deep.equal(["reg", "add", "a b\\", "/d", 'x"y', "c\\d"]);
      expect(crtArgs('"a""b"')).to.deep.equal(['a"b']);
      expect(cmdRead('echo "a & b" ^& c')).to.deep.equal({ text: 'echo "a & b" & c' });
      expect(cmdRead("echo a & b")).to.deep.equal({ problem: "operator & outside quotes" });
      expect(regReceives('reg add "x\\"&y"')).to.equal("operator & outside quotes");
    });

    const text = fc.oneof(
      fc.string({ unit: "binary", maxLength: 30 }),
      fc.string({ unit: fc.constantFrom("a", " ", "\\", '"', "%", "&", "^", "|", "<", ">", "(", ")", "é", "\t", "~", "#"), maxLength: 20 }),
    );

    it("any text is written so that reg.exe gets it back exactly (run directly or through cmd.exe), or is refused with the reason", () => {
      fc.assert(
        fc.property(text, text, text, (key, name, data) => {
          const v: RegistryValue = { hive: "HKLM", key: `SOFTWARE\\${key}`, name, type: "REG_SZ", value: data };
          const found = registryValueProblems(v);
          const expectRefused = [key, name, data].some((t) => argumentProblem(t) !== undefined) || /^\\|\\$|\\\\/.test(`SOFTWARE\\${key}`);
          if (found.length > 0) {
            expect(expectRefused, JSON.stringify(found)).to.equal(true);
            for (const p of found) expect(p.message).to.match(/\w{3,}.*[.:]/);
            return;
          }
          expect(expectRefused).to.equal(false);
          const line = regAddCommand("HKLM", v);
          expect(regReceives(line)).to.deep.equal(["reg", "add", `HKLM\\SOFTWARE\\${key}`, "/v", name, "/t", "REG_SZ", "/d", data, "/f"]);
        }),
        { numRuns: 500 },
      );
    });

    it("what it refuses is exactly what no quoting keeps exact: a double quote, a %, a control character, an unpaired surrogate", () => {
      fc.assert(
        fc.property(fc.string({ unit: "binary", maxLength: 30 }), (t) => {
          const refused = argumentProblem(t) !== undefined;
          expect(refused).to.equal(
            /["%]/.test(t) ||
              [...t].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f) ||
              /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(t),
          );
        }),
        { numRuns: 500 },
      );
      expect(problems(() => registry([{ hive: "HKLM", key: "SOFTWARE\\X", name: "A", type: "REG_SZ", value: 'say "hi"' }]))).to.deep.equal([
        'registry[0].value: value (REG_SZ) contains a double quote ("): cmd.exe would end its quoting there and act on & | < > ^ ( ) after it; no quoting keeps it exact under both cmd.exe and reg.exe, so it is refused.',
      ]);
      expect(
        problems(() => registry([{ hive: "HKLM", key: "SOFTWARE\\X", name: "A", type: "REG_EXPAND_SZ", value: "%SystemRoot%\\x" }]))[0],
      ).to.contain("contains %: cmd.exe expands");
    });

    it("every line it writes reads back from the answer file as written, and REG_MULTI_SZ items come back through the separator", () => {
      fc.assert(
        fc.property(
          fc.array(fc.string({ unit: fc.constantFrom("a", "~", "#", "$", " ", "\\", "&"), minLength: 1, maxLength: 6 }), {
            minLength: 1,
            maxLength: 4,
          }),
          (items) => {
            const v: RegistryValue = { hive: "HKLM", key: "SOFTWARE\\X", name: "M", type: "REG_MULTI_SZ", value: items };
            expect(registryValueProblems(v)).to.deep.equal([]);
            const args = regReceives(regAddCommand("HKLM", v)) as string[];
            const sep = args[args.indexOf("/s") + 1];
            expect(sep).to.have.length(1);
            expect(args[args.indexOf("/d") + 1].split(sep)).to.deep.equal(items);
            const layer = registry([v]);
            const parsed = parseUnattend(renderUnattend({ settings: layer.settings! }));
            const cmd = parsed.document!.settings.specialize!["Microsoft-Windows-Deployment"]!.RunSynchronous![0] as { Path: string };
            expect(cmd.Path).to.equal(regAddCommand("HKLM", v));
          },
        ),
        { numRuns: 100 },
      );
    });

    it("refuses bad values with their path", () => {
      expect(
        problems(() =>
          registry([
            { hive: "HKCR" as never, key: "\\SOFTWARE\\", type: "REG_DWORD", value: -1 },
            { hive: "HKLM", key: "HKLM\\SOFTWARE", type: "REG_QWORD", value: 2 ** 60 },
            { hive: "HKCU", key: "Software", type: "REG_BINARY", value: "ABC", pass: "windowsPE" },
            { hive: "HKLM", key: "Software", type: "REG_MULTI_SZ", value: ["a", ""] },
            { hive: "HKLM", key: "Software", type: "REG_NONE", value: "x" },
          ]),
        ).map((p) => p.split(":")[0]),
      ).to.deep.equal([
        "registry[0].hive",
        "registry[0].key",
        "registry[0].value",
        "registry[1].key",
        "registry[1].value",
        "registry[2].pass",
        "registry[2].value",
        "registry[3].value[1]",
        "registry[4].value",
      ]);
      expect(problems(() => registry([]))).to.have.length(1);
      const long = "K".repeat(250);
      expect(problems(() => registry([{ hive: "HKLM", key: long, type: "REG_DWORD", value: 1 }]))[0]).to.match(
        /^registry\[0\]: its reg add command is \d+ characters long; the Path of a specialize command holds at most 259\./,
      );
      // at the first logon, 1,024 characters fit
      expect(() => registry([{ hive: "HKCU", key: long, type: "REG_DWORD", value: 1, pass: "firstLogon" }])).to.not.throw();
    });
  });

  describe("scripts(): embedded in the answer file, written back byte for byte", () => {
    /**
     * The extraction command, modelled: load the answer file (an XML reader:
     * saxes here, .NET's XmlDocument there), take each File child of the
     * root's Scripts element, decode its text as base64 skipping white
     * space (Convert.FromBase64String), and write the bytes to its path.
     */
    function extract(xml: string): Map<string, Buffer> {
      const files = new Map<string, Buffer>();
      const parser = new SaxesParser({ xmlns: true });
      const stack: string[] = [];
      let current: { path: string; text: string } | undefined;
      parser.on("opentag", (t) => {
        stack.push(t.local);
        if (t.local === "File" && t.uri === SCRIPTS_NS && stack.join("/") === "unattend/Scripts/File")
          current = { path: String(t.attributes.path.value), text: "" };
      });
      parser.on("text", (t) => {
        if (current) current.text += t;
      });
      parser.on("closetag", () => {
        if (stack.pop() === "File" && current) {
          const b64 = current.text.replace(/[ \t\r\n]/g, "");
          expect(b64).to.match(/^[A-Za-z0-9+/]*={0,2}$/);
          files.set(current.path, Buffer.from(b64, "base64"));
          current = undefined;
        }
      });
      parser.write(xml).close();
      return files;
    }

    it("the extraction command reads Setup's copy of the answer file and fits a specialize command", () => {
      expect(EXTRACT_COMMAND.length).to.be.at.most(259);
      expect(EXTRACT_COMMAND).to.contain(PANTHER_COPY).and.contain("$x.unattend.Scripts.File").and.contain("FromBase64String($_.InnerText)");
      // run directly or through cmd.exe, PowerShell gets the same text (no %, no operator outside the quotes)
      expect(regReceives(EXTRACT_COMMAND)).to.be.an("array");
    });

    it("any content comes back byte for byte from the rendered answer file (or is refused with the reason)", () => {
      const script = fc.record({
        content: fc.oneof(
          fc.string({ unit: "binary", maxLength: 200 }),
          fc.string({ unit: fc.constantFrom("\r", "\n", "]]>", "<", "&", "\u0000", "é", "\ufeff", "a"), maxLength: 40 }),
        ),
        shell: fc.constantFrom("cmd" as const, "powershell" as const),
      });
      fc.assert(
        fc.property(fc.array(script, { minLength: 1, maxLength: 4 }), (list) => {
          const named: Script[] = list.map((s, i) => ({ ...s, name: `s${i}` }));
          let layer: UnattendLayer;
          try {
            layer = scripts({ specialize: named });
          } catch (e) {
            const said = (e as UnattendValidationError).diagnostics.map((d) => d.message).join(" ");
            expect(said).to.match(/unpaired surrogate|must be ASCII/);
            expect(
              named.some(
                (s) =>
                  /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s.content) ||
                  (s.shell === "cmd" && [...s.content].some((c) => c.charCodeAt(0) > 0x7f)),
              ),
            ).to.equal(true);
            return;
          }
          const xml = renderUnattend({ settings: layer.settings!, extras: layer.extras });
          const files = extract(xml);
          expect(files.size).to.equal(named.length);
          for (const s of named) {
            const bytes = files.get(`C:\\Windows\\Setup\\Scripts\\${s.name}.${s.shell === "powershell" ? "ps1" : "cmd"}`)!;
            const bom = s.shell === "powershell" ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0);
            expect(bytes.equals(Buffer.concat([bom, Buffer.from(s.content, "utf8")]))).to.equal(true);
            expect(bytes.subarray(bom.length).toString("utf8")).to.equal(s.content);
          }
          expect(
            validateUnattend({ settings: layer.settings!, extras: layer.extras }).diagnostics.filter((d) => d.severity === "error"),
          ).to.deep.equal([]);
        }),
        { numRuns: 200 },
      );
    });

    it("runs PowerShell from its file and never puts content on a command line", () => {
      const secret = "Write-Output 'not on a command line'";
      const layer = scripts({ firstLogon: [{ name: "p", shell: "powershell", content: secret }] });
      const xml = renderUnattend({ settings: layer.settings!, extras: layer.extras });
      expect(xml).to.not.contain("not on a command line");
      expect(xml).to.contain("powershell -NoProfile -ExecutionPolicy Bypass -File C:\\Windows\\Setup\\Scripts\\p.ps1");
    });

    it("refuses bad names, repeated names, and no script", () => {
      expect(
        problems(() =>
          scripts({
            specialize: [
              { name: "a b", shell: "cmd", content: "" },
              { name: "x", shell: "bash" as never, content: "" },
            ],
            firstLogon: [{ name: "X", shell: "cmd", content: "" }],
          }),
        ).map((p) => p.split(":")[0]),
      ).to.deep.equal(["scripts.specialize[0].name", "scripts.specialize[1].shell", "scripts.firstLogon[0].name"]);
      expect(problems(() => scripts({}))).to.have.length(1);
    });
  });

  describe("accounts", () => {
    it("the account-name rules refuse forbidden characters, NONE, more than 20 characters and built-in names", () => {
      for (const c of '"/\\[]:|<>+=;,?*%@') expect(accountNameProblem(`a${c}b`), c).to.contain("cannot contain");
      expect(accountNameProblem("none")).to.contain("restricted");
      expect(accountNameProblem("a".repeat(21))).to.contain("at most 20");
      expect(accountNameProblem("administrator")).to.contain("built-in account Administrator");
      expect(accountNameProblem("Guest")).to.contain("built-in");
      expect(accountNameProblem("..")).to.contain("dots and spaces");
      expect(accountNameProblem("a\tb")).to.contain("control character");
      expect(accountNameProblem("ops-1")).to.equal(undefined);
      expect(accountNameProblem("a".repeat(20))).to.equal(undefined);
    });

    it("localAccounts checks every name, password and group, with the path", () => {
      expect(
        problems(() =>
          localAccounts([
            { name: "Administrator", password: "x" },
            { name: "ops", password: "", groups: ["Admins" as never] },
            { name: "OPS", password: "y" },
          ]),
        ).map((p) => p.split(":")[0]),
      ).to.deep.equal(["localAccounts[0].name", "localAccounts[1].password", "localAccounts[1].groups[0]", "localAccounts[2].name"]);
      expect(problems(() => localAdministrator({ name: "a;b", password: "x" }))[0]).to.match(
        /^localAdministrator\.name: the account name "a;b" contains ";"/,
      );
    });

    it("builtinAdministrator counts automatic logons exactly (LogonCount is one less; 1 and unlimited reset the count)", () => {
      const logon = (l: UnattendLayer) => {
        const s = l.settings!.oobeSystem!["Microsoft-Windows-Shell-Setup"]!;
        return { count: s.AutoLogon?.LogonCount, user: s.AutoLogon?.Username, first: (s.FirstLogonCommands ?? []).map((c) => c.CommandLine) };
      };
      expect(logon(builtinAdministrator({ password: "p", autoLogon: 3 }))).to.deep.equal({ count: 2, user: "Administrator", first: [] });
      expect(logon(builtinAdministrator({ password: "p", autoLogon: 1 })).count).to.equal(1);
      expect(logon(builtinAdministrator({ password: "p", autoLogon: 1 })).first[0]).to.contain("/v AutoLogonCount /t REG_DWORD /d 0");
      expect(logon(builtinAdministrator({ password: "p", autoLogon: "unlimited" })).first[0]).to.match(/^reg delete .* \/v AutoLogonCount \/f$/);
      expect(problems(() => builtinAdministrator({ password: "", autoLogon: 0 })).map((p) => p.split(":")[0])).to.deep.equal([
        "builtinAdministrator.password",
        "builtinAdministrator.autoLogon",
      ]);
    });
  });

  describe("credentials stay where the catalog keeps them secret", () => {
    const SECRET = "S3cret-value-zz";
    /** Every [name, parent] pair under which `value` sits in the layer's settings. */
    function placesOf(layer: UnattendLayer, value: string): [string, string][] {
      const out: [string, string][] = [];
      const walk = (node: unknown, name: string, parent: string) => {
        if (node === value) out.push(name === "Value" ? [parent, "?"] : [name, parent]);
        else if (Array.isArray(node)) node.forEach((n) => walk(n, name, parent));
        else if (typeof node === "object" && node !== null) for (const [k, v] of Object.entries(node)) walk(v, k, Array.isArray(v) ? k : name);
      };
      walk(layer.settings, "settings", "");
      return out;
    }
    const cases: [string, UnattendLayer][] = [
      ["localAccounts", localAccounts([{ name: "ops", password: SECRET }])],
      ["builtinAdministrator", builtinAdministrator({ password: SECRET, autoLogon: 2 })],
      ["drivers", drivers({ winPE: ["\\\\s\\d"], afterSetup: ["\\\\s\\e"], credentials: { domain: "c", username: "u", password: SECRET } })],
      ["offlineDomainJoin", offlineDomainJoin({ accountData: SECRET.replace(/-/g, "") })],
      ["domainJoin.unsecure", domainJoin({ domain: "d.example", unsecure: { machinePassword: SECRET } })],
    ];
    for (const [name, layer] of cases) {
      it(name, () => {
        const value = name === "offlineDomainJoin" ? SECRET.replace(/-/g, "") : SECRET;
        const places = placesOf(layer, value);
        expect(places.length).to.be.greaterThan(0);
        for (const [el, parent] of places) {
          // a password's Value: the password element itself is the secret one
          if (parent === "?") expect(["Password", "AdministratorPassword"]).to.include(el);
          else expect(isConfidentialElement(el, parent), `${parent}/${el}`).to.equal(true);
        }
      });
    }

    it("is never quoted in a message", () => {
      const said = [
        ...problems(() => drivers({ winPE: ["x"], credentials: { domain: "c", username: "u", password: " " } })),
        ...problems(() => offlineDomainJoin({ accountData: "not base64!" })),
        ...problems(() => domainJoin({ domain: "d", unsecure: { machinePassword: "  " } })),
      ].join("\n");
      expect(said).to.not.contain("not base64!");
      expect(said).to.contain("a string of");
    });
  });

  describe("winrm", () => {
    it("refuses Basic over HTTP without allowUnencrypted, and warns for the insecure combinations", () => {
      expect(problems(() => winrm({ transport: "http", basicAuth: true, allowUnencrypted: false }))[0]).to.match(
        /^winrm\.allowUnencrypted: Basic authentication over HTTP needs allowUnencrypted/,
      );
      expect(winrmWarnings({ transport: "http" }).map((w) => formatPath(w.path))).to.deep.equal(["winrm.basicAuth", "winrm.allowUnencrypted"]);
      expect(winrmWarnings({ transport: "https" })).to.deep.equal([]);
      expect(problems(() => winrm({ transport: "https", pass: "specialize" }))).to.have.length(1);
      expect(problems(() => winrm({ transport: "ftp" as never, port: 70000 }))).to.have.length(2);
    });

    it("emits the warnings when it writes an insecure listener", () => {
      const original = process.emitWarning;
      const calls: string[] = [];
      process.emitWarning = ((m: string, o: { code: string }) => calls.push(`${o.code} ${m}`)) as unknown as typeof process.emitWarning;
      try {
        winrm({ transport: "http" });
        winrm({ transport: "https" });
      } finally {
        process.emitWarning = original;
      }
      expect(calls.map((c) => c.split(":")[0])).to.deep.equal(["insecure-winrm winrm.basicAuth", "insecure-winrm winrm.allowUnencrypted"]);
    });

    it("HTTP with Basic turns on both Basic and AllowUnencrypted, in that order after the service starts", () => {
      const lines = winrm({ transport: "http" }).settings!.oobeSystem!["Microsoft-Windows-Shell-Setup"]!.FirstLogonCommands!.map(
        (c) => c.CommandLine,
      );
      expect(lines[0]).to.contain("Enable-PSRemoting");
      expect(lines.findIndex((l) => l!.includes("Basic"))).to.be.lessThan(lines.findIndex((l) => l!.includes("AllowUnencrypted")));
      expect(lines.at(-1)).to.contain("localport=5985");
    });
  });

  describe("the other blocks", () => {
    it("edition writes only keys from the published table, and refuses other names", () => {
      for (const key of Object.values(GENERIC_KEYS)) expect(key).to.match(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){4}$/);
      const layer = edition("Windows Server 2022 Standard");
      expect(layer.settings!.windowsPE!["Microsoft-Windows-Setup"]!.UserData!.ProductKey!.Key).to.equal(GENERIC_KEYS["Windows Server 2022 Standard"]);
      expect(problems(() => edition("Windows Home" as never))[0]).to.match(
        /^edition\.name: "Windows Home" is not an edition with a published generic key/,
      );
    });

    it("bypassRequirements writes LabConfig in windowsPE and BypassNRO in specialize, and refuses writing nothing", () => {
      const l = bypassRequirements({ cpu: false, onlineAccount: true });
      const pe = l.settings!.windowsPE!["Microsoft-Windows-Setup"]!.RunSynchronous!.map((c) => c.Path);
      expect(pe.every((p) => p!.startsWith('reg add "HKLM\\SYSTEM\\Setup\\LabConfig"'))).to.equal(true);
      expect(pe.join(" ")).to.not.contain("BypassCPUCheck");
      expect(l.settings!.specialize!["Microsoft-Windows-Deployment"]!.RunSynchronous![0].Path).to.contain("BypassNRO");
      expect(problems(() => bypassRequirements({ tpm: false, secureBoot: false, ram: false, cpu: false, storage: false }))).to.have.length(1);
      expect(problems(() => bypassRequirements({ tpm: "yes" as never }))[0]).to.match(/^bypassRequirements\.tpm:/);
    });

    it("drivers, offlineDomainJoin, domainJoin and commands refuse bad arguments with their path", () => {
      expect(problems(() => drivers({ winPE: ["x".repeat(260), "a", "A"] })).map((p) => p.split(":")[0])).to.deep.equal([
        "drivers.winPE[0]",
        "drivers.winPE[2]",
      ]);
      expect(problems(() => drivers({}))).to.have.length(1);
      expect(problems(() => offlineDomainJoin({ accountData: "", pass: "oobeSystem" as never })).map((p) => p.split(":")[0])).to.deep.equal([
        "offlineDomainJoin.accountData",
        "offlineDomainJoin.pass",
      ]);
      expect(
        problems(() => domainJoin({ domain: "d", credentials: { username: "u", password: "p" }, unsecure: { machinePassword: "m" } })),
      ).to.deep.equal(["domainJoin: Give credentials or unsecure, not both: a join uses a joining account or a pre-created computer account."]);
      expect(problems(() => commands.windowsPE(["x".repeat(260)]))[0]).to.match(/^commands\.windowsPE\[0\]: the command line is 260 characters long/);
      expect(problems(() => commands.windowsPE([{ path: "x", willReboot: "Never" } as never]))[0]).to.match(/^commands\.windowsPE\[0\]\.willReboot:/);
      expect(problems(() => commands.async(["x"], { pass: "oobeSystem" as never }))[0]).to.match(/^commands\.async\.options\.pass:/);
      expect(problems(() => commands.auditUser([]))).to.have.length(1);
      // the reference's limits: Path 259 characters, a first-logon CommandLine 1,024
      expect(problems(() => commands.specialize([{ path: "x".repeat(260) }]))[0]).to.match(
        /^commands\.specialize\[0\]\.path: path is 260 characters long/,
      );
      expect(() => commands.specialize(["x".repeat(259)])).to.not.throw();
      expect(problems(() => commands.firstLogon(["x".repeat(1025)]))[0]).to.match(
        /^commands\.firstLogon\[0\]: the command line is 1025 characters long; the CommandLine of a first-logon command holds at most 1024\./,
      );
      expect(() => commands.firstLogon([{ commandLine: "x".repeat(1024) }])).to.not.throw();
    });

    it("all the new blocks merge with the others into one answer file without a finding", () => {
      const r = mergeUnattend(
        bypassRequirements({ onlineAccount: true }),
        edition("Windows Pro"),
        drivers({ winPE: ["D:\\drivers"] }),
        localAccounts([{ name: "ops", password: "Ops-pw1!", groups: ["Administrators"] }]),
        builtinAdministrator({ password: "packer", autoLogon: "unlimited" }),
        winrm({ transport: "https" }),
        offlineDomainJoin({ accountData: "QUJD" }),
        registry([{ hive: "HKCU", key: "Software\\X", name: "A", type: "REG_DWORD", value: 1 }]),
        scripts({ specialize: [{ name: "a", shell: "powershell", content: "Write-Output 1" }] }),
        commands.windowsPE(["cmd /c echo pe"]),
        commands.auditUser(["cmd /c echo audit"]),
        commands.async(["cmd /c echo async"]),
      );
      expect(r.diagnostics).to.deep.equal([]);
      expect(validateUnattend(r.document).diagnostics).to.deep.equal([]);
    });
  });
});

describe("docs/blocks.md", () => {
  const text = require("node:fs").readFileSync(require("node:path").join(__dirname, "..", "..", "docs", "blocks.md"), "utf8") as string;

  it("documents every block, and leaves no generator option for later", () => {
    for (const block of [
      "bypassRequirements",
      "localAccounts",
      "builtinAdministrator",
      "winrm",
      "drivers",
      "edition",
      "offlineDomainJoin",
      "registry",
      "scripts",
      "commands.windowsPE",
      "unsecure",
    ])
      expect(text, block).to.contain(block);
    expect(text).to.not.match(/not yet|TODO|later\)/i);
    // the generator's Configuration options (cschneegans/unattend-generator, Main.cs), each with a row
    for (const option of [
      "BypassRequirementsCheck",
      "BypassNetworkCheck",
      "CompactOsMode",
      "EditionSettings",
      "AccountSettings",
      "PasswordExpirationSettings",
      "LockoutSettings",
      "ExpressSettings",
      "WifiSettings",
      "Bloatwares",
      "ScriptSettings",
      "KeySettings",
      "WdacSettings",
      "ProcessAuditSettings",
      "WallpaperSettings",
      "TimeZoneSettings",
    ])
      expect(text, option).to.contain(option);
  });
});
