/**
 * The committed settings catalog (components/catalog/catalog.json): known
 * entries, structural rules, and that regenerating it from the reference
 * gives the same bytes.
 */
import { expect } from "chai";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Catalog, CatalogComponent, Element } from "../components/catalog/types";
import { checkCatalog } from "../tools/catalog/check";
import { defaultReferenceDir, generate, repoRoot } from "../tools/catalog/generate";

const ROOT = repoRoot();
const CATALOG_FILE = path.join(ROOT, "components", "catalog", "catalog.json");
const committedText = fs.readFileSync(CATALOG_FILE, "utf8");
const catalog = JSON.parse(committedText) as Catalog;

function component(name: string): CatalogComponent {
  const c = catalog.components.find((x) => x.name === name);
  if (!c) throw new Error(`component ${name} not in the catalog`);
  return c;
}

function child(parent: CatalogComponent | Element, name: string): Element {
  const list: Element[] =
    "settings" in parent
      ? parent.settings
      : parent.kind === "container"
        ? parent.children
        : parent.kind === "list"
          ? [parent.item]
          : parent.kind === "item"
            ? (parent.children ?? [])
            : [];
  const e = list.find((x) => x.name === name);
  if (!e) throw new Error(`${parent.name} has no child ${name}`);
  return e;
}

function walk(e: Element, visit: (e: Element, siblings: Element[]) => void, siblings: Element[]) {
  visit(e, siblings);
  const kids = e.kind === "container" ? e.children : e.kind === "item" ? (e.children ?? []) : e.kind === "list" ? [e.item] : [];
  for (const k of kids) walk(k, visit, kids);
}

describe("settings catalog", () => {
  it("conforms to the Catalog contract (self-check)", () => {
    const { errors, elements } = checkCatalog(catalog);
    expect(errors).to.deep.equal([]);
    expect(elements).to.be.greaterThan(1000);
  });

  it("is 2-space JSON with a trailing newline", () => {
    expect(committedText).to.equal(`${JSON.stringify(catalog, null, 2)}\n`);
  });

  it("has about 82 components, sorted by name", () => {
    expect(catalog.components.length).to.be.within(78, 86);
    const names = catalog.components.map((c) => c.name);
    const sorted = [...names].sort((a, b) => {
      const x = a.toLowerCase();
      const y = b.toLowerCase();
      return x !== y ? (x < y ? -1 : 1) : a < b ? -1 : a > b ? 1 : 0;
    });
    expect(names).to.deep.equal(sorted);
    for (const n of names) expect(n, n).to.match(/^[A-Za-z][\w.-]*[A-Za-z0-9]$/);
  });

  it("knows WorkstationService/AllowInsecureGuestAuth: generalize only, integer 0..1", () => {
    const ws = component("Microsoft-Windows-WorkstationService");
    const e = child(ws, "AllowInsecureGuestAuth");
    expect(e.kind).to.equal("value");
    expect(e.passes).to.deep.equal(["generalize"]);
    if (e.kind !== "value") return;
    expect(e.type).to.deep.equal({ kind: "integer", min: 0, max: 1 });
    expect(e.default).to.equal("0");
    expect(e.page).to.equal("microsoft-windows-workstationservice-allowinsecureguestauth");
  });

  it("knows Shell-Setup UserAccounts/LocalAccounts: a list of LocalAccount items", () => {
    const ua = child(component("Microsoft-Windows-Shell-Setup"), "UserAccounts");
    const la = child(ua, "LocalAccounts");
    expect(la.kind).to.equal("list");
    if (la.kind !== "list") return;
    expect(la.item.name).to.equal("LocalAccount");
    expect(la.item.kind).to.equal("item");
    const names = (la.item.children ?? []).map((c) => c.name);
    expect(names).to.include.members(["Name", "Group", "Password"]);
    expect(child(la.item, "Password")).to.include({ kind: "password", suffix: "Password" });
  });

  it("knows Deployment RunSynchronous: a list keyed by Order", () => {
    const rs = child(component("Microsoft-Windows-Deployment"), "RunSynchronous");
    expect(rs.kind).to.equal("list");
    if (rs.kind !== "list") return;
    expect(rs.item.name).to.equal("RunSynchronousCommand");
    expect(rs.item.key).to.deep.equal({ kind: "child", name: "Order" });
    const order = child(rs.item, "Order");
    expect(order.kind).to.equal("value");
    if (order.kind === "value") expect(order.type).to.deep.equal({ kind: "integer", min: 1, max: 500 });
  });

  it("knows UserAccounts/AdministratorPassword: a password with suffix AdministratorPassword", () => {
    const ua = child(component("Microsoft-Windows-Shell-Setup"), "UserAccounts");
    expect(child(ua, "AdministratorPassword")).to.include({ kind: "password", suffix: "AdministratorPassword" });
  });

  it("models Key/Value pages as wcm:keyValue text items (DNS DomainName)", () => {
    const order = child(component("Microsoft-Windows-DNS-Client"), "DNSSuffixSearchOrder");
    expect(order.kind).to.equal("list");
    if (order.kind !== "list") return;
    expect(order.item).to.include({ name: "DomainName", kind: "item" });
    expect(order.item.key).to.deep.equal({ kind: "keyValue" });
    expect(order.item.type).to.deep.equal({ kind: "string" });
    expect(order.item.children).to.equal(undefined);
  });

  it("has no duplicate names among siblings", () => {
    for (const c of catalog.components) {
      const top = c.settings.map((s) => s.name);
      expect(new Set(top).size, c.name).to.equal(top.length);
      for (const s of c.settings)
        walk(
          s,
          (e) => {
            const kids = e.kind === "container" ? e.children : e.kind === "item" ? (e.children ?? []) : [];
            const names = kids.map((k) => k.name);
            expect(new Set(names).size, `${c.name}/${e.name}`).to.equal(names.length);
          },
          c.settings,
        );
    }
  });

  it("gives every top-level setting its passes, and components the union of them", () => {
    for (const c of catalog.components) {
      const union = new Set<string>();
      for (const s of c.settings) {
        expect(s.passes, `${c.name}/${s.name}`).to.be.an("array").that.is.not.empty;
        s.passes!.forEach((p) => union.add(p));
      }
      expect([...union].sort(), c.name).to.deep.equal([...c.passes].sort());
    }
  });

  it("keeps summaries short and single-line", () => {
    for (const c of catalog.components) {
      expect(c.summary.length, c.name).to.be.within(1, 100);
      for (const s of c.settings) walk(s, (e) => expect(e.summary.length, `${c.name}/${e.name}`).to.be.within(1, 100), []);
    }
  });

  it("regenerates byte-for-byte from ../shared/unattend-reference", function () {
    const dir = defaultReferenceDir();
    if (!fs.existsSync(dir)) {
      console.log(`      (skipped: reference folder ${dir} not present)`);
      this.skip();
    }
    this.timeout(120000);
    const r = generate(dir);
    expect(r.selfCheck).to.deep.equal([]);
    expect(r.unappliedOverrides.map((o) => o.page)).to.deep.equal([]);
    expect(r.json === committedText, "catalog.json is out of date: run node build/tools/catalog/generate.js").to.equal(true);
  });
});
