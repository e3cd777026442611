import "server-only";
// The request bodies of Ideogram's API (multipart/form-data): our palette, mask and style presets in Ideogram's
// terms, and the uploads. Used by lib/providers/ideogram.ts; see its header for the documents followed.
import sharp from "sharp";
import type { SourceImage, StylePreset } from "./types";

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
