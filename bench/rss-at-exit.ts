/**
 * Preloaded (`node -r`) into a command whose peak memory a benchmark reads (growth.bench's fresh peak: the
 * `unattend` command as it runs). At exit it writes one line to standard error: the process's peak resident
 * set, less the resident set when it started (before the command's own modules are loaded), in MiB:
 * `{"peakMiB": 61.2}`.
 */
import { writeSync } from "node:fs";

const start = process.memoryUsage().rss;
process.on("exit", () => {
  writeSync(2, `\n${JSON.stringify({ peakMiB: (process.resourceUsage().maxRSS * 1024 - start) / 2 ** 20 })}\n`);
});
