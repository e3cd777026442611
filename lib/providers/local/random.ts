/**
 * Seeded randomness for the local renderer. Nothing here touches Math.random: every picture is a pure
 * function of (prompt, seed, size, style).
 */

/** A 32-bit string hash (cyrb53's mixing, folded to 32 bits). */
export function hash32(text: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h1 ^ h2) >>> 0;
}

/** mulberry32: a tiny, fast 32-bit PRNG with good enough statistics for pictures. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One seeded stream and its share of every draw. */
export interface Stream {
  seed: number;
  weight: number;
}

/**
 * A seeded random stream. `fork(label)` gives an independent sub-stream that depends only on this stream's
 * seeds and the label (not on how many numbers were drawn before), so changing one element of a scene does not
 * reshuffle the others. A stream can be a weighted mix of several seeds: every draw is the weighted sum of
 * theirs, which is how a variation moves shapes and colours continuously, by an amount, toward a new seed.
 */
export class Rng {
  readonly streams: readonly Stream[];
  private readonly gens: (() => number)[];
  private readonly weights: number[];

  constructor(seed: number | readonly Stream[]) {
    const list = typeof seed === "number" ? [{ seed, weight: 1 }] : seed.filter((s) => s.weight > 1e-6);
    const total = list.reduce((a, s) => a + s.weight, 0) || 1;
    this.streams = list.length ? list.map((s) => ({ seed: s.seed >>> 0, weight: s.weight / total })) : [{ seed: 0, weight: 1 }];
    this.gens = this.streams.map((s) => mulberry32(s.seed));
    this.weights = this.streams.map((s) => s.weight);
  }

  next(): number {
    if (this.gens.length === 1) return this.gens[0]();
    let v = 0;
    for (let i = 0; i < this.gens.length; i++) v += this.weights[i] * this.gens[i]();
    return v;
  }

  fork(label: string): Rng {
    return new Rng(this.streams.map((s) => ({ seed: hash32(label, s.seed), weight: s.weight })));
  }

  /**
   * A sub-stream from the heaviest seed alone: for fine detail (stars, glints, lit windows, raindrops) that would
   * only shimmer if mixed. A small variation keeps it exactly; past half-way it is drawn anew.
   */
  detail(label: string): Rng {
    const heaviest = this.streams.reduce((a, b) => (b.weight > a.weight ? b : a));
    return new Rng(hash32(label, heaviest.seed));
  }

  range(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return Math.min(max, Math.floor(min + (max - min + 1) * this.next()));
  }

  /** -1..1 */
  signed(): number {
    return this.next() * 2 - 1;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.min(items.length - 1, Math.floor(this.next() * items.length))];
  }

  /** Picks by weight: `weights[i]` for `items[i]`. */
  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    const total = weights.reduce((a, b) => a + b, 0);
    let u = this.next() * total;
    for (let i = 0; i < items.length; i++) {
      u -= weights[i];
      if (u < 0) return items[i];
    }
    return items[items.length - 1];
  }
}

const smooth = (t: number) => t * t * (3 - 2 * t);

/** Moves a stream mix toward another seed: `amount` 0 keeps it, 1 replaces it. At most 8 seeds are kept. */
export function mixToward(streams: readonly Stream[], seed: number, amount: number): Stream[] {
  if (amount >= 1) return [{ seed, weight: 1 }];
  const t = Math.max(0, amount);
  const mixed = [...streams.map((s) => ({ seed: s.seed, weight: s.weight * (1 - t) })), { seed, weight: t }];
  return mixed.filter((s) => s.weight > 1e-6).sort((a, b) => b.weight - a.weight).slice(0, 8);
}

/** 1-D value noise in [-1, 1]; the lattice values come from `rng`, so variations morph the curve smoothly. */
export function noise1D(rng: Rng, size = 64): (x: number) => number {
  const table = Float64Array.from({ length: size }, () => rng.signed());
  return (x) => {
    const i = Math.floor(x);
    const t = smooth(x - i);
    const a = table[((i % size) + size) % size];
    const b = table[(((i + 1) % size) + size) % size];
    return a + (b - a) * t;
  };
}

/** Fractal sum of octaves of a 1-D noise, roughly in [-1, 1]. */
export function fbm1D(noise: (x: number) => number, x: number, octaves: number, gain = 0.5): number {
  let sum = 0;
  let amp = 1;
  let norm = 0;
  let f = 1;
  for (let o = 0; o < octaves; o++) {
    sum += amp * noise(x * f + o * 17.31);
    norm += amp;
    amp *= gain;
    f *= 2.03;
  }
  return sum / norm;
}

/** Ridged noise (sharp crests), in [0, 1]: what mountain skylines are made of. */
export function ridged1D(noise: (x: number) => number, x: number, octaves: number, gain = 0.5): number {
  let sum = 0;
  let amp = 1;
  let norm = 0;
  let f = 1;
  for (let o = 0; o < octaves; o++) {
    const r = 1 - Math.abs(noise(x * f + o * 31.7));
    sum += amp * r * r;
    norm += amp;
    amp *= gain;
    f *= 2.07;
  }
  return sum / norm;
}

/** A stateless integer hash of a lattice point, in [0, 1): per-pixel textures (grain, paper, nebulae). */
export function hash2(x: number, y: number, seed: number): number {
  let h = Math.imul(x | 0, 374761393) ^ Math.imul(y | 0, 668265263) ^ Math.imul(seed | 0, 2246822519);
  h = Math.imul(h ^ (h >>> 13), 1274126177);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

/** 2-D value noise in [0, 1]. */
export function noise2D(x: number, y: number, seed: number): number {
  const ix = Math.floor(x);
  const iy = Math.floor(y);
  const fx = smooth(x - ix);
  const fy = smooth(y - iy);
  const a = hash2(ix, iy, seed);
  const b = hash2(ix + 1, iy, seed);
  const c = hash2(ix, iy + 1, seed);
  const d = hash2(ix + 1, iy + 1, seed);
  return a + (b - a) * fx + (c - a) * fy + (a - b - c + d) * fx * fy;
}

export function fbm2D(x: number, y: number, seed: number, octaves: number): number {
  let sum = 0;
  let amp = 1;
  let norm = 0;
  let f = 1;
  for (let o = 0; o < octaves; o++) {
    sum += amp * noise2D(x * f, y * f, seed + o * 101);
    norm += amp;
    amp *= 0.5;
    f *= 2;
  }
  return sum / norm;
}
