import { describe, expect, it } from "vitest";
import { jobHandlers } from "./job-handlers";
import { workPackageTypes } from "./work-packages";

describe("jobHandlers", () => {
  it("has a handler for every job type the API can enqueue", () => {
    // POST /api/v1/jobs (work packages), and the routes behind them (generations, variations, refine, tools).
    for (const type of [...workPackageTypes, "generate", "variations", "refine", "upscale", "remove-background", "expand"]) {
      expect(typeof (jobHandlers as Record<string, unknown>)[type], type).toBe("function");
    }
  });

  it("lists no type the API cannot enqueue", () => {
    expect(Object.keys(jobHandlers).sort()).toEqual([...workPackageTypes].sort());
  });
});
