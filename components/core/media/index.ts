/**
 * The installation media: a Windows image file's images (wim.ts: the header
 * and XML resource; metadata.ts: the images) and the answer file checked
 * against them (checks.ts).
 */
export { readWindowsImage, type WindowsImage, type WindowsImageInfo } from "./metadata";
export { BUILD_CHANGES, checkMedia, checkUnattendMedia, selectedImages, type MediaCheckOptions } from "./checks";
export type { WimHeader, WimResource, WimCompression } from "./wim";
