import { z } from "zod";

/** Most reference images a request may name (the largest model limit today is 16; the model's own limit applies). */
export const maxReferenceItems = 32;

const id = z.string().min(1, "a reference image id must not be empty").max(100);

/**
 * `referenceImageIds` of a generation, variation or refinement: the caller's images to make the picture from, in
 * order; an item is an image id or `{id, label}` — the label is what the prompt calls it ("the red jacket").
 * Normalised to `[{id, label?}]`; an image named twice is refused (it would be sent twice).
 */
export const referenceImageIdsField = z
  .array(
    z.union([
      id.transform((value) => ({ id: value })),
      z.strictObject({ id, label: z.string().trim().max(80, "a reference label must be at most 80 characters").optional() }),
    ]),
    { error: "referenceImageIds must be a list of image ids (or {id, label} objects)" },
  )
  .max(maxReferenceItems, `referenceImageIds: at most ${maxReferenceItems} reference images`)
  .superRefine((items, ctx) => {
    const seen = new Set<string>();
    items.forEach((item, index) => {
      if (seen.has(item.id)) ctx.addIssue({ code: "custom", path: [index], message: `image ${item.id} is named twice in referenceImageIds` });
      seen.add(item.id);
    });
  })
  .transform((items) => items.map((item): { id: string; label?: string } => ("label" in item && item.label ? { id: item.id, label: item.label } : { id: item.id })));

export type ReferenceItem = z.output<typeof referenceImageIdsField>[number];
