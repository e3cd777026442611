/**
 * Colour palettes of an image: dominant, vibrant and muted colours by quantisation in OKLab (the clustering is in
 * ./palette-cluster). Recolouring toward a palette is ./recolor-pixels (pure, shared with the browser) and ./recolor;
 * palette exports (CSS, Tailwind, JSON, a swatch PNG) are ./palette-export.
 *
 * Method. The image is decoded once, small: sharp shrinks on load (JPEG, WebP) and resizes to fit 128×128 with
 * nearest-neighbour sampling, so every sample is a colour the image really has (no colours invented by blending
 * across edges; JPEG's shrink-on-load has already averaged 8×8 blocks of a big photo). Pixels with alpha < 128 are
 * ignored. Each sample is converted to OKLab (a 256-entry sRGB → linear table, then the cube roots), and the
 * samples are binned by their RGB (4 bits per channel for photos, 6 or 5 for images with few colours) into a
 * weighted histogram that keeps the exact OKLab sum of each bin, so a cluster's colour is the exact mean of its
 * pixels. The bins are seeded by a variance-based median cut in OKLab (split the box with the largest squared error,
 * along its widest axis, where the two halves' error is smallest), then refined by weighted k-means (at most 16
 * rounds, stopping when bins holding under 0.1 % of the pixels change cluster). Nothing is random: the same bytes
 * give the same palettes.
 *
 * - dominant: `numColors` clusters, sorted by proportion (descending).
 * - vibrant / muted: the image is over-clustered (3 × numColors clusters, at least 24, at most 48), clusters closer
 *   than ΔE 4 are merged (one colour split by noise or a gentle gradient counts once, with its whole share), each
 *   cluster is scored by its OKLCh chroma and lightness and (as √share) by its population, and `numColors` mutually
 *   distinct clusters (OKLab distance ≥ 0.08, relaxed to 0.04 then 0.02 when too few qualify) are picked, best
 *   score first. Vibrant: chroma ≥ 0.07, lightness 0.3–0.85 (softly widened by 0.15). Muted: chroma ≤ 0.1, best
 *   between 0.03 and 0.07, lightness 0.3–0.8 (softly widened). When too few clusters qualify, the best-scoring others
 *   (for muted: the least colourful) fill the palette.
 * - proportion: the colour's share of the image's (opaque) pixels, rounded to 4 decimals. For vibrant and muted it
 *   is the raw share of the image (not renormalised over the picks), so those proportions sum to less than 1.
 * - Fewer colours than asked: an image with fewer distinct colours (histogram bins) than `numColors` gives one
 *   colour per distinct colour, and clusters that collapse onto the same hex are merged. A fully transparent image
 *   gives empty palettes.
 */
import { colorName } from "./color-names";
import {
  chroma,
  hexToRgb,
  labDistanceSq,
  oklabToRgb,
  rgbToHex,
  rgbToHsv,
  rgbToOklab,
  srgbToLinearLut,
  type Rgb,
} from "./oklab";
import { cluster, histogram, mergeClose, type Cluster, type Sample } from "./palette-cluster";
import { openImage, type DecodeLimits } from "./sharp";

export const paletteTypes = ["dominant", "vibrant", "muted"] as const;
export type PaletteType = (typeof paletteTypes)[number];

export interface PaletteColor {
  /** "#rrggbb", lowercase. */
  hex: string;
  rgb: [number, number, number];
  /** Hue 0–359 (degrees), saturation 0–100, value 0–100; integers. */
  hsv: [number, number, number];
  /** The closest readable colour name ("crimson", "navy blue", "sage green"). */
  name: string;
  /** Share of the image's opaque pixels, 0–1, 4 decimals (absent for colours not taken from an image). */
  proportion?: number;
}

export const minPaletteColors = 1;
export const maxPaletteColors = 16;
/** The decode is shrunk to fit this square (longest side). */
export const paletteSampleSize = 128;
/** Used when no limits are given: the app's default MAX_INPUT_MEGAPIXELS (50). */
const defaultLimits: DecodeLimits = { maxPixels: 50_000_000 };

// ── Decoding ──────────────────────────────────────────────────────────────────────────────────────────────────

async function decodeSample(input: Uint8Array, limits: DecodeLimits = defaultLimits): Promise<Sample> {
  const { data, info } = await openImage(input, limits)
    .resize(paletteSampleSize, paletteSampleSize, { fit: "inside", withoutEnlargement: true, kernel: "nearest" })
    .toColourspace("srgb")
    .raw({ depth: "uchar" })
    .toBuffer({ resolveWithObject: true });
  const channels = info.channels; // 3, or 4 with alpha (grey images are converted to sRGB)
  if (channels !== 3 && channels !== 4) throw new Error(`Unexpected ${channels}-channel decode.`);
  const pixels = info.width * info.height;
  const rgb = new Uint8Array(pixels * 3);
  const lab = new Float64Array(pixels * 3);
  const lut = srgbToLinearLut;
  let count = 0;
  for (let p = 0, i = 0; p < pixels; p++, i += channels) {
    if (channels === 4 && data[i + 3] < 128) continue;
    const o = count * 3;
    const r8 = data[i], g8 = data[i + 1], b8 = data[i + 2];
    rgb[o] = r8;
    rgb[o + 1] = g8;
    rgb[o + 2] = b8;
    // linearToOklabInto, inlined: this loop runs for every sample pixel.
    const r = lut[r8], g = lut[g8], b = lut[b8];
    const l = Math.cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b);
    const m = Math.cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b);
    const s = Math.cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b);
    lab[o] = 0.2104542553 * l + 0.793617785 * m - 0.0040720468 * s;
    lab[o + 1] = 1.9779984951 * l - 2.428592205 * m + 0.4505937099 * s;
    lab[o + 2] = 0.0259040371 * l + 0.7827717662 * m - 0.808675766 * s;
    count++;
  }
  return { rgb, lab, count };
}

// ── Building palettes ─────────────────────────────────────────────────────────────────────────────────────────

/** Over-clustered colours closer than this (ΔE 4) are one colour for the vibrant and muted palettes. */
const mergeDistance = 0.04;

interface Candidate {
  rgb: Rgb;
  hex: string;
  lab: [number, number, number];
  weight: number;
}

/** Cluster centres as sRGB colours; clusters that round to the same hex are merged. */
function candidates(clusters: Cluster[]): Candidate[] {
  const byHex = new Map<string, Candidate>();
  const out: Candidate[] = [];
  for (const c of clusters) {
    const rgb = oklabToRgb(c.lab);
    const hex = rgbToHex(rgb);
    const seen = byHex.get(hex);
    if (seen) {
      seen.weight += c.weight;
      continue;
    }
    const candidate = { rgb, hex, lab: rgbToOklab(rgb), weight: c.weight };
    byHex.set(hex, candidate);
    out.push(candidate);
  }
  return out;
}

const round4 = (v: number) => Math.round(v * 10_000) / 10_000;

function toColor(c: Candidate, total: number): PaletteColor {
  return { hex: c.hex, rgb: [...c.rgb], hsv: rgbToHsv(c.rgb), name: colorName(c.rgb), proportion: round4(c.weight / total) };
}

/** 1 inside [lo, hi], falling linearly to 0 over `soft` outside. */
const band = (v: number, lo: number, hi: number, soft: number) =>
  v >= lo && v <= hi ? 1 : Math.max(0, 1 - (v < lo ? lo - v : v - hi) / soft);

/** 0 below `a`, rising to 1 at `b`, 1 until `c`, falling to 0 at `d`. */
const trapezoid = (v: number, a: number, b: number, c: number, d: number) =>
  v <= a || v >= d ? 0 : v < b ? (v - a) / (b - a) : v <= c ? 1 : (d - v) / (d - c);

interface Scorer {
  eligible(lab: readonly number[]): boolean;
  score(lab: readonly number[], share: number): number;
}

const scorers: Record<"vibrant" | "muted", Scorer> = {
  vibrant: {
    eligible: (lab) => chroma(lab) >= 0.07 && band(lab[0], 0.3, 0.85, 0.15) > 0,
    score: (lab, share) => (chroma(lab) / 0.2) ** 2 * band(lab[0], 0.3, 0.85, 0.15) * Math.sqrt(share),
  },
  muted: {
    eligible: (lab) => chroma(lab) <= 0.1 && band(lab[0], 0.3, 0.8, 0.15) > 0,
    // Some colour is better than none: greys score 0.35 of a muted colour of the same size and lightness.
    score: (lab, share) => {
      const c = chroma(lab);
      // Beyond 0.12 (not muted at all) a small score that keeps the least colourful first, should any be needed.
      const colourfulness = c < 0.03 ? 0.35 + (0.65 * c) / 0.03 : c < 0.12 ? trapezoid(c, 0, 0.03, 0.07, 0.12) : (0.001 * 0.12) / c;
      return colourfulness * band(lab[0], 0.3, 0.8, 0.15) * Math.sqrt(share);
    },
  },
};

/** Picks `n` mutually distinct candidates, qualifying ones by score first; relaxes the distance when short. */
function pickDistinct(all: Candidate[], scorer: Scorer, n: number, total: number): Candidate[] {
  const ranked = all
    .map((c, index) => ({ c, index, eligible: scorer.eligible(c.lab), score: scorer.score(c.lab, c.weight / total) }))
    .sort((a, b) => Number(b.eligible) - Number(a.eligible) || b.score - a.score || b.c.weight - a.c.weight || a.index - b.index);
  const picked: Candidate[] = [];
  const passes: [onlyEligible: boolean, minDistance: number][] = [[true, 0.08], [true, 0.04], [true, 0.02], [false, 0.04], [false, 0.02]];
  for (const [onlyEligible, minDistance] of passes) {
    for (const r of ranked) {
      if (picked.length >= n) return picked;
      if (onlyEligible && !r.eligible) break;
      if (picked.includes(r.c)) continue;
      if (picked.every((p) => labDistanceSq(p.lab, r.c.lab) >= minDistance * minDistance)) picked.push(r.c);
    }
  }
  return picked;
}

function checkArguments(types: readonly string[], numColors: number) {
  if (!Number.isInteger(numColors) || numColors < minPaletteColors || numColors > maxPaletteColors) {
    throw new RangeError(`numColors must be an integer from ${minPaletteColors} to ${maxPaletteColors} (got ${numColors}).`);
  }
  for (const type of types) {
    if (!(paletteTypes as readonly string[]).includes(type)) {
      throw new RangeError(`Unknown palette type ${JSON.stringify(type)} (expected one of ${paletteTypes.join(", ")}).`);
    }
  }
}

/**
 * Decodes once (shrink-on-load to fit 128×128, pixels with alpha < 128 ignored) and returns one palette per asked
 * type, each with up to `numColors` (1–16) colours. Deterministic for the same bytes. A palette has fewer colours
 * than asked when the image has fewer distinct colours; a fully transparent image gives empty palettes.
 */
export async function extractPalettes<T extends PaletteType>(
  input: Uint8Array,
  types: readonly T[],
  numColors: number,
  limits?: DecodeLimits,
): Promise<Record<T, PaletteColor[]>> {
  checkArguments(types, numColors);
  const sample = await decodeSample(input, limits);
  const h = histogram(sample);
  const result = {} as Record<PaletteType, PaletteColor[]>;
  let overClustered: Candidate[] | undefined;
  for (const type of new Set<PaletteType>(types)) {
    if (type === "dominant") {
      result.dominant = candidates(cluster(h, numColors))
        .sort((a, b) => b.weight - a.weight)
        .map((c) => toColor(c, h.total));
    } else {
      overClustered ??= candidates(mergeClose(cluster(h, Math.min(48, Math.max(24, 3 * numColors))), mergeDistance));
      result[type] = pickDistinct(overClustered, scorers[type], numColors, h.total).map((c) => toColor(c, h.total));
    }
  }
  return result as Record<T, PaletteColor[]>;
}

/** One palette of one type; see `extractPalettes`. */
export async function extractPalette(input: Uint8Array, type: PaletteType, numColors: number, limits?: DecodeLimits): Promise<PaletteColor[]> {
  return (await extractPalettes(input, [type], numColors, limits))[type];
}

/** A colour from hex ("#rrggbb" or "#rgb") with rgb, hsv and name (no proportion), for custom palettes. Throws on bad hex. */
export function describeColor(hex: string): PaletteColor {
  const rgb = hexToRgb(hex);
  return { hex: rgbToHex(rgb), rgb, hsv: rgbToHsv(rgb), name: colorName(rgb) };
}

/**
 * Mean ΔE (OKLab Euclidean distance × 100) between an image and its palette-quantised version (every pixel
 * replaced by its nearest palette colour), on the same 128 px decode as the extraction. Lower is better.
 */
export async function paletteQuantisationError(input: Uint8Array, palette: readonly string[], limits?: DecodeLimits): Promise<number> {
  if (!palette.length) throw new RangeError("The palette is empty.");
  const sample = await decodeSample(input, limits);
  if (!sample.count) return 0;
  const labs = palette.map((hex) => rgbToOklab(hexToRgb(hex)));
  let total = 0;
  const { lab } = sample;
  for (let o = 0; o < sample.count * 3; o += 3) {
    let best = Infinity;
    for (const p of labs) {
      const d0 = lab[o] - p[0], d1 = lab[o + 1] - p[1], d2 = lab[o + 2] - p[2];
      const d = d0 * d0 + d1 * d1 + d2 * d2;
      if (d < best) best = d;
    }
    total += Math.sqrt(best);
  }
  return (total / sample.count) * 100;
}
