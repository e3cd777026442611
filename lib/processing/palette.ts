/**
 * Colour palettes of an image: dominant, vibrant and muted colours by quantisation in OKLab, recolouring toward a
 * palette, and palette exports (CSS, Tailwind, JSON, a swatch PNG).
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
  linearToOklabInto,
  linearToSrgbByte,
  oklabToLinearInto,
  oklabToRgb,
  rgbToHex,
  rgbToHsv,
  rgbToOklab,
  srgbToLinearLut,
  type Rgb,
} from "./oklab";
import { openImage, sharp, type DecodeLimits } from "./sharp";

export { colorName } from "./color-names";

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

interface Sample {
  /** Opaque sample pixels, RGB. */
  rgb: Uint8Array;
  /** Their OKLab colours (3 per pixel). */
  lab: Float64Array;
  count: number;
}

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

// ── Histogram ─────────────────────────────────────────────────────────────────────────────────────────────────

interface Histogram {
  /** Number of non-empty bins. */
  n: number;
  /** Pixels per bin. */
  weight: Float64Array;
  /** Sum of the bin's pixels' OKLab (3 per bin). */
  sum: Float64Array;
  /** Mean OKLab of the bin (3 per bin). */
  mean: Float64Array;
  total: number;
}

/** At most this many bins go to clustering: the histogram's resolution is chosen to stay under it. */
const maxBins = 2048;

/**
 * The sample's weighted histogram: 4 bits per RGB channel for photos (a 128 px photo fills ~1,500 bins; k-means on
 * them gives the same palette error as on the ~4,000 bins of 5 bits, 3× faster), and the finest of 6 or 5 bits
 * that stays under `maxBins` when 4 bits give few bins (graphics: distinct colours are not merged into one bin).
 */
function histogram(sample: Sample): Histogram {
  const coarse = binned(sample, 4);
  if (coarse.n > maxBins / 4) return coarse;
  for (const bits of [6, 5]) {
    const fine = binned(sample, bits);
    if (fine.n <= maxBins) return fine;
  }
  return coarse;
}

function binned(sample: Sample, bits: number): Histogram {
  const index = new Int32Array(1 << (3 * bits)).fill(-1);
  const shift = 8 - bits;
  const size = Math.min(sample.count, 1 << (3 * bits));
  const weight = new Float64Array(size);
  const sum = new Float64Array(size * 3);
  let n = 0;
  const { rgb, lab } = sample;
  for (let p = 0, o = 0; p < sample.count; p++, o += 3) {
    const key = ((((rgb[o] >> shift) << bits) | (rgb[o + 1] >> shift)) << bits) | (rgb[o + 2] >> shift);
    let bin = index[key];
    if (bin < 0) bin = index[key] = n++;
    weight[bin]++;
    sum[bin * 3] += lab[o];
    sum[bin * 3 + 1] += lab[o + 1];
    sum[bin * 3 + 2] += lab[o + 2];
  }
  const mean = new Float64Array(n * 3);
  for (let b = 0; b < n; b++) {
    for (let c = 0; c < 3; c++) mean[b * 3 + c] = sum[b * 3 + c] / weight[b];
  }
  return { n, weight: weight.subarray(0, n), sum: sum.subarray(0, n * 3), mean, total: sample.count };
}

// ── Clustering: variance-based median cut, then weighted k-means ─────────────────────────────────────────────

interface Cluster {
  lab: [number, number, number];
  weight: number;
}

interface Box {
  start: number;
  end: number;
  /** Weighted squared error of the bins' means around the box's mean. */
  error: number;
}

function medianCut(h: Histogram, k: number): Float64Array {
  const order = new Int32Array(h.n);
  for (let i = 0; i < h.n; i++) order[i] = i;
  const { weight: w, mean: m } = h;

  const boxError = (start: number, end: number) => {
    let W = 0, s0 = 0, s1 = 0, s2 = 0, q = 0;
    for (let i = start; i < end; i++) {
      const b = order[i], wb = w[b], o = b * 3;
      W += wb;
      s0 += wb * m[o];
      s1 += wb * m[o + 1];
      s2 += wb * m[o + 2];
      q += wb * (m[o] * m[o] + m[o + 1] * m[o + 1] + m[o + 2] * m[o + 2]);
    }
    return Math.max(0, q - (s0 * s0 + s1 * s1 + s2 * s2) / W);
  };

  const boxes: Box[] = [{ start: 0, end: h.n, error: boxError(0, h.n) }];
  while (boxes.length < k) {
    let pick = -1;
    for (let i = 0; i < boxes.length; i++) {
      const box = boxes[i];
      if (box.end - box.start > 1 && box.error > 1e-12 && (pick < 0 || box.error > boxes[pick].error)) pick = i;
    }
    if (pick < 0) break; // every box is one colour: the image has no more distinct colours
    const box = boxes[pick];

    // The axis of largest weighted variance.
    let W = 0;
    const s = [0, 0, 0], q = [0, 0, 0];
    for (let i = box.start; i < box.end; i++) {
      const b = order[i], wb = w[b];
      W += wb;
      for (let c = 0; c < 3; c++) {
        const v = m[b * 3 + c];
        s[c] += wb * v;
        q[c] += wb * v * v;
      }
    }
    let axis = 0, best = -1;
    for (let c = 0; c < 3; c++) {
      const variance = q[c] / W - (s[c] / W) ** 2;
      if (variance > best) {
        best = variance;
        axis = c;
      }
    }
    // Sort the box's bins along the axis: a native sort of keys packing the coordinate (20 bits) above the bin
    // index (16 bits; there are at most 128 × 128 bins), which is exact in a float64 and deterministic.
    let lo = Infinity, hi = -Infinity;
    for (let i = box.start; i < box.end; i++) {
      const v = m[order[i] * 3 + axis];
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    const scale = hi > lo ? 0xfffff / (hi - lo) : 0;
    const keys = new Float64Array(box.end - box.start);
    for (let i = box.start; i < box.end; i++) keys[i - box.start] = Math.round((m[order[i] * 3 + axis] - lo) * scale) * 0x10000 + order[i];
    keys.sort();
    for (let i = 0; i < keys.length; i++) order[box.start + i] = keys[i] % 0x10000;

    // The cut that leaves the least squared error: maximise |S_left|²/W_left + |S_right|²/W_right.
    let lw = 0, l0 = 0, l1 = 0, l2 = 0, lq = 0;
    const t0 = s[0], t1 = s[1], t2 = s[2], Q = q[0] + q[1] + q[2];
    let cut = box.start + 1, bestGain = -Infinity, leftError = 0, rightError = 0;
    for (let i = box.start; i < box.end - 1; i++) {
      const b = order[i], wb = w[b], o = b * 3;
      const x0 = m[o], x1 = m[o + 1], x2 = m[o + 2];
      lw += wb;
      l0 += wb * x0;
      l1 += wb * x1;
      l2 += wb * x2;
      lq += wb * (x0 * x0 + x1 * x1 + x2 * x2);
      const rw = W - lw, r0 = t0 - l0, r1 = t1 - l1, r2 = t2 - l2;
      const left = (l0 * l0 + l1 * l1 + l2 * l2) / lw, right = (r0 * r0 + r1 * r1 + r2 * r2) / rw;
      if (left + right > bestGain) {
        bestGain = left + right;
        cut = i + 1;
        leftError = Math.max(0, lq - left);
        rightError = Math.max(0, Q - lq - right);
      }
    }
    boxes.splice(pick, 1, { start: box.start, end: cut, error: leftError }, { start: cut, end: box.end, error: rightError });
  }

  const centres = new Float64Array(boxes.length * 3);
  boxes.forEach((box, j) => {
    let W = 0;
    for (let i = box.start; i < box.end; i++) {
      const b = order[i];
      W += w[b];
      for (let c = 0; c < 3; c++) centres[j * 3 + c] += h.sum[b * 3 + c];
    }
    for (let c = 0; c < 3; c++) centres[j * 3 + c] /= W;
  });
  return centres;
}

const maxIterations = 16;
/** Over-clustered colours closer than this (ΔE 4) are one colour for the vibrant and muted palettes. */
const mergeDistance = 0.04;

function kMeans(h: Histogram, seeds: Float64Array): Cluster[] {
  const k = seeds.length / 3;
  const centres = Float64Array.from(seeds);
  const assignment = new Int32Array(h.n).fill(-1);
  const sums = new Float64Array(k * 3);
  const weights = new Float64Array(k);
  /** Squared distances between centres, a quarter of them: a centre j can only be nearer to x than centre a when
   *  d(a, j) < 2·d(x, a), i.e. d²(a, j) / 4 < d²(x, a) (Elkan's bound), so most distances are never computed. */
  const between = new Float64Array(k * k);
  const { mean: m, weight: w, sum } = h;

  for (let iteration = 0; iteration < maxIterations; iteration++) {
    for (let a = 0; a < k; a++) {
      for (let j = a + 1; j < k; j++) {
        const d0 = centres[a * 3] - centres[j * 3], d1 = centres[a * 3 + 1] - centres[j * 3 + 1], d2 = centres[a * 3 + 2] - centres[j * 3 + 2];
        between[a * k + j] = between[j * k + a] = (d0 * d0 + d1 * d1 + d2 * d2) / 4;
      }
    }
    let changed = 0;
    for (let b = 0, o = 0; b < h.n; b++, o += 3) {
      const x0 = m[o], x1 = m[o + 1], x2 = m[o + 2];
      let best = assignment[b] < 0 ? 0 : assignment[b];
      let c = best * 3;
      let d0 = x0 - centres[c], d1 = x1 - centres[c + 1], d2 = x2 - centres[c + 2];
      let bestDistance = d0 * d0 + d1 * d1 + d2 * d2;
      let row = best * k;
      for (let j = 0; j < k; j++) {
        if (j === best || between[row + j] >= bestDistance) continue;
        c = j * 3;
        d0 = x0 - centres[c];
        d1 = x1 - centres[c + 1];
        d2 = x2 - centres[c + 2];
        const d = d0 * d0 + d1 * d1 + d2 * d2;
        if (d < bestDistance || (d === bestDistance && j < best)) {
          bestDistance = d;
          best = j;
          row = j * k;
        }
      }
      if (assignment[b] !== best) {
        assignment[b] = best;
        changed += w[b];
      }
    }
    // Converged: no bin changed cluster, or bins holding under 0.1 % of the pixels (moving the means by less).
    if (changed <= h.total * 0.001) break;
    sums.fill(0);
    weights.fill(0);
    for (let b = 0; b < h.n; b++) {
      const j = assignment[b];
      weights[j] += w[b];
      sums[j * 3] += sum[b * 3];
      sums[j * 3 + 1] += sum[b * 3 + 1];
      sums[j * 3 + 2] += sum[b * 3 + 2];
    }
    for (let j = 0; j < k; j++) {
      if (weights[j] > 0) for (let c = 0; c < 3; c++) centres[j * 3 + c] = sums[j * 3 + c] / weights[j];
    }
  }

  // Final shares from the last assignment (centres are those assignments' means unless the loop ran out).
  weights.fill(0);
  for (let b = 0; b < h.n; b++) weights[assignment[b]] += w[b];
  const clusters: Cluster[] = [];
  for (let j = 0; j < k; j++) {
    if (weights[j] > 0) clusters.push({ lab: [centres[j * 3], centres[j * 3 + 1], centres[j * 3 + 2]], weight: weights[j] });
  }
  return clusters;
}

function cluster(h: Histogram, k: number): Cluster[] {
  if (!h.n) return [];
  return kMeans(h, medianCut(h, k));
}

/**
 * Merges clusters closer than `distance` in OKLab (closest pair first, into their weighted mean), so that one
 * colour split by over-clustering (noise, a gentle gradient) counts as one, with its whole share.
 */
function mergeClose(clusters: Cluster[], distance: number): Cluster[] {
  const list = clusters.map((c) => ({ lab: [...c.lab] as Cluster["lab"], weight: c.weight }));
  const limit = distance * distance;
  for (;;) {
    let bi = -1, bj = -1, best = limit;
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const d = labDistanceSq(list[i].lab, list[j].lab);
        if (d < best) {
          best = d;
          bi = i;
          bj = j;
        }
      }
    }
    if (bi < 0) return list;
    const a = list[bi], b = list[bj], w = a.weight + b.weight;
    for (let c = 0; c < 3; c++) a.lab[c] = (a.lab[c] * a.weight + b.lab[c] * b.weight) / w;
    a.weight = w;
    list.splice(bj, 1);
  }
}

// ── Building palettes ─────────────────────────────────────────────────────────────────────────────────────────

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

// ── Recolouring ───────────────────────────────────────────────────────────────────────────────────────────────

/** The recolouring cache: 2^18 input colours, direct-mapped (2 MB). A 12 MP photo has ~1.2 million distinct colours
 *  but neighbouring pixels repeat them; at 0.5 strength this halves the time (≈ 0.6 s for 12 MP here). */
const cacheBits = 18;
const cacheMask = (1 << cacheBits) - 1;

/**
 * Recolours raw RGB(A) pixels toward a palette: each pixel's OKLab colour moves toward its nearest palette colour
 * (nearest by OKLab distance) by `strength` (0–1), and is converted back to sRGB clamped to the gamut. Alpha is
 * kept. Strength 1 writes the palette colours themselves; strength 0 gives the same bytes. Returns a new buffer
 * (the input is not modified).
 */
export function applyPaletteToPixels(pixels: Buffer, channels: 3 | 4, palette: readonly string[], strength: number): Buffer {
  if (channels !== 3 && channels !== 4) throw new RangeError(`channels must be 3 or 4 (got ${channels}).`);
  if (!Number.isFinite(strength) || strength < 0 || strength > 1) throw new RangeError(`strength must be from 0 to 1 (got ${strength}).`);
  if (pixels.length % channels) throw new RangeError(`The buffer's length (${pixels.length}) is not a multiple of ${channels}.`);
  if (!palette.length) throw new RangeError("The palette is empty.");
  const out = Buffer.from(pixels);
  if (strength === 0) return out;

  const rgbs = palette.map(hexToRgb);
  const labs = new Float64Array(rgbs.length * 3);
  rgbs.forEach((rgb, j) => labs.set(rgbToOklab(rgb), j * 3));
  const k = rgbs.length;
  // Results by input colour (see cacheBits).
  const cacheKeys = new Int32Array(1 << cacheBits).fill(-1);
  const cacheValues = new Int32Array(1 << cacheBits);
  const lab = new Float64Array(3);
  const lin = new Float64Array(3);

  for (let i = 0; i < out.length; i += channels) {
    const r = out[i], g = out[i + 1], b = out[i + 2];
    const key = (r << 16) | (g << 8) | b;
    const slot = (key ^ (key >>> 12) ^ (key >>> 5)) & cacheMask;
    let value: number;
    if (cacheKeys[slot] === key) {
      value = cacheValues[slot];
    } else {
      linearToOklabInto(srgbToLinearLut[r], srgbToLinearLut[g], srgbToLinearLut[b], lab);
      let best = 0, bestDistance = Infinity;
      for (let j = 0, c = 0; j < k; j++, c += 3) {
        const d0 = lab[0] - labs[c], d1 = lab[1] - labs[c + 1], d2 = lab[2] - labs[c + 2];
        const d = d0 * d0 + d1 * d1 + d2 * d2;
        if (d < bestDistance) {
          bestDistance = d;
          best = j;
        }
      }
      if (strength === 1) {
        const p = rgbs[best];
        value = (p[0] << 16) | (p[1] << 8) | p[2];
      } else {
        const c = best * 3;
        oklabToLinearInto(
          lab[0] + (labs[c] - lab[0]) * strength,
          lab[1] + (labs[c + 1] - lab[1]) * strength,
          lab[2] + (labs[c + 2] - lab[2]) * strength,
          lin,
        );
        value = (linearToSrgbByte(lin[0]) << 16) | (linearToSrgbByte(lin[1]) << 8) | linearToSrgbByte(lin[2]);
      }
      cacheKeys[slot] = key;
      cacheValues[slot] = value;
    }
    out[i] = value >>> 16;
    out[i + 1] = (value >>> 8) & 255;
    out[i + 2] = value & 255;
  }
  return out;
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

// ── Exports ───────────────────────────────────────────────────────────────────────────────────────────────────

/** "Sunset Beach!" → "sunset-beach"; "palette" when nothing is left. */
export function paletteSlug(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48)
    .replace(/-+$/, "");
  return slug || "palette";
}

/** Text safe inside a CSS or JS block comment, on one line. */
const commentText = (s: string) => s.replace(/\*\//g, "* /").replace(/[\r\n]+/g, " ");
const percent = (c: PaletteColor) => (c.proportion === undefined ? "" : `, ${(c.proportion * 100).toFixed(1)} %`);

/** `:root { --palette-<slug>-1: #xxxxxx; … }` with the colours' names in comments. */
export function paletteCss(name: string, colors: PaletteColor[]): string {
  const slug = paletteSlug(name);
  const lines = colors.map((c, i) => `  --palette-${slug}-${i + 1}: ${c.hex}; /* ${commentText(c.name)}${percent(c)} */`);
  return [
    `/* Palette "${commentText(name)}": ${colors.map((c, i) => `${i + 1} ${commentText(c.name)}`).join(", ") || "no colours"} */`,
    ":root {",
    ...lines,
    "}",
    "",
  ].join("\n");
}

/**
 * A Tailwind CSS v4 `@theme` snippet (Tailwind 4 is configured in CSS): `--color-<slug>-1` … gives utilities
 * such as `bg-<slug>-1`. The comment shows the Tailwind v3 `tailwind.config.js` form (see `paletteTailwindConfig`).
 */
export function paletteTailwind(name: string, colors: PaletteColor[]): string {
  const slug = paletteSlug(name);
  return [
    `/* Tailwind CSS v4: palette "${commentText(name)}". Put this in your CSS after @import "tailwindcss";`,
    `   then use bg-${slug}-1, text-${slug}-2, border-${slug}-3 …`,
    `   Tailwind v3 (tailwind.config.js): module.exports = { theme: { extend: { colors: { "${slug}": { ${colors.map((c, i) => `${i + 1}: "${c.hex}"`).join(", ")} } } } } */`,
    "@theme {",
    ...colors.map((c, i) => `  --color-${slug}-${i + 1}: ${c.hex}; /* ${commentText(c.name)} */`),
    "}",
    "",
  ].join("\n");
}

/** The Tailwind v3 form: a `tailwind.config.js` extending the theme's colours with `<slug>: { 1: "#…", … }`. */
export function paletteTailwindConfig(name: string, colors: PaletteColor[]): string {
  const slug = paletteSlug(name);
  return [
    `// Tailwind CSS v3: palette "${commentText(name)}" (bg-${slug}-1, text-${slug}-2, …)`,
    "module.exports = {",
    "  theme: {",
    "    extend: {",
    "      colors: {",
    `        "${slug}": {`,
    ...colors.map((c, i) => `          ${i + 1}: "${c.hex}", // ${commentText(c.name)}`),
    "        },",
    "      },",
    "    },",
    "  },",
    "};",
    "",
  ].join("\n");
}

/** Pretty JSON: `{ "name": …, "colors": [{ hex, rgb, hsv, name, proportion? }, …] }`. */
export function paletteJson(name: string, colors: PaletteColor[]): string {
  const plain = colors.map(({ hex, rgb, hsv, name: colorName, proportion }) =>
    proportion === undefined ? { hex, rgb, hsv, name: colorName } : { hex, rgb, hsv, name: colorName, proportion },
  );
  return `${JSON.stringify({ name, colors: plain }, null, 2)}\n`;
}

/**
 * A horizontal strip of swatches as a PNG (default 640×128): each swatch's width is proportional to its
 * proportion when every colour has one, otherwise the widths are equal.
 */
export async function paletteSwatchPng(colors: PaletteColor[], options: { height?: number; width?: number } = {}): Promise<Buffer> {
  const width = options.width ?? 640;
  const height = options.height ?? 128;
  for (const [label, v] of [["width", width], ["height", height]] as const) {
    if (!Number.isInteger(v) || v < 1 || v > 8192) throw new RangeError(`${label} must be an integer from 1 to 8192 (got ${v}).`);
  }
  if (!colors.length) throw new RangeError("The palette is empty.");
  if (colors.length > width) throw new RangeError(`${colors.length} swatches do not fit in ${width} px.`);

  const proportional = colors.every((c) => typeof c.proportion === "number" && c.proportion > 0);
  const shares = colors.map((c) => (proportional ? c.proportion! : 1));
  const totalShare = shares.reduce((a, b) => a + b, 0);
  // Edges at the rounded cumulative shares, each swatch at least 1 px wide.
  const edges = [0];
  let cumulative = 0;
  shares.forEach((s, i) => {
    cumulative += s;
    const remaining = colors.length - i - 1;
    const edge = i === colors.length - 1 ? width : Math.round((cumulative / totalShare) * width);
    edges.push(Math.min(width - remaining, Math.max(edges[i] + 1, edge)));
  });

  const row = Buffer.alloc(width * 3);
  colors.forEach((c, i) => {
    const rgb = hexToRgb(c.hex);
    for (let x = edges[i]; x < edges[i + 1]; x++) row.set(rgb, x * 3);
  });
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) row.copy(data, y * width * 3);
  return sharp(data, { raw: { width, height, channels: 3 } }).png().toBuffer();
}
