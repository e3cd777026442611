import { AppError } from "@/lib/errors";
import { animationUnfitReason, animatedSize, noAnimationMessage } from "./selection-animation";
import { ratioOf, resolveSize, type ResolvedSize, type SizeWish } from "./sizes";
import type { ImageProvider, ModelInfo, ProviderId, Quality, ToolOperation } from "./types";

/** What a request needs from a model. */
export interface Needs {
  operation: "generate" | "edit" | "variations" | ToolOperation;
  /** Upscale: the factor asked for. */
  factor?: number;
  /** Upscale: the output's pixel count (a model with a smaller `maxOutputPixels` cannot serve). */
  outputPixels?: number;
  mask?: boolean;
  transparentBackground?: boolean;
  negativePrompt?: boolean;
  /** Images wanted; a model with a lower `maxImages` serves them in several concurrent calls. */
  n: number;
  /** A quality level asked for by name: only models that take it qualify ("auto" fits every model). */
  quality?: Quality;
  /**
   * Variations of a picture whose prompt is known: a model without native variations may serve them by
   * generating that prompt again with other seeds.
   */
  variationsByPrompt?: boolean;
  /** Reference images sent with the request (besides a source, which edit and variations send too). */
  references?: number;
  /** An animated GIF: only models with `capabilities.animation` that fit its frames serve (./selection-animation.ts). */
  animation?: { frames: number; frameDurationMs: number };
}

/** Why a model cannot take `references` reference images (with a source when `withSource`), or null when it can. */
export function referenceLimitReason(model: Pick<ModelInfo, "id" | "capabilities">, references: number, withSource: boolean): string | null {
  if (!references) return null;
  const max = model.capabilities.maxReferenceImages ?? 0;
  if (!max || (withSource && max < 2)) return `${model.id} does not take reference images`;
  const room = withSource ? max - 1 : max;
  if (references > room) return withSource ? `${model.id} takes at most ${room} reference images besides the source (${max} input images in all)` : `${model.id} takes at most ${max} reference images`;
  return null;
}

export interface Candidate {
  provider: ImageProvider;
  model: ModelInfo;
  size: ResolvedSize;
}

export interface SelectionPreferences {
  /** DEFAULT_PROVIDER (or the seeds' USE_CHATGPT_IMAGE_GENERATOR → openai). */
  defaultProvider?: ProviderId;
  /** PROVIDER_FALLBACK_ORDER. */
  fallbackOrder: ProviderId[];
}

export interface SelectOptions extends SizeWish {
  provider?: string;
  model?: string;
  needs: Needs;
  /** Allow falling back to other providers; default: only when no provider was named. */
  fallback?: boolean;
  /** The effective life cycle (catalog + what providers said): retired models never serve. Default: the catalog's. */
  isRetired?: (provider: ProviderId, model: ModelInfo) => boolean;
  /** Providers that may not serve (an upscale in "provider" mode leaves out the local one). */
  exclude?: ProviderId[];
}

/** The variables that switch a provider on, for error messages. */
const credentialHint: Record<ProviderId, string> = {
  local: "nothing (it is always available)",
  openai: "OPENAI_API_KEY (or the AZURE_OPENAI_* variables)",
  replicate: "REPLICATE_API_TOKEN",
  google: "GEMINI_API_KEY",
  ideogram: "IDEOGRAM_API_KEY",
  "openai-compatible": "OPENAI_COMPATIBLE_BASE_URL",
};

/** Why a model cannot do a tool operation, or null when it can. */
function toolUnfitReason(model: ModelInfo, needs: Needs): string | null {
  const c = model.capabilities;
  if (needs.operation === "upscale") {
    if (!c.upscale) return `${model.id} cannot upscale`;
    if (!c.upscale.factors.includes(needs.factor ?? 0)) return `${model.id} upscales ×${c.upscale.factors.join(" or ×")}, not ×${needs.factor}`;
    if (c.upscale.maxOutputPixels && (needs.outputPixels ?? 0) > c.upscale.maxOutputPixels) {
      return `${model.id} makes at most ${(c.upscale.maxOutputPixels / 1e6).toFixed(1)} megapixels`;
    }
    return null;
  }
  if (needs.operation === "remove-background") return c.removeBackground ? null : `${model.id} cannot remove backgrounds`;
  return c.expand ? null : `${model.id} cannot expand images`;
}

const isTool = (operation: Needs["operation"]): operation is ToolOperation => operation === "upscale" || operation === "remove-background" || operation === "expand";

/** Why a model cannot serve, or null when it can. */
export function unfitReason(model: ModelInfo, needs: Needs): string | null {
  if (isTool(needs.operation)) return toolUnfitReason(model, needs);
  const c = model.capabilities;
  const byPrompt = needs.operation === "variations" && needs.variationsByPrompt && c.generate;
  if (!c[needs.operation] && !byPrompt) return `${model.id} cannot ${needs.operation === "generate" ? "generate images" : needs.operation === "edit" ? "edit images" : "make variations"}`;
  if (needs.mask && !c.mask) return `${model.id} cannot edit with a mask`;
  // Variations by prompt generate again without the source; native ones and edits send it with the references.
  const withSource = needs.operation === "edit" || (needs.operation === "variations" && c.variations);
  const references = referenceLimitReason(model, needs.references ?? 0, withSource);
  if (references) return references;
  if (needs.transparentBackground && !c.transparentBackground) return `${model.id} cannot make transparent backgrounds`;
  if (needs.quality && needs.quality !== "auto" && c.qualities && !c.qualities.includes(needs.quality)) {
    return `${model.id} takes quality ${c.qualities.join(", ")}, not ${needs.quality}`;
  }
  return animationUnfitReason(model, needs);
}

/**
 * Chooses who serves a request, in order: the named provider/model (checked strictly: a 400 says what is
 * wrong), else the configured default, the fallback order, then every other configured provider by price —
 * remote services before the local renderer, which is the last resort and the default when nothing else is
 * configured. Only capable models that can make the asked size are kept.
 */
export function selectCandidates(providers: ImageProvider[], prefs: SelectionPreferences, options: SelectOptions): Candidate[] {
  const byId = new Map(providers.map((p) => [p.id as string, p]));
  if (options.provider) {
    const provider = byId.get(options.provider);
    if (!provider) throw new AppError("invalid_request", `Unknown provider "${options.provider}": use one of ${[...byId.keys()].join(", ")}`);
    if (!provider.isConfigured()) {
      throw new AppError("invalid_request", `Provider "${provider.id}" is not configured on this server: set ${credentialHint[provider.id]}`);
    }
    const models = options.model ? provider.models.filter((m) => m.id === options.model) : provider.models;
    const retired = options.isRetired ?? ((_p: ProviderId, x: ModelInfo) => x.lifecycle.status === "retired");
    if (options.model && !models.length) {
      const live = provider.models.filter((m) => !retired(provider.id, m));
      throw new AppError("invalid_request", `Unknown model "${options.model}" for ${provider.id}: use one of ${live.map((m) => m.id).join(", ")}`);
    }
    const { fit, reasons } = fitting(provider, models, options);
    if (!fit.length) {
      const animated = options.needs.animation && !models.some((m) => m.capabilities.animation) ? ` (${noAnimationMessage(providers, retired)})` : "";
      throw new AppError("invalid_request", `${provider.name} cannot serve this request: ${grouped(reasons)}${animated}`, animated ? { details: [{ path: ["animation"], message: "this model makes no animations" }] } : undefined);
    }
    const first = fit.slice(0, 1);
    return options.fallback ? [...first, ...ordered(providers, prefs, options).filter((c) => c.provider.id !== provider.id)] : first;
  }
  if (options.model) {
    const owner = providers.find((p) => p.isConfigured() && p.models.some((m) => m.id === options.model));
    if (!owner) throw new AppError("invalid_request", `Unknown or unconfigured model "${options.model}"`);
    return selectCandidates(providers, prefs, { ...options, provider: owner.id });
  }
  const candidates = ordered(providers, prefs, options);
  if (!candidates.length) {
    const most = options.needs.references ? mostReferences(providers, options) : undefined;
    if (most !== undefined && most < options.needs.references! + (options.needs.operation === "generate" ? 0 : 1)) {
      throw new AppError(
        "invalid_request",
        most ? `No configured model takes ${options.needs.references} reference images${options.needs.operation === "generate" ? "" : " besides the source"}: the most any takes is ${most} input images in all` : "No configured model takes reference images",
        { details: [{ path: ["referenceImageIds"], message: `at most ${most} input images` }] },
      );
    }
    if (isTool(options.needs.operation)) throw new AppError("invalid_request", noToolProvider(options.needs));
    if (options.needs.animation) throw noAnimatedCandidate(providers, options);
    throw new AppError("invalid_request", "No configured provider can serve this request (size, count or capability): see GET /api/v1/providers");
  }
  return options.fallback === false ? candidates.slice(0, 1) : candidates;
}

function fitting(provider: ImageProvider, models: ModelInfo[], options: SelectOptions) {
  const reasons: string[] = [];
  const fit: Candidate[] = [];
  const retired = options.isRetired ?? ((_p: ProviderId, m: ModelInfo) => m.lifecycle.status === "retired");
  for (const model of models) {
    if (retired(provider.id, model)) {
      if (options.model === model.id) reasons.push(`${model.id} was retired`);
      continue;
    }
    const why = unfitReason(model, options.needs);
    if (why) {
      reasons.push(why);
      continue;
    }
    // A tool's output size follows from its source and parameters (`width`/`height` of the wish), not the model's
    // sizes; an animation's is a frame's, which must fit the sheet its frames are drawn on.
    const size = isTool(options.needs.operation) ? toolSize(options) : options.needs.animation ? animatedSize(model, options.needs, options) : resolveSize(model.capabilities, options);
    if ("error" in size) reasons.push(`${model.id}: ${size.error}`);
    else fit.push({ provider, model, size });
  }
  // Native variations before variations by prompt (a stable sort keeps the order otherwise).
  if (options.needs.operation === "variations") fit.sort((a, b) => Number(b.model.capabilities.variations) - Number(a.model.capabilities.variations));
  return { fit, reasons };
}

function toolSize(options: SelectOptions): ResolvedSize {
  const width = options.width ?? options.like?.width ?? 0;
  const height = options.height ?? options.like?.height ?? 0;
  return { width, height, aspectRatio: ratioOf(width, height) };
}

function ordered(providers: ImageProvider[], prefs: SelectionPreferences, options: SelectOptions): Candidate[] {
  const configured = providers.filter((p) => p.isConfigured() && !options.exclude?.includes(p.id));
  const rank = (p: ImageProvider) => {
    if (p.id === prefs.defaultProvider) return -1;
    const i = prefs.fallbackOrder.indexOf(p.id);
    if (i >= 0) return i; // after the default, in the configured order
    return p.id === "local" ? 10_000 : 1_000; // unranked remotes by price, the local renderer last
  };
  // One candidate per provider: its default model when that can serve, else its cheapest capable one; providers
  // ranked by preference, then by the price of that candidate.
  const choice = (p: ImageProvider) => {
    const [first, ...rest] = p.models;
    const byPrice = [...rest].sort((a, b) => a.costPerImageUsd - b.costPerImageUsd);
    return fitting(p, first ? [first, ...byPrice] : byPrice, options).fit[0];
  };
  const picked = configured.flatMap((p) => {
    const candidate = choice(p);
    return candidate ? [candidate] : [];
  });
  return picked.sort((a, b) => rank(a.provider) - rank(b.provider) || a.model.costPerImageUsd - b.model.costPerImageUsd);
}

/** Why no provider serves a tool operation, and what would (the local renderer is left out only by an upscale's "provider" mode). */
function noToolProvider(needs: Needs): string {
  switch (needs.operation) {
    case "upscale":
      return `No configured provider upscales ×${needs.factor} to this size: connect Ideogram (IDEOGRAM_API_KEY), Replicate (REPLICATE_API_TOKEN) or OpenAI (OPENAI_API_KEY), or use mode "basic" (the local resample)`;
    case "remove-background":
      return "No configured provider removes backgrounds: connect Ideogram, Replicate or OpenAI (see GET /api/v1/providers)";
    default:
      return "No configured provider expands images: see GET /api/v1/providers";
  }
}

/**
 * No configured provider serves an animation: the sizes that do not fit (with the caps of the configured models that
 * animate), or which models animate at all and what switches them on.
 */
function noAnimatedCandidate(providers: ImageProvider[], options: SelectOptions): AppError {
  const retired = options.isRetired ?? ((_p: ProviderId, m: ModelInfo) => m.lifecycle.status === "retired");
  const reasons = providers
    .filter((p) => p.isConfigured() && !options.exclude?.includes(p.id))
    .flatMap((p) => fitting(p, p.models.filter((m) => m.capabilities.animation), options).reasons);
  if (reasons.length) return new AppError("invalid_request", `No configured model can make this animation: ${grouped(reasons)}`, { details: [{ path: ["animation"], message: reasons[0] }] });
  return new AppError("invalid_request", `No configured model makes animated GIFs: ${noAnimationMessage(providers, retired)}`, { details: [{ path: ["animation"], message: "no configured model makes animations" }] });
}

/** The most input images any configured, live model takes (for saying why references cannot be served). */
function mostReferences(providers: ImageProvider[], options: SelectOptions): number {
  const retired = options.isRetired ?? ((_p: ProviderId, m: ModelInfo) => m.lifecycle.status === "retired");
  const limits = providers.filter((p) => p.isConfigured()).flatMap((p) => p.models.filter((m) => !retired(p.id, m)).map((m) => m.capabilities.maxReferenceImages ?? 0));
  return Math.max(0, ...limits);
}

/** "a: why; b: why; c: other" → "a, b: why; c: other" (every model of a family often fails for the same reason). */
function grouped(reasons: string[]): string {
  const byWhy = new Map<string, string[]>();
  for (const reason of reasons) {
    const match = /^([^\s:]+): (.*)$/.exec(reason);
    const [who, why] = match ? [match[1], match[2]] : ["", reason];
    byWhy.set(why, [...(byWhy.get(why) ?? []), who].filter(Boolean));
  }
  return [...byWhy].map(([why, who]) => (who.length ? `${who.join(", ")}: ${why}` : why)).join("; ");
}
