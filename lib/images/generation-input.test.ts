import { describe, expect, it } from "vitest";
import { parseGenerationInput } from "./generation-input";

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
});
