#!/usr/bin/env node
/**
 * `node scripts/api.js [--local]`: API Extractor over both entries
 * (api-extractor.json: components/index.ts; api-extractor.core.json:
 * components/pure.ts), then a check that every declaration in their reports
 * has TSDoc. API Extractor marks a public declaration or member without a doc
 * comment `(undocumented)` in its report; this fails, naming each one, so
 * that `npm run api` (in `npm run lint`) keeps the public API documented.
 *
 * Without `--local` (`npm run api`) a report that differs from api/*.md
 * fails, as `api-extractor run` does; with it (`npm run api:update`) api/*.md
 * is rewritten. Either way the reports just generated (build/api/) are the
 * ones checked, so the names come out even when api/*.md is out of date.
 */
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { Extractor, ExtractorConfig } = require("@microsoft/api-extractor");

const repo = path.resolve(__dirname, "..");
const CONFIGS = ["api-extractor.json", "api-extractor.core.json"];

/** A top-level or member declaration line of a report: its name, e.g. `ImportResult`, `secrets`, `constructor`, `"wcm:action"`. */
function declaredName(line) {
  const text = line.trim();
  const top = /^export\s+(?:declare\s+)?(?:abstract\s+)?(?:class|interface|type|function|const|let|var|enum|namespace)\s+([\w$]+)/.exec(text);
  if (top) return top[1];
  const member = text.replace(/^(?:(?:readonly|static|protected|public|abstract|declare|get|set)\s+)+/, "");
  if (member.startsWith("constructor")) return "constructor";
  if (member.startsWith("[")) return "[index]";
  if (member.startsWith("(") || member.startsWith("<")) return "(call)";
  const named = /^("[^"]*"|'[^']*'|[\w$]+)/.exec(member);
  return named ? named[1] : text;
}

/**
 * The declarations an API report marks `(undocumented)`, as dotted names
 * (`ImportResult.secrets`), each with its line in the report.
 * @param text - the report (an .api.md file) as text.
 */
function undocumented(text) {
  const lines = text.split("\n");
  const found = [];
  /** The declarations whose `{` is open: [indent, name]. */
  const open = [];
  let marked = false;
  lines.forEach((line, i) => {
    const indent = line.length - line.trimStart().length;
    const trimmed = line.trim();
    if (trimmed.startsWith("//")) {
      if (/\(undocumented\)/.test(trimmed)) marked = true;
      return;
    }
    if (trimmed === "" || trimmed.startsWith("```")) return;
    while (open.length > 0 && open[open.length - 1][0] >= indent) open.pop();
    if (/^[}\])]/.test(trimmed)) return;
    const name = declaredName(line);
    if (marked) found.push({ name: [...open.map(([, n]) => n), name].join("."), line: i + 1 });
    marked = false;
    if (trimmed.endsWith("{")) open.push([indent, name]);
  });
  return found;
}

function main() {
  const local = process.argv.includes("--local");
  let failed = false;
  const missing = [];
  for (const file of CONFIGS) {
    const config = ExtractorConfig.loadFileAndPrepare(path.join(repo, file));
    const result = Extractor.invoke(config, { localBuild: local });
    if (!result.succeeded) failed = true;
    for (const report of config.reportConfigs) {
      const generated = path.join(config.reportTempFolder, report.fileName);
      if (!fs.existsSync(generated)) continue;
      const committed = path.relative(repo, path.join(config.reportFolder, report.fileName));
      for (const d of undocumented(fs.readFileSync(generated, "utf8"))) missing.push({ report: committed, ...d });
    }
  }
  if (missing.length > 0) {
    console.error(
      `\n${missing.length} public declaration${missing.length === 1 ? " has" : "s have"} no TSDoc (API Extractor marks ${missing.length === 1 ? "it" : "them"} "(undocumented)"):`,
    );
    for (const m of missing) console.error(`  ${m.name}  (${m.report}, line ${m.line} of the report as generated)`);
    console.error("Write a /** ... */ comment above each where it is declared in components/ (inputs: with @default and @example).");
    failed = true;
  }
  if (failed) process.exitCode = 1;
}

if (require.main === module) main();

module.exports = { undocumented };
