import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";

/**
 * A synthetic 12 MP "photograph": smooth lighting gradients, textured mid frequencies, soft and hard-edged shapes
 * and fine sensor-like grain, so that it compresses like a real photo (≈3–5 MB as a quality-90 JPEG) rather than
 * like a flat test card (tiny) or pure noise (huge). Deterministic (seeded), generated once and cached on disk.
 */
export const photoSpec = { width: 4000, height: 3000, quality: 90, seed: 0x5eed, version: 2 } as const;

export interface PhotoFixture {
  path: string;
  bytes: Buffer;
  /** True when this call generated the file (false: read from the cache). */
  generated: boolean;
  generateMs?: number;
}

export function photoCachePath(): string {
  const { width, height, quality, seed, version } = photoSpec;
  const dir = process.env.BENCH_CACHE_DIR ?? path.join(os.tmpdir(), "image-studio-bench-cache");
  // libvips renders the shapes and encodes the JPEG: a different libvips may give different bytes.
  return path.join(dir, `photo-${width}x${height}-q${quality}-s${seed}-v${version}-vips${sharp.versions.vips}.jpg`);
}

export async function photoJpeg(): Promise<PhotoFixture> {
  const file = photoCachePath();
  if (existsSync(file)) return { path: file, bytes: readFileSync(file), generated: false };
  const started = performance.now();
  const bytes = await generatePhoto();
  mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, bytes);
  renameSync(temp, file);
  return { path: file, bytes, generated: true, generateMs: performance.now() - started };
}

/** mulberry32: a tiny seeded PRNG, so every machine benchmarks the same picture. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function generatePhoto(): Promise<Buffer> {
  const { width: W, height: H, quality, seed } = photoSpec;
  const rand = prng(seed);
  const colour = () => `rgb(${Math.floor(rand() * 256)},${Math.floor(rand() * 256)},${Math.floor(rand() * 256)})`;
  const raw = (channels: 1 | 3 | 4, w: number = W, h: number = H) => ({ raw: { width: w, height: h, channels } });

  // 1. Lighting (low frequency, so computed at quarter size and upscaled): a sky-to-ground gradient, a warm
  //    light source, a gentle undulation, plus out-of-focus blobs (soft shapes) blurred at that scale.
  const lw = W / 4, lh = H / 4;
  const light = Buffer.alloc(lw * lh * 3);
  const sunX = lw * 0.7, sunY = lh * 0.25;
  for (let y = 0; y < lh; y++) {
    const v = y / lh;
    for (let x = 0; x < lw; x++) {
      const u = x / lw;
      const glow = Math.exp((-Math.hypot(x - sunX, y - sunY) / lw) * 4) * 90;
      const wave = 18 * Math.sin(u * 7.1 + v * 3.3) + 12 * Math.sin(u * 2.3 - v * 9.7);
      const ground = v < 0.55 ? 0 : (v - 0.55) * 160;
      const i = (y * lw + x) * 3;
      light[i] = clamp(60 + 110 * (1 - v) + glow + wave + ground * 0.4);
      light[i + 1] = clamp(80 + 90 * (1 - v) + glow * 0.8 + wave * 0.7 + ground * 0.1);
      light[i + 2] = clamp(120 + 100 * (1 - v) + glow * 0.4 - wave * 0.5 - ground * 0.9);
    }
  }
  const blobs: string[] = [];
  for (let i = 0; i < 120; i++) {
    const r = 5 + rand() * 70;
    blobs.push(`<ellipse cx="${(rand() * lw).toFixed(1)}" cy="${(rand() * lh).toFixed(1)}" rx="${r.toFixed(1)}" ry="${(r * (0.4 + rand())).toFixed(1)}" fill="${colour()}" fill-opacity="${(0.25 + rand() * 0.5).toFixed(2)}"/>`);
  }
  const lit = await sharp(light, raw(3, lw, lh))
    .composite([{ input: Buffer.from(svg(lw, lh, blobs)) }])
    .blur(3)
    .resize(W, H, { kernel: "cubic" })
    .removeAlpha()
    .raw()
    .toBuffer();

  // 2. In-focus detail at full size: crisp polygons and thin strokes (edges are what JPEG spends bits on).
  const shapes: string[] = [];
  for (let i = 0; i < 260; i++) {
    const x = rand() * W, y = rand() * H, s = 20 + rand() * 240, n = 3 + Math.floor(rand() * 5);
    const points = Array.from({ length: n }, (_, k) => {
      const a = (k / n) * Math.PI * 2 + rand() * 0.8;
      const r = s * (0.5 + rand());
      return `${(x + Math.cos(a) * r).toFixed(0)},${(y + Math.sin(a) * r).toFixed(0)}`;
    });
    shapes.push(`<polygon points="${points.join(" ")}" fill="${colour()}" fill-opacity="${(0.35 + rand() * 0.6).toFixed(2)}"/>`);
  }
  for (let i = 0; i < 300; i++) {
    const x = rand() * W, y = rand() * H, a = rand() * Math.PI * 2, l = 40 + rand() * 500;
    shapes.push(`<line x1="${x.toFixed(0)}" y1="${y.toFixed(0)}" x2="${(x + Math.cos(a) * l).toFixed(0)}" y2="${(y + Math.sin(a) * l).toFixed(0)}" stroke="${colour()}" stroke-width="${(1 + rand() * 5).toFixed(1)}" stroke-opacity="0.8"/>`);
  }
  const scene = await sharp(lit, raw(3))
    .composite([{ input: Buffer.from(svg(W, H, shapes)) }])
    .removeAlpha()
    .raw()
    .toBuffer();

  // 3. Texture at two scales, modulating the scene: a mid-frequency field (foliage, fabric, gravel) and fine
  //    per-pixel sensor grain.
  const tw = Math.round(W / 3), th = Math.round(H / 3);
  const coarse = Buffer.alloc(tw * th);
  for (let i = 0; i < coarse.length; i++) coarse[i] = clamp(128 + (rand() + rand() + rand() - 1.5) * 100);
  const texture = await sharp(coarse, raw(1, tw, th)).resize(W, H, { kernel: "cubic" }).blur(0.8).raw().toBuffer();
  for (let p = 0, i = 0; p < W * H; p++, i += 3) {
    const t = (texture[p] - 128) * TEXTURE;
    scene[i] = clamp(scene[i] + t + (rand() - 0.5) * GRAIN);
    scene[i + 1] = clamp(scene[i + 1] + t + (rand() - 0.5) * GRAIN);
    scene[i + 2] = clamp(scene[i + 2] + t + (rand() - 0.5) * GRAIN);
  }
  return sharp(scene, raw(3)).jpeg({ quality }).toBuffer();
}

/** Texture and grain strength: tuned so the quality-90 JPEG is ≈3.5 MB (a 12 MP phone photo is 3–5 MB). */
const TEXTURE = 0.45;
const GRAIN = 12;
const svg = (w: number, h: number, body: string[]) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">${body.join("")}</svg>`;

const clamp = (v: number) => (v < 0 ? 0 : v > 255 ? 255 : v | 0);

/**
 * The test photo scaled to about `megapixels` MP (aspect ratio kept) and re-encoded as a quality-90 4:2:0 JPEG,
 * like a camera's smaller size setting. Deterministic; cached on disk next to the 12 MP original.
 */
export async function scaledPhotoJpeg(megapixels: number): Promise<PhotoFixture & { width: number; height: number }> {
  const { width: W, height: H, quality } = photoSpec;
  const scale = Math.min(1, Math.sqrt((megapixels * 1e6) / (W * H)));
  const width = Math.round(W * scale), height = Math.round(H * scale);
  const original = await photoJpeg();
  if (width === W && height === H) return { ...original, width, height };
  const file = original.path.replace(/\.jpg$/, `-${width}x${height}.jpg`);
  if (existsSync(file)) return { path: file, bytes: readFileSync(file), generated: false, width, height };
  const started = performance.now();
  const bytes = await sharp(original.bytes).resize(width, height).jpeg({ quality }).toBuffer();
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, bytes);
  renameSync(temp, file);
  return { path: file, bytes, generated: true, generateMs: performance.now() - started, width, height };
}
