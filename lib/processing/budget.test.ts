import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { checkBudget, estimateWork, gaussianTaps, type ProcessingBudget } from "./budget";
import type { Operation } from "./operations";
import { runOperations } from "./pipeline";
import { sharp } from "./sharp";

// The defaults of lib/env.ts: MAX_PROCESS_OPERATIONS=10, MAX_OUTPUT_MEGAPIXELS=50, MAX_PROCESS_WORK=40000 (million).
const defaults: ProcessingBudget = { maxOperations: 10, maxOutputPixels: 50_000_000, maxWork: 40_000_000_000 };
const blur = (radius: number): Operation => ({ op: "filter", filter: { type: "blur", params: { radius } } });
const resize = (width: number, height: number): Operation => ({ op: "resize", width, height, maintainAspectRatio: false });

function refusal(run: () => unknown): AppError {
  try {
    run();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("expected a refusal");
}

describe("processing budget", () => {
  it("refuses issue 13's request (64×48 → 7000×7000 plus 19 blurs of radius 100) up front, naming the limit", () => {
    const ops = [resize(7000, 7000), ...Array.from({ length: 19 }, () => blur(100))];
    const byCount = refusal(() => checkBudget(ops, 64, 48, defaults));
    expect([byCount.code, byCount.status]).toEqual(["invalid_request", 400]);
    expect(byCount.message).toBe("The request has 20 operations, over the limit of 10 (MAX_PROCESS_OPERATIONS).");
    // Allowed 20 operations, it is still refused: by its work.
    const byWork = refusal(() => checkBudget(ops, 64, 48, { ...defaults, maxOperations: 20 }));
    expect(byWork.message).toMatch(/^The operations would take about 672,820 million pixel·taps of work .* over the limit of 40,000 million \(MAX_PROCESS_WORK\)/);
    expect(byWork.details).toMatchObject({ limit: "MAX_PROCESS_WORK", value: 40_000 });
  });

  it("refuses a result (or a step on the way) over the output limit", () => {
    const e = refusal(() => checkBudget([resize(8000, 8000), resize(100, 100)], 64, 48, defaults));
    expect(e.message).toBe("The result would be 8000×8000 (64 MP), over the output limit of 50 MP (MAX_OUTPUT_MEGAPIXELS).");
    expect(e.details).toMatchObject({ limit: "MAX_OUTPUT_MEGAPIXELS", value: 50, requested: { width: 8000, height: 8000 } });
  });

  it("allows any single operation on any accepted input (50 MP), and ordinary pipelines", () => {
    const side = Math.floor(Math.sqrt(50_000_000));
    for (const op of [blur(100), { op: "filter", filter: { type: "sharpen", params: { sigma: 10 } } } as Operation, resize(side, side)]) {
      expect(() => checkBudget([op], side, side, defaults)).not.toThrow();
    }
    const photo: Operation[] = [resize(4000, 3000), { op: "crop", x: 0, y: 0, width: 3000, height: 3000 }, blur(20), blur(2)];
    expect(() => checkBudget(photo, 4000, 3000, defaults)).not.toThrow();
  });

  it("refuses a step whose result has a side over MAX_IMAGE_SIDE, however few its pixels", () => {
    const error = refusal(() => checkBudget([resize(20_000, 1)], 200, 100, { ...defaults, maxSide: 16_383 }));
    expect([error.code, error.status]).toEqual(["invalid_request", 400]);
    expect(error.message).toBe("The result would be 20000×1 px: a side may be at most 16383 px.");
    expect(error.details).toMatchObject({ limit: "MAX_IMAGE_SIDE", value: 16_383 });
    expect(checkBudget([resize(16_383, 1)], 200, 100, { ...defaults, maxSide: 16_383 }).steps[0]).toMatchObject({ width: 16_383 });
  });

  it("counts the work of every frame of an animation", () => {
    const one = checkBudget([blur(2)], 400, 300, defaults).work;
    expect(checkBudget([blur(2)], 400, 300, defaults, 25).work).toBe(one * 25);
    const error = refusal(() => checkBudget([blur(100)], 2000, 2000, defaults, 200));
    expect(error.message).toContain("MAX_PROCESS_WORK");
  });

  it("counts pixels × kernel taps: decode, each step, encode", () => {
    expect(gaussianTaps(100)).toBe(2 * (2 * 180 + 1));
    const { work, steps } = estimateWork([resize(200, 100), blur(2)], 100, 50);
    expect(steps).toEqual([
      { width: 200, height: 100, work: 20_000 * 12 },
      { width: 200, height: 100, work: 20_000 * gaussianTaps(2) },
    ]);
    expect(work).toBe(5_000 + 20_000 * 12 + 20_000 * gaussianTaps(2) + 20_000);
  });

  it("stops a pipeline that outruns PROCESSING_TIMEOUT_SECONDS with 504 timeout naming the limit", async () => {
    // Far more work than a second holds (≈ 58,000 million pixel·taps), allowed here: the time limit is the last resort.
    const input = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#c84" } }).png().toBuffer();
    const ops = [resize(4000, 4000), blur(100), blur(100), blur(100), blur(100), blur(100)];
    const error = await runOperations(input, ops, { maxPixels: 50_000_000, width: 64, height: 48, hasAlpha: false, output: { format: "png" }, timeoutSeconds: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect([(error as AppError).code, (error as AppError).status]).toEqual(["timeout", 504]);
    expect((error as AppError).message).toBe("Processing was stopped after the time limit of 1 s (PROCESSING_TIMEOUT_SECONDS).");
  });
});
