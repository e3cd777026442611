import type { ModelMigration } from "@/lib/providers/lifecycle/resolve";
import type { GenerateRequest, ToolRequest } from "@/lib/providers/types";
import type { GenerationBody } from "./generation-schema";
import type { JobReference } from "./references";

/**
 * A job that starts from an existing picture: variations of it, a refinement by prompt (and mask), or a finishing
 * tool — upscale, remove background, expand (lib/images/tools.ts).
 */
export interface DeriveSpec {
  operation: "variations" | "refine" | ToolRequest["operation"];
  sourceImageId: string;
  maskImageId?: string;
  /** A painted mask (refine): a single-channel PNG of the source's size, base64, white = change; kept with the job. */
  mask?: string;
  strength?: number;
  preserveStructure?: boolean;
  /** A tool's parameters as providers get them (an upscale's `kind` is the first candidate's; the worker sets each one's). */
  tool?: ToolRequest;
  /** Tool options that are the studio's, not the provider's: an upscale's mode, the encoding of a cut-out. */
  toolOptions?: { mode?: "basic" | "provider"; format?: "png" | "webp"; prompt?: string };
}

/** Whether a derived job restricts its change to a mask (one of the user's images, or a painted one). */
export const hasMask = (spec: DeriveSpec | undefined) => Boolean(spec?.maskImageId || spec?.mask);

/** What a generate job carries: the request as validated, and who may serve it, in order. */
export interface GenerationInput extends GenerationBody {
  budgetDay: string;
  candidates: Array<{ provider: string; model: string; width: number; height: number; aspectRatio: string }>;
  /** Variations and refinements: the source picture and how far to move from it. */
  derive?: DeriveSpec;
  /** The reference pictures, checked at acceptance (ids, labels, checksums), loaded by the worker. */
  references?: JobReference[];
  /** The model asked for was retired: who serves instead (set at acceptance, or by the worker when it learns of it). */
  modelMigration?: ModelMigration;
}

/** The provider request for a candidate (without the source and mask bytes, which the worker loads). */
export function providerRequest(input: GenerationBody & { derive?: DeriveSpec }, candidate: GenerationInput["candidates"][number]): GenerateRequest {
  return {
    prompt: input.prompt,
    negativePrompt: input.negativePrompt,
    model: candidate.model,
    width: candidate.width,
    height: candidate.height,
    aspectRatio: candidate.aspectRatio,
    n: input.n,
    seed: input.seed,
    style: input.imageType === "icon" ? "icon" : input.style,
    quality: input.quality,
    resolution: input.resolution,
    background: input.background,
    outputFormat: input.outputFormat,
    outputCompression: input.outputCompression,
    palette: input.palette,
    strength: input.derive?.strength,
    preserveStructure: input.derive?.operation === "refine" ? input.derive.preserveStructure : undefined,
    ...(input.derive?.tool ? { tool: input.derive.tool } : {}),
    ...(input.animation && !input.derive ? { animation: input.animation } : {}),
  };
}

/**
 * The calls that make the missing images: runs of consecutive indexes in chunks of at most `max`, each starting at
 * its index (the seed offset), so a call's image i is image `offset + i` of the batch.
 */
export function splitBatches(missing: readonly number[], max: number): Array<{ offset: number; count: number }> {
  const batches: Array<{ offset: number; count: number }> = [];
  for (const index of missing) {
    const last = batches.at(-1);
    if (last && last.offset + last.count === index && last.count < max) last.count++;
    else batches.push({ offset: index, count: 1 });
  }
  return batches;
}
