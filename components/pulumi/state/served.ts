/**
 * The state resource as the package "unattend"'s provider serves it
 * (`unattend:index:UnattendState`, plugin/index.js): the methods of a
 * `pulumi.provider.Provider` for that type, each the dynamic provider's
 * (./provider), so that both resources behave the same.
 *
 * What differs is secrets. The engine hands the dynamic-provider plugin plain
 * values and marks an output secret where the input of the same name was;
 * a provider served by `pulumi.provider.main` says it accepts secrets, so it
 * gets them wrapped and must mark its outputs itself. This module unwraps
 * what comes in and marks what goes out as the engine would, and more:
 * `applied` and `sha256` always (as additionalSecretOutputs do), and after a
 * refresh, which gets no inputs to copy from, each setting the layout marks
 * secret.
 */
import * as pulumi from "@pulumi/pulumi";
import * as provider from "./provider";
import { readInputs, secretKeys } from "./format";
import { SECRET_OUTPUTS } from "./resource";

type Props = Record<string, unknown>;

const secret = (value: unknown) => ({ [pulumi.runtime.specialSigKey]: pulumi.runtime.specialSecretSig, value });

/** A value with every secret envelope in it replaced by its value. */
function reveal(value: unknown): unknown {
  if (pulumi.runtime.isRpcSecret(value)) return reveal(pulumi.runtime.unwrapRpcSecret(value));
  if (Array.isArray(value)) return value.map(reveal);
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, reveal(v)]));
  return value;
}

/** Whether a value is, or holds, a secret. */
function holdsSecret(value: unknown): boolean {
  if (pulumi.runtime.isRpcSecret(value)) return true;
  if (Array.isArray(value)) return value.some(holdsSecret);
  if (value !== null && typeof value === "object") return Object.values(value).some(holdsSecret);
  return false;
}

const isObject = (v: unknown): v is Props => v !== null && typeof v === "object" && !Array.isArray(v) && !pulumi.runtime.isRpcSecret(v);

/**
 * `outs` with the secretness of `ins`, as the engine gives a provider's
 * outputs the secretness of its inputs: a value of the same name secret when
 * the input holds a secret, objects key by key.
 */
function likeInputs(outs: Props, ins: Props): Props {
  const marked: Props = { ...outs };
  for (const [key, input] of Object.entries(ins)) {
    if (!(key in marked)) continue;
    const out = marked[key];
    if (isObject(out) && isObject(input)) marked[key] = likeInputs(out, input);
    else if (!pulumi.runtime.isRpcSecret(out) && holdsSecret(input)) marked[key] = secret(out);
  }
  return marked;
}

/** Outputs as stored: `applied` and `sha256` secret, the rest as the inputs of the same name. */
function outputs(outs: object, ins: Props): Props {
  const marked = likeInputs(outs as Props, ins);
  for (const key of SECRET_OUTPUTS) if (key in marked && !pulumi.runtime.isRpcSecret(marked[key])) marked[key] = secret(marked[key]);
  return marked;
}

/**
 * The inputs a refresh reports (provider.read's), secret as the program gives
 * them: each setting whose layout element is secret, the extras when one is,
 * and what the stored outputs also hold (path, fileState) as they are.
 */
function refreshedInputs(inputs: Props, props: Props): Props {
  const state = readInputs(inputs);
  const hidden = secretKeys(state.layout);
  const settings = Object.fromEntries(Object.entries(inputs.settings as Props).map(([k, v]) => [k, hidden.has(k) ? secret(v) : v]));
  const marked = likeInputs({ ...inputs, settings }, props);
  if (state.extras.some((e) => e.secret)) marked.extras = secret(inputs.extras);
  return marked;
}

/** The provider's methods for `unattend:index:UnattendState` (pulumi.provider.Provider's signatures). */
export const servedState = {
  /** The inputs are UnattendFile's, complete: nothing to default or reject. */
  async check(_urn: string, _olds: Props, news: Props): Promise<pulumi.provider.CheckResult> {
    return { inputs: news };
  },

  async diff(id: string, _urn: string, olds: Props, news: Props): Promise<pulumi.provider.DiffResult> {
    return provider.diff(id, reveal(olds) as Props, reveal(news) as Props);
  },

  async create(_urn: string, inputs: Props): Promise<pulumi.provider.CreateResult> {
    const { id, outs } = await provider.create(reveal(inputs) as Props);
    return { id, outs: outputs(outs, inputs) };
  },

  async update(id: string, _urn: string, olds: Props, news: Props): Promise<pulumi.provider.UpdateResult> {
    const { outs } = await provider.update(id, reveal(olds) as Props, reveal(news) as Props);
    return { outs: outputs(outs, news) };
  },

  async read(id: string, _urn: string, props: Props): Promise<pulumi.provider.ReadResult> {
    const result = await provider.read(id, reveal(props) as Props);
    // a stack written with the dynamic resource keeps its provider's code in the outputs until an update or this
    const { __provider: _code, ...read } = result.props;
    return {
      id: result.id,
      props: outputs(read, props),
      ...(result.inputs ? { inputs: refreshedInputs(result.inputs, props) } : {}),
    };
  },

  async delete(id: string, _urn: string, props: Props): Promise<void> {
    await provider.delete(id, reveal(props) as Props);
  },
};
