import { openImage, type DecodeLimits } from "./sharp";

export interface IconRendition {
  variant: `icon-${number}`;
  data: Buffer;
  format: "png";
  width: number;
  height: number;
}

/** The standard icon sizes of a square icon: PNG, centred, transparent padding when the source is not square. */
export async function makeIconRenditions(source: Uint8Array, sizes: number[], limits: DecodeLimits): Promise<IconRendition[]> {
  return Promise.all(
    sizes.map(async (size) => {
      const data = await openImage(source, limits)
        .resize(size, size, { fit: "contain", background: { r: 0, g: 0, b: 0, alpha: 0 }, kernel: "lanczos3" })
        .png({ compressionLevel: 9, adaptiveFiltering: true })
        .toBuffer();
      return { variant: `icon-${size}` as const, data, format: "png" as const, width: size, height: size };
    }),
  );
}
