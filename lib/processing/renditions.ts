import type { DecodeLimits, Sharp } from "./sharp";
import { openImage, openRaw } from "./sharp";
import { makePlaceholder } from "./placeholder";

export interface Rendition {
  variant: "preview" | "thumbnail";
  data: Buffer;
  format: "webp";
  width: number;
  height: number;
}

export interface RenditionSet {
  renditions: Rendition[];
  placeholder: string;
}

export const renditionSizes = { preview: 1440, thumbnail: 320 } as const;

export interface RenditionSource {
  data: Uint8Array;
  width: number;
  height: number;
  /** The stored original's format: a WebP original small enough is its own preview. */
  format: string;
  /** Frames of an animated original: its renditions are stills of its first frame (never the animation itself). */
  frames?: number;
}

/** Raw pixels as `runOperations` holds them between steps. */
export interface RawPixels {
  width: number;
  height: number;
  channels: 1 | 2 | 3 | 4;
}

/**
 * The derived files of an image: a ~1440 px WebP preview, a ~320 px WebP thumbnail and a ThumbHash
 * placeholder, decoded from the original with shrink-on-load. An animation's are made from its first frame
 * (`openImage` reads one page).
 */
export function makeRenditions(source: RenditionSource, limits: DecodeLimits): Promise<RenditionSet> {
  return renditionSet(source, () => openImage(source.data, limits));
}

/**
 * Starts the renditions of a processing result from its raw pixels, while the result itself is being encoded:
 * no decode of the encoded result, and the work overlaps the encoder (libwebp encodes on one thread).
 * `runOperations` hands them on with the result (`ProcessedImage.renditions`).
 */
export function renditionsFromPixels(pixels: Buffer, info: RawPixels, format: string): Promise<RenditionSet> {
  const set = renditionSet({ width: info.width, height: info.height, format }, () => openRaw(pixels, info));
  // Nobody may collect it (the encode failed, or the caller does not store the result): not an unhandled rejection.
  set.catch(() => {});
  return set;
}

async function renditionSet(source: Omit<RenditionSource, "data">, open: () => Sharp): Promise<RenditionSet> {
  const fitsPreview = Math.max(source.width, source.height) <= renditionSizes.preview;
  // A WebP that already fits is served as its own preview: no second copy of the same pixels.
  if (fitsPreview && source.format === "webp" && (source.frames ?? 1) === 1) {
    const thumbnail = await render(open(), "thumbnail", 72);
    return { renditions: [thumbnail], placeholder: await makePlaceholder(thumbnail.data) };
  }
  // One pass over the big pixels: the preview, then the thumbnail from the preview's pixels (a large photo is
  // decoded once, not twice at the same time, which keeps peak memory down; see bench/processing.ts).
  const preview = await open()
    .resize(renditionSizes.preview, renditionSizes.preview, { fit: "inside", withoutEnlargement: true })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const pixels = preview.info as RawPixels;
  const [previewFile, thumbnail] = await Promise.all([
    encodeRendition(openRaw(preview.data, pixels), "preview", 82),
    render(openRaw(preview.data, pixels), "thumbnail", 72),
  ]);
  return { renditions: [thumbnail, previewFile], placeholder: await makePlaceholder(thumbnail.data) };
}

async function encodeRendition(image: Sharp, variant: Rendition["variant"], quality: number): Promise<Rendition> {
  const { data, info } = await image.webp({ quality, effort: variant === "thumbnail" ? 4 : 3 }).toBuffer({ resolveWithObject: true });
  return { variant, data, format: "webp", width: info.width, height: info.height };
}

function render(image: Sharp, variant: Rendition["variant"], quality: number): Promise<Rendition> {
  const size = renditionSizes[variant];
  return encodeRendition(image.resize(size, size, { fit: "inside", withoutEnlargement: true }), variant, quality);
}
