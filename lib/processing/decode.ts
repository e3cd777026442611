import { AppError } from "@/lib/errors";
import { describeUnsupported, sniffFormat, type InputFormat } from "./formats";
import { readHeader } from "./sharp";

export interface InputLimits {
  maxBytes: number;
  /** Largest width × height of one picture (one frame of an animation). */
  maxPixels: number;
  /** Longest side (MAX_IMAGE_SIDE; default 16383, WebP's limit), however few pixels the image has. */
  maxSide?: number;
  /** Most frames of an animation (MAX_ANIMATION_FRAMES; default 1000). */
  maxFrames?: number;
  /** Most decoded pixels of an animation, every frame counted (default 10 × maxPixels). */
  maxAnimationPixels?: number;
}

/** The side limit by default: the largest WebP (16383 px), which every browser also shows. */
export const defaultMaxSide = 16_383;
export const defaultMaxFrames = 1000;

/** The limits of `limits` with their defaults filled in. */
export function animationLimits(limits: Pick<InputLimits, "maxPixels" | "maxSide" | "maxFrames" | "maxAnimationPixels">) {
  return {
    maxSide: limits.maxSide ?? defaultMaxSide,
    maxFrames: limits.maxFrames ?? defaultMaxFrames,
    maxAnimationPixels: limits.maxAnimationPixels ?? 10 * limits.maxPixels,
  };
}

export interface InspectedImage {
  format: InputFormat;
  /** Displayed size (EXIF orientation applied; first frame for animations). */
  width: number;
  height: number;
  hasAlpha: boolean;
  /** Frames of an animated GIF or WebP as its header announces them; 1 for a still (and any other format). */
  frames: number;
}

const mp = (pixels: number) => `${(pixels / 1_000_000).toFixed(pixels < 10_000_000 ? 1 : 0)} MP`;

/**
 * Validates bytes as an accepted image from the bytes alone, reading only the header: the format by its magic
 * numbers (415 otherwise), the byte, pixel and side limits (413 / 422) and, for an animation, its frames and
 * their pixels together (422). A decompression bomb is refused here, before a single pixel is decoded.
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
  const frames = (format === "gif" || format === "webp") && meta.pages && meta.pages > 1 ? meta.pages : 1;
  // An animation is stored without its EXIF (lib/processing/animated.ts), so as its frames are, unrotated.
  const rotated = frames === 1 && (meta.orientation ?? 1) >= 5;
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
  const { maxSide, maxFrames, maxAnimationPixels } = animationLimits(limits);
  if (Math.max(width, height) > maxSide) {
    throw new AppError("invalid_image", `The image is ${width}×${height} px: a side may be at most ${maxSide} px.`, {
      details: { width, height, maxSide, setting: "MAX_IMAGE_SIDE" },
    });
  }
  if (frames > maxFrames) {
    throw new AppError("invalid_image", `The animation has ${frames} frames, over the limit of ${maxFrames} (MAX_ANIMATION_FRAMES).`, {
      details: { frames, maxFrames },
    });
  }
  if (width * height * frames > maxAnimationPixels) {
    throw new AppError(
      "invalid_image",
      `The animation is ${width}×${height} × ${frames} frames (${mp(width * height * frames)} decoded), over the ${mp(maxAnimationPixels)} ` +
        `limit for all frames together (10 × MAX_INPUT_MEGAPIXELS).`,
      { details: { width, height, frames, maxAnimationPixels } },
    );
  }
  return { format, width, height, hasAlpha: !!meta.hasAlpha, frames };
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
