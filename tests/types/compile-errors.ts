// Compile-time checks: every line marked @ts-expect-error MUST fail to compile.
// tests/types.test.ts compiles this file with tsc; an unused @ts-expect-error
// (a line that compiles) is itself an error, so the test fails.
import * as pulumi from "@pulumi/pulumi";
import {
  UnattendFile,
  builtinAdministrator,
  edition,
  localAccounts,
  mergeUnattend,
  registry,
  renderUnattend,
  scripts,
  winrm,
  type DiagnosticCode,
  type RuleId,
  type UnattendDocument,
  type UnattendFileArgs,
  type UnattendLayer,
  type UnattendLayerInput,
} from "../../components";

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

// layers in settings: UnattendFile merges them, a block's plain layer and a layer with Outputs alike
const base: UnattendLayer = { name: "base", settings: { generalize: { [WS]: { AllowInsecureGuestAuth: 1 } } } };
const env: UnattendLayerInput = { name: "env", override: true, architectures: [pulumi.output("x86" as const)] };
new UnattendFile("layers", { settings: [base, builtinAdministrator({ password: secret }), env], path: "out/unattend.xml" });
new UnattendFile("layers-inline", { settings: [{ settings: { generalize: { [WS]: { AllowInsecureGuestAuth: pulumi.output(0 as const) } } } }] });
// @ts-expect-error a layer's settings are typed as settings are: 2 is outside 0 | 1
new UnattendFile("layers-two", { settings: [base, { settings: { generalize: { [WS]: { AllowInsecureGuestAuth: 2 } } } }] });
// @ts-expect-error a layer's settings are settings, not layers again
new UnattendFile("layers-nested", { settings: [{ settings: [base] }] });
// @ts-expect-error an Output of layers: layers are merged before the Outputs inside them are known
new UnattendFile("layers-late", { settings: pulumi.output([base]) });
// @ts-expect-error renderUnattend takes one settings object: merge layers with mergeUnattend first
renderUnattend({ settings: [base] });
renderUnattend(mergeUnattend(base, { settings: { specialize: { [WS]: {} } } }).document);
// @ts-expect-error a layer option is not a document field
renderUnattend({ settings: {}, override: true });

// the plain form is derived from the input form (pulumi.Unwrap), field by field
const plainDoc: UnattendDocument = { settings: {}, architectures: ["x86"], extras: [{ xml: "<Extensions />", placement: "after" }] };
const args: UnattendFileArgs = { ...plainDoc, path: "out/unattend.xml" };
new UnattendFile("plain-as-args", args);
// @ts-expect-error placement is before or after
renderUnattend({ settings: {}, extras: [{ xml: "<Extensions />", placement: "last" }] });
// @ts-expect-error an Output where the plain form needs text
renderUnattend({ settings: {}, extras: [{ xml: pulumi.output("<Extensions />") }] });

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

// rule ids and diagnostic codes: derived from the rules' registry, not a list kept by hand
export const ruleId: RuleId = "partition-order-gap";
export const ruleCode: DiagnosticCode = "autologon-logoncount-one";
// @ts-expect-error no rule has this id
export const noRule: RuleId = "partition-order-gaps";
// @ts-expect-error neither a diagnostic code nor a rule id
export const noCode: DiagnosticCode = "no-such-code";
// rule warnings to leave out: rule ids (RuleId), not any string
renderUnattend({ settings: { generalize: { [WS]: { AllowInsecureGuestAuth: 1 } } } }, { ignore: ["autologon-logoncount-one"] });
// @ts-expect-error a misspelt rule id
renderUnattend({ settings: { generalize: { [WS]: { AllowInsecureGuestAuth: 1 } } } }, { ignore: ["autologon-logoncount-once"] });
