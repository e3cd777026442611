import type { SizeSpec } from "./types";

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
export function resolveSize(spec: SizeSpec, wish: SizeWish): ResolvedSize | { error: string } {
  if (wish.like) return closestSize(spec, wish.like);
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
      if (Math.abs(best[0] / best[1] - target) > 0.02) return { error: `aspect ratio ${ratio} is not one this model makes (sizes: ${spec.sizes.join(", ")})` };
      return { width: best[0], height: best[1], aspectRatio: ratioOf(best[0], best[1]) };
    }
    case "aspect": {
      const match = spec.ratios.find((r) => Math.abs(ratioValue(r) - target) < 0.01);
      if (!match) return { error: `aspect ratio ${ratio} is not one this model makes (it makes ${spec.ratios.join(", ")})` };
      const [w, h] = (spec.pixels[match] ?? "1024x1024").split("x").map(Number);
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
  }
}

/** The model's size closest in shape to a source picture; for a range, the source's own size scaled into it. */
export function closestSize(spec: SizeSpec, like: { width: number; height: number }): ResolvedSize {
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
      const [w, h] = (spec.pixels[match] ?? "1024x1024").split("x").map(Number);
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
  }
}
