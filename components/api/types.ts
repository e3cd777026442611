/** The API's JSON shapes as the browser sees them (docs/api.md "Images", "Collections" and "Palettes"). */
import type { CollectionDto, ImageChildDto, ImageDto, ImagePageDto, PaletteDto, ParentDto } from "@/lib/images/dto-types";

// The image, collection and palette records are the server's own types (lib/images/dto-types.ts), under the names
// the UI reads them by.
export type { ImageKind, LineageEdge, ParentRole } from "@/lib/images/dto-types";
export type { PaletteColor, PaletteType } from "@/lib/processing/palette-extract";
export type StudioImage = ImageDto;
export type ImageParent = ParentDto;
export type ImageOperation = NonNullable<ImageDto["operation"]>;
export type ImageChild = ImageChildDto;

/** `GET /api/v1/images/{id}`: the image with its direct children and the palettes taken from it, oldest first. */
export interface StudioImageDetail extends StudioImage {
  children: ImageChild[];
  palettes: Palette[];
}

export type Palette = PaletteDto;

/** `GET /api/v1/images`: a page of the gallery (or the trash). */
export type ImagePage = ImagePageDto;

export type Collection = CollectionDto;

/** Same-origin file URLs of an image we only know by id. */
export const thumbnailUrlOf = (id: string) => `/api/v1/images/${encodeURIComponent(id)}/file?variant=thumbnail`;
/** Same-origin URL of the screen-sized rendition of an image we only know by id. */
export const previewUrlOf = (id: string) => `/api/v1/images/${encodeURIComponent(id)}/file?variant=preview`;
