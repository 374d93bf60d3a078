// The provider of the source-based package "unattend" (see PulumiPlugin.yaml): what the Node.js
// language host runs when a YAML, Go, Python, ... program uses UnattendFile.
//
// It is what @pulumi/pulumi's componentProviderHost does (the same analyzer, schema generator and
// provider server), with two differences that componentProviderHost has no option for:
// - two attribute names that Go's code generator cannot take ("wcm:action", "wcm:keyValue": it keeps
//   the colon in the field name) are renamed in the schema (wcmAction, wcmKeyValue) and back in
//   construct, before UnattendFile sees the inputs;
// - the schema (the analysis of index.ts) is cached in a file keyed by the content of everything it
//   reads, instead of redone on every start of the plugin: measured by bench/plugin.bench.ts against
//   componentProviderHost itself, it is more than half of a start (BENCHMARKS.md).
// Like a package hosted by componentProviderHost through an index.js, it runs the compiled library
// (../lib, npm run build:lib): @pulumi/pulumi's run-plugin type-checks any TypeScript it loads.
// It exports nothing: run-plugin would otherwise host the exported classes a second time.
"use strict";
const pulumi = require("@pulumi/pulumi");
const { NAME, COMPONENTS, manifest, analysed, originalNames } = require("./schema");

const provider = {
  version: manifest.version,
  async getSchema() {
    return JSON.stringify(analysed().schema);
  },
  async construct(name, type, inputs, options) {
    const [pkg, mod, className] = type.split(":");
    const Component = COMPONENTS[className];
    if (pkg !== NAME || (mod !== "index" && mod !== "") || !Component) throw new Error(`unknown resource type ${type}`);
    const component = new Component(name, originalNames(inputs), options);
    const state = Object.fromEntries(analysed().outputs[className].map((key) => [key, component[key]]));
    return { urn: component.urn, state };
  },
};

pulumi.provider.main(provider, process.argv.slice(2));
