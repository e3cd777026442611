import "server-only";
import { env } from "@/lib/env";
import type { ProviderFailureReason } from "@/lib/error-codes";
import { log } from "@/lib/log";
import { emitJobEvent } from "@/lib/jobs/events";
import { finishJob, setProgress, type JobRow } from "@/lib/jobs/repository";
import { providerSemaphore } from "@/lib/jobs/provider-slots";
import { currentProviders, getProvider, providerContext } from "@/lib/providers/registry";
import type { ModelMigration } from "@/lib/providers/lifecycle/resolve";
import { effectiveLifecycle, lifecycleSnapshot, recordObservation } from "@/lib/providers/lifecycle/state";
import { withRetries } from "@/lib/providers/reliability";
import { ProviderError, type GenerateRequest, type GenerateResult, type ImageProvider, type ModelInfo, type ProgressEvent, type ProviderContext, type ProviderId } from "@/lib/providers/types";
import { toMicroUsd } from "@/lib/usage/budget";
import { reserveMoreForJob, settleJobBudget } from "@/lib/jobs/job-budget";
import { closeCall, recordUsage } from "@/lib/usage/ledger";
import { limitsOf } from "@/lib/usage/limits";
import { billedAttempt } from "./billed-call";
import { providerRequest, splitBatches, type DeriveSpec, type GenerationInput } from "./generation-request";
import { handOver, retiredError } from "./model-handover";
import { loadReferences } from "./references";
import { reservedMicroUsdOf } from "./repositories/jobs";
import { stillSources } from "./first-frame";
import { loadSources } from "./job-inputs";
import { parseGenerationInput } from "./generation-input";
import { storeResults } from "./generation-store";
import { jobImages } from "./job-dto";
import { isToolJob, toolCall, toolFor, toolSources } from "./tool-job";

/** In-flight jobs of this process (the worker's registry), so a cancel can abort their provider calls. */
export { runningJobs } from "@/lib/jobs/worker";

/**
 * Runs a generate job: each candidate provider in turn (retries and a timeout per call), until one produces
 * images. A batch larger than the model's `maxImages` is split into calls that run concurrently (within the
 * provider's concurrency limit); each call is charged for what it produced, and the job succeeds when at least
 * one image was stored (the job's `error` then says what is missing). A job resumed after a crash produces only
 * the images it still lacks, with the seeds they would have had. When every candidate fails, the reservation
 * is released. A cancel (`signal`) aborts the calls in flight: the job ends `canceled`, unbilled.
 */
export async function runGeneration(job: JobRow, signal: AbortSignal): Promise<void> {
  const input = parseGenerationInput(job.input);
  const config = env();
  // Images an earlier, interrupted run stored, by their index in the batch (concurrent calls may have stored
  // index 2 but not 1): only the missing indexes are made again, each with the seed it would have had.
  const storedIndexes = new Set((await jobImages(job.id)).map((image) => (image.params as { index?: number } | null)?.index).filter((i): i is number => Number.isInteger(i)));
  const missing = Array.from({ length: input.n }, (_, i) => i).filter((i) => !storedIndexes.has(i));
  const done = input.n - missing.length;
  // A resumed job: what an interrupted run had billed — and its calls still of unknown outcome, at their estimate
  // (lib/images/billed-call.ts) — is counted first, out of the reservation it was made under; what remains
  // reserved covers the rest. A first run has nothing to count.
  let reserved = job.reservedMicroUsd;
  if (job.attempts > 1) {
    await settleJobBudget(job.id, { release: false });
    reserved = await reservedMicroUsdOf(job.id);
  }
  // What this run's calls billed (also those whose images could not be kept), whether any was recorded, and
  // whether a paid call ended with its outcome unknown (its ledger row stays as spend).
  let billed = 0;
  let recorded = false;
  let unknownSpend = false;
  // Settles the job's budget (lib/jobs/job-budget.ts); returns its cost so far. A first run that holds no
  // reservation and was billed nothing (the local renderer) has nothing to settle: no query for it.
  const settle = async (): Promise<number | undefined> => {
    const unsettled = job.attempts > 1 || reserved !== 0 || billed !== 0 || unknownSpend;
    reserved = 0;
    if (!unsettled) return recorded ? 0 : undefined;
    return (await settleJobBudget(job.id, { release: true })) ?? undefined;
  };
  let lastError: ProviderError | undefined;
  let progress = 0;
  const onProgress = (e: ProgressEvent) => {
    if (e.progress !== undefined) {
      progress = Math.max(progress, e.progress * 0.9);
      void setProgress(job.id, progress);
    }
    if (e.progress !== undefined || e.partialImage) emitJobEvent({ type: "progress", jobId: job.id, progress, partialImage: e.partialImage });
  };
  const loaded = input.derive && done < input.n ? await loadSources(job.ownerId, input.derive) : undefined;
  // A tool works on its own input (an expand on the grown canvas); its answer is finished against the original.
  const original = loaded?.source;
  // An animated source goes to the provider as its first frame (lib/images/first-frame.ts); `original` stays as stored.
  const sources = await stillSources(loaded && isToolJob(input.derive) ? await toolSources(loaded.source, input.derive.tool) : loaded);
  const references = done < input.n ? await loadReferences(job.ownerId, input.references) : [];
  if (sources === null || references === null) {
    await settle();
    const error = { code: "not_found", message: sources === null ? "The source image (or its mask) was deleted before the job could run." : "A reference image was deleted before the job could run." };
    if (await finishJob(job.id, { status: "failed", error })) emitJobEvent({ type: "finished", jobId: job.id, status: "failed" });
    return;
  }
  await lifecycleSnapshot();
  await currentProviders(); // a provider connected in Settings → Providers on another instance is known here too
  const queue: Array<GenerationInput["candidates"][number] & { migration?: ModelMigration }> = input.candidates.map((c, i) =>
    i === 0 && input.modelMigration ? { ...c, migration: input.modelMigration } : c,
  );
  for (let candidate = queue.shift(); candidate; candidate = queue.shift()) {
    if (signal.aborted || done >= input.n) break;
    const provider = getProvider(candidate.provider as ProviderId);
    const planned = candidate.model;
    let model = provider.models.find((m) => m.id === planned);
    // Retired since the job was accepted (another instance learned it, or its shutdown date passed): its successor.
    if (model && effectiveLifecycle(provider.id, model).status === "retired") {
      const next = handOver(provider, model, candidate);
      if (!next) {
        lastError = retiredError(provider, model);
        continue;
      }
      candidate = next;
      model = provider.models.find((m) => m.id === next.model);
    }
    if (!model) continue;
    const call = operation(provider, model, input.derive);
    if (!provider.isConfigured() || !call) continue;
    // References go with every call (a generation by prompt too); the source only where the model works on it.
    const request = {
      ...providerRequest(input, candidate), ...(call.native ? sources : {}), ...(references.length ? { references } : {}),
      ...(isToolJob(input.derive) ? { tool: toolFor(model, input.derive.tool) } : {}),
    };
    // A fallback may cost more than what was reserved for the first choice: reserve the difference first.
    const needed = toMicroUsd(provider.estimateCost({ ...request, n: input.n - done })) - reserved;
    if (needed > 0) {
      if (!(await reserveMoreForJob(job.id, needed, toMicroUsd((await limitsOf(job.ownerId)).dailyBudgetUsd)))) {
        lastError ??= new ProviderError(provider.id, "bad_request", "today's budget cannot cover the fallback provider");
        break;
      }
      reserved += needed;
    }
    const maxImages = model.capabilities.maxImages;
    const batches = splitBatches(missing, maxImages);
    const outcomes = await Promise.allSettled(
      batches.map(async ({ offset, count }) => {
        const batch = { ...request, n: count, seed: request.seed !== undefined ? request.seed + offset : undefined };
        const started = Date.now();
        // Each attempt is in the ledger before it leaves (outcome unknown, its estimate), so a crash cannot lose it.
        const estimatedMicroUsd = toMicroUsd(provider.estimateCost(batch));
        const { result, entryId } = await providerSemaphore(provider.id).run(
          () =>
            withRetries(
              provider.id,
              (attemptSignal) =>
                billedAttempt({ ownerId: job.ownerId, jobId: job.id, provider: provider.id, request: batch, estimatedMicroUsd, context: providerContext(provider.id, attemptSignal, onProgress), jobSignal: signal, run: call.run, onUnknown: () => (unknownSpend = true) }),
              {
                timeoutMs: config.PROVIDER_TIMEOUT_SECONDS * 1000,
                maxRetries: config.PROVIDER_MAX_RETRIES,
                onRetry: ({ attempt, delayMs, error }) => log.warn("provider retry", { jobId: job.id, provider: provider.id, attempt, delayMs, error: error.message }),
              },
              signal,
            ),
          signal,
        );
        const costMicroUsd = toMicroUsd(result.costUsd ?? provider.estimateCost(batch) * (result.images.length / Math.max(1, count)));
        // What the provider billed is spent, whatever happens to the bytes next.
        const billedCall = { model: result.model || batch.model, images: result.images.length, costMicroUsd, durationMs: Date.now() - started };
        if (entryId) await closeCall(entryId, { billed: billedCall });
        else await recordUsage({ ownerId: job.ownerId, jobId: job.id, provider: provider.id, ...billedCall });
        billed += costMicroUsd;
        recorded = true;
        const { kept: stored, problem } = await storeResults(job, input, batch, result, { provider: provider.id, providerName: provider.name, native: call.native, costMicroUsd, offset, migration: candidate.migration, original });
        return { costMicroUsd, stored, problem, model: result.model || batch.model };
      }),
    );
    const produced = outcomes.flatMap((o) => (o.status === "fulfilled" ? [o.value] : []));
    const failures = outcomes.flatMap((o) => (o.status === "rejected" ? [toProviderError(provider.id, o.reason, signal)] : []));
    for (const failure of failures) log.warn("provider failed", { jobId: job.id, provider: provider.id, kind: failure.kind, error: failure.message });
    // The provider no longer knows the model: a retirement, learned for every instance; its successor goes next.
    const gone = failures.find((f) => f.kind === "model_not_found");
    if (gone && produced.length === 0) {
      await recordObservation(provider.id, { model: model.id, status: "retired", source: "not-found", message: gone.message }, provider.models).catch((error: Error) =>
        log.warn("could not record a model retirement", { provider: provider.id, model: model.id, error: error.message }),
      );
      const next = handOver(provider, model, candidate);
      if (next) queue.unshift(next);
    }
    // What this provider billed (in the ledger, including calls whose images could not be kept) is spent; the
    // rest of the reservation is released — a fallback reserves its own.
    const costMicroUsd = await settle();
    const stored = produced.reduce((sum, p) => sum + p.stored, 0);
    if (stored === 0) {
      const problem = produced.find((p) => p.problem)?.problem;
      lastError = failures[0] ?? new ProviderError(provider.id, "server", `${provider.name} returned no usable image${problem ? `: ${problem}` : ""}`);
      if (signal.aborted || lastError.kind === "canceled") break;
      continue;
    }
    const total = done + stored;
    const partial = total < input.n ? { code: "partial", message: `${total} of ${input.n} images were produced${failures[0] ? `: ${describeFailure(failures[0]).message}` : "."}` } : null;
    if (await finishJob(job.id, { status: "succeeded", costMicroUsd, provider: provider.id, model: produced[0].model, error: partial })) {
      emitJobEvent({ type: "finished", jobId: job.id, status: "succeeded" });
    }
    return;
  }
  await settle();
  const canceled = signal.aborted || lastError?.kind === "canceled";
  if (!canceled && done >= input.n) {
    if (await finishJob(job.id, { status: "succeeded" })) emitJobEvent({ type: "finished", jobId: job.id, status: "succeeded" });
    return;
  }
  const error = canceled ? null : describeFailure(lastError);
  if (await finishJob(job.id, { status: canceled ? "canceled" : "failed", error })) {
    emitJobEvent({ type: "finished", jobId: job.id, status: canceled ? "canceled" : "failed" });
  }
}

/**
 * The provider method a job calls: generate; for a refinement, edit; for variations, the native variations —
 * or, for a model without them (selection allowed it because the source's prompt is known), generate again
 * with other seeds, without the source (`native` false).
 */
function operation(provider: ImageProvider, model: ModelInfo, derive?: DeriveSpec) {
  type Run = (request: GenerateRequest, context: ProviderContext) => Promise<GenerateResult>;
  const bind = (method: Run | undefined, native: boolean) => (method ? { run: method.bind(provider) as Run, native } : undefined);
  if (!derive) return bind(provider.generate, false);
  if (isToolJob(derive)) return toolCall(provider, model, derive.tool);
  if (derive.operation === "refine") return model.capabilities.edit ? bind(provider.edit, true) : undefined;
  if (model.capabilities.variations) return bind(provider.variations, true);
  return model.capabilities.generate ? bind(provider.generate, false) : undefined;
}

const toProviderError = (provider: ProviderId, reason: unknown, signal: AbortSignal) =>
  reason instanceof ProviderError ? reason : new ProviderError(provider, signal.aborted ? "canceled" : "network", String(reason), { cause: reason });

/**
 * The job's error in words a person understands, with the API's code; a provider_error says how the provider failed
 * in `details.reason` (lib/error-codes.ts), which the studio's error text reads.
 */
function describeFailure(error?: ProviderError): { code: string; message: string; details?: { reason: ProviderFailureReason } } {
  if (!error) return { code: "provider_error", message: "No configured provider could serve this request." };
  const who = error.provider === "local" ? "The local renderer" : error.provider;
  switch (error.kind) {
    case "timeout":
      return { code: "timeout", message: `${who} did not finish in time.` };
    case "content_policy":
      return { code: "provider_error", message: `${who} refused this prompt under its content policy: try rewording it.`, details: { reason: error.kind } };
    case "rate_limited":
      return { code: "provider_error", message: `${who} is rate-limiting us; try again in a moment.`, details: { reason: error.kind } };
    case "auth":
      return { code: "provider_error", message: `${who} rejected our credentials: check its API key.`, details: { reason: error.kind } };
    case "model_not_found":
      return { code: "model_retired", message: `${who}: ${error.message}.` };
    default:
      return { code: "provider_error", message: `${who} failed: ${error.message}`, details: { reason: error.kind } };
  }
}
