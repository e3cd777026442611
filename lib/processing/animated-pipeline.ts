import { AppError } from "@/lib/errors";
import { decodeFrames, encodeFrames, frameOf } from "./animated";
import { decodeError } from "./decode";
import { isAnimatedFormat } from "./formats";
import { applyOperation, outputSize, type Operation } from "./operations";
import { checkSizes, handOn, timeLimit, timeoutError, type ProcessedImage, type RunOperationsOptions } from "./pipeline";
import { openRaw, type Sharp } from "./sharp";

/** Frames processed at the same time (each is a few small libvips pipelines; the thread pool has four threads). */
const parallelFrames = 4;

/**
 * `runOperations` for an animated GIF or WebP: every frame is decoded once (one RGBA strip), each frame goes
 * through the operations as a still would (its own pipeline per step: a crop cuts the same rectangle from every
 * frame, a quarter turn turns each frame, a flip mirrors each frame in place, a blur never reaches across frames),
 * and the results are encoded as an animation again (GIF or WebP), with the source's frame delays and loop count.
 * A still format for an animated source is refused (400): nothing is dropped without being asked.
 */
export async function runAnimatedOperations(input: Uint8Array, operations: Operation[], options: RunOperationsOptions & { frames: number }): Promise<ProcessedImage> {
  const size = checkSizes(operations, options);
  const format = options.output.format;
  if (!isAnimatedFormat(format)) {
    throw new AppError(
      "invalid_request",
      `The image is animated (${options.frames} frames): the result keeps every frame, as gif or webp — ${format} holds one picture.`,
      { details: [{ path: ["format"], message: "must be gif or webp for an animated image" }] },
    );
  }
  const limited = timeLimit(options.timeoutSeconds);
  try {
    const decoded = await decodeFrames(input, options, limited);
    const results: Buffer[] = new Array(decoded.frames);
    for (let start = 0; start < decoded.frames; start += parallelFrames) {
      const batch = Array.from({ length: Math.min(parallelFrames, decoded.frames - start) }, (_, k) => start + k);
      await Promise.all(batch.map(async (i) => (results[i] = await processFrame(frameOf(decoded, i), decoded, operations, limited))));
      if (limited.expired()) throw new Error("timeout: the processing deadline passed between frames");
    }
    const { data } = await limited(encodeFrames(results, size, { format, quality: options.output.quality }, decoded)).toBuffer({
      resolveWithObject: true,
    });
    return { data, width: size.width, height: size.height, hasAlpha: options.hasAlpha, frames: decoded.frames };
  } catch (e) {
    throw timeoutError(e, options.timeoutSeconds) ?? decodeError(e, format);
  }
}

/** One frame through every operation, as RGBA pixels of the result's size. */
async function processFrame(pixels: Buffer, size: { width: number; height: number }, operations: Operation[], limited: (image: Sharp) => Sharp): Promise<Buffer> {
  let image = openRaw(pixels, { width: size.width, height: size.height, channels: 4 });
  let current = size;
  for (const op of operations) {
    image = applyOperation(image, op, current.width, current.height);
    current = outputSize(op, current.width, current.height);
    // Each step is its own pipeline (sharp orders a pipeline's operations itself); an uncompressed PNG between
    // steps keeps the alpha a grey filter's raw output would drop.
    image = await handOn(limited(image), true);
  }
  const { data } = await limited(image.toColourspace("srgb").ensureAlpha()).raw().toBuffer({ resolveWithObject: true });
  return data;
}
