/**
 * Locale: Microsoft-Windows-International-Core (specialize, oobeSystem) and
 * Microsoft-Windows-International-Core-WinPE (windowsPE).
 */
import type { SettingNode } from "../model";
import { at, child, literal, q, type View } from "./query";
import { defineRules } from "./types";

const CORE = "Microsoft-Windows-International-Core";
const WINPE = "Microsoft-Windows-International-Core-WinPE";

const PAGE = {
  uiLanguage: "microsoft-windows-international-core-winpe-uilanguage",
  inputLocale: "microsoft-windows-international-core-winpe-inputlocale",
  coreUiLanguage: "microsoft-windows-international-core-uilanguage",
  coreInputLocale: "microsoft-windows-international-core-inputlocale",
} as const;

/**
 * A language tag, language-region (RFC 3066 as the pages use it): en-US,
 * fr-FR, es-419, sr-Latn-RS; a sort suffix (de-DE_phoneb) is let through.
 */
export const LANGUAGE_TAG = /^[A-Za-z]{2,3}(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|\d{3})(?:_[A-Za-z]+)?)?$/;
/** An input locale: a language tag, or a locale ID and keyboard layout in hexadecimal (0409:00000409, or an IME's 0411:{GUID}{GUID}). */
const INPUT_LOCALE = /^(?:[0-9A-Fa-f]{4}:(?:[0-9A-Fa-f]{8}|\{[0-9A-Fa-f-]{36}\}\{[0-9A-Fa-f-]{36}\}))$/;

const LANGUAGE_SETTINGS = ["UILanguage", "SystemLocale", "UserLocale", "UILanguageFallback"];

/** Every language-tag setting of both components, with the pass and component it is in. */
function* languageSettings(view: View): Generator<SettingNode> {
  for (const c of view.components) {
    if (!c.def || (c.name !== CORE && c.name !== WINPE)) continue;
    for (const name of LANGUAGE_SETTINGS) {
      const n = child(c, name);
      if (n) yield n;
    }
    if (c.name === WINPE) {
      const setup = at(c, "SetupUILanguage", "UILanguage");
      if (setup) yield setup;
    }
  }
}

export const LOCALE_RULES = defineRules([
  {
    id: "locale-format",
    area: "locale",
    severity: "error",
    summary: "UILanguage, SystemLocale, UserLocale, UILanguageFallback or SetupUILanguage/UILanguage is not a language-region tag.",
    source: {
      page: PAGE.uiLanguage,
      says: "The value is a language tag after RFC 3066, language-region, such as en-US, fr-FR or es-ES; case does not matter.",
    },
    also: [
      {
        page: PAGE.coreUiLanguage,
        says: "The same form in Microsoft-Windows-International-Core, and for SystemLocale, UserLocale and UILanguageFallback.",
      },
    ],
    judgement:
      "Lenient where the pages are silent: a bare language (en), script subtags (sr-Latn-RS), numeric regions (es-419) and sort suffixes (de-DE_phoneb) are let through; an empty value is left to validation.",
    check(view, report) {
      for (const n of languageSettings(view)) {
        const v = literal(n);
        if (v === undefined || v === "" || LANGUAGE_TAG.test(v)) continue;
        report(
          n.path,
          `${q(n)} is ${JSON.stringify(v)}, which is not a language tag: write language-region, such as en-US, de-DE or fr-FR${/_/.test(v) ? ` (with a hyphen: ${JSON.stringify(v.replace(/_/g, "-"))})` : ""}.`,
        );
      }
    },
  },
  {
    id: "input-locale-format",
    area: "locale",
    severity: "error",
    summary: "InputLocale holds an entry that is neither a language tag nor a locale ID:keyboard layout pair.",
    source: {
      page: PAGE.inputLocale,
      says: "InputLocale lists input locales separated by semicolons, each a language tag (en-US) or a hexadecimal locale ID and keyboard layout (0409:00000409); the first is the default.",
    },
    also: [{ page: PAGE.coreInputLocale, says: "The same form in Microsoft-Windows-International-Core." }],
    check(view, report) {
      for (const c of view.components) {
        if (!c.def || (c.name !== CORE && c.name !== WINPE)) continue;
        const n = child(c, "InputLocale");
        const v = literal(n);
        if (!n || v === undefined || v === "") continue;
        const bad = v
          .split(";")
          .map((s) => s.trim())
          .filter((s) => s !== "" && !LANGUAGE_TAG.test(s) && !INPUT_LOCALE.test(s));
        if (bad.length) {
          report(
            n.path,
            `${q(n)} holds ${bad.map((b) => JSON.stringify(b)).join(", ")}, not an input locale: give language tags (en-US) or locale ID:keyboard layout pairs (0409:00000409), separated by semicolons.`,
          );
        }
      }
    },
  },
]);
