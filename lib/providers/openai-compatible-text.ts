// Describe and enhance on an OpenAI-compatible server, through its chat completions endpoint (POST /chat/completions)
// with a vision chat model the operator names in OPENAI_COMPATIBLE_TEXT_MODEL (unset: no text services). The request
// is the chat completions shape self-hosted servers (vLLM, LocalAI, Ollama's /v1) and gateways implement: a system
// message with the instructions, a user message of `image_url` (a base64 data URL) and `text` parts, `max_tokens`
// (the field those servers read; OpenAI's newer max_completion_tokens is not universal). The answer is
// choices[0].message.content; a `refusal` or finish_reason "content_filter" is a refusal. Follows
// https://developers.openai.com/api/reference/resources/chat/completions/methods/create. Free: such servers are the
// operator's own, and the catalog has no price for their chat models.
import { APIError, type OpenAI } from "openai";
import type { ChatCompletionContentPart } from "openai/resources/chat/completions";
import { cleanPromptText, DESCRIBE_INSTRUCTIONS, enhanceInstructions } from "@/lib/prompts/text-instructions";
import { mapError } from "./openai-images";
import { ProviderError, type EnhanceRequest, type SourceImage, type TextResult } from "./types";

const MAX_TOKENS = 1000;

async function chat(client: OpenAI, name: string, model: string, instructions: string, content: ChatCompletionContentPart[], signal: AbortSignal): Promise<TextResult> {
  let completion;
  try {
    completion = await client.chat.completions.create(
      { model, messages: [{ role: "system", content: instructions }, { role: "user", content }], max_tokens: MAX_TOKENS },
      { signal },
    );
  } catch (error) {
    if (error instanceof APIError && error.status === 404) {
      const body = (error.error ?? {}) as { code?: unknown; message?: unknown };
      const message = typeof body.message === "string" ? body.message : error.message;
      if (String(error.code ?? body.code ?? "") === "model_not_found" || /model\b.*\b(does not exist|not found|unknown)/i.test(message)) {
        throw new ProviderError("openai-compatible", "model_not_found", `${name} does not serve the chat model ${model}: ${message}`, { status: 404, model, cause: error });
      }
      throw new ProviderError("openai-compatible", "bad_request", `${name} has no chat completions endpoint (POST /chat/completions answered 404)`, { status: 404, cause: error });
    }
    throw mapError("openai-compatible", error, signal, model);
  }
  const choice = completion.choices?.[0];
  if (choice?.message?.refusal || choice?.finish_reason === "content_filter") {
    throw new ProviderError("openai-compatible", "content_policy", `${model} on ${name} refused${choice.message?.refusal ? `: ${choice.message.refusal}` : ""}`);
  }
  const text = cleanPromptText(choice?.message?.content ?? "");
  if (!text) throw new ProviderError("openai-compatible", "server", `${model} on ${name} answered without any prompt text`);
  const usage = completion.usage;
  return {
    text,
    model: completion.model || model,
    costUsd: 0,
    ...(usage ? { usage: { inputTokens: usage.prompt_tokens, outputTokens: usage.completion_tokens, totalTokens: usage.total_tokens } } : {}),
  };
}

export function describeWithChat(client: OpenAI, name: string, model: string, image: SourceImage, signal: AbortSignal): Promise<TextResult> {
  return chat(client, name, model, DESCRIBE_INSTRUCTIONS, [
    { type: "image_url", image_url: { url: `data:${image.mimeType};base64,${image.data.toString("base64")}` } },
    { type: "text", text: "Write the prompt for this picture." },
  ], signal);
}

export function enhanceWithChat(client: OpenAI, name: string, model: string, request: EnhanceRequest, signal: AbortSignal): Promise<TextResult> {
  return chat(client, name, model, enhanceInstructions(request.style), [{ type: "text", text: request.prompt }], signal);
}
