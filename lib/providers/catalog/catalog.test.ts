// The model catalog as data: the built-in entries validate, every retired id of ../shared/PROVIDERS.md
// ("Retired model ids — never send these") is known and hands over to a live successor, and an operator's entries
// add, change and hide models with a sentence naming a bad entry.
import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { buildCatalog, builtinCatalog, parseOverrides, type CatalogEntry } from "./index";

const config = parseEnv({ DATA_DIR: "/tmp/catalog-test" });
const builtins = builtinCatalog(config);
const catalog = buildCatalog(builtins, []);
const find = (provider: string, id: string) => catalog.find((e) => e.provider === provider && e.id === id);

/** Follows successors while retired; the live model that serves, or undefined. */
function servedBy(entry: CatalogEntry, seen = new Set<string>()): CatalogEntry | undefined {
  if (entry.lifecycle.status !== "retired") return entry;
  if (seen.has(entry.id) || !entry.lifecycle.successor) return undefined;
  seen.add(entry.id);
  const next = find(entry.provider, entry.lifecycle.successor);
  return next && servedBy(next, seen);
}

describe("the built-in catalog", () => {
  it("validates, with one active default per provider", () => {
    expect(catalog.length).toBe(builtins.length);
    for (const provider of ["local", "openai", "google", "replicate", "ideogram", "openai-compatible"]) {
      const defaults = catalog.filter((e) => e.provider === provider && e.default);
      expect(defaults, provider).toHaveLength(1);
      expect(defaults[0].lifecycle.status, provider).toBe("active");
    }
  });

  it("says how many input images each live remote model takes in all (source included), as its provider documents", () => {
    const limits: Record<string, number | undefined> = Object.fromEntries(
      catalog.filter((e) => e.provider !== "local" && e.provider !== "openai-compatible" && e.lifecycle.status !== "retired").map((e) => [`${e.provider}/${e.id}`, e.capabilities.maxReferenceImages]),
    );
    expect(limits).toEqual({
      // image[] "up to 16 images" (openai-node ImageEditParamsBase.image)
      "openai/gpt-image-2.6-flare": 16, "openai/gpt-image-2.6-sunburst": 16, "openai/gpt-image-2.5-flare": 16, "openai/gpt-image-2.5-sunburst": 16, "openai/gpt-image-2": 16,
      // inlineData parts, 14 (Nano Banana guide; unconfirmed for nano-banana-2.1 and 3.1-flash-lite-image)
      "google/gemini-nano-banana-2.1": 14, "google/gemini-3-pro-image": 14, "google/gemini-3.1-flash-lite-image": 14, "google/gemini-3.1-flash-image": 14,
      // input_images: "Maximum 8 images" (pro), 10 (flex); FLUX.1 none
      "replicate/flux-2-pro": 8, "replicate/flux-2-flex": 10, "replicate/flux-1.1-pro": undefined, "replicate/flux-dev": undefined, "replicate/flux-schnell": undefined,
      // 4.0 remix: one image; 3.0: the remix image + 10 style_reference_images
      "ideogram/ideogram-v4": 1, "ideogram/ideogram-v4-turbo": 1, "ideogram/ideogram-v4-quality": 1,
      "ideogram/ideogram-v3": 11, "ideogram/ideogram-v3-turbo": 11, "ideogram/ideogram-v3-quality": 11,
    });
    // An OpenAI-compatible server takes none unless an operator's entry says so.
    expect(catalog.filter((e) => e.provider === "openai-compatible").every((e) => !e.capabilities.maxReferenceImages)).toBe(true);
  });

  it("knows every retired id and hands each over to a live successor", () => {
    const retired: Array<[string, string]> = [
      ["openai", "dall-e-2"], ["openai", "dall-e-3"], ["openai", "gpt-image-1"], ["openai", "gpt-image-1-mini"],
      ["openai", "gpt-image-1.5"], ["openai", "gpt-image-1.5-2025-12-16"], ["openai", "chatgpt-image-latest"],
      ["google", "imagen-4.0-generate-001"], ["google", "imagen-4.0-ultra-generate-001"], ["google", "imagen-4.0-fast-generate-001"],
      ["google", "gemini-3-pro-image-preview"], ["google", "gemini-3.1-flash-image-preview"], ["google", "gemini-2.5-flash-image"],
    ];
    for (const [provider, id] of retired) {
      const entry = find(provider, id);
      expect(entry, `${provider}/${id}`).toBeDefined();
      expect(entry!.lifecycle.status, id).toBe("retired");
      expect(servedBy(entry!)?.lifecycle.status, id).toBe("active");
    }
    expect(find("google", "gemini-3.1-flash-image")?.lifecycle).toMatchObject({ status: "deprecated", successor: "gemini-nano-banana-2.1" });
  });

  it("serves today's models", () => {
    const live = (provider: string) => catalog.filter((e) => e.provider === provider && e.lifecycle.status !== "retired").map((e) => e.id);
    expect(live("openai")).toEqual(expect.arrayContaining(["gpt-image-2", "gpt-image-2.5-sunburst", "gpt-image-2.5-flare", "gpt-image-2.6-sunburst", "gpt-image-2.6-flare"]));
    expect(live("google")).toEqual(expect.arrayContaining(["gemini-nano-banana-2.1", "gemini-3-pro-image", "gemini-3.1-flash-lite-image"]));
    expect(live("replicate")).toEqual(expect.arrayContaining(["flux-2-pro", "flux-2-flex"]));
    expect(catalog.find((e) => e.provider === "openai" && e.default)?.id).toBe("gpt-image-2.6-flare");
    expect(catalog.find((e) => e.provider === "google" && e.default)?.id).toBe("gemini-nano-banana-2.1");
  });
});

describe("an operator's catalog entries", () => {
  const recraft = {
    provider: "openai-compatible", id: "recraftv4", label: "Recraft V4", costPerImageUsd: 0.04,
    capabilities: { generate: true, maxImages: 1, sizes: { kind: "exact", sizes: ["1024x1024", "1365x1024", "1024x1365"] } },
  };

  it("add a model, change one and hide one, without code", () => {
    const entries = parseOverrides(JSON.stringify({ models: [
      recraft,
      { provider: "openai", id: "gpt-image-2", costPerImageUsd: 0.02, lifecycle: { status: "deprecated", shutdownDate: "2027-03-01", successor: "gpt-image-2.6-flare" } },
      { provider: "replicate", id: "flux-schnell", hidden: true },
      { provider: "google", id: "gemini-3-pro-image", default: true },
      { provider: "openai", id: "gpt-image-2.5-flare", capabilities: { maxImages: 4 }, lifecycle: { shutdownDate: "2027-01-15" } },
    ] }), "MODEL_CATALOG");
    const merged = buildCatalog(builtins, [{ where: "MODEL_CATALOG", entries }]);
    const get = (p: string, id: string) => merged.find((e) => e.provider === p && e.id === id);
    expect(get("openai-compatible", "recraftv4")).toMatchObject({ label: "Recraft V4", lifecycle: { status: "active" }, capabilities: { edit: false, sizes: { kind: "exact" } } });
    expect(get("openai", "gpt-image-2")).toMatchObject({ costPerImageUsd: 0.02, label: "GPT Image 2", lifecycle: { status: "deprecated", shutdownDate: "2027-03-01" } });
    expect(get("openai", "gpt-image-2")!.capabilities.sizes.kind).toBe("free"); // unchanged parts kept
    expect(get("replicate", "flux-schnell")).toBeUndefined();
    // A partial change keeps every field it does not name.
    expect(get("openai", "gpt-image-2.5-flare")).toMatchObject({ capabilities: { maxImages: 4, edit: true, mask: true, transparentBackground: true, sizes: { kind: "free" } }, lifecycle: { status: "active", shutdownDate: "2027-01-15" } });
    expect(merged.filter((e) => e.provider === "google" && e.default).map((e) => e.id)).toEqual(["gemini-3-pro-image"]);
  });

  it("refuse bad entries with a sentence naming them", () => {
    expect(() => parseOverrides("{nope", "MODEL_CATALOG")).toThrow(/MODEL_CATALOG is not valid JSON/);
    expect(() => parseOverrides('{"x": 1}', "MODEL_CATALOG")).toThrow(/must be a JSON array/);
    expect(() => parseOverrides(JSON.stringify([{ provider: "openai", id: "x", costPerImageUsd: -1 }]), "MODEL_CATALOG_FILE (/etc/models.json)")).toThrow(
      /MODEL_CATALOG_FILE \(\/etc\/models.json\): entry 0 \(openai\/x\) is invalid: costPerImageUsd/,
    );
    expect(() => parseOverrides(JSON.stringify([{ provider: "nope", id: "x" }]), "MODEL_CATALOG")).toThrow(/entry 0 \(nope\/x\) is invalid: provider/);
    const incomplete = parseOverrides(JSON.stringify([{ provider: "openai-compatible", id: "mystery" }]), "MODEL_CATALOG");
    expect(() => buildCatalog(builtins, [{ where: "MODEL_CATALOG", entries: incomplete }])).toThrow(/the new model openai-compatible\/mystery is invalid: .*needs label, capabilities.sizes and costPerImageUsd/);
    const orphan = parseOverrides(JSON.stringify([{ provider: "openai", id: "gpt-image-2", lifecycle: { successor: "gpt-image-9" } }]), "MODEL_CATALOG");
    expect(() => buildCatalog(builtins, [{ where: "MODEL_CATALOG", entries: orphan }])).toThrow(/openai\/gpt-image-2 names the successor "gpt-image-9"/);
    expect(() => parseOverrides(JSON.stringify([{ provider: "openai", id: "gpt-image-2", lifecycle: { shutdownDate: "soon" } }]), "MODEL_CATALOG")).toThrow(
      /entry 0 \(openai\/gpt-image-2\) is invalid: lifecycle.shutdownDate: a date as YYYY-MM-DD/,
    );
  });
});
