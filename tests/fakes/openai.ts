// A fake of the OpenAI Images API as it stands in December 2026 (and Azure OpenAI's deployment paths) on the
// fake-server harness, following the OpenAI API reference — Images and Models
// (https://developers.openai.com/api/reference/resources/images, …/models/methods/list), openai/openai-node's
// src/resources/images.ts and Azure OpenAI's REST reference. It serves the gpt-image-2 family, validates requests
// like the real service (400 with an OpenAI-style error body; sizes by the gpt-image-2 rules), answers every
// retired or unknown model with 404 {"error":{"code":"model_not_found",…}}, lists models with `shutdown_date` on
// GET /v1/models (settable per model; `retire(id)` shuts one down while a test runs), reports `usage` in every
// answer and in each completed stream event, draws real images at the requested size, streams partial images over
// SSE, and records every request (multipart bodies parsed). POST /v1/responses answers the text models of
// tests/fakes/text.ts (describe and enhance).
import { randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";
import sharp from "sharp";
import { catalogModels } from "@/lib/providers/catalog";
import { catalogEntrySchema, type CatalogEntryInput } from "@/lib/providers/catalog/schema";
import { fetchResultUrl } from "@/lib/providers/fetch-result";
import type { ModelInfo, ProgressEvent, ProviderContext } from "@/lib/providers/types";
import { signedLikeProvider } from "./c2pa";
import { json, startFake, type FakeServer, type RecordedRequest } from "./harness";
import { drawAnimatedGif, gifCall, type GifCall } from "./openai-gif";
import { describeImage, type ReceivedImage } from "./references";
import { answerResponses, OPENAI_TEXT_MODELS } from "./text";

export interface FakeOpenAIOptions {
  /** The Bearer key /v1 requires (default "sk-test"); null: no key required (self-hosted servers). */
  apiKey?: string | null;
  /** Where the API lives (default "/v1"). */
  prefix?: string;
  /** Azure OpenAI: the api-key header value and deployment name → model. */
  azure?: { apiKey: string; deployments: Record<string, string> };
  /** Models a self-hosted server adds, taking any WxH (multiples of 64, 256–2048) and response_format. */
  extraModels?: string[];
  /** Answer every request with URLs served by the fake (compatible-server mode). */
  answerWithUrls?: boolean;
  /** Prompts containing this word are refused by the "safety system" (default "forbidden"). */
  blockedWord?: string;
  /** No /images/edits endpoint (404), like many self-hosted servers. */
  noEdits?: boolean;
}

export interface UploadedFile {
  name: string;
  type: string;
  data: Buffer;
}

export interface ParsedForm {
  path: string;
  fields: Record<string, string>;
  /** The last file of each field name (`image`, `image[]`, `mask`). */
  files: Record<string, UploadedFile>;
  /** Every file of each field name, in order (several `image[]`). */
  fileLists: Record<string, UploadedFile[]>;
}

export interface FakeOpenAI extends FakeServer {
  options: FakeOpenAIOptions;
  /** Multipart bodies of edits (and variation attempts), parsed. */
  forms: ParsedForm[];
  /** The input images of each accepted edit, in the order they came (`image`, then every `image[]`). */
  inputs: ReceivedImage[][];
  /** The API root to give an SDK: url + prefix. */
  baseUrl: string;
  /**
   * Sets a model's `shutdown_date` on GET /v1/models (YYYY-MM-DD, or null for none announced). Today or an earlier
   * day shuts the model down: image calls naming it get 404 model_not_found from then on.
   */
  setShutdownDate(id: string, date: string | null): void;
  /** Shuts a model down now: its shutdown_date becomes yesterday and image calls naming it get 404. */
  retire(id: string): void;
  /** Takes a model off GET /v1/models (as for an account without access) without retiring it. */
  unlist(id: string): void;
  /** Back to the models as the service lists them today (undoes setShutdownDate, retire and unlist). */
  resetModels(): void;
  /** The model ids image calls were made with (generations and edits, retired attempts included). */
  imageModels(): string[];
}

interface ModelSpec {
  qualities: string[];
  /** Image-output tokens of a 1024×1024 image per quality (other sizes scale with the pixel count). */
  outputTokens: Record<string, number>;
  /** gpt-image-2.x (free sizes, output formats, streaming) or a self-hosted model (any WxH of 64s, response_format). */
  gpt: boolean;
  /** gpt-image-2.6: `output_format: "gif"` with frame_count / frame_duration_ms (./openai-gif.ts). */
  gif?: boolean;
}

/** Output tokens per 1024×1024 image: gpt-image-2's launch prices, and the 2.5 models' five levels. */
export const OUTPUT_TOKENS = {
  "gpt-image-2": { low: 196, medium: 1756, high: 7024 },
  "gpt-image-2.5": { low: 196, medium: 439, high: 1756, xhigh: 3122, max: 7024 },
} as const;
/** Image input tokens the fake charges per input image of an edit. */
export const IMAGE_INPUT_TOKENS = 323;
/** Extra image-output tokens the fake charges for each streamed partial image. */
export const PARTIAL_IMAGE_TOKENS = 100;

const four = ["low", "medium", "high", "auto"];
const six = ["low", "medium", "high", "xhigh", "max", "auto"];
const gpt2: ModelSpec = { qualities: four, outputTokens: OUTPUT_TOKENS["gpt-image-2"], gpt: true };
const gpt25: ModelSpec = { qualities: six, outputTokens: OUTPUT_TOKENS["gpt-image-2.5"], gpt: true };
const gpt26: ModelSpec = { ...gpt25, gif: true };
/** The image models the service answers for, snapshots included. */
const LIVE: Record<string, ModelSpec> = {
  "gpt-image-2": gpt2,
  "gpt-image-2-2026-04-21": gpt2,
  "gpt-image-2.5-sunburst": gpt25,
  "gpt-image-2.5-sunburst-2026-09-08": gpt25,
  "gpt-image-2.5-flare": gpt25,
  "gpt-image-2.5-flare-2026-09-08": gpt25,
  "gpt-image-2.6-sunburst": gpt26,
  "gpt-image-2.6-flare": gpt26,
};
/** Shut down: listed with their past shutdown_date, 404 model_not_found on every image call. */
const SHUT_DOWN: Record<string, string> = {
  "dall-e-2": "2026-05-12",
  "dall-e-3": "2026-05-12",
  "gpt-image-1": "2026-10-23",
  "gpt-image-1-mini": "2026-12-01",
  "gpt-image-1.5": "2026-12-01",
  "gpt-image-1.5-2025-12-16": "2026-12-01",
  "chatgpt-image-latest": "2026-12-01",
};
/** Other models of the list (a real account lists text models too). */
const OTHERS = [...OPENAI_TEXT_MODELS, "text-embedding-3-small", "gpt-realtime-2"];

/** The documented gpt-image-2 size rules. */
const SIZE_RULES = { multipleOf: 16, maxSide: 3840, maxRatio: 3, minPixels: 655_360, maxPixels: 8_294_400 };

class ApiError extends Error {
  constructor(message: string, readonly param: string | null = null, readonly status = 400, readonly code: string | null = null, readonly type = "invalid_request_error") {
    super(message);
  }
}
const badRequest = (message: string, param: string | null = null, code: string | null = "invalid_value") => new ApiError(message, param, 400, code);
const modelNotFound = (model: string) =>
  new ApiError(`The model '${model}' does not exist or you do not have access to it.`, null, 404, "model_not_found");

const errorBody = (e: ApiError) => ({ error: { message: e.message, type: e.type, param: e.param, code: e.code } });

const today = () => new Date().toISOString().slice(0, 10);
const yesterday = () => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

/** Why the gpt-image-2 family refuses a size, or null. */
function sizeError(size: string): string | null {
  if (size === "auto") return null;
  const match = /^(\d+)x(\d+)$/.exec(size);
  if (!match) return `Invalid size '${size}'. Use 'auto' or WIDTHxHEIGHT.`;
  const [w, h] = [Number(match[1]), Number(match[2])];
  const r = SIZE_RULES;
  if (w % r.multipleOf || h % r.multipleOf) return `Invalid size '${size}'. Width and height must both be divisible by ${r.multipleOf}.`;
  if (Math.max(w, h) > r.maxSide) return `Invalid size '${size}'. The longest edge must be at most ${r.maxSide} pixels.`;
  if (Math.max(w, h) / Math.min(w, h) > r.maxRatio) return `Invalid size '${size}'. The aspect ratio must be between 1:3 and 3:1.`;
  if (w * h < r.minPixels || w * h > r.maxPixels) return `Invalid size '${size}'. The total pixel count must be between ${r.minPixels} and ${r.maxPixels}.`;
  return null;
}

/** Draws a real image: a colour from the prompt, a transparent frame around an opaque square when asked. */
export async function drawImage(width: number, height: number, seed: string, transparent = false, format = "png"): Promise<Buffer> {
  let h = 0;
  for (const c of seed) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  const colour = { r: h & 255, g: (h >> 8) & 255, b: (h >> 16) & 255, alpha: 1 };
  let image = sharp({ create: { width, height, channels: 4, background: transparent ? { r: 0, g: 0, b: 0, alpha: 0 } : colour } });
  if (transparent) {
    const inner = await sharp({ create: { width: Math.ceil(width / 2), height: Math.ceil(height / 2), channels: 4, background: colour } }).png().toBuffer();
    image = sharp(await image.composite([{ input: inner, gravity: "centre" }]).png().toBuffer());
  }
  return format === "jpeg" ? image.jpeg().toBuffer() : format === "webp" ? image.webp().toBuffer() : image.png().toBuffer();
}

interface ImageCall {
  kind: "generation" | "edit";
  model: string;
  params: Record<string, unknown>;
  inputImages: number;
}

export async function startFakeOpenAI(options: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
  const prefix = options.prefix ?? "/v1";
  const forms: ParsedForm[] = [];
  const inputs: ReceivedImage[][] = [];
  const calledModels: string[] = [];
  /** shutdown_date overrides per model id (null: none announced). */
  const dates = new Map<string, string | null>();
  const unlisted = new Set<string>();

  const shutdownDate = (id: string): string | null => (dates.has(id) ? dates.get(id)! : (SHUT_DOWN[id] ?? null));
  const shutDown = (id: string) => {
    const date = shutdownDate(id);
    return date !== null && date <= today(); // gone on its shutdown day
  };
  /** The spec of a model the service answers for now, or undefined (→ 404 model_not_found). */
  const spec = (model: string): ModelSpec | undefined => {
    if (fake.options.extraModels?.includes(model)) return { qualities: [], outputTokens: {}, gpt: false };
    if (!LIVE[model] || shutDown(model)) return undefined;
    return LIVE[model];
  };

  const authorized = (req: RecordedRequest, azure: boolean) => {
    if (azure) return req.headers["api-key"] === fake.options.azure?.apiKey && !req.headers.authorization;
    const key = fake.options.apiKey === undefined ? "sk-test" : fake.options.apiKey;
    return key === null || req.headers.authorization === `Bearer ${key}`;
  };

  const parseForm = async (req: RecordedRequest): Promise<ParsedForm> => {
    const type = String(req.headers["content-type"] ?? "");
    if (!type.startsWith("multipart/form-data")) throw badRequest("Expected a multipart/form-data body", null, null);
    const form = await new Response(new Uint8Array(req.body), { headers: { "content-type": type } }).formData();
    const parsed: ParsedForm = { path: req.path, fields: {}, files: {}, fileLists: {} };
    for (const [name, value] of form.entries()) {
      if (typeof value === "string") parsed.fields[name] = value;
      else {
        const file = { name: value.name, type: value.type, data: Buffer.from(await value.arrayBuffer()) };
        parsed.files[name] = file;
        (parsed.fileLists[name] ??= []).push(file);
      }
    }
    forms.push(parsed);
    return parsed;
  };

  /** Validates a call like the service; returns the model's spec. */
  const validate = (call: ImageCall): ModelSpec => {
    const { params: p, model } = call;
    calledModels.push(model);
    const s = spec(model);
    if (!s) throw modelNotFound(model);
    const prompt = p.prompt;
    if (typeof prompt !== "string" || !prompt) throw badRequest("Missing required parameter: 'prompt'.", "prompt", "missing_required_parameter");
    if (s.gpt && prompt.length > 32000) throw badRequest("Invalid 'prompt': string too long. Expected a string with maximum length 32000.", "prompt", "string_above_max_length");
    const n = p.n === undefined ? 1 : Number(p.n);
    if (!Number.isInteger(n) || n < 1 || n > 10) throw badRequest(`Invalid 'n': must be between 1 and 10.`, "n");
    const size = String(p.size ?? "auto");
    // An animated GIF's size is a frame's, checked with its frame sheet (./openai-gif.ts).
    if (s.gpt && p.output_format === "gif") {
      const gif = gifCall(p, model, !!s.gif);
      if ("error" in gif) throw badRequest(gif.error, gif.param);
    } else if (s.gpt) {
      const why = sizeError(size);
      if (why) throw badRequest(why, "size");
    } else if (!(/^\d+x\d+$/.test(size) && size.split("x").map(Number).every((v) => v >= 256 && v <= 2048 && v % 64 === 0))) {
      throw badRequest(`Invalid size '${size}' for ${model}.`, "size");
    }
    if (!s.gpt) {
      if (p.response_format !== undefined && !["url", "b64_json"].includes(String(p.response_format))) throw badRequest(`Invalid response_format '${p.response_format}'.`, "response_format");
      return s;
    }
    for (const unknown of ["response_format", "style"]) {
      if (p[unknown] !== undefined) throw badRequest(`Unknown parameter: '${unknown}'. It is not supported for GPT image models.`, unknown, "unknown_parameter");
    }
    if (p.quality !== undefined && !s.qualities.includes(String(p.quality))) {
      throw badRequest(`Invalid value '${p.quality}' for 'quality': ${model} supports ${s.qualities.join(", ")}.`, "quality");
    }
    const format = String(p.output_format ?? "png");
    if (!["png", "jpeg", "webp", ...(s.gif ? ["gif"] : [])].includes(format)) throw badRequest(`Invalid output_format '${format}'.`, "output_format");
    if (p.background !== undefined && !["transparent", "opaque", "auto"].includes(String(p.background))) throw badRequest("Invalid background.", "background");
    if (p.background === "transparent" && format === "jpeg") throw badRequest("Transparent background requires png or webp output.", "background");
    if (p.output_compression !== undefined) {
      const c = Number(p.output_compression);
      if (format === "png") throw badRequest("output_compression is only supported for jpeg and webp.", "output_compression");
      if (!Number.isInteger(c) || c < 0 || c > 100) throw badRequest("output_compression must be between 0 and 100.", "output_compression");
    }
    if (p.moderation !== undefined && !["low", "auto"].includes(String(p.moderation))) throw badRequest("Invalid moderation.", "moderation");
    if (p.input_fidelity !== undefined && (model === "gpt-image-2" || model.startsWith("gpt-image-2-"))) {
      throw badRequest("input_fidelity is not supported for gpt-image-2; omit it.", "input_fidelity", "unsupported_parameter");
    }
    const partials = Number(p.partial_images ?? 0);
    if (!Number.isInteger(partials) || partials < 0 || partials > 3) throw badRequest("partial_images must be between 0 and 3.", "partial_images");
    return s;
  };

  const answer = async (res: ServerResponse, call: ImageCall) => {
    const s = validate(call);
    const p = call.params;
    const prompt = String(p.prompt ?? "");
    const blocked = fake.options.blockedWord ?? "forbidden";
    if (prompt.toLowerCase().includes(blocked)) {
      const message = "Your request was rejected as a result of our safety system.";
      return json(res, 400, { error: { message, type: "image_generation_user_error", param: null, code: "moderation_blocked" } });
    }
    const n = Number(p.n ?? 1);
    const size = String(p.size ?? "auto") === "auto" ? "1024x1024" : String(p.size);
    const [width, height] = size.split("x").map(Number);
    const format = s.gpt ? String(p.output_format ?? "png") : "png";
    const transparent = p.background === "transparent";
    const quality = String(p.quality ?? "auto");
    const mime = `image/${format}`;
    const urls = fake.options.answerWithUrls || (!s.gpt && String(p.response_format ?? "url") === "url");
    // An animated GIF: n real GIFs of the asked frames, billed as one picture of the frame sheet each.
    const gif = format === "gif" ? (gifCall(p, call.model, true) as GifCall) : null;
    const images = gif ? await Promise.all(Array.from({ length: n }, (_, i) => drawAnimatedGif(gif, `${prompt}#${i}`, transparent))) : await Promise.all(Array.from({ length: n }, (_, i) => drawImage(width, height, `${prompt}#${i}`, transparent, format)));
    // Signed as the service signs what it returns: a C2PA manifest of "Fake OpenAI" (./c2pa.ts).
    const answers = await Promise.all(images.map((image) => signedLikeProvider(image, "Fake OpenAI", call.model)));
    const textTokens = Math.ceil(prompt.length / 4);
    const imageTokens = call.inputImages * IMAGE_INPUT_TOKENS;
    // "auto" renders at medium here; other sizes scale with the pixel count.
    const perImage = Math.round((s.outputTokens[quality === "auto" ? "medium" : quality] ?? 0) * ((gif ? gif.sheetPixels : width * height) / (1024 * 1024)));
    const usage = (count: number, partials = 0) => {
      const output = (perImage + partials * PARTIAL_IMAGE_TOKENS) * count;
      return {
        input_tokens: textTokens + imageTokens,
        input_tokens_details: { text_tokens: textTokens, image_tokens: imageTokens },
        output_tokens: output,
        output_tokens_details: { image_tokens: output, text_tokens: 0 },
        total_tokens: textTokens + imageTokens + output,
      };
    };
    const created = Math.floor(Date.now() / 1000);
    const shownQuality = quality === "auto" ? "medium" : quality;

    if (String(p.stream) === "true") {
      if (!s.gpt) throw badRequest("Streaming is not supported for this model.", "stream");
      const partials = Number(p.partial_images ?? 0);
      const prefixType = call.kind === "generation" ? "image_generation" : "image_edit";
      const common = { created_at: created, size, quality: shownQuality, background: transparent ? "transparent" : "opaque", output_format: format };
      res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", "x-request-id": `req_${randomUUID().slice(0, 8)}` });
      const send = (type: string, data: object) => res.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
      for (const [i, image] of answers.entries()) {
        for (let k = 0; k < partials; k++) {
          const partial = await drawImage(width, height, `${prompt}#${i}#partial${k}`, transparent, format);
          send(`${prefixType}.partial_image`, { ...common, b64_json: partial.toString("base64"), partial_image_index: k });
        }
        send(`${prefixType}.completed`, { ...common, b64_json: image.toString("base64"), usage: usage(1, partials) });
      }
      res.end();
      return;
    }
    const data = answers.map((image) =>
      urls ? { url: fake.serveFile(`/files/${randomUUID()}.${format}`, image, mime) } : { b64_json: image.toString("base64") },
    );
    json(res, 200, {
      created,
      data,
      ...(s.gpt ? { usage: usage(n), size, quality: shownQuality, background: transparent ? "transparent" : "opaque", output_format: format } : {}),
    }, { "x-request-id": `req_${randomUUID().slice(0, 8)}` });
  };

  /** Checks the uploaded images (and mask) like the service does; returns how many input images there were. */
  const checkUploads = async (form: ParsedForm): Promise<number> => {
    const images = [...(form.fileLists.image ?? []), ...(form.fileLists["image[]"] ?? [])];
    if (!images.length) throw badRequest("Missing required parameter: 'image'.", "image", "missing_required_parameter");
    // "You can provide up to 16 images" (openai-node ImageEditParamsBase.image).
    if (images.length > 16) throw badRequest(`Invalid 'image': too many images (${images.length}). You can provide up to 16 images.`, "image", "array_above_max_length");
    const metas = [];
    for (const image of images) {
      const meta = await sharp(image.data).metadata().catch(() => null);
      if (!meta || !["png", "jpeg", "webp"].includes(meta.format ?? "") || image.data.length > 50 * 1024 * 1024) {
        throw badRequest("Invalid image file or mode for image: use png, webp or jpg files under 50MB.", "image");
      }
      metas.push(meta);
    }
    const mask = form.files.mask;
    if (mask) {
      const m = await sharp(mask.data).metadata().catch(() => null);
      if (!m || m.format !== "png" || !m.hasAlpha) throw badRequest("Invalid mask image: it must be a PNG with an alpha channel.", "mask");
      if (m.width !== metas[0].width || m.height !== metas[0].height) throw badRequest("Invalid mask image: its size must match the first image's.", "mask");
    }
    const fields = [...(form.fileLists.image ?? []).map(() => "image"), ...(form.fileLists["image[]"] ?? []).map(() => "image[]")];
    inputs.push(await Promise.all(images.map((image, i) => describeImage(fields[i], image.data, image.type))));
    return images.length;
  };

  const guarded = (azure: boolean, handler: (req: RecordedRequest, res: ServerResponse, model?: string) => Promise<void>) =>
    async (req: RecordedRequest, res: ServerResponse) => {
      if (!authorized(req, azure)) {
        return json(res, 401, { error: { message: "Incorrect API key provided.", type: "invalid_request_error", param: null, code: "invalid_api_key" } });
      }
      let model: string | undefined;
      if (azure) {
        if (!req.query.get("api-version")) return json(res, 400, { error: { code: "BadRequest", message: "Missing api-version query parameter." } });
        const deployment = /\/deployments\/([^/]+)\//.exec(req.path)?.[1];
        if (deployment) {
          model = fake.options.azure?.deployments[decodeURIComponent(deployment)];
          if (!model) return json(res, 404, { error: { code: "DeploymentNotFound", message: `The deployment ${deployment} does not exist.` } });
        }
      }
      try {
        await handler(req, res, model);
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        json(res, e.status, errorBody(e));
      }
    };

  type Handler = (req: RecordedRequest, res: ServerResponse, deploymentModel?: string) => Promise<void>;
  // Without a model the endpoints fall back to dall-e-2, which is shut down: "Specify a model explicitly".
  const generations: Handler = async (req, res, deploymentModel) => {
    const params = (req.json ?? {}) as Record<string, unknown>;
    if (!req.json) throw badRequest("Expected a JSON body", null, null);
    await answer(res, { kind: "generation", model: deploymentModel ?? String(params.model ?? "dall-e-2"), params, inputImages: 0 });
  };
  const edits: Handler = async (req, res, deploymentModel) => {
    if (fake.options.noEdits) return json(res, 404, { error: { message: "Not Found" } });
    const form = await parseForm(req);
    const model = deploymentModel ?? form.fields.model ?? "dall-e-2";
    if (!spec(model)) {
      calledModels.push(model);
      throw modelNotFound(model);
    }
    const inputImages = await checkUploads(form);
    await answer(res, { kind: "edit", model, params: form.fields, inputImages });
  };
  // The variations endpoint served dall-e-2 only, which is shut down: nothing is answered there any more.
  const variations: Handler = async (req) => {
    const form = await parseForm(req);
    const model = form.fields.model ?? "dall-e-2";
    calledModels.push(model);
    if (!spec(model)) throw modelNotFound(model);
    throw badRequest(`Invalid model '${model}': the variations endpoint only supports dall-e-2.`, "model");
  };
  const models: Handler = async (_req, res) => {
    const ids = [...Object.keys(LIVE), ...Object.keys(SHUT_DOWN), ...[...dates.keys()].filter((id) => !LIVE[id] && !SHUT_DOWN[id]), ...OTHERS];
    const listed = [...new Set(ids)].filter((id) => !unlisted.has(id));
    const data = [
      ...listed.map((id) => ({ id, object: "model", created: 1_776_729_600, owned_by: "system", shutdown_date: shutdownDate(id) })),
      ...(fake.options.extraModels ?? []).map((id) => ({ id, object: "model", created: 1_700_000_000, owned_by: "user", shutdown_date: null })),
    ];
    json(res, 200, { object: "list", data });
  };
  const azureRoute = (op: string) => new RegExp(`^POST /openai/deployments/[^/]+/images/${op}$`);

  const server = await startFake([
    [`POST ${prefix}/images/generations`, guarded(false, generations)],
    [`POST ${prefix}/images/edits`, guarded(false, edits)],
    [`POST ${prefix}/images/variations`, guarded(false, variations)],
    [`GET ${prefix}/models`, guarded(false, models)],
    // Describe / enhance (tests/fakes/text.ts): the Responses API with an image-reading text model.
    [`POST ${prefix}/responses`, guarded(false, (req, res) => answerResponses(req, res))],
    [azureRoute("generations"), guarded(true, generations)],
    [azureRoute("edits"), guarded(true, edits)],
    ["GET /openai/models", guarded(true, models)],
  ]);
  const fake = Object.assign(server, {
    options,
    forms,
    inputs,
    baseUrl: `${server.url}${prefix}`,
    setShutdownDate(id: string, date: string | null) {
      if (date !== null && !/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`shutdown date ${date} is not YYYY-MM-DD`);
      dates.set(id, date);
    },
    retire(id: string) {
      dates.set(id, yesterday());
    },
    unlist(id: string) {
      unlisted.add(id);
    },
    resetModels() {
      dates.clear();
      unlisted.clear();
    },
    imageModels: () => [...calledModels],
  }) as FakeOpenAI;
  return fake;
}

/**
 * A pinned snapshot added the way an operator adds a model (MODEL_CATALOG / MODEL_CATALOG_FILE): generation only,
 * one image per call, a flat $0.04 and no token prices (so the estimate is what is charged). Integration tests use
 * it where the arithmetic of batches, budgets and reservations should stay simple. The fake serves the snapshot.
 */
export const FLAT_MODEL = "gpt-image-2-2026-04-21";
export const FLAT_MODEL_ENTRY = {
  provider: "openai",
  id: FLAT_MODEL,
  label: "GPT Image 2 (2026-04-21 snapshot, flat price)",
  costPerImageUsd: 0.04,
  capabilities: {
    generate: true, maxImages: 1, qualities: ["low", "medium", "high", "auto"],
    sizes: { kind: "free", multipleOf: 16, maxSide: 3840, minPixels: 655_360, maxPixels: 8_294_400, maxRatio: 3 },
  },
} satisfies CatalogEntryInput;

/** The catalog's OpenAI models plus FLAT_MODEL, as an OpenAIProvider's `models`. */
export function openAIModels(): ModelInfo[] {
  const { provider: _provider, ...flat } = catalogEntrySchema.parse(FLAT_MODEL_ENTRY);
  return [...catalogModels("openai"), flat as ModelInfo];
}

/** A ProviderContext whose fetchResult downloads through the real SSRF guard (loopback allowed) and records calls. */
export function recordingContext(fake: FakeServer, options: { signal?: AbortSignal; onProgress?: (e: ProgressEvent) => void } = {}) {
  const signal = options.signal ?? new AbortController().signal;
  const fetched: string[] = [];
  const context: ProviderContext = {
    signal,
    onProgress: options.onProgress,
    fetchResult: (url) => {
      fetched.push(url);
      return fetchResultUrl(url, { provider: "openai", allowedHosts: [new URL(fake.url).hostname], allowPrivate: true, maxBytes: 20 << 20, timeoutMs: 5000, signal });
    },
  };
  return { context, fetched };
}
