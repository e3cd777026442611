import { describe, expect, it } from "vitest";
import { errorCodes } from "@/lib/error-codes";
import { describeJobError, type JobError } from "./error-text";
import { issueSentence, validationText } from "./validation-text";

const tooLong = { path: ["prompt"], message: "prompt must be at most 4000 characters", code: "too_big", origin: "string", maximum: 4000 };

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
    expect(issueSentence({ path: ["prompt"], message: "prompt must not be empty", code: "too_small", origin: "string", minimum: 1 })).toMatch(/^Describe the image/);
    expect(issueSentence({ path: [], message: 'Unrecognized key: "colour"', code: "unrecognized_keys", keys: ["colour"] })).toBe("This server does not know the setting colour.");
    expect(issueSentence({ path: ["webhookUrl"], message: "Invalid URL" })).toBe("The webhook address: Invalid URL.");
    expect(
      validationText("Invalid request: n: n must be 1–10", [
        { path: ["n"], message: "n must be 1–10" },
        { path: ["negativePrompt"], message: "negativePrompt must be at most 4000 characters", code: "too_big", origin: "string", maximum: 4000 },
      ]),
    ).toBe("The number of images must be 1–10. The negative prompt is too long: at most 4,000 characters.");
  });

  it("shows a message without details as it is", () => {
    const configured = 'Provider "openai" is not configured on this server: set OPENAI_API_KEY';
    expect(validationText(configured, undefined)).toBe(configured);
  });

  it("leaves other errors' sentences as the API wrote them", () => {
    expect(describeJobError({ code: "timeout", message: "The local renderer did not finish in time." }).message).toBe("The local renderer did not finish in time.");
  });
});

describe("Retry is offered only where the same request can succeed", () => {
  const retryable = (code: string, details?: unknown, status?: string) => describeJobError({ code, message: "", details }, status).retryable;

  it("is offered for timeouts, provider failures, rate limits, the network, unknown failures, cancels and partial batches", () => {
    expect(retryable("timeout")).toBe(true);
    expect(retryable("provider_error", { reason: "server" })).toBe(true);
    expect(retryable("provider_error")).toBe(true);
    expect(retryable("rate_limited")).toBe(true);
    expect(retryable("network")).toBe(true);
    expect(retryable("internal")).toBe(true);
    expect(retryable("unknown")).toBe(true);
    expect(retryable("partial")).toBe(true);
    expect(describeJobError(null, "canceled").retryable).toBe(true);
  });

  it("is not offered for validation, content policy, a rejected key, a retired model, a spent budget or a missing sign-in", () => {
    expect(retryable("invalid_request", [{ path: ["prompt"], message: "prompt must not be empty", code: "too_small" }])).toBe(false);
    expect(retryable("provider_error", { reason: "content_policy" })).toBe(false);
    expect(retryable("provider_error", { reason: "auth" })).toBe(false);
    expect(retryable("model_retired")).toBe(false);
    expect(retryable("budget_exceeded", { limit: "daily" })).toBe(false);
    expect(retryable("budget_exceeded", { limit: "per_image" })).toBe(false);
    expect(retryable("unauthorized")).toBe(false);
    expect(retryable("forbidden")).toBe(false);
    expect(retryable("not_found")).toBe(false);
    expect(retryable("payload_too_large")).toBe(false);
  });
});

describe("each code (and the details that split one) in words", () => {
  const text = (error: JobError | null, status?: string, retryAfter?: number) => {
    const { heading, hint, tone, needsChange } = describeJobError(error, status, retryAfter);
    return { heading, hint, tone, needsChange };
  };
  const failed = { heading: "Generation failed", hint: "", tone: "danger", needsChange: false };

  it("a cancel, by the job's status or the code", () => {
    const canceled = { heading: "Canceled", hint: "Nothing was charged. Retry to start it again.", tone: "warning", needsChange: false };
    expect(text(null, "canceled")).toEqual(canceled);
    expect(text({ code: "canceled", message: "" })).toEqual(canceled);
    // The status wins over an error the job kept.
    expect(text({ code: "provider_error", message: "OpenAI failed" }, "canceled")).toEqual(canceled);
  });

  it("a spent budget: today's by default (with the wait), or one image over the maximum per image (details.limit)", () => {
    const sentence = "This generation (about $0.160) would exceed today's budget of $5.";
    expect(text({ code: "budget_exceeded", message: sentence, details: { limit: "daily" } }, undefined, 3 * 3600)).toEqual({
      heading: "Over today's budget",
      hint: "Today's budget resets in 3 h at midnight UTC. Fewer images, a cheaper model or the free local renderer work now.",
      tone: "danger",
      needsChange: true,
    });
    expect(text({ code: "budget_exceeded", message: sentence }).hint).toBe("Today's budget resets at midnight UTC. Fewer images, a cheaper model or the free local renderer work now.");
    // The words of the sentence do not decide: details do.
    expect(text({ code: "budget_exceeded", message: "GPT Image costs about $0.300 per image, over the $0.2 maximum per image.", details: { limit: "per_image" } })).toEqual({
      heading: "Too expensive per image",
      hint: "Pick a cheaper model, or the free local renderer.",
      tone: "danger",
      needsChange: true,
    });
    expect(text({ code: "budget_exceeded", message: "… per image …" }).heading).toBe("Over today's budget");
  });

  it("a provider's failure: refused by its content policy, our key rejected (details.reason), or anything else", () => {
    expect(text({ code: "provider_error", message: "openai refused this prompt under its content policy: try rewording it.", details: { reason: "content_policy" } })).toEqual({
      heading: "The prompt was refused",
      hint: "The provider's content policy blocked it. Rewrite the prompt and try again.",
      tone: "danger",
      needsChange: true,
    });
    expect(text({ code: "provider_error", message: "openai rejected our credentials: check its API key.", details: { reason: "auth" } })).toEqual({
      heading: "The provider's key was rejected",
      hint: "Check the provider's API key in the server's configuration.",
      tone: "danger",
      needsChange: true,
    });
    const other = { heading: "The provider failed", hint: "Retry, or choose another provider.", tone: "danger", needsChange: false };
    expect(text({ code: "provider_error", message: "openai is rate-limiting us; try again in a moment.", details: { reason: "rate_limited" } })).toEqual(other);
    // Without details (an older job), the sentence is shown as it is, under the general heading.
    expect(text({ code: "provider_error", message: "openai refused this prompt under its content policy: try rewording it." })).toEqual(other);
    expect(text({ code: "provider_error", message: "x", details: [{ reason: "auth" }] })).toEqual(other);
  });

  it("the other codes the tiles name", () => {
    expect(text({ code: "rate_limited", message: "" })).toEqual({ heading: "Too many requests", hint: "Wait a moment: the Retry button comes back when it can succeed.", tone: "danger", needsChange: false });
    expect(text({ code: "timeout", message: "" })).toEqual({ heading: "It took too long", hint: "The provider did not answer in time. Retry, or ask for fewer or smaller images.", tone: "danger", needsChange: false });
    expect(text({ code: "partial", message: "" })).toEqual({ heading: "Only some images were made", hint: "The ones that worked are in the gallery. Retry makes the missing ones.", tone: "warning", needsChange: false });
    expect(text({ code: "model_retired", message: "" })).toEqual({ heading: "This model was retired", hint: "Choose the model that replaces it (or another one), then generate again.", tone: "danger", needsChange: true });
    expect(text({ code: "invalid_request", message: "" })).toEqual({ heading: "These settings cannot be used", hint: "Change what is named above, then generate again.", tone: "danger", needsChange: true });
    expect(text({ code: "payload_too_large", message: "" })).toEqual({ heading: "The request is too large", hint: "Shorten the prompt, then generate again.", tone: "danger", needsChange: true });
    expect(text({ code: "forbidden", message: "" })).toEqual({ heading: "Not allowed", hint: "Your account or key may not generate images.", tone: "danger", needsChange: true });
    expect(text({ code: "unauthorized", message: "" })).toEqual({ heading: "You are signed out", hint: "Sign in again, then generate again.", tone: "danger", needsChange: true });
    expect(text({ code: "not_found", message: "" })).toEqual({ heading: "Something it needed is gone", hint: "The image or collection it used was deleted.", tone: "danger", needsChange: true });
    expect(text({ code: "network", message: "" })).toEqual({ heading: "Could not reach the studio", hint: "Check your connection, then retry.", tone: "danger", needsChange: false });
  });

  it("every other API code, a job status as code and an unknown code: the general failure", () => {
    for (const code of ["request_timeout", "conflict", "unsupported_media_type", "invalid_image", "internal", "busy"]) expect(text({ code, message: "" }), code).toEqual(failed);
    expect(text(null, "failed")).toEqual(failed);
    expect(text({ code: "something_new", message: "" })).toEqual(failed);
  });

  it("covers every code of lib/error-codes.ts", () => {
    for (const code of errorCodes) expect(text({ code, message: "" }).heading.length, code).toBeGreaterThan(0);
  });

  it("keeps the API's sentence, except for validation errors", () => {
    expect(describeJobError({ code: "provider_error", message: "openai failed: 503", details: { reason: "server" } }).message).toBe("openai failed: 503");
    expect(describeJobError(null, "canceled").message).toBe("");
  });
});
