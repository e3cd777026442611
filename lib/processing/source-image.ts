/** A picture handed to a provider: a source to edit, a reference, an expand's canvas or mask. */
export interface SourceImage {
  data: Buffer;
  mimeType: string;
  width: number;
  height: number;
  /** What the studio knows of how the picture was made (its Image row), so a provider that made it can redraw it. */
  origin?: SourceOrigin;
}

/** A source picture's Image row, as far as a provider may use it (stored files carry no metadata). */
export interface SourceOrigin {
  provider: string | null;
  prompt: string | null;
  negativePrompt: string | null;
  seed: number | null;
  style: string | null;
  /** The row's `params` (what `GeneratedImage.params` added is in there). */
  params: unknown;
  /** The operation that made it ("refine", "variations"), if any. */
  operation: string | null;
}
