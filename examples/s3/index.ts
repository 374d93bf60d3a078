/**
 * unattend.xml stored as an S3 object, e.g. for an image pipeline that
 * downloads it. The object's `source` takes the UnattendFile's `asset`; any
 * provider resource that takes a `pulumi.asset.Asset` (an Azure or Google
 * Cloud storage blob, a file on a remote host) takes it the same way.
 *
 *   npm install pulumi-unattend @pulumi/pulumi @pulumi/aws
 *   pulumi config set aws:region eu-west-1
 *   pulumi up
 */
import * as s3 from "@pulumi/aws/s3";
import { UnattendFile } from "pulumi-unattend";

const unattend = new UnattendFile("image", {
  settings: {
    generalize: { "Microsoft-Windows-WorkstationService": { AllowInsecureGuestAuth: 0 } },
    specialize: { "Microsoft-Windows-Shell-Setup": { TimeZone: "UTC" } },
  },
});

const bucket = new s3.Bucket("images", {});
new s3.BucketServerSideEncryptionConfiguration("images", {
  bucket: bucket.id,
  rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
});
const object = new s3.BucketObjectv2("unattend.xml", {
  bucket: bucket.id,
  key: "windows/unattend.xml",
  contentType: "application/xml",
  source: unattend.asset,
});

export const objectKey = object.key;
export const sha256 = unattend.sha256;
