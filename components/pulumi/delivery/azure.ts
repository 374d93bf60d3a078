/**
 * Azure virtual machines: `osProfile.windowsConfiguration.additionalUnattendContent`.
 *
 * Azure writes its own answer file for a VM made from a generalised image and
 * accepts only fragments of it: the pass is oobeSystem, the component
 * Microsoft-Windows-Shell-Setup, the setting AutoLogon or FirstLogonCommands,
 * and the content is that setting's element (its root included, no
 * `<component>` around it) of less than 4 KB. Source: the AdditionalUnattendContent
 * reference of the Azure Compute API,
 * https://learn.microsoft.com/en-us/rest/api/compute/virtual-machines/create-or-update#additionalunattendcontent
 * (also https://learn.microsoft.com/en-us/javascript/api/@azure/arm-compute/additionalunattendcontent).
 *
 * The fragment is never written by hand: the settings go through the normal
 * pipeline (normalise, validate, render with xmlbuilder2), and the setting's
 * element is cut out of the rendered document by the offsets the project's
 * reader (saxes) reports. Only the indentation between elements is left out
 * (it counts against the 4 KB); text and attributes are kept byte for byte.
 */
import * as pulumi from "@pulumi/pulumi";
import { analyze } from "../../core/document";
import { holdsConfidential } from "../../core/confidential";
import type { UnattendSettings as InputSettings, PlainUnattendSettings as PlainSettings } from "../../generated/settings";
import type { Diagnostic } from "../../core/diagnostics";
import type { ComponentNode, NormalDocument, SettingNode } from "../../core/model";
import { isPlainObject } from "../../core/values";
import { parseXml, type XmlElement } from "../../core/xml/reader";
import { renderDocument } from "../../core/render";
import { diagnostic, formatDiagnostic, type PathSegment } from "../../core/diagnostics";
import { throwIfErrors } from "../../core/errors";

/** The one pass Azure accepts, as our settings name it. */
const PASS = "oobeSystem";
/** The one component Azure accepts. */
const COMPONENT = "Microsoft-Windows-Shell-Setup";

/** The settings Azure accepts, in the order they are returned. */
export const AZURE_UNATTEND_SETTINGS = ["AutoLogon", "FirstLogonCommands"] as const;
/** A setting Azure accepts in `additionalUnattendContent`. */
export type AzureUnattendSettingName = (typeof AZURE_UNATTEND_SETTINGS)[number];

/**
 * The largest content Azure accepts, in bytes of UTF-8: its reference says the
 * XML "must be less than 4KB", read here as less than 4,096 bytes.
 */
export const AZURE_UNATTEND_CONTENT_MAX_BYTES = 4095;

type Resolved<T> = T extends PromiseLike<unknown> ? never : T extends pulumi.OutputInstance<unknown> ? never : T;
type ShellSetupPlain = NonNullable<NonNullable<PlainSettings["oobeSystem"]>[typeof COMPONENT]>;
type ShellSetupInput = Resolved<NonNullable<Resolved<NonNullable<InputSettings["oobeSystem"]>>[typeof COMPONENT]>>;

/**
 * What Azure's `additionalUnattendContent` can carry: AutoLogon and/or
 * FirstLogonCommands of Microsoft-Windows-Shell-Setup in the oobeSystem pass,
 * typed as in `UnattendSettings`.
 * @example { oobeSystem: { "Microsoft-Windows-Shell-Setup": { FirstLogonCommands: [{ CommandLine: "cmd /c echo hi" }] } } }
 */
export interface AzureUnattendSettings {
  /**
   * The only pass Azure accepts.
   * @example oobeSystem: { "Microsoft-Windows-Shell-Setup": { AutoLogon: { Enabled: true, Username: "ops", LogonCount: 1 } } }
   */
  oobeSystem: {
    /**
     * The only component Azure accepts, with the only two settings it accepts.
     * @example "Microsoft-Windows-Shell-Setup": { FirstLogonCommands: [{ CommandLine: "cmd /c echo hi", Description: "hello" }] }
     */
    "Microsoft-Windows-Shell-Setup": Pick<ShellSetupPlain, AzureUnattendSettingName>;
  };
}

/**
 * The same as AzureUnattendSettings, where every level may be a Pulumi
 * Input (an Output, a promise, a secret).
 * @example { oobeSystem: { "Microsoft-Windows-Shell-Setup": { AutoLogon: { Username: "ops", Password: config.requireSecret("pw") } } } }
 */
export interface AzureUnattendSettingsInput {
  /**
   * The only pass Azure accepts.
   * @example oobeSystem: { "Microsoft-Windows-Shell-Setup": { AutoLogon: { Enabled: true, Username: "ops", LogonCount: 1 } } }
   */
  oobeSystem: pulumi.Input<{
    /**
     * The only component Azure accepts, with the only two settings it accepts.
     * @example "Microsoft-Windows-Shell-Setup": { FirstLogonCommands: [{ CommandLine: "cmd /c echo hi" }] }
     */
    "Microsoft-Windows-Shell-Setup": pulumi.Input<Pick<ShellSetupInput, AzureUnattendSettingName>>;
  }>;
}

/** One fragment: a setting and its XML element, without the `<component>` around it. */
export interface AzureUnattendFragment {
  /** AutoLogon or FirstLogonCommands. */
  settingName: AzureUnattendSettingName;
  /** The setting's element, e.g. `<AutoLogon><Enabled>true</Enabled>...</AutoLogon>`. */
  content: string;
}

/** What renderAzureUnattendContent returns. */
export interface AzureUnattendRender {
  /** One fragment per setting given, AutoLogon first. */
  content: AzureUnattendFragment[];
  /** Warnings of the validation (errors are thrown). */
  diagnostics: Diagnostic[];
  /** The content holds a password (even as plain text): keep it secret. */
  sensitive: boolean;
}

/**
 * One entry of azure-native's `compute.VirtualMachine`
 * `osProfile.windowsConfiguration.additionalUnattendContent` (also of
 * `compute.VirtualMachineScaleSet`).
 */
export interface AzureNativeUnattendContent {
  /** Always "OobeSystem", the only value Azure accepts. */
  passName: "OobeSystem";
  /** Always "Microsoft-Windows-Shell-Setup", the only value Azure accepts. */
  componentName: "Microsoft-Windows-Shell-Setup";
  /** AutoLogon or FirstLogonCommands. */
  settingName: AzureUnattendSettingName;
  /** The setting's XML element. */
  content: string;
}

/** One entry of `@pulumi/azure`'s `compute.WindowsVirtualMachine` `additionalUnattendContents`. */
export interface AzureClassicUnattendContent {
  /** AutoLogon or FirstLogonCommands. */
  setting: AzureUnattendSettingName;
  /** The setting's XML element. */
  content: string;
}

const ACCEPTS = `Azure's additionalUnattendContent accepts only settings.${PASS}["${COMPONENT}"].AutoLogon and .FirstLogonCommands`;

/**
 * Renders the fragments Azure's `additionalUnattendContent` takes, through the
 * normal pipeline. Pure and synchronous.
 * @throws UnattendValidationError listing every problem: anything Azure would
 * refuse (another pass, component or setting; a list item that modifies or
 * removes; a null value; content of 4 KB or more) and every validation error.
 * @example
 * renderAzureUnattendContent({
 *   oobeSystem: { "Microsoft-Windows-Shell-Setup": { FirstLogonCommands: [{ CommandLine: "cmd /c echo hi" }] } },
 * }).content; // [{ settingName: "FirstLogonCommands", content: "<FirstLogonCommands><SynchronousCommand>..." }]
 */
export function renderAzureUnattendContent(settings: AzureUnattendSettings): AzureUnattendRender {
  const problems: Diagnostic[] = [];
  const accepted = pickAccepted(settings, problems);
  const nothing = () =>
    diagnostic(
      "error",
      "target-empty",
      ["settings", PASS, COMPONENT],
      `Neither AutoLogon nor FirstLogonCommands was given: there is nothing to deliver. ${ACCEPTS}.`,
    );
  if (
    isPlainObject(accepted) &&
    isPlainObject(accepted[PASS]) &&
    isPlainObject(accepted[PASS][COMPONENT]) &&
    Object.keys(accepted[PASS][COMPONENT]).length === 0
  ) {
    throwIfErrors([...problems, nothing()]);
  }
  const { document, diagnostics } = analyze({ settings: accepted, architectures: ["amd64"] });
  problems.push(...diagnostics);
  const component = document.components.find((c) => c.pass === PASS && c.name === COMPONENT);
  if (component) checkStandalone(component.settings, problems);
  throwIfErrors(problems);
  const content = component ? cutSettings(renderDocument(standaloneDocument(document, component))) : [];
  if (content.length === 0) throwIfErrors([...problems, nothing()]);
  const tooLarge = content
    .map((f) => ({ f, bytes: Buffer.byteLength(f.content, "utf8") }))
    .filter(({ bytes }) => bytes > AZURE_UNATTEND_CONTENT_MAX_BYTES)
    .map(({ f, bytes }) =>
      diagnostic(
        "error",
        "target-too-large",
        ["settings", PASS, COMPONENT, f.settingName],
        `The ${f.settingName} content for Azure is ${bytes} bytes; Azure accepts less than 4 KB (at most ${AZURE_UNATTEND_CONTENT_MAX_BYTES} bytes of UTF-8) per setting. ` +
          (f.settingName === "FirstLogonCommands"
            ? "Use fewer or shorter commands, e.g. one command that runs a script (from custom data or an extension)."
            : "Shorten the values."),
      ),
    );
  throwIfErrors([...problems, ...tooLarge]);
  return { content, diagnostics: problems, sensitive: holdsConfidential(component?.settings ?? []) };
}

/**
 * azure-native: the value of `osProfile.windowsConfiguration.additionalUnattendContent`
 * of `compute.VirtualMachine` (or `VirtualMachineScaleSet`), from typed settings.
 * Secret when any input is secret or the settings hold a password (AutoLogon's
 * Password, even as plain text). Warnings are logged; errors fail the deployment,
 * each naming the setting's path, what is wrong and what Azure accepts.
 * @example
 * new compute.VirtualMachine("vm", {
 *   resourceGroupName: rg.name,
 *   osProfile: {
 *     computerName: "vm01", adminUsername: "ops", adminPassword: password,
 *     windowsConfiguration: {
 *       additionalUnattendContent: azureAdditionalUnattendContent({
 *         oobeSystem: { "Microsoft-Windows-Shell-Setup": { FirstLogonCommands: [{ CommandLine: "cmd /c echo hi" }] } },
 *       }),
 *     },
 *   },
 * });
 */
export function azureAdditionalUnattendContent(settings: pulumi.Input<AzureUnattendSettingsInput>): pulumi.Output<AzureNativeUnattendContent[]> {
  return deliver(settings, (f) => ({ passName: "OobeSystem", componentName: COMPONENT, settingName: f.settingName, content: f.content }));
}

/**
 * `@pulumi/azure` (classic): the value of `additionalUnattendContents` of
 * `compute.WindowsVirtualMachine` (and `WindowsVirtualMachineScaleSet`), whose
 * entries are `{ setting, content }`. Same checks and secrecy as
 * azureAdditionalUnattendContent.
 * @example
 * new azure.compute.WindowsVirtualMachine("vm", {
 *   ...,
 *   additionalUnattendContents: azureWindowsVirtualMachineUnattendContents({
 *     oobeSystem: { "Microsoft-Windows-Shell-Setup": { AutoLogon: { Enabled: true, Username: "ops", LogonCount: 1, Password: password } } },
 *   }),
 * });
 */
export function azureWindowsVirtualMachineUnattendContents(
  settings: pulumi.Input<AzureUnattendSettingsInput>,
): pulumi.Output<AzureClassicUnattendContent[]> {
  return deliver(settings, (f) => ({ setting: f.settingName, content: f.content }));
}

function deliver<T>(settings: pulumi.Input<AzureUnattendSettingsInput>, shape: (f: AzureUnattendFragment) => T): pulumi.Output<T[]> {
  return pulumi.output(settings).apply((resolved) => {
    const r = renderAzureUnattendContent(resolved as unknown as AzureUnattendSettings);
    for (const d of r.diagnostics) pulumi.log.warn(formatDiagnostic(d, { code: false }));
    const entries = r.content.map(shape);
    return r.sensitive ? pulumi.secret(entries) : pulumi.output(entries);
  }) as pulumi.Output<T[]>;
}

/**
 * The part of the input Azure can take, for the pipeline; a diagnostic for
 * every other pass, component and setting. Shapes that are not objects are
 * passed on for the pipeline to report.
 */
function pickAccepted(settings: unknown, problems: Diagnostic[]): unknown {
  const root: PathSegment[] = ["settings"];
  if (settings === undefined || settings === null) return { [PASS]: { [COMPONENT]: {} } };
  if (!isPlainObject(settings)) return settings;
  // nothing to deliver: no key, or only undefined values (a pass: only such components)
  const emptyComponent = (v: unknown) => v === undefined || (isPlainObject(v) && Object.values(v).every((x) => x === undefined));
  const emptyPass = (v: unknown) => v === undefined || (isPlainObject(v) && Object.values(v).every(emptyComponent));
  for (const pass of Object.keys(settings)) {
    if (pass === PASS || emptyPass(settings[pass])) continue;
    problems.push(
      diagnostic(
        "error",
        "target-unsupported",
        [...root, pass],
        `The ${pass} pass cannot be delivered through Azure: ${ACCEPTS}. ` +
          `Put other settings in the image itself, or deliver a whole answer file where the image is built (Packer, vSphere, KubeVirt).`,
      ),
    );
  }
  const pass = settings[PASS];
  if (pass === undefined) return { [PASS]: { [COMPONENT]: {} } };
  if (!isPlainObject(pass)) return { [PASS]: pass };
  for (const name of Object.keys(pass)) {
    if (name === COMPONENT || emptyComponent(pass[name])) continue;
    problems.push(
      diagnostic("error", "target-unsupported", [...root, PASS, name], `The component "${name}" cannot be delivered through Azure: ${ACCEPTS}.`),
    );
  }
  const shell = pass[COMPONENT];
  if (shell === undefined) return { [PASS]: { [COMPONENT]: {} } };
  if (!isPlainObject(shell)) return { [PASS]: { [COMPONENT]: shell } };
  const kept: Record<string, unknown> = {};
  for (const name of Object.keys(shell)) {
    if (shell[name] === undefined) continue;
    if ((AZURE_UNATTEND_SETTINGS as readonly string[]).includes(name)) {
      kept[name] = shell[name];
      continue;
    }
    const sameButCase = AZURE_UNATTEND_SETTINGS.find((s) => s.toLowerCase() === name.toLowerCase());
    problems.push(
      diagnostic(
        "error",
        "target-unsupported",
        [...root, PASS, COMPONENT, name],
        sameButCase
          ? `"${name}" differs from "${sameButCase}" only in case; Azure, like Windows, needs the exact name. ${ACCEPTS}.`
          : `"${name}" cannot be delivered through Azure: ${ACCEPTS}.`,
      ),
    );
  }
  return { [PASS]: { [COMPONENT]: kept } };
}

/**
 * Azure takes each content as XML on its own, where the `wcm:` and `xsi:`
 * prefixes of a `<component>` are not declared (content with `wcm:action` has
 * been reported refused as invalid: Azure/azure-quickstart-templates#1407):
 * list items are written without `wcm:action`, and what needs those prefixes
 * is refused.
 */
function checkStandalone(nodes: SettingNode[], problems: Diagnostic[]): void {
  for (const n of nodes) {
    if (n.action !== undefined && n.action !== "add") {
      problems.push(
        diagnostic(
          "error",
          "target-unsupported",
          n.path,
          `wcm:action "${n.action}" cannot be delivered through Azure: its content stands alone (no wcm: prefix declared) and can only add items. ` +
            `Leave "wcm:action" out (an item is added).`,
        ),
      );
    }
    if (n.keyValue !== undefined) {
      problems.push(
        diagnostic(
          "error",
          "target-unsupported",
          n.path,
          `wcm:keyValue cannot be delivered through Azure: its content stands alone (no wcm: prefix declared). Leave "wcm:keyValue" out.`,
        ),
      );
    }
    if (n.nil) {
      problems.push(
        diagnostic(
          "error",
          "target-unsupported",
          n.path,
          `null (written with xsi:nil) cannot be delivered through Azure: its content stands alone (no xsi: prefix declared). Leave the setting out instead.`,
        ),
      );
    }
    if (n.children) checkStandalone(n.children, problems);
  }
}

/** The document with only the Shell-Setup component, its list items without `wcm:action="add"`. */
function standaloneDocument(document: NormalDocument, component: ComponentNode): NormalDocument {
  const strip = (n: SettingNode): SettingNode => {
    const { action, ...rest } = n;
    const copy: SettingNode = action === "add" ? rest : { ...rest, action };
    if (n.children) copy.children = n.children.map(strip);
    return copy;
  };
  return { ...document, components: [{ ...component, settings: component.settings.map(strip) }], extras: [] };
}

/** The accepted settings' elements, cut out of the rendered document. */
function cutSettings(xml: string): AzureUnattendFragment[] {
  const parsed = parseXml(xml);
  if (parsed.problem) {
    const { message, location } = parsed.problem;
    throw new Error(
      `Internal error: the rendered answer file does not read back as XML (${message} at line ${location.line}, column ${location.column}); nothing is delivered.`,
    );
  }
  const component = parsed.root?.children.find((s) => s.local === "settings")?.children.find((c) => c.local === "component");
  if (!component) throw new Error("Internal error: the rendered answer file has no <component>; nothing is delivered.");
  const out: AzureUnattendFragment[] = [];
  for (const name of AZURE_UNATTEND_SETTINGS) {
    const el = component.children.find((c) => c.local === name);
    if (!el) continue;
    const content = compact(xml, el);
    // the fragment must stand alone: well-formed, every prefix declared
    const alone = parseXml(content);
    if (alone.problem || alone.root?.local !== name) {
      throw new Error(`Internal error: the ${name} fragment does not stand alone as XML (${alone.problem?.message ?? "wrong root"}).`);
    }
    out.push({ settingName: name, content });
  }
  return out;
}

const XML_SPACE = /^[ \t\r\n]*$/;

/**
 * The element's text, without the indentation between its child elements
 * (whitespace-only text between elements, which carries no value). Text
 * content, attributes and names are the rendered document's, byte for byte.
 */
function compact(text: string, el: XmlElement): string {
  const kids = el.children;
  if (kids.length === 0) return text.slice(el.start, el.end);
  const open = text.slice(el.start, kids[0].start).replace(/[ \t\r\n]+$/, "");
  const close = text.slice(kids[kids.length - 1].end, el.end).replace(/^[ \t\r\n]+/, "");
  const gaps = kids.slice(1).map((k, i) => text.slice(kids[i].end, k.start));
  const onlyIndentation =
    open.endsWith(">") &&
    close.startsWith("</") &&
    XML_SPACE.test(text.slice(el.start + open.length, kids[0].start)) &&
    XML_SPACE.test(text.slice(kids[kids.length - 1].end, el.end - close.length)) &&
    gaps.every((g) => XML_SPACE.test(g));
  if (!onlyIndentation) return text.slice(el.start, el.end);
  return open + kids.map((k) => compact(text, k)).join("") + close;
}
