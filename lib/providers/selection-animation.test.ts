// Selection for an animated GIF: only models with `capabilities.animation` serve; the size is a frame's, fitted to
// the sheet its frames are drawn on; a 400 names the models that can, or the frame cap that was passed.
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { animationFrameSize, bandLabel, sheetOf } from "./animation";
import { selectCandidates, type Needs } from "./selection";
import type { AnimationSpec, ImageProvider, ModelInfo, ProviderId } from "./types";

const gif: AnimationSpec = {
  minFrames: 2, maxFrames: 16, defaultFrames: 9, frameDurationMs: { min: 20, max: 2000, step: 10, default: 200 }, multipleOf: 16, maxRatio: 3,
  sheet: { grids: [{ upTo: 8, columns: 4, rows: 2 }, { upTo: 9, columns: 3, rows: 3 }, { upTo: 12, columns: 4, rows: 3 }, { upTo: 16, columns: 4, rows: 4 }], maxSide: 3840, minPixels: 655_360, maxPixels: 8_294_400 },
};
const free = { kind: "free", multipleOf: 16, maxSide: 3840, minPixels: 655_360, maxPixels: 8_294_400, maxRatio: 3 } as const;
const model = (id: string, cost: number, animation?: AnimationSpec): ModelInfo => ({
  id, label: id, costPerImageUsd: cost, lifecycle: { status: "active" },
  capabilities: { generate: true, edit: true, variations: false, mask: false, transparentBackground: true, negativePrompt: false, seed: false, maxImages: 10, sizes: free, ...(animation ? { animation } : {}) },
});
const provider = (id: ProviderId, name: string, models: ModelInfo[], configured = true): ImageProvider => ({ id, name, models, isConfigured: () => configured }) as unknown as ImageProvider;
const local = provider("local", "Local renderer", [{ ...model("local-v1", 0), capabilities: { ...model("local-v1", 0).capabilities, sizes: { kind: "range", min: 64, max: 2048, multipleOf: 8 } } }]);
const openai = (configured = true) => provider("openai", "OpenAI", [model("gpt-image-2.6-flare", 0.013, gif), model("gpt-image-2.6-sunburst", 0.013, gif), model("gpt-image-2.5-flare", 0.013)], configured);
const prefs = { fallbackOrder: [] };
const animated = (frames: number, n = 1): Needs => ({ operation: "generate", n, animation: { frames, frameDurationMs: 200 } });

const refusal = (run: () => unknown): AppError => {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error("expected a refusal");
};

describe("animation sheet rules", () => {
  it("lays frames out per band, a wide frame in fewer columns", () => {
    expect(sheetOf(gif, 6, 1024, 1024)).toEqual({ width: 4096, height: 2048, cells: 8 });
    expect(sheetOf(gif, 9, 1280, 720)).toEqual({ width: 3840, height: 2160, cells: 9 });
    expect(sheetOf(gif, 4, 1280, 720)).toEqual({ width: 2560, height: 2880, cells: 8 });
    expect([2, 8, 9, 10, 12, 13, 16].map((f) => bandLabel(gif, f))).toEqual(["2–8", "2–8", "9", "10–12", "10–12", "13–16", "13–16"]);
  });

  it("picks a default frame of about 512×512 in the asked shape, smaller when the sheet needs it", () => {
    expect(animationFrameSize(gif, { frames: 9 })).toEqual({ width: 512, height: 512 });
    expect(animationFrameSize(gif, { frames: 9, ratio: 16 / 9 })).toEqual({ width: 688, height: 384 });
    // Ten animations of sixteen frames share one request's pixels: the frame shrinks to fit.
    const small = animationFrameSize(gif, { frames: 16, n: 10 });
    expect(small).toMatchObject({ width: expect.any(Number) });
    if ("width" in small) expect(small.width * small.width * 16 * 10).toBeLessThanOrEqual(8_294_400);
    expect(animationFrameSize(gif, { frames: 16, n: 10, width: 512, height: 512 })).toMatchObject({ error: expect.stringContaining("10 of them") });
  });
});

describe("selectCandidates with an animation", () => {
  it("skips models without the capability: the provider's default animates, a 2.5 model named is refused naming those that can", () => {
    const [first] = selectCandidates([local, openai()], prefs, { provider: "openai", needs: animated(6) });
    expect(first.model.id).toBe("gpt-image-2.6-flare");
    expect(first.size).toEqual({ width: 512, height: 512, aspectRatio: "1:1" });
    const error = refusal(() => selectCandidates([local, openai()], prefs, { provider: "openai", model: "gpt-image-2.5-flare", needs: animated(6) }));
    expect(error.message).toBe("OpenAI cannot serve this request: gpt-image-2.5-flare cannot make animated GIFs (animated GIFs are made by openai/gpt-image-2.6-flare, openai/gpt-image-2.6-sunburst)");
  });

  it("without a named provider: the animating model serves, the local renderer never does", () => {
    const candidates = selectCandidates([local, openai()], { defaultProvider: "local", fallbackOrder: [] }, { needs: animated(4), aspectRatio: "16:9" });
    expect(candidates.map((c) => c.model.id)).toEqual(["gpt-image-2.6-flare"]);
    expect(candidates[0].size).toEqual({ width: 688, height: 384, aspectRatio: "16:9" });
  });

  it("with no configured model that animates, says which models do and that their provider is not configured", () => {
    const error = refusal(() => selectCandidates([local, openai(false)], prefs, { needs: animated(4) }));
    expect(error.message).toBe("No configured model makes animated GIFs: animated GIFs are made by openai/gpt-image-2.6-flare, openai/gpt-image-2.6-sunburst (OpenAI not configured on this server)");
    expect(refusal(() => selectCandidates([local, openai()], prefs, { provider: "local", needs: animated(4) })).message).toMatch(/local-v1 cannot make animated GIFs \(animated GIFs are made by openai\/gpt-image-2\.6-flare/);
  });

  it("refuses frames too large for the frame count with the cap, named or not", () => {
    const named = refusal(() => selectCandidates([openai()], prefs, { provider: "openai", model: "gpt-image-2.6-sunburst", needs: animated(12), width: 960, height: 960 }));
    expect(named.message).toMatch(/12 frames of 960×960 are drawn on one 3840×2880 sheet \(11,059,200 px\), over 8,294,400 px; at 10–12 frames a square frame may be at most 816×816/);
    const unnamed = refusal(() => selectCandidates([local, openai()], prefs, { needs: animated(16), width: 768, height: 768 }));
    expect(unnamed.message).toMatch(/^No configured model can make this animation: gpt-image-2\.6-flare, gpt-image-2\.6-sunburst: 16 frames of 768×768 .* at most 720×720$/);
    expect(selectCandidates([openai()], prefs, { needs: animated(16), width: 720, height: 720 })[0].size).toEqual({ width: 720, height: 720, aspectRatio: "1:1" });
  });

  it("refuses an animated variation or refinement, and a frame count or duration outside the model's range", () => {
    expect(refusal(() => selectCandidates([openai()], prefs, { provider: "openai", needs: { ...animated(4), operation: "edit" } })).message).toMatch(/animates generations only, not edit/);
    expect(refusal(() => selectCandidates([openai()], prefs, { provider: "openai", needs: animated(17) })).message).toMatch(/2–16 frames, not 17/);
    expect(refusal(() => selectCandidates([openai()], prefs, { provider: "openai", needs: { operation: "generate", n: 1, animation: { frames: 4, frameDurationMs: 2500 } } })).message).toMatch(/20–2000 ms in steps of 10, not 2500 ms/);
  });
});
