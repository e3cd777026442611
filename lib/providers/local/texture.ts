/** Small procedural textures (nebulae, mottling) embedded in the SVG as PNG data URLs; librsvg scales them smoothly. */
import { deflateSync } from "node:zlib";
import { mix, type Rgb } from "./color";
import { fbm2D } from "./random";
import { f } from "./svg";

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc = (b: Buffer) => {
  let c = 0xffffffff;
  for (const x of b) c = crcTable[(c ^ x) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};

function chunk(type: string, body: Buffer): Buffer {
  const out = Buffer.alloc(12 + body.length);
  out.writeUInt32BE(body.length, 0);
  out.write(type, 4, "latin1");
  body.copy(out, 8);
  out.writeUInt32BE(crc(out.subarray(4, 8 + body.length)), 8 + body.length);
  return out;
}

/** A minimal RGBA PNG encoder (filter 0, one IDAT): enough for textures of a few thousand pixels. */
export function encodeRgbaPng(width: number, height: number, rgba: Uint8Array): Buffer {
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk("IHDR", ihdr), chunk("IDAT", deflateSync(raw, { level: 6 })), chunk("IEND", Buffer.alloc(0))]);
}

/** Coloured clouds of gas: fractal noise mapped through the colours, transparent where thin. */
export function nebula(w: number, h: number, colours: Rgb[], seed: number, density: number): string {
  const tw = 96;
  const th = Math.max(8, Math.round((tw * h) / w));
  const px = new Uint8Array(tw * th * 4);
  for (let y = 0; y < th; y++) {
    for (let x = 0; x < tw; x++) {
      const u = (x / tw) * 3.2;
      const v = (y / tw) * 3.2;
      const warp = fbm2D(u + 7, v + 3, seed + 11, 3);
      const n = fbm2D(u + warp * 1.6, v + warp * 1.2, seed, 5);
      const hue = fbm2D(u * 0.6 + 20, v * 0.6, seed + 5, 2);
      const k = Math.max(0, (n - (0.55 - density * 0.2)) / 0.25);
      const t = Math.min(1, Math.max(0, hue * 1.6 - 0.3)) * (colours.length - 1);
      const i0 = Math.floor(t);
      const col = mix(colours[i0], colours[Math.min(colours.length - 1, i0 + 1)], t - i0);
      const o = (y * tw + x) * 4;
      px[o] = col[0];
      px[o + 1] = col[1];
      px[o + 2] = col[2];
      px[o + 3] = Math.min(255, Math.pow(k, 1.3) * 210);
    }
  }
  const uri = "data:image/png;base64," + encodeRgbaPng(tw, th, px).toString("base64");
  return `<image x="0" y="0" width="${f(w)}" height="${f(h)}" preserveAspectRatio="none" href="${uri}" xlink:href="${uri}"/>`;
}

/** The glow of the Milky Way: a band through (cx, cy) at `angle` degrees, mottled with dust lanes. */
export function milkyWayTexture(w: number, h: number, cx: number, cy: number, angle: number, tint: Rgb, seed: number): string {
  const tw = 128;
  const th = Math.max(8, Math.round((tw * h) / w));
  const px = new Uint8Array(tw * th * 4);
  const a = (angle * Math.PI) / 180;
  const nx = -Math.sin(a);
  const ny = Math.cos(a);
  const s = Math.min(w, h);
  const warm: Rgb = [255, 222, 190];
  for (let y = 0; y < th; y++) {
    for (let x = 0; x < tw; x++) {
      const X = (x / tw) * w;
      const Y = (y / th) * h;
      const along = (X - cx) * Math.cos(a) + (Y - cy) * Math.sin(a);
      const d = ((X - cx) * nx + (Y - cy) * ny) / (s * 0.13);
      const band = Math.exp(-d * d);
      const core = Math.exp(-(along * along) / (s * s * 0.08));
      const mottle = fbm2D(x / 14, y / 14, seed, 4);
      const dust = Math.max(0, fbm2D(x / 9 + 5, y / 9, seed + 7, 3) - 0.45) * 2.2 * Math.exp(-d * d * 4);
      const k = Math.max(0, band * (0.35 + mottle * 0.9) * (0.55 + core * 0.7) - dust);
      const col = mix(tint, warm, Math.min(1, core * band));
      const o = (y * tw + x) * 4;
      px[o] = col[0];
      px[o + 1] = col[1];
      px[o + 2] = col[2];
      px[o + 3] = Math.min(255, k * 190);
    }
  }
  const uri = "data:image/png;base64," + encodeRgbaPng(tw, th, px).toString("base64");
  return `<image x="0" y="0" width="${f(w)}" height="${f(h)}" preserveAspectRatio="none" href="${uri}" xlink:href="${uri}"/>`;
}
