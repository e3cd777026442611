import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { generationInputSchema, parseGenerationInput } from "./generation-input";
import { generationBody } from "./generation-schema";

const stored = {
  prompt: "a lighthouse",
  n: 2,
  imageType: "image",
  budgetDay: "2026-12-07",
  candidates: [{ provider: "local", model: "local-v1", width: 1024, height: 1024, aspectRatio: "1:1" }],
};

describe("parseGenerationInput", () => {
  it("answers a stored input as it was written, unknown keys kept", () => {
    const input = { ...stored, derive: { operation: "upscale", sourceImageId: "img_1", tool: { operation: "upscale", factor: 2, kind: "basic" }, toolOptions: { mode: "basic" } }, later: true };
    expect(parseGenerationInput(input)).toEqual(input);
  });

  it("refuses a damaged row with an error naming the fields", () => {
    expect(() => parseGenerationInput({ ...stored, n: "two", candidates: undefined })).toThrow(/^The job's stored input cannot be read \(n: .*; candidates: .*\)/);
    expect(() => parseGenerationInput(null)).toThrow(/stored input cannot be read \(input: /);
    expect(() => parseGenerationInput({ ...stored, derive: { operation: "paint", sourceImageId: "img_1" } })).toThrow(/derive\.operation/);
  });

  it("gives clients the zod issues as the error's details", () => {
    let error: unknown;
    try {
      parseGenerationInput({ ...stored, n: "two" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("invalid_request");
    expect((error as AppError).details).toEqual([expect.objectContaining({ path: ["n"], code: "invalid_type" })]);
  });
});

describe("generationInputSchema", () => {
  it("knows every field of the request body (POST /api/v1/generations), so a new one cannot slip past the worker", () => {
    const inputKeys = Object.keys(generationInputSchema.shape);
    const missing = Object.keys(generationBody(100).shape).filter((key) => !inputKeys.includes(key));
    expect(missing).toEqual([]);
  });
});
