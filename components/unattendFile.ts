/**
 * UnattendFile: the Pulumi component. A thin layer over the pure functions:
 * it resolves the inputs, renders through the validating pipeline, exposes the
 * XML, an asset and its hash, and keeps the flattened settings in a child
 * resource (UnattendState) so that `pulumi preview --diff` shows one line per
 * changed setting. Secret inputs make every output secret.
 */
import * as crypto from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import { analyze } from "./api";
import type { Architecture, ExtraXml, PerArchitectureSettings, SettingChange, UnvalidatedArgs } from "./args";
import { UnattendValidationError } from "./errors";
import { flattenDocument, inlineLayout, typedValue, type FlatEntry, type LayoutComponent } from "./flatten";
import type { UnattendSettings as UnattendSettingsInput } from "./generated/settings";
import type { NormalDocument, SettingNode } from "./model";
import { formatPath } from "./diagnostics";
import { normalize, normalizeNode } from "./normalize";
import { isPlainObject, toText } from "./values";
import { renderDocument } from "./render";
import { FILE_WRITTEN, UnattendState } from "./stateProvider";

export interface UnattendFileArgs {
  /**
   * Settings by configuration pass, then component, then setting, with
   * Microsoft's element names. Every level accepts Outputs and secrets.
   * A setting is typed only under the passes where Windows accepts it.
   * @example
   * settings: {
   *   generalize: { "Microsoft-Windows-WorkstationService": { AllowInsecureGuestAuth: 1 } },
   * }
   */
  settings: pulumi.Input<UnattendSettingsInput>;
  /**
   * Processor architectures: each component is written once per architecture,
   * in the order x86, amd64, arm64, wow64. Each may appear once.
   * @default ["amd64"]
   * @example architectures: ["amd64", "x86"]
   */
  architectures?: pulumi.Input<pulumi.Input<Architecture>[]>;
  /**
   * Also write the rendered file here (atomically; parent folders are
   * created). It is rewritten on update, removed on destroy, and
   * `pulumi refresh` notices when it was edited or deleted outside Pulumi.
   * A relative path is relative to the Pulumi program's folder.
   * @default undefined (no file is written)
   * @example path: "out/autounattend.xml"
   */
  path?: pulumi.Input<string>;
  /**
   * Components written for one architecture only (same shape as `settings`).
   * @default {}
   * @example perArchitecture: { x86: { specialize: { "Microsoft-Windows-Shell-Setup": { TimeZone: "UTC" } } } }
   */
  perArchitecture?: pulumi.Input<PerArchitectureSettings>;
  /**
   * Settings newer than the documented catalog, written as given with a
   * warning (see UnattendDocument.unvalidated).
   * @default {}
   * @example unvalidated: { specialize: { "Microsoft-Windows-Foo": { NewSetting: "on" } } }
   */
  unvalidated?: pulumi.Input<UnvalidatedArgs>;
  /**
   * Elements outside `<settings>`, written as given (see UnattendDocument.extras).
   * @default []
   * @example extras: [{ xml: '<cpi:offlineImage xmlns:cpi="urn:schemas-microsoft-com:cpi" cpi:source="wim:c:/install.wim#Windows 11 Pro" />' }]
   */
  extras?: pulumi.Input<pulumi.Input<ExtraXml>[]>;
}

const isOpaque = (v: unknown): boolean =>
  pulumi.Output.isInstance(v) || (typeof v === "object" && v !== null && typeof (v as Promise<unknown>).then === "function");

const plain = (v: unknown) => isPlainObject(v) && !isOpaque(v);

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
  const per = args.perArchitecture;
  return (
    passesKnown(args.settings) &&
    passesKnown(args.unvalidated) &&
    (per === undefined || (plain(per) && Object.values(per as object).every(passesKnown)))
  );
}

/** The value of a flat entry whose node is known only later. */
function lateValue(e: FlatEntry): pulumi.Output<unknown> {
  const n = e.node;
  const value = (pulumi.output(n.raw) as pulumi.Output<unknown>).apply((raw: unknown) => {
    const resolved = normalizeNode(n.name, n.def, raw, n.path, n.position ?? 0);
    if (!e.subtree) return typedValue(resolved, toText(raw) ?? "");
    return JSON.stringify(inlineLayout(resolved.children ?? []));
  });
  return e.sensitive ? pulumi.secret(value) : value;
}

export class UnattendFile extends pulumi.ComponentResource {
  /** The rendered unattend.xml (UTF-8 text, no byte-order mark). Secret when any input is. */
  public readonly xml: pulumi.Output<string>;
  /** The rendered file as an asset, e.g. for an S3 object or a storage blob. */
  public readonly asset: pulumi.Output<pulumi.asset.Asset>;
  /** Hex SHA-256 of the UTF-8 bytes of `xml`. */
  public readonly sha256: pulumi.Output<string>;
  /**
   * The settings added, changed and removed by the last update, as
   * `{ op: "add" | "change" | "remove", key, old?, new? }` with secret values
   * shown as "[secret]". Every setting is "add" on the first deployment.
   */
  public readonly changes: pulumi.Output<SettingChange[]>;
  /** The path of the written file, when `path` was given. */
  public readonly path: pulumi.Output<string | undefined>;

  constructor(name: string, args: UnattendFileArgs, opts?: pulumi.ComponentResourceOptions) {
    super("unattend:index:UnattendFile", name, {}, opts);

    const resolved = pulumi.output({
      settings: args.settings,
      architectures: args.architectures,
      perArchitecture: args.perArchitecture,
      unvalidated: args.unvalidated,
      extras: args.extras,
    });
    const analyzed = resolved.apply((doc) => analyze(doc));
    this.xml = analyzed.apply(({ document, diagnostics }) => {
      for (const d of diagnostics) {
        if (d.severity === "warning") pulumi.log.warn(`${formatPath(d.path)}: ${d.message}`, this);
      }
      if (diagnostics.some((d) => d.severity === "error")) throw new UnattendValidationError(diagnostics);
      const xml = renderDocument(document);
      // a password, even given as plain text, makes the file a secret
      return containsPassword(document) ? pulumi.secret(xml) : pulumi.output(xml);
    });
    this.asset = this.xml.apply((xml) => new pulumi.asset.StringAsset(xml));
    this.sha256 = this.xml.apply((xml) => crypto.createHash("sha256").update(xml, "utf8").digest("hex"));

    // Flattened state: one child input per setting where the structure is known now.
    const validated = pulumi.unsecret(this.xml);
    const props: Record<string, pulumi.Input<unknown>> = {};
    let layout: pulumi.Input<LayoutComponent[]>;
    let secretKeys: pulumi.Input<string[]>;
    if (structureKnown(args)) {
      const flat = flattenDocument(
        normalize(
          { settings: args.settings, perArchitecture: args.perArchitecture, unvalidated: args.unvalidated, architectures: ["amd64"] },
          { isOpaque },
        ),
      );
      const flags: pulumi.Output<string | undefined>[] = [];
      for (const e of flat.entries) {
        const value = e.value !== undefined ? (e.sensitive ? pulumi.secret(e.value) : e.value) : lateValue(e);
        props[e.key] = value;
        flags.push(
          e.sensitive
            ? pulumi.output(e.key)
            : pulumi.output(pulumi.Output.isInstance(value) ? pulumi.isSecret(value) : false).apply((s) => (s ? e.key : undefined)),
        );
      }
      layout = validated.apply(() => flat.layout);
      secretKeys = pulumi.all(flags).apply((keys) => keys.filter((k): k is string => k !== undefined));
    } else {
      // Settings whose passes or components arrive as Outputs: the whole document is one input.
      layout = analyzed.apply(({ document }) => {
        return flattenDocument(document).layout.map((c) => ({ p: c.p, n: c.n, ...(c.r ? { r: c.r } : {}), s: inlineAll(document, c) }));
      });
      secretKeys = [];
    }

    const architectures = analyzed.apply(({ document }) => [...new Set(document.architectures)]);
    const state = new UnattendState(
      `${name}-state`,
      {
        ...props,
        architectures,
        layout,
        secretKeys,
        extras: args.extras,
        path: args.path,
        fileState: pulumi.output(args.path).apply((p) => (p ? FILE_WRITTEN : undefined)),
      },
      { parent: this },
    );
    this.changes = state.changes;
    this.path = pulumi.output(args.path);

    this.registerOutputs({ xml: this.xml, sha256: this.sha256, changes: this.changes });
  }
}

function containsPassword(document: NormalDocument): boolean {
  const visit = (nodes: SettingNode[]): boolean => nodes.some((n) => n.sensitive || (n.children !== undefined && visit(n.children)));
  return document.components.some((c) => visit(c.settings));
}

/** Inline layout of one flattened component of a fully known document. */
function inlineAll(document: ReturnType<typeof analyze>["document"], c: LayoutComponent) {
  const comp = document.components.find((x) => x.pass === c.p && x.name === c.n && (!c.r || x.architecture === c.r))!;
  return inlineLayout(comp.settings);
}
