import { z } from "zod";
import { cropParams, filterSpecSchema, operationsSchema, processedOutputFields as outputFields, resizeFields, resizeRules } from "@/lib/processing";

/** Request bodies of the processing routes: an operation's parameters plus an optional output format (gif: an animated source) and quality. */
export const resizeBody = z.object({ ...resizeFields, ...outputFields }).strict().superRefine(resizeRules);
export const cropBody = z.object({ ...cropParams.shape, ...outputFields }).strict();
export const filterBody = z
  .object({ type: z.string({ error: "type is required" }), params: z.unknown().optional(), ...outputFields })
  .strict()
  .transform((body, ctx) => {
    const filter = filterSpecSchema.safeParse({ type: body.type, params: body.params });
    if (!filter.success) {
      for (const issue of filter.error.issues) ctx.addIssue(issue as never);
      return z.NEVER;
    }
    return { filter: filter.data, format: body.format, quality: body.quality };
  });
export const processBody = z.object({ operations: operationsSchema, ...outputFields }).strict();
