/**
 * UnattendState: the child resource that keeps an UnattendFile's settings in
 * the stack (format: docs/state.md), so that `pulumi preview --diff` shows one
 * line per changed setting, `pulumi refresh` notices a file changed outside
 * Pulumi, and destroy removes the file.
 */
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

export class UnattendState extends pulumi.dynamic.Resource {
  /** What the last create or update changed, secret values masked. */
  declare readonly changes: pulumi.Output<FlatChange[]>;
  /** Hex SHA-256 of the XML rendered (and written). Always secret. */
  declare readonly sha256: pulumi.Output<string>;
  /** The file's state when last created, updated or refreshed. */
  declare readonly fileState: pulumi.Output<string | undefined>;

  constructor(name: string, args: UnattendStateArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      // the module is the provider: by name from node_modules, by value from a checkout
      provider as pulumi.dynamic.ResourceProvider,
      name,
      { stateVersion: STATE_VERSION, ...args, applied: undefined, sha256: undefined, changes: undefined },
      // `sha256` is a digest of the file, which may hold a credential: a guessing oracle in clear, so always secret
      // (UnattendFile.sha256, computed in the program, is secret exactly when `xml` is)
      { ...opts, additionalSecretOutputs: ["applied", "sha256"] },
      "unattend",
      "UnattendState",
    );
  }
}
