// The OpenAI adapter's model-side rules, apart from the protocol in openai.ts: which catalog models a configuration
// serves (an Azure deployment serves one), the estimate before a call, and what GET /v1/models says about the
// models' life cycle (`shutdown_date`: https://developers.openai.com/api/reference/resources/models/methods/list).
import { sheetOf } from "./animation";
import { foldPrompt } from "./openai-images";
import type { GenerateRequest, ModelInfo, ModelObservation, Quality } from "./types";

/**
 * The model of an Azure deployment when OPENAI_IMAGE_MODEL names none: Azure's model documentation (Foundry Models
 * sold directly by Azure; retirement schedule of 2026-07-07) lists gpt-image-2 (2026-04-21, GA until 2027-04-21)
 * as its newest image model — the 2.5 and 2.6 models were not listed for Azure. An operator whose deployment serves
 * another model names it in OPENAI_IMAGE_MODEL.
 */
export const AZURE_DEFAULT_MODEL = "gpt-image-2";
/** Sent when a request names no quality: the API's own default is `auto`, which may pick the dearest. */
export const DEFAULT_QUALITY: Quality = "medium";
export const PROMPT_LIMIT = 32000;
const ONE_K = 1024 * 1024;

/** A model as GET /v1/models lists it. */
export type ListedModel = { id: string; shutdown_date?: string | null };

/** Today as YYYY-MM-DD (UTC), to compare with `shutdown_date`. */
export const today = () => new Date().toISOString().slice(0, 10);

const live = (m: ModelInfo | undefined): m is ModelInfo => !!m && m.lifecycle?.status !== "retired";

/**
 * The models a configuration serves, its default first (marked `default`) — retired catalog entries stay listed,
 * for migration, never to be sent. api.openai.com: the whole catalog, OPENAI_IMAGE_MODEL first when it names a live
 * model. Azure: the deployment's model and, if that one is retired, its successors (what the migration layer serves
 * instead, on the same deployment); an id the catalog does not know stands for AZURE_DEFAULT_MODEL.
 */
export function servedModels(catalog: ModelInfo[], configured: string | undefined, azure: boolean): ModelInfo[] {
  const byId = new Map(catalog.map((m) => [m.id, m]));
  let models = catalog;
  if (azure) {
    const served = byId.get(configured ?? AZURE_DEFAULT_MODEL) ?? byId.get(AZURE_DEFAULT_MODEL) ?? catalog.find(live);
    const chain: ModelInfo[] = [];
    for (let m = served; m && !chain.includes(m); m = m.lifecycle?.status === "retired" ? byId.get(m.lifecycle.successor ?? "") : undefined) chain.push(m);
    models = chain;
  }
  const wanted = models.find((m) => m.id === configured && live(m)) ?? models.find((m) => m.default && live(m)) ?? models.find(live) ?? models[0];
  if (!wanted) throw new Error("The OpenAI provider has no models (the catalog lists none for openai)");
  return [wanted, ...models.filter((m) => m !== wanted)].map((m) => ({ ...m, default: m === wanted }));
}

/**
 * Before a call: image-output tokens from the model's table (`options.outputTokens`, one 1024×1024 image per
 * quality; other sizes scale with √pixels, `auto` counts as the dearest quality) at its output-token price, plus
 * the prompt's text tokens (≈ 4 characters each), × n. A model without a table: costPerImageUsd scaled by pixels.
 * Input image tokens of edits are not estimated; the exact cost from `usage` is charged after the call. An animated
 * GIF is priced as one picture of the sheet its frames are drawn on (every cell of its band: ./openai-gif.ts).
 */
export function estimateImageCost(model: ModelInfo, request: GenerateRequest): number {
  const prices = model.price?.tokens;
  const table = outputTokens(model);
  const sheet = request.animation && model.capabilities.animation ? sheetOf(model.capabilities.animation, request.animation.frames, request.width, request.height) : undefined;
  const pixels = sheet ? sheet.width * sheet.height : request.width * request.height;
  let each: number;
  if (table && prices?.imageOutput !== undefined) {
    const quality = request.quality ?? DEFAULT_QUALITY;
    const offered = (model.capabilities.qualities ?? Object.keys(table)).filter((q) => table[q] !== undefined);
    const tokens = quality === "auto" || table[quality] === undefined ? Math.max(0, ...offered.map((q) => table[q])) : table[quality];
    each = (tokens * Math.sqrt(pixels / ONE_K) * prices.imageOutput) / 1e6;
  } else {
    each = model.costPerImageUsd * (pixels / ONE_K);
  }
  const text = (Math.ceil(foldPrompt(request, PROMPT_LIMIT).length / 4) * (prices?.textInput ?? 0)) / 1e6;
  return Math.round((each + text) * Math.max(1, request.n) * 1e6) / 1e6;
}

/** The catalog's image-output tokens per quality of one 1024×1024 image (`options.outputTokens`), if any. */
function outputTokens(model: ModelInfo): Record<string, number> | undefined {
  const table = model.options?.outputTokens;
  if (!table || typeof table !== "object") return undefined;
  const entries = Object.entries(table as Record<string, unknown>).filter((e): e is [string, number] => typeof e[1] === "number" && e[1] >= 0);
  return entries.length ? Object.fromEntries(entries) : undefined;
}

/**
 * The life cycle of `models` as the list gives it: a past (or today's) shutdown_date is a retirement, a future one a
 * deprecation, null an active model. A model missing from the list yields nothing (the account may lack access; a
 * call's 404 model_not_found is the retirement signal then); on Azure, neither does an entry without the field.
 */
export function lifecycleObservations(models: ModelInfo[], listed: Map<string, ListedModel>, azure: boolean): ModelObservation[] {
  const now = today();
  const observations: ModelObservation[] = [];
  for (const model of models) {
    const entry = listed.get(model.id);
    if (!entry || (azure && entry.shutdown_date === undefined)) continue;
    const date = entry.shutdown_date ?? undefined;
    const status = !date ? "active" : date <= now ? "retired" : "deprecated";
    observations.push({ model: model.id, status, ...(date ? { shutdownDate: date } : {}), source: "models-list" });
  }
  return observations;
}

/**
 * Health from the list: unhealthy when the default model has a past shutdown_date or — on api.openai.com — is not
 * listed at all (an Azure resource's list describes base models rather than its deployment, so there only a past
 * date counts); healthy with a note when a shutdown is announced.
 */
export function healthFromList(model: string, listed: Map<string, ListedModel>, azure: boolean): { healthy: boolean; message?: string } {
  const entry = listed.get(model);
  if (!entry && !azure) {
    return { healthy: false, message: `The default model ${model} is not in OpenAI's model list for this key (GET /v1/models): it was shut down, or the account has no access to it` };
  }
  const date = entry?.shutdown_date;
  if (date && date <= today()) return { healthy: false, message: `The default model ${model} was shut down on ${date} (GET /v1/models)` };
  if (date) return { healthy: true, message: `The default model ${model} shuts down on ${date}` };
  return { healthy: true };
}
