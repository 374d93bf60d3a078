// Compile-time checks: every line marked @ts-expect-error MUST fail to compile.
// tests/types.test.ts compiles this file with tsc; an unused @ts-expect-error
// (a line that compiles) is itself an error, so the test fails.
import * as pulumi from "@pulumi/pulumi";
import { UnattendFile, builtinAdministrator, edition, localAccounts, registry, renderUnattend, scripts, winrm } from "../../components";

const WS = "Microsoft-Windows-WorkstationService";

// valid: compiles
renderUnattend({ settings: { generalize: { [WS]: { AllowInsecureGuestAuth: 1 } } } });
new UnattendFile("ok", {
  settings: { generalize: { [WS]: { AllowInsecureGuestAuth: pulumi.output(0 as const) } } },
  architectures: ["amd64", "x86"],
});

// the value 2
// @ts-expect-error 2 is outside 0 | 1
renderUnattend({ settings: { generalize: { [WS]: { AllowInsecureGuestAuth: 2 } } } });
// @ts-expect-error 2 is outside 0 | 1
new UnattendFile("two", { settings: { generalize: { [WS]: { AllowInsecureGuestAuth: 2 } } } });

// the wrong pass
// @ts-expect-error AllowInsecureGuestAuth is valid only in generalize
renderUnattend({ settings: { specialize: { [WS]: { AllowInsecureGuestAuth: 1 } } } });
// @ts-expect-error AllowInsecureGuestAuth is valid only in generalize
new UnattendFile("pass", { settings: { oobeSystem: { [WS]: { AllowInsecureGuestAuth: 1 } } } });

// unknown names
// @ts-expect-error misspelt setting
renderUnattend({ settings: { generalize: { [WS]: { AllowInsecureGuestAuh: 1 } } } });
// @ts-expect-error unknown pass
renderUnattend({ settings: { generalise: { [WS]: { AllowInsecureGuestAuth: 1 } } } });
// @ts-expect-error unknown architecture
renderUnattend({ settings: { generalize: { [WS]: { AllowInsecureGuestAuth: 1 } } }, architectures: ["sparc"] });
// @ts-expect-error a string where a number is expected
renderUnattend({ settings: { generalize: { [WS]: { AllowInsecureGuestAuth: "1" } } } });

// the plain form (renderUnattend) is derived from the input form: no Outputs at any level
// @ts-expect-error an Output where renderUnattend needs a plain value
renderUnattend({ settings: { generalize: { [WS]: { AllowInsecureGuestAuth: pulumi.output(1 as const) } } } });
// @ts-expect-error an Output for a whole component
renderUnattend({ settings: { generalize: { [WS]: pulumi.output({ AllowInsecureGuestAuth: 1 as const }) } } });

// enums of strings: the literals, nothing else
const RS = { Path: "cmd /c exit 0", WillReboot: "Never" } as const;
new UnattendFile("reboot", { settings: { specialize: { "Microsoft-Windows-Deployment": { RunSynchronous: [RS, { Path: "x", WillReboot: "OnRequest" }] } } } });
// @ts-expect-error "Sometimes" is not a WillReboot value
renderUnattend({ settings: { specialize: { "Microsoft-Windows-Deployment": { RunSynchronous: [{ Path: "x", WillReboot: "Sometimes" }] } } } });

// a password as text or as { Value, PlainText }, each part an Input
const secret = pulumi.secret("P@ssw0rd");
new UnattendFile("passwords", {
  settings: {
    oobeSystem: {
      "Microsoft-Windows-Shell-Setup": {
        UserAccounts: {
          AdministratorPassword: secret,
          LocalAccounts: [{ Name: "ops", Group: "Administrators", Password: { Value: secret, PlainText: false } }],
        },
      },
    },
  },
});
renderUnattend({ settings: { oobeSystem: { "Microsoft-Windows-Shell-Setup": { UserAccounts: { AdministratorPassword: { Value: "x", PlainText: false } } } } } });
// @ts-expect-error PlainText is a boolean
renderUnattend({ settings: { oobeSystem: { "Microsoft-Windows-Shell-Setup": { UserAccounts: { AdministratorPassword: { Value: "x", PlainText: "no" } } } } } });

// keyed value items: the value alone, or with its wcm:keyValue
renderUnattend({ settings: { specialize: { "Microsoft-Windows-DNS-Client": { DNSSuffixSearchOrder: ["contoso.com", { "wcm:keyValue": "5", value: "fabrikam.com" }] } } } });
// @ts-expect-error an item object needs its value
renderUnattend({ settings: { specialize: { "Microsoft-Windows-DNS-Client": { DNSSuffixSearchOrder: [{ "wcm:keyValue": "5" }] } } } });
// @ts-expect-error wcm:action is add, modify or remove
renderUnattend({ settings: { specialize: { "Microsoft-Windows-DNS-Client": { DNSSuffixSearchOrder: [{ "wcm:action": "append", value: "x" }] } } } });

// per architecture
new UnattendFile("per-arch", { settings: {}, perArchitecture: { x86: { generalize: { [WS]: { AllowInsecureGuestAuth: 0 } } } } });
// @ts-expect-error an unknown architecture under perArchitecture
new UnattendFile("per-arch-bad", { settings: {}, perArchitecture: { sparc: { generalize: { [WS]: { AllowInsecureGuestAuth: 0 } } } } });

// the blocks of issue 21: typed groups, editions, transports, registry types, shells
localAccounts([{ name: "ops", password: "x", groups: ["Administrators", "RemoteDesktopUsers"] }]);
// @ts-expect-error a group outside the language-neutral built-in names
localAccounts([{ name: "ops", password: "x", groups: ["Admins"] }]);
edition("Windows Server 2022 Datacenter");
// @ts-expect-error an edition without a published generic key
edition("Windows Home");
builtinAdministrator({ password: "x", autoLogon: "unlimited" });
// @ts-expect-error autoLogon is a number or "unlimited"
builtinAdministrator({ password: "x", autoLogon: "forever" });
// @ts-expect-error transport is https or http
winrm({ transport: "ssh" });
// @ts-expect-error a type reg.exe does not write
registry([{ hive: "HKLM", key: "SOFTWARE\\X", name: "A", type: "REG_LINK", value: "x" }]);
// @ts-expect-error shell is cmd or powershell
scripts({ specialize: [{ name: "a", shell: "bash", content: "" }] });

// rule warnings to leave out: rule ids (RuleId), not any string
renderUnattend({ settings: { generalize: { [WS]: { AllowInsecureGuestAuth: 1 } } } }, { ignore: ["autologon-logoncount-one"] });
// @ts-expect-error a misspelt rule id
renderUnattend({ settings: { generalize: { [WS]: { AllowInsecureGuestAuth: 1 } } } }, { ignore: ["autologon-logoncount-once"] });
