/** The API's JSON shapes as the browser sees them (docs/api.md "Images" and "Collections"). */
export type ImageKind = "generated" | "uploaded" | "processed";

export interface ImageOperation {
  type: string;
  params: unknown;
}

/** How a picture was used to make another: the one edited or varied, an input reference, a refinement's mask. */
export type ParentRole = "source" | "reference" | "mask";

export interface ImageParent {
  id: string;
  role: ParentRole;
  /** Order within the role (references: 0, 1, 2… as sent to the provider). */
  position: number;
  label: string | null;
  /** sha-256 of the parent's original as it was used (absent from older servers). */
  checksum?: string | null;
}

/** An edge of the lineage graph (`GET /api/v1/images/{id}/lineage`). */
export interface LineageEdge {
  parent: string;
  child: string;
  role: ParentRole;
  position: number;
  label: string | null;
}

export interface StudioImage {
  id: string;
  kind: ImageKind;
  /** Its source, or (made from references only) its first reference; null when it was made from nothing. */
  parentId: string | null;
  /** Every picture it was made from, with its role (absent from older servers). */
  parents?: ImageParent[];
  /** The collection it was most recently added to (the first of `collectionIds`), or null. */
  collectionId: string | null;
  /** Every collection (board) it is on, most recently added first (absent from older servers). */
  collectionIds?: string[];
  width: number;
  height: number;
  format: string;
  bytes: number;
  hasAlpha: boolean;
  /** Frames of an animated GIF/WebP (absent from older servers: 1); the original (`url`) plays, the renditions are its first frame. */
  frames?: number;
  url: string;
  previewUrl: string;
  thumbnailUrl: string;
  /** ThumbHash, base64. */
  placeholder: string | null;
  originalName: string | null;
  prompt: string | null;
  /** The prompt as sent to the provider (with the style's words), when the API reports it. */
  effectivePrompt?: string | null;
  negativePrompt?: string | null;
  provider: string | null;
  model: string | null;
  seed: number | null;
  style?: string | null;
  /** Generation parameters (size, aspect ratio, n, imageType, …) as recorded. */
  params?: unknown;
  /** What to know about the picture, in words (the local renderer: what of the prompt it did not draw). */
  notices?: string[];
  costUsd?: number | null;
  operation: ImageOperation | null;
  /** How its pixels were made (IPTC digital source type: the AI marking); null or absent: not known to be AI-made. */
  digitalSourceType?: "trainedAlgorithmicMedia" | "compositeWithTrainedAlgorithmicMedia" | "algorithmicMedia" | "compositeSynthetic" | null;
  createdAt: string;
  /** In the trash since then (null or absent: not in the trash); it is deleted for good at `purgeAt`. */
  deletedAt?: string | null;
  purgeAt?: string | null;
}

export interface ImageChild {
  id: string;
  kind: ImageKind;
  operation: ImageOperation | null;
  width: number;
  height: number;
  thumbnailUrl: string;
  placeholder: string | null;
  createdAt: string;
}

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

export interface Collection {
  id: string;
  name: string;
  slug: string;
  imageCount: number;
  coverThumbnailUrls: string[];
}

/** Same-origin file URLs of an image we only know by id. */
export const thumbnailUrlOf = (id: string) => `/api/v1/images/${encodeURIComponent(id)}/file?variant=thumbnail`;
/** Same-origin URL of the screen-sized rendition of an image we only know by id. */
export const previewUrlOf = (id: string) => `/api/v1/images/${encodeURIComponent(id)}/file?variant=preview`;
