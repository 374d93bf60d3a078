import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { endFailedRegistration, recordingMocks, valueOf } from "./mocks";
import { buildImages, skipWithoutWimlib } from "./media-images";

type Components = typeof import("../components");

const imageInstall = (Key: string, Value: pulumi.Input<string>) => ({
  windowsPE: { "Microsoft-Windows-Setup": { ImageInstall: { OSImage: { InstallFrom: { MetaData: [{ Key, Value }] } } } } },
});

describe("UnattendFile's media argument (Pulumi mocks)", function () {
  this.timeout(60_000);
  let mod: Components;
  let wim = "";
  let registered: pulumi.runtime.MockResourceArgs[] = [];
  before(async function () {
    skipWithoutWimlib(this);
    wim = buildImages().multi;
    registered = await recordingMocks();
    mod = require("../components") as Components;
  });

  const failure = async (file: InstanceType<Components["UnattendFile"]>) => {
    try {
      await valueOf(file.xml);
    } catch (e) {
      return e as pulumi.ResourceError;
    }
    return undefined;
  };

  it("an image name the media does not have fails the resource, listing the images; nothing about the images is registered", async () => {
    const file = new mod.UnattendFile("wrong-image", { settings: imageInstall("/IMAGE/NAME", "Windows 11 Pro N") as never, media: wim });
    const error = await failure(file);
    expect(error).to.be.instanceOf(pulumi.ResourceError);
    expect(error!.message).to.match(/^UnattendFile "wrong-image": 1 error/);
    expect(error!.message).to.contain("MetaData[0].Value").and.contain('Did you mean "Windows 11 Pro"?');
    const cause = error!.cause as InstanceType<Components["UnattendValidationError"]>;
    expect(cause.diagnostics.map((d) => d.code)).to.deep.equal(["media-image-name"]);
    expect(JSON.stringify(registered)).to.not.contain("Windows 11 Éducation");
    endFailedRegistration(registered, "wrong-image-state");
  });

  it("a name given as an Output is checked once known; a matching one renders", async () => {
    const ok = new mod.UnattendFile("right-image", {
      settings: imageInstall("/IMAGE/NAME", pulumi.output("Windows 11 Pro")) as never,
      media: pulumi.output(wim),
    });
    expect(await valueOf(ok.xml)).to.contain("<Value>Windows 11 Pro</Value>");
    const late = new mod.UnattendFile("late-image", { settings: imageInstall("/IMAGE/INDEX", pulumi.output("9")) as never, media: wim });
    expect((await failure(late))?.message).to.contain("has no image of that index");
    endFailedRegistration(registered, "late-image-state");
  });

  it("settings given as layers (the image() block) are checked too", async () => {
    const file = new mod.UnattendFile("layers", { settings: [mod.image({ index: 7 })] as never, media: wim });
    expect((await failure(file))?.message)
      .to.contain('/IMAGE/INDEX is "7"')
      .and.contain('1 "Windows 11 Pro"');
    endFailedRegistration(registered, "layers-state");
    const ok = new mod.UnattendFile("layers-ok", { settings: [mod.image({ description: "Windows 11 Pro" })] as never, media: wim });
    expect(await valueOf(ok.xml)).to.contain("<Key>/IMAGE/DESCRIPTION</Key>");
  });

  it("the document's own errors come first, without waiting on the media", async () => {
    const file = new mod.UnattendFile("invalid-doc", {
      settings: pulumi.output({ generalize: { "Microsoft-Windows-WorkstationService": { AllowInsecureGuestAuth: 2 } } }) as never,
      media: new Promise<string>(() => {}), // never known: the document's check does not wait for it
    });
    const error = await failure(file);
    const cause = error!.cause as InstanceType<Components["UnattendValidationError"]>;
    expect(cause.diagnostics.map((d) => d.code)).to.deep.equal(["out-of-range"]);
    endFailedRegistration(registered, "invalid-doc-state");
  });

  it("a media file that is not a Windows image fails with its one error", async () => {
    const file = new mod.UnattendFile("not-media", { settings: imageInstall("/IMAGE/INDEX", "1") as never, media: __filename });
    const error = await failure(file);
    expect(error?.message).to.contain("is not a Windows image");
    endFailedRegistration(registered, "not-media-state");
  });
});
