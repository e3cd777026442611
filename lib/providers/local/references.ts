/**
 * Reference images, as far as an offline renderer can honour them: it cannot draw their subjects or faces, but it
 * can take their COLOURS (a palette of dominant colours over all of them, the first ones and the middle of each
 * weighing most) and their ROUGH LAYOUT (the first one's light and colour masses on a coarse grid, laid under the
 * drawn scene as its low frequencies, and its horizon and light placing the scene's own masses). It says so, in a
 * notice and in the image's params, so nobody mistakes the result for a provider's use of the references.
 */
import { openImage, sharp } from "@/lib/processing/sharp";
import type { ReferenceImage } from "../types";
import { distance, luminance, parseHex, toHex, type Rgb } from "./color";
import type { Pixels } from "./rasterize";
import type { SceneGuide } from "./scene";
import { encodePng, recordOf, renderPrompt, type RenderOptions, type RenderReport } from "./renderer";
import { guideOf } from "./source";
import { recordLayout } from "./reference-record";

/** Decoding guard: the studio downscales references to ≤ 1536 px before they get here. */
const REFERENCE_PIXELS = 4096 * 4096;
/** Thumbnail side each reference is read at for its colours (and the first one for its horizon and light). */
const THUMB = 16;
/** Cells along the longer side of the layout grid: coarse on purpose, masses and light only, never shapes. */
const GRID = 10;
const PALETTE_SIZE = 5;

export interface ReferenceReading {
  count: number;
  /** Dominant colours, heaviest first. */
  palette: Rgb[];
  /** The first reference's horizon, light and time of day. */
  guide: SceneGuide;
  /** The first reference cropped to the output's aspect ratio and reduced to a coarse RGB grid. */
  layout: { data: Buffer; width: number; height: number };
}

/** What an image's params record of the references' use. */
export interface ReferenceUse {
  referenceUse: "colours+layout" | "colours";
  referenceCount: number;
  /** The colours the scene was drawn from ("#rrggbb"), the request's own palette first when it had one. */
  referencePalette: string[];
  /** How much of the picture's low frequencies came from the first reference (0–1). */
  referenceLayout: number;
}

/** Reads every reference for its colours, and the first one for its layout at the output's aspect ratio. */
export async function readReferences(refs: readonly ReferenceImage[], width: number, height: number): Promise<ReferenceReading> {
  const points: Rgb[] = [];
  const weights: number[] = [];
  let guide: SceneGuide = {};
  for (let r = 0; r < refs.length; r++) {
    const px = await open(refs[r].data).resize(THUMB, THUMB, { fit: "fill" }).raw().toBuffer();
    const cells: Rgb[] = [];
    for (let i = 0; i < px.length; i += 3) cells.push([px[i], px[i + 1], px[i + 2]]);
    if (r === 0) guide = guideOf(cells);
    // Order: the first reference counts most (people put what matters first); position: the middle of each
    // picture (its subject, usually) counts about twice its corners.
    const order = 1 / (1 + 0.5 * r);
    cells.forEach((c, i) => {
      const dx = ((i % THUMB) + 0.5) / THUMB - 0.5;
      const dy = (Math.floor(i / THUMB) + 0.5) / THUMB - 0.5;
      points.push(c);
      weights.push(order * (1 - 0.7 * Math.hypot(dx, dy)));
    });
  }
  const gw = width >= height ? GRID : Math.max(2, Math.round((GRID * width) / height));
  const gh = height > width ? GRID : Math.max(2, Math.round((GRID * height) / width));
  // "cover" crops the reference to the output's aspect ratio, centred, so its masses land where they were.
  const layout = await open(refs[0].data).resize(gw, gh, { fit: "cover" }).raw().toBuffer();
  return { count: refs.length, palette: weightedKMeans(points, weights, PALETTE_SIZE), guide, layout: { data: layout, width: gw, height: gh } };
}

const open = (data: Buffer) => openImage(data, { maxPixels: REFERENCE_PIXELS }).flatten({ background: "#808080" }).removeAlpha();

/**
 * The palette a scene is drawn from: the request's own colours when it names some (it asked for them), with up to
 * two of the references' dominant colours that are not already among them; otherwise the references' colours.
 */
export function combinedPalette(reading: ReferenceReading, requested: readonly string[] | undefined): Rgb[] {
  const own = (requested ?? []).map(parseHex).filter((c): c is Rgb => c !== null);
  if (!own.length) return reading.palette;
  const extra = reading.palette.filter((c) => own.every((o) => distance(c, o) > 48)).slice(0, 2);
  return [...own, ...extra];
}

/**
 * Lays the first reference's coarse layout under the render: the render's own low frequencies are replaced by the
 * reference's by `amount` (0–1), its detail stays on top. With a palette the request chose, only the light moves
 * (the colours stay the requested ones). Transparent pixels stay as they are.
 */
export async function applyLayout(px: Pixels, layout: ReferenceReading["layout"], amount: number, lightOnly: boolean): Promise<void> {
  if (amount <= 0) return;
  const { width: w, height: h } = px;
  const up = (data: Buffer, gw: number, gh: number) => sharp(data, { raw: { width: gw, height: gh, channels: 3 } }).resize(w, h, { fit: "fill", kernel: "mitchell" }).raw().toBuffer();
  const ownGrid = await sharp(px.data, { raw: { width: w, height: h, channels: 4 } }).removeAlpha().resize(layout.width, layout.height, { fit: "fill" }).raw().toBuffer();
  const [ref, own] = await Promise.all([up(layout.data, layout.width, layout.height), up(ownGrid, layout.width, layout.height)]);
  const d = new Uint8ClampedArray(px.data.buffer, px.data.byteOffset, px.data.length);
  for (let p = 0, i = 0; i < d.length; p += 3, i += 4) {
    const t = amount * (px.data[i + 3] / 255);
    if (t <= 0) continue;
    if (lightOnly) {
      const dl = (0.299 * (ref[p] - own[p]) + 0.587 * (ref[p + 1] - own[p + 1]) + 0.114 * (ref[p + 2] - own[p + 2])) * t;
      for (let k = 0; k < 3; k++) d[i + k] = px.data[i + k] + dl;
    } else {
      for (let k = 0; k < 3; k++) d[i + k] = px.data[i + k] + (ref[p + k] - own[p + k]) * t;
    }
  }
}

/** How much of the layout a render takes: a fresh picture most of it; a source's redraw keeps its own composition. */
export const layoutAmount = (withSource: boolean, strength: number) => (withSource ? 0.35 * strength : 0.6);

/** A fresh picture from the prompt, drawn in the references' colours over the first one's rough layout. */
export async function renderWithReferences(o: RenderOptions & { references: ReferenceImage[] }): Promise<RenderReport> {
  const reading = await readReferences(o.references, o.width, o.height);
  const palette = combinedPalette(reading, o.palette);
  const hexes = palette.map(toHex);
  const rendered = await renderPrompt({ ...o, palette: hexes, guide: reading.guide });
  // A transparent picture (an icon) has no background for a photograph's masses to go to: colours only.
  const amount = rendered.transparent ? 0 : layoutAmount(false, 1);
  const lightOnly = !!o.palette?.length;
  await applyLayout(rendered.pixels, reading.layout, amount, lightOnly);
  // The record keeps all the references gave — colours, scene guide, coarse layout — so a variation or refinement
  // redraws this picture with them even when the references are gone (reference-record.ts).
  const layouts = amount > 0 ? [recordLayout(reading.layout, amount, lightOnly)] : undefined;
  const record = recordOf({ ...o, palette: hexes }, { guide: reading.guide, layouts });
  return { png: await encodePng(rendered.pixels, rendered.transparent, record), record, ...told({ notices: rendered.notices }, reading, palette, amount) };
}

/** The notice and the params entry that say what was taken from the references. */
export function told<T extends { notices: string[] }>(report: T, reading: ReferenceReading, palette: readonly Rgb[], layout: number): T & { params: ReferenceUse } {
  return { ...report, notices: [...report.notices, referenceNotice(reading.count, layout > 0)], params: referenceUse(reading, palette, layout) };
}

export function referenceNotice(count: number, layout = true): string {
  const taken = layout ? "colours and rough layout" : "colours";
  const what = count === 1 ? `1 reference image: the local renderer takes its ${taken}, not its` : `${count} reference images: the local renderer takes their ${taken}, not their`;
  return `Drawn offline from ${what} subjects or faces — connect a provider for that.`;
}

function referenceUse(reading: ReferenceReading, palette: readonly Rgb[], layout: number): ReferenceUse {
  return { referenceUse: layout > 0 ? "colours+layout" : "colours", referenceCount: reading.count, referencePalette: palette.map(toHex), referenceLayout: Math.round(layout * 100) / 100 };
}

/** k-means over weighted colours, seeded deterministically from weighted luminance quantiles; heaviest first. */
function weightedKMeans(points: Rgb[], weights: number[], k: number): Rgb[] {
  const order = points.map((_, i) => i).sort((a, b) => luminance(points[a]) - luminance(points[b]) || a - b);
  const total = weights.reduce((a, b) => a + b, 0);
  let centres: Rgb[] = [];
  for (let c = 0, acc = 0, j = 0; c < k; c++) {
    const target = ((c + 0.5) / k) * total;
    while (j < order.length - 1 && acc + weights[order[j]] < target) acc += weights[order[j++]];
    centres.push(points[order[j]]);
  }
  let mass: number[] = [];
  for (let iter = 0; iter < 10; iter++) {
    const sums = centres.map(() => [0, 0, 0, 0]);
    points.forEach((p, n) => {
      let best = 0;
      let bd = Infinity;
      centres.forEach((c, i) => {
        const dd = (p[0] - c[0]) ** 2 + (p[1] - c[1]) ** 2 + (p[2] - c[2]) ** 2;
        if (dd < bd) {
          bd = dd;
          best = i;
        }
      });
      const s = sums[best];
      const wt = weights[n];
      s[0] += p[0] * wt;
      s[1] += p[1] * wt;
      s[2] += p[2] * wt;
      s[3] += wt;
    });
    centres = sums.map((s, i) => (s[3] > 0 ? ([s[0] / s[3], s[1] / s[3], s[2] / s[3]] as Rgb) : centres[i]));
    mass = sums.map((s) => s[3]);
  }
  // Identical centres (a flat reference seeds several at one colour) collapse into one.
  const out: { c: Rgb; m: number }[] = [];
  centres.forEach((c, i) => {
    if (mass[i] <= 0) return;
    const same = out.find((o) => distance(o.c, c) < 1);
    if (same) same.m += mass[i];
    else out.push({ c: c.map(Math.round) as unknown as Rgb, m: mass[i] });
  });
  return out.sort((a, b) => b.m - a.m).map((o) => o.c);
}
