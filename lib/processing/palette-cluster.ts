/**
 * Clustering for the palette extraction (./palette-extract, whose header describes the method): the sample's
 * weighted histogram in OKLab, a variance-based median cut to seed, weighted k-means to refine, and the merging of
 * clusters closer than a distance.
 */
import { labDistanceSq } from "./oklab";

/** The opaque pixels of the 128 px decode. */
export interface Sample {
  /** Opaque sample pixels, RGB. */
  rgb: Uint8Array;
  /** Their OKLab colours (3 per pixel). */
  lab: Float64Array;
  count: number;
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
export function histogram(sample: Sample): Histogram {
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

export interface Cluster {
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

export function cluster(h: Histogram, k: number): Cluster[] {
  if (!h.n) return [];
  return kMeans(h, medianCut(h, k));
}

/**
 * Merges clusters closer than `distance` in OKLab (closest pair first, into their weighted mean), so that one
 * colour split by over-clustering (noise, a gentle gradient) counts as one, with its whole share.
 */
export function mergeClose(clusters: Cluster[], distance: number): Cluster[] {
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
