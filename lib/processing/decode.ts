import { AppError } from "@/lib/errors";
import { describeUnsupported, sniffFormat, type InputFormat } from "./formats";
import { readHeader } from "./sharp";

export interface InputLimits {
  maxBytes: number;
  maxPixels: number;
}

export interface InspectedImage {
  format: InputFormat;
  /** Displayed size (EXIF orientation applied; first frame for animations). */
  width: number;
  height: number;
  hasAlpha: boolean;
}

const mp = (pixels: number) => `${(pixels / 1_000_000).toFixed(pixels < 10_000_000 ? 1 : 0)} MP`;

/**
 * Validates bytes as an accepted image from the bytes alone, reading only the header: the format by its magic
 * numbers (415 otherwise), the byte and pixel limits (413 / 422). A decompression bomb is refused here,
 * before a single pixel is decoded.
 */
export async function inspectImage(bytes: Uint8Array, limits: InputLimits): Promise<InspectedImage> {
  if (bytes.length === 0) throw new AppError("invalid_request", "The file is empty.");
  if (bytes.length > limits.maxBytes) {
    throw new AppError("payload_too_large", `The file is ${mb(bytes.length)}, over the ${mb(limits.maxBytes)} limit.`);
  }
  const format = sniffFormat(bytes);
  if (!format) {
    throw new AppError(
      "unsupported_media_type",
      `The file is ${describeUnsupported(bytes)}, not an accepted image: upload JPEG, PNG, WebP, AVIF or GIF.`,
    );
  }
  let meta;
  try {
    meta = await readHeader(bytes);
  } catch {
    throw new AppError("invalid_image", `The file looks like ${format.toUpperCase()} but its header cannot be read.`);
  }
  const rotated = (meta.orientation ?? 1) >= 5;
  const frameHeight = meta.pageHeight ?? meta.height;
  const width = rotated ? frameHeight : meta.width;
  const height = rotated ? meta.width : frameHeight;
  if (!width || !height) throw new AppError("invalid_image", "The image has no dimensions.");
  if (width * height > limits.maxPixels) {
    throw new AppError(
      "invalid_image",
      `The image is ${width}×${height} (${mp(width * height)}), over the ${mp(limits.maxPixels)} limit.`,
      { details: { width, height, maxPixels: limits.maxPixels } },
    );
  }
  return { format, width, height, hasAlpha: !!meta.hasAlpha };
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`;

/** Turns a libvips decode failure into the API's error. */
export function decodeError(e: unknown, format?: string): AppError {
  if (e instanceof AppError) return e;
  const message = e instanceof Error ? e.message : String(e);
  if (/pixel limit/i.test(message)) return new AppError("invalid_image", "The image exceeds the pixel limit.");
  return new AppError(
    "invalid_image",
    `The file could not be decoded as ${format ? format.toUpperCase() : "an image"}: it is damaged or truncated.`,
    { cause: e },
  );
}
