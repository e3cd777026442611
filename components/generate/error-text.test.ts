import { describe, expect, it } from "vitest";
import { describeJobError } from "./error-text";
import { issueSentence, validationText } from "./validation-text";

const tooLong = { path: ["prompt"], message: "prompt must be at most 4000 characters", code: "too_big" };

describe("validation errors in words", () => {
  it("turns the API's details into sentences, without the 'Invalid request: field:' jargon", () => {
    const text = describeJobError({ code: "invalid_request", message: "Invalid request: prompt: prompt must be at most 4000 characters", details: [tooLong] });
    expect(text.message).toBe("The prompt is too long: at most 4,000 characters.");
    expect(text.message).not.toMatch(/invalid request|prompt:/i);
  });

  it("names each field as the prompt bar does, and says several problems at once", () => {
    expect(issueSentence({ path: ["seed"], message: "seed must be a whole number", code: "invalid_type" })).toBe("The seed must be a whole number.");
    expect(issueSentence({ path: ["n"], message: "n must be 1–10", code: "too_big" })).toBe("The number of images must be 1–10.");
    expect(issueSentence({ path: ["aspectRatio"], message: 'aspectRatio must look like "16:9"' })).toBe('The aspect ratio must look like "16:9".');
    expect(issueSentence({ path: ["prompt"], message: "prompt must not be empty", code: "too_small" })).toMatch(/^Describe the image/);
    expect(issueSentence({ path: [], message: 'Unrecognized key: "colour"', code: "unrecognized_keys" })).toBe("This server does not know the setting colour.");
    expect(issueSentence({ path: ["webhookUrl"], message: "Invalid URL" })).toBe("The webhook address: Invalid URL.");
    expect(
      validationText("Invalid request: n: n must be 1–10", [
        { path: ["n"], message: "n must be 1–10" },
        { path: ["negativePrompt"], message: "negativePrompt must be at most 4000 characters" },
      ]),
    ).toBe("The number of images must be 1–10. The negative prompt is too long: at most 4,000 characters.");
  });

  it("words a message without details too, and keeps a sentence that needs no help", () => {
    expect(validationText("Invalid request: prompt: prompt must be at most 4000 characters", undefined)).toBe("The prompt is too long: at most 4,000 characters.");
    const configured = 'Provider "openai" is not configured on this server: set OPENAI_API_KEY';
    expect(validationText(configured, undefined)).toBe(`${configured}.`);
  });

  it("leaves other errors' sentences as the API wrote them", () => {
    expect(describeJobError({ code: "timeout", message: "The local renderer did not finish in time." }).message).toBe("The local renderer did not finish in time.");
  });
});

describe("Retry is offered only where the same request can succeed", () => {
  const retryable = (code: string, message = "", status?: string) => describeJobError({ code, message }, status).retryable;

  it("is offered for timeouts, provider failures, rate limits, the network, unknown failures, cancels and partial batches", () => {
    expect(retryable("timeout")).toBe(true);
    expect(retryable("provider_error", "OpenAI answered 503")).toBe(true);
    expect(retryable("rate_limited", "Too many requests")).toBe(true);
    expect(retryable("network")).toBe(true);
    expect(retryable("internal")).toBe(true);
    expect(retryable("unknown")).toBe(true);
    expect(retryable("partial")).toBe(true);
    expect(describeJobError(null, "canceled").retryable).toBe(true);
  });

  it("is not offered for validation, content policy, a rejected key, a retired model, a spent budget or a missing sign-in", () => {
    expect(retryable("invalid_request", "Invalid request: prompt: prompt must not be empty")).toBe(false);
    expect(retryable("provider_error", "The request was rejected by the content policy")).toBe(false);
    expect(retryable("provider_error", "invalid credentials for OpenAI")).toBe(false);
    expect(retryable("model_retired", "gpt-image-1 was retired on 2026-10-23; use gpt-image-2.5-flare.")).toBe(false);
    expect(retryable("budget_exceeded", "This generation (about $0.160) would exceed today's budget of $5.")).toBe(false);
    expect(retryable("budget_exceeded", "GPT Image costs about $0.300 per image, over the $0.2 maximum per image.")).toBe(false);
    expect(retryable("unauthorized")).toBe(false);
    expect(retryable("forbidden")).toBe(false);
    expect(retryable("not_found")).toBe(false);
    expect(retryable("payload_too_large")).toBe(false);
  });
});
