/** The largest input read by default: 16 MiB (the largest real answer file we know is 117 KiB). */
export const MAX_INPUT_BYTES = 16 * 1024 * 1024;
