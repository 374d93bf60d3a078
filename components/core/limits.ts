/**
 * The documented limits on what is read (one module without dependencies, so
 * that knowing the limits loads nothing else).
 */

/** The largest input read by default: 16 MiB (the largest real answer file we know is 117 KiB). */
export const MAX_INPUT_BYTES = 16 * 1024 * 1024;

/** How deep elements may nest in a file we read (the deepest documented setting is 11 elements deep). */
export const MAX_XML_DEPTH = 256;

/**
 * How deep an input may nest, counted in path steps from the document's root
 * (`settings`, pass, component, then settings and list indexes). The deepest
 * documented setting is 9 steps deep; anything past this limit is reported.
 */
export const MAX_DEPTH = 256;
