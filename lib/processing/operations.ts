import { z } from "zod";
import { AppError } from "@/lib/errors";
import { applyFilter, filterSpecSchema, type FilterSpec } from "./filters";
import { outputFormats } from "./formats";
import type { Sharp } from "./sharp";

/**
 * Request shapes of the processing operations, shared by the API routes and the pipeline.
 * A size's shape allows up to MAX_IMAGE_SIDE's ceiling (lib/env.ts); the configured MAX_IMAGE_SIDE (default 16383)
 * is checked with the budget (`checkBudget`), on every step's result, before any pixel is decoded.
 */
export const maxDimension = 65_535;
const dimension = (name: string) =>
  z
    .number({ error: `${name} must be a number of pixels` })
    .int(`${name} must be a whole number of pixels`)
    .min(1, `${name} must be at least 1 pixel`)
    .max(maxDimension, `${name} must be at most ${maxDimension} pixels`);
const offset = (name: string) => z.number().int(`${name} must be a whole number`).min(0, `${name} must not be negative`);

const resizeFields = {
  width: dimension("width").optional(),
  height: dimension("height").optional(),
  maintainAspectRatio: z.boolean().default(true),
};
type ResizeFields = { width?: number; height?: number; maintainAspectRatio: boolean };
const resizeRules = (v: ResizeFields, ctx: z.RefinementCtx) => {
  if (v.width === undefined && v.height === undefined) {
    ctx.addIssue({ code: "custom", path: ["width"], message: "give width, height or both" });
  } else if (!v.maintainAspectRatio && (v.width === undefined || v.height === undefined)) {
    ctx.addIssue({ code: "custom", path: ["height"], message: "without maintainAspectRatio both width and height are needed" });
  }
};

export const resizeParams = z.object(resizeFields).superRefine(resizeRules);
export { resizeFields, resizeRules };
export const cropParams = z.object({ x: offset("x"), y: offset("y"), width: dimension("width"), height: dimension("height") });

export const outputFields = {
  format: z.enum(outputFormats, { error: `format must be one of ${outputFormats.join(", ")}` }).optional(),
  quality: z.number().int("quality must be a whole number").min(1, "quality must be 1–100").max(100, "quality must be 1–100").optional(),
};
export const outputParams = z.object(outputFields);

/** Formats a processing result may have: the output formats, and GIF for an animated source (frames kept). */
export const processedFormats = [...outputFormats, "gif"] as const;
export type ProcessedFormat = (typeof processedFormats)[number];
export const processedOutputFields = {
  ...outputFields,
  format: z.enum(processedFormats, { error: `format must be one of ${processedFormats.join(", ")}` }).optional(),
};

export type ResizeParams = z.output<typeof resizeParams>;
export type CropParams = z.output<typeof cropParams>;

/** Quarter turns clockwise: lossless (no resampling), the sides swap on 90 and 270. */
export const rotationAngles = [90, 180, 270] as const;
/** A mirror: "horizontal" swaps left and right, "vertical" top and bottom. */
export const flipAxes = ["horizontal", "vertical"] as const;

export type Operation =
  | ({ op: "resize" } & ResizeParams)
  | ({ op: "crop" } & CropParams)
  | { op: "filter"; filter: FilterSpec }
  | { op: "rotate"; angle: (typeof rotationAngles)[number] }
  | { op: "flip"; axis: (typeof flipAxes)[number] };

const opNames = ["resize", "crop", "filter", "rotate", "flip"] as const;

const operationShapes = {
  resize: z.object({ op: z.literal("resize"), ...resizeFields }).strict().superRefine(resizeRules),
  crop: z.object({ op: z.literal("crop"), ...cropParams.shape }).strict(),
  filter: z.object({ op: z.literal("filter"), type: z.string({ error: "type is required" }), params: z.unknown().optional() }).strict(),
  rotate: z
    .object({
      op: z.literal("rotate"),
      angle: z.union(rotationAngles.map((a) => z.literal(a)), { error: `angle must be one of ${rotationAngles.join(", ")} (degrees clockwise)` }),
    })
    .strict(),
  flip: z.object({ op: z.literal("flip"), axis: z.enum(flipAxes, { error: `axis must be one of ${flipAxes.join(", ")}` }) }).strict(),
};

/** One step of a pipeline: `{op: "resize"|"crop"|"filter"|"rotate"|"flip", …}`. */
export const operationSchema: z.ZodType<Operation> = z.unknown().transform((value, ctx): Operation => {
  const op = (value as { op?: unknown } | null)?.op;
  if (!(opNames as readonly unknown[]).includes(op)) {
    ctx.addIssue({ code: "custom", path: ["op"], message: `op must be one of ${opNames.join(", ")} (got ${JSON.stringify(op ?? null)})` });
    return z.NEVER;
  }
  const name = op as (typeof opNames)[number];
  const parsed = operationShapes[name].safeParse(value);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) ctx.addIssue(issue as never);
    return z.NEVER;
  }
  if (name !== "filter") return parsed.data as Operation;
  const filter = filterSpecSchema.safeParse(parsed.data);
  if (!filter.success) {
    for (const issue of filter.error.issues) ctx.addIssue(issue as never);
    return z.NEVER;
  }
  return { op: "filter", filter: filter.data };
}) as unknown as z.ZodType<Operation>;

export const operationsSchema = z
  .array(operationSchema)
  .min(1, "give at least one operation")
  .max(20, "at most 20 operations in one request");

/** The size an operation produces from a given input size (validates bounds on the way). */
export function outputSize(op: Operation, width: number, height: number, step?: number): { width: number; height: number } {
  const where = step === undefined ? "" : ` (operation ${step + 1})`;
  if (op.op === "crop") {
    if (op.x + op.width > width || op.y + op.height > height) {
      throw new AppError(
        "invalid_request",
        `The crop area ${op.width}×${op.height} at (${op.x}, ${op.y}) lies outside the ${width}×${height} image${where}.`,
        { details: { image: { width, height }, crop: { x: op.x, y: op.y, width: op.width, height: op.height } } },
      );
    }
    return { width: op.width, height: op.height };
  }
  if (op.op === "resize") {
    if (!op.maintainAspectRatio) return { width: op.width!, height: op.height! };
    const scale = Math.min(op.width ? op.width / width : Infinity, op.height ? op.height / height : Infinity);
    return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
  }
  if (op.op === "rotate" && op.angle !== 180) return { width: height, height: width };
  return { width, height };
}

/** Adds one operation to a pipeline whose input is `width`×`height` (already checked by `outputSize`). */
export function applyOperation(image: Sharp, op: Operation, width: number, height: number): Sharp {
  switch (op.op) {
    case "crop":
      return image.extract({ left: op.x, top: op.y, width: op.width, height: op.height });
    case "resize": {
      const size = outputSize(op, width, height);
      return image.resize(size.width, size.height, { fit: "fill", kernel: "lanczos3" });
    }
    case "filter":
      return applyFilter(image, op.filter);
    case "rotate":
      return image.rotate(op.angle);
    case "flip":
      return op.axis === "horizontal" ? image.flop() : image.flip();
  }
}
