// A server speaking the OpenAI Images API the way OpenAI-compatible servers do, with a table of models that each
// take their own sizes (a fixed list or a range), image counts and extra fields. Two presets:
// - a self-hosted box (LocalAI / vLLM style): any WxH in a range, OpenAI-shaped errors, GET /models;
// - RECRAFT: answers like https://external.api.recraft.ai/v1 (www.recraft.ai/docs/api-reference/endpoints
//   "Generate image", /appendix "List of supported image sizes"): recraftv4 and recraftv4_pro with their fixed size
//   tables (any other size refused with 400), n 1–6, response_format url (default) or b64_json, Recraft's own
//   fields (style, substyle, style_id, negative_prompt, controls, text_layout), `{created, credits, data: [{image_id,
//   url|b64_json}]}` answers, no /images/edits and no GET /models (404), errors as `{code, message}` (the shape of
//   Recraft's error bodies is not documented: an assumption).
// Requests are validated (unknown fields refused), recorded, and a model can be retired while running (404).
import type { ServerResponse } from "node:http";
import { randomBytes } from "node:crypto";
import sharp from "sharp";
import { json, startFake, type FakeServer, type RecordedRequest } from "./harness";
import { describeImage, type ReceivedImage } from "./references";
import { answerChatCompletions } from "./text";

export interface CompatibleModel {
  /** Exact sizes ("1024x1024"); absent: any WxH in `range`. */
  sizes?: string[];
  range?: { min: number; max: number; multipleOf: number };
  maxN: number;
  /** Input images one edit takes (`image`, or several `image[]`); default 1. */
  maxInputImages?: number;
}

export interface CompatibleServer {
  models: Record<string, CompatibleModel>;
  /** Body fields it takes besides model, prompt, n, size and response_format. */
  extraFields: string[];
  defaultResponseFormat: "url" | "b64_json";
  /** POST /images/edits (multipart). */
  edits: boolean;
  /** GET /models. */
  listModels: boolean;
  errorStyle: "openai" | "recraft";
  /** Vision chat models served at POST /chat/completions (tests/fakes/text.ts); absent: no such endpoint (404). */
  chatModels?: string[];
}

/** Recraft V4 and V4 Pro, sizes from www.recraft.ai/docs/api-reference/appendix. */
export const RECRAFT: CompatibleServer = {
  models: {
    recraftv4: {
      sizes: ["1024x1024", "1536x768", "768x1536", "1280x832", "832x1280", "1216x896", "896x1216", "1152x896", "896x1152", "832x1344", "1280x896", "896x1280", "1344x768", "768x1344"],
      maxN: 6,
    },
    recraftv4_pro: {
      sizes: ["2048x2048", "3072x1536", "1536x3072", "2560x1664", "1664x2560", "2432x1792", "1792x2432", "2304x1792", "1792x2304", "1664x2688", "2560x1792", "1792x2560", "2688x1536", "1536x2688"],
      maxN: 6,
    },
  },
  extraFields: ["style", "style_id", "substyle", "negative_prompt", "controls", "text_layout"],
  defaultResponseFormat: "url",
  edits: false,
  listModels: false,
  errorStyle: "recraft",
};

/** A self-hosted GPU box. */
export const SELF_HOSTED: CompatibleServer = {
  models: { "sdxl-turbo": { range: { min: 256, max: 2048, multipleOf: 8 }, maxN: 4 }, "flux-schnell": { range: { min: 256, max: 2048, multipleOf: 8 }, maxN: 4 } },
  extraFields: ["negative_prompt", "seed", "style"],
  defaultResponseFormat: "b64_json",
  edits: true,
  listModels: true,
  errorStyle: "openai",
  chatModels: ["qwen3-vl-8b-instruct"],
};

export interface FakeCompatible extends FakeServer {
  /** The API root to configure (url + prefix). */
  baseUrl: string;
  /** The key it wants as a Bearer token (null: none). */
  apiKey: string | null;
  server: CompatibleServer;
  /** Stops serving a model: it answers 404 from then on. */
  retire(model: string): void;
  /** Each accepted edit's prompt and input images, in order. */
  inputs: Array<{ prompt: string; images: ReceivedImage[] }>;
}

class Refusal extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

export async function startFakeCompatible(server: CompatibleServer, options: { prefix?: string; apiKey?: string | null } = {}): Promise<FakeCompatible> {
  const prefix = options.prefix ?? "/v1";
  const retired = new Set<string>();
  let fake: FakeCompatible;

  const fail = (res: ServerResponse, e: Refusal) =>
    fake.server.errorStyle === "recraft"
      ? json(res, e.status, { code: e.code, message: e.message })
      : json(res, e.status, { error: { message: e.message, type: "invalid_request_error", param: null, code: e.code } });
  const authorized = (req: RecordedRequest) => {
    if (fake.apiKey === null) return;
    if (req.headers.authorization !== `Bearer ${fake.apiKey}`) throw new Refusal(401, "invalid_api_key", "Incorrect API key provided");
  };

  async function images(fields: Record<string, unknown>, res: ServerResponse, files?: FormData) {
    const allowed = ["model", "prompt", "n", "size", "response_format", ...(files ? ["image", "image[]", "mask"] : []), ...fake.server.extraFields];
    for (const key of Object.keys(fields)) if (!allowed.includes(key)) throw new Refusal(400, "unknown_parameter", `Unrecognized request argument supplied: ${key}`);
    const id = String(fields.model ?? "");
    const model = fake.server.models[id];
    if (!model || retired.has(id)) throw new Refusal(404, "model_not_found", `The model '${id}' does not exist`);
    if (typeof fields.prompt !== "string" || !fields.prompt.trim()) throw new Refusal(400, "invalid_prompt", "prompt is required");
    const n = Number(fields.n ?? 1);
    if (!Number.isInteger(n) || n < 1 || n > model.maxN) throw new Refusal(400, "invalid_n", `n must be between 1 and ${model.maxN}`);
    const size = String(fields.size ?? (model.sizes?.[0] ?? "1024x1024"));
    const [width, height] = size.split("x").map(Number);
    const ok = model.sizes ? model.sizes.includes(size) : [width, height].every((v) => Number.isInteger(v) && v >= model.range!.min && v <= model.range!.max && v % model.range!.multipleOf === 0);
    if (!ok) throw new Refusal(400, "invalid_size", `Size ${size} is not supported by ${id}${model.sizes ? `; use one of ${model.sizes.join(", ")}` : ""}`);
    const format = fields.response_format ?? fake.server.defaultResponseFormat;
    if (format !== "url" && format !== "b64_json") throw new Refusal(400, "invalid_response_format", "response_format must be url or b64_json");
    if (files) {
      const inputs = [...files.getAll("image"), ...files.getAll("image[]")].filter((f): f is File => f instanceof Blob);
      if (!inputs.length) throw new Refusal(400, "invalid_image", "image is required");
      const max = model.maxInputImages ?? 1;
      if (inputs.length > max) throw new Refusal(400, "invalid_image", `${id} takes at most ${max} input image${max === 1 ? "" : "s"}, not ${inputs.length}`);
      fake.inputs.push({ prompt: fields.prompt, images: await Promise.all(inputs.map(async (f) => describeImage(files.has("image[]") ? "image[]" : "image", Buffer.from(await f.arrayBuffer()), f.type))) });
    }
    const data = [];
    for (let i = 0; i < n; i++) {
      const png = await sharp({ create: { width, height, channels: 3, background: { r: 40 + i * 50, g: 120, b: 200 } } }).png().toBuffer();
      const image = format === "url" ? { url: fake.serveFile(`/files/${randomBytes(8).toString("hex")}.png`, png, "image/png") } : { b64_json: png.toString("base64") };
      data.push(fake.server.errorStyle === "recraft" ? { image_id: randomBytes(16).toString("hex"), ...image } : image);
    }
    json(res, 200, { created: Math.floor(Date.now() / 1000), ...(fake.server.errorStyle === "recraft" ? { credits: 40 * n } : {}), data });
  }

  const handle = (run: (req: RecordedRequest, res: ServerResponse) => Promise<void>) => async (req: RecordedRequest, res: ServerResponse) => {
    try {
      authorized(req);
      await run(req, res);
    } catch (e) {
      if (e instanceof Refusal) fail(res, e);
      else throw e;
    }
  };

  const base = await startFake([
    [
      `POST ${prefix}/images/generations`,
      handle(async (req, res) => {
        if (!req.json || typeof req.json !== "object") throw new Refusal(400, "invalid_body", "the body must be JSON");
        await images(req.json as Record<string, unknown>, res);
      }),
    ],
    [
      `POST ${prefix}/images/edits`,
      handle(async (req, res) => {
        if (!fake.server.edits) throw new Refusal(404, "not_found", "Not Found");
        const form = await new Response(new Uint8Array(req.body), { headers: { "content-type": String(req.headers["content-type"] ?? "") } }).formData();
        const fields = Object.fromEntries([...form.entries()].map(([k, v]) => [k, typeof v === "string" ? v : "(file)"]));
        await images(fields, res, form);
      }),
    ],
    [
      `POST ${prefix}/chat/completions`,
      handle(async (req, res) => {
        const chat = (fake.server.chatModels ?? []).filter((m) => !retired.has(m));
        if (!fake.server.chatModels) throw new Refusal(404, "not_found", "Not Found");
        await answerChatCompletions(req, res, chat);
      }),
    ],
    [
      `GET ${prefix}/models`,
      handle(async (_req, res) => {
        if (!fake.server.listModels) throw new Refusal(404, "not_found", "Not Found");
        json(res, 200, { object: "list", data: Object.keys(fake.server.models).filter((m) => !retired.has(m)).map((id) => ({ id, object: "model", created: 0, owned_by: "fake" })) });
      }),
    ],
  ]);
  fake = Object.assign(base, {
    baseUrl: `${base.url}${prefix}`,
    apiKey: options.apiKey === undefined ? null : options.apiKey,
    server,
    retire: (model: string) => void retired.add(model),
    inputs: [],
  });
  return fake;
}
