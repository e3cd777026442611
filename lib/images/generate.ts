import "server-only";
import { createHash, randomInt } from "node:crypto";
import type { CurrentUser } from "@/lib/auth/current-user";
import { env } from "@/lib/env";
import type { BudgetLimit } from "@/lib/error-codes";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { toJobDto, type JobDto } from "./job-dto";
import { jobQueue } from "@/lib/jobs/worker";
import { currentProviders, providers, selectionPreferences } from "@/lib/providers/registry";
import { applyRetirements } from "@/lib/providers/lifecycle/request";
import { isRetired } from "@/lib/providers/lifecycle/state";
import { selectCandidates, type Needs } from "@/lib/providers/selection";
import type { ProviderId } from "@/lib/providers/types";
import { reserveBudget, secondsUntilNextUtcDay, settleBudget, toMicroUsd } from "@/lib/usage/budget";
import { limitsOf } from "@/lib/usage/limits";
import { hitRateLimit } from "@/lib/rate-limit";
import { assertWebhookTarget } from "@/lib/webhooks/target";
import type { GenerationBody } from "./generation-schema";
import { paletteColors } from "./palettes";
import { resolveReferences } from "./references";
import { assertOwnedCollection } from "./repositories/collections";
import { findJobByIdempotencyKey, insertJob } from "./repositories/jobs";
import { startImageWorker } from "./worker";
import { hasMask, providerRequest, type DeriveSpec, type GenerationInput } from "./generation-request";

export interface CreateGenerationOptions {
  user: CurrentUser;
  body: GenerationBody;
  idempotencyKey?: string;
  baseUrl: string;
  /** The work package type recorded on the job: "generate" (default), "collection-image", or the derive operation. */
  jobType?: "generate" | "collection-image" | DeriveSpec["operation"];
  /**
   * Variations, refinements and tools: the source picture and how to derive from it. `like`: the source's size (it
   * picks the output size) — for a tool, the output's size itself. `exclude`: providers that may not serve.
   */
  derive?: { spec: DeriveSpec; like: { width: number; height: number }; byPrompt: boolean; exclude?: ProviderId[] };
  /** What the Idempotency-Key is checked against, when it is more than `body` (the source image id). */
  requestForHash?: unknown;
}

const hashOf = (body: unknown) => createHash("sha256").update(JSON.stringify(body)).digest("hex");

/**
 * Accepts a generation: validates it against the providers (400 with a reason), checks the rate limit (429),
 * reserves its estimated cost of today's budget atomically (429 budget_exceeded), records a queued job and
 * hands it to the worker. The same Idempotency-Key with the same body returns the same job, never a new charge.
 */
export async function createGeneration({ user, body, idempotencyKey, baseUrl, jobType, derive, requestForHash }: CreateGenerationOptions): Promise<{ job: JobDto; created: boolean }> {
  const config = env();
  const requestHash = hashOf(requestForHash ?? body);
  if (idempotencyKey) {
    const existing = await findJobByIdempotencyKey(user.id, idempotencyKey);
    if (existing) return { job: await replay(existing, requestHash, baseUrl), created: false };
  }
  if (body.collectionId) await assertOwnedCollection(user.id, body.collectionId);
  if (body.paletteId) body = { ...body, palette: await paletteColors(user.id, body.paletteId) };
  if (body.webhookUrl) await assertWebhookTarget(body.webhookUrl, config.ALLOW_PRIVATE_WEBHOOK_URLS);
  const references = await resolveReferences(user.id, body.referenceImageIds, derive?.spec.sourceImageId);

  const icon = body.imageType === "icon";
  await currentProviders(); // the stored provider settings (Settings → Providers) as fresh as their TTL
  const prefs = selectionPreferences();
  // A retired model (named, or the configured default) is served by its successor, or refused (MODEL_AUTO_UPGRADE).
  const wanted = await applyRetirements(providers(), prefs, { provider: body.provider, model: body.model });
  const candidates = selectCandidates(providers(), prefs, {
    provider: wanted.provider,
    model: wanted.model,
    isRetired,
    resolution: body.resolution,
    ...(derive ? { like: derive.like } : { width: body.width, height: body.height, aspectRatio: icon ? "1:1" : body.aspectRatio }),
    fallback: body.fallback ?? !(body.provider || body.model),
    exclude: derive?.exclude,
    needs: needsOf(body, derive, references.length),
  });
  const first = candidates[0];
  const plan = candidates.map((c) => ({ provider: c.provider.id, model: c.model.id, width: c.size.width, height: c.size.height, aspectRatio: c.size.aspectRatio }));
  // A derived picture must differ from its source and come out the same if its job is resumed: fix its seed now.
  // (A tool's result is the source finished, not a new draw: it gets no seed of its own.)
  const seed = body.seed ?? (derive && !derive.spec.tool && first.model.capabilities.seed ? randomInt(0, 2_147_483_647 - body.n) : undefined);
  body = { ...body, seed };
  // An upscale is of the kind its first candidate makes (basic, ai, creative): the worker sets each candidate's.
  const tool = derive?.spec.tool?.operation === "upscale" ? { ...derive.spec.tool, kind: first.model.capabilities.upscale?.kind ?? derive.spec.tool.kind } : derive?.spec.tool;
  if (derive && tool) derive = { ...derive, spec: { ...derive.spec, tool } };
  const request = providerRequest({ ...body, background: icon && first.model.capabilities.transparentBackground ? "transparent" : body.background, derive: derive?.spec }, plan[0]);

  const limits = await limitsOf(user.id);
  const limit = await hitRateLimit({ key: `generate:${user.id}:${first.provider.id}`, limit: limits.rateLimitPerMinute });
  if (!limit.allowed) {
    throw new AppError("rate_limited", `Too many generations with ${first.provider.name}: at most ${limits.rateLimitPerMinute} a minute.`, { retryAfter: limit.retryAfter });
  }
  const estimate = first.provider.estimateCost(request);
  const perImage = estimate / body.n;
  if (perImage > config.MAX_COST_PER_IMAGE_USD) {
    throw new AppError("budget_exceeded", `${first.model.label} costs about $${perImage.toFixed(3)} per image, over the $${config.MAX_COST_PER_IMAGE_USD} maximum per image.`, {
      details: { limit: "per_image" satisfies BudgetLimit },
    });
  }
  const reservation = await reserveBudget({ ownerId: user.id, microUsd: toMicroUsd(estimate), limitMicroUsd: toMicroUsd(limits.dailyBudgetUsd) });
  if (!reservation) {
    throw new AppError("budget_exceeded", `This generation (about $${estimate.toFixed(3)}) would exceed today's budget of $${limits.dailyBudgetUsd}.`, {
      details: { limit: "daily" satisfies BudgetLimit },
      retryAfter: secondsUntilNextUtcDay(),
    });
  }

  const input: GenerationInput = {
    ...body, background: request.background, budgetDay: reservation.day, candidates: plan, derive: derive?.spec,
    ...(references.length ? { references } : {}),
    ...(wanted.migration && first.model.id === wanted.migration.served ? { modelMigration: wanted.migration } : {}),
  };
  let job;
  try {
    job = await insertJob({
      id: newId("job"),
      ownerId: user.id,
      type: jobType ?? "generate",
      status: "queued",
      input: input as object,
      provider: first.provider.id,
      model: first.model.id,
      reservedMicroUsd: reservation.microUsd,
      idempotencyKey: idempotencyKey ?? null,
      requestHash,
      webhookUrl: body.webhookUrl ?? null,
    });
  } catch (error) {
    await settleBudget(reservation, 0);
    if ((error as { code?: string }).code === "P2002" && idempotencyKey) {
      // The same key raced us to it.
      const existing = await findJobByIdempotencyKey(user.id, idempotencyKey);
      if (existing) return { job: await replay(existing, requestHash, baseUrl), created: false };
    }
    throw error;
  }
  await startImageWorker();
  await jobQueue().enqueue(job.id, { ownerId: user.id });
  return { job: await toJobDto(job, baseUrl), created: true };
}

/** What the request needs of a model: a generation's, a variation's or refinement's, or a tool's. */
function needsOf(body: GenerationBody, derive: CreateGenerationOptions["derive"], references: number): Needs {
  if (!derive) {
    return { operation: "generate", n: body.n, transparentBackground: body.background === "transparent", quality: body.quality, references, ...(body.animation ? { animation: body.animation } : {}) };
  }
  const { spec } = derive;
  if (spec.operation === "variations" || spec.operation === "refine") {
    return { operation: spec.operation === "refine" ? "edit" : "variations", mask: hasMask(spec), n: body.n, variationsByPrompt: derive.byPrompt, references };
  }
  const factor = spec.tool?.operation === "upscale" ? spec.tool.factor : undefined;
  return { operation: spec.operation, n: 1, factor, outputPixels: derive.like.width * derive.like.height };
}

async function replay(job: Parameters<typeof toJobDto>[0], requestHash: string, baseUrl: string): Promise<JobDto> {
  if (job.requestHash !== requestHash) {
    throw new AppError("conflict", "This Idempotency-Key was already used with a different request body.", { details: { jobId: job.id } });
  }
  return toJobDto(job, baseUrl);
}
