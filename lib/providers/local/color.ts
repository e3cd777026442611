/** Colour arithmetic on sRGB triples (0–255, unrounded until output). */

export type Rgb = readonly [number, number, number];

const clamp255 = (v: number) => (v < 0 ? 0 : v > 255 ? 255 : v);
export const clamp01 = (v: number) => (v < 0 ? 0 : v > 1 ? 1 : v);

export function parseHex(hex: string): Rgb | null {
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) return null;
  const h = m[1].length === 3 ? [...m[1]].map((c) => c + c).join("") : m[1];
  return [parseInt(h.slice(0, 2), 16), parseInt(h.slice(2, 4), 16), parseInt(h.slice(4, 6), 16)];
}

/** Parses a colour known to be valid (the renderer's own tables). */
export const hex = (value: string): Rgb => parseHex(value) ?? [255, 0, 255];

export function toHex(c: Rgb): string {
  return "#" + c.map((v) => Math.round(clamp255(v)).toString(16).padStart(2, "0")).join("");
}

export function mix(a: Rgb, b: Rgb, t: number): Rgb {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}

export function scale(c: Rgb, k: number): Rgb {
  return [clamp255(c[0] * k), clamp255(c[1] * k), clamp255(c[2] * k)];
}

/** Channel-wise product, as light of colour `light` falling on a surface of colour `c`. */
export function multiply(c: Rgb, light: Rgb): Rgb {
  return [(c[0] * light[0]) / 255, (c[1] * light[1]) / 255, (c[2] * light[2]) / 255];
}

export function screen(c: Rgb, light: Rgb): Rgb {
  return [255 - ((255 - c[0]) * (255 - light[0])) / 255, 255 - ((255 - c[1]) * (255 - light[1])) / 255, 255 - ((255 - c[2]) * (255 - light[2])) / 255];
}

/** Perceived lightness, 0–1 (Rec. 601 weights on gamma-encoded values: cheap and good enough). */
export function luminance(c: Rgb): number {
  return (0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2]) / 255;
}

export interface Hsl {
  h: number;
  s: number;
  l: number;
}

export function toHsl(c: Rgb): Hsl {
  const r = c[0] / 255;
  const g = c[1] / 255;
  const b = c[2] / 255;
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const l = (max + min) / 2;
  if (max === min) return { h: 0, s: 0, l };
  const d = max - min;
  const s = l > 0.5 ? d / (2 - max - min) : d / (max + min);
  let h = max === r ? (g - b) / d + (g < b ? 6 : 0) : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  h *= 60;
  return { h, s, l };
}

export function fromHsl({ h, s, l }: Hsl): Rgb {
  const hh = (((h % 360) + 360) % 360) / 360;
  const ss = clamp01(s);
  const ll = clamp01(l);
  if (ss === 0) return [ll * 255, ll * 255, ll * 255];
  const q = ll < 0.5 ? ll * (1 + ss) : ll + ss - ll * ss;
  const p = 2 * ll - q;
  const f = (t: number) => {
    const x = t < 0 ? t + 1 : t > 1 ? t - 1 : t;
    if (x < 1 / 6) return p + (q - p) * 6 * x;
    if (x < 1 / 2) return q;
    if (x < 2 / 3) return p + (q - p) * (2 / 3 - x) * 6;
    return p;
  };
  return [f(hh + 1 / 3) * 255, f(hh) * 255, f(hh - 1 / 3) * 255];
}

export function adjust(c: Rgb, change: { h?: number; s?: number; l?: number; sMul?: number }): Rgb {
  const hsl = toHsl(c);
  return fromHsl({
    h: hsl.h + (change.h ?? 0),
    s: clamp01((hsl.s + (change.s ?? 0)) * (change.sMul ?? 1)),
    l: clamp01(hsl.l + (change.l ?? 0)),
  });
}

export const withLightness = (c: Rgb, l: number): Rgb => fromHsl({ ...toHsl(c), l: clamp01(l) });

/** Signed shortest hue distance from a to b, in degrees. */
export function hueDelta(a: number, b: number): number {
  return ((b - a + 540) % 360) - 180;
}

/** Moves `c`'s hue and saturation toward `target`'s by t, keeping c's lightness (a tint that keeps shading). */
export function tintToward(c: Rgb, target: Rgb, t: number): Rgb {
  const a = toHsl(c);
  const b = toHsl(target);
  if (b.s < 0.08) return fromHsl({ h: a.h, s: a.s * (1 - t), l: a.l + (b.l - a.l) * t * 0.3 });
  const h = a.s < 0.05 ? b.h : a.h + hueDelta(a.h, b.h) * t;
  return fromHsl({ h, s: a.s + (b.s - a.s) * t, l: a.l + (b.l - a.l) * t * 0.25 });
}

export function distance(a: Rgb, b: Rgb): number {
  const dr = a[0] - b[0];
  const dg = a[1] - b[1];
  const db = a[2] - b[2];
  return Math.sqrt(dr * dr + dg * dg + db * db);
}

export function grey(c: Rgb): Rgb {
  const y = luminance(c) * 255;
  return [y, y, y];
}
