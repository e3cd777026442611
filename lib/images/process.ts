import "server-only";
import type { CurrentUser } from "@/lib/auth/current-user";
import { runAnimatedOperations, runOperations, type Operation, type ProcessedFormat, type ProcessedImage, type StoredFormat } from "@/lib/processing";
import { storage } from "@/lib/storage";
import { toImageDto, type ImageDto, type ImageDtoRow } from "./dto";
import { checkBudget } from "@/lib/processing/budget";
import { inputLimits } from "./limits";
import { processingBudget, processingTimeoutSeconds, withProcessingSlot } from "./processing-limits";
import { encoderXmp, parentPicture, processingSteps, provenanceOf } from "./provenance";
import { findLiveOwnedImage } from "./repositories/images";
import { storeImage } from "./store";

export interface ProcessImageOptions {
  user: CurrentUser;
  imageId: string;
  operations: Operation[];
  /** The recorded operation type: "resize" | "crop" | "filter" for single operations, "process" for a pipeline. */
  operationType: "resize" | "crop" | "filter" | "process";
  /** The request's parameters as given, recorded on the new image. */
  operationParams: unknown;
  /** Default: the source's. An animated source keeps every frame: gif or webp only (400 otherwise). */
  format?: ProcessedFormat;
  quality?: number;
  baseUrl: string;
}

/**
 * Applies operations to an image and saves the result as a new `processed` image whose parent is the source.
 * The output keeps the source's format unless another is asked for. Every frame of an animated source is
 * processed (lib/processing/animated-pipeline.ts).
 */
export async function processImage(options: ProcessImageOptions): Promise<ImageDto> {
  const source = await findLiveOwnedImage(options.user.id, options.imageId);
  // Refused up front, before the bytes are read or a slot is taken, when over the budget.
  const { work } = checkBudget(options.operations, source.width, source.height, processingBudget(), source.frames);
  const format = options.format ?? (source.format as ProcessedFormat);
  const run = source.frames > 1 ? runAnimatedOperations : runOperations;
  let original: Buffer | undefined; // read once: the pipeline's input, then the manifest's parent ingredient
  const result = await withProcessingSlot(work, async () =>
    run((original = await storage().get(source.storageKey)), options.operations, {
      ...inputLimits(),
      frames: source.frames,
      width: source.width,
      height: source.height,
      hasAlpha: source.hasAlpha,
      output: { format, quality: options.quality, xmp: encoderXmp(format, source.digitalSourceType) },
      timeoutSeconds: processingTimeoutSeconds(),
    }),
  );
  const row = await storeProcessedChild(source, result, format, options.operationType, options.operationParams, undefined, original);
  return toImageDto(row, options.baseUrl);
}

/**
 * Saves a processed result as a new `processed` image whose parent is `source`, in its collection, with the
 * operation recorded. The picture still shows what was prompted: it stays findable by the source's prompt.
 */
export async function storeProcessedChild(source: ImageDtoRow, result: ProcessedImage, format: StoredFormat, operationType: string, operationParams: unknown, notices?: string[], sourceBytes?: Uint8Array): Promise<ImageDtoRow> {
  // Processing inherits the source's type; the manifest names the source's original as its parent, one action per step
  // (its bytes as the caller already read them, else read here).
  const provenance = provenanceOf({ by: "processing", source: await parentPicture(source, sourceBytes), steps: processingSteps(operationType, operationParams) });
  return storeImage({
    ownerId: source.ownerId,
    kind: "processed",
    data: result.data,
    format,
    width: result.width,
    height: result.height,
    hasAlpha: result.hasAlpha,
    frames: result.frames,
    renditions: result.renditions,
    parentId: source.id,
    provenance,
    collectionIds: source.collections.map((c) => c.collectionId),
    originalName: source.originalName,
    fields: {
      prompt: source.prompt,
      negativePrompt: source.negativePrompt,
      operationType,
      operationParams: (operationParams ?? {}) as object,
      ...(notices?.length ? { params: { notices } } : {}),
    },
  });
}

type Common = Omit<ProcessImageOptions, "operations" | "operationType" | "operationParams">;

export const resizeImage = (o: Common & { resize: Extract<Operation, { op: "resize" }> }) =>
  processImage({ ...o, operations: [o.resize], operationType: "resize", operationParams: withoutOp(o.resize) });

export const cropImage = (o: Common & { crop: Extract<Operation, { op: "crop" }> }) =>
  processImage({ ...o, operations: [o.crop], operationType: "crop", operationParams: withoutOp(o.crop) });

export const filterImage = (o: Common & { filter: Extract<Operation, { op: "filter" }> }) =>
  processImage({ ...o, operations: [o.filter], operationType: "filter", operationParams: o.filter.filter });

export const processOperations = (o: Common & { operations: Operation[] }) =>
  processImage({ ...o, operationType: "process", operationParams: { operations: o.operations.map(describe) } });

const withoutOp = <T extends { op: string }>({ op: _op, ...rest }: T) => rest;
const describe = (op: Operation) => (op.op === "filter" ? { op: "filter", ...op.filter } : op);
