import { z } from "zod";
import { maxPaletteColors, minPaletteColors, paletteTypes } from "@/lib/processing/palette-extract";
import { outputFields } from "@/lib/processing";

/** "#rrggbb" (or "rrggbb"), normalised to lowercase with the hash. */
export const hexColor = z
  .string()
  .regex(/^#?[0-9a-f]{6}$/i, "colours must be hex such as #ff8800")
  .transform((v) => (v.startsWith("#") ? v : `#${v}`).toLowerCase());

const numColors = z
  .number({ error: `numColors must be a whole number from ${minPaletteColors} to ${maxPaletteColors}` })
  .int(`numColors must be a whole number from ${minPaletteColors} to ${maxPaletteColors}`)
  .min(minPaletteColors, `numColors must be from ${minPaletteColors} to ${maxPaletteColors}`)
  .max(maxPaletteColors, `numColors must be from ${minPaletteColors} to ${maxPaletteColors}`)
  .default(5);
const paletteType = z.enum(paletteTypes, { error: `type must be one of ${paletteTypes.join(", ")}` });

/** POST /api/v1/images/{id}/palettes */
export const extractPaletteBody = z.object({ numColors, type: paletteType.default("dominant"), name: z.string().trim().min(1).max(100).optional() }).strict();

/** POST /api/v1/images/{id}/palettes/batch */
export const extractPalettesBody = z
  .object({
    types: z
      .array(paletteType)
      .min(1, "types must name at least one palette type")
      .max(paletteTypes.length)
      .refine((t) => new Set(t).size === t.length, "types must not repeat")
      .default([...paletteTypes]),
    numColors,
  })
  .strict();

/** POST /api/v1/palettes: a palette given by hand. */
export const customPaletteBody = z
  .object({
    name: z.string({ error: "name is required" }).trim().min(1, "name must not be empty").max(100, "name must be at most 100 characters"),
    colors: z.array(hexColor, { error: "colors must be a list of hex colours" }).min(1, "colors must hold 1–16 colours").max(maxPaletteColors, "colors must hold 1–16 colours"),
  })
  .strict();

/** POST /api/v1/images/{id}/apply-palette: a stored palette or colours given inline. */
export const applyPaletteBody = z
  .object({
    paletteId: z.string().min(1).max(100).optional(),
    colors: z.array(hexColor).min(1).max(maxPaletteColors).optional(),
    strength: z.number({ error: "strength must be a number from 0 to 1" }).min(0, "strength must be from 0 to 1").max(1, "strength must be from 0 to 1").default(1),
    ...outputFields,
  })
  .strict()
  .refine((b) => Boolean(b.paletteId) !== Boolean(b.colors), { message: "give either paletteId or colors", path: ["paletteId"] });

export const paletteExportFormats = ["css", "tailwind", "json", "png"] as const;
/** GET /api/v1/palettes/{id}/export */
export const paletteExportQuery = z.object({ format: z.enum(paletteExportFormats, { error: `format must be one of ${paletteExportFormats.join(", ")}` }).default("json") });

/** GET /api/v1/palettes */
export const listPalettesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(200).optional(),
  type: z.enum([...paletteTypes, "custom"]).optional(),
});

export type ExtractPaletteBody = z.output<typeof extractPaletteBody>;
export type ApplyPaletteBody = z.output<typeof applyPaletteBody>;
