/**
 * renderUnattend + validateUnattend against building the same tree with
 * xmlbuilder2 alone (no normalisation, no validation): median per call, and
 * the ratio, in one run.   npm run bench
 */
import { create } from "xmlbuilder2";
import { renderUnattend, validateUnattend, type UnattendDocument } from "../components";
import { PUBLIC_KEY_TOKEN, UNATTEND_NS, WCM_NS, XSI_NS } from "../components/core/names";
import { machine, time } from "./stats";

const seed: UnattendDocument = {
  settings: { generalize: { "Microsoft-Windows-WorkstationService": { AllowInsecureGuestAuth: 1 } } },
};

function xmlbuilderOnly(): string {
  const root = create({ version: "1.0", encoding: "utf-8" }).ele(UNATTEND_NS, "unattend");
  root
    .ele("settings", { pass: "generalize" })
    .ele("component", {
      name: "Microsoft-Windows-WorkstationService",
      processorArchitecture: "amd64",
      publicKeyToken: PUBLIC_KEY_TOKEN,
      language: "neutral",
      versionScope: "nonSxS",
      "xmlns:wcm": WCM_NS,
      "xmlns:xsi": XSI_NS,
    })
    .ele("AllowInsecureGuestAuth")
    .txt("1");
  return root.end({ prettyPrint: true, indent: "    ", allowEmptyTags: true }) + "\n";
}

if (xmlbuilderOnly() !== renderUnattend(seed)) throw new Error("baseline does not build the same document");

const ours = time(() => {
  validateUnattend(seed);
  renderUnattend(seed);
});
const render = time(() => renderUnattend(seed));
const validate = time(() => validateUnattend(seed));
const baseline = time(xmlbuilderOnly);

console.log(`machine: ${machine()}`);
console.log(`date: ${new Date().toISOString().slice(0, 10)}`);
console.log(`seed document (1 setting):`);
console.log(`  renderUnattend + validateUnattend  ${ours.medianMicros.toFixed(1)} µs/call`);
console.log(`  renderUnattend alone (validates)   ${render.medianMicros.toFixed(1)} µs/call`);
console.log(`  validateUnattend alone             ${validate.medianMicros.toFixed(1)} µs/call`);
console.log(`  xmlbuilder2 alone, same tree       ${baseline.medianMicros.toFixed(1)} µs/call`);
console.log(`  ratio (ours / xmlbuilder2 alone)   ${(ours.medianMicros / baseline.medianMicros).toFixed(2)}x`);
