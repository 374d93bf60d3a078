/**
 * Layers in a Pulumi program: the merge of mergeUnattend (merge.ts) for
 * layers whose values are `pulumi.Input`s, so that `UnattendFile` can take
 * `settings` as an array of layers.
 *
 * The merge keeps the structure it can see: where passes, components and
 * groups are plain objects, they are merged now, and values that are Outputs
 * stay where they are (a secret stays a secret, and each setting keeps its own
 * line in `pulumi preview --diff`). Where an Output stands for a whole group or
 * list, or a value set by two layers is an Output, the two sides are merged
 * once known, by the same rules; a conflict found then fails the deployment
 * with UnattendValidationError, and an override is logged as a warning. A
 * merged value that came from a secret is secret.
 *
 * Credentials (what the catalog keeps secret: passwords, domain-join and
 * command credentials, `MachinePassword`, product keys, offline-join
 * `AccountData`; and, under `unvalidated`, elements named like a password) are
 * made secret here, even when a layer gives them as plain text, so that a
 * block such as domainJoin never puts one in clear text into the state.
 */
import * as pulumi from "@pulumi/pulumi";
import type { UnattendDocumentInput, UnattendLayerInput, UnattendSettingsOrLayers } from "../core/args";
import { holdsConfidentialValue, isConfidentialElement } from "../core/confidential";
import { formatDiagnostic, notKnownYet, type Diagnostic } from "../core/diagnostics";
import { UnattendValidationError, throwIfErrors } from "../core/errors";
import { LAYER_FIELDS, mergeLayersWith, type MergeHooks } from "../core/merge";
import { describe, isPlainObject } from "../core/values";

export type { UnattendLayerInput };

/** The merged document, its fields as Inputs (the shape UnattendFileArgs takes). */
export type MergedLayerInputs = UnattendDocumentInput;

/** What mergeLayerInputs returns. */
export interface LayerMergeResult {
  /** The merged document: plain where the layers were, Outputs where they were (or where a merge waits for one). */
  document: MergedLayerInputs;
  /**
   * The conflicts and overrides found now. Those between values known only
   * later fail (errors) or are logged (warnings) when the values arrive.
   */
  diagnostics: Diagnostic[];
}

function warn(d: Diagnostic, resource?: pulumi.Resource) {
  pulumi.log.warn(formatDiagnostic(d), resource);
}

/**
 * Where merges that wait for Outputs put what they find, for UnattendFile: the
 * merged values then never fail (a conflict keeps the earlier layer's value),
 * and the diagnostics join validation's, reported once as one error.
 */
interface LateSink {
  diagnostics: Diagnostic[];
  /** Every merge that waits for an Output: done when all of these are. */
  pending: pulumi.Output<unknown>[];
}

function hooks(resource?: pulumi.Resource, sink?: LateSink): MergeHooks {
  return {
    isOpaque: notKnownYet,
    defer(earlier, later, merge) {
      const merged = pulumi.all([pulumi.output(earlier), pulumi.output(later)]).apply(([x, y]) => {
        const r = merge(x, y);
        if (sink) sink.diagnostics.push(...r.diagnostics);
        else {
          for (const d of r.diagnostics) if (d.severity === "warning") warn(d, resource);
          throwIfErrors(r.diagnostics);
        }
        return holdsConfidentialValue(r.value) ? pulumi.secret(r.value) : r.value;
      });
      sink?.pending.push(merged);
      return merged;
    },
  };
}

/**
 * Wraps confidential values (by element and parent name: isConfidentialElement in
 * components/core/confidential.ts, the one policy) in `pulumi.secret`, whether plain or Outputs; the
 * rest is returned as is (an Output that holds a group is looked into once it
 * resolves, and made secret as a whole when it holds a credential).
 * @param key the element name of `value`, and `parent` its parent's (for the name rules).
 * @default key "" (the document's root)
 * @example keepCredentialsSecret({ Credentials: { Username: "u", Password: "p" } }) // Password becomes a secret Output
 */
export function keepCredentialsSecret(value: unknown, key = "", parent = "", depth = 0): unknown {
  if (notKnownYet(value)) {
    if (isConfidentialElement(key, parent)) return pulumi.secret(value as pulumi.Input<unknown>);
    // an Output may hold a group with credentials inside: then the whole of it is secret
    return (pulumi.output(value as pulumi.Input<unknown>) as pulumi.Output<unknown>).apply((v: unknown) =>
      holdsConfidentialValue(v, key, parent) ? pulumi.secret(v) : v,
    );
  }
  if (depth > 64 || value === null || value === undefined) return value;
  if (Array.isArray(value)) return value.map((v) => keepCredentialsSecret(v, key, parent, depth + 1));
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value)) {
      Object.defineProperty(out, k, {
        value: keepCredentialsSecret(value[k], k, key, depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return isConfidentialElement(key, parent) && (typeof value === "string" || typeof value === "number") ? pulumi.secret(value) : value;
}

/**
 * Merges layers whose values may be Outputs, by mergeUnattend's rules. Never
 * throws: conflicts found now are in `diagnostics`; those found once Outputs
 * resolve make the merged value that holds them fail.
 * @param layers the layers, earliest first.
 * @param resource the resource to attach late warnings to, if any.
 * @returns the merged document's fields, as Inputs, and the diagnostics found now.
 * @example
 * const { document, diagnostics } = mergeLayerInputs([base, image, environment]);
 */
export function mergeLayerInputs(layers: readonly UnattendLayerInput[], resource?: pulumi.Resource): LayerMergeResult {
  return mergeInputs(layers, resource);
}

function mergeInputs(layers: readonly UnattendLayerInput[], resource?: pulumi.Resource, sink?: LateSink): LayerMergeResult {
  if (!Array.isArray(layers)) {
    return { document: {} as MergedLayerInputs, diagnostics: [wrongShape(["layers"], "layers must be an array of layers", layers)] };
  }
  // Array.from: a hole in a sparse array is an undefined layer (reported), not skipped
  const { document, diagnostics } = mergeLayersWith(Array.from(layers), hooks(resource, sink));
  const out: Record<string, unknown> = {};
  for (const field of LAYER_FIELDS) {
    if (document[field] === undefined) continue;
    out[field] = field === "architectures" || field === "extras" ? document[field] : keepCredentialsSecret(document[field]);
  }
  return { document: out as unknown as MergedLayerInputs, diagnostics };
}

/** An argument of the wrong shape, as a diagnostic (never a TypeError further in). */
function wrongShape(path: string[], what: string, value: unknown): Diagnostic {
  return { severity: "error", code: "wrong-shape", path, message: `${what}; got ${describe(value)}.` };
}

export type { UnattendSettingsOrLayers };

/**
 * The fields of UnattendFileArgs that layers merge into (resolveLayers' argument):
 * `settings` one settings object (returned as is), or layers to merge, earliest
 * first; with layers, the other fields are one more layer after them.
 */
export type LayeredArgs = UnattendDocumentInput<UnattendSettingsOrLayers>;

/** The name of the layer made of UnattendFile's own document arguments, when `settings` is an array of layers. */
export const ARGS_LAYER_NAME = "UnattendFileArgs";

/**
 * UnattendFile's arguments with `settings` given as layers merged into one
 * document. The other document arguments (`architectures`, `perArchitecture`,
 * `unvalidated`, `unvalidatedPerArchitecture`, `extras`), when given, are
 * one more layer after the given ones (named "UnattendFileArgs"), so a layer's
 * index in messages is its index in the array. Other arguments (`path`, ...)
 * are returned unchanged; with `settings` not an array, so is everything.
 * Overrides are logged as warnings on `resource`.
 * Not public (UnattendFile takes `settings: [layers]` itself): the tests call it to see the merge alone.
 * @throws UnattendValidationError listing every conflict found now (later ones fail the Outputs that hold them).
 */
export function resolveLayers<A extends LayeredArgs>(args: A, resource?: pulumi.Resource): Omit<A, "settings"> & MergedLayerInputs {
  return resolve(args, resource).args;
}

/**
 * resolveLayers for UnattendFile: conflicts and overrides found once Outputs
 * resolve do not fail the merged values (each would report the same error
 * again, in every value and resource input that holds it) but arrive in
 * `late`, once, for validation to report with its own findings.
 * @throws UnattendValidationError listing every conflict found now.
 */
export function resolveLayerArgs<A extends LayeredArgs>(
  args: A,
  resource?: pulumi.Resource,
): { args: Omit<A, "settings"> & MergedLayerInputs; late: pulumi.Output<Diagnostic[]> } {
  const sink: LateSink = { diagnostics: [], pending: [] };
  const resolved = resolve(args, resource, sink);
  return { args: resolved.args, late: pulumi.all(sink.pending).apply(() => [...sink.diagnostics]) };
}

function resolve<A extends LayeredArgs>(args: A, resource?: pulumi.Resource, sink?: LateSink): { args: Omit<A, "settings"> & MergedLayerInputs } {
  if (!isPlainObject(args)) throw new UnattendValidationError([wrongShape([], "The arguments (an object such as { settings: [layers] })", args)]);
  if (!Array.isArray(args.settings)) return { args: args as Omit<A, "settings"> & MergedLayerInputs };
  const layers: UnattendLayerInput[] = [...args.settings];
  const own: UnattendLayerInput = { name: ARGS_LAYER_NAME };
  let any = false;
  for (const field of LAYER_FIELDS) {
    if (field === "settings" || args[field] === undefined) continue;
    (own as Record<string, unknown>)[field] = args[field];
    any = true;
  }
  if (any) layers.push(own);
  const { document, diagnostics } = mergeInputs(layers, resource, sink);
  for (const d of diagnostics) if (d.severity === "warning") warn(d, resource);
  throwIfErrors(diagnostics);
  const rest = { ...(args as object) } as Record<string, unknown>;
  for (const field of LAYER_FIELDS) delete rest[field];
  return { args: { ...rest, ...document } as Omit<A, "settings"> & MergedLayerInputs };
}
