/**
 * Template control directives between the elements of a file (`%{ if }`,
 * `{% if %}`, `{{ if }}`, Mako's `% if`): the file is a template whose
 * branches are read together. The messages of the `template` warnings that
 * say so, in one place for the reader (read.ts) and the file (index.ts).
 */
import { templateDirective } from "../templates";

const shown = (d: string) => JSON.stringify(d.length > 40 ? `${d.slice(0, 40)}...` : d);

/** The warning for directives in the text of an element that holds elements, or undefined when the text holds none. */
export function templateText(text: string, where: string): string | undefined {
  const d = templateDirective(text);
  if (d === undefined) return undefined;
  return `Template directive ${shown(d)} inside ${where}: this file is a template, not a finished answer file. Directives are not read: the elements of every branch (and of one round of each loop) are read together as one document (--strict fails on this); render the template and validate each result.`;
}

/**
 * When the text around repeated elements holds directives: the message for a
 * repeated element (the branches of an if/else each giving it), else undefined.
 */
export function templateBranches(text: string): ((what: string, firstLine: number) => string) | undefined {
  const d = templateDirective(text);
  if (d === undefined) return undefined;
  return (what, firstLine) =>
    `${what} appears again here, in another branch of the template (directive ${shown(d)}): each branch is its own answer file. Only the first ${what} (line ${firstLine}) is read, validated and written back, so rendering this document keeps one branch; render the template for each branch and validate each result (--strict fails on this).`;
}
