import { resolutions, type ModelCapabilities, type Resolution, type SizeSpec } from "./types";

/** Reduced ratio "16:9" of a size. */
export function ratioOf(width: number, height: number): string {
  const gcd = (a: number, b: number): number => (b ? gcd(b, a % b) : a);
  const g = gcd(width, height);
  return `${width / g}:${height / g}`;
}

const ratioValue = (ratio: string) => {
  const [w, h] = ratio.split(/[:x]/).map(Number);
  return w / h;
};

export interface SizeWish {
  width?: number;
  height?: number;
  aspectRatio?: string;
  /**
   * The size of a source picture (variations, refinement): the model's size closest to it in shape — the pixels
   * themselves where the model takes any size (scaled into its range) — rather than an exact match or an error.
   */
  like?: { width: number; height: number };
  /** The size class ("1K" default): scales an aspect model's pixel table, picks a free model's pixel count. */
  resolution?: Resolution;
}

/** Pixel counts of the size classes of a free-size model (capped by its own limits). */
const classPixels: Record<Resolution, number> = { "512": 512 * 512, "1K": 1024 * 1024, "2K": 2048 * 2048, "4K": 3840 * 2160 };

/** The size classes a model offers ("1K" always). */
export function resolutionsOf(capabilities: Pick<ModelCapabilities, "resolutions">): Resolution[] {
  const offered = capabilities.resolutions ?? {};
  return resolutions.filter((r) => r === "1K" || offered[r] !== undefined);
}

/** Why a free-size model refuses width×height, or null when it takes it. */
export function freeSizeError(spec: Extract<SizeSpec, { kind: "free" }>, width: number, height: number): string | null {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width % spec.multipleOf || height % spec.multipleOf) return `${width}×${height}: both sides must be multiples of ${spec.multipleOf}`;
  if (Math.max(width, height) > spec.maxSide) return `${width}×${height}: the longer side may be at most ${spec.maxSide} px`;
  if (Math.max(width, height) / Math.min(width, height) > spec.maxRatio + 1e-9) return `${width}×${height}: the aspect ratio must lie between 1:${spec.maxRatio} and ${spec.maxRatio}:1`;
  const pixels = width * height;
  if (pixels < spec.minPixels || pixels > spec.maxPixels) return `${width}×${height}: the image must have ${spec.minPixels.toLocaleString("en")}–${spec.maxPixels.toLocaleString("en")} pixels`;
  return null;
}

/** The free-size dimensions closest to `pixels` in the shape `ratio` (w/h), inside the model's rules. */
function freeSize(spec: Extract<SizeSpec, { kind: "free" }>, ratio: number, pixels: number): { width: number; height: number } {
  const r = Math.min(spec.maxRatio, Math.max(1 / spec.maxRatio, ratio));
  const target = Math.min(spec.maxPixels, Math.max(spec.minPixels, pixels));
  const m = spec.multipleOf;
  let width = Math.sqrt(target * r);
  let height = width / r;
  const longest = Math.max(width, height);
  if (longest > spec.maxSide) {
    width *= spec.maxSide / longest;
    height *= spec.maxSide / longest;
  }
  // Round to the step, then step down while over a limit and up while under the minimum.
  let w = Math.max(m, Math.round(width / m) * m);
  let h = Math.max(m, Math.round(height / m) * m);
  while (w * h > spec.maxPixels || Math.max(w, h) > spec.maxSide) {
    if (w / h >= r) w -= m;
    else h -= m;
  }
  while (w * h < spec.minPixels) {
    if (w / h < r) w += m;
    else h += m;
  }
  return { width: w, height: h };
}

export interface ResolvedSize {
  width: number;
  height: number;
  aspectRatio: string;
}

/**
 * The size a model will produce for a wish, or a sentence saying why it cannot. Explicit pixels must be
 * exactly possible; an aspect ratio picks the model's size of that shape; no wish means square, 1024 px.
 */
export function resolveSize(capabilities: Pick<ModelCapabilities, "sizes" | "resolutions">, wish: SizeWish): ResolvedSize | { error: string } {
  const spec = capabilities.sizes;
  if (wish.like) return closestSize(capabilities, wish.like, wish.resolution);
  const wantsPixels = wish.width !== undefined || wish.height !== undefined;
  if (wantsPixels && (wish.width === undefined || wish.height === undefined)) {
    const known = wish.width ?? wish.height!;
    const r = wish.aspectRatio ? ratioValue(wish.aspectRatio) : 1;
    wish = wish.width !== undefined ? { width: known, height: Math.round(known / r) } : { width: Math.round(known * r), height: known };
  }
  const ratio = wish.aspectRatio ?? (wantsPixels ? ratioOf(wish.width!, wish.height!) : "1:1");
  const target = ratioValue(ratio);
  if (!Number.isFinite(target) || target <= 0) return { error: `aspectRatio "${ratio}" is not a ratio such as 16:9` };

  switch (spec.kind) {
    case "exact": {
      const sizes = spec.sizes.map((s) => s.split("x").map(Number) as [number, number]);
      if (wantsPixels) {
        const hit = sizes.find(([w, h]) => w === wish.width && h === wish.height);
        return hit ? { width: hit[0], height: hit[1], aspectRatio: ratioOf(hit[0], hit[1]) } : { error: `${wish.width}×${wish.height} is not a size this model makes (it makes ${spec.sizes.join(", ")})` };
      }
      const best = sizes.reduce((a, b) => (Math.abs(ratioValue(`${b[0]}:${b[1]}`) - target) < Math.abs(ratioValue(`${a[0]}:${a[1]}`) - target) ? b : a));
      if (Math.abs(best[0] / best[1] - target) / target > 0.03) return { error: `aspect ratio ${ratio} is not one this model makes (sizes: ${spec.sizes.join(", ")})` };
      return { width: best[0], height: best[1], aspectRatio: ratioOf(best[0], best[1]) };
    }
    case "aspect": {
      const match = spec.ratios.find((r) => Math.abs(ratioValue(r) - target) < 0.01);
      if (!match) return { error: `aspect ratio ${ratio} is not one this model makes (it makes ${spec.ratios.join(", ")})` };
      const scale = scaleOf(capabilities, wish.resolution);
      if (typeof scale === "string") return { error: scale };
      const [w, h] = (spec.pixels[match] ?? "1024x1024").split("x").map((v) => Math.round(Number(v) * scale));
      if (wantsPixels && (wish.width !== w || wish.height !== h)) {
        return { error: `this model picks its own pixels for ${match} (${w}×${h}); ask for aspectRatio "${match}" or ${w}×${h}` };
      }
      return { width: w, height: h, aspectRatio: match };
    }
    case "range": {
      let width = wish.width ?? 0;
      let height = wish.height ?? 0;
      if (!wantsPixels) {
        // About one megapixel in the asked shape.
        width = Math.sqrt(1024 * 1024 * target);
        height = width / target;
      }
      const snap = (v: number) => Math.max(spec.min, Math.min(spec.max, Math.round(v / spec.multipleOf) * spec.multipleOf));
      if (wantsPixels && (width < spec.min || height < spec.min || width > spec.max || height > spec.max)) {
        return { error: `${width}×${height} is outside this model's range of ${spec.min}–${spec.max} px per side` };
      }
      const w = snap(width);
      const h = snap(height);
      return { width: w, height: h, aspectRatio: ratioOf(w, h) };
    }
    case "free": {
      if (wantsPixels) {
        const why = freeSizeError(spec, wish.width!, wish.height!);
        return why ? { error: why } : { width: wish.width!, height: wish.height!, aspectRatio: ratioOf(wish.width!, wish.height!) };
      }
      if (target > spec.maxRatio + 1e-9 || target < 1 / spec.maxRatio - 1e-9) return { error: `aspect ratio ${ratio} is outside this model's 1:${spec.maxRatio}–${spec.maxRatio}:1` };
      const resolution = wish.resolution ?? "1K";
      if (resolution !== "1K" && capabilities.resolutions?.[resolution] === undefined) return { error: `this model has no ${resolution} size (it makes ${resolutionsOf(capabilities).join(", ")})` };
      const { width, height } = freeSize(spec, target, classPixels[resolution]);
      return { width, height, aspectRatio: ratio };
    }
  }
}

/** The pixel scale of a size class on an aspect-ratio model, or a sentence saying it has no such class. */
function scaleOf(capabilities: Pick<ModelCapabilities, "resolutions">, resolution: Resolution | undefined): number | string {
  if (!resolution || resolution === "1K") return 1;
  const scale = capabilities.resolutions?.[resolution];
  return scale ?? `this model has no ${resolution} size (it makes ${resolutionsOf(capabilities).join(", ")})`;
}

/** The model's size closest in shape to a source picture; for a range, the source's own size scaled into it. */
export function closestSize(capabilities: Pick<ModelCapabilities, "sizes" | "resolutions">, like: { width: number; height: number }, resolution?: Resolution): ResolvedSize {
  const spec = capabilities.sizes;
  const target = Math.log(like.width / like.height);
  const distance = (w: number, h: number) => Math.abs(Math.log(w / h) - target);
  switch (spec.kind) {
    case "exact": {
      const sizes = spec.sizes.map((s) => s.split("x").map(Number) as [number, number]);
      // Of the sizes closest in shape, the one closest in area.
      const [w, h] = sizes.reduce((a, b) => {
        const d = distance(b[0], b[1]) - distance(a[0], a[1]);
        if (Math.abs(d) > 1e-9) return d < 0 ? b : a;
        const area = like.width * like.height;
        return Math.abs(b[0] * b[1] - area) < Math.abs(a[0] * a[1] - area) ? b : a;
      });
      return { width: w, height: h, aspectRatio: ratioOf(w, h) };
    }
    case "aspect": {
      const match = spec.ratios.reduce((a, b) => (distance(ratioValue(b), 1) < distance(ratioValue(a), 1) ? b : a));
      const scale = scaleOf(capabilities, resolution);
      const [w, h] = (spec.pixels[match] ?? "1024x1024").split("x").map((v) => Math.round(Number(v) * (typeof scale === "number" ? scale : 1)));
      return { width: w, height: h, aspectRatio: match };
    }
    case "range": {
      // Scale down to fit the maximum, up to reach the minimum, then snap to the step.
      const scale = Math.min(1, spec.max / Math.max(like.width, like.height));
      const up = Math.max(1, spec.min / Math.min(like.width * scale, like.height * scale));
      const snap = (v: number) => Math.max(spec.min, Math.min(spec.max, Math.round(v / spec.multipleOf) * spec.multipleOf));
      const w = snap(like.width * scale * up);
      const h = snap(like.height * scale * up);
      return { width: w, height: h, aspectRatio: ratioOf(w, h) };
    }
    case "free": {
      // The source's shape at its own pixel count (or the asked class's), inside the model's rules.
      const pixels = resolution ? classPixels[resolution] : like.width * like.height;
      const { width, height } = freeSize(spec, like.width / like.height, pixels);
      return { width, height, aspectRatio: ratioOf(width, height) };
    }
  }
}
