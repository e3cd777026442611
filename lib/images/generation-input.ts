import { z } from "zod";
import { AppError } from "@/lib/errors";
import { providerIds, qualities, resolutions, stylePresets, toolOperations } from "@/lib/providers/types";
import type { GenerationInput } from "./generation-request";

// A generate job's input as the worker reads it back from its row (Job.input, JSON written by lib/images/generate.ts):
// checked for shape, not for today's request limits (a job accepted under other limits still runs as accepted).
// Unknown keys are kept; what the worker relies on must be there with its type, or the job fails saying so.

const count = z.number().int().min(1);
const pixels = z.number().int().min(1);
const size = { width: pixels, height: pixels, aspectRatio: z.string() };

const toolRequest = z.discriminatedUnion("operation", [
  z.looseObject({ operation: z.literal("upscale"), factor: z.number().positive(), kind: z.enum(["basic", "ai", "creative"]) }),
  z.looseObject({ operation: z.literal("remove-background") }),
  z.looseObject({
    operation: z.literal("expand"),
    geometry: z.looseObject({ left: z.number().int().min(0), right: z.number().int().min(0), top: z.number().int().min(0), bottom: z.number().int().min(0) }),
    original: z.looseObject({ width: pixels, height: pixels }),
  }),
]);

const derive = z.looseObject({
  operation: z.enum(["variations", "refine", ...toolOperations]),
  sourceImageId: z.string().min(1),
  maskImageId: z.string().min(1).optional(),
  mask: z.string().optional(),
  strength: z.number().optional(),
  preserveStructure: z.boolean().optional(),
  tool: toolRequest.optional(),
  toolOptions: z.looseObject({ mode: z.enum(["basic", "provider"]).optional(), format: z.enum(["png", "webp"]).optional(), prompt: z.string().optional() }).optional(),
});

export const generationInputSchema = z.looseObject({
  prompt: z.string(),
  negativePrompt: z.string().optional(),
  provider: z.string().optional(),
  model: z.string().optional(),
  width: pixels.optional(),
  height: pixels.optional(),
  resolution: z.enum(resolutions).optional(),
  aspectRatio: z.string().optional(),
  style: z.enum(stylePresets).optional(),
  seed: z.number().int().min(0).optional(),
  n: count,
  quality: z.enum(qualities).optional(),
  outputFormat: z.enum(["png", "jpeg", "webp"]).optional(),
  outputCompression: z.number().int().min(0).max(100).optional(),
  background: z.enum(["transparent", "opaque", "auto"]).optional(),
  animation: z.looseObject({ frames: count, frameDurationMs: count }).optional(),
  imageType: z.enum(["image", "icon"]),
  palette: z.array(z.string()).optional(),
  paletteId: z.string().optional(),
  collectionId: z.string().optional(),
  referenceImageIds: z.array(z.looseObject({ id: z.string().min(1), label: z.string().optional() })).optional(),
  instanceId: z.string().optional(),
  webhookUrl: z.string().optional(),
  fallback: z.boolean().optional(),
  enhancedFrom: z.looseObject({ prompt: z.string(), source: z.string(), model: z.string().optional() }).optional(),
  budgetDay: z.string(),
  candidates: z.array(z.looseObject({ provider: z.string().min(1), model: z.string().min(1), ...size })),
  derive: derive.optional(),
  references: z.array(z.looseObject({ imageId: z.string().min(1), label: z.string().optional(), checksum: z.string() })).optional(),
  modelMigration: z
    .looseObject({ provider: z.enum(providerIds), requested: z.string(), served: z.string(), reason: z.literal("retired"), retiredOn: z.string().optional() })
    .optional(),
}) satisfies z.ZodType<GenerationInput>;

/**
 * The job's input, checked: a row that is not a generation's input (damaged, or written by a version that stored
 * another shape) fails the job with an error naming what is wrong, rather than running on undefined values.
 */
export function parseGenerationInput(input: unknown): GenerationInput {
  const parsed = generationInputSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.slice(0, 3).map((issue) => `${issue.path.join(".") || "input"}: ${issue.message}`);
  throw new AppError("invalid_request", `The job's stored input cannot be read (${problems.join("; ")}); it is damaged or from another version: submit the request again.`, {
    details: parsed.error.issues,
  });
}
