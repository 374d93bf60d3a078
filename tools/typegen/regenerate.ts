/**
 * `npm run catalog`: catalog -> typed settings -> docs/catalog.md's table, in one process
 * after one compile.
 *
 * - With ../shared/unattend-reference beside the checkout, the catalog is
 *   generated from it (tools/catalog; nothing is written when its self-check
 *   fails) and written to components/catalog/catalog.json when it differs.
 * - Without it (a fresh machine), the committed catalog.json is used as it is.
 * Then components/generated/settings.ts and docs/catalog.md's component table are
 * regenerated from that same in-memory catalog. Run `npm run build` afterwards
 * (npm test does) to compile the regenerated files.
 *
 *   node build/tools/typegen/regenerate.js [--check] [--no-reference]
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { catalog as committed, type Catalog } from "../../components/catalog";
import { defaultOutFile, defaultReferenceDir, formatReport, generate as generateCatalog } from "../catalog/generate";
import { TABLE_FILE, withTable } from "../readme/components";
import { writeGenerated } from "./generate";

function main(argv: string[]): number {
  const check = argv.includes("--check");
  const root = path.resolve(__dirname, "../../..");
  let cat: Catalog = committed;
  let stale = 0;

  const reference = defaultReferenceDir();
  if (!argv.includes("--no-reference") && fs.existsSync(reference)) {
    const r = generateCatalog(reference);
    console.log(formatReport(r, false));
    if (r.selfCheck.length) {
      console.error(`catalog self-check failed (${r.selfCheck.length} problems); nothing written:\n  ${r.selfCheck.join("\n  ")}`);
      return 1;
    }
    const outFile = defaultOutFile();
    const current = fs.existsSync(outFile) ? fs.readFileSync(outFile, "utf8") : "";
    if (current !== r.json) {
      stale++;
      if (check) console.error(`${path.relative(root, outFile)} is out of date: run npm run catalog`);
      else {
        fs.writeFileSync(outFile, r.json);
        console.log(`wrote ${path.relative(root, outFile)} (${r.json.length} bytes)`);
      }
    }
    cat = r.catalog;
  } else {
    console.log(`(no reference at ${reference}: using the committed catalog.json)`);
  }

  if (!writeGenerated(root, cat, check)) stale++;

  const readmeFile = path.join(root, TABLE_FILE);
  const readme = fs.readFileSync(readmeFile, "utf8");
  const next = withTable(readme, cat);
  if (next !== readme) {
    stale++;
    if (check) console.error(`${TABLE_FILE}'s component table is out of date: run npm run catalog`);
    else {
      fs.writeFileSync(readmeFile, next);
      console.log(`updated ${TABLE_FILE}'s component table`);
    }
  }
  if (!check && stale) console.log("run `npm run build` to compile what changed");
  return check && stale ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
