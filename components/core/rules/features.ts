/**
 * Features of other components whose pages tie one setting to another:
 * Internet Connection Sharing, Network Load Balancing port rules and adaptive
 * brightness.
 */
import { child, flag, items, literal, p, pathOf, q } from "./query";
import { defineRules } from "./types";

const PAGE = {
  bridge: "microsoft-windows-sharedaccess-internalisbridge",
  loadWeight: "microsoft-windows-networkloadbalancing-core-clusters-cluster-portrules-portrule-loadweight",
  timeout: "microsoft-windows-networkloadbalancing-core-clusters-cluster-portrules-portrule-timeout",
  slider: "microsoft-windows-mobilepc-sensors-api-adaptivebrightness-defaultsliderposition",
} as const;

export const FEATURE_RULES = defineRules([
  {
    id: "ics-bridge-with-internal-adapter",
    area: "features",
    severity: "error",
    summary: "SharedAccess InternalIsBridge true together with InternalAdapter.",
    source: { page: PAGE.bridge, says: "With InternalIsBridge true, InternalAdapter cannot be set." },
    check(view, report) {
      const c = view.component("generalize", "Microsoft-Windows-SharedAccess");
      const bridge = child(c, "InternalIsBridge");
      const adapter = child(c, "InternalAdapter");
      if (flag(bridge) === true && adapter) {
        report(
          adapter.path,
          `${q(adapter)} cannot be set while ${p(bridge!)} is true: the internal side is the network bridge. Remove InternalAdapter, or set InternalIsBridge to false.`,
        );
      }
    },
  },
  {
    id: "ics-bridge-without-ics",
    area: "features",
    severity: "warning",
    summary: "SharedAccess InternalIsBridge true while EnableICS is not true.",
    source: { page: PAGE.bridge, says: "With InternalIsBridge true, EnableICS must also be true." },
    judgement: "Warning: the page requires it without saying what happens otherwise.",
    check(view, report) {
      const c = view.component("generalize", "Microsoft-Windows-SharedAccess");
      const bridge = child(c, "InternalIsBridge");
      const ics = child(c, "EnableICS");
      if (flag(bridge) === true && flag(ics) !== true && !(ics && flag(ics) === undefined)) {
        report(
          bridge!.path,
          `${q(bridge!)} is true, but ${ics ? p(ics) : pathOf(c!, "EnableICS")} is ${ics ? "false" : "not set (false)"}; a bridged internal adapter needs Internet Connection Sharing on. Set EnableICS to true.`,
        );
      }
    },
  },
  {
    id: "nlb-load-weight-ignored",
    area: "features",
    severity: "error",
    summary: "An NLB port rule gives LoadWeight while EqualLoad is true (the default).",
    source: {
      page: PAGE.loadWeight,
      says: "LoadWeight applies only when EqualLoad is false; with EqualLoad true every node gets the default weight of 50.",
    },
    check(view, report) {
      for (const rule of portRules(view)) {
        const weight = child(rule, "LoadWeight");
        const equal = child(rule, "EqualLoad");
        if (weight && (equal === undefined || flag(equal) === true)) {
          report(
            weight.path,
            `${q(weight)} is ignored because ${equal ? `${p(equal)} is true` : `${pathOf(rule, "EqualLoad")} is not set (true)`}: every node gets the weight 50. Set EqualLoad to false to use LoadWeight.`,
          );
        }
      }
    },
  },
  {
    id: "nlb-timeout-ignored",
    area: "features",
    severity: "error",
    summary: "An NLB port rule gives Timeout while ClientAffinity is None.",
    source: { page: PAGE.timeout, says: "Timeout applies only when ClientAffinity is Single or Network." },
    check(view, report) {
      for (const rule of portRules(view)) {
        const timeout = child(rule, "Timeout");
        const affinity = child(rule, "ClientAffinity");
        if (timeout && literal(affinity)?.toLowerCase() === "none") {
          report(
            timeout.path,
            `${q(timeout)} is ignored because ${p(affinity!)} is None; it applies only with client affinity Single or Network. Remove Timeout, or change ClientAffinity.`,
          );
        }
      }
    },
  },
  {
    id: "brightness-slider-ignored",
    area: "features",
    severity: "error",
    summary: "AdaptiveBrightness DefaultSliderPosition while IsAutobrightnessEnabledByDefault is true.",
    source: { page: PAGE.slider, says: "DefaultSliderPosition is used only when IsAutobrightnessEnabledByDefault is false." },
    check(view, report) {
      const ab = child(view.component("specialize", "Microsoft-Windows-MobilePC-Sensors-API"), "AdaptiveBrightness");
      const slider = child(ab, "DefaultSliderPosition");
      const auto = child(ab, "IsAutobrightnessEnabledByDefault");
      if (slider && flag(auto) === true) {
        report(
          slider.path,
          `${q(slider)} is ignored because ${p(auto!)} is true; the default slider position applies only when automatic brightness is off by default. Remove it, or set IsAutobrightnessEnabledByDefault to false.`,
        );
      }
    },
  },
]);

function portRules(view: import("./query").View) {
  const clusters = items(child(view.component("specialize", "Microsoft-Windows-NetworkLoadBalancing-Core"), "Clusters"));
  return clusters.flatMap((c) => items(child(c, "Portrules")));
}
