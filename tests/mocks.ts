/** Pulumi's mocks for unit tests, shared: recording the resources registered, reading Outputs, seeing secrets. */
import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";

/** The runtime's envelope of a secret value in resource inputs under mocks. */
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const SIG_KEY = "4dabf18193072939515e22adb298388d";

/** Whether a registered input value is a secret (the runtime's envelope). */
export function isSecretEnvelope(v: unknown): v is { value: unknown } {
  return typeof v === "object" && v !== null && (v as Record<string, unknown>)[SIG_KEY] === SECRET_SIG;
}

/** Replaces the runtime's secret envelopes with their values. */
export function unwrapSecrets(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(unwrapSecrets);
  if (isSecretEnvelope(v)) return unwrapSecrets(v.value);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, unwrapSecrets(x)]));
  return v;
}

/** The resolved value of an Output or Input (rejects when its apply threw). */
export function valueOf<T>(o: pulumi.Input<T>): Promise<T>;
export function valueOf<T>(o: unknown): Promise<T>;
export function valueOf<T>(o: unknown): Promise<T> {
  // an Output's own promise: pulumi.output() would turn an asset inside into its plain form
  const out = pulumi.Output.isInstance(o) ? o : pulumi.output(o);
  return (out as unknown as { promise(): Promise<T> }).promise();
}

/** What resolving an Output or Input rejects with; undefined when it resolves. */
export async function rejectionOf(o: unknown): Promise<unknown> {
  try {
    await valueOf(o);
    return undefined;
  } catch (e) {
    return e;
  }
}

/** Installs mocks that record every registered resource; returns the record. Require the package under test after this. */
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

/**
 * Resolves once the mocks have registered an UnattendFile's state child: the component's `changes` is that
 * child's Output, which the runtime resolves with what the mocks' newResource returned (no waiting on time).
 */
export async function registeredChild(file: { changes: pulumi.Output<unknown> }): Promise<void> {
  await valueOf(file.changes);
}

/**
 * Ends the registration of a resource that fails on purpose. When an input of a resource rejects (an
 * UnattendFile's state child, when the file is invalid), Pulumi never registers the resource and never settles
 * its Outputs: the engine ends the deployment with the error. A test that expects the failure calls this once it
 * has checked it, so that Pulumi's check at exit (no promise left active) still holds for every other resource.
 * Throws when the mocks registered the resource (it did not fail) or Pulumi holds nothing of it (its bookkeeping
 * changed: this helper must then change with it).
 */
export function endFailedRegistration(registered: readonly pulumi.runtime.MockResourceArgs[], name: string): void {
  expect(
    registered.map((r) => r.name),
    `${name} was registered: it did not fail`,
  ).to.not.include(name);
  // Pulumi's list of its promises not settled yet (checked when the process exits), each labelled with its resource
  const store = (
    require("@pulumi/pulumi/runtime/state") as { getStore(): { leakCandidates: Set<Promise<unknown> & { _debugCtx?: string }> } }
  ).getStore();
  const pending = [...store.leakCandidates].filter((p) => p._debugCtx?.includes(`(resource:${name}[`));
  expect(pending.length, `Pulumi holds no pending Output of ${name}`).to.be.greaterThan(0);
  for (const p of pending) store.leakCandidates.delete(p);
}
