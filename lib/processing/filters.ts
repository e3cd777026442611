import { z } from "zod";
import type { Sharp } from "./sharp";

/**
 * The filters of docs/api.md. Parameter names follow the API; their ranges follow the sharp operation behind each
 * (multipliers where 1 leaves the image unchanged).
 */
const hexColor = z
  .string()
  .regex(/^#?([0-9a-f]{3}|[0-9a-f]{6})$/i, "must be a hex colour such as #ff8800")
  .transform((v) => (v.startsWith("#") ? v : `#${v}`).toLowerCase());

const multiplier = z.number().min(0, "must be at least 0").max(4, "must be at most 4 (1 leaves the image unchanged)");
const none = z.object({}).strict().default({});

export const filterSchemas = {
  grayscale: none,
  sepia: z.object({ amount: z.number().min(0).max(1).default(1) }).strict().default({ amount: 1 }),
  blur: z.object({ radius: z.number().min(0.3, "must be at least 0.3").max(100, "must be at most 100").default(2) }).strict().default({ radius: 2 }),
  sharpen: z.object({ sigma: z.number().min(0.01).max(10).default(1) }).strict().default({ sigma: 1 }),
  brightness: z.object({ amount: multiplier }).strict(),
  contrast: z.object({ amount: multiplier }).strict(),
  saturation: z.object({ amount: multiplier }).strict(),
  hue: z.object({ degrees: z.number().min(-360).max(360) }).strict(),
  invert: none,
  tint: z.object({ color: hexColor }).strict(),
} as const;

export type FilterType = keyof typeof filterSchemas;
export const filterTypes = Object.keys(filterSchemas) as FilterType[];

export type FilterSpec = {
  [K in FilterType]: { type: K; params: z.output<(typeof filterSchemas)[K]> };
}[FilterType];

/** `{type, params}` validated against the type's own parameters. */
export const filterSpecSchema = z
  .object({
    type: z.string({ error: "type is required" }),
    params: z.unknown().optional(),
  })
  .transform((value, ctx): FilterSpec => {
    const schema = (filterSchemas as Record<string, z.ZodType>)[value.type];
    if (!schema) {
      ctx.addIssue({ code: "custom", path: ["type"], message: `Unknown filter "${value.type}": use one of ${filterTypes.join(", ")}` });
      return z.NEVER;
    }
    const params = schema.safeParse(value.params ?? undefined);
    if (!params.success) {
      for (const issue of params.error.issues) ctx.addIssue({ ...issue, path: ["params", ...issue.path] } as never);
      return z.NEVER;
    }
    return { type: value.type, params: params.data } as FilterSpec;
  });

const sepiaMatrix = [
  [0.393, 0.769, 0.189],
  [0.349, 0.686, 0.168],
  [0.272, 0.534, 0.131],
];

/** Adds one filter to a pipeline. */
export function applyFilter(image: Sharp, filter: FilterSpec): Sharp {
  switch (filter.type) {
    case "grayscale":
      return image.grayscale();
    case "sepia": {
      const a = filter.params.amount;
      const identity = [[1, 0, 0], [0, 1, 0], [0, 0, 1]];
      const matrix = sepiaMatrix.map((row, i) => row.map((v, j) => a * v + (1 - a) * identity[i][j]));
      return image.recomb(matrix as [[number, number, number], [number, number, number], [number, number, number]]);
    }
    case "blur":
      return image.blur(filter.params.radius);
    case "sharpen":
      return image.sharpen({ sigma: filter.params.sigma });
    case "brightness":
      return image.modulate({ brightness: filter.params.amount });
    case "contrast": {
      // Stretch around mid-grey: out = a·in + 128·(1 − a).
      const a = filter.params.amount;
      return image.linear(a, 128 * (1 - a));
    }
    case "saturation":
      return image.modulate({ saturation: filter.params.amount });
    case "hue":
      return image.modulate({ hue: Math.round(filter.params.degrees) });
    case "invert":
      return image.negate({ alpha: false });
    case "tint":
      return image.tint(filter.params.color);
  }
}
