/**
 * What validating a large file keeps, and for how long (issue "trust, round
 * 3": memory): the content of an element let go is read from the text when
 * asked for (the XML reader's LazyElement) and must be what reading it whole
 * gives, to the offset, line and column (and, for a text that is not
 * well-formed, the same problem); an unvalidated component's settings, made
 * when read, must read as kept ones; values grown in chunks (Chunked) must
 * read back as an array would; what a parse returns keeps no view into the
 * file's text; names from a file must not fill the process's shared table of
 * object shapes. fast-check prints the seed of a failure.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { expect } from "chai";
import fc from "fast-check";
import { parseXml, releaseElement, setPieceSize, type XmlElement } from "../components/core/xml/reader";
import { parseUnattend, setLetGoAfter } from "../components/core/parse";
import { Chunked, Int32Chunks } from "../components/core/chunked";
import { normalize } from "../components/core/normalize";
import { renderUnattend } from "../components";
import { REPO, sharedDir } from "./helpers";

/** An element and all below it as plain data (what any reader can see of it). */
function plain(el: XmlElement): unknown {
  return {
    name: el.name,
    local: el.local,
    prefix: el.prefix,
    uri: el.uri,
    start: el.start,
    end: el.end,
    line: el.line,
    column: el.column,
    text: el.text,
    declarations: { ...el.declarations },
    attributes: el.attributes.map((a) => ({ name: a.name, local: a.local, prefix: a.prefix, uri: a.uri, value: a.value })),
    children: el.children.map(plain),
  };
}

/** Every element of a tree, parents first. */
function all(el: XmlElement, out: XmlElement[] = []): XmlElement[] {
  out.push(el);
  for (const c of el.children) all(c, out);
  return out;
}

// well-formed XML whatever the choices: names, namespace declarations (a URI with white space around it too),
// attributes short and long (shared and not), text with entities, CDATA, comments, CR LF and lone CR
const text = fc.constantFrom(
  "",
  "x",
  " a &amp; b ",
  "&lt;&#x41;&#66;&gt;",
  "\r\n  ",
  "line\rnext",
  "<![CDATA[<raw> & ]]>",
  "<!-- c -->",
  "\u00e9\u{1F600}",
  "a\u0085b\u2028c",
);
const attr = fc.oneof(
  fc.constantFrom(' a="1"', ' wcm:action="add"', ' x:k="v"', ' b="&quot;q&quot;"', ` long="${"v".repeat(70)}"`),
  fc.integer({ min: 0, max: 9999 }).map((n) => ` wcm:keyValue="${n}"`),
);
const decl = fc.constantFrom("", ' xmlns:x="urn:x"', ' xmlns:x=" urn:x2\n"', ' xmlns="urn:d"', ' xmlns:wcm="urn:w"');
interface Node {
  name: string;
  decl: string;
  attrs: string[];
  before: string;
  children: Node[];
  after: string;
  empty: boolean;
}
const node: fc.Memo<Node> = fc.memo((n) =>
  fc.record({
    name: fc.constantFrom("a", "b", "x:c", "wcm:d", "Item"),
    decl,
    attrs: fc.uniqueArray(attr, { maxLength: 3, selector: (a) => a.split("=")[0] }),
    before: text,
    children: n > 1 ? fc.array(node(n - 1), { maxLength: 4 }) : fc.constant([]),
    after: text,
    empty: fc.boolean(),
  }),
);
function xml(n: Node): string {
  const open = `<${n.name}${n.decl}${n.attrs.join("")}`;
  if (n.empty && n.children.length === 0) return `${open}/>`;
  return `${open}>${n.before}${n.children.map(xml).join("")}${n.after}</${n.name}>`;
}
const documentText = fc
  .tuple(fc.constantFrom('<?xml version="1.0"?>\n', '<?xml version="1.1"?>\r\n', ""), fc.array(node(4), { maxLength: 4 }), text)
  .map(([head, children, t]) => `${head}<root xmlns:x="urn:x" xmlns:wcm="urn:w">${t}${children.map(xml).join("\n")}</root>\n`)
  .filter((t) => parseXml(t).problem === undefined);

describe("letting go of an element's content (LazyElement)", () => {
  it("reads it again exactly as first read, wherever it is let go, and again after release", () => {
    fc.assert(
      fc.property(documentText, fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 3 }), (t, every, phase) => {
        const whole = parseXml(t);
        let opened = 0;
        // every `every`-th element met (from `phase`) let go, at any depth below the root
        const lazy = parseXml(t, undefined, () => opened++ % every === phase);
        expect(plain(lazy.root!)).to.deep.equal(plain(whole.root!));
        const elements = all(lazy.root!);
        for (const el of elements) releaseElement(el);
        expect(plain(lazy.root!)).to.deep.equal(plain(whole.root!));
      }),
      { numRuns: 300 },
    );
  });

  it("notes the same namespaces and dropped markup, and the same first problem of a text that is not well-formed", () => {
    const cut = fc.tuple(documentText, fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom("", "<", "</b>", "&", "<a x='1' x='2'>"));
    fc.assert(
      fc.property(cut, fc.integer({ min: 1, max: 3 }), ([t, at, insert], every) => {
        // the text with a piece dropped or inserted somewhere: usually not well-formed any more
        const i = Math.floor(at * t.length);
        const changed = insert === "" ? t.slice(0, i) + t.slice(i + 1) : t.slice(0, i) + insert + t.slice(i);
        const whole = parseXml(changed);
        let opened = 0;
        const lazy = parseXml(changed, undefined, () => opened++ % every === 0);
        expect(lazy.problem).to.deep.equal(whole.problem);
        expect(lazy.spacedNamespaces).to.deep.equal(whole.spacedNamespaces);
        expect(lazy.dropped).to.deep.equal(whole.dropped);
        if (!whole.problem) expect(plain(lazy.root!)).to.deep.equal(plain(whole.root!));
      }),
      { numRuns: 300 },
    );
  });

  it("reads the text given to saxes in pieces of any size as in one: the same tree, problem, namespaces and dropped markup", () => {
    const cut = fc.tuple(
      documentText,
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.constantFrom("", "<", "</b>", "&", "&amp", "\r", "<a x='1' x='2'>"),
    );
    const before = setPieceSize(1 << 16);
    try {
      fc.assert(
        fc.property(cut, fc.integer({ min: 1, max: 17 }), ([t, at, insert], piece) => {
          const i = Math.floor(at * t.length);
          const changed = insert === "" ? t : t.slice(0, i) + insert + t.slice(i);
          setPieceSize(1 << 16);
          const whole = parseXml(changed);
          setPieceSize(piece);
          const pieces = parseXml(changed);
          expect(pieces.problem).to.deep.equal(whole.problem);
          expect(pieces.spacedNamespaces).to.deep.equal(whole.spacedNamespaces);
          expect(pieces.dropped).to.deep.equal(whole.dropped);
          if (!whole.problem) expect(plain(pieces.root!)).to.deep.equal(plain(whole.root!));
        }),
        { numRuns: 300 },
      );
    } finally {
      setPieceSize(before);
    }
  });

  it("answers a list's items from their places in the text, one at a time", () => {
    const items = Array.from({ length: 500 }, (_, i) => `<Item wcm:action="add" wcm:keyValue="${i + 1}">d${i} &amp; e</Item>`).join("\r\n");
    const t = `<root xmlns:wcm="urn:w"><List>${items}</List></root>`;
    const lazy = parseXml(t, undefined, (start, ancestors) => ancestors.length === 2);
    const list = lazy.root!.children[0];
    expect(list.children).to.have.length(500);
    expect(list.children[499].text).to.equal("d499 & e");
    expect(list.children[499].line).to.equal(500);
    expect(list.children[499].attributes.map((a) => [a.uri, a.local, a.value])).to.deep.equal([
      ["urn:w", "action", "add"],
      ["urn:w", "keyValue", "500"],
    ]);
    expect(plain(lazy.root!)).to.deep.equal(plain(parseXml(t).root!));
  });

  it("gives every corpus file, fixture and hostile file the same parse, every large component's content let go or none", function () {
    this.timeout(120_000);
    const files: string[] = [];
    const walk = (d: string | undefined) => {
      if (!d || !fs.existsSync(d)) return;
      for (const f of fs.readdirSync(d)) {
        const p = path.join(d, f);
        if (fs.statSync(p).isDirectory()) walk(p);
        else if (/\.xml$/i.test(f)) files.push(p);
      }
    };
    walk(sharedDir("corpus"));
    for (const d of ["fixtures", "hostile", "golden", "mistakes"]) walk(path.join(REPO, "tests", d));
    expect(files.length).to.be.greaterThan(40);
    const view = (bytes: Buffer) => {
      const r = parseUnattend(bytes);
      const places: unknown[] = [];
      const visit = (v: unknown, p: (string | number)[]) => {
        places.push([p.join("/"), r.locations.get(p)]);
        if (v && typeof v === "object") for (const [k, c] of Object.entries(v)) visit(c, p.concat([Array.isArray(v) ? Number(k) : k]));
      };
      visit(r.document, []);
      return JSON.stringify({ document: r.document, diagnostics: r.diagnostics, extras: r.extras, places, size: r.locations.size });
    };
    const before = setLetGoAfter(0);
    try {
      for (const f of files) {
        const bytes = fs.readFileSync(f);
        setLetGoAfter(0);
        const everything = view(bytes);
        setLetGoAfter(Infinity);
        expect(everything, f).to.equal(view(bytes));
        // and the text given to saxes in pieces of 7 characters (see writeInPieces)
        const piece = setPieceSize(7);
        try {
          expect(view(bytes), f).to.equal(everything);
        } finally {
          setPieceSize(piece);
        }
      }
    } finally {
      setLetGoAfter(before);
    }
  });
});

describe("an unvalidated component's settings, made when read (normalize)", () => {
  const doc = {
    settings: { specialize: { "Microsoft-Windows-Shell-Setup": { ComputerName: "PC1" } } },
    unvalidated: {
      specialize: { "Contoso-Agent": { Server: "a.example.com", Steps: { "#children": [{ Step: "1" }, { Run: "x" }, { Step: "2" }] } } },
    },
    architectures: ["amd64", "x86"] as const,
  };
  const agent = (d: ReturnType<typeof normalize>) => d.components.filter((c) => c.name === "Contoso-Agent");

  it("reads the same as kept settings, key for key, for every architecture", () => {
    const lazy = normalize(structuredClone(doc) as never);
    const kept = normalize(structuredClone(doc) as never, { isOpaque: () => false });
    expect(agent(lazy)).to.have.length(2);
    expect(JSON.stringify(lazy)).to.equal(JSON.stringify(kept));
    expect(agent(lazy).map((c) => Object.keys(c))).to.deep.equal(agent(kept).map((c) => Object.keys(c)));
    // made anew each time, and alike; a spread (a copy for another architecture) takes them as they read
    const [c] = agent(lazy);
    expect(c.settings).not.to.equal(c.settings);
    expect(JSON.stringify(c.settings)).to.equal(JSON.stringify(c.settings));
    expect({ ...c }.settings.map((n) => n.name)).to.deep.equal(["Server", "Steps"]);
    expect(renderUnattend(structuredClone(doc) as never)).to.match(/<Step>1<\/Step>\s*<Run>x<\/Run>\s*<Step>2<\/Step>/);
  });

  it("reads one that joins a validated component into it once (its settings are then the validated component's)", () => {
    const joined = normalize({
      settings: { specialize: { "Microsoft-Windows-Shell-Setup": { ComputerName: "PC1" } } },
      unvalidated: { specialize: { "Microsoft-Windows-Shell-Setup": { Custom: "x" } } },
    });
    const [c] = joined.components;
    expect(joined.components).to.have.length(1);
    expect(c.settings).to.equal(c.settings);
    expect(c.settings.map((n) => n.name)).to.deep.equal(["ComputerName", "Custom"]);
  });

  it("keeps them when values may be known later (UnattendFile looks its unknown values up by node)", () => {
    const kept = normalize(structuredClone(doc) as never, { isOpaque: () => false });
    const [c] = agent(kept);
    expect(c.settings).to.equal(c.settings);
  });
});

describe("a list grown in chunks (Chunked)", () => {
  it("reads back as an array given the same pushes, truncations and sets", () => {
    const op = fc.oneof(
      fc.record({ push: fc.integer({ min: 1, max: 9000 }) }),
      fc.record({ truncate: fc.double({ min: 0, max: 1, noNaN: true }) }),
      fc.record({ set: fc.double({ min: 0, max: 1, noNaN: true }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 12 }), (ops) => {
        const list = new Chunked<number>();
        const model: number[] = [];
        let next = 0;
        for (const o of ops) {
          if ("push" in o) {
            for (let i = 0; i < o.push; i++) {
              list.push(next);
              model.push(next++);
            }
          } else if ("truncate" in o) {
            const n = Math.floor(o.truncate * model.length);
            list.truncate(n);
            model.length = n;
          } else if (model.length > 0) {
            const i = Math.min(model.length - 1, Math.floor(o.set * model.length));
            list.set(i, -i);
            model[i] = -i;
          }
          expect(list.length).to.equal(model.length);
        }
        expect(list.toArray()).to.deep.equal(model);
        for (let i = 0; i < model.length; i += 97) expect(list.at(i)).to.equal(model[i]);
        list.trim();
        expect(list.toArray()).to.deep.equal(model);
      }),
      { numRuns: 200 },
    );
  });
});

describe("int32 values in blocks (Int32Chunks)", () => {
  it("reads back what was set, 0 where nothing was, across blocks and far past the last value set", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat({ max: 50_000 }), fc.integer()), { maxLength: 60 }), fc.nat({ max: 60_000 }), (sets, probe) => {
        const values = new Int32Chunks();
        const model = new Map<number, number>();
        for (const [i, v] of sets) {
          values.set(i, v);
          model.set(i, v | 0);
        }
        for (const [i] of sets) expect(values.at(i)).to.equal(model.get(i));
        expect(values.at(probe)).to.equal(model.get(probe) ?? 0);
      }),
      { numRuns: 200 },
    );
  });
});

describe("what a parse keeps of the file's text", () => {
  it("keeps no string that is a view into the text (which would keep the whole text alive)", function () {
    this.timeout(60_000);
    // V8 cuts a substring of 13 characters or more as a view into the whole string; only a V8 intrinsic tells
    const script = `
      const { parseUnattend } = require(${JSON.stringify(path.join(__dirname, "../components/core/parse"))});
      const { validateUnattend } = require(${JSON.stringify(path.join(__dirname, "../components/core/document"))});
      const long = (i) => "a value long enough to be cut as a view " + i;
      const xml = '<?xml version="1.0"?><unattend xmlns="urn:schemas-microsoft-com:unattend" xmlns:wcm="http://schemas.microsoft.com/WMIConfig/2002/State">' +
        '<settings pass="offlineServicing"><component name="Contoso-Long-Component-Name" processorArchitecture="amd64"><SomeLongSettingName>' + long(1) + '</SomeLongSettingName></component></settings>' +
        '<settings pass="specialize"><component name="Microsoft-Windows-Deployment" processorArchitecture="amd64"><RunSynchronous>' +
        [2, 3].map((i) => '<RunSynchronousCommand wcm:action="add" wcm:keyValue="' + long(i) + '"><Order>' + i + '</Order><Path>' + long(i) + '</Path></RunSynchronousCommand>').join("") +
        '</RunSynchronous></component></settings><x:Note xmlns:x="urn:example-long-namespace">' + long(4) + '</x:Note></unattend>';
      const parsed = parseUnattend(xml);
      const all = [];
      const walk = (v) => { if (typeof v === "string") { if (v.length >= 13) all.push(v); } else if (v && typeof v === "object") for (const k of Object.keys(v)) { if (k.length >= 13) all.push(k); walk(v[k]); } };
      walk(parsed.document); walk(parsed.diagnostics); walk(parsed.extras); walk(validateUnattend(parsed.document).diagnostics);
      console.log("strings " + all.length);
      for (const s of all) %DebugPrint(s);
    `;
    const r = spawnSync(process.execPath, ["--allow-natives-syntax", "-e", script], { encoding: "utf8", maxBuffer: 1 << 24 });
    expect(r.status, r.stderr).to.equal(0);
    expect(Number(/strings (\d+)/.exec(r.stdout)?.[1])).to.be.greaterThan(10);
    expect(r.stdout).to.match(/STRING_TYPE/);
    expect(r.stdout).not.to.match(/SLICED/);
  });
});

describe("names from a file and the process's object shapes", () => {
  it("leaves a fresh process's shared shapes usable after reading thousands of distinct names", function () {
    this.timeout(60_000);
    // V8 stops recording new shapes of `{}` past 1,536 first property names; only a V8 intrinsic can see it
    const script = `
      const { parseUnattend } = require(${JSON.stringify(path.join(__dirname, "../components/core/parse"))});
      const { validateUnattend } = require(${JSON.stringify(path.join(__dirname, "../components/core/document"))});
      const same = (k) => { const a = {}; a[k] = 1; const b = {}; b[k] = 2; return %HaveSameMap(a, b); };
      if (!same("before")) throw new Error("shapes not shared before reading");
      const parts = [];
      for (let i = 0; i < 3000; i++) parts.push('<component name="Contoso-Tool-' + i + '" processorArchitecture="amd64"><Setting' + i + '><Value' + i + '>1</Value' + i + '></Setting' + i + '></component>');
      const xml = '<unattend xmlns="urn:schemas-microsoft-com:unattend"><settings pass="specialize">' + parts.join("") + '</settings></unattend>';
      const parsed = parseUnattend(xml);
      const diagnostics = validateUnattend(parsed.document).diagnostics;
      if (diagnostics.length < 3000) throw new Error("expected a diagnostic per unknown component");
      console.log(JSON.stringify({ afterParse: same("after1"), again: same("after2"), n: diagnostics.length }));
    `;
    const r = spawnSync(process.execPath, ["--allow-natives-syntax", "-e", script], { encoding: "utf8" });
    expect(r.status, r.stderr).to.equal(0);
    expect(JSON.parse(r.stdout.trim())).to.deep.equal({ afterParse: true, again: true, n: 3000 });
  });
});
