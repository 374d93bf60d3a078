/**
 * Examples of ../shared/unattend-reference that do not pass the conformance
 * test (tests/conformance.test.ts), each checked by hand against its own page
 * and the pages it links to. The key is `<page file name>#<n>`, n counting the
 * page's XML examples from 1; the reason says concretely where the example
 * contradicts the reference, or why our model legitimately differs.
 *
 * Failures that are our own bugs are not here: see KNOWN_BUGS in
 * tests/conformance.test.ts.
 */
export const REVIEWED: Record<string /* "page.md#index" */, string /* reason */> = {};
