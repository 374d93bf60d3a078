/**
 * The documented limits on what is read (one module without dependencies, so
 * that knowing the limits loads nothing else).
 */

/** The largest input read by default: 16 MiB (the largest real answer file we know is 117 KiB). */
export const MAX_INPUT_BYTES = 16 * 1024 * 1024;

/**
 * How many elements and attributes (namespace declarations included) a file we read may hold, together: 25,000.
 * The real answer files we know hold a few hundred (the 42 of our corpus: 616 at most). What validating weighs
 * follows them more than the bytes: up to about 1.3 KiB of memory each at the peak, whatever they hold (an
 * element with an attribute the format does not have, and its warning). 8 MiB of `<a/><b/>` in an unknown
 * setting (2 million elements) peaked at 515 MiB, 64x the file; 4 MiB of unknown attributes, at 593 MiB. Within
 * this limit the `unattend` command validates any file of 4 MiB or more within 9x its size; past it, a file is
 * refused as it is read (BENCHMARKS.md, round 9).
 */
export const MAX_NODES = 25_000;

/** How deep elements may nest in a file we read (the deepest documented setting is 11 elements deep). */
export const MAX_XML_DEPTH = 256;

/**
 * How deep an input may nest, counted in path steps from the document's root
 * (`settings`, pass, component, then settings and list indexes). The deepest
 * documented setting is 9 steps deep; anything past this limit is reported.
 */
export const MAX_DEPTH = 256;
