/**
 * The source-based package (plugin/): the schema that `pulumi package get-schema`
 * reads from it covers the whole catalog, typed. (The SDKs generated from it are
 * checked where programs use them: go.test.ts, python.test.ts.)
 */
import { expect } from "chai";
import * as path from "node:path";
import { PASSES, catalog, type Element } from "../../components/catalog";
import { isConfidentialDef } from "../../components/core/confidential";
import { literalsOf } from "../../tools/typegen/generate";
import { REPO } from "../helpers";
import { buildLib, cli, output, sandbox, type Sandbox } from "./support";

interface SchemaProperty {
  type?: string;
  $ref?: string;
  items?: SchemaProperty;
  additionalProperties?: SchemaProperty;
  description?: string;
  secret?: boolean;
}
interface SchemaType {
  type: string;
  properties?: Record<string, SchemaProperty>;
  enum?: { name: string; value: string | number }[];
  description?: string;
}
interface Schema {
  name: string;
  types: Record<string, SchemaType>;
  resources: Record<string, { isComponent: boolean; inputProperties: Record<string, SchemaProperty>; properties: Record<string, SchemaProperty> }>;
}

const TYPE = (name: string) => `unattend:index:${name}`;
const refName = (p: SchemaProperty) => p.$ref?.replace("#/types/", "");

describe("the unattend package (plugin/): its schema", function () {
  this.timeout(900_000);
  let sb: Sandbox | undefined;
  let schema: Schema;
  let schemaText = "";
  let bin = "";

  before(function () {
    bin = cli.ensureCli();
    if (bin === cli.minimalHostBin()) {
      console.log(
        `      (skipped: the package runs through the official Node.js host, whose source is not at ${cli.sharedDir()}/pulumi-language-nodejs)`,
      );
      this.skip();
    }
    buildLib();
    sb = sandbox(bin);
    const r = sb.pulumi(["package", "get-schema", path.join(REPO, "plugin")], sb.tmp);
    expect(r.status, output(r)).to.equal(0);
    schemaText = r.stdout;
    schema = JSON.parse(schemaText) as Schema;
  });

  after(() => sb?.remove());

  it("exposes UnattendFile with the TypeScript inputs and outputs", () => {
    expect(schema.name).to.equal("unattend");
    const r = schema.resources[TYPE("UnattendFile")];
    expect(r.isComponent).to.equal(true);
    expect(Object.keys(r.inputProperties)).to.have.members([
      "settings",
      "architectures",
      "path",
      "perArchitecture",
      "unvalidated",
      "unvalidatedPerArchitecture",
      "extras",
      "ignore",
      "media",
    ]);
    expect(Object.keys(r.properties)).to.have.members(["xml", "asset", "sha256", "changes", "path"]);
    expect(r.properties.asset.$ref).to.equal("pulumi.json#/Asset");
    expect(refName(r.inputProperties.settings)).to.equal(TYPE("UnattendSettings"));
  });

  it("types every component in every pass where it is valid, and every setting in it (no Any)", () => {
    const problems: string[] = [];
    let settings = 0;
    let enums = 0;
    const checkElements = (typeName: string, elements: Element[], where: string) => {
      const type = schema.types[typeName];
      if (!type?.properties) return void problems.push(`${where}: no object type ${typeName}`);
      const names = Object.keys(type.properties).filter((k) => k !== "wcmAction" && k !== "wcmKeyValue");
      const expected = elements.map((e) => e.name);
      if (names.sort().join() !== [...expected].sort().join())
        problems.push(`${where}: properties ${names.join(",")} instead of ${expected.join(",")}`);
      for (const el of elements) {
        const p = type.properties[el.name];
        if (!p) continue;
        settings++;
        const at = `${where}/${el.name}`;
        if (JSON.stringify(p).includes("pulumi.json#/Any")) problems.push(`${at}: Any`);
        // the confidentiality policy's credentials, and nothing else, are secrets
        const confidential = isConfidentialDef(el) || (el.kind === "list" && isConfidentialDef(el.item));
        if (confidential !== (p.secret === true)) problems.push(`${at}: ${confidential ? "not secret" : "secret"}`);
        switch (el.kind) {
          case "value": {
            const literals = literalsOf(el.type, el.allowEmpty);
            if (literals) {
              const e = schema.types[refName(p) ?? ""];
              if (!e?.enum) problems.push(`${at}: not an enum`);
              // (the analyzer lists the members in the union's order, not the object's)
              else if (
                e.enum
                  .map((m) => String(m.value))
                  .sort()
                  .join() !== literals.map(String).sort().join()
              )
                problems.push(`${at}: enum ${e.enum.map((m) => m.value).join()}`);
              else enums++;
            } else {
              const want = el.type.kind;
              if (p.type !== want) problems.push(`${at}: ${p.type} instead of ${want}`);
            }
            break;
          }
          case "password":
            if (p.type !== "string") problems.push(`${at}: a password is ${p.type ?? p.$ref}`);
            break;
          case "container":
            checkElements(refName(p) ?? "", el.children, at);
            break;
          case "list":
          case "item": {
            const item = el.kind === "list" ? el.item : el;
            if (p.type !== "array" || !p.items) problems.push(`${at}: not an array`);
            else if (item.children) checkElements(refName(p.items) ?? "", item.children, `${at}[]`);
            break;
          }
        }
      }
    };
    let components = 0;
    for (const pass of PASSES) {
      const passType = schema.types[TYPE(`${pass[0].toUpperCase()}${pass.slice(1)}Settings`)];
      for (const comp of catalog.components.filter((c) => c.passes.includes(pass))) {
        const p = passType?.properties?.[comp.name];
        if (!p) {
          problems.push(`${pass}/${comp.name}: missing`);
          continue;
        }
        components++;
        checkElements(
          refName(p) ?? "",
          comp.settings.filter((s) => !s.passes || s.passes.includes(pass)),
          `${pass}/${comp.name}`,
        );
      }
    }
    const anyProps = Object.entries(schema.types).flatMap(([name, t]) =>
      Object.entries(t.properties ?? {})
        .filter(([, p]) => JSON.stringify(p).includes("pulumi.json#/Any"))
        .map(([k]) => `${name.replace("unattend:index:", "")}.${k}`),
    );
    console.log(
      `      (schema: ${(schemaText.length / 1024).toFixed(0)} KiB, ${Object.keys(schema.types).length} types of which ` +
        `${Object.values(schema.types).filter((t) => t.enum).length} enums; ${components} component-in-pass entries, ` +
        `${settings} settings typed (${enums} of them enums), Any only in: ${anyProps.join(", ")})`,
    );
    expect(problems).to.deep.equal([]);
    expect(
      anyProps.every((p) => /^UnvalidatedArgs\.|^SettingChange\.(old|new)$/.test(p)),
      anyProps.join(),
    ).to.equal(true);
  });

  it("names no property in a way a language cannot take (wcm:action -> wcmAction) and carries the TSDoc", () => {
    const names = Object.values(schema.types).flatMap((t) => Object.keys(t.properties ?? {}));
    expect(names.filter((n) => n.includes(":"))).to.deep.equal([]);
    expect(names).to.include("wcmAction");
    // the per-pass interface, with the properties of the pass groups it extends
    const ws = schema.types[TYPE("WorkstationService_generalize")].properties!.AllowInsecureGuestAuth;
    expect(ws.description).to.contain("Allow insecure guest auth").and.contain("Valid: 0, 1.");
  });

  it("has one type per shape, named after what its places share, and enum members named after their values", () => {
    // the shape of a type: its properties' names and types (descriptions aside), its enum's values
    const shapes = new Map<string, string>();
    const shape = (name: string): string => {
      const known = shapes.get(name);
      if (known !== undefined) return known;
      const t = schema.types[name];
      if (!t) return name;
      const prop = (p: SchemaProperty): unknown => ({
        t: p.type,
        r: p.$ref?.startsWith("#/types/") ? shape(refName(p)!) : p.$ref,
        i: p.items && prop(p.items),
        a: p.additionalProperties && prop(p.additionalProperties),
        s: p.secret,
      });
      const key = JSON.stringify(
        t.enum
          ? [t.type, t.enum.map((m) => m.value)]
          : [t.type, Object.entries(t.properties ?? {}).map(([k, p]) => [k, prop(p)]), (t as { required?: string[] }).required],
      );
      shapes.set(name, key);
      return key;
    };
    const byShape = new Map<string, string[]>();
    for (const name of Object.keys(schema.types)) byShape.set(shape(name), [...(byShape.get(shape(name)) ?? []), name]);
    expect([...byShape.values()].filter((names) => names.length > 1)).to.deep.equal([]);
    // a component the same in two passes, a repeated group, an enum of repeated values: one type each
    const refs = (type: string) =>
      Object.values(schema.types)
        .flatMap((t) => Object.values(t.properties ?? {}))
        .filter((p) => refName(p.items ?? p) === TYPE(type)).length;
    expect(refs("Credentials")).to.be.at.least(5); // (9 places, some of them in shared types themselves)
    expect(refs("Int0To1")).to.be.at.least(40);
    expect(refs("TwinUI_specialize_oobeSystem")).to.equal(2);
    expect(schema.types[TYPE("Int0To1")]).to.deep.include({
      type: "number",
      enum: [
        { name: "Zero", value: 0 },
        { name: "One", value: 1 },
      ],
    });
    const ws = schema.types[TYPE("WorkstationService_generalize")].properties!.AllowInsecureGuestAuth;
    expect(refName(ws)).to.equal(TYPE("Int0To1"));
    // members that are numbers are named in words; no member is named V<n> any more
    const members = Object.values(schema.types).flatMap((t) => t.enum ?? []);
    expect(members.filter((m) => /^V\d+$/.test(m.name))).to.deep.equal([]);
    expect(members.find((m) => m.value === 16)?.name).to.equal("Sixteen");
    // integer settings are integers, credentials secrets
    const partition = schema.types[TYPE("Setup_DiskConfiguration_Disk_CreatePartition")].properties!;
    expect(partition.Order.type).to.equal("integer");
    expect(schema.types[TYPE("Credentials")].properties!.Password.secret).to.equal(true);
    expect(schema.types[TYPE("Credentials")].properties!.Username.secret).to.equal(undefined);
  });
});
