/**
 * UnattendFile: the Pulumi component. A thin layer over the pure functions,
 * in named steps: analyse the inputs once, check them (failing the deployment
 * with every error, named after the resource), resolve the file's path, keep
 * the flattened settings in a child resource (UnattendState,
 * components/pulumi/state/) so that `pulumi preview --diff` shows one line per
 * changed setting, and render `xml` from exactly what that child is given, as
 * its provider renders the file: one path, so they cannot disagree. Secret
 * inputs make every output secret.
 */
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as nodePath from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { analyze } from "../core/document";
import { holdsConfidential, isConfidentialDocument, isConfidentialExtra } from "../core/confidential";
import type { SettingChange, UnattendDocumentInput, UnattendSettingsOrLayers } from "../core/args";
import { formatDiagnostic, hasErrors, notKnownYet, type Diagnostic } from "../core/diagnostics";
import { UnattendValidationError } from "../core/errors";
import { flattenDocument, inlineElements, typedValue, type FlatEntry, type FlatValue } from "../core/flatten";
import { resolveLayerArgs } from "./layers";
import { normalize, normalizeNode } from "../core/normalize";
import { isPlainObject, toText } from "../core/values";
import { FILE_WRITTEN, STATE_VERSION, readInputs, renderState, type StateExtra } from "./state/format";
import { UnattendState, type UnattendStateArgs } from "./state/resource";
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

type Analysis = ReturnType<typeof analyze>;

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

  constructor(name: string, args: UnattendFileArgs, opts?: pulumi.ComponentResourceOptions) {
    super("unattend:index:UnattendFile", name, {}, opts);
    // settings given as layers (an array, from JavaScript, YAML or config): merged first, conflicts fail here
    let late: pulumi.Output<Diagnostic[]> | undefined;
    if (Array.isArray(args.settings)) {
      const layered = resolveLayerArgs(args as never, this);
      args = layered.args as unknown as UnattendFileArgs;
      late = layered.late;
    }
    const analysis = analyzeInputs(args, late);
    const validated = checkDocument(this, name, analysis);
    const checked = args.media === undefined ? validated : checkedAgainstMedia(this, name, validated, args.media);
    const stored = stateArgs(args, analysis, checked);
    this.xml = renderXml(stored, checked);
    this.asset = this.xml.apply((xml) => new pulumi.asset.StringAsset(xml));
    this.sha256 = this.xml.apply((xml) => crypto.createHash("sha256").update(xml, "utf8").digest("hex"));
    this.path = resolvePath(this, name, args.path);
    const state = new UnattendState(
      `${name}-state`,
      { ...stored, path: this.path, fileState: this.path.apply((p) => (p ? FILE_WRITTEN : undefined)) },
      { parent: this },
    );
    this.changes = state.changes;
    this.registerOutputs({});
  }
}

interface Analyzed {
  /** The resolved inputs, normalised and validated (secret when any input is). */
  analysis: pulumi.Output<Analysis>;
  /** Whether any input is secret. */
  secret: pulumi.Output<boolean>;
}

/**
 * Step 1: resolves every input once, then normalises and validates the document; `late` holds what merging
 * layers found once their Outputs resolved (conflicts, overrides), reported with validation's findings.
 */
function analyzeInputs(args: UnattendFileArgs, late?: pulumi.Output<Diagnostic[]>): Analyzed {
  const resolved = pulumi.output({
    settings: args.settings,
    architectures: args.architectures,
    perArchitecture: args.perArchitecture,
    unvalidated: args.unvalidated,
    unvalidatedPerArchitecture: args.unvalidatedPerArchitecture,
    extras: args.extras,
  });
  const ignore = pulumi.output(args.ignore);
  return {
    analysis: pulumi.all([resolved, ignore, late ?? []]).apply(([doc, ids, merged]): Analysis => {
      const a = analyze(doc, { ignore: ids ?? undefined });
      return merged.length > 0 ? { ...a, diagnostics: [...merged, ...a.diagnostics] } : a;
    }),
    secret: pulumi.output(pulumi.isSecret(resolved)),
  };
}

/**
 * Step 2b, with `media`: the validated document checked against the image
 * file's metadata (media/), its warnings logged and its errors failing the
 * deployment like validation's. After the document's own validation, which
 * does not wait for it, so that a media path known only later (an Output)
 * does not hold back the document's errors; the state and the XML wait for it.
 */
function checkedAgainstMedia(
  self: UnattendFile,
  name: string,
  validated: pulumi.Output<Analysis["document"]>,
  media: pulumi.Input<string>,
): pulumi.Output<Analysis["document"]> {
  return pulumi.all([validated, pulumi.output(media)]).apply(([document, file]) => {
    if (file === undefined || file === null || file === "") return document;
    if (typeof file !== "string") throw new pulumi.ResourceError(`UnattendFile "${name}": media must be a string, got ${typeof file}.`, self, true);
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
    const error = new pulumi.ResourceError(`UnattendFile "${name}": ${cause.message}`, self, true);
    error.cause = cause;
    throw error;
  }
}

/** Step 2: the document once validated: its warnings logged, its errors failing the deployment. */
function checkDocument(self: UnattendFile, name: string, { analysis }: Analyzed): pulumi.Output<Analysis["document"]> {
  return analysis.apply(({ document, diagnostics }) => {
    reportOn(self, name, diagnostics);
    return document;
  });
}

/**
 * Step 5: the XML, rendered from exactly what the state child is given (its
 * provider renders the file from the same inputs with the same function), so
 * that `xml`, `sha256`, the file and the state cannot disagree.
 */
function renderXml(stored: Omit<UnattendStateArgs, "path" | "fileState">, checked: pulumi.Output<Analysis["document"]>): pulumi.Output<string> {
  const inputs = pulumi.output({ settings: stored.settings, layout: stored.layout, architectures: stored.architectures, extras: stored.extras });
  return pulumi.all([inputs, checked]).apply(([state, document]) => {
    const xml = renderState(readInputs({ stateVersion: STATE_VERSION, ...state } as Record<string, unknown>));
    // a password, even given as plain text, makes the file a secret
    return isConfidentialDocument(document) ? pulumi.secret(xml) : pulumi.output(xml);
  });
}

/** The folder relative paths are resolved against: the program's (Pulumi runs a program in its folder). */
function programFolder(): string {
  return process.cwd();
}

/** The paths each deployment's UnattendFiles write, by absolute path (a program may run several deployments: Automation API). */
const claims = new WeakMap<object, Map<string, UnattendFile>>();
const outsideDeployment = {};

/** Step 3: the file's absolute path, checked now (at preview): not a folder, not written by another UnattendFile. */
function resolvePath(self: UnattendFile, name: string, path: pulumi.Input<string> | undefined): pulumi.Output<string | undefined> {
  return pulumi.output(path).apply((p) => {
    if (p === undefined || p === null || p === "") return undefined;
    if (typeof p !== "string") throw new pulumi.ResourceError(`UnattendFile "${name}": path must be a string, got ${typeof p}.`, self, true);
    const file = nodePath.resolve(programFolder(), p);
    const problem = pathProblem(file);
    if (problem)
      throw new pulumi.ResourceError(`UnattendFile "${name}": no file can be written at path ${JSON.stringify(p)}: ${problem}.`, self, true);
    if (fs.statSync(file, { throwIfNoEntry: false })?.isDirectory()) {
      throw new pulumi.ResourceError(
        `UnattendFile "${name}": path ${JSON.stringify(p)} is a folder (${file}). Give the path of a file, e.g. ${JSON.stringify(nodePath.join(p, "autounattend.xml"))}.`,
        self,
        true,
      );
    }
    const stack = (pulumi.runtime.getStackResource() as object | undefined) ?? outsideDeployment;
    const paths = claims.get(stack) ?? new Map<string, UnattendFile>();
    claims.set(stack, paths);
    // the same file however it is spelled: through a symbolic link to a folder, or a hard link
    const ids = [`path:${file}`, ...fileIdentities(file)];
    const other = ids.map((id) => paths.get(id)).find((o) => o !== undefined && o !== self);
    if (other !== undefined) {
      throw new pulumi.ResourceError(
        `UnattendFile "${name}": path ${JSON.stringify(p)} (${file}) is already written by another UnattendFile of this program; give each its own path.`,
        self,
        true,
      );
    }
    for (const id of ids) paths.set(id, self);
    return file;
  });
}

/** The value of a flat entry whose node is known only later. */
function lateValue(e: FlatEntry): pulumi.Output<FlatValue> {
  const n = e.node;
  const value = (pulumi.output(n.raw) as pulumi.Output<unknown>).apply((raw: unknown): pulumi.Output<FlatValue> => {
    const resolved = normalizeNode(n, raw);
    if (!e.subtree) return pulumi.output(typedValue(resolved[0], toText(raw) ?? ""));
    // a group known only now: secret when it holds a credential (a domain-join password in a late Credentials block);
    // an unvalidated element given as an array is that many elements (docs/state.md)
    const inline = inlineElements(resolved);
    const json = JSON.stringify(n.unvalidated && Array.isArray(raw) ? inline : inline[0]);
    return holdsConfidential(resolved) ? pulumi.secret(json) : pulumi.output(json);
  });
  return e.sensitive ? pulumi.secret(value) : value;
}

/** Step 4: what the child resource stores: one entry per setting, the layout, the architectures and extras. */
function stateArgs(
  args: UnattendFileArgs,
  { analysis, secret }: Analyzed,
  checked: pulumi.Output<unknown>,
): Omit<UnattendStateArgs, "path" | "fileState"> {
  const architectures = pulumi.output(args.architectures).apply((a) => [...new Set(normalize({ architectures: a }).architectures)]);
  const extrasInput = pulumi.output(args.extras);
  const extras = pulumi.all([pulumi.unsecret(extrasInput), pulumi.output(pulumi.isSecret(extrasInput))]).apply(([given, isSecret]) => {
    // an extra holding an element named like a confidential value is secret as if given so
    const list: StateExtra[] = normalize({ extras: given }).extras.map((e) => ({
      xml: e.xml,
      ...(isSecret || isConfidentialExtra(e.xml) ? { secret: true as const } : {}),
    }));
    if (list.length === 0) return pulumi.output(undefined);
    return list.some((e) => e.secret) ? pulumi.secret(list) : pulumi.output(list);
  });
  // the layout waits for validation: an invalid document registers no state
  const validated = pulumi.unsecret(checked);

  if (!structureKnown(args)) {
    // passes or components arrive as Outputs: the keys are known only once resolved
    const late = pulumi.all([pulumi.unsecret(analysis), secret, validated]).apply(([{ document }, isSecret]) => {
      const flat = flattenDocument(document, { isSecret: () => isSecret });
      const settings = Object.fromEntries(flat.entries.map((e) => [e.key, e.value as FlatValue]));
      const hidden = isSecret || flat.entries.some((e) => e.sensitive);
      return { settings: hidden ? pulumi.secret(settings) : pulumi.output(settings), layout: JSON.stringify(flat.layout) };
    });
    return { settings: late.apply((l) => l.settings), layout: late.apply((l) => l.layout), architectures, extras };
  }

  // the keys are known now: one entry per setting, each value an Input of its own (secret or not known yet)
  const structural = normalize(
    {
      settings: args.settings,
      perArchitecture: args.perArchitecture,
      unvalidated: args.unvalidated,
      unvalidatedPerArchitecture: args.unvalidatedPerArchitecture,
      architectures: ["amd64"],
    },
    { isOpaque: notKnownYet },
  );
  const settings: Record<string, pulumi.Input<FlatValue>> = {};
  const secretFlags: pulumi.Output<string | undefined>[] = [];
  for (const e of flattenDocument(structural).entries) {
    const value = e.value !== undefined ? (e.sensitive ? pulumi.secret(e.value) : e.value) : lateValue(e);
    settings[e.key] = value;
    if (!e.sensitive && pulumi.Output.isInstance(value)) {
      secretFlags.push(pulumi.output(pulumi.isSecret(value)).apply((s) => (s ? e.key : undefined)));
    }
  }
  const layout = pulumi.all([validated, pulumi.all(secretFlags)]).apply(([, keys]) => {
    const secretKeys = new Set(keys.filter((k): k is string => k !== undefined));
    return JSON.stringify(flattenDocument(structural, { isSecret: (key) => secretKeys.has(key) }).layout);
  });
  return { settings, layout, architectures, extras };
}
