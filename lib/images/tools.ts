import "server-only";
import type { CurrentUser } from "@/lib/auth/current-user";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { fromSource } from "./derive";
import type { ImageDtoRow } from "./dto";
import { createGeneration } from "./generate";
import type { DeriveSpec } from "./generation-request";
import type { GenerationBody } from "./generation-schema";
import { findLiveOwnedImage } from "./repositories/images";
import { expandGeometry, expandedSize, shapeOf, type ExpandBody, type RemoveBackgroundBody, type UpscaleBody } from "./tools-schema";

// The finishing tools: upscale, remove background, expand. Each is a job making one child of the image (lineage
// role "source"), chosen, reserved and billed like any generation (lib/images/generate.ts); the worker side is
// lib/images/tool-job.ts. Parameters that cannot work are refused here, before a job or a reservation exists.

interface ToolOptions<B> {
  user: CurrentUser;
  imageId: string;
  body: B;
  idempotencyKey?: string;
  baseUrl: string;
}

type ToolBody = { provider?: string; model?: string; webhookUrl?: string; fallback?: boolean };

/** A size past this server's output limit (MAX_OUTPUT_MEGAPIXELS) or a side past MAX_IMAGE_SIDE: a 400 naming the limit. */
function assertOutputSize(size: { width: number; height: number }, what: string, field: string) {
  const { MAX_OUTPUT_MEGAPIXELS: limit, MAX_IMAGE_SIDE: maxSide } = env();
  const megapixels = (size.width * size.height) / 1e6;
  if (megapixels > limit || Math.max(size.width, size.height) > maxSide) {
    const why = megapixels > limit ? `${megapixels.toFixed(1)} MP, over this server's ${limit} MP limit (MAX_OUTPUT_MEGAPIXELS)` : `a side may be at most ${maxSide} px (MAX_IMAGE_SIDE)`;
    throw new AppError("invalid_request", `${what} would be ${size.width}×${size.height} — ${why}`, { details: [{ path: [field], message: "output too large" }] });
  }
}

async function startTool(options: ToolOptions<ToolBody>, source: ImageDtoRow, spec: Omit<DeriveSpec, "sourceImageId">, target: { width: number; height: number }, extra: { prompt?: string; exclude?: ["local"]; fallback?: boolean } = {}) {
  const { user, imageId, body, idempotencyKey, baseUrl } = options;
  const generation: GenerationBody = {
    ...fromSource(source),
    ...(extra.prompt ? { prompt: extra.prompt } : {}),
    n: 1,
    provider: body.provider,
    model: body.model,
    webhookUrl: body.webhookUrl,
    fallback: extra.fallback ?? body.fallback,
  };
  return createGeneration({
    user,
    body: generation,
    idempotencyKey,
    baseUrl,
    jobType: spec.operation,
    requestForHash: { operation: spec.operation, imageId, ...body },
    derive: { spec: { ...spec, sourceImageId: source.id }, like: target, byPrompt: false, exclude: extra.exclude },
  });
}

/**
 * POST /api/v1/images/{id}/upscale: ×2 or ×4. Mode "basic" (the default unless a provider or model is named) is the
 * local Lanczos resample with gentle sharpening — free, offline, no invented detail; "provider" is a configured
 * remote upscaler (AI or creative), never the local one.
 */
export async function createUpscale(options: ToolOptions<UpscaleBody>) {
  const { body } = options;
  const mode = body.mode ?? (body.provider || body.model ? "provider" : "basic");
  if (mode === "basic" && body.provider && body.provider !== "local") {
    throw new AppError("invalid_request", `mode "basic" is the local resample: leave out provider, or use mode "provider" for ${body.provider}'s upscaler`, { details: [{ path: ["mode"], message: "basic is local" }] });
  }
  if (mode === "provider" && body.provider === "local") {
    throw new AppError("invalid_request", 'mode "provider" asks a remote upscaler: for the local one use mode "basic"', { details: [{ path: ["provider"], message: "local is the basic mode" }] });
  }
  const source = await findLiveOwnedImage(options.user.id, options.imageId);
  const target = { width: source.width * body.factor, height: source.height * body.factor };
  assertOutputSize(target, `×${body.factor} of ${source.width}×${source.height}`, "factor");
  const spec = { operation: "upscale" as const, tool: { operation: "upscale" as const, factor: body.factor, kind: "basic" as const }, toolOptions: { mode } };
  const chosen = mode === "basic" ? { ...body, provider: "local" } : body;
  return startTool({ ...options, body: chosen }, source, spec, target, mode === "basic" ? { fallback: false } : { exclude: ["local"] });
}

/** POST /api/v1/images/{id}/remove-background: a transparent PNG (or WebP) of the image's size. */
export async function createBackgroundRemoval(options: ToolOptions<RemoveBackgroundBody>) {
  const source = await findLiveOwnedImage(options.user.id, options.imageId);
  const spec = { operation: "remove-background" as const, tool: { operation: "remove-background" as const }, toolOptions: { format: options.body.format } };
  return startTool(options, source, spec, { width: source.width, height: source.height });
}

/**
 * POST /api/v1/images/{id}/expand: a larger canvas around the image, the new area filled by a provider (or offline
 * by the local renderer), the original's pixels kept exactly.
 */
export async function createExpand(options: ToolOptions<ExpandBody>) {
  const { body } = options;
  const source = await findLiveOwnedImage(options.user.id, options.imageId);
  const geometry = expandGeometry(body, source);
  if (!geometry) {
    throw new AppError("invalid_request", `The image is already ${shapeOf(source)}: nothing to add for aspectRatio ${body.aspectRatio}`, { details: [{ path: ["aspectRatio"], message: "already that shape" }] });
  }
  const canvas = expandedSize(geometry, source);
  assertOutputSize(canvas, `The expanded canvas of ${source.width}×${source.height}`, body.factor !== undefined ? "factor" : body.aspectRatio ? "aspectRatio" : "left");
  const spec = {
    operation: "expand" as const,
    tool: { operation: "expand" as const, geometry, original: { width: source.width, height: source.height } },
    toolOptions: body.prompt ? { prompt: body.prompt } : {},
  };
  return startTool(options, source, spec, canvas, { prompt: body.prompt });
}
