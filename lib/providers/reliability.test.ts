import { describe, expect, it, vi } from "vitest";
import { withRetries } from "./reliability";
import { ProviderError } from "./types";

const policy = { timeoutMs: 200, maxRetries: 2, baseDelayMs: 1 };
const never = new AbortController().signal;

describe("withRetries", () => {
  it("retries retryable failures with backoff and returns the first success", async () => {
    const call = vi
      .fn()
      .mockRejectedValueOnce(new ProviderError("openai", "server", "500"))
      .mockRejectedValueOnce(new ProviderError("openai", "rate_limited", "429", { retryAfter: 0.05 }))
      .mockResolvedValue("ok");
    const onRetry = vi.fn();
    const started = Date.now();
    await expect(withRetries("openai", call, { ...policy, onRetry }, never)).resolves.toBe("ok");
    expect(call).toHaveBeenCalledTimes(3);
    expect(onRetry.mock.calls[1][0].delayMs).toBeGreaterThanOrEqual(50); // Retry-After honoured
    expect(Date.now() - started).toBeGreaterThanOrEqual(50);
  });

  it("stops after maxRetries and does not retry final errors", async () => {
    const failing = vi.fn().mockRejectedValue(new ProviderError("openai", "server", "500"));
    await expect(withRetries("openai", failing, policy, never)).rejects.toMatchObject({ kind: "server" });
    expect(failing).toHaveBeenCalledTimes(3);
    const refused = vi.fn().mockRejectedValue(new ProviderError("openai", "content_policy", "no"));
    await expect(withRetries("openai", refused, policy, never)).rejects.toMatchObject({ kind: "content_policy" });
    expect(refused).toHaveBeenCalledTimes(1);
  });

  it("times out a hanging attempt as a timeout, and does not retry it", async () => {
    const hang = vi.fn((signal: AbortSignal) => new Promise((_, reject) => signal.addEventListener("abort", () => reject(signal.reason))));
    const started = Date.now();
    await expect(withRetries("openai", hang, { ...policy, timeoutMs: 50 }, never)).rejects.toMatchObject({ kind: "timeout" });
    expect(hang).toHaveBeenCalledTimes(1);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("turns a cancel into a canceled error without retrying", async () => {
    const controller = new AbortController();
    const call = vi.fn((signal: AbortSignal) => new Promise((_, reject) => signal.addEventListener("abort", () => reject(signal.reason))));
    setTimeout(() => controller.abort(), 20);
    await expect(withRetries("openai", call, policy, controller.signal)).rejects.toMatchObject({ kind: "canceled" });
    expect(call).toHaveBeenCalledTimes(1);
  });

  it("maps network errors to retryable network errors", async () => {
    const call = vi.fn().mockRejectedValueOnce(new TypeError("fetch failed")).mockResolvedValue(1);
    await expect(withRetries("replicate", call, policy, never)).resolves.toBe(1);
  });
});
