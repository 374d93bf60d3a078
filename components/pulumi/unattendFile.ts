/**
 * UnattendFile: the Pulumi component. A thin layer over the pure functions,
 * one pipeline in named steps, each taking the previous one's result: merge
 * layers (1), normalize each input once, a value not known yet kept opaque
 * until it is (2), complete and validate the document (3), check it, failing
 * the deployment with every error, named after the resource (4), flatten it
 * once for the child resource (UnattendState, components/pulumi/state/) so
 * that `pulumi preview --diff` shows one line per changed setting (5, 6), and
 * render `xml` from exactly what that child is given, as its provider renders
 * the file: one path, so they cannot disagree (7). Secret inputs make every
 * output secret.
 */
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as nodePath from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { holdsConfidential, isConfidentialDocument, isConfidentialExtra } from "../core/confidential";
import type { SettingChange, UnattendDocumentInput, UnattendSettingsOrLayers } from "../core/args";
import { formatDiagnostic, hasErrors, notKnownYet, type BuiltinCode, type Diagnostic, type DiagnosticOf } from "../core/diagnostics";
import { UnattendValidationError } from "../core/errors";
import { flattenDocument, inlineElements, markSecret, typedValue, withoutKeys, type FlatEntry, type FlatValue } from "../core/flatten";
import type { NormalDocument, SettingNode } from "../core/model";
import { resolveLayerArgs } from "./layers";
import { forArchitectures, normalize, normalizeNode } from "../core/normalize";
import { validateDocument } from "../core/validate";
import { append, isPlainObject, toText } from "../core/values";
import { FILE_WRITTEN, STATE_VERSION, readInputs, renderState, type StateExtra } from "./state/format";
import { newStateResource, type UnattendStateArgs } from "./state/resource";
import { fileIdentities, pathProblem } from "./state/file";

/**
 * UnattendFile's arguments: the document (see UnattendDocumentInput; `settings`
 * may be layers to merge), plus where to write the file, rule warnings to
 * leave out, and the media to check against.
 */
export interface UnattendFileArgs extends UnattendDocumentInput<UnattendSettingsOrLayers> {
  /**
   * Also write the rendered file here: atomically (the old file stays whole
   * if writing fails), parent folders created, readable by its owner only
   * (mode 0600) when the settings hold a password or a secret. It is
   * rewritten on update; destroy removes it if it still holds what Pulumi
   * wrote (else leaves it, with a warning); `pulumi refresh` notices when it
   * was edited or deleted outside Pulumi. A relative path is relative to the
   * program's folder (where Pulumi runs it), resolved once and stored
   * absolute. A folder, or a path that another UnattendFile of the program
   * writes, is an error.
   * @default undefined (no file is written)
   * @example path: "out/autounattend.xml"
   */
  path?: pulumi.Input<string>;
  /**
   * Ids of cross-setting rule warnings to leave out (an error cannot be left
   * out: the deployment fails on an unknown id or an error's id). The README
   * lists the rules.
   * @default []
   * @example ignore: ["autologon-without-logoncount"]
   */
  ignore?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * The installation media's Windows image file (install.wim, a solid
   * install.esd, or the first part of a split install.swm; relative to the
   * program's folder): the answer file is checked against its images at
   * preview, as `unattend validate --media` does: the image InstallFrom/MetaData
   * selects (index in range, name or description as written), its
   * architecture, UI languages and build. Only the file's header and XML
   * metadata are read. A mistake fails the deployment before anything is
   * written; the image list is not stored in the state.
   * @default undefined (not checked against media)
   * @example media: "iso/sources/install.wim"
   */
  media?: pulumi.Input<string>;
}

const plain = (v: unknown) => isPlainObject(v) && !notKnownYet(v);

/** Whether passes and components are plain objects (their keys known now). */
function passesKnown(settings: unknown): boolean {
  if (settings === undefined) return true;
  if (!plain(settings)) return false;
  return Object.values(settings as object).every(
    (pass) => pass === undefined || (plain(pass) && Object.values(pass as object).every((c) => c === undefined || plain(c))),
  );
}

/** Whether the document's structure down to components is known now. */
function structureKnown(args: UnattendFileArgs): boolean {
  const perKnown = (per: unknown) => per === undefined || (plain(per) && Object.values(per as object).every(passesKnown));
  return passesKnown(args.settings) && passesKnown(args.unvalidated) && perKnown(args.perArchitecture) && perKnown(args.unvalidatedPerArchitecture);
}

/**
 * The values of Outputs, each as it is: pulumi.all copies every value it
 * meets and lifts the Outputs it finds inside (a tree's `raw` keeps the
 * inputs as given, Outputs included), but hands a function on as it is: each
 * value goes through it behind one. Secret or unknown when any is.
 */
function together<T extends unknown[]>(...outputs: { [K in keyof T]: pulumi.Output<T[K]> }): pulumi.Output<T> {
  const boxed = (outputs as pulumi.Output<unknown>[]).map((o) => o.apply((v) => () => v));
  return pulumi.all(boxed).apply((boxes) => boxes.map((box) => box())) as unknown as pulumi.Output<T>;
}

/**
 * A Windows answer file (unattend.xml, autounattend.xml) as a Pulumi
 * component: typed settings, or layers merged in order, validated and
 * rendered to canonical XML. Errors fail the preview, each naming the
 * setting's path; with `path`, the file is also written (owner-only when it
 * holds a secret). Its settings are kept flattened in a child resource, so
 * a diff shows one line per changed setting, secret values hidden.
 * @example
 * ```ts
 * const file = new UnattendFile("workstation", {
 *   path: "out/autounattend.xml",
 *   settings: [locale("en-US"), diskLayout.uefi({ disk: 0 }), skipOobe()],
 * });
 * ```
 */
export class UnattendFile extends pulumi.ComponentResource {
  /** The rendered unattend.xml (UTF-8 text, no byte-order mark). Secret when any input is. */
  public readonly xml: pulumi.Output<string>;
  /** The rendered file as an asset, e.g. for an S3 object or a storage blob. */
  public readonly asset: pulumi.Output<pulumi.asset.Asset>;
  /** Hex SHA-256 of the UTF-8 bytes of `xml`. Secret when `xml` is (a digest of a file that holds a credential is a guessing oracle). */
  public readonly sha256: pulumi.Output<string>;
  /**
   * The settings added, changed and removed by the last update, as
   * `{ op: "add" | "change" | "remove", key, old?, new? }` (a changed
   * attribute as `key/@wcm:action`, `key/@wcm:keyValue`, `key/@xsi:nil`), with secret values
   * shown as "[secret]". Empty after the first deployment (everything is
   * new then: see `xml`).
   */
  public readonly changes: pulumi.Output<SettingChange[]>;
  /** The absolute path of the written file, when `path` was given. */
  public readonly path: pulumi.Output<string | undefined>;

  /**
   * @param name - the resource's name, unique in the stack; its child state resource is `<name>-state`.
   * @param args - the settings (an object, or layers), and optionally `path`, `media` and `ignore`.
   * @param opts - Pulumi's resource options (parent, providers, protect, ...).
   */
  constructor(name: string, args: UnattendFileArgs, opts?: pulumi.ComponentResourceOptions) {
    super("unattend:index:UnattendFile", name, {}, opts);
    const inputs = mergeLayers(this, args);
    const normalized = normalizeInputs(inputs);
    const analysis = completeDocument(normalized, inputs);
    const validated = checkDocument(this, name, analysis);
    const checked = inputs.args.media === undefined ? validated : checkedAgainstMedia(this, name, validated, inputs.args.media);
    const stored = stateArgs(normalized, flattenTree(normalized, checked));
    this.xml = renderXml(stored, checked);
    this.asset = this.xml.apply((xml) => new pulumi.asset.StringAsset(xml));
    this.sha256 = this.xml.apply((xml) => crypto.createHash("sha256").update(xml, "utf8").digest("hex"));
    this.path = resolvePath(this, name, inputs.args.path);
    const state = newStateResource(
      `${name}-state`,
      { ...stored, path: this.path, fileState: this.path.apply((p) => (p ? FILE_WRITTEN : undefined)) },
      { parent: this },
    );
    this.changes = state.changes;
    this.registerOutputs({});
  }
}

/** Step 1's result: the inputs, layers merged. */
interface Inputs {
  args: UnattendFileArgs;
  /** What merging layers found once their Outputs resolved (conflicts, overrides), reported with validation's findings. */
  late: pulumi.Output<Diagnostic[]>;
}

/** Step 1: settings given as layers (an array, from JavaScript, YAML or config) merged into one set of inputs; conflicts known now fail here. */
function mergeLayers(self: UnattendFile, args: UnattendFileArgs): Inputs {
  if (!Array.isArray(args.settings)) return { args, late: pulumi.output([]) };
  const layered = resolveLayerArgs(args as never, self);
  return { args: layered.args as unknown as UnattendFileArgs, late: layered.late };
}

/** A leaf of the tree that was not known at construction, normalized once its value is. */
interface Leaf {
  raw: unknown;
  /** The element(s) it stands for. */
  nodes: SettingNode[];
  /** What normalizing its value found. */
  diagnostics: DiagnosticOf<BuiltinCode>[];
}

/** Step 2's result: every input normalized once. */
interface Normalized {
  /**
   * The settings (`settings`, `perArchitecture`, `unvalidated`,
   * `unvalidatedPerArchitecture`) as one tree, its shared components for one
   * architecture (completeDocument writes them for each): known now when the
   * passes and components are, a value not known yet an opaque node among
   * `leaves`; else an Output, normalized once everything resolves.
   */
  tree: NormalDocument | pulumi.Output<NormalDocument>;
  /** The tree's opaque nodes, each normalized when its value resolves (secret when it is). */
  leaves: Map<SettingNode, pulumi.Output<Leaf>>;
  /** `architectures`, normalized (its `architectures` and `diagnostics`). */
  architectures: pulumi.Output<NormalDocument>;
  /** `extras`, normalized (its `extras` and `diagnostics`); secret when given as a secret. */
  extras: pulumi.Output<NormalDocument>;
  /** With a tree known only later: whether any input is secret (its settings are then all secret). */
  secret?: pulumi.Output<boolean>;
}

/** Step 2: each input normalized once: the settings' tree now (unknown leaves opaque until known), or once it resolves. */
function normalizeInputs({ args }: Inputs): Normalized {
  const fields = {
    settings: args.settings,
    perArchitecture: args.perArchitecture,
    unvalidated: args.unvalidated,
    unvalidatedPerArchitecture: args.unvalidatedPerArchitecture,
  };
  const architectures = pulumi.output(args.architectures).apply((a) => normalize({ architectures: a }));
  const extras = pulumi.output(args.extras).apply((e) => normalize({ extras: e }));
  if (!structureKnown(args)) {
    // passes or components arrive as Outputs: the keys are known only once resolved
    const tree = pulumi.output(fields).apply((resolved) => normalize(resolved));
    const secret = pulumi.output(pulumi.isSecret(pulumi.output({ ...fields, architectures: args.architectures, extras: args.extras })));
    return { tree, leaves: new Map(), architectures, extras, secret };
  }
  const tree = normalize(fields, { isOpaque: notKnownYet });
  const leaves = new Map<SettingNode, pulumi.Output<Leaf>>();
  const visit = (nodes: SettingNode[]): void => {
    for (const n of nodes) {
      if (n.opaque) leaves.set(n, resolveLeaf(n));
      else if (n.children) visit(n.children);
    }
  };
  for (const c of tree.components) visit(c.settings);
  return { tree, leaves, architectures, extras };
}

/** An opaque node normalized once its value is known. */
function resolveLeaf(n: SettingNode): pulumi.Output<Leaf> {
  return (pulumi.output(n.raw) as pulumi.Output<unknown>).apply((raw): Leaf => {
    const diagnostics: DiagnosticOf<BuiltinCode>[] = [];
    return { raw, nodes: normalizeNode(n, raw, diagnostics), diagnostics };
  });
}

/** Step 3's result: the whole document, validated. */
interface Analysis {
  document: NormalDocument;
  diagnostics: Diagnostic[];
}

/**
 * Step 3: the whole document once every input is known: the tree's leaves in
 * their place, its shared components written for each architecture, the
 * architectures and extras; validated, with what merging layers found late.
 * Secret when any input is.
 */
function completeDocument(n: Normalized, { args, late }: Inputs): pulumi.Output<Analysis> {
  const opaque = [...n.leaves.keys()];
  const known = n.tree;
  const tree = pulumi.Output.isInstance(known) ? known : pulumi.output(undefined).apply(() => known);
  const leaves = together(...n.leaves.values());
  return together(tree, leaves, n.architectures, n.extras, pulumi.output(args.ignore), late).apply(
    ([t, resolved, a, e, ignore, merged]): Analysis => {
      const nodes = new Map(opaque.map((node, i) => [node, resolved[i].nodes]));
      const document: NormalDocument = {
        architectures: a.architectures,
        components: forArchitectures(
          t.components.map((c) => ({ ...c, settings: withLeaves(c.settings, nodes) })),
          a.architectures,
        ),
        diagnostics: [...a.diagnostics, ...t.diagnostics, ...resolved.flatMap((l) => l.diagnostics), ...e.diagnostics],
        extras: e.extras,
      };
      const diagnostics = validateDocument(document, { ignore: ignore ?? undefined });
      return { document, diagnostics: merged.length > 0 ? [...merged, ...diagnostics] : diagnostics };
    },
  );
}

/** Nodes with each opaque one replaced by what its value normalized to (the same array, or node, where none is inside). */
function withLeaves(nodes: SettingNode[], known: Map<SettingNode, SettingNode[]>): SettingNode[] {
  if (known.size === 0) return nodes;
  let out: SettingNode[] | undefined;
  nodes.forEach((n, i) => {
    let now: SettingNode[] = [n];
    if (n.opaque) now = known.get(n) ?? now;
    else if (n.children) {
      const children = withLeaves(n.children, known);
      // a copy keeps an unvalidated node's path made when read (a spread would make it an array)
      if (children !== n.children)
        now = [
          Object.defineProperties({} as SettingNode, {
            ...Object.getOwnPropertyDescriptors(n),
            children: { value: children, enumerable: true, writable: true, configurable: true },
          }),
        ];
    }
    if (out === undefined && (now.length !== 1 || now[0] !== n)) out = nodes.slice(0, i);
    if (out !== undefined) append(out, now);
  });
  return out ?? nodes;
}

/** Step 4: the document once validated: its warnings logged, its errors failing the deployment. */
function checkDocument(self: UnattendFile, name: string, analysis: pulumi.Output<Analysis>): pulumi.Output<NormalDocument> {
  return analysis.apply(({ document, diagnostics }) => {
    reportOn(self, name, diagnostics);
    return document;
  });
}

/**
 * Step 4b, with `media`: the validated document checked against the image
 * file's metadata (media/), its warnings logged and its errors failing the
 * deployment like validation's. After the document's own validation, which
 * does not wait for it, so that a media path known only later (an Output)
 * does not hold back the document's errors; the state and the XML wait for it.
 */
function checkedAgainstMedia(
  self: UnattendFile,
  name: string,
  validated: pulumi.Output<NormalDocument>,
  media: pulumi.Input<string>,
): pulumi.Output<NormalDocument> {
  return together(validated, pulumi.output(media)).apply(([document, file]) => {
    if (file === undefined || file === null || file === "") return document;
    if (typeof file !== "string") throw failure(self, `UnattendFile "${name}": media must be a string, got ${typeof file}.`);
    const { readWindowsImage, checkMedia } = require("../core/media") as typeof import("../core/media");
    const info = readWindowsImage(nodePath.resolve(programFolder(), file));
    const found = info.diagnostics.some((d) => d.severity === "error")
      ? info.diagnostics
      : [...info.diagnostics, ...checkMedia(document, info.images, { label: nodePath.basename(file) })];
    reportOn(self, name, found);
    return document;
  });
}

/** Logs the warnings on the resource; fails the deployment with every error (a ResourceError naming it). */
function reportOn(self: UnattendFile, name: string, diagnostics: readonly Diagnostic[]): void {
  for (const d of diagnostics) {
    if (d.severity === "warning") pulumi.log.warn(formatDiagnostic(d, { code: false }), self);
  }
  if (hasErrors(diagnostics)) {
    const cause = new UnattendValidationError([...diagnostics]);
    throw failure(self, `UnattendFile "${name}": ${cause.message}`, cause);
  }
}

/**
 * The error that fails the deployment for an UnattendFile (a ResourceError
 * naming it, without a stack), its message exactly ours: @pulumi/pulumi
 * prefixes, in place, the message of an error that rejects an input it
 * serialises (`error serializing property "layout": ...`; the state's inputs
 * wait for validation), which the engine would print before our diagnostic.
 */
function failure(self: UnattendFile, message: string, cause?: Error): pulumi.ResourceError {
  const error = new pulumi.ResourceError(message, self, true);
  Object.defineProperty(error, "message", { get: () => message, set: () => undefined, enumerable: false, configurable: true });
  if (cause) error.cause = cause;
  return error;
}

/** Step 5's result: the settings as the state child stores them. */
type Flat = Pick<UnattendStateArgs, "settings" | "layout">;

/**
 * Step 5: the tree flattened once: one entry per setting, the layout waiting
 * for validation (an invalid document registers no state). Known now, each
 * value is an Input of its own (secret, or not known yet: a leaf's value once
 * normalized), so a preview diffs setting by setting; else all at once.
 */
function flattenTree({ tree, leaves, secret }: Normalized, checked: pulumi.Output<NormalDocument>): Flat {
  const validated = pulumi.unsecret(checked);
  if (pulumi.Output.isInstance(tree)) {
    const late = together(pulumi.unsecret(tree), secret ?? pulumi.output(false), validated).apply(([document, isSecret]) => {
      const flat = flattenDocument(document, { isSecret: () => isSecret });
      const settings = Object.fromEntries(flat.entries.map((e) => [e.key, e.value as FlatValue]));
      const hidden = isSecret || flat.entries.some((e) => e.sensitive);
      return { settings: hidden ? pulumi.secret(settings) : pulumi.output(settings), layout: JSON.stringify(flat.layout) };
    });
    return { settings: late.apply((l) => l.settings), layout: late.apply((l) => l.layout) };
  }
  const flat = flattenDocument(tree);
  const settings: Record<string, pulumi.Input<FlatValue | undefined>> = {};
  const secretFlags: pulumi.Output<string | undefined>[] = [];
  // the keys of settings whose Output turned out undefined: left out of the layout, as their value is of settings
  const absentFlags: pulumi.Output<string | undefined>[] = [];
  for (const e of flat.entries) {
    const leaf = e.value === undefined ? leaves.get(e.node)! : undefined;
    const value = leaf === undefined ? (e.sensitive ? pulumi.secret(e.value!) : e.value!) : lateValue(e, leaf);
    settings[e.key] = value;
    if (!e.sensitive && pulumi.Output.isInstance(value)) {
      secretFlags.push(pulumi.output(pulumi.isSecret(value)).apply((s) => (s ? e.key : undefined)));
    }
    if (leaf !== undefined) absentFlags.push(pulumi.unsecret(leaf).apply((l) => (l.nodes.length === 0 ? e.key : undefined)));
  }
  const layout = together(validated, pulumi.all(secretFlags), pulumi.all(absentFlags)).apply(([, secret, absent]) => {
    const secretKeys = new Set(secret.filter((k): k is string => k !== undefined));
    const absentKeys = new Set(absent.filter((k): k is string => k !== undefined));
    return JSON.stringify(withoutKeys(markSecret(flat.layout, secretKeys), absentKeys));
  });
  return { settings: settings as Flat["settings"], layout };
}

/** The value of a flat entry whose node is known only later: its leaf's, once normalized. */
function lateValue(e: FlatEntry, leaf: pulumi.Output<Leaf>): pulumi.Output<FlatValue | undefined> {
  const n = e.node;
  const value = leaf.apply(({ raw, nodes }): pulumi.Output<FlatValue | undefined> => {
    // undefined: no setting (see withoutKeys)
    if (nodes.length === 0) return pulumi.output(undefined);
    // the node's text: an Order that turned out undefined is the item's position (normalize's absentText)
    if (!e.subtree) return pulumi.output(typedValue(nodes[0], nodes[0].text ?? toText(raw) ?? ""));
    // a group known only now: secret when it holds a credential (a domain-join password in a late Credentials block);
    // an unvalidated element, or a repeated one without a list wrapper (Disk), given as an array is that many elements (docs/state.md)
    const many = Array.isArray(raw) && (n.unvalidated ? !n.repeated : n.def?.kind === "item" && n.position === undefined);
    const inline = inlineElements(nodes);
    const json = JSON.stringify(many ? inline : inline[0]);
    return holdsConfidential(nodes) ? pulumi.secret(json) : pulumi.output(json);
  });
  return e.sensitive ? pulumi.secret(value) : value;
}

/** Step 6: what the child resource stores: the flattened settings and layout, the architectures and extras. */
function stateArgs({ architectures, extras }: Normalized, flat: Flat): Omit<UnattendStateArgs, "path" | "fileState"> {
  const stored = together(pulumi.unsecret(extras), pulumi.output(pulumi.isSecret(extras))).apply(([given, isSecret]) => {
    // an extra holding an element named like a confidential value is secret as if given so
    const list: StateExtra[] = given.extras.map((e) => ({
      xml: e.xml,
      ...(isSecret || isConfidentialExtra(e.xml) ? { secret: true as const } : {}),
    }));
    if (list.length === 0) return pulumi.output(undefined);
    return list.some((e) => e.secret) ? pulumi.secret(list) : pulumi.output(list);
  });
  return { ...flat, architectures: architectures.apply((a) => [...new Set(a.architectures)]), extras: stored };
}

/**
 * Step 7: the XML, rendered from exactly what the state child is given (its
 * provider renders the file from the same inputs with the same function), so
 * that `xml`, `sha256`, the file and the state cannot disagree.
 */
function renderXml(stored: Omit<UnattendStateArgs, "path" | "fileState">, checked: pulumi.Output<NormalDocument>): pulumi.Output<string> {
  const inputs = pulumi.output({ settings: stored.settings, layout: stored.layout, architectures: stored.architectures, extras: stored.extras });
  // the document first: its errors fail `xml` as they are, before the state's inputs fail with them
  return checked.apply((document) =>
    inputs.apply((state) => {
      const xml = renderState(readInputs({ stateVersion: STATE_VERSION, ...state } as Record<string, unknown>));
      // a password, even given as plain text, makes the file a secret
      return isConfidentialDocument(document) ? pulumi.secret(xml) : pulumi.output(xml);
    }),
  );
}

/** The folder relative paths are resolved against: the program's (Pulumi runs a program in its folder). */
function programFolder(): string {
  return process.cwd();
}

/** The paths each deployment's UnattendFiles write, by absolute path (a program may run several deployments: Automation API). */
const claims = new WeakMap<object, Map<string, UnattendFile>>();
const outsideDeployment = {};

/** Step 8: the file's absolute path, checked now (at preview): not a folder, not written by another UnattendFile. */
function resolvePath(self: UnattendFile, name: string, path: pulumi.Input<string> | undefined): pulumi.Output<string | undefined> {
  return pulumi.output(path).apply((p) => {
    if (p === undefined || p === null || p === "") return undefined;
    if (typeof p !== "string") throw failure(self, `UnattendFile "${name}": path must be a string, got ${typeof p}.`);
    const file = nodePath.resolve(programFolder(), p);
    const problem = pathProblem(file);
    if (problem) throw failure(self, `UnattendFile "${name}": no file can be written at path ${JSON.stringify(p)}: ${problem}.`);
    if (fs.statSync(file, { throwIfNoEntry: false })?.isDirectory()) {
      throw failure(
        self,
        `UnattendFile "${name}": path ${JSON.stringify(p)} is a folder (${file}). Give the path of a file, e.g. ${JSON.stringify(nodePath.join(p, "autounattend.xml"))}.`,
      );
    }
    const stack = (pulumi.runtime.getStackResource() as object | undefined) ?? outsideDeployment;
    const paths = claims.get(stack) ?? new Map<string, UnattendFile>();
    claims.set(stack, paths);
    // the same file however it is spelled: through a symbolic link to a folder, or a hard link
    const ids = [`path:${file}`, ...fileIdentities(file)];
    const other = ids.map((id) => paths.get(id)).find((o) => o !== undefined && o !== self);
    if (other !== undefined) {
      throw failure(
        self,
        `UnattendFile "${name}": path ${JSON.stringify(p)} (${file}) is already written by another UnattendFile of this program; give each its own path.`,
      );
    }
    for (const id of ids) paths.set(id, self);
    return file;
  });
}
