/**
 * The committed settings catalog (components/catalog/catalog.json): known
 * entries, structural rules, and that regenerating it from the reference
 * gives the same bytes.
 */
import { expect } from "chai";
import fc from "fast-check";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Catalog, CatalogComponent, Element, ListKey, ValueType } from "../components/catalog/types";
import { findComponentIgnoringCase, formatListKey } from "../components/catalog";
import { UNLISTED } from "../components/catalog/unlisted";
import { checkCatalog } from "../tools/catalog/check";
import { defaultReadmeFile, defaultReferenceDir, expectedReadme, generate, repoRoot } from "../tools/catalog/generate";
import { digitForm } from "../tools/catalog/enrich";
import { credentialRule } from "../tools/catalog/sensitive";

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

/** Every element of the catalog with its path "Component/A/B" and parent. */
function allElements(): { el: Element; path: string; parent?: Element }[] {
  const out: { el: Element; path: string; parent?: Element }[] = [];
  const rec = (el: Element, p: string, parent?: Element) => {
    const here = `${p}/${el.name}`;
    out.push({ el, path: here, parent });
    const kids = el.kind === "container" ? el.children : el.kind === "item" ? (el.children ?? []) : el.kind === "list" ? [el.item] : [];
    for (const k of kids) rec(k, here, el);
  };
  for (const c of catalog.components) for (const s of c.settings) rec(s, c.name);
  return out;
}

function at(p: string): Element {
  const hit = allElements().find((x) => x.path === p);
  if (!hit) throw new Error(`no catalog element ${p}`);
  return hit.el;
}

/** Does a value type accept a text (the subset of validation the catalog facts need)? */
function accepts(t: ValueType, text: string): boolean {
  switch (t.kind) {
    case "integer":
      return /^-?\d+$/.test(text) && (t.min === undefined || Number(text) >= t.min) && (t.max === undefined || Number(text) <= t.max);
    case "string":
      return (t.pattern === undefined || new RegExp(`^(?:${t.pattern})$`).test(text)) && (t.maxLength === undefined || text.length <= t.maxLength);
    case "enum":
      return t.values.includes(text);
    case "boolean":
      return text === "true" || text === "false";
  }
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
    expect(rs.item.key).to.deep.equal({ kind: "child", name: "Order", min: 1, max: 500 });
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
        expect(s.passes, `${c.name}/${s.name}`).to.be.an("array").with.length.greaterThan(0);
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

  it("regenerates byte-for-byte from ../shared/unattend-reference, with every rule hit reviewed", function () {
    const dir = defaultReferenceDir();
    if (!fs.existsSync(dir)) {
      console.log(`      (skipped: reference folder ${dir} not present)`);
      this.skip();
    }
    this.timeout(120000);
    const r = generate(dir);
    expect(r.selfCheck).to.deep.equal([]);
    expect(r.unappliedOverrides.map((o) => o.page)).to.deep.equal([]);
    expect(r.facts.problems).to.deep.equal([]);
    expect(r.json === committedText, "catalog.json is out of date: run node build/tools/catalog/generate.js").to.equal(true);
    const readme = fs.readFileSync(defaultReadmeFile(), "utf8");
    expect(expectedReadme(r, readme) === readme, "components/catalog/README.md is out of date: run node build/tools/catalog/generate.js").to.equal(
      true,
    );
    // The empty-value search finds the example, and every hit is either applied or rejected with a reason.
    expect(r.facts.empty.hits.map((h) => h.page)).to.include("microsoft-windows-unattendedjoin-identification-timeoutperiodinminutes");
    expect(r.facts.empty.hits.length).to.equal(r.facts.empty.applied.length + r.facts.empty.rejected.length);
  });
});

describe("settings catalog: credentials and confidential values", () => {
  // The count: five Value/PlainText passwords, ten Credentials/Password, MachinePassword, FaxUserPassword.
  const EXPECTED_CREDENTIALS = [
    "Microsoft-Windows-Deployment/RunAsynchronous/RunAsynchronousCommand/Credentials/Password",
    "Microsoft-Windows-Deployment/RunSynchronous/RunSynchronousCommand/Credentials/Password",
    "Microsoft-Windows-Fax-Service/Receipts/FaxUserPassword",
    "Microsoft-Windows-PnpCustomizationsNonWinPE/DriverPaths/PathAndCredentials/Credentials/Password",
    "Microsoft-Windows-PnpCustomizationsWinPE/DriverPaths/PathAndCredentials/Credentials/Password",
    "Microsoft-Windows-Setup/ImageInstall/DataImage/InstallFrom/Credentials/Password",
    "Microsoft-Windows-Setup/ImageInstall/OSImage/InstallFrom/Credentials/Password",
    "Microsoft-Windows-Setup/RunAsynchronous/RunAsynchronousCommand/Credentials/Password",
    "Microsoft-Windows-Setup/RunSynchronous/RunSynchronousCommand/Credentials/Password",
    "Microsoft-Windows-Setup/WindowsDeploymentServices/Login/Credentials/Password",
    "Microsoft-Windows-Shell-Setup/AutoLogon/Password",
    "Microsoft-Windows-Shell-Setup/OfflineUserAccounts/OfflineAdministratorPassword",
    "Microsoft-Windows-Shell-Setup/OfflineUserAccounts/OfflineLocalAccounts/LocalAccount/Password",
    "Microsoft-Windows-Shell-Setup/UserAccounts/AdministratorPassword",
    "Microsoft-Windows-Shell-Setup/UserAccounts/LocalAccounts/LocalAccount/Password",
    "Microsoft-Windows-UnattendedJoin/Identification/Credentials/Password",
    "Microsoft-Windows-UnattendedJoin/Identification/MachinePassword",
  ];

  it("marks exactly the 17 credentials of the reference as sensitive", () => {
    const marked = allElements()
      .filter((x) => x.el.sensitive)
      .map((x) => x.path)
      .sort();
    expect(marked).to.deep.equal([...EXPECTED_CREDENTIALS].sort());
    expect(marked.length).to.equal(17);
  });

  it("agrees with the rule everywhere: sensitive if and only if the credential rule says so", () => {
    for (const { el, path: p } of allElements()) expect(!!el.sensitive, p).to.equal(credentialRule(el) !== undefined);
  });

  it("keeps the five Value/PlainText passwords of kind password; the other twelve are text values", () => {
    const kinds = EXPECTED_CREDENTIALS.map((p) => at(p).kind);
    expect(kinds.filter((k) => k === "password").length).to.equal(5);
    expect(kinds.filter((k) => k === "value").length).to.equal(12);
  });

  it("has exactly one credential in every Credentials block", () => {
    const blocks = allElements().filter((x) => x.el.name === "Credentials");
    expect(blocks.length).to.equal(10);
    for (const b of blocks) {
      if (b.el.kind !== "container") throw new Error(`${b.path} is not a container`);
      expect(
        b.el.children.filter((c) => c.sensitive).map((c) => c.name),
        b.path,
      ).to.deep.equal(["Password"]);
    }
  });

  it("marks the reviewed confidential candidates, never together with sensitive", () => {
    const conf = Object.fromEntries(
      allElements()
        .filter((x) => x.el.confidential)
        .map((x) => [x.path, x.el.confidential]),
    );
    expect(conf).to.deep.equal({
      "Microsoft-Windows-Setup/UserData/ProductKey/Key": "value",
      "Microsoft-Windows-Shell-Setup/ProductKey": "value",
      "Microsoft-Windows-SNMP-Agent-Service/TrapConfiguration/TrapConfigurationItems/Community_Name": "value",
      "Microsoft-Windows-SNMP-Agent-Service/ValidCommunities/ValidCommunity": "key",
      "Microsoft-Windows-UnattendedJoin/Identification/Provisioning/AccountData": "value",
      "Microsoft-Windows-UnattendedJoin/OfflineIdentification/Provisioning/AccountData": "value",
    });
    for (const { el, path: p } of allElements()) expect(!!(el.sensitive && el.confidential), p).to.equal(false);
    const vc = at("Microsoft-Windows-SNMP-Agent-Service/ValidCommunities/ValidCommunity");
    expect(vc.kind === "item" && vc.key).to.deep.equal({ kind: "keyValue" });
  });

  it("leaves Credentials/Username and Domain unmarked (identities, not secrets)", () => {
    let n = 0;
    for (const { el, path: p } of allElements())
      if (/\/Credentials\/(Username|UserName|Domain)$/.test(p)) {
        expect(el.sensitive ?? el.confidential, p).to.equal(undefined);
        n++;
      }
    expect(n).to.equal(20);
  });
});

describe("settings catalog: documented empty values", () => {
  it("accepts an empty TimeoutPeriodInMinutes and says it means 15 minutes", () => {
    const e = at("Microsoft-Windows-UnattendedJoin/Identification/TimeoutPeriodInMinutes");
    expect(e).to.include({ kind: "value", allowEmpty: true });
    if (e.kind === "value") expect(e.emptyMeaning).to.match(/15 minutes/);
  });

  it("gives a meaning only with allowEmpty, only to values and passwords, as one short sentence", () => {
    const withMeaning = allElements().filter((x) => "emptyMeaning" in x.el);
    expect(withMeaning.length).to.equal(10);
    for (const { el, path: p } of withMeaning) {
      expect(["value", "password"], p).to.include(el.kind);
      if (el.kind === "value") expect(el.allowEmpty, p).to.equal(true);
      const m = (el as { emptyMeaning?: string }).emptyMeaning!;
      expect(m, p).to.match(/^[A-Z].*\.$/);
      expect(m.length, p).to.be.at.most(200);
    }
  });

  it("keeps empty an error where no page gives it a meaning (credentials, product key)", () => {
    for (const p of ["Microsoft-Windows-UnattendedJoin/Identification/Credentials/Password", "Microsoft-Windows-Setup/UserData/ProductKey/Key"])
      expect((at(p) as { allowEmpty?: boolean }).allowEmpty, p).to.equal(undefined);
  });
});

describe("settings catalog: list key forms", () => {
  it("writes RegionalOverride Order with three digits, 001 to 199", () => {
    const ro = at("Microsoft-Windows-Shell-Setup/StartTiles/RegionalOverrides/RegionalOverride");
    expect(ro.kind === "item" && ro.key).to.deep.equal({ kind: "child", name: "Order", min: 1, max: 199, width: 3 });
    const key = (ro as { key: ListKey }).key;
    expect(formatListKey(key, 1)).to.equal("001");
    expect(formatListKey(key, 42)).to.equal("042");
    expect(formatListKey(key, 199)).to.equal("199");
    expect(formatListKey(key, 0)).to.equal(undefined);
    expect(formatListKey(key, 200)).to.equal(undefined);
    expect(formatListKey({ kind: "keyValue" }, 1)).to.equal(undefined);
  });

  it("reads the digit form from a page's wording, and nothing from a plain range", () => {
    expect(digitForm("This value must be a three-digit integer between 001 and 199: 001, 002")).to.deep.equal({ width: 3, min: 1, max: 199 });
    expect(digitForm("Order is an integer between 1 and 500.")).to.equal(undefined);
  });

  it("property: every key number in range is written in a form its key child's type accepts, and only in that form", () => {
    const keyed = allElements().filter(
      (x) => x.el.kind === "item" && x.el.key?.kind === "child" && (x.el.key.min !== undefined || x.el.key.width !== undefined),
    );
    expect(keyed.length).to.equal(7);
    for (const { el, path: p } of keyed) {
      if (el.kind !== "item" || el.key?.kind !== "child") continue;
      const key = el.key;
      const child = (el.children ?? []).find((c) => c.name === key.name);
      if (!child || child.kind !== "value") throw new Error(`${p}: key child missing`);
      const lo = key.min ?? 1;
      const hi = key.max ?? lo + 10000;
      fc.assert(
        fc.property(fc.integer({ min: lo, max: hi }), (n) => {
          const text = formatListKey(key, n);
          expect(text, `${p} ${n}`).to.be.a("string");
          expect(accepts(child.type, text!), `${p} accepts ${text}`).to.equal(true);
          if (String(n) !== text) expect(accepts(child.type, String(n)), `${p} refuses ${n}`).to.equal(false);
        }),
        { numRuns: 300 },
      );
      fc.assert(
        fc.property(fc.integer({ min: -1000, max: lo - 1 }), (n) => formatListKey(key, n) === undefined),
        { numRuns: 50 },
      );
    }
  });
});

describe("settings catalog: component spellings", () => {
  it("uses the spelling Windows SIM writes and records the other case-only spellings", () => {
    const cases: [string, string][] = [
      ["Microsoft-Windows-PowerCPL", "Microsoft-Windows-powercpl"],
      ["Microsoft-Windows-Tpm-Tasks", "Microsoft-Windows-TPM-Tasks"],
      ["Microsoft-Windows-WLANSVC", "Microsoft-Windows-Wlansvc"],
      ["Microsoft-Windows-WWANUI", "Microsoft-Windows-WwanUI"],
      ["Microsoft-Windows-SQMAPI", "Microsoft-Windows-SQMApi"],
      ["Microsoft-Windows-STObject", "Microsoft-Windows-stobject"],
    ];
    for (const [variant, spelling] of cases) {
      expect(component(spelling).caseVariants, spelling).to.include(variant);
      expect(findComponentIgnoringCase(variant)).to.deep.include({ variant: true, known: true });
      expect(findComponentIgnoringCase(variant)!.component.name).to.equal(spelling);
      expect(findComponentIgnoringCase(spelling)).to.deep.include({ variant: false, known: true });
    }
    expect(findComponentIgnoringCase("MICROSOFT-WINDOWS-POWERCPL")).to.deep.include({ variant: true, known: false });
    expect(findComponentIgnoringCase("Microsoft-Windows-NoSuchThing")).to.equal(undefined);
  });

  it("keeps every case variant a case-only spelling of its own component", () => {
    const lower = new Set<string>();
    for (const c of catalog.components) {
      expect(lower.has(c.name.toLowerCase()), c.name).to.equal(false);
      lower.add(c.name.toLowerCase());
      for (const v of c.caseVariants ?? []) {
        expect(v.toLowerCase(), v).to.equal(c.name.toLowerCase());
        expect(v, v).to.not.equal(c.name);
      }
    }
  });
});

describe("settings catalog: settings real files use that the reference lacks (unlisted.ts)", () => {
  it("lists only settings the catalog lacks, each with passes, what it is known for and where it was seen", () => {
    expect(UNLISTED.length).to.be.at.least(5);
    for (const u of UNLISTED) {
      const where = `${u.component}/${u.path.join("/")}`;
      expect(
        allElements().some((x) => x.path.toLowerCase() === where.toLowerCase()),
        where,
      ).to.equal(false);
      expect(u.passes.length, where).to.be.at.least(1);
      expect(u.knownFor, where).to.match(/Windows/);
      expect(u.seenIn.length, where).to.be.at.least(1);
    }
    expect(UNLISTED.map((u) => u.path.join("/"))).to.include.members(["OOBE/SkipMachineOOBE", "OOBE/SkipUserOOBE", "ConfigureChatAutoInstall"]);
  });

  it("names files of ../shared/corpus that do contain the setting, with the values said", function () {
    const corpus = path.resolve(ROOT, "..", "shared", "corpus");
    if (!fs.existsSync(corpus)) {
      console.log(`      (skipped: ${corpus} not present)`);
      this.skip();
    }
    const files = fs.readdirSync(corpus);
    let checked = 0;
    for (const u of UNLISTED)
      for (const s of u.seenIn) {
        const m = /^corpus (\d{3}) /.exec(s.file);
        if (!m) continue;
        const file = files.find((f) => f.startsWith(`${m[1]}-`));
        expect(file, s.file).to.be.a("string");
        const text = fs.readFileSync(path.join(corpus, file!), "utf8");
        const leaf = u.path[u.path.length - 1];
        expect(text.includes(`<${leaf}>`), `${s.file} has <${leaf}>`).to.equal(true);
        if (u.path.length === 1 && !/^Microsoft-Windows-Shell-Setup$/.test(u.component))
          expect(text.includes(`name="${u.component}"`), `${s.file} names ${u.component}`).to.equal(true);
        for (const v of s.values ?? []) expect(text.includes(`<${leaf}>${v}</${leaf}>`), `${s.file}: <${leaf}>${v}`).to.equal(true);
        if (s.pass) {
          // The pass the entry names is the <settings> the element sits in (or none).
          const i = text.indexOf(`<${leaf}>`);
          const open = text.lastIndexOf("<settings ", i);
          const inside = open >= 0 && text.lastIndexOf("</settings>", i) < open;
          const pass = inside ? /pass="([^"]+)"/.exec(text.slice(open, open + 100))?.[1] : "outside <settings>";
          expect(pass, `${s.file}: pass of <${leaf}>`).to.equal(s.pass);
        }
        checked++;
      }
    expect(checked).to.be.at.least(10);
  });
});
