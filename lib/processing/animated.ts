import { AppError } from "@/lib/errors";
import { animationLimits, decodeError, type InputLimits } from "./decode";
import type { AnimatedFormat } from "./formats";
import { gifFrameCount } from "./gif-blocks";
import { sharp, type Sharp } from "./sharp";
import { stripWebpMetadata, webpFrameCount } from "./webp-chunks";

// Animated GIF and WebP: kept as they are on the way in (every frame decoded once to validate it), and processed
// frame by frame. libvips holds an animation as one tall strip of frames (`pageHeight`), and its operations see the
// strip, not the frames: a quarter turn is refused, a flip or a half turn reverses the order of the frames, a blur
// bleeds across frame edges. So each frame is cut from the decoded strip, processed as a still, and the results are
// stacked again for the encoder, with the source's frame delays and loop count.

export interface AnimatedOriginal {
  /** The bytes to store: a GIF exactly as given; a WebP without its EXIF/XMP chunks, every frame kept. */
  data: Buffer;
  frames: number;
  /** Some pixel of some frame is not fully opaque (a GIF always decodes with an alpha channel: the pixels decide). */
  hasAlpha: boolean;
}

/**
 * Checks an animated GIF or WebP whose header `inspectImage` accepted: its container is whole (a GIF's blocks up
 * to the trailer, a WebP's RIFF chunks), the frame count matches, and every frame decodes (422 otherwise).
 */
export async function keepAnimation(bytes: Uint8Array, format: AnimatedFormat, frames: number, limits: InputLimits): Promise<AnimatedOriginal> {
  const data = format === "gif" ? Buffer.from(bytes) : stripWebpMetadata(bytes);
  const counted = data && (format === "gif" ? gifFrameCount(data) : webpFrameCount(data));
  if (!data || counted !== frames) {
    throw new AppError("invalid_image", `The file could not be decoded as ${format.toUpperCase()}: it is damaged or truncated.`);
  }
  try {
    // Every frame is decoded (stats streams the strip through: no frame is held longer than it takes); the same
    // pass tells whether any pixel is transparent.
    const { isOpaque } = await openAnimation(data, limits).stats();
    return { data, frames, hasAlpha: !isOpaque };
  } catch (e) {
    throw decodeError(e, format);
  }
}

/** Opens every frame of an animation as one strip, within the animation pixel limit. */
export function openAnimation(input: Uint8Array, limits: Pick<InputLimits, "maxPixels" | "maxAnimationPixels">): Sharp {
  const { maxAnimationPixels } = animationLimits(limits);
  return sharp(input, { animated: true, limitInputPixels: maxAnimationPixels, failOn: "error" });
}

/** An animation's frames decoded: one RGBA strip, frame after frame, with the timing the file gave. */
export interface DecodedFrames {
  strip: Buffer;
  width: number;
  /** Height of one frame. */
  height: number;
  frames: number;
  /** Each frame's delay in milliseconds, when the file gives them. */
  delay?: number[];
  /** Loop count (0: forever). */
  loop?: number;
}

/** Decodes every frame of an animation to RGBA. */
export async function decodeFrames(
  input: Uint8Array,
  limits: Pick<InputLimits, "maxPixels" | "maxAnimationPixels">,
  limit: (image: Sharp) => Sharp = (image) => image,
): Promise<DecodedFrames> {
  const image = openAnimation(input, limits);
  const meta = await image.metadata();
  const { data, info } = await limit(image.toColourspace("srgb").ensureAlpha()).raw().toBuffer({ resolveWithObject: true });
  const frames = meta.pages ?? 1;
  const height = info.pageHeight ?? Math.round(info.height / frames);
  return { strip: data, width: info.width, height, frames, delay: meta.delay, loop: meta.loop };
}

/** Frame `index` of a decoded strip (a view, not a copy). */
export const frameOf = (decoded: Pick<DecodedFrames, "strip" | "width" | "height">, index: number): Buffer => {
  const size = decoded.width * decoded.height * 4;
  return decoded.strip.subarray(index * size, (index + 1) * size);
};

/** Frames of one size, RGBA, stacked back into an animation encoder: GIF or WebP with the given timing. */
export function encodeFrames(
  frames: Buffer[],
  size: { width: number; height: number },
  output: { format: AnimatedFormat; quality?: number },
  timing: Pick<DecodedFrames, "delay" | "loop">,
): Sharp {
  const strip = Buffer.concat(frames);
  const image = sharp(strip, { raw: { width: size.width, height: size.height * frames.length, channels: 4, pageHeight: size.height }, limitInputPixels: false });
  const animation = {
    loop: timing.loop ?? 0,
    ...(timing.delay?.length === frames.length ? { delay: timing.delay } : {}),
  };
  // keepDuplicateFrames: two equal frames in a row stay two frames (the count and each frame's delay are kept).
  if (output.format === "gif") return image.gif({ ...animation, keepDuplicateFrames: true, effort: 7 });
  return image.webp({ ...animation, quality: output.quality ?? 90, effort: 4, alphaQuality: 90 });
}
