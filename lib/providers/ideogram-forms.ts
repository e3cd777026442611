import "server-only";
// The request bodies of Ideogram's API (multipart/form-data): our palette, mask and style presets in Ideogram's
// terms, and the uploads. Used by lib/providers/ideogram.ts; see its header for the documents followed.
import sharp from "sharp";
import { referenceLegend } from "./prompt";
import type { GenerateRequest, ReferenceImage, SourceImage, StylePreset } from "./types";

/** Our style presets as Ideogram 3.0's style_type plus words for the prompt (style_type alone is coarse). */
export const STYLES: Record<StylePreset, [string | undefined, string]> = {
  none: [undefined, ""], photorealistic: ["REALISTIC", ""], illustration: ["FICTION", "digital illustration"],
  "3d": ["FICTION", "3D render"], anime: ["FICTION", "anime style"], painting: ["FICTION", "painterly, visible brush strokes"],
  "pixel-art": ["DESIGN", "pixel art"], "line-art": ["DESIGN", "clean line art"], icon: ["DESIGN", "simple flat app icon, centered"],
};

const UPLOAD_TYPES = ["image/png", "image/jpeg", "image/webp"];

/**
 * Our palette as Ideogram 3.0's `color_palette` members, weights descending from 1 (the documented range is
 * 0.05–1.0, and descending weights are recommended) so the first colour leads.
 */
export function ideogramPalette(palette: string[]): string {
  const members = palette.map((hex, i) => ({ color_hex: hex, color_weight: Math.max(0.05, Math.round((1 - i / palette.length) * 100) / 100) }));
  return JSON.stringify({ members });
}

/**
 * Our mask (white = change, black = keep, any size) as Ideogram's: black = edit, white = keep, exactly the
 * source's size, pure black and white. Transparent pixels count as "keep".
 */
export async function toIdeogramMask(mask: SourceImage, width: number, height: number): Promise<Buffer> {
  return sharp(mask.data)
    .flatten({ background: "#000000" })
    .resize(width, height, { fit: "fill" })
    .greyscale()
    .threshold(128)
    .negate({ alpha: false })
    .toColourspace("b-w")
    .png()
    .toBuffer();
}

/** Image bytes in a format the uploads accept (JPEG, PNG, WebP), as a multipart file. */
export async function upload(image: SourceImage): Promise<Blob> {
  const png = UPLOAD_TYPES.includes(image.mimeType) ? image.data : await sharp(image.data).png().toBuffer();
  return new Blob([new Uint8Array(png)], { type: UPLOAD_TYPES.includes(image.mimeType) ? image.mimeType : "image/png" });
}

/** Strength (0 = keep the source, 1 = move freely) as `image_weight` (1–100, how closely to follow the source). */
export const imageWeight = (strength: number) => String(Math.min(100, Math.max(1, Math.round((1 - strength) * 100))));

/** "maximum total size 10MB across all style references" (generate-v3, remix-v3, edit-v3). */
export const STYLE_REFERENCE_BYTES = 10 * 1024 * 1024;

/** Ideogram has no label field: the labels go into the prompt, numbered as sent (`offset` 1 when a source leads). */
export function withLegend(request: GenerateRequest, offset: number): GenerateRequest {
  const legend = referenceLegend(request.references, offset);
  return legend ? { ...request, prompt: `${request.prompt.trim()} ${legend}` } : request;
}

/** 3.0's style_reference_images: one file part per reference, in order. */
export async function appendStyleReferences(form: FormData, references: ReferenceImage[]): Promise<void> {
  for (const [i, reference] of references.entries()) {
    const file = await upload(reference);
    form.append("style_reference_images", file, `style-${i + 1}.${file.type.split("/")[1].replace("jpeg", "jpg")}`);
  }
}
