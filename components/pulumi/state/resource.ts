/**
 * UnattendState: the child resource that keeps an UnattendFile's settings in
 * the stack (format: docs/state.md), so that `pulumi preview --diff` shows one
 * line per changed setting, `pulumi refresh` notices a file changed outside
 * Pulumi, and destroy removes the file.
 *
 * Two resources serve it, with the same inputs, outputs and provider code
 * (./provider): a Pulumi dynamic resource in TypeScript programs, and, when
 * UnattendFile runs inside the package "unattend" (plugin/, for YAML, Go,
 * Python, ...), a custom resource of that package, served by the package's
 * own provider (./served). docs/state.md says why.
 */
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import type { FlatChange, FlatValue } from "../../core/flatten";
import * as provider from "./provider";
import { STATE_VERSION, type StateExtra } from "./format";

/** What UnattendFile gives its state (see StateInputs). */
export interface UnattendStateArgs {
  settings: pulumi.Input<Record<string, pulumi.Input<FlatValue>>>;
  /** The layout's JSON text. */
  layout: pulumi.Input<string>;
  architectures: pulumi.Input<string[]>;
  extras?: pulumi.Input<StateExtra[] | undefined>;
  path?: pulumi.Input<string | undefined>;
  fileState?: pulumi.Input<string | undefined>;
}

/** The type of the dynamic resource (TypeScript programs; every stack written before the package served its own). */
export const DYNAMIC_STATE_TYPE = "pulumi-nodejs:dynamic/unattend:UnattendState";
/** The type of the package's custom resource (programs in other languages, through plugin/). */
export const PACKAGE_STATE_TYPE = "unattend:index:UnattendState";

/** The outputs that are always secret: `sha256` is a digest of the file, which may hold a credential (a guessing oracle in clear). */
export const SECRET_OUTPUTS = ["applied", "sha256"];

/** What UnattendFile reads of its state, whichever resource keeps it. */
export interface UnattendStateResource extends pulumi.CustomResource {
  /** What the last create or update changed, secret values masked. */
  readonly changes: pulumi.Output<FlatChange[]>;
}

/**
 * The resource's properties: the inputs, and the one output the program reads back (`changes`, undefined until
 * the engine gives it). The other outputs (`applied`, `sha256`, `fileState`) are stored all the same (the engine
 * keeps whatever the provider returns, and makes SECRET_OUTPUTS secret itself); not declaring them saves the SDK
 * an Output, four tracked promises and a stack capture each, per file.
 */
function properties(args: UnattendStateArgs): pulumi.Inputs {
  return { stateVersion: STATE_VERSION, ...args, changes: undefined };
}

/**
 * The dynamic resource's provider, as Pulumi stores it in the stack (`__provider`). Installed (this file under
 * `node_modules`): the module itself, which Pulumi stores by name (`require("pulumi-unattend/provider")`).
 * Anywhere else (a checkout, a linked package): Pulumi would store the module's code by value (tens of KB in the
 * inputs and the outputs of every state), and that code would load its dependencies from the program's folder;
 * instead, methods that load the module by its absolute path: Pulumi stores the path (about 2 KB), and the
 * module and its dependencies load from the checkout. A checkout that moves leaves such a state's provider
 * unable to load until the next update (docs/state.md). From TypeScript source (ts-node), the module by value.
 */
function dynamicProvider(): pulumi.dynamic.ResourceProvider {
  if (theProvider) return theProvider;
  const file = require.resolve("./provider");
  // installed; or TypeScript source (a program running this file through ts-node), which plain Node cannot load
  const installed = __dirname.split(path.sep).includes("node_modules") || !file.endsWith(".js");
  // one object for the whole program: Pulumi serialises a provider once per object (its cache is keyed by it)
  theProvider = installed ? (provider as pulumi.dynamic.ResourceProvider) : providerAt(file);
  return theProvider;
}
let theProvider: pulumi.dynamic.ResourceProvider | undefined;

/** Provider methods that each load the module at `file` (a string is all Pulumi captures). */
function providerAt(file: string): pulumi.dynamic.ResourceProvider {
  type Provider = typeof provider;
  return {
    diff: (id, olds, news) => (require(file) as Provider).diff(id, olds, news),
    create: (inputs) => (require(file) as Provider).create(inputs),
    update: (id, olds, news) => (require(file) as Provider).update(id, olds, news),
    read: (id, props) => (require(file) as Provider).read(id, props),
    delete: (id, props) => (require(file) as Provider).delete(id, props),
  };
}

/** The state as a dynamic resource: its provider runs in the engine's dynamic-provider plugin. */
export class UnattendState extends pulumi.dynamic.Resource implements UnattendStateResource {
  declare readonly changes: pulumi.Output<FlatChange[]>;

  constructor(name: string, args: UnattendStateArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      dynamicProvider(),
      name,
      properties(args),
      // (UnattendFile.sha256, computed in the program, is secret exactly when `xml` is)
      { ...opts, additionalSecretOutputs: SECRET_OUTPUTS },
      "unattend",
      "UnattendState",
    );
  }
}

/**
 * The state as a custom resource of the package "unattend", whose provider
 * (plugin/index.js, through ./served) runs the same code: nothing is
 * serialised into the stack and nothing is loaded from the program's folder.
 * A stack written with the dynamic resource is the same resource (an alias).
 */
export class PackageUnattendState extends pulumi.CustomResource implements UnattendStateResource {
  declare readonly changes: pulumi.Output<FlatChange[]>;

  constructor(name: string, args: UnattendStateArgs, version: string, opts?: pulumi.CustomResourceOptions) {
    super(PACKAGE_STATE_TYPE, name, properties(args), {
      ...opts,
      additionalSecretOutputs: SECRET_OUTPUTS,
      aliases: [...(opts?.aliases ?? []), { type: DYNAMIC_STATE_TYPE }],
      // the package's version: the provider that constructs UnattendFile serves it (no second plugin process)
      version,
    });
  }
}

/** The package "unattend" whose provider serves the state, when UnattendFile runs inside it. */
let servingPackage: { version: string } | undefined;

/**
 * Called by the package "unattend"'s provider (plugin/index.js) with its
 * version before it constructs any UnattendFile: the state is then the
 * package's custom resource (undefined: the dynamic resource again). Not part
 * of the library's API: a TypeScript program keeps the dynamic resource.
 */
export function serveStateFromPackage(version: string | undefined): void {
  servingPackage = version === undefined ? undefined : { version };
}

/** An UnattendFile's state resource: the package's custom resource inside the package, else the dynamic resource. */
export function newStateResource(name: string, args: UnattendStateArgs, opts?: pulumi.CustomResourceOptions): UnattendStateResource {
  return servingPackage ? new PackageUnattendState(name, args, servingPackage.version, opts) : new UnattendState(name, args, opts);
}
