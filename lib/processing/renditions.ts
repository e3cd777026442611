import type { DecodeLimits } from "./sharp";
import { openImage } from "./sharp";
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
}

/**
 * The derived files of an image: a ~1440 px WebP preview, a ~320 px WebP thumbnail and a ThumbHash
 * placeholder. Each is decoded from the original with shrink-on-load, in parallel.
 */
export async function makeRenditions(source: RenditionSource, limits: DecodeLimits): Promise<RenditionSet> {
  const fitsPreview = Math.max(source.width, source.height) <= renditionSizes.preview;
  const jobs: Promise<Rendition>[] = [render(source.data, "thumbnail", 72, limits)];
  // A WebP that already fits is served as its own preview: no second copy of the same pixels.
  if (!(fitsPreview && source.format === "webp")) jobs.push(render(source.data, "preview", 82, limits));
  const renditions = await Promise.all(jobs);
  const placeholder = await makePlaceholder(renditions[0].data);
  return { renditions, placeholder };
}

async function render(input: Uint8Array, variant: Rendition["variant"], quality: number, limits: DecodeLimits): Promise<Rendition> {
  const size = renditionSizes[variant];
  const { data, info } = await openImage(input, limits)
    .resize(size, size, { fit: "inside", withoutEnlargement: true })
    .webp({ quality, effort: variant === "thumbnail" ? 4 : 3 })
    .toBuffer({ resolveWithObject: true });
  return { variant, data, format: "webp", width: info.width, height: info.height };
}
