// Local renderer benchmark: wall and CPU time of one render (prompt → PNG bytes, in process) per scene kind and
// size, and of a variation and a masked refinement of one of its pictures. Prints numbers; never fails on a timing.
import { loadAverage, median, ms, table, time } from "./support/stats";

export const description = "local renderer: time per image by scene kind (512² and 1024²), and per variation / masked refinement";

const prompts = [
  "a calm lake at sunrise with mountains",
  "misty pine forest at dusk",
  "portrait of a woman, painting",
  "a coffee shop logo",
  "red spheres still life",
  "a robot",
  "a bowl of ramen",
  "headphones on a desk",
];

export async function run() {
  const { renderImage } = await import("@/lib/providers/local/renderer");
  const { sharp } = await import("@/lib/processing/sharp");
  const rows: (string | number)[][] = [];
  const all: number[] = [];
  for (const size of [512, 1024]) {
    for (const prompt of prompts) {
      const walls: number[] = [];
      const cpus: number[] = [];
      for (let seed = 1; seed <= 5; seed++) {
        const t = await time(() => renderImage({ prompt, seed, width: size, height: size }));
        walls.push(t.ms);
        cpus.push(t.cpuMs);
      }
      all.push(...walls);
      rows.push([`${size}²`, prompt, ms(median(walls)), ms(median(cpus))]);
    }
  }
  console.log(table(["size", "prompt", "wall (median of 5)", "cpu"], rows));
  console.log(`median over all renders: ${ms(median(all))}; load ${loadAverage()}`);

  const size = 512;
  const { stripPngMetadata } = await import("@/lib/processing/png-chunks");
  // As the studio stores it: metadata chunks stripped (lib/processing/normalize.ts); what it knows is on the row.
  const rendered = await renderImage({ prompt: "a calm lake at sunrise with mountains", seed: 3, width: size, height: size });
  const source = stripPngMetadata(rendered) ?? rendered;
  const mask = await sharp({ create: { width: size, height: size, channels: 3, background: "#000" } })
    .composite([{ input: Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}"><circle cx="256" cy="300" r="120" fill="#fff"/></svg>`) }])
    .png()
    .toBuffer();
  const img = (data: Buffer) => ({ data, mimeType: "image/png", width: size, height: size });
  const origin = { provider: "local", prompt: "a calm lake at sunrise with mountains", seed: 3, style: null, params: {} };
  const derived: (string | number)[][] = [];
  for (const [label, options] of [
    ["variation, strength 0.8", { prompt: "", mode: "variation", strength: 0.8 }],
    ["masked refinement", { prompt: "add a boat", mode: "refine", strength: 0.9, mask: img(mask) }],
  ] as const) {
    const walls: number[] = [];
    for (let seed = 1; seed <= 5; seed++) {
      walls.push((await time(() => renderImage({ ...options, seed, width: size, height: size, source: { ...img(source), origin } } as never))).ms);
    }
    derived.push([label, ms(median(walls))]);
  }
  console.log(table(["512² from a local picture", "wall (median of 5)"], derived));
}
