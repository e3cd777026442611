// Palette benchmark: our OKLab palette (lib/processing/palette-extract.ts) against node-vibrant and colorthief on a 1 MP and
// a 12 MP photo-like JPEG, decode included, in the same run; speed ratios against the targets, and the palette
// quality of each (mean ΔE between the image and its palette-quantised version). Never fails on a timing.
import os from "node:os";
import { getPalette as colorThiefPalette } from "colorthief";
import { Vibrant } from "node-vibrant/node";
import sharp from "sharp";
import { extractPalette, extractPalettes, paletteQuantisationError, paletteSampleSize, paletteTypes } from "@/lib/processing/palette-extract";
import { scaledPhotoJpeg } from "./support/photo";
import { intFromEnv, loadAverage, mb, median, ms, summarize, table, time } from "./support/stats";

export const description =
  "5-colour palette of a 1 MP and a 12 MP photo-like JPEG (decode included): ours vs node-vibrant vs colorthief, speed and mean ΔE";

/** How many times faster than each library ours must be, per image size. */
const targets = {
  "1 MP": { vibrant: 10, colorthief: 8 },
  "12 MP": { vibrant: 25, colorthief: 20 },
} as const;
const numColors = 5;

type CaseName = "ours" | "oursAll" | "decode" | "vibrant" | "colorthief";
const labels: Record<CaseName, string> = {
  ours: `ours: extractPalette(bytes, "dominant", ${numColors})`,
  oursAll: `ours: extractPalettes(bytes, [dominant, vibrant, muted], ${numColors}) (one decode)`,
  decode: `(reference) sharp decode alone, ${paletteSampleSize} px shrink-on-load, raw`,
  vibrant: "node-vibrant 4: Vibrant.from(bytes).getPalette() (defaults: quality 5, 64 colours, jimp decode)",
  colorthief: `colorthief 3: getPalette(bytes, { colorCount: ${numColors} }) (defaults: every 10th pixel, OKLCh, sharp decode)`,
};

/** node-vibrant's six swatches, the top `n` by population. */
async function vibrantHexes(bytes: Buffer, n: number): Promise<string[]> {
  const palette = await Vibrant.from(bytes).getPalette();
  return Object.values(palette)
    .filter((s): s is NonNullable<typeof s> => Boolean(s))
    .sort((a, b) => b.population - a.population)
    .slice(0, n)
    .map((s) => s.hex.toLowerCase());
}

async function colorThiefHexes(bytes: Buffer, n: number): Promise<string[]> {
  const colors = await colorThiefPalette(bytes, { colorCount: n });
  return (colors ?? []).slice(0, n).map((c) => c.hex().toLowerCase());
}

export async function run() {
  const runs = intFromEnv("BENCH_PALETTE_RUNS", 11, 5);
  const warmup = intFromEnv("BENCH_WARMUP", 2, 1);
  const fixtures = [
    { label: "1 MP" as const, photo: await scaledPhotoJpeg(1) },
    { label: "12 MP" as const, photo: await scaledPhotoJpeg(12) },
  ];
  console.log(
    `fixtures  ${fixtures.map(({ label, photo }) => `${label}: ${photo.width}×${photo.height} JPEG q90 4:2:0, ${mb(photo.bytes.length)}${photo.generated ? " (generated)" : ""}`).join("; ")}`,
  );
  console.log(`machine   ${os.cpus()[0]?.model ?? "?"} × ${os.availableParallelism?.() ?? os.cpus().length}, node ${process.version}`);
  console.log(`sharp     ${sharp.versions.sharp} / libvips ${sharp.versions.vips}, concurrency ${sharp.concurrency()}`);
  console.log(`runs      warm-up ${warmup}, measured ${runs} per case (the order rotates every round)`);

  const results: Record<string, unknown> = {};
  for (const { label, photo } of fixtures) {
    const bytes = photo.bytes;
    const cases: Record<CaseName, () => Promise<unknown>> = {
      ours: () => extractPalette(bytes, "dominant", numColors),
      oursAll: () => extractPalettes(bytes, paletteTypes, numColors),
      decode: () => sharp(bytes).resize(paletteSampleSize, paletteSampleSize, { fit: "inside", kernel: "nearest" }).raw().toBuffer(),
      vibrant: () => Vibrant.from(bytes).getPalette(),
      colorthief: () => colorThiefPalette(bytes, { colorCount: numColors }),
    };
    const names = Object.keys(cases) as CaseName[];
    const wall = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<CaseName, number[]>;
    const cpu = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<CaseName, number[]>;
    const load = loadAverage();
    // Ours alone first, n times in a row: interleaved with the libraries below, our call often pays for collecting
    // the garbage they leave (jimp's and colorthief's full-size pixel arrays).
    for (let i = 0; i < warmup; i++) await cases.ours();
    const alone: number[] = [];
    for (let i = 0; i < runs; i++) alone.push((await time(cases.ours)).ms);
    const sAlone = summarize(alone);
    for (let i = 0; i < warmup; i++) for (const n of names) await cases[n]();
    for (let i = 0; i < runs; i++) {
      const order = names.map((_, k) => names[(k + i) % names.length]);
      for (const n of order) {
        const t = await time(cases[n]);
        wall[n].push(t.ms);
        cpu[n].push(t.cpuMs);
      }
    }
    const s = Object.fromEntries(names.map((n) => [n, summarize(wall[n])])) as Record<CaseName, ReturnType<typeof summarize>>;

    console.log(`\n${label}: ${photo.width}×${photo.height}, n = ${runs} each (load average ${load} → ${loadAverage()})`);
    console.log(
      table(
        ["case", "median", "p95", "min", "max", "CPU median"],
        [
          ...names.map((n) => [labels[n], ms(s[n].median), ms(s[n].p95), ms(s[n].min), ms(s[n].max), ms(median(cpu[n]))]),
          ["(ours dominant alone: n in a row before the interleaved rounds)", ms(sAlone.median), ms(sAlone.p95), ms(sAlone.min), ms(sAlone.max), "–"],
        ],
      ),
    );
    const ratio = { vibrant: s.vibrant.median / s.ours.median, colorthief: s.colorthief.median / s.ours.median };
    // CPU time (the whole process's, libvips threads included) moves much less than wall time when other processes
    // compete for the cores; printed beside the target, which is checked on the wall-time medians.
    const cpuRatio = { vibrant: median(cpu.vibrant) / median(cpu.ours), colorthief: median(cpu.colorthief) / median(cpu.ours) };
    const pairedRatio = {
      vibrant: median(wall.vibrant.map((v, i) => v / wall.ours[i])),
      colorthief: median(wall.colorthief.map((v, i) => v / wall.ours[i])),
    };
    const target = targets[label];
    for (const lib of ["vibrant", "colorthief"] as const) {
      console.log(
        `speed: ${lib === "vibrant" ? "node-vibrant" : "colorthief"} / ours = ${ratio[lib].toFixed(1)}× (medians); ` +
          `target ≥ ${target[lib]}×: ${ratio[lib] >= target[lib] ? "PASS" : "MISS"}` +
          `   [paired ${pairedRatio[lib].toFixed(1)}×, CPU time ${cpuRatio[lib].toFixed(1)}×, against ours alone ${(s[lib].median / sAlone.median).toFixed(1)}×]`,
      );
    }

    // Quality: the same measure for all three, on our 128 px decode of the same bytes.
    const palettes = {
      ours: (await extractPalette(bytes, "dominant", numColors)).map((c) => c.hex),
      vibrant: await vibrantHexes(bytes, numColors),
      colorthief: await colorThiefHexes(bytes, numColors),
    };
    const oursSets = await extractPalettes(bytes, ["vibrant", "muted"], numColors);
    const error = {
      ours: await paletteQuantisationError(bytes, palettes.ours),
      vibrant: await paletteQuantisationError(bytes, palettes.vibrant),
      colorthief: await paletteQuantisationError(bytes, palettes.colorthief),
    };
    console.log(`\nquality on ${label}: mean ΔE (OKLab × 100) between the image and its palette-quantised version, lower is better`);
    console.log(
      table(
        ["palette (5 colours)", "mean ΔE", "colours"],
        [
          ["ours, dominant", error.ours.toFixed(2), palettes.ours.join(" ")],
          ["node-vibrant, top 5 of its 6 swatches by population", error.vibrant.toFixed(2), palettes.vibrant.join(" ")],
          ["colorthief, palette of 5", error.colorthief.toFixed(2), palettes.colorthief.join(" ")],
          ["(ours, vibrant: picked for colour, not coverage)", (await paletteQuantisationError(bytes, oursSets.vibrant.map((c) => c.hex))).toFixed(2), oursSets.vibrant.map((c) => c.hex).join(" ")],
          ["(ours, muted)", (await paletteQuantisationError(bytes, oursSets.muted.map((c) => c.hex))).toFixed(2), oursSets.muted.map((c) => c.hex).join(" ")],
        ],
      ),
    );
    const best = error.ours <= Math.min(error.vibrant, error.colorthief);
    console.log(`quality: ours ${error.ours.toFixed(2)} vs node-vibrant ${error.vibrant.toFixed(2)}, colorthief ${error.colorthief.toFixed(2)}; target at least as good as both: ${best ? "PASS" : "MISS"}`);

    results[label] = { times: s, alone: sAlone, ratio, cpuRatio, pairedRatio, error, palettes };
  }
  return results;
}
