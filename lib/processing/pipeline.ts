import { AppError } from "@/lib/errors";
import { decodeError, type InputLimits } from "./decode";
import { encodeAs, type EncodeOptions } from "./encode";
import type { OutputFormat } from "./formats";
import { applyOperation, outputSize, type Operation, type ProcessedFormat } from "./operations";
import { renditionsFromPixels, type RawPixels, type RenditionSet } from "./renditions";
import { openImage, openRaw, sharp, type DecodeLimits, type Sharp } from "./sharp";

export interface ProcessedImage {
  data: Buffer;
  width: number;
  height: number;
  hasAlpha: boolean;
  /** Frames of an animated result (every frame of an animated source is processed); absent for a still. */
  frames?: number;
  /** The result's renditions, already made from its pixels while it was encoded (WebP/AVIF up to 4K). */
  renditions?: Promise<RenditionSet>;
}

export interface RunOperationsOptions extends DecodeLimits, Pick<InputLimits, "maxSide" | "maxAnimationPixels"> {
  /** The input's displayed size (from `inspectImage` or the database row), to check bounds before decoding. */
  width: number;
  height: number;
  /** Whether the input has an alpha channel (JPEG output flattens it). */
  hasAlpha: boolean;
  /** GIF only for an animated input (`runAnimatedOperations`). */
  output: Omit<EncodeOptions, "format"> & { format: ProcessedFormat };
  /** Stops the pipeline after this many seconds in all (504 timeout; PROCESSING_TIMEOUT_SECONDS). */
  timeoutSeconds?: number;
}

/**
 * Applies operations in order: one decode, raw pixels (uncompressed PNG with alpha) between steps (sharp runs
 * the operations of a single pipeline in its own fixed order, so each step is its own pipeline), one encode at
 * the end.
 * Every step's bounds are checked before any pixel is decoded.
 */
export async function runOperations(input: Uint8Array, operations: Operation[], options: RunOperationsOptions): Promise<ProcessedImage> {
  checkSizes(operations, options);
  const { format } = options.output;
  if (format === "gif") throw new AppError("invalid_request", "format gif is for animated images: this one is a still (use png, jpeg, webp or avif).");
  const output = { ...options.output, format };

  // JPEG output flattens alpha, and sharp flattens before any filter of the same pipeline: the last step gets
  // its own pipeline then, so transparent areas end up white rather than filtered white (inverted: black).
  const flattens = options.hasAlpha && output.format === "jpeg";
  const limited = timeLimit(options.timeoutSeconds);
  try {
    let image: Sharp = openImage(input, options);
    let current = { width: options.width, height: options.height };
    for (let i = 0; i < operations.length; i++) {
      image = applyOperation(image, operations[i], current.width, current.height);
      current = outputSize(operations[i], current.width, current.height);
      if (i < operations.length - 1 || flattens) image = await handOn(limited(image), options.hasAlpha);
      // libvips gives each pipeline at least a whole second: steps that each end just inside theirs must not add
      // up to far more than the limit.
      if (limited.expired()) throw new Error("timeout: the processing deadline passed between steps");
    }
    const hasAlpha = options.hasAlpha && output.format !== "jpeg";
    if (rendersEarly(output.format, current)) {
      // The result's pixels once; then its encode and its renditions from them, at the same time.
      const { data: pixels, info } = await limited(image).raw().toBuffer({ resolveWithObject: true });
      const raw = info as RawPixels;
      // Raw output drops the alpha of a grey image (see handOn): such a result is encoded the direct way below.
      if (!(options.hasAlpha && raw.channels % 2 === 1)) {
        const renditions = renditionsFromPixels(pixels, raw, output.format);
        const { data, info: out } = await limited(encodeAs(openRaw(pixels, raw), output, options.hasAlpha)).toBuffer({ resolveWithObject: true });
        return { data, width: out.width, height: out.height, hasAlpha, renditions };
      }
    }
    const { data, info } = await limited(encodeAs(image, output, options.hasAlpha)).toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height, hasAlpha };
  } catch (e) {
    throw timeoutError(e, options.timeoutSeconds) ?? decodeError(e);
  }
}

/** Checks every step's result size (pixels, MAX_IMAGE_SIDE) before anything is decoded; returns the final size. */
export function checkSizes(operations: Operation[], options: Pick<RunOperationsOptions, "width" | "height" | "maxPixels" | "maxSide">) {
  let size = { width: options.width, height: options.height };
  operations.forEach((op, i) => {
    size = outputSize(op, size.width, size.height, operations.length > 1 ? i : undefined);
    if (size.width * size.height > options.maxPixels) {
      throw new AppError("invalid_request", `The result would be ${size.width}×${size.height}, over the pixel limit.`);
    }
    if (options.maxSide !== undefined && Math.max(size.width, size.height) > options.maxSide) {
      throw new AppError("invalid_request", `The result would be ${size.width}×${size.height} px: a side may be at most ${options.maxSide} px.`, {
        details: { width: size.width, height: size.height, maxSide: options.maxSide, setting: "MAX_IMAGE_SIDE" },
      });
    }
  });
  return size;
}

/**
 * Gives each pipeline what is left of `seconds` counted from now (sharp's `timeout`, checked by libvips as it
 * works): the last resort behind the budget, for work the estimate did not foresee.
 */
export function timeLimit(seconds: number | undefined): ((image: Sharp) => Sharp) & { expired: () => boolean } {
  if (seconds === undefined) return Object.assign((image: Sharp) => image, { expired: () => false });
  const deadline = performance.now() + seconds * 1000;
  const limit = (image: Sharp) => image.timeout({ seconds: Math.max(1, Math.ceil((deadline - performance.now()) / 1000)) });
  return Object.assign(limit, { expired: () => performance.now() > deadline });
}

/** A libvips timeout as the API's 504, naming the limit; undefined for any other failure. */
export function timeoutError(e: unknown, seconds: number | undefined): AppError | undefined {
  if (seconds === undefined || !(e instanceof Error) || !/^timeout\b/i.test(e.message)) return undefined;
  return new AppError("timeout", `Processing was stopped after the time limit of ${seconds} s (PROCESSING_TIMEOUT_SECONDS).`, {
    details: { limit: "PROCESSING_TIMEOUT_SECONDS", value: seconds },
    cause: e,
  });
}

/** Materialises one step's pixels as the input of the next. */
export async function handOn(image: Sharp, hasAlpha: boolean): Promise<Sharp> {
  // After a grayscale filter sharp's raw output keeps only the first band, dropping alpha: an image with alpha
  // is handed on as an uncompressed PNG instead.
  if (hasAlpha) {
    return sharp(await image.png({ compressionLevel: 0, adaptiveFiltering: false }).toBuffer(), { limitInputPixels: false });
  }
  const { data, info } = await image.raw().toBuffer({ resolveWithObject: true });
  return openRaw(data, info as { width: number; height: number; channels: 1 | 2 | 3 | 4 });
}

/**
 * Whether a result's renditions (thumbnail, preview, placeholder; `makeRenditions`) are made here from its
 * pixels while it is encoded, rather than later by decoding the encoded result: the encoder leaves a core idle
 * (libwebp encodes on one thread), and WebP and AVIF are slow to decode again. Only for those two formats,
 * whose bytes are the same encoded straight from the pipeline or from its raw pixels (a JPEG or PNG would lose
 * the input's density), and up to 4K UHD, so that holding the pixels meanwhile stays cheap (≤ 33 MB).
 */
const earlyRenditionsMaxPixels = 3840 * 2160;
function rendersEarly(format: OutputFormat, size: { width: number; height: number }): boolean {
  return (format === "webp" || format === "avif") && size.width * size.height <= earlyRenditionsMaxPixels;
}
