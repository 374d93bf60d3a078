/**
 * The settings catalog, loaded once, with the look-ups that the normaliser,
 * validator and renderer share.
 */
import catalogJson from "./catalog.json";
import type { Catalog, CatalogComponent, Element, ListKey, Pass } from "./types";
import { UNLISTED } from "./unlisted";

export * from "./types";
export { UNLISTED, findUnlisted, unlistedOf, type SeenIn, type UnlistedSetting } from "./unlisted";

export const catalog: Catalog = catalogJson as Catalog;

const componentsByName = new Map<string, CatalogComponent>(catalog.components.map((c) => [c.name, c]));

/** The catalog entry of a component, by its exact name. */
export function findComponent(name: string): CatalogComponent | undefined {
  return componentsByName.get(name);
}

let names: readonly string[] | undefined;

/** All component names, in catalog order (one array, made once: a file asks once per unknown component). */
export function componentNames(): readonly string[] {
  return (names ??= Object.freeze(catalog.components.map((c) => c.name)));
}

/** The child elements an element (or component) may contain. */
export function childElements(parent: CatalogComponent | Element): Element[] {
  if ("settings" in parent) return parent.settings;
  switch (parent.kind) {
    case "container":
      return parent.children;
    case "list":
      return [parent.item];
    case "item":
      return parent.children ?? [];
    default:
      return [];
  }
}

const childIndexCache = new WeakMap<object, Map<string, { el: Element; index: number }>>();

/** A child element by exact name, with its position in catalog order. */
export function findChild(parent: CatalogComponent | Element, name: string): { el: Element; index: number } | undefined {
  let index = childIndexCache.get(parent);
  if (!index) {
    index = new Map(childElements(parent).map((el, i) => [el.name, { el, index: i }]));
    childIndexCache.set(parent, index);
  }
  return index.get(name);
}

/** The learn.microsoft.com URL of a reference page. */
export function pageUrl(page: string): string {
  return `https://learn.microsoft.com/en-us/windows-hardware/customize/desktop/unattend/${page}`;
}

const componentsByLowerName = new Map<string, CatalogComponent>(catalog.components.map((c) => [c.name.toLowerCase(), c]));

/**
 * The component Windows reads `name` as: the catalog's of that name, else the one whose name equals it without
 * regard to case (Windows matches component names so; validation warns about the spelling).
 */
export function componentReadAs(name: string): CatalogComponent | undefined {
  return findComponent(name) ?? findComponentIgnoringCase(name)?.component;
}

/**
 * The catalog component whose name equals `name` without regard to case (Windows
 * matches component names so), with `variant` true when the spelling is not the
 * catalog's (a `name-case` warning) and `known` true when it is one of the
 * component's recorded `caseVariants`.
 */
export function findComponentIgnoringCase(name: string): { component: CatalogComponent; variant: boolean; known: boolean } | undefined {
  const component = componentsByLowerName.get(name.toLowerCase());
  if (!component) return undefined;
  const variant = component.name !== name;
  return { component, variant, known: !variant || (component.caseVariants ?? []).includes(name) };
}

/**
 * A numeric list key written in its documented form: zero-padded to `key.width`
 * digits when the key has one (`RegionalOverride` Order 1 -> "001"), else as is.
 * Returns undefined when `n` is not a whole number within `key.min`..`key.max`.
 */
export function formatListKey(key: ListKey, n: number): string | undefined {
  if (key.kind !== "child" || !Number.isSafeInteger(n) || n < 0) return undefined;
  if ((key.min !== undefined && n < key.min) || (key.max !== undefined && n > key.max)) return undefined;
  const text = String(n);
  if (key.width === undefined) return text;
  return text.length > key.width ? undefined : text.padStart(key.width, "0");
}

/** One documented place of a setting name: its component, its element path, and the passes it is valid in. */
export interface SettingPlace {
  component: string;
  /** Element names from the component down to the setting itself (the last is the name). */
  path: string[];
  /** The passes the setting is valid in (its own, else its nearest ancestor's). */
  passes: Pass[];
  /** Known from real files only (components/catalog/unlisted.ts), not from the reference. */
  unlisted?: true;
  /** Inside a list item or repeated element (an ancestor is an item). */
  underItem?: true;
}

let placesByName: Map<string, SettingPlace[]> | undefined;

/**
 * Every documented place of an element name, across all components (and the
 * settings real files use that the reference lacks, flagged `unlisted`): for
 * "this setting belongs to ..." messages. The index is built once, on first
 * use, in one walk of the catalog; a look-up is a map read.
 * @example placesOf("UserData") // [{ component: "Microsoft-Windows-Setup", path: ["UserData"], passes: ["windowsPE"] }]
 */
export function placesOf(name: string): readonly SettingPlace[] {
  if (!placesByName) {
    const index = new Map<string, SettingPlace[]>();
    const add = (place: SettingPlace) => {
      const name = place.path[place.path.length - 1];
      const list = index.get(name);
      if (list) list.push(place);
      else index.set(name, [place]);
    };
    for (const c of catalog.components) {
      const stack: [Element, string[], Pass[], boolean][] = c.settings.map((s) => [s, [s.name], s.passes ?? c.passes, false]);
      while (stack.length > 0) {
        const [el, path, inherited, underItem] = stack.pop()!;
        const passes = el.passes ?? inherited;
        add({ component: c.name, path, passes, ...(underItem ? { underItem: true as const } : {}) });
        for (const child of childElements(el)) stack.push([child, [...path, child.name], passes, underItem || el.kind === "item"]);
      }
    }
    for (const u of UNLISTED) if (u.path.length > 0) add({ component: u.component, path: u.path, passes: u.passes, unlisted: true });
    placesByName = index;
  }
  return placesByName.get(name) ?? [];
}
