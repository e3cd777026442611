/** SVG to pixels (librsvg inside sharp's libvips) and the small pixel operations between layers. */
import { sharp } from "@/lib/processing/sharp";

export interface Pixels {
  /** RGBA, not premultiplied. */
  data: Buffer;
  width: number;
  height: number;
}

export async function rasterize(svg: string, width: number, height: number): Promise<Pixels> {
  const { data, info } = await sharp(Buffer.from(svg), { limitInputPixels: false, density: 72 })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (info.width !== width || info.height !== height) {
    const resized = await sharp(data, { raw: { width: info.width, height: info.height, channels: 4 } }).resize(width, height, { fit: "fill" }).raw().toBuffer();
    return { data: resized, width, height };
  }
  return { data, width, height };
}

/**
 * Soft markup (feathered clouds) rasterised at a quarter or half of the size and handed back as an <image> that
 * librsvg enlarges smoothly in the main pass: large feathered shapes are slow to fill at full size, and their
 * edges are blurred anyway.
 */
export async function softImage(svg: (size: { width: number; height: number }) => string, width: number, height: number): Promise<string> {
  const scale = Math.min(width, height) >= 768 ? 0.25 : Math.min(width, height) >= 384 ? 0.5 : 1;
  const small = { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
  const png = await sharp(Buffer.from(svg(small)), { limitInputPixels: false, density: 72 }).png({ compressionLevel: 1 }).toBuffer();
  const uri = `data:image/png;base64,${png.toString("base64")}`;
  return `<image x="0" y="0" width="${width}" height="${height}" preserveAspectRatio="none" href="${uri}" xlink:href="${uri}"/>`;
}

/** Paints `top` over `bottom` in place (both RGBA, same size). */
export function over(bottom: Buffer, top: Buffer): void {
  for (let i = 0; i < bottom.length; i += 4) {
    const a = top[i + 3];
    if (a === 0) continue;
    if (a === 255) {
      bottom[i] = top[i];
      bottom[i + 1] = top[i + 1];
      bottom[i + 2] = top[i + 2];
      bottom[i + 3] = 255;
      continue;
    }
    const ta = a / 255;
    const ba = bottom[i + 3] / 255;
    const oa = ta + ba * (1 - ta);
    for (let k = 0; k < 3; k++) bottom[i + k] = (top[i + k] * ta + bottom[i + k] * ba * (1 - ta)) / oa;
    bottom[i + 3] = oa * 255;
  }
}

/** Nearest-neighbour enlargement by an integer factor, cropped to the wanted size (pixel art). */
export function enlargeNearest(src: Pixels, factor: number, width: number, height: number): Pixels {
  const out = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    const sy = Math.min(src.height - 1, Math.floor(y / factor));
    for (let x = 0; x < width; x++) {
      const sx = Math.min(src.width - 1, Math.floor(x / factor));
      src.data.copy(out, (y * width + x) * 4, (sy * src.width + sx) * 4, (sy * src.width + sx) * 4 + 4);
    }
  }
  return { data: out, width, height };
}

/** Reduces pixels to a small palette (libimagequant through sharp's PNG palette mode), for pixel art. */
export async function quantize(px: Pixels, colours: number): Promise<Pixels> {
  const png = await sharp(px.data, { raw: { width: px.width, height: px.height, channels: 4 } }).png({ palette: true, colours, dither: 0, effort: 4 }).toBuffer();
  const { data } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: px.width, height: px.height };
}
