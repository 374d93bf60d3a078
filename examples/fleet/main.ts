/**
 * The fleet's command line:
 *
 *   node bin/main.js preview [options]   preview every stack; print what changes where
 *   node bin/main.js up [options]        preview, then update the stacks that change
 *   node bin/main.js destroy [options]   destroy every stack's resources and remove the stacks
 *
 *   --fleet FILE        the fleet (editions, environments); default fleet.json here
 *   --concurrency N     at most N stack operations at once (default 2)
 *   --stack NAME        only this stack (repeatable)
 *
 * The backend is Pulumi's: PULUMI_BACKEND_URL (file://..., postgres://..., s3://...) or `pulumi login`.
 * The answer files are written to out/<stack>/<file>.xml.
 * Secrets: PULUMI_CONFIG_PASSPHRASE encrypts them in the state; FLEET_ADMIN_PASSWORD is the
 * answer files' local administrator password.
 */
import * as path from "node:path";
import { destroyFleet, formatSummary, previewFleet, upFleet, type FleetOptions } from "./fleet";
import { readFleet } from "./layers";

const USAGE = "usage: node bin/main.js preview|up|destroy [--fleet FILE] [--concurrency N] [--stack NAME]...";

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const here = path.resolve(__dirname, "..");
  let fleetFile = path.join(here, "fleet.json");
  let concurrency = 2;
  const only: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const [flag, value] = [rest[i], rest[i + 1]];
    if (value === undefined) throw new Error(`${flag}: expected a value. ${USAGE}`);
    if (flag === "--fleet") fleetFile = path.resolve(value);
    else if (flag === "--stack") only.push(value);
    else if (flag === "--concurrency") {
      concurrency = Number(value);
      if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error(`--concurrency ${value}: expected a whole number from 1`);
    } else throw new Error(`${flag}: no such option. ${USAGE}`);
    i++;
  }
  const adminPassword = process.env.FLEET_ADMIN_PASSWORD;
  if (!adminPassword) throw new Error("FLEET_ADMIN_PASSWORD is not set: the answer files' local administrator password");
  const options: FleetOptions = {
    fleet: readFleet(fleetFile),
    workDir: here,
    outDir: path.join(here, "out"),
    adminPassword,
    concurrency,
    only: only.length > 0 ? only : undefined,
    progress: (line) => process.stderr.write(`${line}\n`),
  };
  switch (command) {
    case "preview":
      console.log(formatSummary(await previewFleet(options)));
      return 0;
    case "up": {
      const { previews, updates } = await upFleet(options);
      console.log(formatSummary(previews));
      console.log(updates.length === 0 ? "nothing to update" : `updated: ${updates.map((u) => `${u.stack} (${u.result})`).join(", ")}`);
      return updates.every((u) => u.result === "succeeded") ? 0 : 1;
    }
    case "destroy":
      await destroyFleet(options);
      return 0;
    default:
      throw new Error(USAGE);
  }
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (err: Error) => {
    // the Automation API's errors carry the CLI's output (which masks secrets): print it as it is
    console.error(err.message);
    process.exitCode = 1;
  },
);
