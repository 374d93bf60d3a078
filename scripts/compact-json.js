#!/usr/bin/env node
// Rewrites the JSON files named on the command line without whitespace. tsc re-emits an imported JSON file
// indented by four spaces: the settings catalog grows from 278 KB to 671 KB, which every process that loads it
// (the CLI, the dynamic provider, programs) reads and parses at start-up (measured: 21 ms against 12 ms).
"use strict";
const fs = require("node:fs");

for (const file of process.argv.slice(2)) {
  const text = fs.readFileSync(file, "utf8");
  const compact = JSON.stringify(JSON.parse(text));
  if (compact !== text) fs.writeFileSync(file, compact);
}
