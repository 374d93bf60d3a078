/**
 * The settings catalog, loaded once, with the look-ups that the normaliser,
 * validator and renderer share.
 */
import catalogJson from "./catalog.json";
import type { Catalog, CatalogComponent, Element } from "./types";

export * from "./types";

export const catalog: Catalog = catalogJson as Catalog;

const componentsByName = new Map<string, CatalogComponent>(catalog.components.map((c) => [c.name, c]));

/** The catalog entry of a component, by its exact name. */
export function findComponent(name: string): CatalogComponent | undefined {
  return componentsByName.get(name);
}

/** All component names, in catalog order. */
export function componentNames(): string[] {
  return catalog.components.map((c) => c.name);
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
