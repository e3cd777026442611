// A fake of the OpenAI Images API (and Azure OpenAI's deployment paths) on the fake-server harness, following
// the OpenAI API reference — Images: https://platform.openai.com/docs/api-reference/images — and Azure OpenAI's
// REST reference (https://learn.microsoft.com/azure/ai-services/openai/reference). It validates request shapes
// like the real service (400 with an OpenAI-style error body), answers with real images drawn by sharp at the
// requested size, streams partial images over SSE, and records every request (multipart bodies parsed).
import { randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";
import sharp from "sharp";
import { fetchResultUrl } from "@/lib/providers/fetch-result";
import type { ProgressEvent, ProviderContext } from "@/lib/providers/types";
import { json, startFake, type FakeServer, type RecordedRequest } from "./harness";

export interface FakeOpenAIOptions {
  /** The Bearer key /v1 requires (default "sk-test"); null: no key required (self-hosted servers). */
  apiKey?: string | null;
  /** Where the API lives (default "/v1"). */
  prefix?: string;
  /** Azure OpenAI: the api-key header value and deployment name → model. */
  azure?: { apiKey: string; deployments: Record<string, string> };
  /** Models a self-hosted server adds, taking any WxH (multiples of 64, 256–2048). */
  extraModels?: string[];
  /** Answer every request with URLs served by the fake (compatible-server mode). */
  answerWithUrls?: boolean;
  /** Prompts containing this word are refused by the "safety system" (default "forbidden"). */
  blockedWord?: string;
  /** No /images/edits endpoint (404), like many self-hosted servers. */
  noEdits?: boolean;
}

export interface ParsedForm {
  path: string;
  fields: Record<string, string>;
  files: Record<string, { name: string; type: string; data: Buffer }>;
}

export interface FakeOpenAI extends FakeServer {
  options: FakeOpenAIOptions;
  /** Multipart bodies of edits and variations, parsed. */
  forms: ParsedForm[];
  /** The API root to give an SDK: url + prefix. */
  baseUrl: string;
}

interface ModelSpec {
  sizes: string[] | "any";
  qualities: string[];
  maxN: number;
  gpt: boolean;
}

const GPT_SIZES = ["1024x1024", "1536x1024", "1024x1536", "auto"];
const MODELS: Record<string, ModelSpec> = {
  "gpt-image-1": { sizes: GPT_SIZES, qualities: ["low", "medium", "high", "auto"], maxN: 10, gpt: true },
  "dall-e-3": { sizes: ["1024x1024", "1792x1024", "1024x1792"], qualities: ["standard", "hd"], maxN: 1, gpt: false },
  "dall-e-2": { sizes: ["256x256", "512x512", "1024x1024"], qualities: ["standard"], maxN: 10, gpt: false },
};

/** Output tokens per image of gpt-image-1 by size and quality (the documented table). */
export const OUTPUT_TOKENS: Record<string, Record<string, number>> = {
  "1024x1024": { low: 272, medium: 1056, high: 4160 },
  "1536x1024": { low: 408, medium: 1584, high: 6240 },
  "1024x1536": { low: 408, medium: 1584, high: 6240 },
};
/** Image input tokens the fake charges per input image of an edit. */
export const IMAGE_INPUT_TOKENS = 323;

class BadRequest extends Error {
  constructor(message: string, readonly param: string | null = null, readonly status = 400, readonly code: string | null = null) {
    super(message);
  }
}

const errorBody = (e: BadRequest) => ({ error: { message: e.message, type: "invalid_request_error", param: e.param, code: e.code } });

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
  kind: "generation" | "edit" | "variation";
  model: string;
  params: Record<string, unknown>;
  inputImages: number;
}

export async function startFakeOpenAI(options: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
  const prefix = options.prefix ?? "/v1";
  const forms: ParsedForm[] = [];
  const spec = (model: string): ModelSpec | undefined =>
    MODELS[model] ?? (fake.options.extraModels?.includes(model) ? { sizes: "any", qualities: [], maxN: 10, gpt: false } : undefined);

  const authorized = (req: RecordedRequest, azure: boolean) => {
    if (azure) return req.headers["api-key"] === fake.options.azure?.apiKey && !req.headers.authorization;
    const key = fake.options.apiKey === undefined ? "sk-test" : fake.options.apiKey;
    return key === null || req.headers.authorization === `Bearer ${key}`;
  };

  const parseForm = async (req: RecordedRequest): Promise<ParsedForm> => {
    const type = String(req.headers["content-type"] ?? "");
    if (!type.startsWith("multipart/form-data")) throw new BadRequest("Expected a multipart/form-data body");
    const form = await new Response(new Uint8Array(req.body), { headers: { "content-type": type } }).formData();
    const parsed: ParsedForm = { path: req.path, fields: {}, files: {} };
    for (const [name, value] of form.entries()) {
      if (typeof value === "string") parsed.fields[name] = value;
      else parsed.files[name] = { name: value.name, type: value.type, data: Buffer.from(await value.arrayBuffer()) };
    }
    forms.push(parsed);
    return parsed;
  };

  const validate = (call: ImageCall): ModelSpec => {
    const { params: p, model } = call;
    const s = spec(model);
    if (!s) throw new BadRequest(`The model '${model}' does not exist`, "model", 404, "model_not_found");
    if (typeof p.prompt !== "string" || !p.prompt) {
      if (call.kind !== "variation") throw new BadRequest("Missing required parameter: 'prompt'.", "prompt");
    }
    const n = p.n === undefined ? 1 : Number(p.n);
    if (!Number.isInteger(n) || n < 1 || n > s.maxN) throw new BadRequest(`Invalid 'n': ${model} supports 1 to ${s.maxN}.`, "n");
    const size = String(p.size ?? (s.gpt ? "auto" : "1024x1024"));
    const sizeOk = s.sizes === "any" ? /^\d+x\d+$/.test(size) && size.split("x").map(Number).every((v) => v >= 256 && v <= 2048 && v % 64 === 0) : s.sizes.includes(size);
    if (!sizeOk) throw new BadRequest(`Invalid size '${size}' for ${model}.`, "size");
    if (p.quality !== undefined && !s.qualities.includes(String(p.quality))) throw new BadRequest(`Invalid quality '${p.quality}' for ${model}.`, "quality");
    if (s.gpt && p.response_format !== undefined) throw new BadRequest("Unknown parameter: 'response_format'.", "response_format");
    if (!s.gpt && p.response_format !== undefined && !["url", "b64_json"].includes(String(p.response_format))) {
      throw new BadRequest(`Invalid response_format '${p.response_format}'.`, "response_format");
    }
    for (const gptOnly of ["background", "output_format", "output_compression", "stream", "partial_images", "moderation"]) {
      if (!s.gpt && p[gptOnly] !== undefined && !(gptOnly === "stream" && String(p.stream) === "false")) {
        throw new BadRequest(`Unknown parameter: '${gptOnly}' is only supported for GPT image models.`, gptOnly);
      }
    }
    const format = String(p.output_format ?? "png");
    if (!["png", "jpeg", "webp"].includes(format)) throw new BadRequest(`Invalid output_format '${format}'.`, "output_format");
    if (p.background !== undefined && !["transparent", "opaque", "auto"].includes(String(p.background))) throw new BadRequest("Invalid background.", "background");
    if (p.background === "transparent" && format === "jpeg") throw new BadRequest("Transparent background requires png or webp output.", "background");
    if (p.output_compression !== undefined && format === "png") throw new BadRequest("output_compression is only supported for jpeg and webp.", "output_compression");
    const partials = Number(p.partial_images ?? 0);
    if (!Number.isInteger(partials) || partials < 0 || partials > 3) throw new BadRequest("partial_images must be between 0 and 3.", "partial_images");
    if (model === "dall-e-3" && p.style !== undefined && !["vivid", "natural"].includes(String(p.style))) throw new BadRequest("Invalid style.", "style");
    return s;
  };

  const answer = async (res: ServerResponse, call: ImageCall) => {
    const s = validate(call);
    const p = call.params;
    const prompt = String(p.prompt ?? "");
    const blocked = fake.options.blockedWord ?? "forbidden";
    if (prompt.toLowerCase().includes(blocked)) {
      const message = "Your request was rejected as a result of our safety system.";
      return json(res, 400, { error: s.gpt
        ? { message, type: "image_generation_user_error", param: null, code: "moderation_blocked" }
        : { message, type: "invalid_request_error", param: null, code: "content_policy_violation" } });
    }
    const n = Number(p.n ?? 1);
    const size = String(p.size ?? "auto") === "auto" ? "1024x1024" : String(p.size);
    const [width, height] = size.split("x").map(Number);
    const format = s.gpt ? String(p.output_format ?? "png") : "png";
    const transparent = p.background === "transparent";
    const quality = String(p.quality ?? (s.gpt ? "auto" : "standard"));
    const mime = `image/${format}`;
    const urls = fake.options.answerWithUrls || (!s.gpt && String(p.response_format ?? "url") === "url");
    const images = await Promise.all(Array.from({ length: n }, (_, i) => drawImage(width, height, `${prompt}#${i}`, transparent, format)));
    const textTokens = Math.ceil(prompt.length / 4);
    const imageTokens = call.inputImages * IMAGE_INPUT_TOKENS;
    const perImage = OUTPUT_TOKENS[size]?.[quality === "auto" ? "medium" : quality] ?? 0;
    const usage = (count: number) => ({
      input_tokens: textTokens + imageTokens,
      input_tokens_details: { text_tokens: textTokens, image_tokens: imageTokens },
      output_tokens: perImage * count,
      total_tokens: textTokens + imageTokens + perImage * count,
    });
    const created = Math.floor(Date.now() / 1000);

    if (String(p.stream) === "true") {
      const prefixType = call.kind === "generation" ? "image_generation" : "image_edit";
      const common = { created_at: created, size, quality, background: String(p.background ?? "auto"), output_format: format };
      res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
      const send = (type: string, data: object) => res.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
      for (const [i, image] of images.entries()) {
        for (let k = 0; k < Number(p.partial_images ?? 0); k++) {
          const partial = await drawImage(width, height, `${prompt}#${i}#partial${k}`, transparent, format);
          send(`${prefixType}.partial_image`, { ...common, b64_json: partial.toString("base64"), partial_image_index: k });
        }
        send(`${prefixType}.completed`, { ...common, b64_json: image.toString("base64"), usage: usage(1) });
      }
      res.end();
      return;
    }
    const data = images.map((image) => ({
      ...(urls ? { url: fake.serveFile(`/files/${randomUUID()}.${format}`, image, mime) } : { b64_json: image.toString("base64") }),
      ...(call.model === "dall-e-3" ? { revised_prompt: `A detailed rendering of: ${prompt}` } : {}),
    }));
    json(res, 200, {
      created,
      data,
      ...(s.gpt ? { usage: usage(n), size, quality, background: transparent ? "transparent" : "opaque", output_format: format } : {}),
    }, { "x-request-id": `req_${randomUUID().slice(0, 8)}` });
  };

  /** Checks the uploaded image (and mask) like the service does; returns how many input images there were. */
  const checkUploads = async (form: ParsedForm, model: string, kind: "edit" | "variation"): Promise<number> => {
    const image = form.files.image ?? form.files["image[]"];
    if (!image) throw new BadRequest("Missing required parameter: 'image'.", "image");
    const meta = await sharp(image.data).metadata().catch(() => null);
    if (!meta || !["png", "jpeg", "webp"].includes(meta.format ?? "")) throw new BadRequest("Invalid image file or mode for image.", "image");
    if ((model === "dall-e-2" || kind === "variation") && (meta.format !== "png" || meta.width !== meta.height || image.data.length > 4 * 1024 * 1024)) {
      throw new BadRequest("Uploaded image must be a square PNG less than 4 MB.", "image");
    }
    const mask = form.files.mask;
    if (mask) {
      const m = await sharp(mask.data).metadata().catch(() => null);
      if (!m || m.format !== "png" || !m.hasAlpha) throw new BadRequest("Invalid mask image: it must be a PNG with an alpha channel.", "mask");
      if (m.width !== meta.width || m.height !== meta.height) throw new BadRequest("Invalid mask image: its size must match the image's.", "mask");
    }
    return 1;
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
        if (!(e instanceof BadRequest)) throw e;
        json(res, e.status, errorBody(e));
      }
    };

  type Handler = (req: RecordedRequest, res: ServerResponse, deploymentModel?: string) => Promise<void>;
  const generations: Handler = async (req, res, deploymentModel) => {
    const params = (req.json ?? {}) as Record<string, unknown>;
    if (!req.json) throw new BadRequest("Expected a JSON body");
    await answer(res, { kind: "generation", model: deploymentModel ?? String(params.model ?? "dall-e-2"), params, inputImages: 0 });
  };
  const edits: Handler = async (req, res, deploymentModel) => {
    if (fake.options.noEdits) return json(res, 404, { error: { message: "Not Found" } });
    const form = await parseForm(req);
    const model = deploymentModel ?? form.fields.model ?? "dall-e-2";
    if (!spec(model)) throw new BadRequest(`The model '${model}' does not exist`, "model", 404, "model_not_found");
    if (model === "dall-e-3") throw new BadRequest("Image edits are not supported for dall-e-3.", "model");
    const inputImages = await checkUploads(form, model, "edit");
    await answer(res, { kind: "edit", model, params: form.fields, inputImages });
  };
  const variations: Handler = async (req, res) => {
    const form = await parseForm(req);
    const model = form.fields.model ?? "dall-e-2";
    if (model !== "dall-e-2") throw new BadRequest("Variations are only supported for dall-e-2.", "model");
    await checkUploads(form, model, "variation");
    await answer(res, { kind: "variation", model, params: form.fields, inputImages: 0 });
  };
  const models: Handler = async (_req, res) => {
    const ids = [...Object.keys(MODELS), ...(fake.options.extraModels ?? [])];
    json(res, 200, { object: "list", data: ids.map((id) => ({ id, object: "model", created: 1700000000, owned_by: "system" })) });
  };
  const azureRoute = (op: string) => new RegExp(`^POST /openai/deployments/[^/]+/images/${op}$`);

  const server = await startFake([
    [`POST ${prefix}/images/generations`, guarded(false, generations)],
    [`POST ${prefix}/images/edits`, guarded(false, edits)],
    [`POST ${prefix}/images/variations`, guarded(false, variations)],
    [`GET ${prefix}/models`, guarded(false, models)],
    [azureRoute("generations"), guarded(true, generations)],
    [azureRoute("edits"), guarded(true, edits)],
    ["GET /openai/models", guarded(true, models)],
  ]);
  const fake = Object.assign(server, { options, forms, baseUrl: `${server.url}${prefix}` }) as FakeOpenAI;
  return fake;
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
