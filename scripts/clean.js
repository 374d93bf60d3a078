#!/usr/bin/env node
/**
 * `node scripts/clean.js DIR...`: removes compiler output folders before a
 * build, so that a file moved or deleted in the sources leaves no stale .js
 * behind (Node would still load `x.js` before `x/index.js`, and npm pack would
 * ship it). Only folders under this repository's build/ or lib/.
 */
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const repo = path.resolve(__dirname, "..");
for (const arg of process.argv.slice(2)) {
  const dir = path.resolve(repo, arg);
  const rel = path.relative(repo, dir);
  if (!/^(build|lib)([\\/]|$)/.test(rel)) throw new Error(`clean.js removes only build/ or lib/ folders, not ${arg}`);
  fs.rmSync(dir, { recursive: true, force: true });
}
