/**
 * skipOobe: the out-of-box experience without questions.
 */
import { ArgumentCheck, type UnattendLayer } from "./common";

/** skipOobe's arguments. */
export interface SkipOobeArgs {
  /**
   * Windows client (10, 11) or Windows Server: on Server the Administrator
   * password screen is hidden too (HideLocalAccountScreen, which the
   * reference documents for Server editions only).
   * @default "client"
   * @example edition: "server"
   */
  edition?: "client" | "server";
  /**
   * ProtectYourPC: 3 turns the express settings off; 1 and 2 turn them on.
   * @default 3
   * @example protectYourPC: 1
   */
  protectYourPC?: 1 | 2 | 3;
}

/**
 * The OOBE settings that make Windows Welcome ask nothing: no licence terms
 * page, no OEM registration, no online (Microsoft) account sign-in, no
 * wireless network screen, the express-settings page answered, and on Server
 * no Administrator password screen. Pair it with an account
 * (localAdministrator) so that someone can log on.
 *
 * Writes, in the oobeSystem pass, component Microsoft-Windows-Shell-Setup,
 * `OOBE`: `HideEULAPage` true, `HideOEMRegistrationScreen` true,
 * `HideOnlineAccountScreens` true, `HideWirelessSetupInOOBE` true,
 * `ProtectYourPC` (3), and for `edition: "server"` `HideLocalAccountScreen` true.
 * @param args the edition and the ProtectYourPC answer.
 * @returns a layer named "skipOobe".
 * @throws UnattendValidationError for an edition other than client or server, or a ProtectYourPC other than 1, 2 or 3.
 * @example
 * skipOobe()
 * skipOobe({ edition: "server" })
 */
export function skipOobe(args: SkipOobeArgs = {}): UnattendLayer {
  const check = new ArgumentCheck("skipOobe");
  check.object([], args, "the arguments of skipOobe", true);
  check.oneOf(["edition"], args.edition, ["client", "server"] as const, "edition");
  check.oneOf(["protectYourPC"], args.protectYourPC, [1, 2, 3] as const, "protectYourPC");
  check.done();
  return {
    name: "skipOobe",
    settings: {
      oobeSystem: {
        "Microsoft-Windows-Shell-Setup": {
          OOBE: {
            HideEULAPage: true,
            ...(args.edition === "server" ? { HideLocalAccountScreen: true } : {}),
            HideOEMRegistrationScreen: true,
            HideOnlineAccountScreens: true,
            HideWirelessSetupInOOBE: true,
            ProtectYourPC: args.protectYourPC ?? 3,
          },
        },
      },
    },
  };
}
