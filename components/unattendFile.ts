/**
 * UnattendFile: the Pulumi component. A thin layer over the pure functions:
 * it resolves the inputs, renders through renderUnattend (which validates),
 * and exposes the XML, an asset and its hash. Secret inputs make every output
 * secret.
 */
import * as crypto from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import { analyze } from "./api";
import type { Architecture } from "./catalog";
import { UnattendValidationError } from "./errors";
import type { UnattendSettings as UnattendSettingsInput } from "./generated/inputs";
import { renderDocument } from "./render";

export interface UnattendFileArgs {
  /**
   * Settings by configuration pass, then component, then setting, with
   * Microsoft's element names. Every level accepts Outputs and secrets.
   * A setting is typed only under the passes where Windows accepts it.
   * @example
   * settings: {
   *   generalize: { "Microsoft-Windows-WorkstationService": { AllowInsecureGuestAuth: 1 } },
   * }
   */
  settings: pulumi.Input<UnattendSettingsInput>;
  /**
   * Processor architectures: each component is written once per architecture,
   * in the order x86, amd64, arm64, wow64. Each may appear once.
   * @default ["amd64"]
   * @example architectures: ["amd64", "x86"]
   */
  architectures?: pulumi.Input<pulumi.Input<Architecture>[]>;
}

export class UnattendFile extends pulumi.ComponentResource {
  /** The rendered unattend.xml (UTF-8 text, no byte-order mark). Secret when any input is. */
  public readonly xml: pulumi.Output<string>;
  /** The rendered file as an asset, e.g. for an S3 object or a storage blob. */
  public readonly asset: pulumi.Output<pulumi.asset.StringAsset>;
  /** Hex SHA-256 of the UTF-8 bytes of `xml`. */
  public readonly sha256: pulumi.Output<string>;

  constructor(name: string, args: UnattendFileArgs, opts?: pulumi.ComponentResourceOptions) {
    super("unattend:index:UnattendFile", name, {}, opts);

    const resolved = pulumi.output({ settings: args.settings, architectures: args.architectures });
    this.xml = resolved.apply((doc) => {
      const { document, diagnostics } = analyze(doc);
      for (const d of diagnostics) {
        if (d.severity === "warning") pulumi.log.warn(`${d.path}: ${d.message}`, this);
      }
      if (diagnostics.some((d) => d.severity === "error")) throw new UnattendValidationError(diagnostics);
      return renderDocument(document);
    });
    this.asset = this.xml.apply((xml) => new pulumi.asset.StringAsset(xml));
    this.sha256 = this.xml.apply((xml) => crypto.createHash("sha256").update(xml, "utf8").digest("hex"));

    this.registerOutputs({ xml: this.xml, sha256: this.sha256 });
  }
}
