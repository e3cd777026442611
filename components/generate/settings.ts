/** The prompt bar's choices, their URL form (for "Reuse prompt") and the request they become. */
import {
  qualities,
  resolutions,
  stylePresets,
  type GenerationRequest,
  type ProviderModel,
  type Quality,
  type Resolution,
  type SizeSpec,
  type StylePreset,
} from "@/components/api/generation";
import type { EnhancedFrom } from "@/components/api/tools";
import type { StudioImage } from "@/components/api/types";
import { encodeReferences, parseReferences, referenceBody, referencesFromParents, type DraftReference, type WithReferences } from "@/components/references/references";
import { animationFrameSize, sheetOf } from "@/lib/providers/animation";
import { resolutionsOf as classesOf, resolveSize } from "@/lib/providers/sizes";

export const aspectPresets = [
  { id: "1:1", w: 1, h: 1, label: "Square" },
  { id: "3:2", w: 3, h: 2, label: "Landscape 3:2" },
  { id: "2:3", w: 2, h: 3, label: "Portrait 2:3" },
  { id: "16:9", w: 16, h: 9, label: "Wide 16:9" },
  { id: "9:16", w: 9, h: 16, label: "Tall 9:16" },
  { id: "4:3", w: 4, h: 3, label: "Classic 4:3" },
] as const;
export type AspectId = (typeof aspectPresets)[number]["id"];

export const styleLabels: Record<StylePreset, string> = {
  none: "No style",
  photorealistic: "Photo",
  illustration: "Illustration",
  "3d": "3D",
  anime: "Anime",
  painting: "Painting",
  "pixel-art": "Pixel art",
  "line-art": "Line art",
  icon: "Icon",
};

export const maxCount = 4;

export const stylePresetIds: readonly StylePreset[] = stylePresets;

export interface PromptDraft {
  prompt: string;
  negativePrompt: string;
  provider: string;
  model: string;
  aspect: AspectId;
  style: StylePreset;
  n: number;
  /** The seed shown in the box; null = none yet. */
  seed: number | null;
  /** Locked: every generation reuses `seed`. Unlocked: a fresh seed is drawn for each one. */
  seedLocked: boolean;
  icon: boolean;
  /** The collection new images join ("" = none); follows the gallery's collection until changed. */
  collection: string;
  /** The size class asked for; "1K" (the default) is never sent. Kept when a model lacks it, sent only where offered. */
  resolution: Resolution;
  /** "" = the model's own default; sent only to a model that has this quality. */
  quality: Quality | "";
  /** Reference images, in the order they are sent, with what the prompt calls them. */
  references: DraftReference[];
  /** The prompt an accepted "Enhance" suggestion replaced (sent with each generation while it stands). */
  enhancedFrom: EnhancedFrom | null;
  /** An animated GIF (sent only to a model that animates); its frame count and how long each frame shows. */
  animated: boolean;
  frames: number;
  frameDurationMs: number;
}

export const defaultDraft: PromptDraft = {
  prompt: "",
  negativePrompt: "",
  provider: "",
  model: "",
  aspect: "1:1",
  style: "none",
  n: 1,
  seed: null,
  seedLocked: false,
  icon: false,
  collection: "",
  resolution: "1K",
  quality: "",
  references: [],
  enhancedFrom: null,
  animated: false,
  frames: 9,
  frameDurationMs: 200,
};

export const maxSeed = 2_147_483_647;
export const randomSeed = () => Math.floor(Math.random() * maxSeed);

const isAspect = (v: string): v is AspectId => aspectPresets.some((a) => a.id === v);
const isStyle = (v: string): v is StylePreset => (stylePresets as readonly string[]).includes(v);
export const isResolution = (v: unknown): v is Resolution => typeof v === "string" && (resolutions as readonly string[]).includes(v);
export const isQuality = (v: unknown): v is Quality => typeof v === "string" && (qualities as readonly string[]).includes(v);

export const resolutionLabels: Record<Resolution, { label: string; title: string }> = {
  "512": { label: "512", title: "About a quarter megapixel: a quick, cheap draft" },
  "1K": { label: "1K", title: "About 1 megapixel (1024 × 1024 for a square)" },
  "2K": { label: "2K", title: "About 4 megapixels (2048 × 2048 for a square)" },
  "4K": { label: "4K", title: "The largest this model makes, about 4096 pixels on the long side" },
};

export const qualityLabels: Record<Quality | "", { label: string; title: string }> = {
  "": { label: "Default", title: "The model's usual quality" },
  low: { label: "Low", title: "Fastest and cheapest" },
  medium: { label: "Medium", title: "Balanced speed, cost and detail" },
  high: { label: "High", title: "More detail; slower and dearer" },
  xhigh: { label: "Extra high", title: "Even more detail; slower and dearer still" },
  max: { label: "Max", title: "The most the model can do; the slowest and dearest" },
  auto: { label: "Auto", title: "The provider picks per prompt (billed as the dearest)" },
};

/** The size classes a model makes, smallest first: "1K" always, the others where its capabilities list them. */
export function resolutionsOf(model: ProviderModel | undefined): Resolution[] {
  return model ? classesOf(model.capabilities) : ["1K"];
}

/** The quality levels a model takes, in order; none when it has no quality setting. */
export function qualitiesOf(model: ProviderModel | undefined): Quality[] {
  const offered = model?.capabilities.qualities ?? [];
  return qualities.filter((q) => offered.includes(q));
}

/** The size class a draft gets from this model: its choice where the model makes it, else "1K". */
export const effectiveResolution = (draft: Pick<PromptDraft, "resolution">, model: ProviderModel | undefined): Resolution =>
  resolutionsOf(model).includes(draft.resolution) ? draft.resolution : "1K";

/** The quality a draft gets from this model: its choice where the model has it, else the model's default (""). */
export const effectiveQuality = (draft: Pick<PromptDraft, "quality">, model: ProviderModel | undefined): Quality | "" =>
  draft.quality && qualitiesOf(model).includes(draft.quality) ? draft.quality : "";

/** The aspect preset nearest to a picture's shape. */
export function nearestAspect(width: number, height: number): AspectId {
  const r = width / height;
  return aspectPresets.reduce((best, a) => (Math.abs(Math.log(a.w / a.h / r)) < Math.abs(Math.log(best.w / best.h / r)) ? a : best)).id;
}

/** The longest prompt any instance takes (MAX_PROMPT_LENGTH's maximum); the prompt bar counts against this one's. */
const maxPromptChars = 100_000;

/**
 * The draft's provider in an address: not `provider`, which is the gallery's filter (`?provider=local` shows only
 * the local renderer's images), so that reusing an image's settings never filters the gallery.
 */
export const draftProviderParam = "prompt-provider";

/**
 * The parts of a draft carried by `/?prompt=…&seed=…` (other keys are the gallery's own filters). The seed is
 * filled in but not locked: the next generation draws a new one unless the seed is locked by hand.
 */
export function draftFromParams(get: (key: string) => string): Partial<PromptDraft> | null {
  const prompt = get("prompt").slice(0, maxPromptChars);
  if (!prompt.trim()) return null;
  const draft: Partial<PromptDraft> = { prompt };
  const negative = get("negative").slice(0, maxPromptChars);
  if (negative) draft.negativePrompt = negative;
  const seed = Number(get("seed"));
  if (get("seed") && Number.isInteger(seed) && seed >= 0 && seed <= maxSeed) Object.assign(draft, { seed, seedLocked: false });
  if (isStyle(get("style"))) draft.style = get("style") as StylePreset;
  if (isAspect(get("aspect"))) draft.aspect = get("aspect") as AspectId;
  // Older links named the draft's provider `provider` (which the gallery also reads as its filter).
  const provider = get(draftProviderParam) || get("provider");
  if (provider) draft.provider = provider.slice(0, 50);
  if (get("model")) draft.model = get("model").slice(0, 200);
  if (get("icon") === "1") draft.icon = true;
  if (isResolution(get("resolution"))) draft.resolution = get("resolution") as Resolution;
  if (isQuality(get("quality"))) draft.quality = get("quality") as Quality;
  const n = Number(get("n"));
  if (Number.isInteger(n) && n >= 1 && n <= maxCount) draft.n = n;
  const references = parseReferences(get("refs"));
  if (references.length) draft.references = references;
  const frames = Number(get("frames"));
  const frameMs = Number(get("frame-ms"));
  if (Number.isInteger(frames) && frames >= 2 && frames <= 16) Object.assign(draft, { animated: true, frames, ...(Number.isInteger(frameMs) && frameMs >= 20 && frameMs <= 2000 ? { frameDurationMs: frameMs } : {}) });
  return draft;
}

/**
 * The gallery address that opens the prompt bar filled with what made this image; `galleryQuery` (the filters the
 * gallery had, `q=…&collection=…`) is kept as it was.
 */
export function reuseHref(image: StudioImage, galleryQuery = ""): string {
  const params = new URLSearchParams({ prompt: image.prompt ?? "" });
  if (image.negativePrompt) params.set("negative", image.negativePrompt);
  if (image.seed !== null && image.seed !== undefined) params.set("seed", String(image.seed));
  if (image.style && image.style !== "none") params.set("style", image.style);
  const recorded = (image.params ?? {}) as { aspectRatio?: unknown; imageType?: unknown; resolution?: unknown; quality?: unknown; animation?: { frames?: unknown; frameDurationMs?: unknown } };
  if (recorded.imageType === "icon") params.set("icon", "1");
  else params.set("aspect", nearestAspect(image.width, image.height));
  if (image.provider) params.set(draftProviderParam, image.provider);
  // The model it was made with, even when that model has been retired since: the prompt bar says what serves now.
  if (image.model) params.set("model", image.model);
  // Only what was recorded: an image without a size class was made at the default one.
  if (isResolution(recorded.resolution) && recorded.resolution !== "1K") params.set("resolution", recorded.resolution);
  if (isQuality(recorded.quality)) params.set("quality", recorded.quality);
  // An animated GIF: its frame count and timing.
  if (typeof recorded.animation?.frames === "number") params.set("frames", String(recorded.animation.frames));
  if (typeof recorded.animation?.frameDurationMs === "number") params.set("frame-ms", String(recorded.animation.frameDurationMs));
  // The images it was made from as references, in order, with their labels (its source, if any, is not one).
  const references = referencesFromParents(image.parents);
  if (references.length) params.set("refs", encodeReferences(references));
  for (const [key, value] of new URLSearchParams(galleryQuery)) if (!params.has(key)) params.append(key, value);
  return `/?${params}`;
}

/** Whether a model can make an aspect: the server's own size resolution (lib/providers/sizes.ts), run here. */
export function supportsAspect(spec: SizeSpec | undefined, aspect: AspectId): boolean {
  return !spec || !("error" in resolveSize({ sizes: spec }, { aspectRatio: aspect }));
}

/** The aspects a model makes, in words for a tooltip. */
export const aspectsOf = (model: ProviderModel | undefined) =>
  aspectPresets.filter((a) => supportsAspect(model?.capabilities.sizes, a.id)).map((a) => a.id);

export const aspectRatioOf = (draft: Pick<PromptDraft, "aspect" | "icon">) => {
  if (draft.icon) return 1;
  const a = aspectPresets.find((p) => p.id === draft.aspect) ?? aspectPresets[0];
  return a.w / a.h;
};

/** The request a draft becomes, leaving out what the chosen model cannot take (the API would refuse it); the
 * collection is `collectionId` when given, else the draft's. */
export function toRequest(draft: PromptDraft, model: ProviderModel | undefined, collectionId?: string): GenerationRequest & WithReferences {
  const caps = model?.capabilities;
  const body: GenerationRequest & WithReferences = { prompt: draft.prompt.trim(), n: draft.n, imageType: draft.icon ? "icon" : "image" };
  if (draft.provider) body.provider = draft.provider;
  if (draft.model) body.model = draft.model;
  if (!draft.icon) body.aspectRatio = draft.aspect;
  if (draft.style !== "none") body.style = draft.style;
  // Models without a native negative prompt get it folded into the prompt by the server ("Avoid: …").
  if (draft.negativePrompt.trim()) body.negativePrompt = draft.negativePrompt.trim();
  if (draft.seed !== null && caps?.seed !== false) body.seed = draft.seed;
  const resolution = effectiveResolution(draft, model);
  if (resolution !== "1K") body.resolution = resolution;
  const quality = effectiveQuality(draft, model);
  if (quality) body.quality = quality;
  const collection = collectionId ?? (draft.collection || undefined);
  if (collection) body.collectionId = collection;
  // Sent even to a model that cannot take them: the server says why (400 naming the limit), next to the tray.
  const references = referenceBody(draft.references ?? []);
  if (references) body.referenceImageIds = references;
  if (draft.enhancedFrom && body.prompt) body.enhancedFrom = draft.enhancedFrom;
  // An animated GIF, where the model makes one: frames of the chosen shape (no size class, never an icon).
  if (isAnimated(draft, model)) {
    Object.assign(body, { imageType: "image", aspectRatio: draft.aspect, animation: { frames: draft.frames, frameDurationMs: draft.frameDurationMs } });
    delete body.resolution;
  }
  return body;
}

/**
 * An animated GIF's price as a multiple of the model's per-image one, as the server estimates it: one picture of the
 * sheet its frames are drawn on, prices growing with the square root of the pixels (lib/providers/openai-models.ts).
 * Undefined for a still.
 */
export function animationCostScale(draft: PromptDraft, model: ProviderModel | undefined): number | undefined {
  const spec = model?.capabilities.animation;
  if (!spec || !isAnimated(draft, model)) return undefined;
  const aspect = aspectPresets.find((a) => a.id === draft.aspect) ?? aspectPresets[0];
  const size = animationFrameSize(spec, { frames: draft.frames, n: draft.n, ratio: aspect.w / aspect.h });
  const sheet = "error" in size ? undefined : sheetOf(spec, draft.frames, size.width, size.height);
  return sheet ? Math.sqrt((sheet.width * sheet.height) / (1024 * 1024)) : undefined;
}

/** Whether the draft asks for an animated GIF and the chosen model makes one. */
export function isAnimated(draft: Pick<PromptDraft, "animated">, model: ProviderModel | undefined): boolean {
  return draft.animated && Boolean(model?.capabilities.animation);
}
