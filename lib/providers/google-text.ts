// Describe and enhance on Gemini: `models.generateContent` on a text model with the picture as an inlineData part and
// text output (ai.google.dev "Image understanding" and "Text generation"; @google/genai 1.52 `systemInstruction`,
// `thinkingConfig.thinkingLevel`, `response.text`, `usageMetadata`). GEMINI_TEXT_MODEL picks the model; the default
// is gemini-3.8-flash — GA since 2026-09-02 with no shutdown date announced on ai.google.dev "Gemini deprecations",
// the newest Flash model (text, image, audio and video in; text out; thinking levels LOW/MEDIUM/HIGH, default
// MEDIUM, per its developer guide). Its price, $0.75 input / $3.75 output per 1M tokens (thinking billed as output),
// is from the Gemini pricing page as transcribed on 2026-09-20 and 2026-10-07 ("through December 31, 2026") and
// Vercel's AI Gateway listing — a secondary source: the exact figure may change in 2027.
import { type GenerateContentResponse, type GoogleGenAI, type Part, ThinkingLevel } from "@google/genai";
import { cleanPromptText, DESCRIBE_INSTRUCTIONS, enhanceInstructions } from "@/lib/prompts/text-instructions";
import { googleError } from "./google-gemini";
import { transportError } from "./http-errors";
import { ProviderError, type EnhanceRequest, type TextResult } from "./types";

export const DEFAULT_GEMINI_TEXT_MODEL = "gemini-3.8-flash";

/** US dollars per 1M tokens (see the header for the sources). */
export const GEMINI_TEXT_PRICES: Record<string, { input: number; output: number }> = {
  "gemini-3.8-flash": { input: 0.75, output: 3.75 },
  "gemini-3.1-flash-lite": { input: 0.25, output: 1.5 },
};
/** One call's tokens for the estimate: a ≤1536 px picture and instructions in; the prompt and low thinking out. */
const ESTIMATE = { input: 1600, output: 700 };

export function geminiTextEstimate(model: string): number {
  const price = GEMINI_TEXT_PRICES[model] ?? GEMINI_TEXT_PRICES[DEFAULT_GEMINI_TEXT_MODEL];
  return Math.round(((ESTIMATE.input * price.input + ESTIMATE.output * price.output) / 1e6) * 1e6) / 1e6;
}

async function ask(ai: GoogleGenAI, model: string, instructions: string, parts: Part[], signal: AbortSignal): Promise<TextResult> {
  if (signal.aborted) throw transportError("google", signal.reason, signal);
  let response: GenerateContentResponse;
  try {
    response = await ai.models.generateContent({
      model,
      contents: [{ role: "user", parts }],
      config: { systemInstruction: instructions, thinkingConfig: { thinkingLevel: ThinkingLevel.LOW }, abortSignal: signal },
    });
  } catch (error) {
    throw googleError(error, signal, model);
  }
  const blocked = response.promptFeedback?.blockReason;
  if (blocked) throw new ProviderError("google", "content_policy", `Gemini blocked the request (${blocked})`);
  const candidate = response.candidates?.[0];
  const said = (candidate?.content?.parts ?? []).filter((p) => !p.thought && typeof p.text === "string").map((p) => p.text).join("");
  const text = cleanPromptText(said);
  if (!text) {
    const reason = String(candidate?.finishReason ?? "no candidate");
    throw new ProviderError("google", /SAFETY|PROHIBITED|BLOCKLIST|SPII/.test(reason) ? "content_policy" : "server", `${model} answered without any prompt text (${reason})`);
  }
  const usage = response.usageMetadata;
  const price = GEMINI_TEXT_PRICES[model];
  const input = usage?.promptTokenCount ?? 0;
  const output = (usage?.candidatesTokenCount ?? 0) + (usage?.thoughtsTokenCount ?? 0);
  return {
    text,
    model,
    ...(usage && price ? { costUsd: Math.round(((input * price.input + output * price.output) / 1e6) * 1e9) / 1e9 } : {}),
    ...(usage ? { usage: { inputTokens: input, outputTokens: output, totalTokens: usage.totalTokenCount } } : {}),
  };
}

export function describeWithGemini(ai: GoogleGenAI, model: string, image: { mimeType: string; data: string }, signal: AbortSignal): Promise<TextResult> {
  return ask(ai, model, DESCRIBE_INSTRUCTIONS, [{ inlineData: image }, { text: "Write the prompt for this picture." }], signal);
}

export function enhanceWithGemini(ai: GoogleGenAI, model: string, request: EnhanceRequest, signal: AbortSignal): Promise<TextResult> {
  return ask(ai, model, enhanceInstructions(request.style), [{ text: request.prompt }], signal);
}

