/**
 * The places of a parsed file (components/core/parse Locations): a trie filled
 * as components are read, each component's places in a subtree of its own,
 * linked in where the component is placed (or dropped, for a copy another
 * stands for). Whatever the route, the places read back must be those of
 * entering each path directly. fast-check prints the seed of a failure.
 */
import { expect } from "chai";
import fc from "fast-check";
import { Locations } from "../components/core/parse";
import { parseUnattend } from "../components";
import { Locations as Runs } from "../components/core/parse/read";
import { Chunked } from "../components/core/chunked";
import type { DiagnosticPath, PathSegment } from "../components/core/diagnostics";

const at = (line: number, column = 1) => ({ line, column });

describe("the places' trie (Locations)", () => {
  it("gives a subtree's places once it is linked in, and none before", () => {
    const t = new Locations();
    const root = t.detached(at(3));
    const runs = new Runs();
    runs.add(["ComputerName"], at(4, 7));
    runs.add(["RunSynchronous", "RunSynchronousCommand", 0, "Path"], at(5, 9));
    t.placeRuns(root, [runs]);
    expect(t.get(["settings", "specialize", "X"])).to.equal(undefined);
    t.attach(["settings", "specialize", "X"], root);
    expect(t.get(["settings", "specialize", "X"])).to.deep.equal(at(3));
    expect(t.get(["settings", "specialize", "X", "ComputerName"])).to.deep.equal(at(4, 7));
    expect(t.locate(["settings", "specialize", "X", "RunSynchronous", "RunSynchronousCommand", 0, "Path", "deeper"])).to.deep.equal(at(5, 9));
    t.trim();
    expect(t.size).to.equal(3);
  });

  it("copies a subtree's places into a node that exists already, later places winning", () => {
    const t = new Locations();
    t.set(["settings", "specialize", "X"], at(1));
    t.set(["settings", "specialize", "X", "A"], at(2));
    const root = t.detached(at(10));
    t.placeTree(root, Chunked.of<PathSegment>(-1, "A", 11, 1, 0, "B", 12, 1));
    t.attach(["settings", "specialize", "X"], root);
    t.trim();
    expect(t.get(["settings", "specialize", "X"])).to.deep.equal(at(10));
    expect(t.get(["settings", "specialize", "X", "A"])).to.deep.equal(at(11));
    expect(t.get(["settings", "specialize", "X", "A", "B"])).to.deep.equal(at(12));
    expect(t.size).to.equal(3);
  });

  it("drops the subtrees never linked in, whatever they hold", () => {
    const t = new Locations();
    t.set(["settings"], at(1));
    const lost = t.detached(at(2));
    t.placeTree(lost, Chunked.of<PathSegment>(-1, "A", 3, 1));
    t.trim();
    expect(t.size).to.equal(1);
    expect(t.locate(["A"])).to.equal(undefined);
  });

  it("finds each item of a long list by its index, and an index far past them", () => {
    const t = new Locations();
    // 2500 first: far past the others then (kept in the Map), inside the array's range once the others come
    t.set(["settings", "specialize", "X", "List", 2500], at(2501));
    for (let i = 0; i < 3000; i++) t.set(["settings", "specialize", "X", "List", i], at(i + 1));
    t.set(["settings", "specialize", "X", "List", 1e9], at(9));
    t.set(["settings", "specialize", "X", "List", "Name"], at(8));
    t.trim();
    for (const i of [0, 1, 1023, 1024, 2500, 2999]) expect(t.get(["settings", "specialize", "X", "List", i])).to.deep.equal(at(i + 1));
    expect(t.get(["settings", "specialize", "X", "List", 3000])).to.equal(undefined);
    expect(t.get(["settings", "specialize", "X", "List", 1e9])).to.deep.equal(at(9));
    expect(t.get(["settings", "specialize", "X", "List", "Name"])).to.deep.equal(at(8));
    expect(t.get(["settings", "specialize", "X", "List", 1.5])).to.equal(undefined);
    expect(t.size).to.equal(3002);
  });

  it("reads back what entering each path directly gives: subtrees linked in, merged or dropped, wide nodes (names, list indices) included", () => {
    // names, and list indices: many under one node (kept in a typed array), and one far past them (kept in a Map)
    const segment = fc.oneof(
      fc.constantFrom<PathSegment>("A", "B", "C", 0, 1, 2),
      fc.integer({ min: 0, max: 60 }),
      fc.constantFrom<PathSegment>(100_000, 2 ** 31 + 1),
    );
    // twelve names under one pass: a node of more than eight children (looked up through a Map) included
    const name = fc.constantFrom(...Array.from({ length: 12 }, (_, i) => `Component${i}`));
    const component = fc.record({
      base: fc.tuple(fc.constantFrom("settings", "unvalidated"), fc.constantFrom("specialize", "oobeSystem"), name),
      line: fc.integer({ min: 1, max: 1000 }),
      linked: fc.boolean(),
      entries: fc.array(fc.tuple(fc.array(segment, { minLength: 1, maxLength: 3 }), fc.integer({ min: 1, max: 1000 })), { maxLength: 40 }),
    });
    fc.assert(
      fc.property(fc.array(component, { maxLength: 30 }), fc.array(fc.array(segment, { maxLength: 4 }), { maxLength: 10 }), (components, probes) => {
        const direct = new Locations();
        const viaSubtrees = new Locations();
        const asked: DiagnosticPath[] = [];
        for (const c of components) {
          const base: PathSegment[] = [...c.base];
          const runs = new Runs();
          for (const [rel, line] of c.entries) runs.add(rel, at(line, 2));
          const root = viaSubtrees.detached(at(c.line));
          viaSubtrees.placeRuns(root, [runs]);
          if (!c.linked) continue;
          viaSubtrees.attach(base, root);
          direct.set(base, at(c.line));
          for (const [rel, line] of c.entries) direct.set(base.concat(rel), at(line, 2));
          asked.push(base);
          for (const [rel] of c.entries) asked.push(base.concat(rel));
        }
        direct.trim();
        viaSubtrees.trim();
        expect(viaSubtrees.size).to.equal(direct.size);
        for (const p of asked.concat(
          probes,
          asked.map((p) => p.concat(probes[0] ?? ["Z"])),
        )) {
          expect(viaSubtrees.get(p), String(p)).to.deep.equal(direct.get(p));
          expect(viaSubtrees.locate(p), String(p)).to.deep.equal(direct.locate(p));
        }
      }),
    );
  });

  it("places a large component's items (entered when it is placed) and those of a copy for another architecture", () => {
    const items = (arch: string) =>
      `<component name="Microsoft-Windows-DNS-Client" processorArchitecture="${arch}" publicKeyToken="31bf3856ad364e35" language="neutral" versionScope="nonSxS">
<DNSSuffixSearchOrder>
${Array.from({ length: 20000 }, (_, i) => `<DomainName wcm:action="add" wcm:keyValue="${i + 1}">d${i}.example.com</DomainName>`).join("\n")}
</DNSSuffixSearchOrder>
</component>
`;
    const file = (archs: string[]) =>
      `<?xml version="1.0" encoding="utf-8"?>
<unattend xmlns="urn:schemas-microsoft-com:unattend" xmlns:wcm="http://schemas.microsoft.com/WMIConfig/2002/State">
<settings pass="specialize">
${archs.map(items).join("")}</settings>
</unattend>
`;
    const list = ["settings", "specialize", "Microsoft-Windows-DNS-Client", "DNSSuffixSearchOrder"];
    // 20,000 items of 3 nodes each (the element and its two attributes): past the default MAX_NODES
    const one = parseUnattend(file(["amd64"]), { maxBytes: 64 << 20, maxNodes: 1_000_000 });
    // line 6 holds the first item (line 5 is <DNSSuffixSearchOrder>)
    for (const i of [0, 1, 19999]) expect(one.locations.get([...list, i])).to.deep.equal({ line: 6 + i, column: 1 });
    // the x86 copy is the same: the amd64 one stands for both, and the x86 one's places are not kept
    const two = parseUnattend(file(["amd64", "x86"]), { maxBytes: 64 << 20, maxNodes: 1_000_000 });
    expect(two.document.architectures).to.have.members(["amd64", "x86"]);
    expect(two.locations.get([...list, 19999])).to.deep.equal({ line: 6 + 19999, column: 1 });
    expect(two.locations.size).to.equal(one.locations.size);
  });
});
