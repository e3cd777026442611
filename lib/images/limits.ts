import "server-only";
import { env } from "@/lib/env";
import type { InputLimits } from "@/lib/processing";

/** The configured input limits (MAX_UPLOAD_MB, MAX_INPUT_MEGAPIXELS). */
export function inputLimits(): InputLimits {
  const config = env();
  return { maxBytes: config.maxUploadBytes, maxPixels: config.maxInputPixels };
}
