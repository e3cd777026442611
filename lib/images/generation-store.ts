import "server-only";
import { emitJobEvent } from "@/lib/jobs/events";
import type { JobRow } from "@/lib/jobs/repository";
import { log } from "@/lib/log";
import { normalizeGenerated } from "@/lib/processing";
import { stripPngMetadata } from "@/lib/processing/png-chunks";
import type { ModelMigration } from "@/lib/providers/lifecycle/resolve";
import { processingAction } from "@/lib/provenance";
import { ProviderError, type GenerateRequest, type GenerateResult, type ProviderId, type SourceImage, type ToolRequest } from "@/lib/providers/types";
import { firstFrameNotices } from "./first-frame";
import type { GenerationInput } from "./generation-request";
import { parentLinks } from "./job-inputs";
import { inputLimits } from "./limits";
import { findPictureRow } from "./repositories/images";
import { loadParentPictures, modelAgent, parentPicture, providerAnswer, provenanceOf, type ParentPicture, type ProviderAnswer, type StoredProvenance } from "./provenance";
import { storeImage } from "./store";
import { finishToolImage, isToolJob, toolOperationParams } from "./tool-job";

// The generate job's results into the gallery (lib/images/generation-job.ts calls `storeResults`): each answer
// validated and normalized like an upload, marked and signed with what made it (lib/images/provenance.ts).

const iconSizes = [16, 32, 48, 64, 128, 180, 192, 256, 512];

/** Who answered, and how the batch was called. */
export interface ResultContext {
  provider: ProviderId;
  /** The provider's name as people know it ("OpenAI"), for the manifest's software agent. */
  providerName: string;
  /** Whether the source's pixels were sent (a variation by generating again does not send them). */
  native: boolean;
  costMicroUsd: number;
  offset: number;
  migration?: ModelMigration;
  /** The source picture as stored (its original's bytes), for a derived job. */
  original?: SourceImage;
}

/** Stores each returned image (validated and decoded like an upload); returns how many were kept (and why not). */
export async function storeResults(job: JobRow, input: GenerationInput, request: GenerateRequest, result: GenerateResult, context: ResultContext) {
  const { provider, costMicroUsd, offset, migration, original } = context;
  let kept = 0;
  let problem: string | undefined;
  // What the adapter sent (lib/providers/types.ts SentRequest), never composed again here: the prompt as the service
  // received it, or the one it answers it used (an image's revisedPrompt); the seed only where one was sent.
  const { sent } = result;
  const model = result.model || request.model;
  const firstFrame = await firstFrameNotices(input);
  for (const [i, image] of result.images.entries()) {
    try {
      const finished = isToolJob(input.derive) && original ? await finishToolImage(input.derive, image.data, original, request) : image.data;
      // The provider's own manifest is read from its answer as received, before normalizing drops it.
      const received = provider === "local" ? null : await providerAnswer(image.data);
      const normalized = await normalizeGenerated(finished, inputLimits());
      // Stored as received but for its container (a PNG stripped chunk by chunk, an animation kept): metadata edited.
      const asReceived = finished === image.data && (normalized.frames > 1 || (normalized.format === "png" && stripPngMetadata(image.data) !== null));
      const answer = received && { ...received, kept: asReceived };
      const provenance = await resultProvenance(input, request.tool, context, model, answer);
      const row = await storeImage({
        ownerId: job.ownerId,
        // The local tools are image processing (a resample, a colour cut-out, an edge continuation); a provider's are AI.
        kind: isToolJob(input.derive) && provider === "local" ? "processed" : "generated",
        data: normalized.data,
        format: normalized.format,
        width: normalized.width,
        height: normalized.height,
        hasAlpha: normalized.hasAlpha,
        frames: normalized.frames,
        provenance,
        collectionIds: input.collectionId ? [input.collectionId] : [],
        parentId: input.derive?.sourceImageId,
        parents: parentLinks(input),
        iconSizes: input.imageType === "icon" ? iconSizes : undefined,
        fields: {
          prompt: input.prompt,
          effectivePrompt: image.revisedPrompt ?? sent.prompt,
          negativePrompt: input.negativePrompt ?? null,
          provider,
          model,
          seed: image.seed ?? (sent.seed !== undefined ? sent.seed + i : null),
          style: request.style ?? null,
          params: { ...image.params, width: request.width, height: request.height, aspectRatio: request.aspectRatio, n: input.n, index: offset + i, quality: request.quality, background: request.background, imageType: input.imageType, palette: request.palette, paletteId: input.paletteId, ...(input.enhancedFrom ? { enhancedFrom: input.enhancedFrom } : {}), ...(input.references?.length ? { references: input.references.map(({ imageId, label, checksum }) => ({ id: imageId, checksum, ...(label ? { label } : {}) })) } : {}), usage: result.usage, externalId: result.externalId, ...(migration ? { modelMigration: { ...migration } } : {}), ...(image.notices?.length || firstFrame.length ? { notices: [...(image.notices ?? []), ...firstFrame] } : {}) } as object,
          costMicroUsd: Math.round(costMicroUsd / result.images.length),
          instanceId: input.instanceId ?? null,
          jobId: job.id,
          ...(input.derive ? { operationType: input.derive.operation, operationParams: operationParams(input, request) } : {}),
        },
      });
      kept++;
      emitJobEvent({ type: "image", jobId: job.id, imageId: row.id });
    } catch (error) {
      log.warn("a generated image could not be stored", { jobId: job.id, provider, index: i, error });
      // A tool's answer that is not what was asked (a cut-out with no transparency) says why.
      if (error instanceof ProviderError) problem = error.message;
    }
  }
  return { kept, problem };
}

/** What a derived image records of the operation that made it (docs/api.md: `operation: {type, params}`). */
function operationParams(input: GenerationInput, request: GenerateRequest): object {
  const d = input.derive!;
  if (isToolJob(d)) return toolOperationParams(d, request.tool ?? d.tool);
  return d.operation === "refine"
    ? { prompt: input.prompt, strength: d.strength, preserveStructure: d.preserveStructure ?? true, ...(d.maskImageId ? { maskImageId: d.maskImageId } : d.mask ? { mask: "painted" } : {}) }
    : { strength: d.strength, n: input.n };
}

interface JobParents {
  source?: ParentPicture;
  references: ParentPicture[];
  mask?: ParentPicture;
}

/** The job's parent pictures (stored originals and types), loaded once per run of a job, whatever its batches. */
const parentsOfRun = new WeakMap<GenerationInput, Promise<JobParents>>();

function jobParents(input: GenerationInput, original?: SourceImage): Promise<JobParents> {
  let loading = parentsOfRun.get(input);
  if (!loading) {
    loading = (async () => {
      const derive = input.derive;
      const referenceIds = (input.references ?? []).map((r) => r.imageId);
      const [pictures, sourceRow] = await Promise.all([
        loadParentPictures([...referenceIds, ...(derive?.maskImageId ? [derive.maskImageId] : [])]),
        derive ? findPictureRow(derive.sourceImageId) : null,
      ]);
      const painted = derive?.mask ? { bytes: Buffer.from(derive.mask, "base64"), format: "png" as const, digitalSourceType: null } : undefined;
      return {
        source: sourceRow ? await parentPicture(sourceRow, original?.data) : undefined,
        references: referenceIds.flatMap((id) => pictures.get(id) ?? []),
        mask: derive?.maskImageId ? pictures.get(derive.maskImageId) : painted,
      };
    })();
    loading.catch(() => parentsOfRun.delete(input));
    parentsOfRun.set(input, loading);
  }
  return loading;
}

const toolWords = (tool: ToolRequest) =>
  tool.operation === "upscale" ? `upscaled ×${tool.factor}` : tool.operation === "remove-background" ? "background removed" : "canvas expanded";

/**
 * The provenance of one result: a provider's model, the local renderer (its generations, variations, refinements
 * and its expand), or — the local upscale and cut-out — processing of the source.
 */
async function resultProvenance(input: GenerationInput, tool: ToolRequest | undefined, context: ResultContext, model: string, answer: ProviderAnswer | null): Promise<StoredProvenance> {
  const parents = await jobParents(input, context.original);
  const derive = input.derive;
  const local = context.provider === "local";
  const served = tool ?? (isToolJob(derive) ? derive.tool : undefined);
  if (served && local && served.operation !== "expand" && parents.source) {
    return provenanceOf({ by: "processing", source: parents.source, steps: [processingAction({ op: served.operation })] });
  }
  const description = served ? toolWords(served) : derive?.operation === "refine" ? "refined" : "variation";
  return provenanceOf({
    by: local ? "renderer" : "model",
    agent: modelAgent(local ? "local" : context.providerName, model),
    ...(derive && parents.source ? { source: parents.source, sourceIsInput: context.native, edit: { action: served?.operation === "upscale" ? "c2pa.resized" : "c2pa.edited", description } } : {}),
    references: parents.references,
    mask: parents.mask,
    answer,
  });
}
