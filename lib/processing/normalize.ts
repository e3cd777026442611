import { createHash } from "node:crypto";
import { decodeError, inspectImage, type InputLimits, type InspectedImage } from "./decode";
import { encodeAs } from "./encode";
import type { OutputFormat } from "./formats";
import { stripPngMetadata } from "./png-chunks";
import { openImage } from "./sharp";

export interface NormalizedImage {
  data: Buffer;
  format: OutputFormat;
  width: number;
  height: number;
  hasAlpha: boolean;
  checksum: string;
}

/** GIF is stored as PNG (its first frame); the other formats keep their own. */
const storedFormat = (format: InspectedImage["format"]): OutputFormat => (format === "gif" ? "png" : format);

/**
 * Validates and re-encodes an upload: decoded fully (a damaged or truncated file fails here with 422),
 * orientation applied, every byte of metadata (EXIF, GPS, XMP, ICC, comments) dropped.
 */
export async function normalizeUpload(bytes: Uint8Array, limits: InputLimits): Promise<NormalizedImage> {
  const inspected = await inspectImage(bytes, limits);
  const format = storedFormat(inspected.format);
  try {
    const quality = format === "avif" ? 70 : 92;
    const { data, info } = await encodeAs(openImage(bytes, limits), { format, quality }, inspected.hasAlpha).toBuffer({
      resolveWithObject: true,
    });
    return {
      data,
      format,
      width: info.width,
      height: info.height,
      hasAlpha: inspected.hasAlpha && format !== "jpeg",
      checksum: sha256(data),
    };
  } catch (e) {
    throw decodeError(e, inspected.format);
  }
}

/**
 * Validates a generated image (a provider's answer): the same header checks as an upload; a PNG has its
 * metadata chunks removed without a re-encode (its pixels are decoded, and so validated, when its renditions
 * are made, before anything is stored); other formats are re-encoded like uploads.
 */
export async function normalizeGenerated(bytes: Uint8Array, limits: InputLimits): Promise<NormalizedImage> {
  const inspected = await inspectImage(bytes, limits);
  const stripped = inspected.format === "png" ? stripPngMetadata(bytes) : null;
  if (!stripped) return normalizeUpload(bytes, limits);
  return { data: stripped, format: "png", width: inspected.width, height: inspected.height, hasAlpha: inspected.hasAlpha, checksum: sha256(stripped) };
}

export const sha256 = (data: Uint8Array) => createHash("sha256").update(data).digest("hex");
