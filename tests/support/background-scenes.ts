/**
 * A test set for background removal with known masks (lib/processing/background.test.ts, bench/tools.ts):
 * each scene is a subject drawn as SVG (anti-aliased by librsvg) over a backdrop, plus the same subject filled
 * white on black as its true mask. Deterministic noise (scan grain, sensor noise) is added in pixels.
 */
import sharp from "sharp";

export interface Scene {
  name: string;
  /** PNG (or JPEG) bytes of the picture. */
  data: Buffer;
  /** True mask: 1 = subject, one byte per pixel. */
  mask: Uint8Array;
  width: number;
  height: number;
}

type Subject = (s: number, fill: (normal: string) => string) => string;

interface SceneSpec {
  name: string;
  backdrop: (w: number, h: number) => string;
  subject: Subject;
  /** Per-channel noise amplitude (± levels, roughly uniform), and whether it is monochrome (paper grain). */
  noise?: number;
  format?: "png" | "jpeg";
}

const svg = (w: number, h: number, body: string) =>
  Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">${body}</svg>`);

/** Icon: flat shapes on white — a ring (its hole is background), a rounded square, a star. */
const icon: Subject = (s, fill) => `
  <circle cx="${30 * s}" cy="${32 * s}" r="${18 * s}" fill="none" stroke="${fill("#1f6feb")}" stroke-width="${9 * s}"/>
  <rect x="${58 * s}" y="${16 * s}" width="${34 * s}" height="${34 * s}" rx="${7 * s}" fill="${fill("#e5534b")}"/>
  <polygon points="${[[75, 56], [81, 70], [96, 70], [84, 79], [89, 94], [75, 85], [61, 94], [66, 79], [54, 70], [69, 70]].map(([x, y]) => `${x * s},${y * s}`).join(" ")}" fill="${fill("#d4a72c")}"/>
  <rect x="${14 * s}" y="${62 * s}" width="${34 * s}" height="${14 * s}" rx="${7 * s}" fill="${fill("#2da44e")}"/>`;

/** Product: a shaded bottle (body, shoulder, cap) standing on the floor of the frame. */
const product: Subject = (s, fill) => `
  <defs><linearGradient id="body" x1="0" x2="1" y1="0" y2="0">
    <stop offset="0" stop-color="#3b5f3a"/><stop offset="0.35" stop-color="#7fb27c"/><stop offset="0.55" stop-color="#5c8f59"/><stop offset="1" stop-color="#20361f"/>
  </linearGradient>
  <linearGradient id="cap" x1="0" x2="1"><stop offset="0" stop-color="#5a3a1a"/><stop offset="0.4" stop-color="#b07a3c"/><stop offset="1" stop-color="#3e2710"/></linearGradient></defs>
  <rect x="${34 * s}" y="${38 * s}" width="${32 * s}" height="${50 * s}" rx="${6 * s}" fill="${fill("url(#body)")}"/>
  <path d="M ${34 * s} ${44 * s} Q ${36 * s} ${28 * s} ${45 * s} ${24 * s} L ${55 * s} ${24 * s} Q ${64 * s} ${28 * s} ${66 * s} ${44 * s} Z" fill="${fill("url(#body)")}"/>
  <rect x="${44 * s}" y="${12 * s}" width="${12 * s}" height="${14 * s}" rx="${2 * s}" fill="${fill("url(#cap)")}"/>`;

/** Scan: ink shapes on paper — a stamp ring, thick strokes of "writing", a signature blob. */
const scan: Subject = (s, fill) => `
  <circle cx="${74 * s}" cy="${28 * s}" r="${14 * s}" fill="none" stroke="${fill("#9b2c2c")}" stroke-width="${4 * s}"/>
  <path d="M ${12 * s} ${30 * s} C ${22 * s} ${14 * s}, ${30 * s} ${46 * s}, ${44 * s} ${26 * s} S ${54 * s} ${40 * s}, ${58 * s} ${30 * s}" fill="none" stroke="${fill("#1b2a4a")}" stroke-width="${3.5 * s}" stroke-linecap="round"/>
  <rect x="${12 * s}" y="${52 * s}" width="${70 * s}" height="${5 * s}" fill="${fill("#222222")}"/>
  <rect x="${12 * s}" y="${64 * s}" width="${54 * s}" height="${5 * s}" fill="${fill("#222222")}"/>
  <ellipse cx="${40 * s}" cy="${84 * s}" rx="${20 * s}" ry="${6 * s}" fill="${fill("#1b2a4a")}"/>`;

/** Studio portrait: head and shoulders in a jumper, cut by the bottom of the frame. */
const studio: Subject = (s, fill) => `
  <defs><radialGradient id="skin" cx="0.4" cy="0.35" r="0.7"><stop offset="0" stop-color="#f0c7a4"/><stop offset="1" stop-color="#a86f4c"/></radialGradient>
  <linearGradient id="wool" x1="0" x2="1"><stop offset="0" stop-color="#6b1d2a"/><stop offset="0.5" stop-color="#b23a48"/><stop offset="1" stop-color="#5a1722"/></linearGradient></defs>
  <path d="M ${14 * s} ${100 * s} Q ${16 * s} ${66 * s} ${50 * s} ${62 * s} Q ${84 * s} ${66 * s} ${86 * s} ${100 * s} Z" fill="${fill("url(#wool)")}"/>
  <rect x="${43 * s}" y="${50 * s}" width="${14 * s}" height="${16 * s}" fill="${fill("url(#skin)")}"/>
  <ellipse cx="${50 * s}" cy="${36 * s}" rx="${15 * s}" ry="${19 * s}" fill="${fill("url(#skin)")}"/>
  <path d="M ${35 * s} ${32 * s} Q ${38 * s} ${14 * s} ${50 * s} ${16 * s} Q ${64 * s} ${14 * s} ${66 * s} ${32 * s} Q ${58 * s} ${22 * s} ${35 * s} ${32 * s} Z" fill="${fill("#2b1d14")}"/>`;

const specs: SceneSpec[] = [
  { name: "icon on white", backdrop: () => `<rect width="100%" height="100%" fill="#ffffff"/>`, subject: icon },
  {
    name: "product on a graded backdrop",
    backdrop: () => `<defs><linearGradient id="bg" x1="0" x2="0" y1="0" y2="1"><stop offset="0" stop-color="#f5f5f3"/><stop offset="1" stop-color="#d6d6d2"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#bg)"/>`,
    subject: product,
    noise: 2,
    format: "jpeg",
  },
  { name: "scan on noisy paper", backdrop: () => `<rect width="100%" height="100%" fill="#f1ece0"/>`, subject: scan, noise: 10 },
  {
    name: "studio portrait on a grey sweep",
    backdrop: () => `<defs><radialGradient id="bg" cx="0.5" cy="0.4" r="0.75"><stop offset="0" stop-color="#a9adb1"/><stop offset="1" stop-color="#5f6367"/></radialGradient></defs><rect width="100%" height="100%" fill="url(#bg)"/>`,
    subject: studio,
    noise: 4,
  },
];

function lcg(seed: number) {
  let state = seed >>> 0;
  return () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

async function render(spec: SceneSpec, width: number, height: number, seed: number): Promise<Scene> {
  // The subject's 100×100 design box, scaled to fit and centred horizontally, sitting on the bottom edge.
  const s = Math.min(width, height) / 100;
  const dx = (width - 100 * s) / 2, dy = height - 100 * s;
  const place = (body: string) => `<g transform="translate(${dx} ${dy})">${body}</g>`;
  const picture = await sharp(svg(width, height, spec.backdrop(width, height) + place(spec.subject(s, (f) => f)))).removeAlpha().raw().toBuffer();
  const maskRaw = await sharp(svg(width, height, `<rect width="100%" height="100%" fill="#000"/>` + place(spec.subject(s, () => "#fff"))))
    .extractChannel(0)
    .raw()
    .toBuffer();
  if (spec.noise) {
    const random = lcg(seed);
    const mono = spec.name.includes("paper");
    for (let i = 0; i < picture.length; i += 3) {
      const shared = (random() + random() - 1) * spec.noise;
      for (let c = 0; c < 3; c++) {
        const v = mono ? shared : (random() + random() - 1) * spec.noise;
        picture[i + c] = Math.max(0, Math.min(255, Math.round(picture[i + c] + v)));
      }
    }
  }
  const image = sharp(picture, { raw: { width, height, channels: 3 } });
  const data = spec.format === "jpeg" ? await image.jpeg({ quality: 90 }).toBuffer() : await image.png().toBuffer();
  const mask = new Uint8Array(width * height);
  for (let i = 0; i < mask.length; i++) mask[i] = maskRaw[i] >= 128 ? 1 : 0;
  return { name: spec.name, data, mask, width, height };
}

/** The four plain-background scenes at the given size. */
export function plainScenes(width: number, height: number, seed = 7): Promise<Scene[]> {
  return Promise.all(specs.map((spec, k) => render(spec, width, height, seed + k)));
}

/** A busy background: a clutter of random coloured shapes over a colourful field, the subject in front. */
export async function busyScene(width: number, height: number, seed = 3): Promise<Buffer> {
  const random = lcg(seed);
  const colour = () => `rgb(${Math.floor(random() * 256)},${Math.floor(random() * 256)},${Math.floor(random() * 256)})`;
  let body = `<rect width="100%" height="100%" fill="${colour()}"/>`;
  for (let i = 0; i < 160; i++) {
    body += `<circle cx="${random() * width}" cy="${random() * height}" r="${(0.02 + random() * 0.08) * Math.min(width, height)}" fill="${colour()}"/>`;
  }
  const s = Math.min(width, height) / 100;
  body += `<g transform="translate(${(width - 100 * s) / 2} ${height - 100 * s})">${product(s, (f) => f)}</g>`;
  return sharp(svg(width, height, body)).removeAlpha().jpeg({ quality: 90 }).toBuffer();
}

/** Intersection over union of a result's alpha (≥ 50 % counts as kept) with the true mask. */
export function iou(alpha: Uint8Array, mask: Uint8Array): number {
  let inter = 0, union = 0;
  for (let i = 0; i < mask.length; i++) {
    const a = alpha[i] >= 128 ? 1 : 0;
    inter += a & mask[i];
    union += a | mask[i];
  }
  return union ? inter / union : 1;
}

/** Share of the true subject's pixels kept (recall). */
export function keptOfSubject(alpha: Uint8Array, mask: Uint8Array): number {
  let kept = 0, total = 0;
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i]) continue;
    total++;
    if (alpha[i] >= 128) kept++;
  }
  return total ? kept / total : 1;
}
