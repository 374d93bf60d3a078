/** Shared by the delivery tests. */
import * as pulumi from "@pulumi/pulumi";
import { UnattendValidationError } from "../components";

/** The resolved value of an Output (rejects when its apply threw). */
export function valueOf<T>(o: pulumi.Output<T>): Promise<T> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return (o as any).promise();
}

/** The runtime's envelope of a secret value in resource inputs under mocks. */
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const SIG_KEY = "4dabf18193072939515e22adb298388d";

export function isSecretEnvelope(v: unknown): v is { value: unknown } {
  return typeof v === "object" && v !== null && (v as Record<string, unknown>)[SIG_KEY] === SECRET_SIG;
}

/** Mocks that record every registered resource. */
export async function recordingMocks(): Promise<pulumi.runtime.MockResourceArgs[]> {
  const registered: pulumi.runtime.MockResourceArgs[] = [];
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        registered.push(args);
        return { id: `${args.name}-id`, state: args.inputs };
      },
      call: (args) => args.inputs,
    },
    "project",
    "stack",
    false,
  );
  return registered;
}

/** Runs `f`, expects an UnattendValidationError, returns its error diagnostics. */
export function errorsOf(f: () => unknown): { path: unknown; code: string; message: string }[] {
  try {
    f();
  } catch (e) {
    if (e instanceof UnattendValidationError) return e.diagnostics.filter((d) => d.severity === "error");
    throw e;
  }
  throw new Error("expected an UnattendValidationError, but nothing was thrown");
}

/** The same for an Output whose apply throws. */
export async function outputErrorsOf(o: pulumi.Output<unknown>): Promise<{ path: unknown; code: string; message: string }[]> {
  try {
    await valueOf(o);
  } catch (e) {
    if (e instanceof UnattendValidationError) return e.diagnostics.filter((d) => d.severity === "error");
    throw e;
  }
  throw new Error("expected the Output to fail with an UnattendValidationError");
}
