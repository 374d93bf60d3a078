// Compile-time checks: every line marked @ts-expect-error MUST fail to compile.
// tests/types.test.ts compiles this file with tsc; an unused @ts-expect-error
// (a line that compiles) is itself an error, so the test fails.
import * as pulumi from "@pulumi/pulumi";
import { UnattendFile, renderUnattend } from "../../components";

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
