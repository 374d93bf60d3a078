/**
 * The "unattend" package's components, as TypeScript source: what @pulumi/pulumi's component
 * analyzer reads (through package.json's main, index.js -> index.ts) to write the package schema
 * that YAML, Go, Python, ... programs are typed against. index.js exports the same, compiled.
 */
export { UnattendFile } from "../components/pulumi/unattendFile";
