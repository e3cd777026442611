// A local stand-in for the Ideogram API as documented in December 2026 (developer.ideogram.ai/v1/api-reference and
// the OpenAPI document at https://api.ideogram.ai/openapi.json):
// - 4.0: POST /v1/ideogram-v4/generate (multipart or JSON: exactly one of `text_prompt` / `json_prompt`,
//   `resolution` from the ResolutionV4 list, `rendering_speed` TURBO|DEFAULT|QUALITY — FLASH answers 400 "coming
//   soon" —, `seed`) and POST /v1/ideogram-v4/remix (multipart: `image`, `text_prompt`, `image_weight` 1–100,
//   `resolution`, `rendering_speed`). One image per call; the answer is
//   `{created, data: [{prompt, resolution, is_image_safe, seed, url}], response_type: "url"}`.
// - 3.0: generate, generate-transparent, remix, inpaint, and the deprecated edit (which answers with a
//   Deprecation header, a successor Link and a `notice`, as developer.ideogram.ai/ideogram-api/deprecations says).
// Every url points at an image this server serves itself (the real service links to ideogram.ai and the links
// expire). Safety refusals are 422 `{error}`. Fields are validated as the reference documents them, and fields an
// endpoint does not document are refused, so an adapter sending them is caught. A path the service does not have —
// or a model version the test retired with `fake.retire("ideogram-v3")` — answers 404 with the API's problem body.
// The tool and text endpoints (upscale, remove-background, reframe, describe, magic prompt) are in
// tests/fakes/ideogram-tools.ts; `fake.retire("upscale")` takes one of them away likewise.
import type { ServerResponse } from "node:http";
import { randomBytes } from "node:crypto";
import sharp from "sharp";
import { buildCatalog } from "@/lib/providers/catalog";
import { ideogramCatalog } from "@/lib/providers/catalog/ideogram";
import type { ModelInfo } from "@/lib/providers/types";
import { json, startFake, type FakeServer, type RecordedRequest } from "./harness";
import { TOOL_PATHS, handleTool } from "./ideogram-tools";
import { describeImage, type ReceivedImage } from "./references";

/** The built-in Ideogram catalog as the registry hands it to the adapter, for tests that build the provider themselves. */
export const ideogramModels = (): ModelInfo[] => buildCatalog(ideogramCatalog, []).map(({ provider: _provider, ...model }) => model as ModelInfo);

/** The default resolution Ideogram 3.0 renders for each `aspect_ratio`. */
export const IDEOGRAM_SIZES: Record<string, [number, number]> = {
  "1x1": [1024, 1024], "16x9": [1312, 736], "9x16": [736, 1312], "4x3": [1152, 864], "3x4": [864, 1152],
  "3x2": [1248, 832], "2x3": [832, 1248], "16x10": [1280, 800], "10x16": [800, 1280], "5x4": [1120, 896],
  "4x5": [896, 1120], "2x1": [1408, 704], "1x2": [704, 1408], "3x1": [1536, 512], "1x3": [512, 1536],
};
/** ResolutionV4: "The 1K and 2K resolutions supported for Ideogram 4.0 image generation." */
export const IDEOGRAM_V4_RESOLUTIONS = [
  "2048x2048", "1440x2880", "2880x1440", "1664x2496", "2496x1664", "1792x2240", "2240x1792", "1440x2560", "2560x1440",
  "1600x2560", "2560x1600", "1728x2304", "2304x1728", "1296x3168", "3168x1296", "1152x2944", "2944x1152", "1248x3328",
  "3328x1248", "1280x3072", "3072x1280", "1024x3072", "3072x1024", "1024x1024", "896x1120", "1120x896", "864x1152",
  "1152x864", "832x1248", "1248x832", "800x1280", "1280x800", "720x1280", "1280x720", "720x1440", "1440x720",
];
/** Prompts with this word are refused with 422 (the documented safety error). */
export const REFUSED_WORD = "forbidden";
/** Prompts with this word render, but every image is flagged `is_image_safe: false` (url null). */
export const UNSAFE_WORD = "unsafe-output";
/** Prompts with this word render, with only the first image flagged unsafe. */
export const PARTLY_UNSAFE_WORD = "partly-unsafe";
/** The colour the fake paints into the edit area of an inpaint, so tests can see where the edit landed. */
export const EDIT_PAINT = { r: 255, g: 0, b: 255 };
/** What the API answers for a path it does not serve (connexion's problem+json). */
export const NOT_FOUND_BODY = {
  detail: "The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.",
  status: 404,
  title: "Not Found",
  type: "about:blank",
};

const COMMON = ["prompt", "seed", "rendering_speed", "magic_prompt", "magic_prompt_system_prompt_config_id", "num_images", "style_type", "style_preset", "style_codes", "color_palette", "custom_model_uri"];
const FIELDS: Record<string, string[]> = {
  "ideogram-v3/generate": [...COMMON, "style_reference_images", "aspect_ratio", "resolution", "negative_prompt", "enable_copyright_detection"],
  "ideogram-v3/remix": [...COMMON, "style_reference_images", "image", "image_weight", "aspect_ratio", "resolution", "negative_prompt"],
  "ideogram-v3/inpaint": [...COMMON, "style_reference_images", "image", "mask"],
  "ideogram-v3/edit": [...COMMON, "style_reference_images", "image", "mask"],
  "ideogram-v3/generate-transparent": ["prompt", "seed", "rendering_speed", "magic_prompt", "magic_prompt_system_prompt_config_id", "num_images", "aspect_ratio", "negative_prompt", "upscale_factor", "custom_model_uri"],
  "ideogram-v4/generate": ["text_prompt", "json_prompt", "seed", "resolution", "rendering_speed", "enable_copyright_detection", "magic_prompt_system_prompt_config_id", "custom_model_uri"],
  "ideogram-v4/remix": ["image", "text_prompt", "image_weight", "resolution", "rendering_speed", "enable_copyright_detection"],
};
/** Deprecated endpoints: the Unix time of the deprecation (Deprecation: @…), and the successor. */
const DEPRECATED: Record<string, { at: number; successor: string }> = {
  "ideogram-v3/edit": { at: 1777420800, successor: "/v2/image/inpaint/ideogram-3" },
};
const SPEEDS = ["FLASH", "TURBO", "DEFAULT", "QUALITY"];
const STYLE_TYPES = ["AUTO", "GENERAL", "REALISTIC", "DESIGN", "FICTION"];
const PRESETS = ["EMBER", "FRESH", "JUNGLE", "MAGIC", "MELON", "MOSAIC", "PASTEL", "ULTRAMARINE"];
const MAX_FILE = 10 * 1024 * 1024;
const MAX_STYLE_REFERENCES = 10;

/** The multipart form of a recorded request, parsed as the service would (a JSON body becomes its fields). */
export async function formOf(req: RecordedRequest): Promise<FormData> {
  if (String(req.headers["content-type"] ?? "").includes("json")) {
    const form = new FormData();
    for (const [key, value] of Object.entries((req.json ?? {}) as Record<string, unknown>)) form.set(key, typeof value === "string" ? value : JSON.stringify(value));
    return form;
  }
  return new Response(new Uint8Array(req.body), { headers: { "content-type": String(req.headers["content-type"] ?? "") } }).formData();
}

export class Invalid extends Error {}
export const must = (ok: boolean, message: string) => {
  if (!ok) throw new Invalid(message);
};
export const integer = (form: FormData, name: string, min: number, max: number): number | undefined => {
  const value = form.get(name);
  if (value === null) return undefined;
  const n = Number(value);
  must(typeof value === "string" && Number.isInteger(n) && n >= min && n <= max, `${name} must be an integer in [${min}, ${max}]`);
  return n;
};
export const oneOf = (form: FormData, name: string, allowed: string[]) => {
  const value = form.get(name);
  must(value === null || (typeof value === "string" && allowed.includes(value)), `${name} must be one of ${allowed.join(", ")}`);
  return value as string | null;
};

export function checkPalette(value: FormDataEntryValue | null) {
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

export async function imageFile(form: FormData, name: string): Promise<{ data: Buffer; width: number; height: number }> {
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

/**
 * 3.0's style_reference_images: "A set of images to use as style references (maximum total size 10MB across all style
 * references). The images should be in JPEG, PNG or WebP format." (generate-v3, remix-v3, edit-v3); at most 10 of them
 * (developer.ideogram.ai/api-reference/images/remix: "up to 10 style_reference_images" for Ideogram 3.0). Not with
 * style_codes ("Cannot be used in conjunction with style_reference_images").
 */
async function styleReferences(form: FormData): Promise<ReceivedImage[]> {
  const files = form.getAll("style_reference_images");
  if (!files.length) return [];
  must(files.every((f) => f instanceof Blob), "style_reference_images must be files");
  must(files.length <= MAX_STYLE_REFERENCES, `style_reference_images takes at most ${MAX_STYLE_REFERENCES} images, not ${files.length}`);
  must(files.reduce((total, f) => total + (f as Blob).size, 0) <= MAX_FILE, "style_reference_images: maximum total size 10MB across all style references");
  must(form.get("style_codes") === null, "style_codes cannot be used in conjunction with style_reference_images");
  return Promise.all(
    files.map(async (f) => {
      const data = Buffer.from(await (f as Blob).arrayBuffer());
      const meta = await sharp(data).metadata().catch(() => null);
      must(!!meta && ["png", "jpeg", "webp"].includes(meta.format ?? ""), "style_reference_images: only JPEG, WebP and PNG formats are supported");
      return describeImage("style_reference_images", data, (f as Blob).type);
    }),
  );
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

/** 4.0: exactly one prompt, a documented resolution and speed; one image of that resolution. */
async function v4(endpoint: string, form: FormData): Promise<{ prompt: string; count: number; size: [number, number]; seed: number; source?: boolean }> {
  const text = form.get("text_prompt");
  const structured = form.get("json_prompt");
  if (endpoint === "ideogram-v4/remix") must(typeof text === "string" && text.trim().length > 0, "text_prompt is required");
  else must((text === null) !== (structured === null), "supply exactly one of text_prompt or json_prompt");
  let prompt = typeof text === "string" ? text : "";
  if (structured !== null) {
    let parsed: { high_level_description?: unknown; compositional_deconstruction?: unknown };
    try {
      parsed = JSON.parse(String(structured));
    } catch {
      throw new Invalid("json_prompt must be a JSON object");
    }
    must(typeof parsed.high_level_description === "string" && typeof parsed.compositional_deconstruction === "object", "json_prompt needs high_level_description and compositional_deconstruction");
    prompt = parsed.high_level_description as string;
  }
  must(prompt.trim().length > 0, "text_prompt must not be empty");
  const speed = form.get("rendering_speed");
  if (speed === "FLASH") throw new Invalid("rendering_speed=FLASH is coming soon for Ideogram V4");
  oneOf(form, "rendering_speed", ["TURBO", "DEFAULT", "QUALITY"]);
  const resolution = oneOf(form, "resolution", IDEOGRAM_V4_RESOLUTIONS) ?? "1024x1024";
  const seed = integer(form, "seed", 0, 2147483647) ?? Math.floor(Math.random() * 2147483647);
  integer(form, "image_weight", 1, 100);
  if (endpoint === "ideogram-v4/remix") await imageFile(form, "image");
  return { prompt, count: 1, size: resolution.split("x").map(Number) as [number, number], seed };
}

/** What one accepted call carried: its prompt, and its input images in order (`image` first, then style references). */
export interface IdeogramInput {
  endpoint: string;
  prompt: string;
  images: ReceivedImage[];
}

async function handle(endpoint: string, req: RecordedRequest, res: ServerResponse, server: FakeServer, inputs: IdeogramInput[]) {
  const type = String(req.headers["content-type"] ?? "");
  const jsonAllowed = endpoint === "ideogram-v4/generate";
  must(type.startsWith("multipart/form-data") || (jsonAllowed && type.includes("application/json")), `the body must be multipart/form-data${jsonAllowed ? " or JSON" : ""}`);
  const form = await formOf(req);
  for (const key of new Set(form.keys())) must(FIELDS[endpoint].includes(key), `${key} is not a field of ${endpoint}`);

  let prompt: string;
  let count: number;
  let seed: number;
  let size: [number, number] | undefined;
  let edited: Buffer | undefined;
  let styleType: string | null = null;
  if (endpoint.startsWith("ideogram-v4/")) {
    ({ prompt, count, seed, size } = await v4(endpoint, form));
  } else {
    const p = form.get("prompt");
    must(typeof p === "string" && p.trim().length > 0, "prompt is required");
    prompt = p as string;
    count = integer(form, "num_images", 1, 8) ?? 1;
    seed = integer(form, "seed", 0, 2147483647) ?? Math.floor(Math.random() * 2147483647);
    integer(form, "image_weight", 1, 100);
    oneOf(form, "rendering_speed", endpoint === "ideogram-v3/generate-transparent" ? ["TURBO", "DEFAULT", "QUALITY"] : SPEEDS);
    oneOf(form, "magic_prompt", ["AUTO", "ON", "OFF"]);
    styleType = oneOf(form, "style_type", STYLE_TYPES);
    size = IDEOGRAM_SIZES[oneOf(form, "aspect_ratio", Object.keys(IDEOGRAM_SIZES)) ?? "1x1"];
    checkPalette(form.get("color_palette"));
    if (endpoint === "ideogram-v3/remix") await imageFile(form, "image");
    if (endpoint === "ideogram-v3/inpaint" || endpoint === "ideogram-v3/edit") edited = await inpaint(await imageFile(form, "image"), await imageFile(form, "mask"));
  }
  const image = form.get("image");
  const images = [...(image instanceof Blob ? [await describeImage("image", Buffer.from(await image.arrayBuffer()), image.type)] : []), ...(await styleReferences(form))];
  inputs.push({ endpoint, prompt, images });
  if (prompt.includes(REFUSED_WORD)) return json(res, 422, { error: "Prompt provided failed safety check due to the inclusion of prohibited content." });

  const data = [];
  for (let i = 0; i < count; i++) {
    const png = edited ?? (await draw(...size!, i, endpoint === "ideogram-v3/generate-transparent"));
    const meta = await sharp(png).metadata();
    const unsafe = prompt.includes(UNSAFE_WORD) || (prompt.includes(PARTLY_UNSAFE_WORD) && i === 0);
    const url = unsafe ? null : server.serveFile(`/api/images/ephemeral/${randomBytes(12).toString("base64url")}.png`, png, "image/png");
    const item = { url, prompt: `${prompt} (magic)`, resolution: `${meta.width}x${meta.height}`, is_image_safe: !unsafe, seed: seed + i };
    data.push(endpoint.startsWith("ideogram-v4/") ? item : { ...item, style_type: styleType ?? "GENERAL" });
  }
  const deprecated = DEPRECATED[endpoint];
  const body = { created: new Date().toISOString(), data, ...(endpoint.startsWith("ideogram-v4/") ? { response_type: "url" } : {}) };
  if (!deprecated) return json(res, 200, body);
  json(res, 200, { ...body, notice: `This endpoint is deprecated. Use POST ${deprecated.successor} instead.` }, {
    deprecation: `@${deprecated.at}`,
    link: `<https://developer.ideogram.ai/v2/api-reference${deprecated.successor.replace("/v2", "")}>; rel="successor-version"`,
  });
}

export interface FakeIdeogram extends FakeServer {
  apiKey: string;
  /** Takes a model version's endpoints away ("ideogram-v3" → every /v1/ideogram-v3/… answers 404), as a retirement would. */
  retire(version: string): void;
  /** Serves a retired version again. */
  restore(version: string): void;
  /** Every accepted call's prompt and input images (`image`, then `style_reference_images`), in order. */
  inputs: IdeogramInput[];
}

export async function startFakeIdeogram(options: { apiKey?: string } = {}): Promise<FakeIdeogram> {
  const apiKey = options.apiKey ?? "test-ideogram-key";
  const retired = new Set<string>();
  const inputs: IdeogramInput[] = [];
  const authorized = (req: RecordedRequest, res: ServerResponse) => {
    if (req.headers["api-key"] === apiKey) return true;
    json(res, 401, { detail: "Invalid API key" });
    return false;
  };
  const endpoint =
    (name: string) => async (req: RecordedRequest, res: ServerResponse, server: FakeServer) => {
      if (retired.has(name.split("/")[0])) return json(res, 404, NOT_FOUND_BODY, { "content-type": "application/problem+json" });
      if (!authorized(req, res)) return;
      try {
        await (Object.values(TOOL_PATHS).includes(name) ? handleTool : handle)(name, req, res, server, inputs);
      } catch (e) {
        if (e instanceof Invalid) json(res, 400, { error: e.message });
        else throw e;
      }
    };
  const fake = await startFake([
    ...Object.keys(FIELDS).map((name) => [`POST /v1/${name}`, endpoint(name)] as [string, ReturnType<typeof endpoint>]),
    ...Object.entries(TOOL_PATHS).map(([path, name]) => [`POST ${path}`, endpoint(name)] as [string, ReturnType<typeof endpoint>]),
    [
      "GET /models",
      (req, res) => {
        if (authorized(req, res)) json(res, 200, { models: [] });
      },
    ],
    // Anything else under /v1 (a version Ideogram never had, or one it removed): its 404.
    [/^\w+ \/v1\//, (_req, res) => json(res, 404, NOT_FOUND_BODY, { "content-type": "application/problem+json" })],
  ]);
  return Object.assign(fake, {
    apiKey,
    retire: (version: string) => void retired.add(version),
    restore: (version: string) => void retired.delete(version),
    inputs,
  });
}
