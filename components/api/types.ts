/** The API's JSON shapes as the browser sees them (docs/api.md "Images" and "Collections"). */
import type { CollectionDto, ImageChildDto, ImageDto, ParentDto } from "@/lib/images/dto-types";

// The image and collection records are the server's own types (lib/images/dto-types.ts), under the names the UI reads them by.
export type { ImageKind, LineageEdge, ParentRole } from "@/lib/images/dto-types";
export type StudioImage = ImageDto;
export type ImageParent = ParentDto;
export type ImageOperation = NonNullable<ImageDto["operation"]>;
export type ImageChild = ImageChildDto;

export interface StudioImageDetail extends StudioImage {
  children: ImageChild[];
  /** The palettes taken from this image, oldest first (absent from older servers). */
  palettes?: Palette[];
}

/** How a palette was taken from an image (docs/api.md "Palettes"); "custom" ones were given by hand. */
export type PaletteType = "dominant" | "vibrant" | "muted";

export interface PaletteColor {
  /** "#rrggbb", lowercase. */
  hex: string;
  rgb: [number, number, number];
  /** Hue 0–359, saturation 0–100, value 0–100. */
  hsv: [number, number, number];
  /** The closest readable colour name ("crimson", "navy blue"). */
  name: string;
  /** Share of the image's opaque pixels, 0–1 (absent for colours given by hand). */
  proportion?: number;
}

export interface Palette {
  id: string;
  imageId: string | null;
  name: string;
  type: PaletteType | "custom";
  colors: PaletteColor[];
  createdAt: string;
}

export interface ImagePage {
  items: StudioImage[];
  nextCursor: string | null;
}

export type Collection = CollectionDto;

/** Same-origin file URLs of an image we only know by id. */
export const thumbnailUrlOf = (id: string) => `/api/v1/images/${encodeURIComponent(id)}/file?variant=thumbnail`;
/** Same-origin URL of the screen-sized rendition of an image we only know by id. */
export const previewUrlOf = (id: string) => `/api/v1/images/${encodeURIComponent(id)}/file?variant=preview`;
