import "server-only";
import Replicate, { type Prediction } from "replicate";
import { transportError } from "./http-errors";
import { sleep } from "./reliability";
import { predictionFailure, toProviderError, withoutSdkRetries } from "./replicate-http";
import {
  flux1Input,
  flux2Input,
  imagePrice,
  modelOptions,
  outputUrls,
  progressFromLogs,
  seedFromLogs,
  sourceDataUri,
  type Operation,
  type OutputFormat,
  type ReplicateModelOptions,
} from "./replicate-models";
import {
  ProviderError,
  type GenerateRequest,
  type GenerateResult,
  type GeneratedImage,
  type ImageProvider,
  type ModelInfo,
  type ModelObservation,
  type ProviderContext,
} from "./types";

import { checkToolAnswer, expandSize, isToolOperation, toolInput, type ToolCall } from "./replicate-tools";
import { waitForNextPoll } from "./replicate-webhook";

export { toProviderError, withoutSdkRetries } from "./replicate-http";
export { notifyPredictionSettled, replicatePredictionEvents, verifyReplicateWebhook, type ReplicateWebhookCheck } from "./replicate-webhook";

/**
 * Replicate (Black Forest Labs FLUX) through the official `replicate` SDK: create a prediction on the
 * official-model endpoint (POST /v1/models/{owner}/{name}/predictions), poll it, copy the outputs at once
 * (Replicate deletes them after an hour). The models are the catalog's (lib/providers/catalog/replicate.ts):
 * each names its Replicate model in `options.slug` and its input schema in `options.family`.
 * HTTP API: https://replicate.com/docs/reference/http
 */
export interface ReplicateConfig {
  apiToken: string;
  /** REPLICATE_BASE_URL; the SDK's default is https://api.replicate.com/v1. */
  baseUrl?: string;
  /** The catalog's Replicate models (catalogModels("replicate")), the default first. */
  models: ModelInfo[];
  pollIntervalMs?: number;
  /**
   * Sent with each prediction (event "completed"): our verified webhook wakes the poll at once
   * (POST /api/webhooks/replicate); polling still drives the call.
   */
  webhookUrl?: string;
  /** The format asked for when a request names none (default png: lossless, as the studio stores it). */
  outputFormat?: OutputFormat;
}

/** GenerateResult plus Replicate's billed compute time (`metrics.predict_time`), which `usage` has no field for. */
export interface ReplicateGenerateResult extends GenerateResult {
  predictTimeSeconds?: number;
}

/** Hosts Replicate serves prediction outputs from, for the SSRF-guarded downloader's allow-list. */
export const REPLICATE_RESULT_HOSTS = ["replicate.delivery", ".replicate.delivery"];

const TERMINAL = new Set(["succeeded", "failed", "canceled", "aborted"]);
/** Transient poll failures (429/5xx/network) tolerated in a row: the prediction is already paid for. */
const MAX_POLL_FAILURES = 5;
const CANCEL_TIMEOUT_MS = 5_000;

export class ReplicateProvider implements ImageProvider {
  readonly id = "replicate" as const;
  readonly name = "Replicate";
  readonly models: ModelInfo[];
  private readonly client: Replicate;
  private readonly pollIntervalMs: number;

  constructor(private readonly config: ReplicateConfig) {
    this.models = config.models;
    this.pollIntervalMs = config.pollIntervalMs ?? 2000;
    this.client = new Replicate({
      auth: config.apiToken,
      baseUrl: config.baseUrl,
      userAgent: "image-studio",
      fetch: withoutSdkRetries((input, init) => globalThis.fetch(input, init)),
      // Inputs are plain JSON (sources as data URIs we build), so the default strategy, which only touches
      // Blob/Buffer values, leaves them alone. Not "data-uri": SDK 1.4 then transforms the client, not the input.
      useFileOutput: false,
    });
  }

  /** Result hosts for `context.fetchResult`: Replicate's delivery hosts, plus the API host when overridden. */
  get resultHosts(): string[] {
    return this.config.baseUrl ? [...REPLICATE_RESULT_HOSTS, new URL(this.config.baseUrl).hostname] : REPLICATE_RESULT_HOSTS;
  }

  isConfigured(): boolean {
    return Boolean(this.config.apiToken);
  }

  /** The list price: per megapixel for FLUX.2 (output, and every input image: source and references), per image for FLUX.1. */
  estimateCost(request: GenerateRequest): number {
    const model = this.models.find((m) => m.id === request.model);
    if (!model) return 0;
    try {
      // A tool is one prediction: an upscale or a removal at the model's price, an expand at the scaled canvas.
      if (request.tool?.operation === "expand" && request.source) {
        const size = expandSize(request.source.width, request.source.height);
        return imagePrice(model, { ...size, source: { ...request.source, ...size } });
      }
      if (request.tool) return imagePrice(model, request);
      return imagePrice(model, request) * Math.max(1, request.n);
    } catch {
      return model.costPerImageUsd * Math.max(1, request.n);
    }
  }

  generate(request: GenerateRequest, context: ProviderContext): Promise<ReplicateGenerateResult> {
    return this.run(request, context, "generate");
  }

  /** Image-to-image: FLUX.2 edits by instruction with the source in `input_images`; FLUX.1 dev through `image`. No mask. */
  edit(request: GenerateRequest, context: ProviderContext): Promise<ReplicateGenerateResult> {
    return this.run(request, context, "edit");
  }

  variations(request: GenerateRequest, context: ProviderContext): Promise<ReplicateGenerateResult> {
    return this.run(request, context, "variations");
  }

  /** An upscaler model (REPLICATE_UPSCALE_MODEL, default google/upscaler): the source as a data URI, the factor. */
  upscale(request: GenerateRequest, context: ProviderContext): Promise<ReplicateGenerateResult> {
    return this.run(request, context, "upscale");
  }

  /** A background remover (REPLICATE_REMOVE_BACKGROUND_MODEL, default bria/remove-background); the answer must have alpha. */
  removeBackground(request: GenerateRequest, context: ProviderContext): Promise<ReplicateGenerateResult> {
    return this.run(request, context, "remove-background");
  }

  /** FLUX.2 fills the canvas's empty border (the canvas as input image, its size as a custom size). */
  expand(request: GenerateRequest, context: ProviderContext): Promise<ReplicateGenerateResult> {
    return this.run(request, context, "expand");
  }

  async health(signal: AbortSignal): Promise<{ healthy: boolean; message?: string }> {
    if (!this.isConfigured()) return { healthy: false, message: "REPLICATE_API_TOKEN is not set" };
    try {
      await this.client.accounts.current({ signal });
      return { healthy: true };
    } catch (error) {
      return { healthy: false, message: toProviderError(error, signal).message };
    }
  }

  /**
   * Replicate publishes no shutdown dates: a model is there (GET /v1/models/{owner}/{name} answers) or gone (404).
   * Each catalog model not already retired is looked up; a 404 is reported as its retirement.
   */
  async listModelLifecycle(signal: AbortSignal): Promise<ModelObservation[]> {
    const observations: ModelObservation[] = [];
    let firstFailure: ProviderError | undefined;
    for (const model of this.models) {
      if (model.lifecycle.status === "retired") continue;
      let slug: string;
      try {
        slug = modelOptions(model).slug;
      } catch {
        continue;
      }
      const [owner, name] = slug.split("/");
      try {
        await this.client.models.get(owner, name, { signal });
        observations.push({ model: model.id, status: "active", source: "models-list" });
      } catch (error) {
        const mapped = toProviderError(error, signal);
        if (mapped.status === 404) observations.push({ model: model.id, status: "retired", source: "not-found", message: `Replicate has no model ${slug} any more` });
        else firstFailure ??= mapped;
      }
    }
    if (!observations.length && firstFailure) throw firstFailure;
    return observations;
  }

  /** The catalog entry of a request's model; a retired one is never sent. */
  private model(id: string): { model: ModelInfo; options: ReplicateModelOptions } {
    const model = this.models.find((m) => m.id === id);
    if (!model) {
      const live = this.models.filter((m) => m.lifecycle.status !== "retired").map((m) => m.id);
      throw new ProviderError("replicate", "bad_request", `Replicate has no model ${id} here (${live.join(", ")})`);
    }
    if (model.lifecycle.status === "retired") {
      const successor = model.lifecycle.successor ? `; use ${model.lifecycle.successor}` : "";
      throw new ProviderError("replicate", "bad_request", `${model.id} was retired${model.lifecycle.shutdownDate ? ` on ${model.lifecycle.shutdownDate}` : ""} and is never sent to Replicate${successor}`);
    }
    return { model, options: modelOptions(model) };
  }

  private async run(request: GenerateRequest, context: ProviderContext, operation: Operation): Promise<ReplicateGenerateResult> {
    const { model, options } = this.model(request.model);
    if ((operation === "edit" || operation === "variations") && !model.capabilities[operation]) {
      throw new ProviderError("replicate", "bad_request", `${model.id} cannot ${operation === "edit" ? "edit images" : "make variations"}`);
    }
    if (operation === "generate" && !model.capabilities.generate) throw new ProviderError("replicate", "bad_request", `${model.id} cannot generate from a prompt alone`);
    const { signal } = context;
    if (signal.aborted) throw transportError("replicate", signal.reason, signal);
    const tool: ToolCall | undefined = isToolOperation(operation) ? await toolInput(model, options, request, operation) : undefined;
    const refs = tool ? [] : (request.references ?? []);
    const inputs = refs.length + (operation === "generate" ? 0 : 1);
    if (refs.length && inputs > (model.capabilities.maxReferenceImages ?? 0)) {
      const max = model.capabilities.maxReferenceImages ?? 0;
      throw new ProviderError("replicate", "bad_request", max ? `${model.id} takes at most ${max} input images, not ${inputs}` : `${model.id} does not take reference images`);
    }
    const source = operation === "generate" || tool ? undefined : request.source && (await sourceDataUri(request.source));
    // References go as data URIs of the bytes we hold — already downscaled for providers (lib/processing/references.ts).
    // Not as short-lived signed URLs of our storage: those would hand Replicate the stored original (up to the upload
    // limits, not the downscaled copy), and a studio on local disk or a private network cannot be reached at all.
    const references = refs.length ? await Promise.all(refs.map((reference) => sourceDataUri(reference))) : [];
    const fallbackFormat = this.config.outputFormat ?? "png";
    const input = tool
      ? tool.input
      : options.family === "flux-2"
        ? flux2Input(model, request, operation, source, fallbackFormat, references)
        : flux1Input(model, request, operation, source, fallbackFormat);
    if (signal.aborted) throw transportError("replicate", signal.reason, signal);

    let prediction: Prediction;
    try {
      const events: Array<"completed"> = ["completed"];
      prediction = await this.client.predictions.create({
        model: options.slug,
        input,
        signal,
        ...(this.config.webhookUrl ? { webhook: this.config.webhookUrl, webhook_events_filter: events } : {}),
      });
    } catch (error) {
      const mapped = toProviderError(error, signal);
      // POST /v1/models/{owner}/{name}/predictions answers 404 for a model Replicate does not serve (any more).
      if (mapped.status === 404) {
        throw new ProviderError("replicate", "model_not_found", `Replicate does not serve ${model.id} (${options.slug}): ${mapped.message}`, { status: 404, model: model.id, cause: error });
      }
      throw mapped;
    }

    try {
      prediction = await this.poll(prediction, context);
    } catch (error) {
      await this.cancel(prediction.id);
      throw toProviderError(error, signal);
    }
    if (prediction.status !== "succeeded") throw predictionFailure(prediction);

    const urls = outputUrls(prediction.output);
    if (!urls.length) throw new ProviderError("replicate", "server", `Prediction ${prediction.id} succeeded without output`);
    const seed = request.seed ?? seedFromLogs(prediction.logs);
    const images: GeneratedImage[] = [];
    for (const url of urls) {
      try {
        const { data, mimeType } = await context.fetchResult(url);
        images.push({ data, mimeType, seed });
      } catch (error) {
        throw toProviderError(error, signal);
      }
    }
    await checkToolAnswer(operation, model, images);
    return {
      images,
      // The prediction's input as created: its prompt (an upscaler or a remover has none) and seed.
      sent: { prompt: typeof input.prompt === "string" ? input.prompt : null, ...(typeof input.seed === "number" ? { seed: input.seed } : {}) },
      model: model.id,
      costUsd: Math.round(imagePrice(model, tool?.priced ?? request, options) * images.length * 1e6) / 1e6,
      externalId: prediction.id,
      predictTimeSeconds: prediction.metrics?.predict_time,
    };
  }

  /** Polls until a terminal status, reporting progress; tolerates a few transient poll failures. */
  private async poll(start: Prediction, context: ProviderContext): Promise<Prediction> {
    const { signal, onProgress } = context;
    let prediction = start;
    let last = { status: "", progress: 0 };
    let failures = 0;
    let delayMs = this.pollIntervalMs;
    for (;;) {
      if (TERMINAL.has(prediction.status)) return prediction;
      const progress = Math.max(last.progress, prediction.status === "starting" ? 0.1 : (progressFromLogs(prediction.logs) ?? 0.5));
      if (prediction.status !== last.status || progress !== last.progress) {
        last = { status: prediction.status, progress };
        onProgress?.({ progress, message: prediction.status === "starting" ? "Starting on Replicate" : "Generating on Replicate" });
      }
      // A webhook may end the wait early, but never a wait the provider asked for (Retry-After).
      await (failures ? sleep(delayMs, signal) : waitForNextPoll(prediction.id, delayMs, signal));
      delayMs = this.pollIntervalMs;
      try {
        prediction = await this.client.predictions.get(prediction.id, { signal });
        failures = 0;
      } catch (error) {
        const mapped = toProviderError(error, signal);
        if (!mapped.retryable || ++failures > MAX_POLL_FAILURES) throw mapped;
        delayMs = Math.max(this.pollIntervalMs, (mapped.retryAfter ?? 0) * 1000);
      }
    }
  }

  /** Best effort: stop a prediction we no longer wait for, so it is not left running (and billed). */
  private async cancel(id: string): Promise<void> {
    try {
      await this.client.predictions.cancel(id, { signal: AbortSignal.timeout(CANCEL_TIMEOUT_MS) });
    } catch {
      /* the call already failed; nothing more to do */
    }
  }
}
