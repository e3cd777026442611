// The finishing-tool models of the fake Replicate (tests/fakes/replicate.ts), with their input schemas as
// replicate.com lists them (December 2026):
// - google/upscaler (https://replicate.com/google/upscaler/api/schema): `image` (uri, required), `upscale_factor`
//   "x2" | "x4" (default x2), `compression_quality` 1–100; output one uri. The fake answers the image resized by the
//   factor (PNG); an output over 17 MP fails the prediction as Imagen's upscaler does.
// - bria/remove-background (https://replicate.com/bria/remove-background/api/schema): `image` or `image_url` (uri),
//   `preserve_alpha` (default true), `content_moderation` (default false), `preserve_partial_alpha` (deprecated);
//   output one uri: a PNG whose background (the top-left pixel's colour, in the fake) is transparent.
import sharp from "sharp";

type Rule = (value: unknown) => string | null;
const uri: Rule = (v) => (typeof v === "string" && /^(data:image\/[\w.+-]+;base64,|https?:\/\/)/.test(v) ? null : "must be a URI");
const bool: Rule = (v) => (typeof v === "boolean" ? null : "must be a boolean");

export const TOOL_SCHEMAS: Record<string, Record<string, Rule>> = {
  "google/upscaler": {
    image: uri,
    upscale_factor: (v) => (v === "x2" || v === "x4" ? null : "must be one of x2, x4"),
    compression_quality: (v) => (Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 100 ? null : "must be an integer 1–100"),
  },
  "bria/remove-background": { image: uri, image_url: uri, preserve_alpha: bool, content_moderation: bool, preserve_partial_alpha: bool },
};

/** Missing required inputs of a tool model (each listed group needs one of its fields). */
export function toolRequired(model: string, input: Record<string, unknown>): string[] {
  if (model === "google/upscaler") return "image" in input ? [] : ["image: is required"];
  if (model === "bria/remove-background") return "image" in input || "image_url" in input ? [] : ["image: one of image or image_url is required"];
  return [];
}

const decode = (value: unknown) => {
  const match = /^data:[^;]+;base64,(.*)$/s.exec(String(value));
  if (!match) throw new Error("fake: tool inputs must be data URIs here");
  return Buffer.from(match[1], "base64");
};

/** What a tool model makes of its input: PNG bytes, or an error message (the prediction then fails). */
export async function toolOutput(model: string, input: Record<string, unknown>): Promise<Buffer | string> {
  const data = decode(input.image ?? input.image_url);
  if (model === "google/upscaler") {
    const factor = input.upscale_factor === "x4" ? 4 : 2;
    const meta = await sharp(data).metadata();
    const [width, height] = [meta.width * factor, meta.height * factor];
    if (width * height > 17_000_000) return `Output of ${width}x${height} is over the 17 megapixel limit`;
    return sharp(data).resize(width, height, { kernel: "lanczos3" }).png().toBuffer();
  }
  const { data: rgba, info } = await sharp(data).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const [r, g, b] = [rgba[0], rgba[1], rgba[2]];
  for (let i = 0; i < info.width * info.height; i++) {
    const o = i * 4;
    if (Math.abs(rgba[o] - r) <= 24 && Math.abs(rgba[o + 1] - g) <= 24 && Math.abs(rgba[o + 2] - b) <= 24) rgba[o + 3] = 0;
  }
  return sharp(rgba, { raw: { width: info.width, height: info.height, channels: 4 } }).png().toBuffer();
}
