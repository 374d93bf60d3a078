/**
 * Random documents for the diff properties (tests/diff.property.test.ts,
 * tests/cli-diff-many.test.ts): every part `unattend diff` compares
 * (architectures, attributes, xsi:nil, SNMP communities, passwords, extras,
 * empty components), each drawn from a few values so that pairs often agree.
 */
import * as fc from "fast-check";
import { type UnattendDocument } from "../components";
import { renderParsed } from "../components/core/parse";

export const SECRETS = ["CommunityS3cretA", "CommunityS3cretB", "Pw-S3cret-1", "Pw-S3cret-2"];
export const doc = fc.record({
  architectures: fc.constantFrom(["amd64"], ["x86", "amd64"]),
  zone: fc.constantFrom("UTC", "Pacific Standard Time", undefined),
  community: fc.option(fc.record({ key: fc.constantFrom("CommunityS3cretA", "CommunityS3cretB"), rights: fc.constantFrom("4", "8") }), {
    nil: undefined,
  }),
  password: fc.option(fc.constantFrom("Pw-S3cret-1", "Pw-S3cret-2"), { nil: undefined }),
  command: fc.option(
    fc.record({
      action: fc.constantFrom("add", "modify", "remove"),
      keyValue: fc.option(fc.constantFrom("first", "second"), { nil: undefined }),
      order: fc.constantFrom(1, 2),
    }),
    { nil: undefined },
  ),
  level: fc.constantFrom<unknown>({ "xsi:nil": true }, "xsi:nil", "", "01", "1", undefined),
  rules: fc.array(
    fc.record({
      "wcm:action": fc.constantFrom("add", "remove"),
      "wcm:keyValue": fc.constantFrom("r1", "r2"),
      value: fc.constantFrom("on", "off"),
    }),
    {
      maxLength: 2,
    },
  ),
  extras: fc.array(
    fc.constantFrom(
      '<cpi:offlineImage xmlns:cpi="urn:schemas-microsoft-com:cpi" cpi:source="wim:c:/a.wim#1"/>',
      '<cpi:offlineImage xmlns:cpi="urn:schemas-microsoft-com:cpi" cpi:source="wim:c:/a.wim#1" />',
      '<c:note xmlns:c="urn:contoso">x</c:note>',
    ),
    { maxLength: 3 },
  ),
  empty: fc.boolean(),
});
export type Doc = typeof doc extends fc.Arbitrary<infer T> ? T : never;
export const toDocument = (d: Doc): UnattendDocument => {
  const specialize: Record<string, unknown> = {};
  if (d.zone) specialize["Microsoft-Windows-Shell-Setup"] = { TimeZone: d.zone };
  if (d.community) {
    specialize["Microsoft-Windows-SNMP-Agent-Service"] = { ValidCommunities: [{ "wcm:keyValue": d.community.key, value: d.community.rights }] };
  }
  if (d.command) {
    specialize["Microsoft-Windows-Deployment"] = {
      RunSynchronous: [
        {
          "wcm:action": d.command.action,
          ...(d.command.keyValue ? { "wcm:keyValue": d.command.keyValue } : {}),
          Order: d.command.order,
          Path: "cmd /c exit 0",
        },
      ],
    };
  }
  const agent: Record<string, unknown> = {};
  if (d.level !== undefined) agent.Level = d.level;
  if (d.rules.length) agent.Rule = d.rules;
  const unvalidated: Record<string, unknown> = {};
  if (Object.keys(agent).length) unvalidated["Contoso-Agent"] = agent;
  if (d.empty) unvalidated["Contoso-Empty"] = {};
  return {
    settings: {
      specialize,
      ...(d.password ? { oobeSystem: { "Microsoft-Windows-Shell-Setup": { UserAccounts: { AdministratorPassword: d.password } } } } : {}),
    } as never,
    architectures: d.architectures as never,
    unvalidated: { specialize: unvalidated } as never,
    extras: d.extras.map((xml) => ({ xml })),
  };
};
/** The file a document renders to, whatever validation says of it (diff reads any file that reads without errors). */
export const render = (d: Doc) => {
  try {
    return renderParsed({ document: toDocument(d) }, { validate: false });
  } catch {
    return undefined;
  }
};

export const fields = ["architectures", "zone", "community", "password", "command", "level", "rules", "extras", "empty"] as const;
