import "server-only";
import { randomInt } from "node:crypto";
import {
  ProviderError,
  type GenerateRequest,
  type GenerateResult,
  type GeneratedImage,
  type ImageProvider,
  type ModelInfo,
  type ProviderContext,
  type EnhanceRequest,
  type TextResult,
  type TextServices,
} from "../types";
import { enhanceLocally, LOCAL_ENRICHMENT_MODEL } from "./enhance";
import { catalogModels } from "../catalog";
import { MAX_SIZE, MIN_SIZE } from "./limits";
import { renderReport, type RenderOptions } from "./renderer";
import { localExpand, localRemoveBackground, localUpscale } from "./tools";


/**
 * The offline renderer: procedural posters drawn from the prompt's words, deterministic for (prompt, seed, size,
 * style). Always configured, free, and the default when no AI provider key is set.
 */
export class LocalProvider implements ImageProvider {
  readonly id = "local" as const;
  readonly name = "Local renderer";
  readonly models: ModelInfo[];

  constructor(models: ModelInfo[] = catalogModels("local")) {
    this.models = models;
  }

  isConfigured(): boolean {
    return true;
  }

  estimateCost(_request: GenerateRequest): number {
    return 0;
  }

  async generate(request: GenerateRequest, context: ProviderContext): Promise<GenerateResult> {
    return this.run(request, context);
  }

  async edit(request: GenerateRequest, context: ProviderContext): Promise<GenerateResult> {
    if (!request.source) throw new ProviderError("local", "bad_request", "An edit needs a source image");
    return this.run(request, context, "refine");
  }

  async variations(request: GenerateRequest, context: ProviderContext): Promise<GenerateResult> {
    if (!request.source) throw new ProviderError("local", "bad_request", "Variations need a source image");
    return this.run(request, context, "variation");
  }

  /** Basic upscale, plain-backdrop background removal, edge-continuing expand (./tools.ts): offline, labelled. */
  upscale(request: GenerateRequest, context: ProviderContext): Promise<GenerateResult> {
    return localUpscale(request, context, request.model || this.models[0].id);
  }

  removeBackground(request: GenerateRequest, context: ProviderContext): Promise<GenerateResult> {
    return localRemoveBackground(request, context, request.model || this.models[0].id);
  }

  expand(request: GenerateRequest, context: ProviderContext): Promise<GenerateResult> {
    return localExpand(request, context, request.model || this.models[0].id);
  }

  /** Offline prompt enrichment (enhance.ts): no describing, free, labelled local. */
  textServices(): TextServices {
    return { model: LOCAL_ENRICHMENT_MODEL, describe: false, enhance: true, estimateUsd: 0, local: true };
  }

  async enhancePrompt(request: EnhanceRequest, _context: ProviderContext): Promise<TextResult> {
    return { text: enhanceLocally(request.prompt, request.style).prompt, model: LOCAL_ENRICHMENT_MODEL, costUsd: 0 };
  }

  async health(_signal: AbortSignal): Promise<{ healthy: boolean; message?: string }> {
    return { healthy: true };
  }

  private async run(request: GenerateRequest, context: ProviderContext, mode?: RenderOptions["mode"]): Promise<GenerateResult> {
    validate(request);
    const first = request.seed ?? randomInt(0, 2 ** 31 - 1);
    const images: GeneratedImage[] = [];
    for (let i = 0; i < request.n; i++) {
      throwIfAborted(context.signal);
      const seed = first + i;
      let report: Awaited<ReturnType<typeof renderReport>>;
      try {
        report = await renderReport({
          prompt: request.prompt,
          negativePrompt: request.negativePrompt,
          seed,
          width: request.width,
          height: request.height,
          style: request.style,
          palette: request.palette,
          background: request.background,
          source: request.source,
          strength: request.strength,
          mask: request.mask,
          preserveStructure: request.preserveStructure,
          references: request.references,
          mode,
          signal: context.signal,
        });
      } catch (error) {
        if (context.signal.aborted) throw canceled(error);
        if (error instanceof ProviderError) throw error;
        throw new ProviderError("local", "bad_request", `The local renderer could not draw this: ${(error as Error).message}`, { cause: error });
      }
      // The record (how to draw it again) goes to the image's params: stored files lose the PNG's copy of it.
      images.push({ data: report.png, mimeType: "image/png", seed, notices: report.notices, params: { local: report.record, ...report.params } });
      context.onProgress?.({ progress: (i + 1) / request.n, message: `Rendered ${i + 1} of ${request.n}` });
    }
    throwIfAborted(context.signal);
    // The renderer takes the prompt as written (style, palette and what to avoid are parameters of its own).
    return { images, sent: { prompt: request.prompt, seed: first }, model: request.model || this.models[0].id, costUsd: 0 };
  }
}

/** Images one call draws (the catalog entry may say fewer, never more). */
const MAX_IMAGES = 8;

function validate(request: GenerateRequest) {
  const { width, height, n } = request;
  const inRange = (v: number) => Number.isInteger(v) && v >= MIN_SIZE && v <= MAX_SIZE;
  if (!inRange(width) || !inRange(height)) {
    throw new ProviderError("local", "bad_request", `The local renderer draws ${MIN_SIZE}–${MAX_SIZE} pixels per side, not ${width}×${height}`);
  }
  if (!Number.isInteger(n) || n < 1 || n > MAX_IMAGES) {
    throw new ProviderError("local", "bad_request", `The local renderer draws 1–${MAX_IMAGES} images per call, not ${n}`);
  }
  if (request.seed !== undefined && !Number.isSafeInteger(request.seed)) throw new ProviderError("local", "bad_request", "The seed must be an integer");
}

const canceled = (cause?: unknown) => new ProviderError("local", "canceled", "The render was canceled", { cause });

function throwIfAborted(signal: AbortSignal) {
  if (signal.aborted) throw canceled(signal.reason);
}
