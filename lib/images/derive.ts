import "server-only";
import type { CurrentUser } from "@/lib/auth/current-user";
import type { ImageRow } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { describeUnsupported, sniffFormat } from "@/lib/processing/formats";
import { openImage, readHeader } from "@/lib/processing/sharp";
import { stylePresets, type StylePreset } from "@/lib/providers/types";
import { maskBytesOf, type RefineBody, type VariationsBody } from "./derive-schema";
import { createGeneration } from "./generate";
import type { ImageDtoRow } from "./dto";
import type { GenerationBody } from "./generation-schema";
import { findLiveOwnedImage, findOwnedImageSize } from "./repositories/images";

interface DeriveOptions<B> {
  user: CurrentUser;
  imageId: string;
  body: B;
  idempotencyKey?: string;
  baseUrl: string;
  /** What identifies the request for its Idempotency-Key when it is more than `body` (reference files). */
  requestForHash?: unknown;
}

/** What the caller chose for a derived job, whatever the operation: how many, by whom, the seed, the webhook. */
const callerChoices = (body: VariationsBody | RefineBody) => ({
  n: body.n,
  imageType: "image" as const,
  provider: body.provider,
  model: body.model,
  seed: body.seed,
  webhookUrl: body.webhookUrl,
  fallback: body.fallback,
  referenceImageIds: body.referenceImageIds,
});

/**
 * Variations of an image (uploaded ones too): native where the model makes variations, otherwise — for a picture
 * whose prompt is known — its prompt generated again with other seeds. The results are children of the source,
 * in its collection, with the operation recorded.
 */
export async function createVariations({ user, imageId, body, idempotencyKey, baseUrl, requestForHash }: DeriveOptions<VariationsBody>) {
  const source = await findLiveOwnedImage(user.id, imageId);
  const generation: GenerationBody = {
    ...fromSource(source),
    ...callerChoices(body),
  };
  return createGeneration({
    user,
    body: generation,
    idempotencyKey,
    baseUrl,
    jobType: "variations",
    requestForHash: { operation: "variations", imageId, ...((requestForHash as object | undefined) ?? body) },
    derive: { spec: { operation: "variations", sourceImageId: source.id, strength: body.strength }, like: source, byPrompt: Boolean(source.prompt?.trim()) },
  });
}

/**
 * A prompt-guided refinement of an image, over all of it or — with `maskImageId` or a painted `mask` — the mask's
 * white area, by a model that can edit (with a mask, one that can edit with masks). The mask must be of the
 * source's size. A painted mask is checked and normalised now, and travels with the job (see `paintedMask`).
 */
export async function createRefinement({ user, imageId, body, idempotencyKey, baseUrl, requestForHash }: DeriveOptions<RefineBody>) {
  const source = await findLiveOwnedImage(user.id, imageId);
  if (body.maskImageId) await checkMask(user.id, source, body.maskImageId);
  const mask = body.mask ? await paintedMask(body.mask, source) : undefined;
  const { prompt: _sourcePrompt, negativePrompt: _sourceNegative, ...kept } = fromSource(source);
  const generation: GenerationBody = {
    ...kept,
    prompt: body.prompt,
    negativePrompt: body.negativePrompt,
    ...callerChoices(body),
  };
  return createGeneration({
    user,
    body: generation,
    idempotencyKey,
    baseUrl,
    jobType: "refine",
    requestForHash: { operation: "refine", imageId, ...((requestForHash as object | undefined) ?? body) },
    derive: {
      spec: { operation: "refine", sourceImageId: source.id, maskImageId: body.maskImageId, mask, strength: body.strength, preserveStructure: body.preserveStructure },
      like: source,
      byPrompt: false,
    },
  });
}

/** What a derived picture inherits from its source: its words, style, palette and collection. */
export function fromSource(source: ImageDtoRow): GenerationBody {
  const params = (source.params ?? {}) as { palette?: unknown };
  const palette = Array.isArray(params.palette) && params.palette.every((c) => typeof c === "string") ? (params.palette as string[]) : undefined;
  return {
    prompt: source.prompt ?? "",
    negativePrompt: source.negativePrompt ?? undefined,
    style: (stylePresets as readonly string[]).includes(source.style ?? "") ? (source.style as StylePreset) : undefined,
    palette,
    collectionId: source.collections[0]?.collectionId,
    n: 1,
    imageType: "image",
  };
}

/** A mask is one of the user's images, of exactly the source's size (a 400 otherwise: it is a field of the body). */
async function checkMask(ownerId: string, source: ImageRow, maskImageId: string) {
  const mask = await findOwnedImageSize(ownerId, maskImageId);
  if (!mask) {
    throw new AppError("invalid_request", `maskImageId ${maskImageId} is not one of your images: upload the mask first`, {
      details: [{ path: ["maskImageId"], message: "not found" }],
    });
  }
  if (mask.id === source.id) throw new AppError("invalid_request", "The mask must be another image than the one refined", { details: [{ path: ["maskImageId"], message: "same as the image" }] });
  if (mask.width !== source.width || mask.height !== source.height) {
    throw new AppError("invalid_request", `The mask is ${mask.width}×${mask.height} but the image is ${source.width}×${source.height}: they must be the same size`, {
      details: [{ path: ["maskImageId"], message: "size differs from the image" }],
    });
  }
}

const maskError = (message: string, detail: string) => new AppError("invalid_request", message, { details: [{ path: ["mask"], message: detail }] });

/**
 * A painted mask (a PNG data URL, white = change) checked against the source before any job exists: the bytes
 * must be a PNG (sniffed, not trusted from the data URL's label) of exactly the source's size (read from the header
 * before a pixel is decoded), and must decode. It is normalised to a single-channel PNG — transparency flattened
 * on black (keep), colours to grey — and returned as base64 for the job's input.
 *
 * Why the job input and not storage: a black-and-white mask compresses to a few kilobytes (the studio's brush
 * paints flat strokes), the job row is the one thing that lives exactly as long as the job needs it, and nothing
 * has to be deleted when the job ends, is canceled before it runs, or is lost in a crash — no orphan files, and
 * every instance's worker reads it with the job. The job's API view never includes its input.
 */
async function paintedMask(dataUrl: string, source: ImageRow): Promise<string> {
  const bytes = maskBytesOf(dataUrl);
  const format = sniffFormat(bytes);
  if (!format) throw maskError(`mask is not an image: the data URL holds ${describeUnsupported(bytes)}, not a PNG`, "not an image");
  if (format !== "png") throw maskError(`mask must be a PNG, but the data URL holds a ${format.toUpperCase()} image`, "not a PNG");
  let header;
  try {
    header = await readHeader(bytes);
  } catch {
    throw maskError("mask is not an image: its PNG header cannot be read", "not an image");
  }
  if (header.width !== source.width || header.height !== source.height) {
    throw maskError(
      `The mask is ${header.width}×${header.height} but the image is ${source.width}×${source.height}: paint it at the image's size`,
      "size differs from the image",
    );
  }
  try {
    const grey = await openImage(bytes, { maxPixels: source.width * source.height })
      .flatten({ background: "#000000" })
      .greyscale()
      .extractChannel(0)
      .png({ compressionLevel: 9, adaptiveFiltering: false })
      .toBuffer();
    return grey.toString("base64");
  } catch {
    throw maskError("mask is not an image: its PNG data does not decode", "not an image");
  }
}
