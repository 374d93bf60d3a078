/**
 * locale: one language and region for Windows Setup (Windows PE) and for the
 * installed Windows, and optionally the time zone.
 */
import { ArgumentCheck, type UnattendLayer } from "./common";

/** locale's options: each defaults to the locale given. */
export interface LocaleOptions {
  /**
   * Keyboard: a language tag (its default layout), or locale and layout ids
   * (`0409:00000409`); several separated by `;`, the first the default.
   * @default the locale
   * @example inputLocale: "de-CH; en-US"
   */
  inputLocale?: string;
  /**
   * The time zone of the installed Windows, as `tzutil /l` lists it.
   * @default not written (Windows picks the locale's default zone)
   * @example timeZone: "W. Europe Standard Time"
   */
  timeZone?: string;
  /**
   * Language of the user interface (and of Windows Setup).
   * @default the locale
   * @example uiLanguage: "en-US"
   */
  uiLanguage?: string;
  /**
   * Language for programs that do not use Unicode.
   * @default the locale
   * @example systemLocale: "en-US"
   */
  systemLocale?: string;
  /**
   * Formats of dates, times, numbers and currency.
   * @default the locale
   * @example userLocale: "de-CH"
   */
  userLocale?: string;
  /**
   * Also set Windows Setup's language (Microsoft-Windows-International-Core-WinPE),
   * which an autounattend.xml needs and a sysprep answer file does not.
   * @default true
   * @example windowsPE: false
   */
  windowsPE?: boolean;
}

const LANGUAGE_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/**
 * One locale everywhere Windows reads one, so that Windows Setup and the
 * installed Windows agree: the same UI language, system locale, user locale
 * and keyboard in Windows PE and in the installed system.
 *
 * Writes, in the windowsPE pass (unless `windowsPE: false`), component
 * Microsoft-Windows-International-Core-WinPE: `SetupUILanguage/UILanguage`,
 * `InputLocale`, `SystemLocale`, `UILanguage`, `UserLocale`; in the
 * oobeSystem pass, component Microsoft-Windows-International-Core:
 * `InputLocale`, `SystemLocale`, `UILanguage`, `UserLocale`; and, with
 * `timeZone`, component Microsoft-Windows-Shell-Setup: `TimeZone` (oobeSystem).
 * @param tag the locale, a language tag such as "en-US" or "de-CH".
 * @param options a different keyboard, UI language, system or user locale, the time zone, and whether to set Windows Setup's too.
 * @returns a layer named "locale".
 * @throws UnattendValidationError for a tag that is not a language tag (letters, then "-" and letters or digits).
 * @example
 * locale("en-US", { inputLocale: "de-CH", timeZone: "W. Europe Standard Time" })
 */
export function locale(tag: string, options: LocaleOptions = {}): UnattendLayer {
  const check = new ArgumentCheck("locale");
  check.object(["options"], options, "options", true);
  check.pattern(["tag"], tag, LANGUAGE_TAG, 'the locale must be a language tag such as "en-US" or "de-CH"');
  for (const k of ["uiLanguage", "systemLocale", "userLocale"] as const) {
    check.pattern([k], options[k], LANGUAGE_TAG, `${k} must be a language tag such as "en-US" or "de-CH"`);
  }
  if (options.inputLocale !== undefined) check.text(["inputLocale"], options.inputLocale, "inputLocale");
  if (options.timeZone !== undefined) check.text(["timeZone"], options.timeZone, "timeZone");
  check.done();
  const ui = options.uiLanguage ?? tag;
  const international = {
    InputLocale: options.inputLocale ?? tag,
    SystemLocale: options.systemLocale ?? tag,
    UILanguage: ui,
    UserLocale: options.userLocale ?? tag,
  };
  return {
    name: "locale",
    settings: {
      ...(options.windowsPE === false
        ? {}
        : { windowsPE: { "Microsoft-Windows-International-Core-WinPE": { SetupUILanguage: { UILanguage: ui }, ...international } } }),
      oobeSystem: {
        "Microsoft-Windows-International-Core": international,
        ...(options.timeZone !== undefined ? { "Microsoft-Windows-Shell-Setup": { TimeZone: options.timeZone } } : {}),
      },
    },
  };
}
