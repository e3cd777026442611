/**
 * The local renderer: a prompt and a seed in, a PNG out, offline and deterministic. The prompt is read into a
 * scene (scene.ts), drawn as SVG layers, rasterised by librsvg through sharp, finished on pixels (water
 * reflections, grain, brush strokes, pixel-art enlargement) and encoded with its parameters embedded.
 */
import { sharp } from "@/lib/processing/sharp";
import { stylePresets, type ReferenceImage, type SourceImage, type StylePreset } from "../types";
import { parseHex, type Rgb } from "./color";
import { withRecord, type RenderRecord } from "./png-meta";
import { finish } from "./postprocess";
import { analyzePrompt } from "./prompt-analysis";
import { hash32, type Stream } from "./random";
import { enlargeNearest, over, quantize, rasterize, softImage, type Pixels } from "./rasterize";
import { composeScene, resolveStyle, type SceneGuide } from "./scene";
import type { Layer } from "./scene-context";
import { svgDocument } from "./svg";
import { reflectWater } from "./layers/water";
import { renderFromSource } from "./source";
import { renderWithReferences, type ReferenceUse } from "./references";
import type { RecordedLayout } from "./reference-record";

export interface RenderOptions {
  prompt: string;
  negativePrompt?: string;
  seed: number;
  width: number;
  height: number;
  style?: StylePreset;
  /** "#rrggbb" colours the scene is drawn from. */
  palette?: string[];
  background?: "transparent" | "opaque" | "auto";
  /** For variations and refinements. */
  source?: SourceImage;
  /** 0–1: how far from the source. */
  strength?: number;
  /** White = change. */
  mask?: SourceImage;
  /** What to do with `source`: re-render nearby ("variation") or move it toward the prompt ("refine"). */
  mode?: "variation" | "refine";
  /** A refinement keeps the source's composition (default); false lets it drift with the strength. */
  preserveStructure?: boolean;
  /** Pictures to take colours and rough layout from (references.ts), in order. */
  references?: ReferenceImage[];
  signal?: AbortSignal;
}

import { MAX_SIZE, MIN_SIZE } from "./limits";
export { MAX_SIZE, MIN_SIZE };

/** One picture, how to draw it again, and what the person should know about it. */
export interface RenderReport {
  png: Buffer;
  /** Also embedded in the PNG; the studio strips it from stored files and keeps it in the image's params. */
  record: RenderRecord;
  /** The words of the prompt it could not draw, in a sentence (coverage.ts). */
  notices: string[];
  /** What it took from reference images, for the image's params (references.ts); absent without references. */
  params?: ReferenceUse;
}

/** Renders one picture as PNG bytes. */
export async function renderImage(options: RenderOptions): Promise<Buffer> {
  return (await renderReport(options)).png;
}

export async function renderReport(options: RenderOptions): Promise<RenderReport> {
  const width = Math.round(options.width);
  const height = Math.round(options.height);
  if (!(width >= MIN_SIZE && width <= MAX_SIZE && height >= MIN_SIZE && height <= MAX_SIZE)) {
    throw new RangeError(`The local renderer draws ${MIN_SIZE}–${MAX_SIZE} pixels per side, not ${options.width}×${options.height}`);
  }
  const opts = { ...options, width, height };
  if (opts.source) return renderFromSource(opts, opts.source);
  if (opts.references?.length) return renderWithReferences({ ...opts, references: opts.references });
  const { pixels, transparent, notices } = await renderPrompt(opts);
  const record = recordOf(opts);
  return { png: await encodePng(pixels, transparent, record), record, notices };
}

export interface PromptRender {
  prompt: string;
  negativePrompt?: string;
  seed: number;
  width: number;
  height: number;
  style?: StylePreset | string;
  palette?: string[];
  background?: "transparent" | "opaque" | "auto";
  signal?: AbortSignal;
  /** The random streams to draw from; by default the one seeded by (prompt, seed). */
  streams?: Stream[];
  guide?: SceneGuide;
  /** Overrides the palette colours (a source's dominant colours). */
  paletteRgb?: Rgb[];
}

export interface Rendered {
  pixels: Pixels;
  transparent: boolean;
  streams: Stream[];
  notices: string[];
}

/** The stream seed of a (prompt, seed) pair: the prompt's words are part of it, so they move the composition. */
export const streamSeed = (prompt: string, seed: number) => hash32(`${analyzePrompt(prompt).key}\u0000${seed}`);

/** Renders a prompt to RGBA pixels. */
export async function renderPrompt(o: PromptRender): Promise<Rendered> {
  const analysis = analyzePrompt(o.prompt, o.negativePrompt);
  const style = resolveStyle(isStyle(o.style) ? o.style : undefined, analysis);
  const transparent = o.background === "transparent" || (style === "icon" && o.background !== "opaque");
  const palette = o.paletteRgb ?? (o.palette ?? []).map(parseHex).filter((c): c is Rgb => c !== null);
  const streams = o.streams ?? [{ seed: streamSeed(o.prompt, o.seed), weight: 1 }];
  const pixelArt = style === "pixel";
  const factor = pixelArt ? Math.max(2, Math.round(Math.max(o.width, o.height) / 128)) : 1;
  const w = Math.ceil(o.width / factor);
  const h = Math.ceil(o.height / factor);
  const scene = composeScene({ analysis, width: w, height: h, style, palette, transparent, streams, guide: o.guide });
  const defs = String(scene.ctx.defs);
  const textureSeed = streams[0].seed;
  o.signal?.throwIfAborted();
  let px = await rasterLayers(scene.back, w, h, defs, pixelArt);
  if (scene.water) reflectWater(px.data, w, h, scene.water, scene.ctx.p.c.water, scene.ctx.p.c.waterDeep, textureSeed);
  if (scene.front.length) px = await rasterLayers(scene.front, w, h, defs, pixelArt, px);
  o.signal?.throwIfAborted();
  finish(px, style, textureSeed, transparent);
  if (pixelArt) px = enlargeNearest(await quantize(px, 24), factor, o.width, o.height);
  return { pixels: px, transparent, streams, notices: scene.notices };
}

/** Rasterises layers in one pass, onto `base` if given; soft layers go in as pre-rendered, enlarged images. */
async function rasterLayers(layers: readonly Layer[], w: number, h: number, defs: string, crisp: boolean, base?: Pixels): Promise<Pixels> {
  const parts = await Promise.all(layers.map((layer) => (typeof layer === "string" ? layer : layer.soft ? softImage((size) => svgDocument(w, h, defs, layer.soft, false, size), w, h) : "")));
  const px = await rasterize(svgDocument(w, h, defs, parts.join(""), crisp), w, h);
  if (!base) return px;
  over(base.data, px.data);
  return base;
}

const isStyle = (s: string | undefined): s is StylePreset => !!s && (stylePresets as readonly string[]).includes(s);

export function recordOf(
  o: { prompt: string; negativePrompt?: string; seed: number; style?: string; palette?: string[] },
  extra: { streams?: Stream[]; derived?: boolean; guide?: SceneGuide; layouts?: RecordedLayout[] } = {},
): RenderRecord {
  // Streams are recorded only when they are not simply those of (prompt, seed).
  const plain = extra.streams?.length === 1 && extra.streams[0].seed === streamSeed(o.prompt, o.seed);
  const mixed = extra.streams && !plain ? extra.streams.map((s) => [s.seed, s.weight] as [number, number]) : undefined;
  return {
    v: 1, prompt: o.prompt, negativePrompt: o.negativePrompt || undefined, seed: o.seed, style: o.style ?? "none",
    palette: o.palette?.length ? o.palette : undefined, streams: mixed, guide: extra.guide, layouts: extra.layouts?.length ? extra.layouts : undefined,
    derived: extra.derived || undefined,
  };
}

export async function encodePng(px: Pixels, keepAlpha: boolean, record: RenderRecord): Promise<Buffer> {
  let img = sharp(px.data, { raw: { width: px.width, height: px.height, channels: 4 } });
  if (!keepAlpha) img = img.removeAlpha();
  const png = await img.png({ compressionLevel: 3 }).toBuffer();
  return withRecord(png, record);
}
