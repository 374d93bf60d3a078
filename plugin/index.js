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
// It also serves UnattendFile's state as a custom resource of this package (unattend:index:UnattendState,
// the same provider code as the dynamic resource TypeScript programs use; docs/state.md): nothing is
// serialised into the stack, and nothing is loaded from the program's folder.
// It exports nothing: run-plugin would otherwise host the exported classes a second time.
"use strict";
const pulumi = require("@pulumi/pulumi");
const { NAME, COMPONENTS, manifest, analysed, originalNames } = require("./schema");
const { PACKAGE_STATE_TYPE, serveStateFromPackage } = require("../lib/pulumi/state/resource");
const { servedState } = require("../lib/pulumi/state/served");

// every UnattendFile this provider constructs keeps its state in this package's resource
serveStateFromPackage(manifest.version);

/** The state's method for a resource's URN (urn:pulumi:stack::project::parent$type::name). */
function stateMethod(urn, method) {
  const type = urn.split("::")[2]?.split("$").pop();
  if (type !== PACKAGE_STATE_TYPE) throw new Error(`unknown resource type ${type}`);
  return servedState[method];
}

const provider = {
  version: manifest.version,
  check: (urn, olds, news) => stateMethod(urn, "check")(urn, olds, news),
  diff: (id, urn, olds, news) => stateMethod(urn, "diff")(id, urn, olds, news),
  create: (urn, inputs) => stateMethod(urn, "create")(urn, inputs),
  update: (id, urn, olds, news) => stateMethod(urn, "update")(id, urn, olds, news),
  read: (id, urn, props) => stateMethod(urn, "read")(id, urn, props),
  delete: (id, urn, props) => stateMethod(urn, "delete")(id, urn, props),
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
