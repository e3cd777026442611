import { AppError } from "@/lib/errors";
import { decodeError } from "./decode";
import { encodeAs, type EncodeOptions } from "./encode";
import { applyOperation, outputSize, type Operation } from "./operations";
import { openImage, openRaw, sharp, type DecodeLimits, type Sharp } from "./sharp";

export interface ProcessedImage {
  data: Buffer;
  width: number;
  height: number;
  hasAlpha: boolean;
}

export interface RunOperationsOptions extends DecodeLimits {
  /** The input's displayed size (from `inspectImage` or the database row), to check bounds before decoding. */
  width: number;
  height: number;
  /** Whether the input has an alpha channel (JPEG output flattens it). */
  hasAlpha: boolean;
  output: EncodeOptions;
}

/**
 * Applies operations in order: one decode, raw pixels (uncompressed PNG with alpha) between steps (sharp runs
 * the operations of a single pipeline in its own fixed order, so each step is its own pipeline), one encode at
 * the end.
 * Every step's bounds are checked before any pixel is decoded.
 */
export async function runOperations(input: Uint8Array, operations: Operation[], options: RunOperationsOptions): Promise<ProcessedImage> {
  let size = { width: options.width, height: options.height };
  operations.forEach((op, i) => {
    size = outputSize(op, size.width, size.height, operations.length > 1 ? i : undefined);
    if (size.width * size.height > options.maxPixels) {
      throw new AppError("invalid_request", `The result would be ${size.width}×${size.height}, over the pixel limit.`);
    }
  });

  // JPEG output flattens alpha, and sharp flattens before any filter of the same pipeline: the last step gets
  // its own pipeline then, so transparent areas end up white rather than filtered white (inverted: black).
  const flattens = options.hasAlpha && options.output.format === "jpeg";
  try {
    let image: Sharp = openImage(input, options);
    let current = { width: options.width, height: options.height };
    for (let i = 0; i < operations.length; i++) {
      image = applyOperation(image, operations[i], current.width, current.height);
      current = outputSize(operations[i], current.width, current.height);
      if (i < operations.length - 1 || flattens) image = await handOn(image, options.hasAlpha);
    }
    const { data, info } = await encodeAs(image, options.output, options.hasAlpha).toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height, hasAlpha: options.hasAlpha && options.output.format !== "jpeg" };
  } catch (e) {
    throw decodeError(e);
  }
}

/** Materialises one step's pixels as the input of the next. */
async function handOn(image: Sharp, hasAlpha: boolean): Promise<Sharp> {
  // After a grayscale filter sharp's raw output keeps only the first band, dropping alpha: an image with alpha
  // is handed on as an uncompressed PNG instead.
  if (hasAlpha) {
    return sharp(await image.png({ compressionLevel: 0, adaptiveFiltering: false }).toBuffer(), { limitInputPixels: false });
  }
  const { data, info } = await image.raw().toBuffer({ resolveWithObject: true });
  return openRaw(data, info as { width: number; height: number; channels: 1 | 2 | 3 | 4 });
}
