/** The answer file's namespaces, fixed attribute values and attribute names. */

export const UNATTEND_NS = "urn:schemas-microsoft-com:unattend";
export const WCM_NS = "http://schemas.microsoft.com/WMIConfig/2002/State";
export const XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";
export const PUBLIC_KEY_TOKEN = "31bf3856ad364e35";

/** Attribute names accepted as keys of list-item and `unvalidated` objects. */
export const KEY_VALUE_ATTR = "wcm:keyValue";
export const ACTION_ATTR = "wcm:action";
export const NIL_ATTR = "xsi:nil";

/** The `wcm:action` values Windows System Image Manager writes. */
export const WCM_ACTIONS = ["add", "modify", "remove"] as const;
export type WcmAction = (typeof WCM_ACTIONS)[number];

/** The elements of a password setting (AdministratorPassword, Password, ...), in the order they are written. */
export const PASSWORD_PARTS = ["Value", "PlainText"] as const;

/** The key of the marker that `override(value)` wraps a value in (it also works in YAML/JSON config). */
export const OVERRIDE_KEY = "unattend:override";
