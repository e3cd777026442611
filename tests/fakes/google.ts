// A local stand-in for the Gemini API (generativelanguage.googleapis.com/v1beta) as @google/genai 1.x calls it:
//   POST /v1beta/models/{imagen}:predict          {instances:[{prompt}], parameters:{sampleCount, aspectRatio, …}}
//     → {predictions:[{bytesBase64Encoded, mimeType} | {raiFilteredReason}]}          (Google AI "Imagen" docs)
//   POST /v1beta/models/{gemini}:generateContent  {contents, generationConfig:{responseModalities, imageConfig}}
//     → {candidates:[{content:{parts:[{inlineData}]}, finishReason}], usageMetadata, modelVersion, responseId}
//                                                                  (Google AI "Image generation with Gemini" docs)
//   GET  /v1beta/models/{model}, GET /v1beta/models                (models.get / models.list)
// Auth is the `x-goog-api-key` header; errors are Google's `{error:{code,message,status,details?}}`.
import type { ServerResponse } from "node:http";
import sharp from "sharp";
import { json, startFake, type FakeServer, type RecordedRequest } from "./harness";

/** Documented 1K output sizes of Imagen 4 per aspect ratio (Vertex AI "Imagen 4" model pages). */
export const IMAGEN_SIZES: Record<string, [number, number]> = {
  "1:1": [1024, 1024], "3:4": [896, 1280], "4:3": [1280, 896], "9:16": [768, 1408], "16:9": [1408, 768],
};
/** Documented output sizes of gemini-2.5-flash-image per aspect ratio (1290 output tokens each). */
export const GEMINI_SIZES: Record<string, [number, number]> = {
  "1:1": [1024, 1024], "2:3": [832, 1248], "3:2": [1248, 832], "3:4": [864, 1184], "4:3": [1184, 864],
  "4:5": [896, 1152], "5:4": [1152, 896], "9:16": [768, 1344], "16:9": [1344, 768], "21:9": [1536, 672],
};
export const GEMINI_IMAGE_TOKENS = 1290;
const IMAGEN_MODELS = ["imagen-4.0-fast-generate-001", "imagen-4.0-generate-001", "imagen-4.0-ultra-generate-001"];
const GEMINI_MODELS = ["gemini-2.5-flash-image"];

/** Prompts containing this word are refused with a 400 (the prompt itself is blocked). */
export const REFUSED_WORD = "forbidden";
/** Prompts containing this word generate images that the output filter then drops. */
export const FILTERED_WORD = "filtered-output";

const STATUS_NAMES: Record<number, string> = {
  400: "INVALID_ARGUMENT", 403: "PERMISSION_DENIED", 404: "NOT_FOUND", 429: "RESOURCE_EXHAUSTED", 500: "INTERNAL", 503: "UNAVAILABLE",
};

/** A Google-style error body, e.g. for queueing a 429 with a RetryInfo detail. */
export function googleError(code: number, message: string, details?: unknown[]) {
  return { error: { code, message, status: STATUS_NAMES[code] ?? "UNKNOWN", ...(details ? { details } : {}) } };
}

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
  return sharp({ create: { width, height, channels: 3, background: { r: hue, g: 128, b: 255 - hue } } }).png().toBuffer();
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

async function predict(req: RecordedRequest, res: ServerResponse) {
  const model = modelOf(req.path);
  if (!IMAGEN_MODELS.includes(model)) return fail(res, 404, `models/${model} is not found for API version v1beta, or is not supported for predict.`);
  const body = req.json as { instances?: Array<{ prompt?: unknown }>; parameters?: Record<string, unknown> } | undefined;
  const prompt = body?.instances?.[0]?.prompt;
  if (!body || body.instances?.length !== 1 || typeof prompt !== "string" || !prompt.trim()) return fail(res, 400, "A non-empty prompt is required.");
  const params = body.parameters ?? {};
  for (const unsupported of ["negativePrompt", "seed", "addWatermark", "enhancePrompt"]) {
    if (unsupported in params) return fail(res, 400, `${unsupported} is not supported in the Gemini API.`);
  }
  const count = params.sampleCount ?? 4;
  if (!Number.isInteger(count) || (count as number) < 1 || (count as number) > 4) return fail(res, 400, "sampleCount must be an integer between 1 and 4.");
  const ratio = (params.aspectRatio as string | undefined) ?? "1:1";
  if (!IMAGEN_SIZES[ratio]) return fail(res, 400, `Unsupported aspect ratio: ${ratio}. Supported: ${Object.keys(IMAGEN_SIZES).join(", ")}.`);
  const mime = (params.outputOptions as { mimeType?: string } | undefined)?.mimeType ?? "image/png";
  if (!["image/png", "image/jpeg"].includes(mime)) return fail(res, 400, `Unsupported output mime type ${mime}.`);
  if (prompt.includes(REFUSED_WORD)) {
    return fail(res, 400, "Image generation failed with the following error: The prompt could not be submitted. This prompt contains sensitive words that violate Google's Responsible AI practices. Try rephrasing the prompt. If you think this was an error, send feedback. Support codes: 42876398");
  }
  if (prompt.includes(FILTERED_WORD)) {
    // With includeRaiReason the filtered samples come back as reasons; without it the answer is empty.
    const reason = "The image you want to generate violates Google's Responsible AI practices. Support codes: 29310472";
    return json(res, 200, params.includeRaiReason ? { predictions: Array.from({ length: count as number }, () => ({ raiFilteredReason: reason })) } : {});
  }
  const [width, height] = IMAGEN_SIZES[ratio];
  const predictions = [];
  for (let i = 0; i < (count as number); i++) {
    const png = await drawPng(width, height, i);
    const data = mime === "image/jpeg" ? await sharp(png).jpeg().toBuffer() : png;
    predictions.push({ bytesBase64Encoded: data.toString("base64"), mimeType: mime });
  }
  json(res, 200, { predictions });
}

type Part = { text?: string; inlineData?: { mimeType?: string; data?: string } };

async function generateContent(req: RecordedRequest, res: ServerResponse) {
  const model = modelOf(req.path);
  if (!GEMINI_MODELS.includes(model)) return fail(res, 404, `models/${model} is not found for API version v1beta, or is not supported for generateContent.`);
  const body = req.json as { contents?: Array<{ role?: string; parts?: Part[] }>; generationConfig?: Record<string, unknown> } | undefined;
  const parts = body?.contents?.flatMap((c) => c.parts ?? []) ?? [];
  if (!parts.length) return fail(res, 400, "* GenerateContentRequest.contents: contents is not specified");
  let promptTokens = 0;
  let inputSize: { width: number; height: number } | null = null;
  for (const part of parts) {
    if (typeof part.text === "string") promptTokens += Math.ceil(part.text.length / 4);
    else if (part.inlineData) {
      if (!["image/png", "image/jpeg", "image/webp"].includes(part.inlineData.mimeType ?? "")) return fail(res, 400, `Unsupported MIME type: ${part.inlineData.mimeType}`);
      inputSize = await decodes(part.inlineData.data);
      if (!inputSize) return fail(res, 400, "Unable to process input image. Please retry or report in https://developers.generativeai.google/guide/troubleshooting");
      promptTokens += 258;
    } else return fail(res, 400, "* GenerateContentRequest.contents[0].parts[0].data: required oneof field 'data' must have one initialized field");
  }
  const config = body?.generationConfig ?? {};
  const modalities = (config.responseModalities as string[] | undefined) ?? ["TEXT", "IMAGE"];
  if (!modalities.every((m) => ["TEXT", "IMAGE"].includes(String(m).toUpperCase()))) return fail(res, 400, `Invalid responseModalities ${modalities}`);
  if (config.candidateCount !== undefined && config.candidateCount !== 1) return fail(res, 400, "Multiple candidates is not enabled for this model.");
  const ratio = (config.imageConfig as { aspectRatio?: string } | undefined)?.aspectRatio;
  if (ratio !== undefined && !GEMINI_SIZES[ratio]) return fail(res, 400, `Unsupported aspect ratio: ${ratio}`);
  const usage = (candidates: number) => ({
    promptTokenCount: promptTokens,
    candidatesTokenCount: candidates,
    totalTokenCount: promptTokens + candidates,
    ...(candidates ? { candidatesTokensDetails: [{ modality: "IMAGE", tokenCount: candidates }] } : {}),
  });
  const text = parts.map((p) => p.text ?? "").join(" ");
  if (text.includes(REFUSED_WORD)) return json(res, 200, { promptFeedback: { blockReason: "PROHIBITED_CONTENT" }, usageMetadata: usage(0), modelVersion: model });
  if (text.includes(FILTERED_WORD)) {
    return json(res, 200, { candidates: [{ content: { role: "model" }, finishReason: "IMAGE_SAFETY", index: 0 }], usageMetadata: usage(0), modelVersion: model });
  }
  if (!modalities.some((m) => String(m).toUpperCase() === "IMAGE")) {
    return json(res, 200, { candidates: [{ content: { role: "model", parts: [{ text: "Here you go." }] }, finishReason: "STOP", index: 0 }], usageMetadata: usage(8), modelVersion: model });
  }
  // The model matches the input image's size when no ratio is asked for, otherwise answers square.
  const [width, height] = ratio ? GEMINI_SIZES[ratio] : inputSize ? [inputSize.width, inputSize.height] : GEMINI_SIZES["1:1"];
  const png = await drawPng(width, height, 3);
  json(res, 200, {
    candidates: [{ content: { role: "model", parts: [{ inlineData: { mimeType: "image/png", data: png.toString("base64") } }] }, finishReason: "STOP", index: 0 }],
    usageMetadata: usage(GEMINI_IMAGE_TOKENS),
    modelVersion: model,
    responseId: `fake-${Math.random().toString(36).slice(2, 10)}`,
  });
}

const modelResource = (id: string) => ({
  name: `models/${id}`,
  version: "001",
  displayName: id,
  supportedGenerationMethods: IMAGEN_MODELS.includes(id) ? ["predict"] : ["generateContent", "countTokens"],
});

export interface FakeGoogle extends FakeServer {
  apiKey: string;
}

export async function startFakeGoogle(options: { apiKey?: string } = {}): Promise<FakeGoogle> {
  const apiKey = options.apiKey ?? "test-gemini-key";
  const guarded =
    (handler: (req: RecordedRequest, res: ServerResponse) => unknown) => async (req: RecordedRequest, res: ServerResponse) => {
      if (checkKey(req, res, apiKey)) await handler(req, res);
    };
  const fake = await startFake([
    [/^POST \/v1beta\/models\/[^/:]+:predict$/, guarded(predict)],
    [/^POST \/v1beta\/models\/[^/:]+:generateContent$/, guarded(generateContent)],
    [
      /^GET \/v1beta\/models\/[^/:]+$/,
      guarded((req, res) => {
        const id = modelOf(req.path);
        if (![...IMAGEN_MODELS, ...GEMINI_MODELS].includes(id)) return fail(res, 404, `models/${id} is not found for API version v1beta`);
        json(res, 200, modelResource(id));
      }),
    ],
    [/^GET \/v1beta\/models$/, guarded((_req, res) => json(res, 200, { models: [...IMAGEN_MODELS, ...GEMINI_MODELS].map(modelResource) }))],
  ]);
  return Object.assign(fake, { apiKey });
}
