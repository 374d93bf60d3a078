#!/usr/bin/env node
/**
 * `npm run up`: the main job. `pulumi up --yes` of this repo's program
 * (index.ts, run as TypeScript by the Node.js language host) on the dev stack,
 * on a local file:// backend, then prints the rendered unattend.xml.
 */
"use strict";
const { run } = require("./pulumi");

function step(args) {
  const status = run(args);
  if (status !== 0) process.exit(status);
}

const stack = process.env.PULUMI_STACK || "dev";
if (run(["stack", "select", stack], { stdio: ["ignore", "ignore", "ignore"] }) !== 0) {
  step(["stack", "init", stack]);
}
step(["up", "--yes", "--stack", stack, ...process.argv.slice(2)]);
step(["stack", "output", "xml", "--show-secrets", "--stack", stack]);
