import { describe, expect, it } from "vitest";
import { z } from "zod";
import { toAppError } from "./error-response";

describe("toAppError on a zod error", () => {
  it("sends each issue's path, message and code with the facts its code carries, never its input", () => {
    const schema = z.object({ prompt: z.string({ error: "prompt is required" }).min(1, "prompt must not be empty").max(10), n: z.number() }).strict();
    const issues = (body: unknown) => {
      const result = schema.safeParse(body);
      return toAppError(result.error).details;
    };
    expect(issues({ prompt: "", n: 1, colour: "red" })).toEqual([
      { path: ["prompt"], message: "prompt must not be empty", code: "too_small", origin: "string", minimum: 1 },
      { path: [], message: expect.any(String), code: "unrecognized_keys", keys: ["colour"] },
    ]);
    expect(issues({ prompt: "x".repeat(11), n: 1 })).toEqual([{ path: ["prompt"], message: expect.any(String), code: "too_big", origin: "string", maximum: 10 }]);
    expect(issues({ n: 1 })).toEqual([{ path: ["prompt"], message: "prompt is required", code: "invalid_type", expected: "string" }]);
    expect(toAppError(schema.safeParse({ n: 1 }).error)).toMatchObject({ code: "invalid_request", message: "Invalid request: prompt: prompt is required" });
  });
});
