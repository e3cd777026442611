// A local stand-in for the Gemini API (generativelanguage.googleapis.com/v1beta) as @google/genai 1.x calls it,
// as it answers in December 2026 (ai.google.dev "Image generation" guide, "Gemini deprecations", the js-genai types):
//   POST /v1beta/models/{model}:generateContent  {contents, generationConfig:{responseModalities, imageConfig:
//        {aspectRatio, imageSize}, thinkingConfig:{thinkingLevel}, candidateCount?, seed?}}
//     → {candidates:[{content:{parts:[{inlineData, thoughtSignature}]}, finishReason}], usageMetadata, modelVersion,
//        responseId, modelStatus:{modelStage, retirementTime?, message?}}
//   POST …:generateContent on a text model (gemini-3.8-flash …): text answers for describe/enhance (./text.ts)
//   GET  /v1beta/models/{model}, GET /v1beta/models                (models.get / models.list: no lifecycle there)
//   POST /v1beta/models/{model}:predict                             (Imagen: gone, always 404)
// Auth is the `x-goog-api-key` header; errors are Google's `{error:{code,message,status,details?}}`. Retired ids
// (and anything not served) answer 404 NOT_FOUND "models/… is not found …" like the real service; `retire(id)` makes
// a live model do so from then on, `setModelStatus(id, …)` changes the `modelStatus` its answers carry.
import type { ServerResponse } from "node:http";
import sharp from "sharp";
import { signedLikeProvider } from "./c2pa";
import { json, startFake, type FakeServer, type RecordedRequest } from "./harness";
import { describeImage, type ReceivedImage } from "./references";
import { answerGeminiText, GEMINI_TEXT_MODELS, RETIRED_GEMINI_TEXT_MODELS } from "./text";

type SizeClass = "512" | "1K" | "2K" | "4K";

/** Documented 1K output pixels per aspect ratio of the Gemini 3 image models (2K ×2, 4K ×4, 512 ×0.5). */
export const GEMINI_1K_PIXELS: Record<string, [number, number]> = {
  "1:1": [1024, 1024], "2:3": [848, 1264], "3:2": [1264, 848], "3:4": [896, 1200], "4:3": [1200, 896],
  "4:5": [928, 1152], "5:4": [1152, 928], "9:16": [768, 1376], "16:9": [1376, 768], "21:9": [1584, 672],
  "1:4": [512, 2048], "4:1": [2048, 512], "1:8": [384, 3072], "8:1": [3072, 384],
};
const SCALE: Record<SizeClass, number> = { "512": 0.5, "1K": 1, "2K": 2, "4K": 4 };
const STANDARD_RATIOS = ["1:1", "2:3", "3:2", "3:4", "4:3", "4:5", "5:4", "9:16", "16:9", "21:9"];
const EXTREME_RATIOS = [...STANDARD_RATIOS, "1:4", "4:1", "1:8", "8:1"];

/** The pixels of an answer at a ratio and size class. */
export function geminiPixels(ratio: string, size: SizeClass = "1K"): [number, number] {
  const [w, h] = GEMINI_1K_PIXELS[ratio];
  return [Math.round(w * SCALE[size]), Math.round(h * SCALE[size])];
}

export interface GeminiModelSpec {
  ratios: string[];
  sizes: SizeClass[];
  /** thinkingConfig.thinkingLevel values taken (empty: the field is refused). */
  thinkingLevels: string[];
  /** The level used when none is asked for (thinking tokens follow it). */
  defaultThinking?: string;
  /** Image-output tokens of one image per size class. */
  tokens: Partial<Record<SizeClass, number>>;
  /** Input images (inlineData parts) one request may carry. */
  maxInputImages: number;
  displayName: string;
}

/** The image models the Gemini API serves (and how each validates a request). */
export const GEMINI_IMAGE_MODELS: Record<string, GeminiModelSpec> = {
  "gemini-nano-banana-2.1": {
    displayName: "Nano Banana 2.1", ratios: EXTREME_RATIOS, sizes: ["1K", "2K", "4K"], thinkingLevels: ["MINIMAL", "MEDIUM", "HIGH"], defaultThinking: "MEDIUM",
    tokens: { "1K": 1120, "2K": 1680, "4K": 2520 }, maxInputImages: 14,
  },
  "gemini-3-pro-image": {
    displayName: "Nano Banana Pro", ratios: STANDARD_RATIOS, sizes: ["1K", "2K", "4K"], thinkingLevels: [], defaultThinking: "HIGH",
    tokens: { "1K": 1120, "2K": 1120, "4K": 2000 }, maxInputImages: 14,
  },
  "gemini-3.1-flash-lite-image": { displayName: "Nano Banana 2 Lite", ratios: STANDARD_RATIOS, sizes: ["1K"], thinkingLevels: [], tokens: { "1K": 1120 }, maxInputImages: 14 },
  "gemini-3.1-flash-image": {
    displayName: "Nano Banana 2", ratios: EXTREME_RATIOS, sizes: ["512", "1K", "2K", "4K"], thinkingLevels: ["MINIMAL", "HIGH"], defaultThinking: "MINIMAL",
    tokens: { "512": 747, "1K": 1120, "2K": 1680, "4K": 2520 }, maxInputImages: 14,
  },
};

/** Ids the Gemini API shut down: every call naming them is a 404. */
export const RETIRED_GOOGLE_MODELS = [
  "imagen-4.0-generate-001", "imagen-4.0-ultra-generate-001", "imagen-4.0-fast-generate-001",
  "imagen-3.0-generate-002", "imagen-3.0-generate-001", "imagen-3.0-fast-generate-001",
  "gemini-2.5-flash-image", "gemini-2.5-flash-image-preview", "gemini-3-pro-image-preview", "gemini-3.1-flash-image-preview",
  ...RETIRED_GEMINI_TEXT_MODELS,
];

/** Thinking tokens per level (billed as text output). */
export const THINKING_TOKENS: Record<string, number> = { MINIMAL: 0, LOW: 90, MEDIUM: 180, HIGH: 420 };
/** Input tokens of one inline image. */
export const INPUT_IMAGE_TOKENS = 560;

export interface ModelStatus {
  modelStage: "STABLE" | "PREVIEW" | "EXPERIMENTAL" | "UNSTABLE_EXPERIMENTAL" | "LEGACY" | "DEPRECATED" | "RETIRED" | "MODEL_STAGE_UNSPECIFIED";
  /** RFC 3339 timestamp. */
  retirementTime?: string;
  message?: string;
}

const DEFAULT_STATUS: Record<string, ModelStatus> = {
  "gemini-3.1-flash-image": { modelStage: "DEPRECATED", message: "gemini-3.1-flash-image is deprecated. Please migrate to gemini-nano-banana-2.1." },
};

/** Prompts containing this word are blocked (promptFeedback.blockReason). */
export const REFUSED_WORD = "forbidden";
/** Prompts containing this word end with finishReason IMAGE_SAFETY and no image. */
export const FILTERED_WORD = "filtered-output";

const STATUS_NAMES: Record<number, string> = {
  400: "INVALID_ARGUMENT", 403: "PERMISSION_DENIED", 404: "NOT_FOUND", 429: "RESOURCE_EXHAUSTED", 500: "INTERNAL", 503: "UNAVAILABLE",
};

/** A Google-style error body, e.g. for queueing a 429 with a RetryInfo detail. */
export function googleError(code: number, message: string, details?: unknown[]) {
  return { error: { code, message, status: STATUS_NAMES[code] ?? "UNKNOWN", ...(details ? { details } : {}) } };
}

/** The 404 body of a model the Gemini API does not serve (any more). */
export const notFound = (model: string, method = "generateContent") =>
  googleError(404, `models/${model} is not found for API version v1beta, or is not supported for ${method}.`);

/** The 429 body the Gemini API sends when a quota is exhausted, with the delay it asks for. */
export function quotaExceeded(retryDelaySeconds: number) {
  return googleError(429, "You exceeded your current quota, please check your plan and billing details.", [
    { "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: `${retryDelaySeconds}s` },
  ]);
}

const fail = (res: ServerResponse, code: number, message: string, details?: unknown[]) => json(res, code, googleError(code, message, details));

/** A real PNG of the given size, a different colour per index so images are distinguishable. */
export async function drawPng(width: number, height: number, index = 0): Promise<Buffer> {
  const hue = (index * 67) % 256;
  return sharp({ create: { width, height, channels: 3, background: { r: hue, g: 128, b: 255 - hue } } }).png({ compressionLevel: 1 }).toBuffer();
}

async function decodes(base64: unknown): Promise<{ width: number; height: number } | null> {
  if (typeof base64 !== "string" || !base64) return null;
  try {
    const meta = await sharp(Buffer.from(base64, "base64")).metadata();
    return meta.width && meta.height ? { width: meta.width, height: meta.height } : null;
  } catch {
    return null;
  }
}

function checkKey(req: RecordedRequest, res: ServerResponse, apiKey: string): boolean {
  const key = req.headers["x-goog-api-key"];
  if (!key) {
    fail(res, 403, "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.");
    return false;
  }
  if (key !== apiKey) {
    fail(res, 400, "API key not valid. Please pass a valid API key.", [
      { "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason: "API_KEY_INVALID", domain: "googleapis.com" },
    ]);
    return false;
  }
  return true;
}

const modelOf = (path: string) => decodeURIComponent(path.split("/models/")[1] ?? "").split(":")[0];

type Part = { text?: string; thought?: boolean; thoughtSignature?: string; inlineData?: { mimeType?: string; data?: string } };
type Body = { contents?: Array<{ role?: string; parts?: Part[] }>; generationConfig?: Record<string, unknown> } | undefined;

/** The supported ratio closest in shape to a picture (what the model answers for an edit without a ratio). */
function closestRatio(ratios: string[], size: { width: number; height: number }): string {
  const target = Math.log(size.width / size.height);
  const distance = (r: string) => Math.abs(Math.log(GEMINI_1K_PIXELS[r][0] / GEMINI_1K_PIXELS[r][1]) - target);
  return ratios.reduce((a, b) => (distance(b) < distance(a) ? b : a));
}

export interface FakeGoogle extends FakeServer {
  apiKey: string;
  /** Shuts a live model down from now on: its calls answer 404 like a retired id. */
  retire(id: string): void;
  /** Serves a model retired with `retire` again (test isolation). */
  restore(id: string): void;
  /** The `modelStatus` a model's answers carry from now on (undefined: none). */
  setModelStatus(id: string, status: ModelStatus | undefined): void;
  /** generateContent calls that named a retired or unknown model (should stay empty: the studio never sends them). */
  notFoundCalls(): RecordedRequest[];
  /** The parts of each accepted generateContent call, in order: texts, and images as received. */
  inputs: Array<{ model: string; parts: ReceivedPart[] }>;
}

/** A request part as the fake received it. */
export type ReceivedPart = { text: string; image?: undefined } | { image: ReceivedImage; text?: undefined };

export async function startFakeGoogle(options: { apiKey?: string } = {}): Promise<FakeGoogle> {
  const apiKey = options.apiKey ?? "test-gemini-key";
  const retired = new Set(RETIRED_GOOGLE_MODELS);
  const statuses = new Map<string, ModelStatus | undefined>(Object.keys(GEMINI_IMAGE_MODELS).map((id) => [id, DEFAULT_STATUS[id] ?? { modelStage: "STABLE" }]));
  const missed: RecordedRequest[] = [];
  const inputs: FakeGoogle["inputs"] = [];
  const served = (id: string) => (Boolean(GEMINI_IMAGE_MODELS[id]) || GEMINI_TEXT_MODELS.includes(id)) && !retired.has(id);

  async function generateContent(req: RecordedRequest, res: ServerResponse) {
    const model = modelOf(req.path);
    if (!served(model)) {
      missed.push(req);
      return json(res, 404, notFound(model));
    }
    // A text model (describe, enhance): tests/fakes/text.ts.
    if (GEMINI_TEXT_MODELS.includes(model)) return answerGeminiText(model, req.json as Parameters<typeof answerGeminiText>[1], res);
    const spec = GEMINI_IMAGE_MODELS[model];
    const body = req.json as Body;
    const parts = body?.contents?.flatMap((c) => c.parts ?? []) ?? [];
    if (!parts.length) return fail(res, 400, "* GenerateContentRequest.contents: contents is not specified");
    let textTokens = 0;
    let imageTokens = 0;
    let inputSize: { width: number; height: number } | null = null;
    const received: ReceivedPart[] = [];
    for (const part of parts) {
      if (typeof part.text === "string") {
        textTokens += Math.ceil(part.text.length / 4);
        received.push({ text: part.text });
      } else if (part.inlineData) {
        if (!["image/png", "image/jpeg", "image/webp", "image/heic", "image/heif"].includes(part.inlineData.mimeType ?? "")) return fail(res, 400, `Unsupported MIME type: ${part.inlineData.mimeType}`);
        const size = await decodes(part.inlineData.data);
        if (!size) return fail(res, 400, "Unable to process input image. Please retry or report in https://developers.generativeai.google/guide/troubleshooting");
        inputSize ??= size; // an edit keeps the first picture's shape
        received.push({ image: await describeImage("inlineData", Buffer.from(part.inlineData.data!, "base64"), part.inlineData.mimeType) });
        imageTokens += INPUT_IMAGE_TOKENS;
      } else return fail(res, 400, "* GenerateContentRequest.contents[0].parts[0].data: required oneof field 'data' must have one initialized field");
    }
    const images = received.filter((p) => p.image).length;
    if (images > spec.maxInputImages) return fail(res, 400, `Too many input images: ${images}. models/${model} supports at most ${spec.maxInputImages} images per request.`);
    inputs.push({ model, parts: received });

    const config = body?.generationConfig ?? {};
    const modalities = ((config.responseModalities as string[] | undefined) ?? ["TEXT", "IMAGE"]).map((m) => String(m).toUpperCase());
    if (!modalities.every((m) => ["TEXT", "IMAGE"].includes(m))) return fail(res, 400, `Invalid responseModalities ${modalities}`);
    if (config.candidateCount !== undefined && config.candidateCount !== 1) return fail(res, 400, `Multiple candidates is not enabled for models/${model}`);
    const imageConfig = (config.imageConfig ?? {}) as { aspectRatio?: string; imageSize?: string };
    const ratio = imageConfig.aspectRatio;
    if (ratio !== undefined && !spec.ratios.includes(ratio)) return fail(res, 400, `Unsupported aspect ratio: ${ratio}. Supported: ${spec.ratios.join(", ")}.`);
    const size = (imageConfig.imageSize ?? "1K") as SizeClass;
    if (!spec.sizes.includes(size)) return fail(res, 400, `Unsupported image size: ${imageConfig.imageSize}. Supported: ${spec.sizes.join(", ")}.`);
    const thinking = config.thinkingConfig as { thinkingLevel?: string; includeThoughts?: boolean } | undefined;
    if (thinking?.thinkingLevel !== undefined) {
      if (!spec.thinkingLevels.length) return fail(res, 400, `Thinking level is not supported for models/${model}.`);
      if (!spec.thinkingLevels.includes(thinking.thinkingLevel)) return fail(res, 400, `Thinking level ${thinking.thinkingLevel} is not supported for models/${model}. Supported: ${spec.thinkingLevels.join(", ")}.`);
    }
    if (config.seed !== undefined && (!Number.isInteger(config.seed) || (config.seed as number) < -(2 ** 31) || (config.seed as number) >= 2 ** 31)) {
      return fail(res, 400, "* GenerationConfig.seed: must be a 32-bit integer");
    }

    const status = statuses.get(model);
    const common = { modelVersion: model, responseId: `fake-${Math.random().toString(36).slice(2, 10)}`, ...(status ? { modelStatus: status } : {}) };
    const level = thinking?.thinkingLevel ?? spec.defaultThinking;
    const thoughts = level ? THINKING_TOKENS[level] ?? 0 : 0;
    const usage = (image: number, text = 0) => ({
      promptTokenCount: textTokens + imageTokens,
      promptTokensDetails: [{ modality: "TEXT", tokenCount: textTokens }, ...(imageTokens ? [{ modality: "IMAGE", tokenCount: imageTokens }] : [])],
      candidatesTokenCount: image + text,
      ...(image + text ? { candidatesTokensDetails: [...(image ? [{ modality: "IMAGE", tokenCount: image }] : []), ...(text ? [{ modality: "TEXT", tokenCount: text }] : [])] } : {}),
      ...(thoughts ? { thoughtsTokenCount: thoughts } : {}),
      totalTokenCount: textTokens + imageTokens + image + text + thoughts,
    });

    const text = parts.map((p) => p.text ?? "").join(" ");
    if (text.includes(REFUSED_WORD)) return json(res, 200, { promptFeedback: { blockReason: "PROHIBITED_CONTENT" }, usageMetadata: usage(0), ...common });
    if (text.includes(FILTERED_WORD)) {
      return json(res, 200, { candidates: [{ content: { role: "model" }, finishReason: "IMAGE_SAFETY", index: 0 }], usageMetadata: usage(0), ...common });
    }
    if (!modalities.includes("IMAGE")) {
      return json(res, 200, { candidates: [{ content: { role: "model", parts: [{ text: "Here you go." }] }, finishReason: "STOP", index: 0 }], usageMetadata: usage(0, 8), ...common });
    }
    // An edit without a ratio keeps the input picture's shape; otherwise the asked ratio (square by default).
    const shape = ratio ?? (inputSize ? closestRatio(spec.ratios, inputSize) : "1:1");
    const [width, height] = geminiPixels(shape, size);
    // Signed as the Gemini API signs its pictures: a C2PA manifest of "Fake Google" (./c2pa.ts).
    const png = await signedLikeProvider(await drawPng(width, height, 3), "Fake Google", model);
    const answer: Part[] = [];
    if (thinking?.includeThoughts && level) answer.push({ text: "Planning the composition.", thought: true }, { inlineData: { mimeType: "image/png", data: (await drawPng(64, 64, 9)).toString("base64") }, thought: true });
    answer.push({ inlineData: { mimeType: "image/png", data: png.toString("base64") }, thoughtSignature: "ZmFrZS1zaWduYXR1cmU=" });
    if (modalities.includes("TEXT")) answer.push({ text: "Here is the image." });
    json(res, 200, {
      candidates: [{ content: { role: "model", parts: answer }, finishReason: "STOP", index: 0 }],
      usageMetadata: usage(spec.tokens[size] ?? 1120, modalities.includes("TEXT") ? 6 : 0),
      ...common,
    });
  }

  const resource = (id: string) => ({
    name: `models/${id}`,
    version: "001",
    displayName: GEMINI_IMAGE_MODELS[id]?.displayName ?? id,
    inputTokenLimit: 131_072,
    outputTokenLimit: 32_768,
    supportedGenerationMethods: ["generateContent", "countTokens", "batchGenerateContent"],
    thinking: (GEMINI_IMAGE_MODELS[id]?.thinkingLevels.length ?? 3) > 0,
  });
  const guarded =
    (handler: (req: RecordedRequest, res: ServerResponse) => unknown) => async (req: RecordedRequest, res: ServerResponse) => {
      if (checkKey(req, res, apiKey)) await handler(req, res);
    };
  const fake = await startFake([
    [/^POST \/v1beta\/models\/[^/:]+:generateContent$/, guarded(generateContent)],
    [
      /^POST \/v1beta\/models\/[^/:]+:predict$/,
      guarded((req, res) => {
        missed.push(req);
        json(res, 404, notFound(modelOf(req.path), "predict"));
      }),
    ],
    [
      /^GET \/v1beta\/models\/[^/:]+$/,
      guarded((req, res) => {
        const id = modelOf(req.path);
        if (!served(id)) return json(res, 404, googleError(404, `models/${id} is not found for API version v1beta, or is not supported for get.`));
        json(res, 200, resource(id));
      }),
    ],
    [/^GET \/v1beta\/models$/, guarded((_req, res) => json(res, 200, { models: Object.keys(GEMINI_IMAGE_MODELS).filter(served).map(resource) }))],
  ]);
  return Object.assign(fake, {
    apiKey,
    retire: (id: string) => void retired.add(id),
    restore: (id: string) => void (RETIRED_GOOGLE_MODELS.includes(id) || retired.delete(id)),
    setModelStatus: (id: string, status: ModelStatus | undefined) => void statuses.set(id, status),
    notFoundCalls: () => [...missed],
    inputs,
  });
}
