// The prompt bar's "Animated GIF": the request it becomes (only for a model that animates), its price estimate, and
// how it travels through "Reuse settings" links.
import { describe, expect, it } from "vitest";
import type { AnimationSpec } from "@/lib/providers/types";
import { animationCostScale, defaultDraft, draftFromParams, isAnimated, reuseHref, toRequest, type PromptDraft } from "./settings";
import { model, openai, studioImage } from "./test-fixtures";

const gif: AnimationSpec = {
  minFrames: 2, maxFrames: 16, defaultFrames: 9, frameDurationMs: { min: 20, max: 2000, step: 10, default: 200 }, multipleOf: 16, maxRatio: 3,
  sheet: { grids: [{ upTo: 8, columns: 4, rows: 2 }, { upTo: 9, columns: 3, rows: 3 }, { upTo: 12, columns: 4, rows: 3 }, { upTo: 16, columns: 4, rows: 4 }], maxSide: 3840, minPixels: 655_360, maxPixels: 8_294_400 },
};
const flare = openai.models[0];
const animating = model("gpt-image-2.6-flare", "GPT Image 2.6 Flare", { capabilities: { ...flare.capabilities, animation: gif }, cost: 0.013 });
const still = openai.models[1]; // gpt-image-2.5-flare: no animation
const draft = (change: Partial<PromptDraft> = {}): PromptDraft => ({ ...defaultDraft, prompt: "a paper boat", provider: "openai", model: animating.id, ...change });

describe("Animated GIF in the prompt bar", () => {
  it("sends animation with the frames and timing, a shape and no size class, for a model that animates", () => {
    const body = toRequest(draft({ animated: true, frames: 6, frameDurationMs: 150, resolution: "2K", aspect: "16:9" }), animating);
    expect(body).toMatchObject({ animation: { frames: 6, frameDurationMs: 150 }, aspectRatio: "16:9", imageType: "image" });
    expect(body.resolution).toBeUndefined();
    // The icon toggle does not make an animation an icon.
    expect(toRequest(draft({ animated: true, icon: true }), animating)).toMatchObject({ imageType: "image", aspectRatio: "1:1", animation: { frames: 9, frameDurationMs: 200 } });
  });

  it("sends no animation when it is off, or to a model that does not animate (the draft keeps the choice)", () => {
    expect(toRequest(draft({ animated: false }), animating).animation).toBeUndefined();
    expect(toRequest(draft({ animated: true, model: still.id }), still).animation).toBeUndefined();
    expect(isAnimated({ animated: true }, still)).toBe(false);
    expect(isAnimated({ animated: true }, animating)).toBe(true);
  });

  it("prices an animation as one picture of its frame sheet (eight 512 px frames: a 2048×1024 sheet, √2 × a 1K picture)", () => {
    expect(animationCostScale(draft({ animated: true, frames: 8 }), animating)).toBeCloseTo(Math.SQRT2, 9);
    expect(animationCostScale(draft({ animated: true, frames: 2 }), animating)).toBeCloseTo(Math.SQRT2, 9); // the same band
    expect(animationCostScale(draft({ animated: true, frames: 16 }), animating)).toBeCloseTo(2, 9); // 4×4 of 512 px
    expect(animationCostScale(draft({ animated: false }), animating)).toBeUndefined();
  });

  it("carries the frames and timing through Reuse settings", () => {
    const href = reuseHref(studioImage({ format: "gif", model: animating.id, params: { animation: { frames: 12, frameDurationMs: 80 } } }));
    const params = new URL(href, "http://studio").searchParams;
    expect([params.get("frames"), params.get("frame-ms")]).toEqual(["12", "80"]);
    expect(draftFromParams((k) => params.get(k) ?? "")).toMatchObject({ animated: true, frames: 12, frameDurationMs: 80 });
    expect(draftFromParams((k) => ({ prompt: "a boat", frames: "40" })[k] ?? "")?.animated).toBeUndefined();
  });
});
