/**
 * Variations and refinements of a source picture. For a picture the local renderer made — known from the PNG's
 * record (png-meta.ts) or, for stored files, which lose it, from the image's row (`source.origin`) — nothing is
 * blended: a variation redraws its scene with the random streams pulled toward a new seed, as far as the strength
 * says; a refinement redraws the scene with the instruction added to its prompt, on the same streams (same
 * composition), and with a mask keeps every pixel outside it and takes the redrawn scene inside it. Anything else
 * is read for its dominant colours and luminance layout, which guide a fresh render blended with the source.
 */
import { sharp } from "@/lib/processing/sharp";
import type { SourceImage, SourceOrigin } from "../types";
import { clamp01, luminance, type Rgb } from "./color";
import { readRecord, type RenderRecord } from "./png-meta";
import { analyzePrompt } from "./prompt-analysis";
import { mixToward, type Stream } from "./random";
import type { Pixels } from "./rasterize";
import { encodePng, recordOf, renderPrompt, streamSeed, type RenderOptions, type RenderReport, type Rendered } from "./renderer";
import type { SceneGuide } from "./scene";
import { applyLayout, combinedPalette, layoutAmount, readReferences, told } from "./references";
import { toHex } from "./color";
import { applyRecordedLayouts, keptReferences, recordLayout, withLayout, type RecordedLayout } from "./reference-record";

/** Decoding limit for sources and masks: the app validates uploads already; this only guards the renderer. */
const SOURCE_PIXELS = 4096 * 4096;

/**
 * How the local renderer drew a stored picture, from its row: the record its render kept in `params.local`, or —
 * for pictures stored before that — its prompt, seed and style (a refinement's row holds only the instruction, so
 * an old refinement is not redrawn).
 */
export function recordFromOrigin(origin: SourceOrigin | undefined): RenderRecord | null {
  if (!origin || origin.provider !== "local") return null;
  const params = (origin.params && typeof origin.params === "object" ? origin.params : {}) as { local?: Partial<RenderRecord>; palette?: unknown };
  const kept = params.local;
  if (kept && kept.v === 1 && typeof kept.prompt === "string" && typeof kept.seed === "number" && typeof kept.style === "string") return kept as RenderRecord;
  if (origin.prompt === null || origin.seed === null || origin.operation === "refine") return null;
  const palette = Array.isArray(params.palette) && params.palette.every((c) => typeof c === "string") ? (params.palette as string[]) : undefined;
  // A variation stored before the record was kept was drawn from mixed streams we no longer know: redraw it from
  // its words, but never claim its pixels are a plain render.
  return { v: 1, prompt: origin.prompt, negativePrompt: origin.negativePrompt ?? undefined, seed: origin.seed, style: origin.style ?? "none", palette, derived: origin.operation ? true : undefined };
}

/** A refinement's words: the instruction first (its time, colours and style win), then the scene it changes. */
export function refinedPrompt(instruction: string, sourcePrompt: string): string {
  const words = instruction.trim();
  if (!words) return sourcePrompt;
  const source = analyzePrompt(sourcePrompt).key;
  return !source || analyzePrompt(words).key.includes(source) ? words : `${words}, ${sourcePrompt}`;
}

export async function renderFromSource(o: RenderOptions, source: SourceImage): Promise<RenderReport> {
  const record = readRecord(source.data) ?? recordFromOrigin(source.origin);
  const instruction = o.prompt.trim();
  const sameWords = !!record && analyzePrompt(instruction).key === analyzePrompt(record.prompt).key;
  const mode = o.mode ?? (sameWords || !instruction ? "variation" : "refine");
  const strength = clamp01(o.strength ?? (mode === "variation" ? 0.5 : o.mask ? 0.9 : 0.6));
  const meta = await sharp(source.data, { limitInputPixels: SOURCE_PIXELS, pages: 1 }).metadata();
  const background = o.background && o.background !== "auto" ? o.background : meta.hasAlpha && record ? "transparent" : "opaque";
  const mask = o.mask ? await loadMask(o.mask.data, o.width, o.height) : null;
  // References give the redraw their colours and, lightly (the source keeps its composition), their layout.
  const refs = o.references?.length ? await readReferences(o.references, o.width, o.height) : null;
  const refPalette = refs ? combinedPalette(refs, o.palette) : undefined;
  let layout = 0;
  let laid: RecordedLayout | undefined;
  const withRefs = async (r: Rendered) => {
    if (refs && !r.transparent) {
      layout = layoutAmount(true, strength);
      await applyLayout(r.pixels, refs.layout, layout, !!o.palette?.length);
      laid = layout > 0 ? recordLayout(refs.layout, layout, !!o.palette?.length) : undefined;
    }
    return r;
  };
  const report = (r: RenderReport): RenderReport => (refs && refPalette ? told(r, refs, refPalette, layout) : r);
  const base = {
    width: o.width, height: o.height, background, signal: o.signal,
    negativePrompt: o.negativePrompt ?? record?.negativePrompt,
    style: o.style && o.style !== "none" ? o.style : record?.style,
    palette: refPalette ? refPalette.map(toHex) : o.palette?.length ? o.palette : record?.palette,
  } as const;

  if (record) {
    // One of ours: its scene is redrawn, never blended with its pixels.
    const sourceStreams: Stream[] = record.streams?.map(([seed, weight]) => ({ seed, weight })) ?? [{ seed: streamSeed(record.prompt, record.seed), weight: 1 }];
    const prompt = mode === "variation" ? record.prompt : refinedPrompt(instruction, record.prompt);
    // A variation's every random draw moves toward the new seed (eased: small strengths barely move anything, 1 is
    // a wholly new seed); a refinement keeps the source's draws (its composition) unless told not to.
    const drift = mode === "variation" || o.preserveStructure === false ? Math.pow(strength, 1.6) : 0;
    const streams = drift > 0 ? mixToward(sourceStreams, streamSeed(prompt, o.seed), drift) : sourceStreams;
    // What the source's references gave it (their scene guide and layouts, in its record) is drawn again, at the
    // same amounts, whether or not the references are sent again or still exist.
    const kept = keptReferences(record);
    const rendered = await renderPrompt({ ...base, prompt, seed: o.seed, streams, guide: kept.guide });
    if (!rendered.transparent) await applyRecordedLayouts(rendered.pixels, kept.layouts);
    await withRefs(rendered);
    const settings = { ...base, prompt, seed: o.seed };
    const carried = { streams: rendered.streams, guide: kept.guide, layouts: withLayout(kept.layouts, laid) };
    if (!mask) {
      // A light refinement keeps the source's broad light and colour (24×24 low frequencies: the composition is the
      // same, so no edge of the old picture shows through); the detail is all the redrawn scene's.
      const keep = mode === "refine" && strength < 1 ? 1 - strength : 0;
      if (keep > 0) await keepStructure(rendered.pixels, await loadPixels(source.data, o.width, o.height), keep);
      const out = recordOf(settings, { ...carried, derived: keep > 0 });
      return report({ png: await encodePng(rendered.pixels, rendered.transparent, out), record: out, notices: rendered.notices });
    }
    // Outside the mask the source's pixels, inside it the redrawn scene (the mask's soft edge blends the seam).
    const src = await loadPixels(source.data, o.width, o.height);
    blend(src, rendered.pixels, 1, mask);
    const out = recordOf(settings, { ...carried, derived: true });
    return report({ png: await encodePng(src, rendered.transparent || hasAlpha(src), out), record: out, notices: rendered.notices });
  }

  // Not one of ours: a fresh render guided by the source's colours and light, blended with it.
  const prompt = instruction;
  const { palette: colours, guide } = await readSource(source.data);
  const rendered: Rendered = await withRefs(await renderPrompt({ ...base, prompt, seed: o.seed, guide, paletteRgb: o.palette?.length || refs ? undefined : colours }));
  const src = await loadPixels(source.data, o.width, o.height);
  if (o.preserveStructure !== false) await keepStructure(rendered.pixels, src, 1 - strength);
  blend(src, rendered.pixels, strength, mask);
  const out = recordOf({ ...base, prompt, seed: o.seed }, { derived: true });
  return report({ png: await encodePng(src, rendered.transparent || hasAlpha(src), out), record: out, notices: rendered.notices });
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
  return { palette: kMeans(cells, 5), guide: guideOf(cells) };
}

/** Where the horizon and the light are in a 16×16 thumbnail (row-major RGB cells), and the time of day it suggests. */
export function guideOf(cells: Rgb[]): SceneGuide {
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
  return { horizon: Math.min(0.75, Math.max(0.35, horizonRow / 16)), light: light && light.y < horizonRow / 16 ? light : undefined, time };
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
