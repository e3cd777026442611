// A local stand-in for the Ideogram API v3 (developer.ideogram.ai/api-reference, "Generate / Remix / Inpaint /
// Edit (legacy) / Generate (Transparent Background) with Ideogram 3.0", "List models"): multipart/form-data POSTs
// with the `Api-Key` header answering `{created, data:[{url, prompt, resolution, is_image_safe, seed, style_type}]}`,
// where each url points at an image this server serves itself (the real service links to ideogram.ai and the
// links expire). Safety refusals are 422 `{error}`. Fields are validated as the reference documents them, and
// fields an endpoint does not document are refused, so an adapter sending them is caught.
import type { ServerResponse } from "node:http";
import { randomBytes } from "node:crypto";
import sharp from "sharp";
import { json, startFake, type FakeServer, type RecordedRequest } from "./harness";

/** The default resolution Ideogram 3.0 renders for each `aspect_ratio`. */
export const IDEOGRAM_SIZES: Record<string, [number, number]> = {
  "1x1": [1024, 1024], "16x9": [1312, 736], "9x16": [736, 1312], "4x3": [1152, 864], "3x4": [864, 1152],
  "3x2": [1248, 832], "2x3": [832, 1248], "16x10": [1280, 800], "10x16": [800, 1280], "5x4": [1120, 896],
  "4x5": [896, 1120], "2x1": [1408, 704], "1x2": [704, 1408], "3x1": [1536, 512], "1x3": [512, 1536],
};
/** Prompts with this word are refused with 422 (the documented safety error). */
export const REFUSED_WORD = "forbidden";
/** Prompts with this word render, but every image is flagged `is_image_safe: false` (url null). */
export const UNSAFE_WORD = "unsafe-output";
/** Prompts with this word render, with only the first image flagged unsafe. */
export const PARTLY_UNSAFE_WORD = "partly-unsafe";
/** The colour the fake paints into the edit area of an inpaint, so tests can see where the edit landed. */
export const EDIT_PAINT = { r: 255, g: 0, b: 255 };

const COMMON = ["prompt", "seed", "rendering_speed", "magic_prompt", "num_images", "style_type", "style_preset", "style_codes", "color_palette"];
const FIELDS: Record<string, string[]> = {
  generate: [...COMMON, "aspect_ratio", "resolution", "negative_prompt"],
  remix: [...COMMON, "image", "image_weight", "aspect_ratio", "resolution", "negative_prompt"],
  inpaint: [...COMMON, "image", "mask"],
  edit: [...COMMON, "image", "mask"],
  "generate-transparent": ["prompt", "seed", "rendering_speed", "magic_prompt", "num_images", "aspect_ratio", "negative_prompt", "upscale_factor"],
};
const SPEEDS = ["FLASH", "TURBO", "DEFAULT", "QUALITY"];
const STYLE_TYPES = ["AUTO", "GENERAL", "REALISTIC", "DESIGN", "FICTION"];
const PRESETS = ["EMBER", "FRESH", "JUNGLE", "MAGIC", "MELON", "MOSAIC", "PASTEL", "ULTRAMARINE"];
const MAX_FILE = 10 * 1024 * 1024;

/** The multipart form of a recorded request, parsed as the service would. */
export function formOf(req: RecordedRequest): Promise<FormData> {
  return new Response(new Uint8Array(req.body), { headers: { "content-type": String(req.headers["content-type"] ?? "") } }).formData();
}

class Invalid extends Error {}
const must = (ok: boolean, message: string) => {
  if (!ok) throw new Invalid(message);
};
const integer = (form: FormData, name: string, min: number, max: number): number | undefined => {
  const value = form.get(name);
  if (value === null) return undefined;
  const n = Number(value);
  must(typeof value === "string" && Number.isInteger(n) && n >= min && n <= max, `${name} must be an integer in [${min}, ${max}]`);
  return n;
};
const oneOf = (form: FormData, name: string, allowed: string[]) => {
  const value = form.get(name);
  must(value === null || (typeof value === "string" && allowed.includes(value)), `${name} must be one of ${allowed.join(", ")}`);
  return value as string | null;
};

function checkPalette(value: FormDataEntryValue | null) {
  if (value === null) return;
  let palette: { name?: unknown; members?: Array<{ color_hex?: unknown; color_weight?: unknown }> };
  try {
    palette = JSON.parse(String(value));
  } catch {
    throw new Invalid("color_palette must be JSON");
  }
  must(("name" in palette) !== ("members" in palette), "color_palette takes either a preset name or members");
  if ("name" in palette) return must(PRESETS.includes(String(palette.name)), "unknown color_palette preset");
  must(Array.isArray(palette.members) && palette.members.length > 0, "color_palette.members must be a non-empty list");
  for (const m of palette.members!) {
    must(typeof m.color_hex === "string" && /^#[0-9a-fA-F]{6}$/.test(m.color_hex), `bad color_hex ${m.color_hex}`);
    const w = m.color_weight;
    must(w === undefined || (typeof w === "number" && w >= 0.05 && w <= 1), "color_weight must be between 0.05 and 1.0");
  }
}

async function imageFile(form: FormData, name: string): Promise<{ data: Buffer; width: number; height: number }> {
  const file = form.get(name);
  must(file instanceof Blob, `${name} must be a file`);
  const blob = file as Blob;
  must(blob.size <= MAX_FILE, `${name} is over 10MB`);
  const data = Buffer.from(await blob.arrayBuffer());
  try {
    const meta = await sharp(data).metadata();
    must(["png", "jpeg", "webp"].includes(meta.format ?? ""), `${name}: only JPEG, WebP and PNG formats are supported`);
    return { data, width: meta.width!, height: meta.height! };
  } catch (e) {
    if (e instanceof Invalid) throw e;
    throw new Invalid(`${name} is not a readable image`);
  }
}

/** Paints the mask's black pixels (Ideogram: black = edit) onto the source, after checking the mask is black & white. */
async function inpaint(source: { data: Buffer; width: number; height: number }, mask: { data: Buffer; width: number; height: number }) {
  must(mask.width === source.width && mask.height === source.height, "mask must be the same size as the image");
  const { data: m } = await sharp(mask.data).flatten({ background: "#ffffff" }).greyscale().raw().toBuffer({ resolveWithObject: true });
  const pixels = source.width * source.height;
  must(m.length === pixels, "mask must be greyscale");
  let black = 0;
  for (const v of m) {
    must(v <= 8 || v >= 247, "mask must be black and white");
    if (v <= 8) black++;
  }
  must(black > 0, "mask has no black area to edit");
  const { data: rgb } = await sharp(source.data).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  for (let i = 0; i < pixels; i++) {
    if (m[i] <= 8) [rgb[i * 3], rgb[i * 3 + 1], rgb[i * 3 + 2]] = [EDIT_PAINT.r, EDIT_PAINT.g, EDIT_PAINT.b];
  }
  return sharp(rgb, { raw: { width: source.width, height: source.height, channels: 3 } }).png().toBuffer();
}

async function draw(width: number, height: number, index: number, transparent: boolean): Promise<Buffer> {
  const hue = (index * 71) % 256;
  if (!transparent) return sharp({ create: { width, height, channels: 3, background: { r: 255 - hue, g: hue, b: 90 } } }).png().toBuffer();
  const r = Math.floor(Math.min(width, height) / 3);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><circle cx="${width / 2}" cy="${height / 2}" r="${r}" fill="rgb(${hue},40,200)"/></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

async function handle(endpoint: string, req: RecordedRequest, res: ServerResponse, server: FakeServer) {
  must(String(req.headers["content-type"] ?? "").startsWith("multipart/form-data"), "the body must be multipart/form-data");
  const form = await formOf(req);
  for (const key of new Set(form.keys())) must(FIELDS[endpoint].includes(key), `${key} is not a field of ${endpoint}`);
  const prompt = form.get("prompt");
  must(typeof prompt === "string" && prompt.trim().length > 0, "prompt is required");
  const count = integer(form, "num_images", 1, 8) ?? 1;
  const seed = integer(form, "seed", 0, 2147483647) ?? Math.floor(Math.random() * 2147483647);
  integer(form, "image_weight", 1, 100);
  oneOf(form, "rendering_speed", endpoint === "generate-transparent" ? ["TURBO", "DEFAULT", "QUALITY"] : SPEEDS);
  oneOf(form, "magic_prompt", ["AUTO", "ON", "OFF"]);
  const styleType = oneOf(form, "style_type", STYLE_TYPES);
  const ratio = oneOf(form, "aspect_ratio", Object.keys(IDEOGRAM_SIZES)) ?? "1x1";
  checkPalette(form.get("color_palette"));

  let edited: Buffer | undefined;
  if (endpoint === "remix") await imageFile(form, "image");
  if (endpoint === "inpaint" || endpoint === "edit") edited = await inpaint(await imageFile(form, "image"), await imageFile(form, "mask"));
  if ((prompt as string).includes(REFUSED_WORD)) return json(res, 422, { error: "Prompt provided failed safety check due to the inclusion of prohibited content." });

  const data = [];
  for (let i = 0; i < count; i++) {
    const png = edited ?? (await draw(...IDEOGRAM_SIZES[ratio], i, endpoint === "generate-transparent"));
    const meta = await sharp(png).metadata();
    const unsafe = (prompt as string).includes(UNSAFE_WORD) || ((prompt as string).includes(PARTLY_UNSAFE_WORD) && i === 0);
    const url = unsafe ? null : server.serveFile(`/api/images/direct/${randomBytes(12).toString("base64url")}`, png, "image/png");
    data.push({ url, prompt: `${prompt} (magic)`, resolution: `${meta.width}x${meta.height}`, is_image_safe: !unsafe, seed: seed + i, style_type: styleType ?? "GENERAL" });
  }
  json(res, 200, { created: new Date().toISOString(), data });
}

export interface FakeIdeogram extends FakeServer {
  apiKey: string;
}

export async function startFakeIdeogram(options: { apiKey?: string } = {}): Promise<FakeIdeogram> {
  const apiKey = options.apiKey ?? "test-ideogram-key";
  const authorized = (req: RecordedRequest, res: ServerResponse) => {
    if (req.headers["api-key"] === apiKey) return true;
    json(res, 401, { detail: "Invalid API key" });
    return false;
  };
  const endpoint =
    (name: string) => async (req: RecordedRequest, res: ServerResponse, server: FakeServer) => {
      if (!authorized(req, res)) return;
      try {
        await handle(name, req, res, server);
      } catch (e) {
        if (e instanceof Invalid) json(res, 400, { error: e.message });
        else throw e;
      }
    };
  const fake = await startFake([
    ...Object.keys(FIELDS).map((name) => [`POST /v1/ideogram-v3/${name}`, endpoint(name)] as [string, ReturnType<typeof endpoint>]),
    [
      "GET /models",
      (req, res) => {
        if (authorized(req, res)) json(res, 200, { models: [] });
      },
    ],
  ]);
  return Object.assign(fake, { apiKey });
}
