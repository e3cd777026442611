/**
 * Variations and refinements of a source picture. Our own renders carry their parameters (png-meta.ts), so a
 * variation re-renders them with the random streams pulled toward a new seed, and a refinement re-renders the new
 * prompt on the same streams (same composition). Anything else is read for its dominant colours and luminance
 * layout, which guide a fresh render that is then blended with the source.
 */
import { sharp } from "@/lib/processing/sharp";
import type { SourceImage } from "../types";
import { clamp01, luminance, type Rgb } from "./color";
import { readRecord } from "./png-meta";
import { analyzePrompt } from "./prompt-analysis";
import { mixToward, type Stream } from "./random";
import type { Pixels } from "./rasterize";
import { encodePng, recordOf, renderPrompt, streamSeed, type RenderOptions, type Rendered } from "./renderer";
import type { SceneGuide } from "./scene";

/** Decoding limit for sources and masks: the app validates uploads already; this only guards the renderer. */
const SOURCE_PIXELS = 4096 * 4096;

export async function renderFromSource(o: RenderOptions, source: SourceImage): Promise<Buffer> {
  const record = readRecord(source.data);
  const own = record && !record.derived ? record : null;
  const prompt = o.prompt.trim() || record?.prompt || "";
  const sameWords = !!record && analyzePrompt(prompt).key === analyzePrompt(record.prompt).key;
  const mode = o.mode ?? (sameWords || !o.prompt.trim() ? "variation" : "refine");
  const strength = clamp01(o.strength ?? (mode === "variation" ? 0.5 : o.mask ? 0.9 : 0.6));
  const meta = await sharp(source.data, { limitInputPixels: SOURCE_PIXELS, pages: 1 }).metadata();
  const background = o.background && o.background !== "auto" ? o.background : meta.hasAlpha && record ? "transparent" : "opaque";
  const base = {
    prompt, width: o.width, height: o.height, background, signal: o.signal,
    negativePrompt: o.negativePrompt ?? record?.negativePrompt,
    style: o.style && o.style !== "none" ? o.style : record?.style,
    palette: o.palette?.length ? o.palette : record?.palette,
  } as const;
  const sourceStreams: Stream[] | null = own ? (own.streams?.map(([seed, weight]) => ({ seed, weight })) ?? [{ seed: streamSeed(own.prompt, own.seed), weight: 1 }]) : null;
  const mask = o.mask ? await loadMask(o.mask.data, o.width, o.height) : null;

  let rendered: Rendered;
  let amount = strength;
  if (own && sourceStreams && mode === "variation") {
    // Our own picture: the same prompt with every random draw pulled toward the new seed (eased: small strengths
    // barely move anything, 1 is a wholly new seed). Nothing to blend unless a mask limits it.
    const streams = mixToward(sourceStreams, streamSeed(own.prompt, o.seed), Math.pow(strength, 1.6));
    rendered = await renderPrompt({ ...base, prompt: own.prompt, seed: o.seed, streams });
    if (!mask) return encodePng(rendered.pixels, rendered.transparent, recordOf({ ...base, prompt: own.prompt, seed: o.seed }, { streams: rendered.streams }));
    amount = 1;
  } else if (sourceStreams) {
    // A refinement of our own picture: the new prompt drawn on the source's random streams keeps its composition;
    // without preserveStructure the streams drift toward the new seed as far as the strength says.
    const streams = o.preserveStructure === false ? mixToward(sourceStreams, streamSeed(prompt, o.seed), Math.pow(strength, 1.6)) : sourceStreams;
    rendered = await renderPrompt({ ...base, seed: o.seed, streams });
  } else {
    const { palette: colours, guide } = await readSource(source.data);
    rendered = await renderPrompt({ ...base, seed: o.seed, guide, paletteRgb: o.palette?.length ? undefined : colours });
  }
  const src = await loadPixels(source.data, o.width, o.height);
  if (!sourceStreams && o.preserveStructure !== false) await keepStructure(rendered.pixels, src, 1 - strength);
  blend(src, rendered.pixels, amount, mask);
  const pure = !mask && amount >= 1 && !!sourceStreams;
  return encodePng(src, rendered.transparent || hasAlpha(src), recordOf({ ...base, seed: o.seed }, pure ? { streams: rendered.streams } : { derived: true }));
}

async function loadPixels(data: Buffer, width: number, height: number): Promise<Pixels> {
  const img = sharp(data, { limitInputPixels: SOURCE_PIXELS, autoOrient: true, pages: 1 });
  const meta = await img.metadata();
  const sized = meta.width === width && meta.height === height ? img : img.resize(width, height, { fit: "cover" });
  const out = await sized.ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data: out.data, width, height };
}

/** The mask as one byte per pixel (white = change), softened a little at its edges. */
async function loadMask(data: Buffer, width: number, height: number): Promise<Uint8Array> {
  const sigma = Math.max(0.5, Math.min(width, height) * 0.003);
  const out = await sharp(data, { limitInputPixels: SOURCE_PIXELS, pages: 1 })
    .flatten({ background: "#000000" })
    .resize(width, height, { fit: "fill" })
    .greyscale()
    .blur(sigma)
    .extractChannel(0)
    .raw()
    .toBuffer();
  return out;
}

/** src ← mix(src, render, strength × mask), in place. Where the mask is black, src is untouched. */
function blend(src: Pixels, render: Pixels, strength: number, mask: Uint8Array | null): void {
  const a = src.data;
  const b = render.data;
  for (let p = 0, i = 0; i < a.length; p++, i += 4) {
    const t = strength * (mask ? mask[p] / 255 : 1);
    if (t <= 0) continue;
    for (let k = 0; k < 4; k++) a[i + k] = Math.round(a[i + k] + (b[i + k] - a[i + k]) * t);
  }
}

const hasAlpha = (px: Pixels) => {
  for (let i = 3; i < px.data.length; i += 4) if (px.data[i] < 255) return true;
  return false;
};

/**
 * Moves the render's broad light and colour toward the source's by `amount` (0–1): the low frequencies of the
 * source with the render's detail on top, so a light blend still reads as one picture.
 */
async function keepStructure(render: Pixels, src: Pixels, amount: number): Promise<void> {
  if (amount <= 0) return;
  const low = async (px: Pixels) => {
    const small = await sharp(px.data, { raw: { width: px.width, height: px.height, channels: 4 } }).resize(24, 24, { fit: "fill" }).raw().toBuffer();
    return sharp(small, { raw: { width: 24, height: 24, channels: 4 } }).resize(px.width, px.height, { fit: "fill", kernel: "mitchell" }).raw().toBuffer();
  };
  const [ls, lr] = await Promise.all([low(src), low(render)]);
  const d = new Uint8ClampedArray(render.data.buffer, render.data.byteOffset, render.data.length);
  for (let i = 0; i < d.length; i += 4) for (let k = 0; k < 3; k++) d[i + k] = render.data[i + k] + (ls[i + k] - lr[i + k]) * amount;
}

/** Dominant colours (a small k-means over a 16×16 thumbnail) and where the horizon and the light are. */
export async function readSource(data: Buffer): Promise<{ palette: Rgb[]; guide: SceneGuide }> {
  const px = await sharp(data, { limitInputPixels: SOURCE_PIXELS, pages: 1 }).flatten({ background: "#808080" }).resize(16, 16, { fit: "fill" }).raw().toBuffer();
  const cells: Rgb[] = [];
  for (let i = 0; i < px.length; i += 3) cells.push([px[i], px[i + 1], px[i + 2]]);
  const lum = cells.map(luminance);
  const rows = Array.from({ length: 16 }, (_, r) => lum.slice(r * 16, r * 16 + 16).reduce((a, b) => a + b, 0) / 16);
  let horizonRow = 9;
  let best = -1;
  for (let r = 4; r < 13; r++) {
    const jump = Math.abs(rows[r] - rows[r + 1]);
    if (jump > best) {
      best = jump;
      horizonRow = r + 1;
    }
  }
  const mean = lum.reduce((a, b) => a + b, 0) / lum.length;
  const brightest = lum.indexOf(Math.max(...lum));
  const light = lum[brightest] - mean > 0.18 ? { x: ((brightest % 16) + 0.5) / 16, y: (Math.floor(brightest / 16) + 0.5) / 16 } : undefined;
  const avg = cells.reduce((a, c) => [a[0] + c[0] / 256, a[1] + c[1] / 256, a[2] + c[2] / 256], [0, 0, 0]);
  const warm = avg[0] - avg[2];
  const time = mean < 0.2 ? "night" : mean < 0.33 ? "dusk" : warm > 25 && mean < 0.6 ? "sunset" : warm > 10 ? "golden" : "noon";
  const guide: SceneGuide = { horizon: Math.min(0.75, Math.max(0.35, horizonRow / 16)), light: light && light.y < horizonRow / 16 ? light : undefined, time };
  return { palette: kMeans(cells, 5), guide };
}

function kMeans(points: Rgb[], k: number): Rgb[] {
  const sorted = [...points].sort((a, b) => luminance(a) - luminance(b));
  let centres: Rgb[] = Array.from({ length: k }, (_, i) => sorted[Math.floor(((i + 0.5) / k) * sorted.length)]);
  let sizes: number[] = [];
  for (let iter = 0; iter < 8; iter++) {
    const sums = centres.map(() => [0, 0, 0, 0]);
    for (const p of points) {
      let bi = 0;
      let bd = Infinity;
      centres.forEach((c, i) => {
        const d = (p[0] - c[0]) ** 2 + (p[1] - c[1]) ** 2 + (p[2] - c[2]) ** 2;
        if (d < bd) {
          bd = d;
          bi = i;
        }
      });
      const s = sums[bi];
      s[0] += p[0];
      s[1] += p[1];
      s[2] += p[2];
      s[3]++;
    }
    centres = sums.map((s, i) => (s[3] ? [s[0] / s[3], s[1] / s[3], s[2] / s[3]] : centres[i]));
    sizes = sums.map((s) => s[3]);
  }
  return centres.map((c, i) => ({ c, n: sizes[i] })).filter((x) => x.n > 0).sort((a, b) => b.n - a.n).map((x) => x.c);
}
