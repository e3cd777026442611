import type { Sharp } from "./sharp";
import type { OutputFormat } from "./formats";

export interface EncodeOptions {
  format: OutputFormat;
  /** 1–100; lossy formats only (PNG is lossless and ignores it). */
  quality?: number;
}

/** Default qualities chosen for photographs: visually lossless at reasonable size. */
const defaultQuality: Record<OutputFormat, number> = { jpeg: 90, webp: 90, avif: 65, png: 100 };

/** Sets the output encoder of a pipeline. JPEG has no alpha, so transparent pixels are flattened on white. */
export function encodeAs(image: Sharp, options: EncodeOptions, hasAlpha = false): Sharp {
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
