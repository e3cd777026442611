import { describe, expect, it } from "vitest";
import { ProviderError } from "@/lib/providers/types";
import { provablyUnbilled } from "./billed-call";

const error = (kind: ConstructorParameters<typeof ProviderError>[1], options: { status?: number; cause?: unknown } = {}) => new ProviderError("openai", kind, kind, options);
const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED" });
const reset = Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });

describe("provablyUnbilled", () => {
  it("is true for refusals, answered 5xx and a service that could not be reached", () => {
    for (const kind of ["bad_request", "auth", "content_policy", "model_not_found", "rate_limited"] as const) expect(provablyUnbilled(error(kind, { status: 400 }))).toBe(true);
    expect(provablyUnbilled(error("server", { status: 503 }))).toBe(true);
    expect(provablyUnbilled(error("network", { cause: new TypeError("fetch failed", { cause: refused }) }))).toBe(true);
  });

  it("is false when the provider may have done the work", () => {
    expect(provablyUnbilled(error("timeout"))).toBe(false);
    expect(provablyUnbilled(error("canceled"))).toBe(false);
    expect(provablyUnbilled(error("server"))).toBe(false); // a prediction that failed after it ran, no HTTP answer
    expect(provablyUnbilled(error("network", { cause: new TypeError("fetch failed", { cause: reset }) }))).toBe(false);
  });
});
