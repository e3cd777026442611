/** The API's JSON shapes as the browser sees them (API.md "Images" and "Collections"). */
export type ImageKind = "generated" | "uploaded" | "processed";

export interface ImageOperation {
  type: string;
  params: unknown;
}

export interface StudioImage {
  id: string;
  kind: ImageKind;
  parentId: string | null;
  collectionId: string | null;
  width: number;
  height: number;
  format: string;
  bytes: number;
  hasAlpha: boolean;
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
  costUsd?: number | null;
  operation: ImageOperation | null;
  createdAt: string;
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
