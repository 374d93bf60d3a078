/**
 * Passes: what runs when. Microsoft-Windows-Deployment's Reseal and
 * Generalize, an upgrade answer file, and accounts used in audit mode before
 * the pass that creates them. Settings placed in a pass where they are not
 * read at all are reported per setting by validation (wrong-pass).
 */
import type { ComponentNode } from "../model";
import { at, child, flag, items, literal, p, pathOf, q, type View } from "./query";
import { defineRules } from "./types";

const DEPLOYMENT = "Microsoft-Windows-Deployment";

const PAGE = {
  generalize: "microsoft-windows-deployment-generalize",
  resealMode: "microsoft-windows-deployment-reseal-mode",
  upgrade: "microsoft-windows-setup-upgradedata-upgrade",
  upgradeData: "microsoft-windows-setup-upgradedata",
  localAccounts: "microsoft-windows-shell-setup-useraccounts-localaccounts",
  autologon: "microsoft-windows-shell-setup-autologon",
} as const;

function reseals(view: View) {
  return (["auditSystem", "auditUser", "oobeSystem"] as const)
    .map((pass) => ({ pass, reseal: child(view.component(pass, DEPLOYMENT), "Reseal") }))
    .filter((r) => r.reseal && !r.reseal.opaque);
}

export const PASS_RULES = defineRules([
  {
    id: "reseal-with-generalize",
    area: "passes",
    severity: "error",
    summary: "Deployment Generalize and Reseal in the same auditUser pass.",
    source: { page: PAGE.generalize, says: "Do not use Generalize together with Reseal: with both, Reseal is ignored." },
    check(view, report) {
      const c = view.component("auditUser", DEPLOYMENT);
      const gen = child(c, "Generalize");
      const reseal = child(c, "Reseal");
      if (gen && reseal) {
        report(
          reseal.path,
          `${q(reseal)} is ignored because ${p(gen)} is set in the same pass; Generalize already chooses the next mode (its Mode, Audit or OOBE). Remove Reseal, or Generalize.`,
        );
      }
    },
  },
  {
    id: "reseal-audit-user-without-mode",
    area: "passes",
    severity: "warning",
    summary: "Deployment Reseal in auditUser without Mode: Sysprep asks which mode to start.",
    source: {
      page: PAGE.resealMode,
      says: "In the auditUser pass, a Reseal without Mode shows the Sysprep window and asks the user to choose Audit or OOBE.",
    },
    judgement: "Warning: a prompt is almost certainly not meant in an unattended file.",
    check(view, report) {
      for (const { pass, reseal } of reseals(view)) {
        if (pass === "auditUser" && !child(reseal, "Mode")) {
          report(
            reseal!.path,
            `${q(reseal!)} has no Mode, so in auditUser Sysprep stops and asks whether to start audit mode or OOBE. Set ${pathOf(reseal!, "Mode")} to Audit or OOBE.`,
          );
        }
      }
    },
  },
  {
    id: "upgrade-with-other-settings",
    area: "passes",
    severity: "error",
    summary: "UpgradeData Upgrade true in a file that holds other settings.",
    source: {
      page: PAGE.upgrade,
      says: "Windows Setup supports no other unattended settings during an upgrade: the answer file must hold only the UpgradeData settings.",
    },
    also: [{ page: PAGE.upgradeData, says: "The same on the UpgradeData page." }],
    check(view, report) {
      const setup = view.component("windowsPE", "Microsoft-Windows-Setup");
      const upgrade = at(setup, "UpgradeData", "Upgrade");
      if (flag(upgrade) !== true) return;
      const others: string[] = [];
      for (const c of view.components) {
        if (c === setup) {
          for (const n of c.settings) if (n.name !== "UpgradeData") others.push(p(n));
        } else if (c.settings.length > 0) others.push(p(c));
      }
      if (others.length) {
        report(
          upgrade!.path,
          `${q(upgrade!)} is true, but the file also holds ${[...new Set(others)].slice(0, 5).join(", ")}${others.length > 5 ? `, ... (${others.length} in all)` : ""}; Windows Setup supports no other unattended settings during an upgrade. Keep an upgrade file to UpgradeData only.`,
        );
      }
    },
  },
  {
    id: "audit-autologon-account-created-later",
    area: "passes",
    severity: "error",
    summary: "AutoLogon in auditSystem names a local account that only oobeSystem creates.",
    source: { page: PAGE.localAccounts, says: "LocalAccounts are created in the pass they are given in (auditSystem or oobeSystem)." },
    also: [{ page: PAGE.autologon, says: "AutoLogon logs on with an existing local or domain account." }],
    judgement:
      "Error, from the order of the passes: audit mode (auditSystem) runs before oobeSystem, so the account does not exist yet when audit mode logs on.",
    check(view, report) {
      const audit = child(view.component("auditSystem", "Microsoft-Windows-Shell-Setup"), "AutoLogon");
      if (flag(child(audit, "Enabled")) !== true) return;
      const user = literal(child(audit, "Username"))?.toLowerCase();
      if (!user || user === "administrator" || child(audit, "Domain")) return;
      const names = (c: ComponentNode | undefined) =>
        items(at(c, "UserAccounts", "LocalAccounts")).map((i) => ({ i, n: literal(child(i, "Name"))?.toLowerCase() }));
      const inAudit = names(view.component("auditSystem", "Microsoft-Windows-Shell-Setup"));
      const inOobe = names(view.component("oobeSystem", "Microsoft-Windows-Shell-Setup"));
      const later = inOobe.find((x) => x.n === user);
      if (later && !inAudit.some((x) => x.n === user)) {
        const u = child(audit, "Username")!;
        report(
          u.path,
          `${q(u)} logs on in audit mode as "${literal(u)}", an account that only ${p(later.i)} creates, in oobeSystem, which runs after audit mode. Create the account in auditSystem's UserAccounts too, or log on as Administrator.`,
        );
      }
    },
  },
]);
