// The text side of the provider fakes: OpenAI's Responses API (POST /v1/responses), the chat completions endpoint of
// OpenAI-compatible servers (POST /v1/chat/completions) and Gemini text models (generateContent without an image
// modality), each validating requests as documented and answering in the documented shape:
//   - Responses: https://developers.openai.com/api/reference/resources/responses/methods/create (openai-node 6.49
//     types) — {id, object:"response", status, model, output:[{type:"reasoning"…}, {type:"message", content:
//     [{type:"output_text", text}]}], usage:{input_tokens, output_tokens, output_tokens_details:{reasoning_tokens}…}};
//   - chat completions: https://developers.openai.com/api/reference/resources/chat/completions/methods/create —
//     content parts `text` / `image_url {url}`, answer {choices:[{message:{role, content}, finish_reason}], usage};
//   - Gemini: ai.google.dev "Image understanding" and "Text generation" (parts of text and inlineData, answer
//     candidates[].content.parts[].text, usageMetadata).
// What the "model" writes is derived from what it received, so tests can tell the picture was read: a description
// names the picture's dominant colour and orientation; an enhancement is the prompt followed by added phrases.
import type { ServerResponse } from "node:http";
import { json, type RecordedRequest } from "./harness";
import { describeImage, type ReceivedImage } from "./references";

/** Text models OpenAI serves in December 2026 (developers.openai.com/api/docs/models) and older ones still listed. */
export const OPENAI_TEXT_MODELS = ["gpt-6-luna", "gpt-6.1-terra", "gpt-6.2-sol", "gpt-6.2-astra", "gpt-5.6-sol", "gpt-5.6-terra", "gpt-5.6-luna", "gpt-5.5", "gpt-5.4-mini"];
/** Shut down (gpt-4.5-preview went on 2025-07-14): 404 model_not_found like any id not served. */
export const RETIRED_OPENAI_TEXT_MODELS = ["gpt-4.5-preview"];
/** Prompts containing this word are refused by the text model (a `refusal` part / finish_reason content_filter). */
export const REFUSED_TEXT_WORD = "forbidden";
/** Input tokens the fakes count per image. */
export const TEXT_IMAGE_TOKENS = 765;
const REASONING_TOKENS: Record<string, number> = { none: 0, minimal: 16, low: 64, medium: 256, high: 1024, xhigh: 2048, max: 4096 };

const NAMES: Array<[string, [number, number, number]]> = [
  ["red", [255, 0, 0]], ["green", [0, 255, 0]], ["blue", [0, 0, 255]], ["yellow", [255, 255, 0]], ["magenta", [255, 0, 255]],
  ["cyan", [0, 255, 255]], ["black", [0, 0, 0]], ["white", [255, 255, 255]], ["grey", [128, 128, 128]], ["orange", [255, 128, 0]],
];

/** The nearest plain colour name of "#rrggbb". */
export function colourName(hex: string): string {
  const rgb = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
  const distance = (c: number[]) => c.reduce((sum, v, i) => sum + (v - rgb[i]) ** 2, 0);
  return NAMES.reduce((best, n) => (distance(n[1]) < distance(best[1]) ? n : best))[0];
}

/** What the fake text model writes for a picture. */
export function fakeDescription(image: ReceivedImage): string {
  const shape = image.width > image.height * 1.1 ? "landscape" : image.height > image.width * 1.1 ? "portrait" : "square";
  return `A ${shape} picture dominated by ${colourName(image.colour)} tones, a calm flat colour field, centred composition, soft even light, minimalist digital art`;
}

/** What the fake text model writes for a prompt to enhance. */
export const fakeEnhancement = (prompt: string) => `${prompt.trim()}, balanced composition with a clear focal point, soft natural light, rich fine detail`;

async function imageFromDataUrl(url: unknown): Promise<ReceivedImage | null> {
  const match = typeof url === "string" ? /^data:(image\/(?:png|jpeg|webp|gif));base64,(.+)$/.exec(url) : null;
  if (!match) return null;
  try {
    return await describeImage("image_url", Buffer.from(match[2], "base64"), match[1]);
  } catch {
    return null;
  }
}

type OpenAIError = { status: number; message: string; param?: string | null; code?: string | null };
const openAIError = (res: ServerResponse, e: OpenAIError) =>
  json(res, e.status, { error: { message: e.message, type: "invalid_request_error", param: e.param ?? null, code: e.code ?? null } });

/** POST /v1/responses. */
export async function answerResponses(req: RecordedRequest, res: ServerResponse, served = OPENAI_TEXT_MODELS): Promise<void> {
  const body = req.json as Record<string, unknown> | undefined;
  if (!body) return openAIError(res, { status: 400, message: "Expected a JSON body" });
  const allowed = ["model", "input", "instructions", "reasoning", "max_output_tokens", "store", "text", "metadata", "temperature", "stream"];
  const unknown = Object.keys(body).find((k) => !allowed.includes(k));
  if (unknown) return openAIError(res, { status: 400, message: `Unknown parameter: '${unknown}'.`, param: unknown, code: "unknown_parameter" });
  const model = String(body.model ?? "");
  if (!model) return openAIError(res, { status: 400, message: "Missing required parameter: 'model'.", param: "model", code: "missing_required_parameter" });
  if (!served.includes(model)) return openAIError(res, { status: 404, message: `The model '${model}' does not exist or you do not have access to it.`, code: "model_not_found" });
  const effort = (body.reasoning as { effort?: string } | undefined)?.effort ?? "medium";
  if (!(effort in REASONING_TOKENS)) return openAIError(res, { status: 400, message: `Invalid value: '${effort}'.`, param: "reasoning.effort", code: "invalid_value" });
  const max = body.max_output_tokens;
  if (max !== undefined && (!Number.isInteger(max) || (max as number) < 16)) return openAIError(res, { status: 400, message: "max_output_tokens must be an integer ≥ 16.", param: "max_output_tokens" });
  const messages = typeof body.input === "string" ? [{ role: "user", content: [{ type: "input_text", text: body.input }] }] : (body.input as Array<{ role?: string; content?: unknown }> | undefined);
  if (!Array.isArray(messages) || !messages.length) return openAIError(res, { status: 400, message: "Missing required parameter: 'input'.", param: "input" });
  const texts: string[] = [];
  const images: ReceivedImage[] = [];
  for (const message of messages) {
    const parts = typeof message.content === "string" ? [{ type: "input_text", text: message.content }] : (message.content as Array<Record<string, unknown>>);
    for (const part of parts ?? []) {
      if (part.type === "input_text" && typeof part.text === "string") texts.push(part.text);
      else if (part.type === "input_image") {
        if (part.detail !== undefined && !["low", "high", "auto", "original"].includes(String(part.detail))) return openAIError(res, { status: 400, message: "Invalid detail.", param: "input[0].content.detail" });
        const image = await imageFromDataUrl(part.image_url);
        if (!image) return openAIError(res, { status: 400, message: "Invalid image_url: expected a base64 data URL of a png, jpeg, webp or gif image.", param: "input[0].content.image_url", code: "invalid_image_url" });
        images.push(image);
      } else return openAIError(res, { status: 400, message: `Invalid content part type '${String(part.type)}'.`, param: "input[0].content" });
    }
  }
  const said = [String(body.instructions ?? ""), ...texts].join(" ");
  const refused = said.includes(REFUSED_TEXT_WORD);
  const text = images.length ? fakeDescription(images[0]) : fakeEnhancement(texts.join(" "));
  const reasoning = REASONING_TOKENS[effort];
  const input = Math.ceil(said.length / 4) + images.length * TEXT_IMAGE_TOKENS;
  const output = Math.ceil(text.length / 4) + reasoning;
  const id = `resp_${Math.random().toString(36).slice(2, 12)}`;
  const content = refused ? [{ type: "refusal", refusal: "I can't help with that." }] : [{ type: "output_text", text, annotations: [], logprobs: [] }];
  json(res, 200, {
    id, object: "response", created_at: Math.floor(Date.now() / 1000), status: "completed", error: null, incomplete_details: null,
    instructions: body.instructions ?? null, model, max_output_tokens: max ?? null, reasoning: { effort, summary: null }, store: body.store ?? true,
    output: [
      { type: "reasoning", id: `rs_${id}`, summary: [] },
      { type: "message", id: `msg_${id}`, status: "completed", role: "assistant", content },
    ],
    usage: { input_tokens: input, input_tokens_details: { cached_tokens: 0 }, output_tokens: output, output_tokens_details: { reasoning_tokens: reasoning }, total_tokens: input + output },
  });
}

/** POST /v1/chat/completions of an OpenAI-compatible server serving `models` (vision chat models). */
export async function answerChatCompletions(req: RecordedRequest, res: ServerResponse, models: string[]): Promise<void> {
  const body = req.json as { model?: string; messages?: Array<{ role?: string; content?: unknown }>; max_tokens?: unknown; max_completion_tokens?: unknown } | undefined;
  if (!body?.model || !Array.isArray(body.messages) || !body.messages.length) return openAIError(res, { status: 400, message: "'model' and 'messages' are required" });
  if (!models.includes(body.model)) return openAIError(res, { status: 404, message: `The model \`${body.model}\` does not exist.`, code: "model_not_found" });
  const texts: string[] = [];
  const images: ReceivedImage[] = [];
  for (const message of body.messages) {
    if (!["system", "developer", "user", "assistant"].includes(String(message.role))) return openAIError(res, { status: 400, message: `Invalid role '${String(message.role)}'` });
    const parts = typeof message.content === "string" ? [{ type: "text", text: message.content }] : (message.content as Array<Record<string, unknown>>);
    for (const part of parts ?? []) {
      if (part.type === "text" && typeof part.text === "string") {
        if (message.role === "user") texts.push(part.text);
      } else if (part.type === "image_url") {
        const image = await imageFromDataUrl((part.image_url as { url?: string } | undefined)?.url);
        if (!image) return openAIError(res, { status: 400, message: "Invalid image_url: expected a base64 data URL" });
        images.push(image);
      } else return openAIError(res, { status: 400, message: `Invalid content part type '${String(part.type)}'` });
    }
  }
  const refused = texts.join(" ").includes(REFUSED_TEXT_WORD);
  const text = images.length ? fakeDescription(images[0]) : fakeEnhancement(texts.join(" "));
  const prompt = Math.ceil(JSON.stringify(body.messages).length / 4);
  const completion = Math.ceil(text.length / 4);
  json(res, 200, {
    id: `chatcmpl-${Math.random().toString(36).slice(2, 12)}`, object: "chat.completion", created: Math.floor(Date.now() / 1000), model: body.model,
    choices: [{ index: 0, message: { role: "assistant", content: refused ? null : text, ...(refused ? { refusal: "I can't help with that." } : {}) }, finish_reason: refused ? "content_filter" : "stop" }],
    usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion },
  });
}

/** Gemini text models served in December 2026 (ai.google.dev "Gemini deprecations": no shutdown date announced). */
export const GEMINI_TEXT_MODELS = ["gemini-3.8-flash", "gemini-3.7-flash", "gemini-3.6-flash", "gemini-3.5-flash", "gemini-3.5-flash-lite", "gemini-3.1-flash-lite"];
/** Gemini text models shut down (404 NOT_FOUND): the 2.0 Flash models (June 1, 2026). */
export const RETIRED_GEMINI_TEXT_MODELS = ["gemini-2.0-flash", "gemini-2.0-flash-lite"];
const GEMINI_THINKING = ["LOW", "MEDIUM", "HIGH"];

type GeminiPart = { text?: string; inlineData?: { mimeType?: string; data?: string } };

/** generateContent on a Gemini text model: text output only; the answer derived from the parts. */
export async function answerGeminiText(model: string, body: { contents?: Array<{ parts?: GeminiPart[] }>; systemInstruction?: { parts?: GeminiPart[] }; generationConfig?: Record<string, unknown> } | undefined, res: ServerResponse): Promise<void> {
  const fail = (code: number, message: string, status: string) => json(res, code, { error: { code, message, status } });
  const config = body?.generationConfig ?? {};
  const modalities = ((config.responseModalities as string[] | undefined) ?? ["TEXT"]).map((m) => String(m).toUpperCase());
  if (modalities.some((m) => m !== "TEXT")) return fail(400, `Model ${model} does not support the requested response modalities: ${modalities.join(",")}`, "INVALID_ARGUMENT");
  if (config.imageConfig) return fail(400, `imageConfig is not supported for models/${model}.`, "INVALID_ARGUMENT");
  const level = (config.thinkingConfig as { thinkingLevel?: string } | undefined)?.thinkingLevel;
  if (level !== undefined && !GEMINI_THINKING.includes(level)) return fail(400, `Thinking level ${level} is not supported for models/${model}. Supported: ${GEMINI_THINKING.join(", ")}.`, "INVALID_ARGUMENT");
  const texts: string[] = [];
  const images: ReceivedImage[] = [];
  for (const part of body?.contents?.flatMap((c) => c.parts ?? []) ?? []) {
    if (typeof part.text === "string") texts.push(part.text);
    else if (part.inlineData?.data) {
      try {
        images.push(await describeImage("inlineData", Buffer.from(part.inlineData.data, "base64"), part.inlineData.mimeType));
      } catch {
        return fail(400, "Unable to process input image.", "INVALID_ARGUMENT");
      }
    }
  }
  if (!texts.length && !images.length) return fail(400, "* GenerateContentRequest.contents: contents is not specified", "INVALID_ARGUMENT");
  const system = (body?.systemInstruction?.parts ?? []).map((p) => p.text ?? "").join(" ");
  const usage = (text: string) => {
    const prompt = Math.ceil((system + texts.join(" ")).length / 4) + images.length * TEXT_IMAGE_TOKENS;
    const out = Math.ceil(text.length / 4);
    const thoughts = { LOW: 60, MEDIUM: 200, HIGH: 600 }[level ?? "MEDIUM"] ?? 200;
    return { promptTokenCount: prompt, candidatesTokenCount: out, thoughtsTokenCount: thoughts, totalTokenCount: prompt + out + thoughts };
  };
  if (texts.join(" ").includes(REFUSED_TEXT_WORD)) return json(res, 200, { promptFeedback: { blockReason: "PROHIBITED_CONTENT" }, usageMetadata: usage(""), modelVersion: model });
  const text = images.length ? fakeDescription(images[0]) : fakeEnhancement(texts.join(" "));
  json(res, 200, {
    candidates: [{ content: { role: "model", parts: [{ text }] }, finishReason: "STOP", index: 0 }],
    usageMetadata: usage(text), modelVersion: model, responseId: `fake-text-${Math.random().toString(36).slice(2, 10)}`,
  });
}
