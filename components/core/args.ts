/**
 * The answer file's document, declared once, in the Input form: every field
 * and every level accepts a `pulumi.Input` (UnattendFile's arguments). The
 * plain form that the pure functions take is derived from it with
 * `pulumi.Unwrap` (document.ts), and the layers' types, the field list and
 * UnattendFileArgs from both. The parts listing every pass or architecture
 * are generated with the settings (components/generated/settings.ts).
 *
 * Written so that @pulumi/pulumi's component analyzer can turn them into a
 * Pulumi package schema (YAML, Go, Python, ... see PulumiPlugin.yaml):
 * interfaces, arrays, maps, `pulumi.Input`/`pulumi.Output`, `any`, assets,
 * and unions only as named enums (`const X = { ... } as const; type X =
 * (typeof X)[keyof typeof X]`). No `Partial<Record<...>>`, mapped types or
 * anonymous literal unions here; the interfaces' names are the schema's type
 * names. Only types from @pulumi/pulumi: the core loads no Pulumi at run time.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { Architecture } from "../catalog";
import type {
  PerArchitectureSettings,
  UnattendSettings,
  UnvalidatedArgs,
  UnvalidatedComponentArgs,
  UnvalidatedPassArgs,
  UnvalidatedPerArchitectureArgs,
} from "../generated/settings";

export type { Architecture, PerArchitectureSettings, UnvalidatedArgs, UnvalidatedComponentArgs, UnvalidatedPassArgs, UnvalidatedPerArchitectureArgs };

type In<T> = pulumi.Input<T>;

/**
 * An answer file's content, as Inputs: UnattendFile's document arguments, and
 * (through `pulumi.Unwrap`) the plain `UnattendDocument` of the pure functions.
 * `Settings` is the type of `settings`: UnattendFile also takes layers there.
 */
export interface UnattendDocumentInput<Settings = In<UnattendSettings>> {
  /**
   * Settings by configuration pass, then component, then setting, with
   * Microsoft's element names. A setting is typed only under the passes where
   * Windows accepts it. In UnattendFile, every level accepts Outputs and
   * secrets; from TypeScript, `settings` may also be an array of layers,
   * merged earliest first (the other document arguments are then one more
   * layer after them).
   * @default none: required
   * @example
   * settings: {
   *   generalize: { "Microsoft-Windows-WorkstationService": { AllowInsecureGuestAuth: 1 } },
   * }
   */
  settings: Settings;
  /**
   * Processor architectures: each component is written once per architecture,
   * in the order x86, amd64, arm64, wow64. Each may appear once.
   * @default ["amd64"]
   * @example architectures: ["amd64", "x86"]
   */
  architectures?: In<In<Architecture>[]>;
  /**
   * Components written for one architecture only, in the same pass ->
   * component -> setting shape as `settings`. A component may not appear both
   * here and in `settings` for the same architecture.
   * @default {}
   * @example perArchitecture: { x86: { specialize: { "Microsoft-Windows-Shell-Setup": { TimeZone: "UTC" } } } }
   */
  perArchitecture?: In<PerArchitectureSettings>;
  /**
   * The escape hatch for settings newer than the documented catalog: pass ->
   * component -> elements, written as given (after the validated settings of
   * the same component) with a warning, never checked. Object keys are element
   * names; an array repeats its element; `wcm:action`, `wcm:keyValue` and
   * `xsi:nil` keys become attributes. An object's elements are written sorted
   * by name; `"#children": [{ Step: "1" }, { Run: "a" }]` gives them in order.
   * An element naming a validated group of the same component (`OOBE`) adds
   * its children inside that group.
   * @default {}
   * @example unvalidated: { specialize: { "Microsoft-Windows-Foo": { NewSetting: "on" } } }
   */
  unvalidated?: In<UnvalidatedArgs>;
  /**
   * `unvalidated` for one architecture only: elements a component has for
   * some architectures and not others (e.g. settings newer than the catalog
   * set differently for amd64 and x86). Written after the validated settings
   * of the same component and architecture, with a warning.
   * @default {}
   * @example unvalidatedPerArchitecture: { x86: { oobeSystem: { "Microsoft-Windows-Shell-Setup": { OOBE: { SkipMachineOOBE: true } } } } }
   */
  unvalidatedPerArchitecture?: In<UnvalidatedPerArchitectureArgs>;
  /**
   * Elements outside `<settings>`, written as given, byte for byte:
   * `<servicing>`, `<cpi:offlineImage>`, or a tool's own `<Extensions>`. Each
   * is one well-formed element that declares the namespace prefixes it uses.
   * They are placed as the answer-file schema wants: `<servicing>` before the
   * `<settings>`, elements of other namespaces after them.
   * @default []
   * @example extras: [{ xml: '<cpi:offlineImage xmlns:cpi="urn:schemas-microsoft-com:cpi" cpi:source="wim:c:/install.wim#Windows 11 Pro" />' }]
   */
  extras?: In<In<ExtraXml>[]>;
}

/** The document's field names, in the order they are merged and read. */
export type DocumentField = keyof UnattendDocumentInput;

// A record of every field (the compiler refuses one missing or one too many), for the list below.
const FIELDS: Record<DocumentField, true> = {
  settings: true,
  architectures: true,
  perArchitecture: true,
  unvalidated: true,
  unvalidatedPerArchitecture: true,
  extras: true,
};

/** The document's fields: what a layer may have, and what a stack config may give. */
export const DOCUMENT_FIELDS: readonly DocumentField[] = Object.keys(FIELDS) as DocumentField[];

/** Where an element outside `<settings>` goes. */
export const ExtraPlacement = { before: "before", after: "after" } as const;
/** Where an element outside `<settings>` goes. */
export type ExtraPlacement = (typeof ExtraPlacement)[keyof typeof ExtraPlacement];

/** An element outside `<settings>`, written as given. */
export interface ExtraXml {
  /**
   * One well-formed element, declaring the namespace prefixes it uses.
   * @default none: required
   * @example xml: '<servicing><package action="configure">...</package></servicing>'
   */
  xml: In<string>;
  /**
   * Not needed: each extra goes where the schema puts it (`<servicing>`
   * before the `<settings>`, elements of other namespaces after). When given,
   * it must agree, else it is an error.
   * @default where the schema puts the element
   * @example placement: "before"
   */
  placement?: In<ExtraPlacement>;
}

/** How a layer merges, besides its document fields. */
export interface LayerOptions {
  /**
   * A name for messages: conflicts say `layers[2] ("environment")`.
   * @default none: messages say `layers[2]`
   * @example name: "environment"
   */
  name?: string;
  /**
   * Let this layer's values win over earlier layers' where they differ
   * (each such place is reported as a `merge-override` warning), and its
   * `architectures` replace theirs. Without it, a different value is an error.
   * For one setting only, wrap its value in `override(...)` instead.
   * @default false
   * @example override: true
   */
  override?: boolean;
}

/**
 * One layer of an answer file in a Pulumi program: the document's fields, each
 * optional and each accepting Outputs, plus how the layer merges. Every
 * building block returns one (as the plain `UnattendLayer`, which is one too).
 * @example { name: "environment", settings: { specialize: { "Microsoft-Windows-Shell-Setup": { ComputerName: config.require("computerName") } } } }
 */
export interface UnattendLayerInput extends Partial<UnattendDocumentInput>, LayerOptions {}

/** `settings` of UnattendFileArgs: one settings object, or layers to merge, earliest first. */
export type UnattendSettingsOrLayers = In<UnattendSettings> | UnattendLayerInput[];

/** What happened to a setting in the last update. */
export const ChangeOp = { add: "add", change: "change", remove: "remove" } as const;
/** What happened to a setting in the last update. */
export type ChangeOp = (typeof ChangeOp)[keyof typeof ChangeOp];

/** A setting added, changed or removed by the last update. */
export interface SettingChange {
  /** add, change or remove. */
  op: ChangeOp;
  /** The setting's key, `pass/component/path/to/setting` (list items as `Item[key]`). */
  key: string;
  /** The value before ("[secret]" for a secret). */
  old?: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** The value after ("[secret]" for a secret). */
  new?: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}
