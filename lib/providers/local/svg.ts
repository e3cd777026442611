/** SVG building blocks and the per-style drawing kit every layer draws through. */
import { adjust, mix, toHex, type Rgb } from "./color";

/** Short number text: one decimal is plenty for pixels. */
export const f = (n: number) => String(Math.round(n * 10) / 10);
export const c = toHex;

export type GradientStop = readonly [offset: number, color: Rgb, opacity?: number];

/** Collects <defs> (gradients, clip paths, filters) with unique ids. */
export class Defs {
  private readonly items: string[] = [];
  private n = 0;

  constructor(private readonly prefix: string) {}

  id(kind: string): string {
    return `${this.prefix}${kind}${this.n++}`;
  }

  add(markup: string): void {
    this.items.push(markup);
  }

  private stops(stops: readonly GradientStop[]) {
    return stops.map(([o, col, op]) => `<stop offset="${f(o * 100)}%" stop-color="${c(col)}"${op === undefined ? "" : ` stop-opacity="${Math.round(op * 1000) / 1000}"`}/>`).join("");
  }

  /** A gradient in the shape's bounding box (0–1 coordinates); returns `url(#…)`. */
  linear(stops: readonly GradientStop[], x1 = 0, y1 = 0, x2 = 0, y2 = 1): string {
    const id = this.id("l");
    this.add(`<linearGradient id="${id}" x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}">${this.stops(stops)}</linearGradient>`);
    return `url(#${id})`;
  }

  /** A gradient in user space (pixels). */
  linearAt(stops: readonly GradientStop[], x1: number, y1: number, x2: number, y2: number): string {
    const id = this.id("l");
    this.add(`<linearGradient id="${id}" gradientUnits="userSpaceOnUse" x1="${f(x1)}" y1="${f(y1)}" x2="${f(x2)}" y2="${f(y2)}">${this.stops(stops)}</linearGradient>`);
    return `url(#${id})`;
  }

  radial(stops: readonly GradientStop[], cx = 0.5, cy = 0.5, r = 0.5, fx = cx, fy = cy): string {
    const id = this.id("r");
    this.add(`<radialGradient id="${id}" cx="${cx}" cy="${cy}" r="${r}" fx="${fx}" fy="${fy}">${this.stops(stops)}</radialGradient>`);
    return `url(#${id})`;
  }

  radialAt(stops: readonly GradientStop[], cx: number, cy: number, r: number): string {
    const id = this.id("r");
    this.add(`<radialGradient id="${id}" gradientUnits="userSpaceOnUse" cx="${f(cx)}" cy="${f(cy)}" r="${f(r)}">${this.stops(stops)}</radialGradient>`);
    return `url(#${id})`;
  }

  clip(markup: string): string {
    const id = this.id("c");
    this.add(`<clipPath id="${id}">${markup}</clipPath>`);
    return `url(#${id})`;
  }

  /**
   * A fill that fades out over the outer part of each shape's own box: feathered circles and ellipses. (librsvg's
   * Gaussian blur costs ~0.2 s per megapixel, so soft edges are made with gradients instead.)
   */
  feather(colour: Rgb, opacity = 1, solid = 0.8): string {
    const key = `${c(colour)}/${opacity}/${solid}`;
    const known = this.feathers.get(key);
    if (known) return known;
    const url = this.radial([[0, colour, opacity], [solid, colour, opacity], [1, colour, 0]]);
    this.feathers.set(key, url);
    return url;
  }

  private readonly feathers = new Map<string, string>();

  toString(): string {
    return this.items.length ? `<defs>${this.items.join("")}</defs>` : "";
  }
}

export type RenderStyle = "poster" | "photo" | "illustration" | "3d" | "anime" | "painting" | "pixel" | "line" | "icon";

/** How the current style draws: outlines, flat or soft fills, line-only. */
export interface Kit {
  style: RenderStyle;
  /** Outlines around objects (illustration) */
  outlines: boolean;
  /** Outlines on terrain too (illustration) */
  terrainOutlines: boolean;
  /** Only strokes on paper (line-art). */
  line: boolean;
  /** Flat colours in place of soft gradients on objects. */
  flat: boolean;
  /** Rounded, shaded, shadowed forms (3d). */
  rounded: boolean;
  /** Blur is affordable and wanted (soft glows, soft clouds). */
  soft: boolean;
  ink: Rgb;
  paper: Rgb;
  /** A thousandth of the short side: every stroke width and small size is in these units. */
  u: number;
}

export function makeKit(style: RenderStyle, w: number, h: number, ink: Rgb, paper: Rgb): Kit {
  const u = Math.min(w, h) / 1000;
  return {
    style, u, ink, paper,
    outlines: style === "illustration" || style === "anime" || style === "line",
    terrainOutlines: style === "illustration" || style === "line",
    line: style === "line",
    flat: style === "illustration" || style === "pixel" || style === "line" || style === "icon",
    rounded: style === "3d",
    soft: style === "photo" || style === "poster" || style === "painting" || style === "3d",
  };
}

/**
 * Fill attributes for a shape in this style: line-art paints paper with an ink stroke; illustration adds a
 * darker outline of the fill's own colour; other styles fill plainly.
 */
export function paint(kit: Kit, fill: Rgb | string, kind: "terrain" | "object" = "object", opacity = 1): string {
  const fillText = typeof fill === "string" ? fill : c(fill);
  const op = opacity < 1 ? ` fill-opacity="${Math.round(opacity * 1000) / 1000}"` : "";
  if (kit.line) return `fill="${c(kit.paper)}" stroke="${c(kit.ink)}" stroke-width="${f(kit.u * (kind === "terrain" ? 2.6 : 2.2))}" stroke-linejoin="round"`;
  const outlined = kind === "terrain" ? kit.terrainOutlines : kit.outlines;
  if (!outlined) return `fill="${fillText}"${op}`;
  const base = typeof fill === "string" ? kit.ink : fill;
  const stroke = kit.style === "anime" ? mix(adjust(base, { l: -0.35 }), kit.ink, 0.3) : mix(adjust(base, { l: -0.3, sMul: 1.1 }), kit.ink, 0.45);
  return `fill="${fillText}"${op} stroke="${c(stroke)}" stroke-width="${f(kit.u * (kit.style === "anime" ? 2 : 3.2))}" stroke-linejoin="round"`;
}

export const path = (d: string, attrs: string) => `<path d="${d}" ${attrs}/>`;

/**
 * A soft shadow without a blur filter: the shape drawn a few times in black with ever wider round strokes, each
 * faint, so the darkness falls off over `spread` pixels around it.
 */
export function softShadow(markup: (attrs: string) => string, spread: number, opacity: number, dx: number, dy: number): string {
  const steps = 6;
  let out = "";
  for (let i = steps; i >= 1; i--) out += markup(`fill="#000" stroke="#000" stroke-width="${f(spread * 2 * Math.pow(i / steps, 1.5))}" stroke-linejoin="round"`);
  return group(out, `opacity="${Math.round((opacity / steps) * 1000) / 1000}" transform="translate(${f(dx)} ${f(dy)})"`);
}

/** A closed path through points. */
export function poly(points: readonly (readonly [number, number])[]): string {
  return "M" + points.map(([x, y]) => `${f(x)} ${f(y)}`).join("L") + "Z";
}

/** An open smooth curve (Catmull-Rom → cubic Béziers) through points. */
export function smoothCurve(points: readonly (readonly [number, number])[], closed = false): string {
  if (points.length < 3) return poly(points);
  const p = points;
  let d = `M${f(p[0][0])} ${f(p[0][1])}`;
  const n = p.length;
  const at = (i: number) => (closed ? p[(i + n) % n] : p[Math.max(0, Math.min(n - 1, i))]);
  const last = closed ? n : n - 1;
  for (let i = 0; i < last; i++) {
    const p0 = at(i - 1);
    const p1 = at(i);
    const p2 = at(i + 1);
    const p3 = at(i + 2);
    d += `C${f(p1[0] + (p2[0] - p0[0]) / 6)} ${f(p1[1] + (p2[1] - p0[1]) / 6)} ${f(p2[0] - (p3[0] - p1[0]) / 6)} ${f(p2[1] - (p3[1] - p1[1]) / 6)} ${f(p2[0])} ${f(p2[1])}`;
  }
  return closed ? d + "Z" : d;
}

export const circle = (x: number, y: number, r: number, attrs: string) => `<circle cx="${f(x)}" cy="${f(y)}" r="${f(Math.max(0.1, r))}" ${attrs}/>`;
export const ellipse = (x: number, y: number, rx: number, ry: number, attrs: string) =>
  `<ellipse cx="${f(x)}" cy="${f(y)}" rx="${f(Math.max(0.1, rx))}" ry="${f(Math.max(0.1, ry))}" ${attrs}/>`;
export const rect = (x: number, y: number, w: number, h: number, attrs: string) =>
  `<rect x="${f(x)}" y="${f(y)}" width="${f(Math.max(0, w))}" height="${f(Math.max(0, h))}" ${attrs}/>`;
export const group = (inner: string, attrs = "") => (inner ? `<g ${attrs}>${inner}</g>` : "");

/** An SVG document drawing a w×h scene; `size` rasterises it smaller (same picture, fewer pixels). */
export function svgDocument(w: number, h: number, defs: Defs | string, body: string, crisp = false, size = { width: w, height: h }): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${size.width}" height="${size.height}" viewBox="0 0 ${w} ${h}" preserveAspectRatio="none"${crisp ? ' shape-rendering="crispEdges"' : ""}>${defs}${body}</svg>`;
}
