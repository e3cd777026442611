import "server-only";
import Replicate, { type Prediction } from "replicate";
import { httpError, transportError } from "./http-errors";
import { buildInput, FLUX_MODELS, progressFromLogs, seedFromLogs, type FluxModel, type OutputFormat } from "./replicate-models";
import {
  ProviderError,
  type GenerateRequest,
  type GenerateResult,
  type GeneratedImage,
  type ImageProvider,
  type ProviderContext,
} from "./types";

import { waitForNextPoll } from "./replicate-webhook";

export { notifyPredictionSettled, replicatePredictionEvents, verifyReplicateWebhook, type ReplicateWebhookCheck } from "./replicate-webhook";

/**
 * Replicate (Flux family) through the official `replicate` SDK: create a prediction on the official-model
 * endpoint, poll it, copy the outputs at once (Replicate deletes them after an hour).
 * HTTP API: https://replicate.com/docs/reference/http
 */
export interface ReplicateConfig {
  apiToken: string;
  /** REPLICATE_BASE_URL; the SDK's default is https://api.replicate.com/v1. */
  baseUrl?: string;
  /** owner/name of each official model (FLUX_PRO_MODEL_NAME, FLUX_DEV_MODEL_NAME, FLUX_SCHNELL_MODEL_NAME). */
  models: { pro: string; dev: string; schnell: string };
  pollIntervalMs?: number;
  /**
   * Sent with each prediction (event "completed"): our verified webhook wakes the poll at once
   * (POST /api/webhooks/replicate); polling still drives the call.
   */
  webhookUrl?: string;
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
  readonly models = FLUX_MODELS;
  private readonly client: Replicate;
  private readonly pollIntervalMs: number;

  constructor(private readonly config: ReplicateConfig) {
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

  estimateCost(request: GenerateRequest): number {
    return this.model(request.model).costPerImageUsd * Math.max(1, request.n);
  }

  generate(request: GenerateRequest, context: ProviderContext): Promise<ReplicateGenerateResult> {
    return this.run(request, context, false);
  }

  /** Image-to-image on flux-dev (`image` + `prompt_strength`); no mask. */
  edit(request: GenerateRequest, context: ProviderContext): Promise<ReplicateGenerateResult> {
    return this.run(request, context, true);
  }

  variations(request: GenerateRequest, context: ProviderContext): Promise<ReplicateGenerateResult> {
    return this.run(request, context, true);
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

  private model(id: string): FluxModel {
    const model = FLUX_MODELS.find((m) => m.id === id || this.config.models[m.key] === id);
    if (!model) throw new ProviderError("replicate", "bad_request", `Replicate has no model ${id} here (${FLUX_MODELS.map((m) => m.id).join(", ")})`);
    return model;
  }

  private async run(request: GenerateRequest, context: ProviderContext, imageToImage: boolean): Promise<ReplicateGenerateResult> {
    const model = this.model(request.model);
    if (imageToImage && !model.capabilities.edit) {
      throw new ProviderError("replicate", "bad_request", `${model.id} does not take a source image; use flux-dev`);
    }
    const input = buildInput(model, request, this.config.outputFormat ?? "png", imageToImage);
    const { signal } = context;
    if (signal.aborted) throw transportError("replicate", signal.reason, signal);

    let prediction: Prediction;
    try {
      const events: Array<"completed"> = ["completed"];
      prediction = await this.client.predictions.create({
        model: this.config.models[model.key],
        input,
        signal,
        ...(this.config.webhookUrl ? { webhook: this.config.webhookUrl, webhook_events_filter: events } : {}),
      });
    } catch (error) {
      throw toProviderError(error, signal);
    }

    try {
      prediction = await this.poll(prediction, context);
    } catch (error) {
      await this.cancel(prediction.id);
      throw toProviderError(error, signal);
    }
    if (prediction.status !== "succeeded") throw predictionFailure(prediction);

    const urls = (Array.isArray(prediction.output) ? prediction.output : [prediction.output]).filter(
      (u): u is string => typeof u === "string" && u.length > 0,
    );
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
    return {
      images,
      model: model.id,
      costUsd: model.costPerImageUsd * images.length,
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

function predictionFailure(prediction: Prediction): ProviderError {
  const detail = typeof prediction.error === "string" ? prediction.error : JSON.stringify(prediction.error ?? "no error given");
  if (prediction.status === "canceled") return new ProviderError("replicate", "canceled", `Prediction ${prediction.id} was canceled`);
  if (prediction.status === "aborted") return new ProviderError("replicate", "timeout", `Prediction ${prediction.id} passed its deadline before starting`);
  const kind = /nsfw|safety|sensitive|flagged|E005|content polic/i.test(detail) ? "content_policy" : "server";
  return new ProviderError("replicate", kind, `Prediction ${prediction.id} failed: ${detail}`);
}

/** The SDK throws `ApiError` (with the Response) for HTTP failures; everything else is transport. */
export function toProviderError(error: unknown, signal?: AbortSignal): ProviderError {
  if (error instanceof ProviderError) return error;
  const response = (error as { name?: string; response?: unknown })?.response;
  if ((error as Error)?.name === "ApiError" && response instanceof Response) {
    return httpError("replicate", response.status, apiErrorDetail((error as Error).message), response.headers, error);
  }
  return transportError("replicate", error, signal);
}

/** Replicate answers errors as problem details `{title, detail, status}`; the SDK embeds the body in its message. */
function apiErrorDetail(message: string): string {
  const start = message.indexOf("{");
  const end = message.lastIndexOf("}");
  if (start >= 0 && end > start) {
    try {
      const body = JSON.parse(message.slice(start, end + 1)) as { detail?: unknown; title?: unknown };
      const text = body.detail ?? body.title;
      if (typeof text === "string" && text) return text;
    } catch {
      /* not JSON: fall through */
    }
  }
  return message;
}

/**
 * The SDK retries every request it sends (POSTs on 429, GETs on 429/5xx, and any thrown error) up to five
 * times with no option to turn that off. A prediction is a billable POST and our reliability layer owns
 * retries, so each request the SDK makes is sent once: a repeat of the same request (the SDK reuses its `init`
 * object for retries) replays the first outcome instead of going to the network again.
 */
export function withoutSdkRetries(baseFetch: typeof fetch): (input: Request | string, init?: RequestInit) => Promise<Response> {
  type Outcome = { status: number; statusText: string; headers: Headers; body: ArrayBuffer | null };
  const sent = new WeakMap<object, Promise<Outcome>>();
  return async (input, init) => {
    const key = init ?? (input as object);
    let outcome = sent.get(key);
    if (!outcome) {
      outcome = baseFetch(input, init).then(async (response) => ({
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
        body: [101, 204, 205, 304].includes(response.status) ? null : await response.arrayBuffer(),
      }));
      sent.set(key, outcome);
    }
    const { status, statusText, headers, body } = await outcome;
    return new Response(body, { status, statusText, headers });
  };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
