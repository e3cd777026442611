/**
 * Background removal for a picture the local renderer made, from its own recipe: the record on its row
 * (`source.origin`, source.ts `recordFromOrigin`) is drawn again at the same size and seed, once as it was stored
 * (to prove the record still makes these pixels: not edited, not resized, not a blend) and once with the backdrop
 * left out (scene-context.ts `transparent`); that second render's alpha is the exact mask. It is used only when
 * both renders agree with the picture: the stored pixels match the first, and the second's opaque pixels match
 * the first's (leaving the backdrop out must not have moved anything). The cut-out keeps the stored pixels where
 * the mask is opaque and takes the re-render's own colours only along the soft edge (the stored ones there are
 * mixed with the backdrop). A scene (a landscape keeps most of the picture without its sky) is not cut.
 */
import { measureCut, isScene, sceneReason } from "@/lib/processing/background-scene";
import { sharp } from "@/lib/processing/sharp";
import type { SourceImage } from "../types";
import { recordFromOrigin } from "./source";
import { renderPrompt } from "./renderer";

export interface RecipeCutout {
  /** RGBA pixels of the cut-out, the source's size. */
  pixels: Buffer;
  alpha: Uint8Array;
  width: number;
  height: number;
  keptShare: number;
}

/** Why the recipe was not used (for the notices), or the cut-out; null for a picture that is not the renderer's. */
export type RecipeResult = { cutout: RecipeCutout } | { skipped: string; scene?: string } | null;

/** Stored vs re-rendered: mean difference (0–255) and the share of pixels off by more than `near`. */
function compare(a: Buffer, b: Buffer, use: (p: number) => boolean, near: number) {
  let sum = 0, far = 0, count = 0;
  for (let p = 0, i = 0; i < a.length; p++, i += 4) {
    if (!use(p)) continue;
    count++;
    const d = (Math.abs(a[i] - b[i]) + Math.abs(a[i + 1] - b[i + 1]) + Math.abs(a[i + 2] - b[i + 2]) + Math.abs(a[i + 3] - b[i + 3])) / 4;
    sum += d;
    if (d > near) far++;
  }
  return { mean: count ? sum / count : 0, far: count ? far / count : 0, count };
}

export async function recipeCutout(source: SourceImage, signal: AbortSignal): Promise<RecipeResult> {
  const record = recordFromOrigin(source.origin);
  if (!record) return null;
  if (record.derived || record.layouts?.length) return { skipped: "its pixels are not a plain render of its recipe (a masked refinement or a blend)" };
  const { data: stored, info } = await sharp(source.data, { limitInputPixels: 4096 * 4096, autoOrient: true, pages: 1 }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const { width, height } = info;
  let hasAlpha = false;
  for (let i = 3; i < stored.length; i += 4) if (stored[i] < 255) { hasAlpha = true; break; }
  const recipe = {
    prompt: record.prompt, negativePrompt: record.negativePrompt, seed: record.seed, width, height, style: record.style, palette: record.palette,
    streams: record.streams?.map(([seed, weight]) => ({ seed, weight })), guide: record.guide, signal,
  };
  let asStored, cut;
  try {
    asStored = await renderPrompt({ ...recipe, background: hasAlpha ? "transparent" : "opaque" });
    cut = hasAlpha ? asStored : await renderPrompt({ ...recipe, background: "transparent" });
  } catch (error) {
    signal.throwIfAborted();
    return { skipped: `its recipe could not be drawn again (${(error as Error).message})` };
  }
  const a = asStored.pixels.data, t = cut.pixels.data;
  if (asStored.pixels.width !== width || asStored.pixels.height !== height) return { skipped: "its recipe draws another size" };
  // 1. The record makes these pixels (a lossless copy is identical; a re-encoded one close).
  const same = compare(stored, a, () => true, 12);
  if (same.mean > 2 || same.far > 0.01) return { skipped: "the picture no longer matches its recipe (edited or re-encoded)" };
  // 2. Leaving the backdrop out moved nothing: the transparent render's opaque pixels are the stored render's (the
  // vignette, applied only with a backdrop, darkens the far corners a little).
  const geometry = compare(t, a, (p) => t[p * 4 + 3] === 255, 10);
  if (geometry.count === 0 || geometry.far > 0.03) return { skipped: "drawn without its backdrop, the picture's subject does not stay in place" };
  const n = width * height;
  const alpha = new Uint8Array(n);
  const pixels = Buffer.alloc(n * 4);
  let kept = 0;
  for (let p = 0, i = 0; p < n; p++, i += 4) {
    const value = Math.round((t[i + 3] * stored[i + 3]) / 255);
    alpha[p] = value;
    if (value >= 128) kept++;
    if (value === 0) continue;
    const from = t[i + 3] === 255 ? stored : t;
    pixels[i] = from[i];
    pixels[i + 1] = from[i + 1];
    pixels[i + 2] = from[i + 2];
    pixels[i + 3] = value;
  }
  const measures = measureCut(alpha, width, height);
  if (isScene(measures)) return { skipped: "it is a scene", scene: sceneReason(measures) };
  if (kept / n < 0.002) return { skipped: "its recipe draws no subject in front of the backdrop" };
  return { cutout: { pixels, alpha, width, height, keptShare: kept / n } };
}
