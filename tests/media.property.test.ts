/**
 * Properties of the media reader and checks (fast-check; the seed of a failure is printed): no input makes
 * readWindowsImage throw, and a file it cannot read gives exactly one error and no images; checkMedia
 * reports a name as unknown exactly when no image has it (in any case).
 */
import { expect } from "chai";
import fc from "fast-check";
import { readWindowsImage } from "../components/pure";
import { checkMedia, type WindowsImage } from "../components/core/media";
import { normalize } from "../components/core/normalize";
import { WIM_HEADER_SIZE } from "../components/core/media/wim";
import { xmlTextProblem } from "../components/core/xml/text";
import { handMadeWim } from "./media-images";

const VALID = handMadeWim('<WIM><IMAGE INDEX="1"><NAME>Windows 11 Pro</NAME><WINDOWS><ARCH>9</ARCH></WINDOWS></IMAGE></WIM>');

function wellFormedResult(input: Uint8Array): void {
  const r = readWindowsImage(input);
  const errors = r.diagnostics.filter((d) => d.severity === "error");
  expect(errors.length).to.be.at.most(1);
  if (errors.length === 1) {
    expect(r.images).to.deep.equal([]);
    expect(errors[0].code).to.equal("media-unreadable");
  }
}

describe("media: properties", () => {
  it("any bytes: never throws; unreadable means one error and no images", () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 600 }), wellFormedResult), { numRuns: 300 });
  });

  it("a valid file with bytes of its header changed: never throws", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: WIM_HEADER_SIZE - 1 }), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
        (edits) => {
          const bytes = Buffer.from(VALID);
          for (const [at, value] of edits) bytes[at] = value;
          wellFormedResult(bytes);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("any text as the XML metadata: never throws", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: "binary" }),
          fc.string().map((s) => `<WIM><IMAGE INDEX="1"><NAME>${s}</NAME></IMAGE></WIM>`),
        ),
        (xml) => wellFormedResult(handMadeWim(xml)),
      ),
      { numRuns: 300 },
    );
  });

  it("checkMedia: a name is unknown exactly when no image has it, in any case", () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 5 }),
        fc.string({ minLength: 1, maxLength: 12 }),
        (names, value) => {
          // text XML can hold, and no template placeholder (those select nothing)
          fc.pre(value.trim() !== "" && xmlTextProblem(value) === undefined && !/[${}%@]/.test(value));
          const images: WindowsImage[] = names.map((name, i) => ({ index: i + 1, name, languages: [] }));
          const doc = normalize({
            settings: {
              windowsPE: {
                "Microsoft-Windows-Setup": { ImageInstall: { OSImage: { InstallFrom: { MetaData: [{ Key: "/IMAGE/NAME", Value: value }] } } } },
              },
            },
          } as never);
          const found = checkMedia(doc, images).filter((d) => d.code === "media-image-name");
          const exact = names.includes(value);
          const folded = names.some((n) => n.toLowerCase() === value.toLowerCase());
          if (exact) expect(found).to.deep.equal([]);
          else if (folded) expect(found.map((d) => d.severity)).to.deep.equal(["warning"]);
          else expect(found.map((d) => d.severity)).to.deep.equal(["error"]);
        },
      ),
      { numRuns: 300 },
    );
  });
});
