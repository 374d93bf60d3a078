/**
 * Architectures: a component declared for an architecture that the rest of
 * the file does not target (an `x86` component copied into an `amd64` file).
 * Windows Setup applies a component only to an image of its
 * processorArchitecture, so its settings are never applied.
 */
import type { ComponentNode } from "../model";
import { defineRules } from "./types";

const PAGE = { components: "components-b-unattend" } as const;

/** The top-level setting names of a component, for comparing two architectures' copies. */
function names(c: ComponentNode): Set<string> {
  return new Set(c.settings.map((s) => s.name));
}

export const ARCHITECTURE_RULES = defineRules([
  {
    id: "component-for-other-architecture",
    area: "architectures",
    severity: "warning",
    summary: "A component declared only for an architecture that the file's other components do not target (an x86 component in an amd64 file).",
    source: {
      page: PAGE.components,
      says: "Whether a component applies depends on the image being built: Windows SIM shows the components of the image loaded, and each component page lists the architectures it supports.",
    },
    judgement:
      "Warning: Windows Setup applies a component only to an image of its processorArchitecture, so settings that exist only in an x86 component of a file whose components are otherwise amd64 are ignored on the amd64 image (seen in public files: RDP settings of a Server file, ComputerName of a desktop file).",
    check(view, report) {
      const targets = view.declared.filter((a) => a !== view.architecture);
      if (view.declared.includes(view.architecture) || targets.length === 0) return;
      // wow64 components are the 32-bit side of a 64-bit image: Windows Setup applies them with amd64 (and arm64) ones
      if (view.architecture === "wow64" && targets.some((a) => a === "amd64" || a === "arm64")) return;
      const others = view.all.filter((c) => targets.includes(c.architecture));
      if (others.length === 0) return;
      for (const c of view.components) {
        if (!c.fixedArchitecture || c.settings.length === 0) continue;
        const twin = others.find((o) => o.pass === c.pass && o.name === c.name);
        const there = twin ? names(twin) : new Set<string>();
        const lost = [...names(c)].filter((n) => !there.has(n));
        if (lost.length === 0) continue;
        const list = lost.length > 4 ? `${lost.slice(0, 4).join(", ")} and ${lost.length - 4} more` : lost.join(", ");
        const target = targets.join(" and ");
        report(
          c.path,
          `"${c.name}" is declared for ${view.architecture} only (processorArchitecture="${view.architecture}"), but the file's other components are for ${target}: Windows Setup on an ${target} image ignores it, so ${list} ${lost.length > 1 ? "are" : "is"} never applied. Declare ${twin ? "these settings in the" : "the component with"} processorArchitecture="${targets[0]}"${twin ? ` component "${c.name}" of the ${c.pass} pass` : ""}, or give the file's components for ${view.architecture} too.`,
        );
      }
    },
  },
]);
