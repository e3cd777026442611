import { describe, expect, it } from "vitest";
import type { StudioImage } from "@/components/api/types";
import { filtersFromParams, noFilters } from "@/components/viewer/gallery-filters";
import { defaultDraft, draftFromParams, effectiveQuality, effectiveResolution, qualitiesOf, resolutionsOf, reuseHref, supportsAspect, toRequest, type PromptDraft } from "./settings";
import { google, local, openai, studioImage } from "./test-fixtures";

const nano = google.models[0];
const flashImage = google.models[2];
const lite = google.models[1];
const flare = openai.models[0];
const localModel = local.models[0];

const draft = (change: Partial<PromptDraft> = {}): PromptDraft => ({ ...defaultDraft, prompt: "a fox", ...change });

const image = (change: Partial<StudioImage> = {}) => studioImage(change);

const paramsOf = (href: string) => new URL(href, "http://studio").searchParams;

describe("size classes and qualities a model offers", () => {
  it("lists 1K always, then the model's other classes, smallest first", () => {
    expect(resolutionsOf(nano)).toEqual(["1K", "2K", "4K"]);
    expect(resolutionsOf(flashImage)).toEqual(["512", "1K", "2K", "4K"]);
    expect(resolutionsOf(lite)).toEqual(["1K"]);
    expect(resolutionsOf(undefined)).toEqual(["1K"]);
  });

  it("lists the model's qualities in their usual order, none without a quality setting", () => {
    expect(qualitiesOf(flare)).toEqual(["low", "medium", "high", "xhigh", "max", "auto"]);
    expect(qualitiesOf(flashImage)).toEqual(["low", "high", "auto"]);
    expect(qualitiesOf(localModel)).toEqual([]);
  });

  it("falls back to 1K and the model's default where the model lacks the choice", () => {
    expect(effectiveResolution({ resolution: "4K" }, nano)).toBe("4K");
    expect(effectiveResolution({ resolution: "512" }, nano)).toBe("1K");
    expect(effectiveResolution({ resolution: "4K" }, lite)).toBe("1K");
    expect(effectiveQuality({ quality: "xhigh" }, flare)).toBe("xhigh");
    expect(effectiveQuality({ quality: "xhigh" }, nano)).toBe("");
    expect(effectiveQuality({ quality: "high" }, localModel)).toBe("");
  });
});

describe("toRequest", () => {
  it("sends the size class and quality to a model that takes them", () => {
    const body = toRequest(draft({ provider: "google", model: nano.id, resolution: "4K", quality: "high" }), nano);
    expect(body).toMatchObject({ provider: "google", model: nano.id, resolution: "4K", quality: "high" });
  });

  it("leaves out 1K (the default) and the model's default quality", () => {
    const body = toRequest(draft({ provider: "google", model: nano.id }), nano);
    expect(body).not.toHaveProperty("resolution");
    expect(body).not.toHaveProperty("quality");
  });

  it("drops what the model cannot take, as it does the seed", () => {
    const body = toRequest(draft({ provider: "local", model: "local-v1", resolution: "4K", quality: "max", seed: 7 }), localModel);
    expect(body).not.toHaveProperty("resolution");
    expect(body).not.toHaveProperty("quality");
    expect(body.seed).toBe(7);
    const partly = toRequest(draft({ resolution: "512", quality: "xhigh", seed: 7 }), nano);
    expect(partly).not.toHaveProperty("resolution");
    expect(partly).not.toHaveProperty("quality");
    expect(partly).not.toHaveProperty("seed");
  });

  it("keeps naming a retired model (the server serves its successor), with the successor's limits", () => {
    const body = toRequest(draft({ provider: "openai", model: "gpt-image-1", quality: "xhigh", resolution: "2K" }), openai.models[1]);
    expect(body).toMatchObject({ provider: "openai", model: "gpt-image-1", quality: "xhigh", resolution: "2K" });
  });
});

describe("Reuse settings", () => {
  it("carries the recorded quality and a recorded size class; derives no size class otherwise", () => {
    const params = paramsOf(reuseHref(image({ params: { quality: "high", width: 1024, height: 1024 } })));
    expect(params.get("quality")).toBe("high");
    expect(params.has("resolution")).toBe(false);
    const withClass = paramsOf(reuseHref(image({ params: { quality: "low", resolution: "4K" } })));
    expect(withClass.get("resolution")).toBe("4K");
    expect(paramsOf(reuseHref(image({ params: { resolution: "1K", quality: "bogus" } }))).toString()).not.toMatch(/resolution|quality/);
  });

  it("names the model the image was made with, even a retired one", () => {
    const params = paramsOf(reuseHref(image()));
    expect(params.get("prompt-provider")).toBe("openai");
    expect(params.get("model")).toBe("gpt-image-1");
  });

  it("fills the prompt panel only: the gallery's filters stay as they were, and the seed is not locked", () => {
    const href = reuseHref(image({ seed: 1234 }), "q=lake&collection=col_1&favorites=1");
    const params = paramsOf(href);
    // The gallery reads these filters from the same address (components/viewer/gallery-filters.ts): unchanged, and no provider filter.
    expect(filtersFromParams((k) => params.get(k) ?? "")).toMatchObject({ q: "lake", collectionId: "col_1", favorites: true, provider: "", kind: "" });
    expect(filtersFromParams((k) => paramsOf(reuseHref(image())).get(k) ?? "")).toEqual(noFilters);
    const draft = draftFromParams((k) => params.get(k) ?? "")!;
    expect(draft).toMatchObject({ prompt: "a fox in the snow", provider: "openai", seed: 1234, seedLocked: false });
    expect(toRequest({ ...defaultDraft, ...draft }, undefined).collectionId).toBeUndefined();
  });

  it("still reads the draft's provider from older links", () => {
    const old = new URLSearchParams({ prompt: "x", provider: "openai", seed: "7" });
    expect(draftFromParams((k) => old.get(k) ?? "")).toMatchObject({ provider: "openai", seed: 7, seedLocked: false });
  });

  it("brings the size class and quality back into the draft, ignoring unknown values", () => {
    const href = reuseHref(image({ params: { quality: "high", resolution: "2K" } }));
    const params = paramsOf(href);
    expect(draftFromParams((k) => params.get(k) ?? "")).toMatchObject({ prompt: "a fox in the snow", model: "gpt-image-1", quality: "high", resolution: "2K" });
    const odd = new URLSearchParams({ prompt: "x", quality: "ultra", resolution: "8K" });
    const parsed = draftFromParams((k) => odd.get(k) ?? "")!;
    expect(parsed).not.toHaveProperty("quality");
    expect(parsed).not.toHaveProperty("resolution");
  });
});

describe("reference images", () => {
  const parents = [
    { id: "src", role: "source" as const, position: 0, label: null, checksum: null },
    { id: "ref-b", role: "reference" as const, position: 1, label: "the red jacket", checksum: null },
    { id: "ref-a", role: "reference" as const, position: 0, label: null, checksum: null },
  ];

  it("are sent in order as referenceImageIds, labelled ones as {id, label}", () => {
    const body = toRequest(draft({ references: [{ id: "a", label: "" }, { id: "b", label: " the red jacket " }] }), localModel);
    expect(body.referenceImageIds).toEqual(["a", { id: "b", label: "the red jacket" }]);
    expect(toRequest(draft(), localModel)).not.toHaveProperty("referenceImageIds");
  });

  it("come back with Reuse settings: the image's references by position, with their labels, not its source", () => {
    const params = paramsOf(reuseHref(image({ parents })));
    const back = draftFromParams((k) => params.get(k) ?? "")!;
    expect(back.references).toEqual([
      { id: "ref-a", label: "" },
      { id: "ref-b", label: "the red jacket" },
    ]);
    expect(paramsOf(reuseHref(image())).has("refs")).toBe(false);
  });
});

describe("aspects a model makes", () => {
  it("agree with the server's size resolution (an exact table matches a ratio within 3%)", () => {
    const recraft = { kind: "exact" as const, sizes: ["1024x1024", "1344x768"] };
    expect(supportsAspect(recraft, "16:9")).toBe(true); // 1.75 vs 1.78
    expect(supportsAspect(recraft, "4:3")).toBe(false);
    expect(supportsAspect({ kind: "free", multipleOf: 16, maxSide: 3840, minPixels: 655_360, maxPixels: 8_294_400, maxRatio: 3 }, "9:16")).toBe(true);
    expect(supportsAspect(undefined, "3:2")).toBe(true);
  });
});
