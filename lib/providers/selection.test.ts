import { describe, expect, it } from "vitest";
import { selectCandidates, type Needs } from "./selection";
import { resolveSize } from "./sizes";
import type { ImageProvider, ModelInfo, ProviderId, SizeSpec } from "./types";

const model = (id: string, cost: number, sizes: SizeSpec, extra: Partial<ModelInfo["capabilities"]> = {}): ModelInfo => ({
  id,
  label: id,
  costPerImageUsd: cost,
  lifecycle: { status: "active" },
  capabilities: { generate: true, edit: false, variations: false, mask: false, transparentBackground: false, negativePrompt: false, seed: false, maxImages: 1, sizes, ...extra },
});
const provider = (id: ProviderId, models: ModelInfo[], configured = true): ImageProvider =>
  ({ id, name: id, models, isConfigured: () => configured }) as unknown as ImageProvider;

const square: SizeSpec = { kind: "exact", sizes: ["1024x1024", "1536x1024", "1024x1536"] };
const ratios: SizeSpec = { kind: "aspect", ratios: ["1:1", "16:9"], pixels: { "1:1": "1024x1024", "16:9": "1344x768" } };
const range: SizeSpec = { kind: "range", min: 64, max: 2048, multipleOf: 8 };

const local = provider("local", [model("local-v1", 0, range, { edit: true, variations: true, mask: true, transparentBackground: true, maxImages: 8 })]);
const openai = provider("openai", [model("gpt-image-1", 0.042, square, { edit: true, mask: true, transparentBackground: true, maxImages: 10 }), model("dall-e-3", 0.04, square)]);
const replicate = provider("replicate", [model("flux-schnell", 0.003, ratios, { maxImages: 4 })]);
const ideogram = provider("ideogram", [model("ideogram-v3", 0.06, ratios)], false);
const all = [local, openai, replicate, ideogram];
const gen: Needs = { operation: "generate", n: 1 };
const prefs = { fallbackOrder: [] };

describe("resolveSize", () => {
  it("keeps exact sizes, picks by ratio, snaps ranges", () => {
    expect(resolveSize({ sizes: square }, { width: 1536, height: 1024 })).toEqual({ width: 1536, height: 1024, aspectRatio: "3:2" });
    expect(resolveSize({ sizes: square }, { width: 800, height: 800 })).toMatchObject({ error: expect.stringContaining("800×800 is not a size") });
    expect(resolveSize({ sizes: square }, { aspectRatio: "2:3" })).toEqual({ width: 1024, height: 1536, aspectRatio: "2:3" });
    expect(resolveSize({ sizes: ratios }, { aspectRatio: "16:9" })).toEqual({ width: 1344, height: 768, aspectRatio: "16:9" });
    expect(resolveSize({ sizes: ratios }, { aspectRatio: "4:3" })).toMatchObject({ error: expect.stringContaining("4:3") });
    expect(resolveSize({ sizes: range }, {})).toEqual({ width: 1024, height: 1024, aspectRatio: "1:1" });
    expect(resolveSize({ sizes: range }, { width: 640 })).toEqual({ width: 640, height: 640, aspectRatio: "1:1" });
    expect(resolveSize({ sizes: range }, { width: 4096, height: 100 })).toMatchObject({ error: expect.stringContaining("64–2048") });
  });

  it("like a source picture: the closest shape, or the source's own pixels scaled into a range", () => {
    expect(resolveSize({ sizes: square }, { like: { width: 3000, height: 2000 } })).toEqual({ width: 1536, height: 1024, aspectRatio: "3:2" });
    expect(resolveSize({ sizes: square }, { like: { width: 500, height: 510 } })).toEqual({ width: 1024, height: 1024, aspectRatio: "1:1" });
    expect(resolveSize({ sizes: ratios }, { like: { width: 1920, height: 1000 } })).toEqual({ width: 1344, height: 768, aspectRatio: "16:9" });
    expect(resolveSize({ sizes: range }, { like: { width: 1000, height: 667 } })).toEqual({ width: 1000, height: 664, aspectRatio: "125:83" });
    expect(resolveSize({ sizes: range }, { like: { width: 4000, height: 3000 } })).toEqual({ width: 2048, height: 1536, aspectRatio: "4:3" });
    expect(resolveSize({ sizes: range }, { like: { width: 40, height: 20 } })).toEqual({ width: 128, height: 64, aspectRatio: "2:1" });
  });
});

describe("selectCandidates", () => {
  it("prefers configured remote providers by the price of their default model, the local renderer last, unconfigured never", () => {
    const ids = selectCandidates(all, prefs, { needs: gen }).map((c) => `${c.provider.id}/${c.model.id}`);
    // Each provider by its default model (the first) when it can serve, providers ranked by that model's price.
    expect(ids).toEqual(["replicate/flux-schnell", "openai/gpt-image-1", "local/local-v1"]);
  });

  it("never selects a retired model, by the catalog or by what the studio learned; a quality narrows the choice", () => {
    const gone = { ...model("old-cheap", 0.001, ratios), lifecycle: { status: "retired" as const, successor: "flux-2" } };
    const flux = provider("replicate", [model("flux-2", 0.03, ratios), gone]);
    const pick = (o: Partial<Parameters<typeof selectCandidates>[2]> = {}) => selectCandidates([flux], prefs, { needs: gen, ...o }).map((c) => c.model.id);
    expect(pick()).toEqual(["flux-2"]);
    expect(() => pick({ isRetired: (_p, m) => m.id === "flux-2" || m.lifecycle.status === "retired" })).toThrow(/No configured provider/);
    expect(() => selectCandidates([flux], prefs, { provider: "replicate", model: "old-cheap", needs: gen })).toThrow(/old-cheap was retired/);
    expect(() => selectCandidates([flux], prefs, { provider: "replicate", model: "nope", needs: gen })).toThrow(/use one of flux-2$/);
    const tiers = provider("openai", [model("basic", 0.02, square, { qualities: ["low", "high"] }), model("pro", 0.05, square, { qualities: ["low", "high", "max"] })]);
    expect(selectCandidates([tiers], prefs, { needs: { ...gen, quality: "max" } }).map((c) => c.model.id)).toEqual(["pro"]);
    expect(() => selectCandidates([tiers], prefs, { provider: "openai", model: "basic", needs: { ...gen, quality: "max" } })).toThrow(/basic takes quality low, high, not max/);
  });

  it("honours the default provider and the fallback order", () => {
    const ids = selectCandidates(all, { defaultProvider: "local", fallbackOrder: ["openai"] }, { needs: gen }).map((c) => c.provider.id);
    expect(ids).toEqual(["local", "openai", "replicate"]);
  });

  it("keeps only capable models", () => {
    const ids = selectCandidates(all, prefs, { needs: { operation: "edit", mask: true, n: 1 } }).map((c) => c.model.id);
    expect(ids).toEqual(["gpt-image-1", "local-v1"]);
    // More images than a model makes per call are served in several calls: the model stays a candidate.
    expect(selectCandidates(all, prefs, { needs: { operation: "generate", n: 6 } }).map((c) => c.provider.id)).toEqual(["replicate", "openai", "local"]);
  });

  it("serves an explicitly named provider alone, and explains what is wrong with it", () => {
    expect(selectCandidates(all, prefs, { provider: "openai", needs: gen }).map((c) => c.model.id)).toEqual(["gpt-image-1"]);
    expect(selectCandidates(all, prefs, { provider: "openai", model: "dall-e-3", needs: gen, fallback: true }).map((c) => c.provider.id)).toEqual([
      "openai",
      "replicate",
      "local",
    ]);
    expect(() => selectCandidates(all, prefs, { provider: "midjourney", needs: gen })).toThrow(/Unknown provider "midjourney": use one of local, openai/);
    expect(() => selectCandidates(all, prefs, { provider: "ideogram", needs: gen })).toThrow(/not configured/);
    expect(() => selectCandidates(all, prefs, { provider: "openai", model: "dall-e-9", needs: gen })).toThrow(/Unknown model "dall-e-9" for openai/);
    expect(() => selectCandidates(all, prefs, { provider: "openai", model: "dall-e-3", width: 800, height: 800, needs: gen })).toThrow(/800×800 is not a size/);
    expect(() => selectCandidates(all, prefs, { provider: "replicate", needs: { operation: "edit", n: 1 } })).toThrow(/flux-schnell cannot edit images/);
  });

  it("variations: native models first; a generate-only model serves them by prompt only when the prompt is known", () => {
    const byPrompt = { operation: "variations", n: 1, variationsByPrompt: true } as const;
    expect(selectCandidates(all, prefs, { needs: { operation: "variations", n: 1 } }).map((c) => c.model.id)).toEqual(["local-v1"]);
    expect(selectCandidates(all, prefs, { needs: byPrompt }).map((c) => c.model.id)).toEqual(["flux-schnell", "gpt-image-1", "local-v1"]);
    const dalle2 = model("dall-e-2", 0.02, square, { variations: true });
    const openaiWithVariations = provider("openai", [model("dall-e-3", 0.04, square), dalle2]);
    expect(selectCandidates([openaiWithVariations], prefs, { provider: "openai", needs: byPrompt })[0].model.id).toBe("dall-e-2");
    expect(() => selectCandidates(all, prefs, { provider: "replicate", needs: { operation: "variations", n: 1 } })).toThrow(/flux-schnell cannot make variations/);
  });

  it("finds the provider of a named model", () => {
    expect(selectCandidates(all, prefs, { model: "flux-schnell", needs: gen })[0].provider.id).toBe("replicate");
    expect(() => selectCandidates(all, prefs, { model: "ideogram-v3", needs: gen })).toThrow(/Unknown or unconfigured model/);
  });
});
