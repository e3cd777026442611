import "server-only";
// Ideogram's finishing tools and text services, as its v1 API reference and OpenAPI document describe them
// (developer.ideogram.ai/v1/api-reference; https://api.ideogram.ai/openapi.json as mirrored by tryAGI/Ideogram):
// - Upscale: POST /upscale, multipart `image_request` (JSON: resemblance, detail 1–100, magic_prompt_option,
//   num_images, seed, prompt?) + `image_file` (JPEG/PNG/WebP ≤ 10 MB); answers ImageObjects with
//   `upscaled_resolution`. It doubles the picture ("enhances the resolution … by up to 2X"): factor 2 only.
// - Remove background: POST /v1/remove-background, multipart `image`; answers `{created, data: [{is_image_safe, url}]}`,
//   a PNG cutout on a transparent background.
// - Reframe (3.0): POST /v1/ideogram-v3/reframe, multipart `image` (square), `resolution` (ResolutionV3),
//   `rendering_speed`, `num_images`, `seed` — no prompt (lib/providers/ideogram-reframe.ts maps an expand onto it).
// - Describe: POST /describe, multipart `image_file` + `describe_model_version` (V_2, V_3) → `{descriptions: [{text}]}`.
// - Magic prompt (4.0): POST /v1/ideogram-v4/magic-prompt, JSON `{text_prompt, aspect_ratio}` → `{aspect_ratio,
//   json_prompt}` (a structured caption: high_level_description, style_description, compositional_deconstruction).
// Prices (ideogram.ai/features/api-pricing, "Upscale, Describe & Remove Background: a flat fee for each input";
// ideogram.ai/blog/ideogram-api-pricing, 2026-11-16): remove background $0.01; upscale $0.06 (the list price
// resellers pass through); reframe at the 3.0 generation rates per rendering speed (catalog). Describe's and the
// magic prompt's amounts could not be read: both are estimated at $0.01 a call (the cautious side).
import sharp from "sharp";
import { downloadImages, postIdeogram, type IdeogramImage } from "./ideogram-http";
import { STYLES } from "./ideogram-forms";
import { reframePlan } from "./ideogram-reframe";
import { ProviderError, type EnhanceRequest, type GenerateRequest, type GenerateResult, type ModelInfo, type ProviderContext, type SourceImage, type TextResult } from "./types";

export interface ToolHost {
  baseUrl: string;
  apiKey: string;
}

/** Estimated price of a describe or magic-prompt call (see the header). */
export const IDEOGRAM_TEXT_USD = 0.01;
export const DESCRIBE_MODEL = "ideogram-describe-v3";
export const MAGIC_PROMPT_MODEL = "ideogram-v4-magic-prompt";
/** Uploads are refused over 10 MB. */
const MAX_UPLOAD = 10 * 1024 * 1024;
const UPLOAD_TYPES = ["image/png", "image/jpeg", "image/webp"];

const bad = (message: string) => new ProviderError("ideogram", "bad_request", message);

/** A picture as a multipart file Ideogram takes: JPEG, PNG or WebP within 10 MB (re-encoded when it is not). */
async function file(image: SourceImage, { flatten = false } = {}): Promise<Blob> {
  let data = image.data;
  let type = image.mimeType;
  if (!UPLOAD_TYPES.includes(type) || flatten) {
    data = await sharp(data).flatten({ background: "#ffffff" }).png().toBuffer();
    type = "image/png";
  }
  if (data.length > MAX_UPLOAD) {
    data = await sharp(data).flatten({ background: "#ffffff" }).jpeg({ quality: 92 }).toBuffer();
    type = "image/jpeg";
  }
  if (data.length > MAX_UPLOAD) throw bad("Ideogram takes pictures of at most 10 MB");
  return new Blob([new Uint8Array(data)], { type });
}

const filename = (blob: Blob) => `image.${blob.type.split("/")[1].replace("jpeg", "jpg")}`;

function source(request: GenerateRequest): SourceImage {
  if (!request.source) throw bad("This tool needs a source picture");
  return request.source;
}

/** Upscale ×2 (the only factor the endpoint has). Faithful: no prompt, no magic prompt. */
export async function upscale(host: ToolHost, model: ModelInfo, request: GenerateRequest, context: ProviderContext): Promise<GenerateResult> {
  const tool = request.tool;
  if (tool?.operation !== "upscale") throw bad("An upscale needs tool {operation: \"upscale\"}");
  const factors = model.capabilities.upscale?.factors ?? [];
  if (!factors.includes(tool.factor)) throw bad(`${model.id} upscales ×${factors.join(" or ×")}, not ×${tool.factor}`);
  const form = new FormData();
  form.set("image_request", JSON.stringify({ magic_prompt_option: "OFF", num_images: 1, ...(request.seed !== undefined ? { seed: request.seed } : {}) }));
  const blob = await file(source(request));
  form.set("image_file", blob, filename(blob));
  const answer = await postIdeogram<{ data?: IdeogramImage[] }>({ ...host, path: "/upscale", body: form, model: model.id, context });
  const images = await downloadImages(answer.data ?? [], context);
  return { images: images.slice(0, 1), sent: { prompt: null, ...(request.seed !== undefined ? { seed: request.seed } : {}) }, model: model.id, costUsd: model.costPerImageUsd };
}

/** The subject on a transparent background; an answer without an alpha channel is a failure. */
export async function removeBackground(host: ToolHost, model: ModelInfo, request: GenerateRequest, context: ProviderContext): Promise<GenerateResult> {
  const form = new FormData();
  const blob = await file(source(request));
  form.set("image", blob, filename(blob));
  const answer = await postIdeogram<{ data?: IdeogramImage[] }>({ ...host, path: "/v1/remove-background", body: form, model: model.id, context });
  const [image] = await downloadImages(answer.data ?? [], context);
  const meta = await sharp(image.data).metadata();
  const alphaMin = meta.hasAlpha ? ((await sharp(image.data).stats()).channels[3]?.min ?? 255) : 255;
  if (alphaMin === 255) throw new ProviderError("ideogram", "server", "Ideogram's background removal answered a picture without transparency");
  return { images: [image], sent: { prompt: null }, model: model.id, costUsd: model.costPerImageUsd };
}

/**
 * Expand through reframe (3.0): a square of the original and a wider or taller resolution, the answer cropped
 * back to the canvas's shape (the job resizes it to the canvas and pastes the original back).
 */
export async function reframe(host: ToolHost, model: ModelInfo, renderingSpeed: string, request: GenerateRequest, context: ProviderContext): Promise<GenerateResult> {
  const tool = request.tool;
  if (tool?.operation !== "expand") throw bad("An expand needs tool {operation: \"expand\"}");
  const canvas = source(request);
  const plan = reframePlan({ width: canvas.width, height: canvas.height }, tool.geometry, tool.original);
  if (typeof plan === "string") throw bad(plan);
  const { square, resolution, crop } = plan;
  const side = Math.min(square.size, Math.min(resolution.width, resolution.height));
  const squarePng = await sharp(canvas.data)
    .extract({ left: square.left, top: square.top, width: square.size, height: square.size })
    .resize(side, side)
    .flatten({ background: "#ffffff" })
    .png()
    .toBuffer();
  const form = new FormData();
  form.set("image", new Blob([new Uint8Array(squarePng)], { type: "image/png" }), "image.png");
  form.set("resolution", `${resolution.width}x${resolution.height}`);
  form.set("rendering_speed", renderingSpeed);
  form.set("num_images", "1");
  if (request.seed !== undefined) form.set("seed", String(request.seed));
  const answer = await postIdeogram<{ data?: IdeogramImage[] }>({ ...host, path: "/v1/ideogram-v3/reframe", body: form, model: model.id, context });
  const data = answer.data ?? [];
  const [image] = await downloadImages(data, context);
  // Crop the canvas out of the frame, scaled to what came back (the documented answer is `resolution` itself).
  const meta = await sharp(image.data).metadata();
  const kx = (meta.width ?? resolution.width) / resolution.width;
  const ky = (meta.height ?? resolution.height) / resolution.height;
  const box = {
    left: Math.round(crop.left * kx), top: Math.round(crop.top * ky),
    width: Math.min(Math.round(crop.width * kx), (meta.width ?? 0) - Math.round(crop.left * kx)),
    height: Math.min(Math.round(crop.height * ky), (meta.height ?? 0) - Math.round(crop.top * ky)),
  };
  const cropped = await sharp(image.data).extract(box).png().toBuffer();
  const notices = request.prompt?.trim() ? ["Ideogram's reframe takes no prompt: the new area continues the picture itself"] : undefined;
  return {
    images: [{ data: cropped, mimeType: "image/png", seed: image.seed, notices, params: { ideogramReframe: { resolution: `${resolution.width}x${resolution.height}`, square } } }],
    sent: { prompt: null, ...(request.seed !== undefined ? { seed: request.seed } : {}) },
    model: model.id,
    costUsd: data.length * model.costPerImageUsd,
  };
}

/** A prompt for a picture like this one: Ideogram's describe (V_3). */
export async function describe(host: ToolHost, image: SourceImage, context: ProviderContext): Promise<TextResult> {
  const form = new FormData();
  const blob = await file(image);
  form.set("image_file", blob, filename(blob));
  form.set("describe_model_version", "V_3");
  const answer = await postIdeogram<{ descriptions?: Array<{ text?: string }> }>({ ...host, path: "/describe", body: form, context });
  const text = answer.descriptions?.map((d) => d.text?.trim()).find((t) => t);
  if (!text) throw new ProviderError("ideogram", "server", "Ideogram's describe answered no description");
  return { text: plain(text, 2000), model: DESCRIBE_MODEL, costUsd: IDEOGRAM_TEXT_USD };
}

/** A short prompt rewritten by Ideogram's magic prompt (4.0), its structured caption flattened to plain words. */
export async function magicPrompt(host: ToolHost, request: EnhanceRequest, context: ProviderContext): Promise<TextResult> {
  const prompt = request.prompt.trim();
  if (!prompt) throw bad("There is no prompt to enhance");
  const styleWords = request.style ? STYLES[request.style][1] : "";
  const text_prompt = styleWords ? `${prompt}. Style: ${styleWords}` : prompt;
  const answer = await postIdeogram<{ json_prompt?: unknown }>({ ...host, path: "/v1/ideogram-v4/magic-prompt", body: { text_prompt, aspect_ratio: "AUTO" }, context });
  const text = captionText(answer.json_prompt);
  if (!text) throw new ProviderError("ideogram", "server", "Ideogram's magic prompt answered no caption");
  return { text, model: MAGIC_PROMPT_MODEL };
}

/** Plain prompt text: no surrounding quotes, single spaces, at most `max` characters (cut at a sentence end). */
function plain(text: string, max = 1000): string {
  let out = text.replace(/\s+/g, " ").trim().replace(/^["'“”]+|["'“”]+$/g, "").trim();
  if (out.length > max) {
    const cut = out.slice(0, max);
    const end = cut.lastIndexOf(". ");
    out = end > max / 2 ? cut.slice(0, end + 1) : cut.trimEnd();
  }
  return out;
}

/** A 4.0 caption (object, or its JSON text) as one prompt: the description, then its style in words. */
export function captionText(caption: unknown): string {
  let value = caption;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      return plain(value as string);
    }
  }
  if (!value || typeof value !== "object") return "";
  const c = value as { high_level_description?: unknown; style_description?: unknown };
  const parts: string[] = [];
  if (typeof c.high_level_description === "string") parts.push(c.high_level_description.trim().replace(/([^.!?])$/, "$1."));
  if (c.style_description && typeof c.style_description === "object") {
    for (const [key, v] of Object.entries(c.style_description as Record<string, unknown>)) {
      if (typeof v !== "string" || !v.trim()) continue;
      parts.push(`${key.replace(/_/g, " ").replace(/^\w/, (m) => m.toUpperCase())}: ${v.trim().replace(/[.]$/, "")}.`);
    }
  }
  return plain(parts.join(" "));
}
