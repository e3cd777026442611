import { rgbaToThumbHash, thumbHashToDataURL } from "thumbhash";
import { sharp } from "./sharp";

/** A ThumbHash (base64, ~25 bytes) that the gallery paints while the thumbnail loads. */
export async function makePlaceholder(smallImage: Uint8Array): Promise<string> {
  const { data, info } = await sharp(smallImage)
    .resize(100, 100, { fit: "inside" })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return Buffer.from(rgbaToThumbHash(info.width, info.height, data)).toString("base64");
}

/** The placeholder as a data: URL (a small PNG) for an <img> background. */
export function placeholderDataUrl(hash: string): string {
  return thumbHashToDataURL(Buffer.from(hash, "base64"));
}
