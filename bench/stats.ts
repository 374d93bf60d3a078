/** Small timing helpers for the benchmarks (wall clock, median of batches). */

export interface Timing {
  /** Median time of one call, in microseconds. */
  medianMicros: number;
  /** Calls timed. */
  calls: number;
}

/** The middle value of `xs` (for an even count, the upper of the two middle ones); `xs` is left as it is. */
export function median(xs: readonly number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
}

/** Runs `fn` in `batches` batches of `perBatch` calls after a warm-up; median per call. */
export function time(fn: () => unknown, batches = 31, perBatch = 200): Timing {
  for (let i = 0; i < perBatch * 3; i++) fn();
  const samples: number[] = [];
  for (let b = 0; b < batches; b++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < perBatch; i++) fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1000 / perBatch);
  }
  return { medianMicros: median(samples), calls: batches * perBatch };
}

export function machine(): string {
  const os = require("node:os") as typeof import("node:os");
  return `${os.cpus()[0]?.model ?? "unknown CPU"} x${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}
