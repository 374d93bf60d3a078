/**
 * What a fleet is made of: editions (what is installed) and environments
 * (where it runs), read from a JSON file, and the layers each stack's answer
 * files are built from: the organisation's base, the edition's layer and the
 * environment's layer, all from this library's blocks.
 */
import * as fs from "node:fs";
import type * as pulumi from "@pulumi/pulumi";
import { diskLayout, image, locale, localAdministrator, skipOobe, type UnattendLayer, type UnattendLayerInput } from "pulumi-unattend";

export interface Edition {
  /** The stack name's first part: letters, digits. */
  name: string;
  /** The image's index in install.wim (`dism /Get-ImageInfo`). */
  imageIndex: number;
  /** Size of the Windows partition in MB; the rest of the disk when absent. */
  windowsSize?: number;
}

export interface Environment {
  /** The stack name's second part: letters, digits. */
  name: string;
  /** The start of every computer name in this environment (up to 7 characters). */
  computerPrefix: string;
  timeZone: string;
  /** How many answer files (machines) each stack of this environment holds. */
  files: number;
}

export interface Fleet {
  editions: Edition[];
  environments: Environment[];
}

/** One stack of the fleet: an edition in an environment. */
export interface FleetStack {
  name: string;
  edition: Edition;
  environment: Environment;
}

const NAME = /^[a-z][a-z0-9]*$/;

/** Reads and checks a fleet file; every error names the file and the place in it. */
export function readFleet(file: string): Fleet {
  const fleet = JSON.parse(fs.readFileSync(file, "utf8")) as Fleet;
  const fail = (where: string, what: string) => {
    throw new Error(`${file}: ${where}: ${what}`);
  };
  if (!Array.isArray(fleet.editions) || fleet.editions.length === 0) fail("editions", "expected a non-empty list of editions");
  if (!Array.isArray(fleet.environments) || fleet.environments.length === 0) fail("environments", "expected a non-empty list of environments");
  fleet.editions.forEach((e, i) => {
    if (!NAME.test(e.name)) fail(`editions[${i}].name`, "expected lower-case letters and digits, starting with a letter");
    if (!Number.isInteger(e.imageIndex) || e.imageIndex < 1) fail(`editions[${i}].imageIndex`, "expected an index of install.wim: 1, 2, ...");
  });
  fleet.environments.forEach((e, i) => {
    if (!NAME.test(e.name)) fail(`environments[${i}].name`, "expected lower-case letters and digits, starting with a letter");
    if (!/^[A-Z0-9]{1,7}$/.test(e.computerPrefix)) fail(`environments[${i}].computerPrefix`, "expected 1 to 7 upper-case letters or digits");
    if (!Number.isInteger(e.files) || e.files < 1 || e.files > 99) fail(`environments[${i}].files`, "expected a number of files from 1 to 99");
  });
  return fleet;
}

/** Every stack of the fleet, `<edition>-<environment>`, editions first. */
export function fleetStacks(fleet: Fleet): FleetStack[] {
  return fleet.editions.flatMap((edition) =>
    fleet.environments.map((environment) => ({ name: `${edition.name}-${environment.name}`, edition, environment })),
  );
}

/** The organisation's base: the same for every edition and environment. */
export function baseLayers(timeZone: string): UnattendLayer[] {
  return [locale("en-US", { timeZone }), skipOobe()];
}

/** The edition's layer: the disk and the image to install. */
export function editionLayers(edition: Edition): UnattendLayer[] {
  return [diskLayout.uefi({ disk: 0, windowsSize: edition.windowsSize, recovery: { size: 1024 } }), image({ index: edition.imageIndex })];
}

/** The environment's layer for one machine: its name and the local administrator, whose password stays a secret. */
export function machineLayers(environment: Environment, edition: Edition, index: number, adminPassword: pulumi.Output<string>): UnattendLayerInput[] {
  const computerName = `${environment.computerPrefix}-${edition.name.slice(0, 3).toUpperCase()}-${String(index).padStart(2, "0")}`;
  return [
    { name: "machine", settings: { specialize: { "Microsoft-Windows-Shell-Setup": { ComputerName: computerName } } } },
    localAdministrator({ name: "ops", password: adminPassword }),
  ];
}
