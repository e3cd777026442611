// Describe and enhance on OpenAI through the Responses API (POST /v1/responses) with a text model that reads images.
// As of December 2026 OpenAI's models page recommends GPT-6 Luna "for cost-sensitive, high-volume workloads" and says
// all latest models take text and image input and are "available via the Responses API"
// (https://developers.openai.com/api/docs/models, https://developers.openai.com/api/docs/models/gpt-6-luna: $0.10
// input / $0.50 output per 1M tokens, reasoning.effort none … max, image input, v1/responses). The request follows
// the Responses API reference (https://developers.openai.com/api/reference/resources/responses/methods/create) as
// openai-node 6.49 types it: `instructions`, `input` as one user message of `input_text` and `input_image`
// (`image_url` a base64 data URL), `reasoning.effort`, `max_output_tokens`, `store: false`; the answer's
// `output_text` (the SDK joins the message's output_text parts) and `usage` (input/output tokens; reasoning tokens
// are output tokens). OPENAI_TEXT_MODEL picks another model ("off" turns describe/enhance off).
import type OpenAI from "openai";
import type { ResponseInputContent } from "openai/resources/responses/responses";
import { cleanPromptText, DESCRIBE_INSTRUCTIONS, enhanceInstructions } from "@/lib/prompts/text-instructions";
import { mapError } from "./openai-images";
import { ProviderError, type EnhanceRequest, type ProviderId, type SourceImage, type TextResult } from "./types";

export const DEFAULT_OPENAI_TEXT_MODEL = "gpt-6-luna";

/** US dollars per 1M tokens, from each model's page on developers.openai.com (December 2026). */
export const OPENAI_TEXT_PRICES: Record<string, { input: number; output: number }> = {
  "gpt-6-luna": { input: 0.1, output: 0.5 },
  "gpt-6.1-terra": { input: 1, output: 5 },
  "gpt-6.2-sol": { input: 2, output: 10 },
  "gpt-6.2-astra": { input: 8, output: 40 },
};
/** A model the table does not know is estimated like gpt-6.2-sol, and charged that estimate (no exact cost). */
const UNKNOWN_PRICE = OPENAI_TEXT_PRICES["gpt-6.2-sol"];
/** Tokens of one call, for the estimate before it: a ≤1536 px picture and the instructions in, the prompt and some reasoning out. */
const ESTIMATE = { input: 1800, output: 900 };
/** Room for reasoning (low effort) and a ≤1000-character prompt. */
const MAX_OUTPUT_TOKENS = 2000;

/** The estimated cost of one describe or enhance call on `model`. */
export function textCallEstimate(model: string): number {
  const price = OPENAI_TEXT_PRICES[model] ?? UNKNOWN_PRICE;
  return Math.round(((ESTIMATE.input * price.input + ESTIMATE.output * price.output) / 1e6) * 1e6) / 1e6;
}

/** The exact cost from the answer's usage, when the model's prices are known. */
export function textUsageCost(model: string, usage: { input_tokens: number; output_tokens: number } | undefined): number | undefined {
  const price = OPENAI_TEXT_PRICES[model];
  if (!usage || !price) return undefined;
  return Math.round(((usage.input_tokens * price.input + usage.output_tokens * price.output) / 1e6) * 1e9) / 1e9;
}

const dataUrl = (image: SourceImage) => `data:${image.mimeType};base64,${image.data.toString("base64")}`;

/** One Responses API call: the instructions, the user's content, and the answer read as a prompt. */
async function respond(provider: ProviderId, client: OpenAI, model: string, instructions: string, content: ResponseInputContent[], signal: AbortSignal): Promise<TextResult> {
  let response;
  try {
    response = await client.responses.create(
      {
        model,
        instructions,
        input: [{ role: "user", content }],
        reasoning: { effort: "low" },
        max_output_tokens: MAX_OUTPUT_TOKENS,
        store: false,
      },
      { signal },
    );
  } catch (error) {
    throw mapError(provider, error, signal, model);
  }
  const refusal = response.output?.flatMap((item) => (item.type === "message" ? item.content : [])).find((part) => part.type === "refusal");
  if (refusal && refusal.type === "refusal") throw new ProviderError(provider, "content_policy", `${model} refused: ${refusal.refusal}`);
  if (response.incomplete_details?.reason === "content_filter") throw new ProviderError(provider, "content_policy", `${model} stopped its answer (content filter)`);
  const text = cleanPromptText(response.output_text ?? "");
  if (!text) {
    const why = response.status === "incomplete" ? ` (incomplete: ${response.incomplete_details?.reason ?? "unknown"})` : "";
    throw new ProviderError(provider, "server", `${model} answered without any prompt text${why}`);
  }
  const usage = response.usage;
  const costUsd = textUsageCost(model, usage);
  return {
    text,
    model: response.model || model,
    ...(costUsd !== undefined ? { costUsd } : {}),
    ...(usage ? { usage: { inputTokens: usage.input_tokens, outputTokens: usage.output_tokens, totalTokens: usage.total_tokens } } : {}),
  };
}

export function describeWithResponses(provider: ProviderId, client: OpenAI, model: string, image: SourceImage, signal: AbortSignal): Promise<TextResult> {
  return respond(provider, client, model, DESCRIBE_INSTRUCTIONS, [
    { type: "input_image", image_url: dataUrl(image), detail: "auto" },
    { type: "input_text", text: "Write the prompt for this picture." },
  ], signal);
}

export function enhanceWithResponses(provider: ProviderId, client: OpenAI, model: string, request: EnhanceRequest, signal: AbortSignal): Promise<TextResult> {
  return respond(provider, client, model, enhanceInstructions(request.style), [{ type: "input_text", text: request.prompt }], signal);
}
