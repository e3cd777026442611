import { createHash } from "node:crypto";
import { keepAnimation } from "./animated";
import { decodeError, inspectImage, type InputLimits, type InspectedImage } from "./decode";
import { encodeAs } from "./encode";
import type { OutputFormat, StoredFormat } from "./formats";
import { stripPngMetadata } from "./png-chunks";
import { openImage } from "./sharp";

export interface NormalizedImage {
  data: Buffer;
  /** GIF only for an animation. */
  format: StoredFormat;
  /** One frame's size for an animation. */
  width: number;
  height: number;
  hasAlpha: boolean;
  /** 1 for a still; an animated GIF or WebP keeps every frame. */
  frames: number;
  checksum: string;
}

/** A one-frame GIF is stored as PNG; the other formats keep their own. */
const storedFormat = (format: InspectedImage["format"]): OutputFormat => (format === "gif" ? "png" : format);

/**
 * Validates and re-encodes an upload: decoded fully (a damaged or truncated file fails here with 422),
 * orientation applied, every byte of metadata (EXIF, GPS, XMP, ICC, comments) dropped. An animated GIF or WebP
 * is not re-encoded (that would merge, re-time or degrade its frames): every frame is decoded to validate it, and
 * it is kept as it is — a GIF byte for byte, a WebP without its EXIF and XMP chunks (lib/processing/animated.ts).
 */
export async function normalizeUpload(bytes: Uint8Array, limits: InputLimits): Promise<NormalizedImage> {
  const inspected = await inspectImage(bytes, limits);
  if (inspected.frames > 1) return normalizeAnimation(bytes, inspected, limits);
  const format = storedFormat(inspected.format);
  try {
    const quality = format === "avif" ? 70 : 92;
    const hasAlpha = inspected.hasAlpha && (await transparent(bytes, limits));
    const image = openImage(bytes, limits);
    const { data, info } = await encodeAs(inspected.hasAlpha && !hasAlpha ? image.removeAlpha() : image, { format, quality }, hasAlpha).toBuffer({
      resolveWithObject: true,
    });
    return {
      data,
      format,
      width: info.width,
      height: info.height,
      hasAlpha: hasAlpha && format !== "jpeg",
      frames: 1,
      checksum: sha256(data),
    };
  } catch (e) {
    throw decodeError(e, inspected.format);
  }
}

/**
 * Validates a generated image (a provider's answer): the same header checks as an upload; a PNG has its
 * metadata chunks removed without a re-encode (its pixels are decoded, and so validated, when its renditions
 * are made, before anything is stored); an animation is kept like an uploaded one; other formats are re-encoded
 * like uploads.
 */
export async function normalizeGenerated(bytes: Uint8Array, limits: InputLimits): Promise<NormalizedImage> {
  const inspected = await inspectImage(bytes, limits);
  if (inspected.frames > 1) return normalizeAnimation(bytes, inspected, limits);
  const stripped = inspected.format === "png" ? stripPngMetadata(bytes) : null;
  if (!stripped) return normalizeUpload(bytes, limits);
  let hasAlpha = false;
  try {
    hasAlpha = inspected.hasAlpha && (await transparent(stripped, limits));
  } catch (e) {
    throw decodeError(e, "png");
  }
  return { data: stripped, format: "png", width: inspected.width, height: inspected.height, hasAlpha, frames: 1, checksum: sha256(stripped) };
}

async function normalizeAnimation(bytes: Uint8Array, inspected: InspectedImage, limits: InputLimits): Promise<NormalizedImage> {
  const format = inspected.format as "gif" | "webp";
  const { data, frames, hasAlpha } = await keepAnimation(bytes, format, inspected.frames, limits);
  return { data, format, width: inspected.width, height: inspected.height, hasAlpha, frames, checksum: sha256(data) };
}

/**
 * Whether a still with an alpha channel has a pixel that is not fully opaque: hasAlpha means real transparency,
 * not a channel (a GIF always decodes with one; many PNGs carry an opaque one). Only read for such stills.
 */
const transparent = async (bytes: Uint8Array, limits: InputLimits) => !(await openImage(bytes, limits).stats()).isOpaque;

export const sha256 = (data: Uint8Array) => createHash("sha256").update(data).digest("hex");
