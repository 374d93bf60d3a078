/**
 * productKey: the product key, where Windows Setup and activation read it.
 */
import { ArgumentCheck, type StringInput, type UnattendLayer, type UnattendLayerInput } from "./common";

/** productKey's options: where the key is written. */
export interface ProductKeyOptions {
  /**
   * Write it for Windows Setup (windowsPE), which uses it to choose the edition to install.
   * @default true
   * @example windowsPE: false
   */
  windowsPE?: boolean;
  /**
   * Write it for activation of the installed Windows (specialize); a
   * Multiple Activation Key (MAK) must go here.
   * @default true
   * @example specialize: false
   */
  specialize?: boolean;
}

/** Five groups of five letters or digits: the reference's xxxxx-xxxxx-xxxxx-xxxxx-xxxxx. */
const PRODUCT_KEY = /^[A-Za-z0-9]{5}(-[A-Za-z0-9]{5}){4}$/;

/**
 * The product key, in the two places the reference documents: the key that
 * selects the edition Windows Setup installs, and the key that activates
 * the installed Windows (the two may differ: call productKey twice with the
 * places set, in two layers, if they do).
 *
 * Writes, in the windowsPE pass, component Microsoft-Windows-Setup:
 * `UserData/ProductKey/Key`; and in the specialize pass, component
 * Microsoft-Windows-Shell-Setup: `ProductKey`. `options` can leave either out.
 *
 * The key is treated as a credential: never quoted in messages, a secret
 * Output stays secret, and merged as a layer of an UnattendFile it is made
 * secret even when given as plain text.
 * @param key the product key, `xxxxx-xxxxx-xxxxx-xxxxx-xxxxx`.
 * @param options whether to write it for Windows Setup and for activation.
 * @returns a layer named "productKey" (with Outputs inside when given an Output).
 * @throws UnattendValidationError for a key not in five groups of five letters or digits, or both places turned off.
 * @example
 * productKey(config.requireSecret("productKey"))
 */
export function productKey(key: string, options?: ProductKeyOptions): UnattendLayer;
/** productKey with a key from config, secrets or another resource (see the overload above). */
export function productKey(key: StringInput, options?: ProductKeyOptions): UnattendLayerInput;
export function productKey(key: StringInput, options: ProductKeyOptions = {}): UnattendLayerInput {
  const check = new ArgumentCheck("productKey");
  check.object(["options"], options, "options", true);
  check.pattern(
    ["key"],
    key,
    PRODUCT_KEY,
    "The product key must be five groups of five letters or digits separated by hyphens (xxxxx-xxxxx-xxxxx-xxxxx-xxxxx)",
    true,
  );
  const windowsPE = options.windowsPE ?? true;
  const specialize = options.specialize ?? true;
  if (!windowsPE && !specialize)
    check.fail(["options"], "windowsPE and specialize are both false: the key would be written nowhere. Keep at least one.");
  check.done();
  return {
    name: "productKey",
    settings: {
      ...(windowsPE ? { windowsPE: { "Microsoft-Windows-Setup": { UserData: { ProductKey: { Key: key } } } } } : {}),
      ...(specialize ? { specialize: { "Microsoft-Windows-Shell-Setup": { ProductKey: key } } } : {}),
    },
  };
}
