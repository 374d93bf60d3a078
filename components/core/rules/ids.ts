/**
 * The ids of the cross-setting rules, which are also their diagnostic codes.
 * Kept apart from the rules themselves so that diagnostics.ts can name the
 * codes without loading the rules (or the catalog). A test checks that this
 * list and the registry (index.ts) hold the same ids in the same order.
 */
export const RULE_IDS = [
  // disks.ts
  "partition-size-and-extend",
  "partition-without-size",
  "partition-extend-twice",
  "partition-after-extend",
  "extended-partition-twice",
  "logical-without-extended",
  "logical-partitions-exceed-extended",
  "logical-partition-create-extend",
  "gpt-and-mbr-partitions",
  "mbr-too-many-partitions",
  "efi-partition-twice",
  "msr-partition-twice",
  "partition-order-gap",
  "modify-partition-missing",
  "modify-msr-partition",
  "modify-partition-twice",
  "active-not-primary",
  "active-on-gpt-disk",
  "extend-on-gpt-disk",
  "efi-partition-type-id",
  "efi-partition-not-fat32",
  "label-without-format",
  "drive-letter-twice",
  "disk-id-twice",
  "install-to-missing-partition",
  "install-to-system-partition",
  "install-to-and-available-partition",
  "os-image-without-target",
  "image-index-not-number",
  "image-metadata-without-value",
  "data-image-incomplete",
  "configsetroot-without-configuration-set",
  "network-disabled-unc-path",
  "disk-configuration-never-without-disk",
  "available-partition-without-active",
  "extend-os-partition-size-and-extend",
  // accounts.ts
  "autologon-not-enabled",
  "autologon-without-username",
  "autologon-without-logoncount",
  "autologon-logoncount-zero",
  "autologon-logoncount-one",
  "autologon-password-mismatch",
  "autologon-unknown-user",
  "audit-autologon-without-administrator-password",
  "local-account-twice",
  "hidden-account-screen-without-account",
  "first-logon-commands-without-administrator",
  // commands.ts
  "command-restarts-computer",
  "unc-command-without-credentials",
  "user-hive-in-system-context",
  // identity.ts
  "join-domain-and-workgroup",
  "join-domain-without-credentials",
  "join-username-without-domain",
  "join-domain-and-qualified-username",
  "unsecure-join-with-credentials",
  "machine-password-without-unsecure-join",
  "provisioning-and-credentials",
  "join-settings-without-domain",
  "debug-join-error-without-debug-join",
  "unsecure-join-random-computer-name",
  // locale.ts
  "locale-format",
  "input-locale-format",
  // passes.ts
  "reseal-with-generalize",
  "reseal-audit-user-without-mode",
  "upgrade-with-other-settings",
  "audit-autologon-account-created-later",
  // features.ts
  "ics-bridge-with-internal-adapter",
  "ics-bridge-without-ics",
  "nlb-load-weight-ignored",
  "nlb-timeout-ignored",
  "brightness-slider-ignored",
  // identifiers.ts (issue 19: identifiers and names Windows looks up or refuses)
  "time-zone-unknown",
  "product-key-format",
  "group-is-account-name",
  "group-unknown",
  "account-name-invalid",
  "local-account-builtin-name",
  // issue 19, classes 4-6 (disks-boot.ts, architectures.ts, two-passes.ts)
  "install-to-unconfigured-disk",
  "partition-size-in-bytes",
  "msr-without-efi",
  "partition-type-id-scheme",
  "component-for-other-architecture",
  "setting-in-two-passes",
] as const;

/** A rule id, e.g. `partition-size-and-extend`. */
export type RuleId = (typeof RULE_IDS)[number];
