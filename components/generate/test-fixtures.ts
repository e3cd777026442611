/** Providers listings (GET /api/v1/providers) for the components' unit tests: live, deprecated and retired models. */
import type { ModelCapabilities, Provider, ProviderModel } from "@/components/api/generation";
import type { StudioImage } from "@/components/api/types";

const base: ModelCapabilities = {
  generate: true,
  edit: false,
  variations: false,
  mask: false,
  transparentBackground: false,
  negativePrompt: false,
  seed: false,
  maxImages: 1,
  sizes: { kind: "aspect", ratios: ["1:1", "16:9", "9:16", "3:2", "2:3", "4:3"], pixels: {} },
};

type Lifecycle = NonNullable<ProviderModel["lifecycle"]>;

export function model(id: string, label: string, options: { capabilities?: Partial<ModelCapabilities>; lifecycle?: Partial<Lifecycle>; default?: boolean; cost?: number } = {}): ProviderModel {
  return {
    id,
    label,
    capabilities: { ...base, ...options.capabilities },
    costPerImageUsd: options.cost ?? 0.04,
    ...(options.default ? { default: true } : {}),
    lifecycle: { status: "active", shutdownDate: null, successor: null, source: "catalog", ...options.lifecycle },
  };
}

export function provider(id: string, name: string, models: ProviderModel[], extra: Partial<Provider> = {}): Provider {
  return {
    id,
    name,
    local: id === "local",
    configured: true,
    healthy: true,
    defaultModel: models.find((m) => m.default)?.id ?? null,
    warnings: [],
    models,
    ...extra,
  };
}

const free = { kind: "free" as const, multipleOf: 16, maxSide: 3840, minPixels: 655_360, maxPixels: 8_294_400, maxRatio: 3 };

export const openai = provider(
  "openai",
  "OpenAI",
  [
    model("gpt-image-2.6-flare", "GPT Image 2.6 Flare", {
      default: true,
      capabilities: { sizes: free, resolutions: { "2K": 1, "4K": 1 }, qualities: ["low", "medium", "high", "xhigh", "max", "auto"], maxImages: 10 },
    }),
    model("gpt-image-2.5-flare", "GPT Image 2.5 Flare", { capabilities: { sizes: free, resolutions: { "2K": 1, "4K": 1 }, qualities: ["low", "medium", "high", "xhigh", "max", "auto"] } }),
    model("gpt-image-1", "GPT Image 1", { lifecycle: { status: "retired", shutdownDate: "2026-10-23", successor: "gpt-image-2.5-flare" } }),
    model("dall-e-3", "DALL·E 3", { lifecycle: { status: "retired", shutdownDate: "2026-05-12", successor: "gpt-image-2.6-flare" } }),
  ],
  { warnings: ["OPENAI_IMAGE_MODEL=gpt-image-1 was retired on 2026-10-23: requests are served by gpt-image-2.5-flare."] },
);

export const google = provider("google", "Google", [
  model("gemini-nano-banana-2.1", "Nano Banana 2.1", { default: true, capabilities: { resolutions: { "2K": 2, "4K": 4 }, qualities: ["low", "medium", "high", "auto"] } }),
  model("gemini-3.1-flash-lite-image", "Nano Banana 2 Lite", { cost: 0.02 }),
  model("gemini-3.1-flash-image", "Nano Banana 2", {
    capabilities: { resolutions: { "512": 0.5, "2K": 2, "4K": 4 }, qualities: ["low", "high", "auto"] },
    lifecycle: { status: "deprecated", successor: "gemini-nano-banana-2.1" },
  }),
  model("imagen-4.0-generate-001", "Imagen 4", { lifecycle: { status: "retired", shutdownDate: "2026-08-17", successor: "gemini-nano-banana-2.1" } }),
]);

export const local = provider("local", "Local renderer", [
  model("local-v1", "Local renderer", { default: true, cost: 0, capabilities: { seed: true, maxImages: 4, sizes: { kind: "range", min: 64, max: 2048, multipleOf: 8 } } }),
]);

export const all = [openai, google, local];

/** A gallery image as the API returns it, made by `model` of `provider` (gpt-image-1 by default: a retired model). */
export function studioImage(change: Partial<StudioImage> = {}): StudioImage {
  return {
    id: "img_1", kind: "generated", parentId: null, collectionId: null, width: 1024, height: 1024, format: "png", bytes: 1000,
    hasAlpha: false, url: "/u", previewUrl: "/p", thumbnailUrl: "/t", placeholder: null, originalName: null,
    prompt: "a fox in the snow", provider: "openai", model: "gpt-image-1", seed: null, params: {}, operation: null,
    createdAt: "2026-09-01T00:00:00.000Z",
    ...change,
  } as StudioImage;
}
