/**
 * Windows answer-file password obfuscation. With `<PlainText>false</PlainText>`
 * Windows expects base64(UTF-16LE(password + suffix)), where the suffix is the
 * name of the element that holds the password ("Password",
 * "AdministratorPassword", ...). This hides a password from a casual glance
 * only: anyone can decode it, so treat the result as a secret.
 */

/** Obfuscates a password as Windows System Image Manager does. */
export function encodePassword(password: string, suffix: string): string {
  if (typeof password !== "string" || typeof suffix !== "string") {
    // a typed error, whatever a JavaScript caller passes (the password itself never quoted)
    const { UnattendValidationError } = require("./errors") as typeof import("./errors");
    const wrong = typeof password !== "string" ? "password" : "suffix";
    throw new UnattendValidationError([
      {
        severity: "error",
        code: "invalid-argument",
        path: ["encodePassword", wrong],
        message: `${wrong} must be a string; got ${typeof (wrong === "password" ? password : suffix)}.`,
      },
    ]);
  }
  return Buffer.from(password + suffix, "utf16le").toString("base64");
}

/**
 * Decodes an obfuscated password. Returns undefined when the text is not
 * base64 of UTF-16LE ending with the suffix.
 */
export function decodePassword(encoded: string, suffix: string): string | undefined {
  if (typeof encoded !== "string" || typeof suffix !== "string") return undefined;
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(encoded) || encoded.length % 4 !== 0) return undefined;
  const bytes = Buffer.from(encoded, "base64");
  if (bytes.length % 2 !== 0) return undefined;
  const text = bytes.toString("utf16le");
  return text.endsWith(suffix) ? text.slice(0, text.length - suffix.length) : undefined;
}
