// The model catalog's schema: what a model is (capabilities, price, life cycle) as data, validated with zod, so
// that built-in entries (one file per provider beside this one) and an operator's additions (MODEL_CATALOG_FILE,
// MODEL_CATALOG) follow the same rules and a bad entry is named in one sentence at start.
import { z } from "zod";
import { providerIds, qualities, resolutions } from "../types";

const size = z.string().regex(/^\d+x\d+$/, 'a size such as "1024x1024"');
const ratio = z.string().regex(/^\d+:\d+$/, 'a ratio such as "16:9"');
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD");

export const sizeSpecSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("exact"), sizes: z.array(size).min(1) }),
  z.object({ kind: z.literal("aspect"), ratios: z.array(ratio).min(1), pixels: z.record(ratio, size) }).refine(
    (s) => s.ratios.every((r) => s.pixels[r]),
    { message: "every ratio needs its pixels (e.g. pixels: {\"16:9\": \"1344x768\"})" },
  ),
  z.object({ kind: z.literal("range"), min: z.int().positive(), max: z.int().positive(), multipleOf: z.int().positive() }),
  z.object({
    kind: z.literal("free"), multipleOf: z.int().positive(), maxSide: z.int().positive(),
    minPixels: z.int().positive(), maxPixels: z.int().positive(), maxRatio: z.number().min(1),
  }),
]);

const animationSchema = z
  .strictObject({
    minFrames: z.int().min(1),
    maxFrames: z.int().min(1),
    defaultFrames: z.int().min(1),
    frameDurationMs: z.strictObject({ min: z.int().positive(), max: z.int().positive(), step: z.int().positive(), default: z.int().positive() }),
    multipleOf: z.int().positive(),
    maxRatio: z.number().min(1),
    sheet: z.strictObject({
      grids: z.array(z.strictObject({ upTo: z.int().positive(), columns: z.int().positive(), rows: z.int().positive() })).min(1),
      maxSide: z.int().positive(),
      minPixels: z.int().min(0),
      maxPixels: z.int().positive(),
    }),
  })
  .refine((a) => a.minFrames <= a.defaultFrames && a.defaultFrames <= a.maxFrames, { message: "defaultFrames must lie within minFrames–maxFrames" })
  .refine((a) => Math.max(...a.sheet.grids.map((g) => g.upTo)) >= a.maxFrames, { message: "sheet.grids must cover maxFrames (a grid whose upTo reaches it)" })
  .refine((a) => { const d = a.frameDurationMs; return d.min <= d.default && d.default <= d.max; }, { message: "frameDurationMs.default must lie within min–max" });

/** The capability fields without defaults: an operator's change names only what it changes. */
const capabilityFields = {
  generate: z.boolean(),
  edit: z.boolean(),
  variations: z.boolean(),
  mask: z.boolean(),
  transparentBackground: z.boolean(),
  negativePrompt: z.boolean(),
  seed: z.boolean(),
  maxImages: z.int().min(1).max(16),
  sizes: sizeSpecSchema,
  resolutions: z.partialRecord(z.enum(resolutions), z.number().positive()),
  qualities: z.array(z.enum(qualities)),
  maxReferenceImages: z.int().min(0).max(32),
  outputFormats: z.array(z.enum(["png", "jpeg", "webp"])),
  upscale: z.strictObject({ factors: z.array(z.int().min(2).max(8)).min(1), kind: z.enum(["basic", "ai", "creative"]), maxOutputPixels: z.int().positive().optional() }),
  removeBackground: z.boolean(),
  expand: z.boolean(),
  animation: animationSchema,
};

export const capabilitiesSchema = z.strictObject({
  ...capabilityFields,
  generate: capabilityFields.generate.default(true),
  edit: capabilityFields.edit.default(false),
  variations: capabilityFields.variations.default(false),
  mask: capabilityFields.mask.default(false),
  transparentBackground: capabilityFields.transparentBackground.default(false),
  negativePrompt: capabilityFields.negativePrompt.default(false),
  seed: capabilityFields.seed.default(false),
  maxImages: capabilityFields.maxImages.default(1),
  resolutions: capabilityFields.resolutions.optional(),
  qualities: capabilityFields.qualities.optional(),
  maxReferenceImages: capabilityFields.maxReferenceImages.optional(),
  outputFormats: capabilityFields.outputFormats.optional(),
  upscale: capabilityFields.upscale.optional(),
  removeBackground: capabilityFields.removeBackground.optional(),
  expand: capabilityFields.expand.optional(),
  animation: capabilityFields.animation.optional(),
});

const lifecycleFields = {
  status: z.enum(["active", "deprecated", "retired"]),
  shutdownDate: day,
  successor: z.string().min(1),
};

export const lifecycleSchema = z.strictObject({
  status: lifecycleFields.status.default("active"),
  shutdownDate: lifecycleFields.shutdownDate.optional(),
  successor: lifecycleFields.successor.optional(),
});

export const catalogEntrySchema = z.strictObject({
  provider: z.enum(providerIds),
  id: z.string().min(1).max(200),
  label: z.string().min(1).max(100),
  capabilities: capabilitiesSchema,
  /** List price of one image at the default size and quality (the estimate before a call). */
  costPerImageUsd: z.number().min(0),
  price: z.strictObject({ tokens: z.strictObject({ textInput: z.number().min(0).optional(), imageInput: z.number().min(0).optional(), imageOutput: z.number().min(0).optional(), textOutput: z.number().min(0).optional() }).optional() }).optional(),
  lifecycle: lifecycleSchema.default({ status: "active" }),
  default: z.boolean().optional(),
  options: z.record(z.string(), z.unknown()).optional(),
});

/** An operator's entry: a whole new model, or changes to a built-in one (`hidden` takes it off the menus and out of use). */
export const overrideEntrySchema = z.strictObject({
  provider: z.enum(providerIds),
  id: z.string().min(1).max(200),
  label: z.string().min(1).max(100).optional(),
  capabilities: z.strictObject(capabilityFields).partial().optional(),
  costPerImageUsd: z.number().min(0).optional(),
  price: catalogEntrySchema.shape.price,
  lifecycle: z.strictObject(lifecycleFields).partial().optional(),
  default: z.boolean().optional(),
  options: z.record(z.string(), z.unknown()).optional(),
  hidden: z.boolean().optional(),
});

type DeepReadonly<T> = T extends (infer U)[] ? readonly DeepReadonly<U>[] : T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;

/** A built-in entry as written in the data files (`as const` friendly); parsed with catalogEntrySchema. */
export type CatalogEntryInput = DeepReadonly<z.input<typeof catalogEntrySchema>>;
export type CatalogEntry = z.output<typeof catalogEntrySchema>;
export type OverrideEntry = z.output<typeof overrideEntrySchema>;
