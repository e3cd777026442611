import "server-only";
import { env } from "@/lib/env";
import type { InputLimits } from "@/lib/processing";

/** The configured input limits (MAX_UPLOAD_MB, MAX_INPUT_MEGAPIXELS, MAX_IMAGE_SIDE, MAX_ANIMATION_FRAMES). */
export function inputLimits(): Required<InputLimits> {
  const config = env();
  return {
    maxBytes: config.maxUploadBytes,
    maxPixels: config.maxInputPixels,
    maxSide: config.MAX_IMAGE_SIDE,
    maxFrames: config.MAX_ANIMATION_FRAMES,
    // Every frame of an animation together: ten pictures' worth of pixels.
    maxAnimationPixels: 10 * config.maxInputPixels,
  };
}
