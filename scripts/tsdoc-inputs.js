#!/usr/bin/env node
/**
 * `node scripts/tsdoc-inputs.js`: lists the public input properties whose
 * TSDoc lacks `@default` (optional ones) or `@example`, from the built type
 * declarations (lib/, `npm run build:lib` first). Inputs are the properties
 * of what the exported functions and constructors of both entries
 * (lib/index.d.ts, lib/pure.d.ts) take, followed into their property types,
 * and of every exported interface or type named `...Args`, `...Options`,
 * `...Input`; types that exported functions return (ParseResult, Diagnostic,
 * WindowsImage...) are results, not inputs, even where a function takes them
 * back. Properties of components/generated/ are counted apart (tools/typegen
 * writes their TSDoc: a gap there is typegen's to fix, not settings.ts's).
 * `--all` lists every property checked. Exits 1 when one lacks a tag, so
 * `npm run api` (in `npm run lint`) keeps every input documented.
 */
"use strict";
const path = require("node:path");
const ts = require("typescript");

const repo = path.resolve(__dirname, "..");
const lib = path.join(repo, "lib") + path.sep;
const generated = path.join(lib, "generated") + path.sep;
const ENTRIES = ["lib/index.d.ts", "lib/pure.d.ts"].map((f) => path.join(repo, f));
const INPUT_NAME = /(Args|Options|Input)$/;

function main() {
  const program = ts.createProgram(ENTRIES, {
    strict: true,
    skipLibCheck: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    types: ["node"],
  });
  const checker = program.getTypeChecker();
  const seenTypes = new Set();
  /** Types reachable from what exported functions return: not inputs. */
  const results = new Set();
  function markResult(type) {
    if (!type || results.has(type)) return;
    results.add(type);
    if (type.isUnionOrIntersection()) return type.types.forEach(markResult);
    if (checker.isArrayType(type) || checker.isTupleType(type)) return checker.getTypeArguments(type).forEach(markResult);
    if (!(type.flags & ts.TypeFlags.Object)) return;
    for (const prop of type.getProperties()) {
      const decl = prop.valueDeclaration ?? prop.declarations?.[0];
      if (decl && inLib(decl)) markResult(checker.getTypeOfSymbol(prop));
    }
  }
  /** Property declarations met, by file:position: { owner, name, optional, tags, file, line }. */
  const found = new Map();
  const generatedLacking = new Set();
  const generatedSeen = new Set();

  const inLib = (decl) => path.normalize(decl.getSourceFile().fileName).startsWith(lib);

  /** @param direct - reached from a constructor or an input type by name: results are inputs too there (blocks return layers UnattendFile takes). */
  function visitType(type, direct) {
    if (!type || seenTypes.has(type) || (!direct && results.has(type))) return;
    seenTypes.add(type);
    if (type.isUnionOrIntersection()) return type.types.forEach((t) => visitType(t, direct));
    if (checker.isArrayType(type) || checker.isTupleType(type)) return checker.getTypeArguments(type).forEach((t) => visitType(t, direct));
    if (!(type.flags & ts.TypeFlags.Object)) return;
    if (type.getCallSignatures().length > 0 && type.getProperties().length === 0) return;
    const owner = checker.typeToString(type).slice(0, 60);
    for (const prop of type.getProperties()) {
      const decl = prop.valueDeclaration ?? prop.declarations?.[0];
      if (!decl || !inLib(decl)) continue;
      // a property of a result interface, met through Pick<> or Partial<> of it
      if (!direct && ts.isInterfaceDeclaration(decl.parent) && results.has(checker.getTypeAtLocation(decl.parent))) continue;
      // `name?: never`: a property that must be left out (one of several selectors given), nothing to document
      if (checker.getTypeOfSymbol(prop).flags & (ts.TypeFlags.Never | ts.TypeFlags.Undefined)) continue;
      const file = path.normalize(decl.getSourceFile().fileName);
      if (file.startsWith(generated)) {
        generatedSeen.add(`${file}:${decl.pos}`);
        const tags = prop.getJsDocTags(checker).map((t) => t.name);
        if (!tags.includes("example") || ((prop.flags & ts.SymbolFlags.Optional) !== 0 && !tags.includes("default"))) generatedLacking.add(prop.name);
        visitType(checker.getTypeOfSymbol(prop), direct);
        continue;
      }
      const key = `${file}:${decl.pos}`;
      if (!found.has(key)) {
        const parent = decl.parent && decl.parent.name ? decl.parent.name.getText() : owner;
        const line = decl.getSourceFile().getLineAndCharacterOfPosition(decl.getStart()).line + 1;
        found.set(key, {
          owner: parent,
          name: prop.name,
          optional: (prop.flags & ts.SymbolFlags.Optional) !== 0,
          documented: ts.displayPartsToString(prop.getDocumentationComment(checker)).trim() !== "",
          tags: prop.getJsDocTags(checker).map((t) => t.name),
          file: path.relative(repo, file),
          line,
        });
      }
      visitType(checker.getTypeOfSymbol(prop), direct);
    }
  }

  function visitSignature(signature, direct) {
    for (const p of signature.getParameters()) visitType(checker.getTypeOfSymbol(p), direct);
  }

  const exported = ENTRIES.flatMap((entry) =>
    checker
      .getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(entry)))
      .map((s) => (s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s)),
  );
  for (const symbol of exported) {
    const decl = symbol.valueDeclaration ?? symbol.declarations?.[0];
    if (!decl || !(symbol.flags & (ts.SymbolFlags.Function | ts.SymbolFlags.Variable))) continue;
    const type = checker.getTypeOfSymbolAtLocation(symbol, decl);
    const signatures = [...type.getCallSignatures(), ...type.getProperties().flatMap((m) => checker.getTypeOfSymbol(m).getCallSignatures())];
    for (const signature of signatures) markResult(checker.getReturnTypeOfSignature(signature));
  }
  // constructors and input types by name first (direct), then what functions take
  for (const symbol of exported) {
    const decl = symbol.valueDeclaration ?? symbol.declarations?.[0];
    if (!decl) continue;
    const isError = (t) => t.getSymbol()?.name === "Error" || (t.isClassOrInterface() && (checker.getBaseTypes(t) ?? []).some(isError));
    // an error's constructor takes results (UnattendValidationError: diagnostics)
    if (symbol.flags & ts.SymbolFlags.Class && !isError(checker.getDeclaredTypeOfSymbol(symbol))) {
      for (const signature of checker.getTypeOfSymbolAtLocation(symbol, decl).getConstructSignatures()) visitSignature(signature, true);
    }
    if (symbol.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias) && INPUT_NAME.test(symbol.name)) {
      visitType(checker.getDeclaredTypeOfSymbol(symbol), true);
    }
  }
  for (const symbol of exported) {
    const decl = symbol.valueDeclaration ?? symbol.declarations?.[0];
    if (!decl || !(symbol.flags & (ts.SymbolFlags.Function | ts.SymbolFlags.Variable))) continue;
    const type = checker.getTypeOfSymbolAtLocation(symbol, decl);
    // an object of functions (diskLayout.uefi, commands.*): each member's parameters too
    const signatures = [...type.getCallSignatures(), ...type.getProperties().flatMap((m) => checker.getTypeOfSymbol(m).getCallSignatures())];
    for (const signature of signatures) visitSignature(signature, false);
  }

  const missing = [...found.values()]
    .map((p) => ({
      ...p,
      lacks: [!p.documented && "TSDoc", p.optional && !p.tags.includes("default") && "@default", !p.tags.includes("example") && "@example"].filter(
        Boolean,
      ),
    }))
    .filter((p) => p.lacks.length > 0)
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  if (process.argv.includes("--all"))
    for (const p of found.values()) console.log(`checked ${p.file}:${p.line}  ${p.owner}.${p.name}${p.optional ? "?" : ""}  ${p.tags.join(" ")}`);
  const source = (file) => file.replace(/^lib([\\/])/, "components$1").replace(/\.d\.ts$/, ".ts");
  for (const p of missing) {
    console.log(`${p.owner}.${p.name}${p.optional ? "?" : ""} lacks ${p.lacks.join(", ")}  (${source(p.file)}; ${p.file}:${p.line})`);
  }
  console.log(`${found.size} input properties outside generated/ checked, ${missing.length} lacking a tag.`);
  console.log(
    `generated/: ${generatedSeen.size} input properties, ${generatedLacking.size} lacking @default or @example${generatedLacking.size ? `: ${[...generatedLacking].join(", ")}` : ""}.`,
  );
  if (missing.length > 0 || generatedLacking.size > 0) process.exitCode = 1;
}

main();
