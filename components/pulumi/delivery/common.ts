/**
 * What the delivery targets share: the answer-file source they accept (an
 * UnattendFile or XML text), and the check that text handed to a target is
 * an answer file that reads back without errors. Their diagnostics are the
 * package's (components/core/diagnostics.ts, errors.ts).
 */
import * as pulumi from "@pulumi/pulumi";
import { diagnostic, formatPath, notKnownYet, type PathSegment } from "../../core/diagnostics";
import { UnattendValidationError, throwIfErrors } from "../../core/errors";
import { validateUnattendXml } from "../../core/parse";

export type { PathSegment };

/**
 * An answer file to deliver: an `UnattendFile` (anything with an `xml`
 * output), or the XML text itself.
 * @example new UnattendFile("image", { settings })
 * @example fs.readFileSync("autounattend.xml", "utf8")
 */
export type UnattendSource =
  | pulumi.Input<string>
  | {
      /**
       * The answer file's XML text (an UnattendFile's `xml` output).
       * @example xml: unattend.xml
       */
      readonly xml: pulumi.Input<string>;
    };

/** The XML of a source, as an Output (secret when the source is). */
export function sourceXml(source: UnattendSource): pulumi.Output<string> {
  if (typeof source === "object" && source !== null && !notKnownYet(source) && "xml" in source) {
    return pulumi.output(source.xml);
  }
  return pulumi.output(source as pulumi.Input<string>);
}

/**
 * Checks that XML text handed to a target is an answer file that parses and
 * validates without errors (line and column in each message); returns it
 * unchanged. `what` names the input in messages, e.g. `autounattend`.
 */
export function checkAnswerFile(xml: unknown, what: readonly PathSegment[]): string {
  if (typeof xml !== "string") {
    throw new UnattendValidationError([
      diagnostic("error", "wrong-shape", what, `The answer file must be XML text (a string), or an UnattendFile; got ${typeof xml}.`),
    ]);
  }
  const errors = validateUnattendXml(xml)
    .diagnostics.filter((d) => d.severity === "error")
    .map((d) => {
      const where = d.line !== undefined ? ` (line ${d.line}, column ${d.column} of ${formatPath(what)})` : ` (in ${formatPath(what)})`;
      return { severity: d.severity, code: d.code, path: d.path, message: d.message + where };
    });
  throwIfErrors(errors);
  return xml;
}
