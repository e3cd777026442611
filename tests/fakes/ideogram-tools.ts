// The finishing-tool and text endpoints of the fake Ideogram API (tests/fakes/ideogram.ts), as documented in
// December 2026 (developer.ideogram.ai/v1/api-reference and the OpenAPI document at https://api.ideogram.ai/openapi.json,
// mirrored by tryAGI/Ideogram):
// - POST /upscale — multipart `image_request` (JSON text: prompt, resemblance 1–100, detail 1–100,
//   magic_prompt_option AUTO|ON|OFF, magic_prompt_version, num_images 1–8, seed) and `image_file` (JPEG/PNG/WebP
//   ≤ 10 MB); answers GenerateImageResponse items with `resolution` and `upscaled_resolution` (the fake doubles).
// - POST /v1/remove-background — multipart `image`; answers `{created, data: [{is_image_safe, url}]}`, a PNG whose
//   background (the colour of the top-left pixel, in the fake) is transparent.
// - POST /v1/ideogram-v3/reframe — multipart `image` ("Reframe a square image": a non-square one is refused),
//   `resolution` (ResolutionV3, required), `num_images`, `seed`, `rendering_speed`, `style_preset`, `color_palette`,
//   `style_codes`, `style_reference_images`. The fake keeps the square in the middle (its side = the output's short
//   side) and paints the new area EDIT_PAINT.
// - POST /describe — multipart `image_file`, `describe_model_version` V_2|V_3|CUSTOM → `{descriptions: [{text}]}`.
// - POST /v1/ideogram-v4/magic-prompt — JSON `{text_prompt, aspect_ratio}` (aspect_ratio AUTO or a bucket such as
//   "16x9") → `{aspect_ratio, json_prompt: {high_level_description, style_description, compositional_deconstruction}}`.
// Undocumented fields are refused (400), as for the generation endpoints.
import type { ServerResponse } from "node:http";
import { randomBytes } from "node:crypto";
import sharp from "sharp";
import { IDEOGRAM_V3_RESOLUTIONS } from "@/lib/providers/ideogram-reframe";
import { json, type FakeServer, type RecordedRequest } from "./harness";
import { EDIT_PAINT, Invalid, REFUSED_WORD, checkPalette, formOf, imageFile, integer, must, oneOf, type IdeogramInput } from "./ideogram";
import { describeImage } from "./references";

/** The tool endpoints by path; the first part of each name is what `fake.retire()` takes ("upscale", "ideogram-v3"…). */
export const TOOL_PATHS: Record<string, string> = {
  "/upscale": "upscale",
  "/v1/remove-background": "remove-background",
  "/v1/ideogram-v3/reframe": "ideogram-v3/reframe",
  "/describe": "describe",
  "/v1/ideogram-v4/magic-prompt": "ideogram-v4/magic-prompt",
};
const FIELDS: Record<string, string[]> = {
  upscale: ["image_request", "image_file"],
  "remove-background": ["image"],
  "ideogram-v3/reframe": ["image", "resolution", "num_images", "seed", "rendering_speed", "style_preset", "color_palette", "style_codes", "style_reference_images"],
  describe: ["image_file", "describe_model_version"],
  "ideogram-v4/magic-prompt": ["text_prompt", "aspect_ratio"],
};
const UPSCALE_REQUEST = ["prompt", "resemblance", "detail", "magic_prompt_option", "magic_prompt_version", "num_images", "seed"];
const MAGIC_RATIOS = ["AUTO", "1x4", "1x3", "1x2", "9x16", "10x16", "2x3", "3x4", "4x5", "1x1", "5x4", "4x3", "3x2", "16x10", "16x9", "2x1", "3x1", "4x1"];
/** What the fake's describe says, so tests can tell its text from anything else. */
export const DESCRIBE_PREFIX = "A flat picture";

const hex = (v: number) => v.toString(16).padStart(2, "0");

/** Checks the upscale's `image_request` JSON part field by field. */
function upscaleRequest(form: FormData): { count: number; seed: number; prompt: string } {
  const raw = form.get("image_request");
  must(typeof raw === "string", "image_request is required (JSON)");
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(raw as string);
  } catch {
    throw new Invalid("image_request must be JSON");
  }
  must(!!body && typeof body === "object" && !Array.isArray(body), "image_request must be an object");
  for (const key of Object.keys(body)) must(UPSCALE_REQUEST.includes(key), `${key} is not a field of image_request`);
  const range = (name: string, min: number, max: number) => {
    const v = body[name];
    must(v === undefined || (Number.isInteger(v) && (v as number) >= min && (v as number) <= max), `image_request.${name} must be an integer in [${min}, ${max}]`);
    return v as number | undefined;
  };
  range("resemblance", 1, 100);
  range("detail", 1, 100);
  must(body.magic_prompt_option === undefined || ["AUTO", "ON", "OFF"].includes(String(body.magic_prompt_option)), "image_request.magic_prompt_option must be AUTO, ON or OFF");
  return { count: range("num_images", 1, 8) ?? 1, seed: range("seed", 0, 2147483647) ?? 7, prompt: typeof body.prompt === "string" ? body.prompt : "" };
}

/** The picture with its background (the top-left pixel's colour, ± 24 a channel) made transparent. */
async function cutout(data: Buffer): Promise<Buffer> {
  const { data: rgba, info } = await sharp(data).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const [r, g, b] = [rgba[0], rgba[1], rgba[2]];
  for (let i = 0; i < info.width * info.height; i++) {
    const o = i * 4;
    if (Math.abs(rgba[o] - r) <= 24 && Math.abs(rgba[o + 1] - g) <= 24 && Math.abs(rgba[o + 2] - b) <= 24) rgba[o + 3] = 0;
  }
  return sharp(rgba, { raw: { width: info.width, height: info.height, channels: 4 } }).png().toBuffer();
}

/** Reframe: the square centred in the frame at the frame's short side, the rest painted EDIT_PAINT. */
async function reframed(square: Buffer, width: number, height: number): Promise<Buffer> {
  const side = Math.min(width, height);
  const inner = await sharp(square).resize(side, side).removeAlpha().png().toBuffer();
  return sharp({ create: { width, height, channels: 3, background: EDIT_PAINT } })
    .composite([{ input: inner, left: Math.round((width - side) / 2), top: Math.round((height - side) / 2) }])
    .png()
    .toBuffer();
}

const serve = (server: FakeServer, png: Buffer) => server.serveFile(`/api/images/ephemeral/${randomBytes(12).toString("base64url")}.png`, png, "image/png");

/** Answers one tool call (after auth and retirement checks); an Invalid thrown here becomes the 400. */
export async function handleTool(name: string, req: RecordedRequest, res: ServerResponse, server: FakeServer, inputs: IdeogramInput[]): Promise<void> {
  const type = String(req.headers["content-type"] ?? "");
  const jsonBody = name === "ideogram-v4/magic-prompt";
  must(jsonBody ? type.includes("application/json") : type.startsWith("multipart/form-data"), `the body must be ${jsonBody ? "JSON" : "multipart/form-data"}`);
  const form = await formOf(req);
  for (const key of new Set(form.keys())) must(FIELDS[name].includes(key), `${key} is not a field of ${name}`);
  const created = new Date().toISOString();

  if (name === "ideogram-v4/magic-prompt") {
    const text = form.get("text_prompt");
    must(typeof text === "string" && text.trim().length > 0, "text_prompt is required");
    const ratio = oneOf(form, "aspect_ratio", MAGIC_RATIOS) ?? "AUTO";
    inputs.push({ endpoint: name, prompt: text as string, images: [] });
    return json(res, 200, {
      aspect_ratio: ratio === "AUTO" ? "1x1" : ratio,
      json_prompt: {
        high_level_description: `${(text as string).trim()}, seen in crisp detail with a clear focal point`,
        style_description: { medium: "photograph", lighting: "soft golden-hour light", aesthetics: "warm, calm, balanced composition" },
        compositional_deconstruction: { background: "a softly blurred landscape", elements: [] },
      },
    });
  }

  const field = name === "upscale" || name === "describe" ? "image_file" : "image";
  const image = await imageFile(form, field);
  inputs.push({ endpoint: name, prompt: "", images: [await describeImage(field, image.data)] });

  if (name === "describe") {
    oneOf(form, "describe_model_version", ["V_2", "V_3", "CUSTOM"]);
    const { dominant } = await sharp(image.data).stats();
    return json(res, 200, { descriptions: [{ text: `${DESCRIBE_PREFIX} of ${image.width}x${image.height} pixels in #${hex(dominant.r)}${hex(dominant.g)}${hex(dominant.b)}` }] });
  }
  if (name === "remove-background") {
    const url = serve(server, await cutout(image.data));
    return json(res, 200, { created, data: [{ is_image_safe: true, url }] });
  }
  if (name === "upscale") {
    const { count, seed, prompt } = upscaleRequest(form);
    if (prompt.includes(REFUSED_WORD)) return json(res, 422, { error: "Prompt or provided image failed safety check." });
    const png = await sharp(image.data).resize(image.width * 2, image.height * 2, { kernel: "lanczos3" }).png().toBuffer();
    const data = Array.from({ length: count }, (_, i) => ({
      url: serve(server, png), prompt, resolution: `${image.width}x${image.height}`, upscaled_resolution: `${image.width * 2}x${image.height * 2}`, is_image_safe: true, seed: seed + i,
    }));
    return json(res, 200, { created, data });
  }
  // ideogram-v3/reframe
  must(image.width === image.height, "image must be square (reframe takes a square image)");
  const resolution = form.get("resolution");
  must(typeof resolution === "string" && IDEOGRAM_V3_RESOLUTIONS.includes(resolution), "resolution is required, one of ResolutionV3");
  const count = integer(form, "num_images", 1, 8) ?? 1;
  const seed = integer(form, "seed", 0, 2147483647) ?? 11;
  oneOf(form, "rendering_speed", ["FLASH", "TURBO", "BALANCED", "DEFAULT", "QUALITY"]);
  checkPalette(form.get("color_palette"));
  const [width, height] = (resolution as string).split("x").map(Number);
  const png = await reframed(image.data, width, height);
  const data = Array.from({ length: count }, (_, i) => ({ url: serve(server, png), prompt: "", resolution, is_image_safe: true, seed: seed + i, style_type: "GENERAL" }));
  return json(res, 200, { created, data });
}
