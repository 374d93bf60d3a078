/**
 * The normalised document: the one tree that validation, rendering and
 * flattening read. Typed inputs (and, later, parsed XML) are turned into it by
 * normalize.ts; nothing downstream looks at the raw input again.
 */
import type { Architecture, CatalogComponent, Element, Pass } from "../catalog";
import type { ExtraPlacement } from "./args";
import type { BuiltinCode, DiagnosticOf } from "./codes";
import type { DiagnosticPath } from "./paths";

export type { DiagnosticPath };

/** One element inside a component. */
export interface SettingNode {
  /** Element name as written in XML. */
  name: string;
  /** Path of the input that produced it, for messages. */
  path: DiagnosticPath;
  /** The catalog entry, when the element is known. */
  def?: Element;
  /** The input value as given (before conversion to text), for type checks. */
  raw?: unknown;
  /** Text content; undefined for elements with children. */
  text?: string;
  /** Child elements, in render order. */
  children?: SettingNode[];
  /** `wcm:action` on list items, as given (validation checks it is one Windows SIM writes). */
  action?: string;
  /** `wcm:keyValue` on keyed list items. */
  keyValue?: string;
  /** Value is a password or otherwise sensitive: mask it in diffs and logs. */
  sensitive?: boolean;
  /** The value is not known yet (a Pulumi Output): `raw` holds it, unconverted. */
  opaque?: boolean;
  /** Position in its list, for opaque list items (numbered when resolved). */
  position?: number;
  /**
   * For an opaque `Order` of a list item: the text it stands for if it turns out undefined, the item's position
   * (as an Order left out is numbered).
   */
  absentText?: string;
  /** `xsi:nil="true"`: written empty with that attribute (input null). */
  nil?: boolean;
  /** Given through `unvalidated`: rendered as given, not checked against the catalog. */
  unvalidated?: boolean;
  /** normalize() already reported this node's problem (e.g. a null value): validation says nothing more about it. */
  reported?: boolean;
  /** One of several same-named siblings made from an array (unvalidated settings). */
  repeated?: boolean;
}

/** One `<component>` of one pass, for one architecture. */
export interface ComponentNode {
  pass: string;
  name: string;
  architecture: string;
  path: DiagnosticPath;
  def?: CatalogComponent;
  settings: SettingNode[];
  /** Declared only through `unvalidated`. */
  unvalidated?: boolean;
  /** Declared for this architecture only (`perArchitecture`), not for all architectures. */
  fixedArchitecture?: boolean;
  /** Path of the `unvalidated` part merged into this component, if any. */
  extraPath?: DiagnosticPath;
}

export interface NormalDocument {
  /** Architectures requested, as given (validated separately). */
  architectures: string[];
  /** Components sorted by pass order, name, architecture order. */
  components: ComponentNode[];
  /** Problems found while normalising (shape errors that have no tree node): built-in codes only, never a rule's. */
  diagnostics: DiagnosticOf<BuiltinCode>[];
  /** Elements outside `<settings>`, as given, in order. */
  extras: ExtraNode[];
}

/** An element outside `<settings>`, written byte for byte where the schema puts it. */
export interface ExtraNode {
  xml: string;
  /** The placement the input asked for, if any (validation checks it agrees with the schema). */
  placement?: ExtraPlacement;
  path: DiagnosticPath;
}

export type { Architecture, Pass };
