import type { Sharp } from "./sharp";
import type { OutputFormat } from "./formats";

export interface EncodeOptions {
  format: OutputFormat;
  /** 1–100; lossy formats only (PNG is lossless and ignores it). */
  quality?: number;
  /**
   * An XMP packet the encoder writes into the file (the AI marking). Used for AVIF, whose container cannot take a
   * packet afterwards without a second encode (lib/processing/xmp-embed.ts puts it into the other formats).
   */
  xmp?: string;
}

/** Default qualities chosen for photographs: visually lossless at reasonable size. */
const defaultQuality: Record<OutputFormat, number> = { jpeg: 90, webp: 90, avif: 65, png: 100 };

/** Sets the output encoder of a pipeline. JPEG has no alpha, so transparent pixels are flattened on white. */
export function encodeAs(input: Sharp, options: EncodeOptions, hasAlpha = false): Sharp {
  const image = options.xmp ? input.withXmp(options.xmp) : input;
  const quality = options.quality ?? defaultQuality[options.format];
  switch (options.format) {
    case "jpeg":
      return (hasAlpha ? image.flatten({ background: "#ffffff" }) : image).jpeg({ quality, mozjpeg: false, chromaSubsampling: quality >= 90 ? "4:4:4" : "4:2:0" });
    case "png":
      return image.png({ compressionLevel: 6, adaptiveFiltering: true });
    case "webp":
      return image.webp({ quality, effort: 4, alphaQuality: 90 });
    case "avif":
      return image.avif({ quality, effort: 2 });
  }
}
