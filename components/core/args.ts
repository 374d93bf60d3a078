/**
 * The types of UnattendFile's inputs and outputs, written so that
 * @pulumi/pulumi's component analyzer can turn them into a Pulumi package
 * schema (YAML, Go, Python, ... see PulumiPlugin.yaml): interfaces, arrays,
 * maps, `pulumi.Input`/`pulumi.Output`, `any`, assets, and unions only as named
 * enums (`const X = { ... } as const; type X = (typeof X)[keyof typeof X]`).
 * No `Partial<Record<...>>`, mapped types or anonymous literal unions here.
 * TypeScript accepts the same values as the plain types in api.ts.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { Architecture as CatalogArchitecture } from "../catalog";
import type { UnattendSettings } from "../generated/settings";

type In<T> = pulumi.Input<T>;

/** A processor architecture: one `<component>` is written per architecture. */
export const Architecture = { x86: "x86", amd64: "amd64", arm64: "arm64", wow64: "wow64" } as const;
/** A processor architecture: one `<component>` is written per architecture. */
export type Architecture = (typeof Architecture)[keyof typeof Architecture];

/** Components written for one architecture only, in the same pass -> component -> setting shape as `settings`. */
export interface PerArchitectureSettings {
  /**
   * Components for x86 only.
   * @default none
   * @example x86: { specialize: { "Microsoft-Windows-Shell-Setup": { TimeZone: "UTC" } } }
   */
  x86?: In<UnattendSettings>;
  /**
   * Components for amd64 only.
   * @default none
   * @example amd64: { specialize: { "Microsoft-Windows-Shell-Setup": { TimeZone: "UTC" } } }
   */
  amd64?: In<UnattendSettings>;
  /**
   * Components for arm64 only.
   * @default none
   * @example arm64: { specialize: { "Microsoft-Windows-Shell-Setup": { TimeZone: "UTC" } } }
   */
  arm64?: In<UnattendSettings>;
  /**
   * Components for wow64 only.
   * @default none
   * @example wow64: { specialize: { "Microsoft-Windows-Shell-Setup": { TimeZone: "UTC" } } }
   */
  wow64?: In<UnattendSettings>;
}

/**
 * The elements of one component under `unvalidated`: element names to values
 * (text, numbers, booleans, null, nested objects, arrays), written as given.
 */
export type UnvalidatedComponentArgs = { [element: string]: any }; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Unvalidated components of one pass, by component name. */
export type UnvalidatedPassArgs = { [component: string]: In<UnvalidatedComponentArgs> };

/** Settings newer than the documented catalog: pass -> component -> elements, written as given with a warning. */
export interface UnvalidatedArgs {
  /**
   * Unvalidated components of the windowsPE pass.
   * @default none
   * @example windowsPE: { "Microsoft-Windows-Foo": { NewSetting: "on" } }
   */
  windowsPE?: In<UnvalidatedPassArgs>;
  /**
   * Unvalidated components of the offlineServicing pass.
   * @default none
   * @example offlineServicing: { "Microsoft-Windows-Foo": { NewSetting: "on" } }
   */
  offlineServicing?: In<UnvalidatedPassArgs>;
  /**
   * Unvalidated components of the generalize pass.
   * @default none
   * @example generalize: { "Microsoft-Windows-Foo": { NewSetting: "on" } }
   */
  generalize?: In<UnvalidatedPassArgs>;
  /**
   * Unvalidated components of the specialize pass.
   * @default none
   * @example specialize: { "Microsoft-Windows-Foo": { NewSetting: "on" } }
   */
  specialize?: In<UnvalidatedPassArgs>;
  /**
   * Unvalidated components of the auditSystem pass.
   * @default none
   * @example auditSystem: { "Microsoft-Windows-Foo": { NewSetting: "on" } }
   */
  auditSystem?: In<UnvalidatedPassArgs>;
  /**
   * Unvalidated components of the auditUser pass.
   * @default none
   * @example auditUser: { "Microsoft-Windows-Foo": { NewSetting: "on" } }
   */
  auditUser?: In<UnvalidatedPassArgs>;
  /**
   * Unvalidated components of the oobeSystem pass.
   * @default none
   * @example oobeSystem: { "Microsoft-Windows-Foo": { NewSetting: "on" } }
   */
  oobeSystem?: In<UnvalidatedPassArgs>;
}

/** `unvalidated` content written for one architecture only. */
export interface UnvalidatedPerArchitectureArgs {
  /**
   * Unvalidated components for x86 only.
   * @default none
   * @example x86: { oobeSystem: { "Microsoft-Windows-Shell-Setup": { OOBE: { SkipMachineOOBE: true } } } }
   */
  x86?: In<UnvalidatedArgs>;
  /**
   * Unvalidated components for amd64 only.
   * @default none
   * @example amd64: { oobeSystem: { "Microsoft-Windows-Shell-Setup": { OOBE: { SkipMachineOOBE: true } } } }
   */
  amd64?: In<UnvalidatedArgs>;
  /**
   * Unvalidated components for arm64 only.
   * @default none
   * @example arm64: { oobeSystem: { "Microsoft-Windows-Shell-Setup": { OOBE: { SkipMachineOOBE: true } } } }
   */
  arm64?: In<UnvalidatedArgs>;
  /**
   * Unvalidated components for wow64 only.
   * @default none
   * @example wow64: { oobeSystem: { "Microsoft-Windows-Shell-Setup": { OOBE: { SkipMachineOOBE: true } } } }
   */
  wow64?: In<UnvalidatedArgs>;
}

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
   * Before the first `<settings>` or after the last.
   * @default "after"
   * @example placement: "before"
   */
  placement?: In<ExtraPlacement>;
}

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

// The enum above is the catalog's list of architectures, no more, no less.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type _ArchitecturesMatchTheCatalog = Assert<Same<Architecture, CatalogArchitecture>>;
