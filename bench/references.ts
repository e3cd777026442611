// Reference-image benchmark: 8 photographs of 12 MP prepared for a provider (decode, downscale to fit 1536 px,
// encode JPEG q90) by prepareReferences (lib/processing/references.ts), side by side in this one process with raw
// sharp doing the same resize and encode: wall time, CPU time and peak RSS over each batch. Prints numbers and
// PASS/MISS against the target ratio; never fails on a timing.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { photoJpeg, photoSpec } from "./support/photo";
import { intFromEnv, loadAverage, mb, median, ms, sampleRss, table, time } from "./support/stats";

export const description = "8 × 12 MP JPEG references → 1536 px JPEG q90: prepareReferences vs raw sharp (time, peak RSS)";

const target = 1.15;
const count = 8;
const maxSide = 1536;

export async function run() {
  const rounds = intFromEnv("BENCH_ITERATIONS", 10, 2);
  const { sharp } = await import("@/lib/processing/sharp");
  const { prepareReferences, referenceMaxSide } = await import("@/lib/processing/references");
  const { inputLimits } = await import("@/lib/images/limits");
  const limits = inputLimits();
  if (referenceMaxSide !== maxSide) console.log(`note: referenceMaxSide is ${referenceMaxSide}, the bench resizes to ${maxSide}`);

  // Eight different photographs (not one eight times): the synthetic 12 MP photo (bench/support/photo.ts, generated
  // and cached, never committed), hue-turned, mirrored and re-encoded as quality-90 JPEGs, so each has its own bytes
  // and a photo's entropy.
  const photo = await photoJpeg();
  const files = [photo.path];
  for (let i = 1; i < count; i++) {
    const file = photo.path.replace(/\.jpg$/, `-reference${i}.jpg`);
    files.push(file);
    if (existsSync(file)) continue;
    let img = sharp(photo.bytes).modulate({ hue: i * 45, brightness: 0.9 + 0.03 * i });
    if (i % 2) img = img.flop();
    if (i % 3 === 0) img = img.flip();
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(`${file}.${process.pid}.tmp`, await img.jpeg({ quality: photoSpec.quality }).toBuffer());
    renameSync(`${file}.${process.pid}.tmp`, file);
  }
  const inputs = files.map((f) => readFileSync(f));
  const total = inputs.reduce((s, b) => s + b.length, 0);
  console.log(`inputs    ${count} × ${photoSpec.width}×${photoSpec.height} JPEG q${photoSpec.quality}, ${mb(total)} in all (${mb(total / count)} each)`);
  console.log(`machine   ${os.cpus()[0]?.model ?? "?"} × ${os.availableParallelism?.() ?? os.cpus().length}, node ${process.version}, sharp ${sharp.versions.sharp} / libvips ${sharp.versions.vips}, concurrency ${sharp.concurrency()}`);

  // The baseline: what prepareReference does for an opaque JPEG, written out by hand (same limits and options).
  const raw = async (list: Buffer[]) => {
    const out: Buffer[] = [];
    for (const input of list) {
      out.push(
        await sharp(input, { limitInputPixels: limits.maxPixels, failOn: "error", autoOrient: true, pages: 1 })
          .resize({ width: maxSide, height: maxSide, fit: "inside", withoutEnlargement: true })
          .jpeg({ quality: 90, mozjpeg: false })
          .toBuffer(),
      );
    }
    return out;
  };
  const service = async (list: Buffer[]) => (await prepareReferences(list, limits, maxSide)).map((p) => p.data);

  // Same work: same sizes, and the same bytes (both end in the same libvips pipeline).
  const [a, b] = [await service(inputs), await raw(inputs)];
  const meta = await sharp(a[0]).metadata();
  const identical = a.every((x, i) => x.equals(b[i]));
  console.log(`outputs   ${meta.width}×${meta.height} ${meta.format}, ${mb(a.reduce((s, x) => s + x.length, 0))} in all; byte-identical to the baseline: ${identical ? "yes" : "no"}`);

  const cases = { prepareReferences: service, "raw sharp": raw } as const;
  type Name = keyof typeof cases;
  const names = Object.keys(cases) as Name[];
  const wall: Record<Name, number[]> = { prepareReferences: [], "raw sharp": [] };
  const cpu: Record<Name, number[]> = { prepareReferences: [], "raw sharp": [] };
  const peak: Record<Name, number[]> = { prepareReferences: [], "raw sharp": [] };
  const growth: Record<Name, number[]> = { prepareReferences: [], "raw sharp": [] };
  const load = loadAverage();
  for (const n of names) await cases[n](inputs.slice(0, 2)); // warm-up: libvips and the JIT, not measured
  for (let r = 0; r < rounds; r++) {
    // Alternate which goes first, so neither always runs on a heap the other just grew.
    for (const n of r % 2 ? [...names].reverse() : names) {
      (globalThis as { gc?: () => void }).gc?.();
      const before = process.memoryUsage().rss;
      const rss = sampleRss(5);
      const t = await time(() => cases[n](inputs));
      const { peak: p } = rss.stop();
      wall[n].push(t.ms);
      cpu[n].push(t.cpuMs);
      peak[n].push(p);
      growth[n].push(p - before);
    }
  }
  const rows = names.map((n) => [n, ms(median(wall[n])), ms(Math.min(...wall[n])), ms(median(wall[n]) / count), ms(median(cpu[n])), mb(Math.max(...peak[n])), mb(median(growth[n]))]);
  console.log(`\n${count} references per batch, ${rounds} batches each, alternating order (load average ${load} → ${loadAverage()})`);
  console.log(table(["", "wall (median)", "wall (min)", "per reference", "cpu (median)", "peak RSS (max)", "RSS growth over batch (median)"], rows));
  const ratio = median(wall.prepareReferences) / median(wall["raw sharp"]);
  const paired = median(wall.prepareReferences.map((v, i) => v / wall["raw sharp"][i]));
  const cpuRatio = median(cpu.prepareReferences) / median(cpu["raw sharp"]);
  // The fastest batch of each: the least disturbed by other processes on a shared machine.
  const minRatio = Math.min(...wall.prepareReferences) / Math.min(...wall["raw sharp"]);
  const rssRatio = Math.max(...peak.prepareReferences) / Math.max(...peak["raw sharp"]);
  console.log(
    `ratio prepareReferences / raw sharp: wall ${ratio.toFixed(3)}× (paired per batch ${paired.toFixed(3)}×, fastest batches ${minRatio.toFixed(3)}×), cpu ${cpuRatio.toFixed(3)}×, ` +
      `peak RSS ${rssRatio.toFixed(3)}×; target ≤ ${target}×: ${ratio <= target && rssRatio <= target ? "PASS" : "MISS"}`,
  );

  // Peak RSS in this process is that of everything before (the fixtures, the other case): also measured in a
  // fresh process per batch, where the peak is the batch's own (RSS sampled every 5 ms).
  const fresh: Record<Name, { peak: number; before: number; ms: number }[]> = { prepareReferences: [], "raw sharp": [] };
  for (let r = 0; r < 3; r++) {
    for (const n of r % 2 ? [...names].reverse() : names) {
      const child = spawnSync(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url)], {
        env: { ...process.env, REFERENCES_BENCH_CHILD: n, REFERENCES_BENCH_FILES: files.join(path.delimiter), REFERENCES_BENCH_MAX_PIXELS: String(limits.maxPixels) },
        encoding: "utf8",
      });
      if (child.status !== 0) throw new Error(`fresh-process run failed: ${child.stderr}`);
      fresh[n].push(JSON.parse(child.stdout.trim().split("\n").pop()!));
    }
  }
  console.log(`\nfresh process per batch (3 each): the batch's own peak RSS`);
  console.log(table(["", "RSS before", "peak RSS (median)", "peak RSS (max)", "wall (median)"], names.map((n) => [n, mb(median(fresh[n].map((x) => x.before))), mb(median(fresh[n].map((x) => x.peak))), mb(Math.max(...fresh[n].map((x) => x.peak))), ms(median(fresh[n].map((x) => x.ms)))])));
  const freshRss = median(fresh.prepareReferences.map((x) => x.peak)) / median(fresh["raw sharp"].map((x) => x.peak));
  console.log(`peak RSS prepareReferences / raw sharp in a fresh process: ${freshRss.toFixed(3)}×; target ≤ ${target}×: ${freshRss <= target ? "PASS" : "MISS"}`);
  return { wall, cpu, peak, ratio, paired, minRatio, cpuRatio, rssRatio, freshRss, identical };
}

/** The fresh-process side: one batch of the named case, RSS sampled meanwhile; prints one JSON line. */
async function child(name: string) {
  const { sharp } = await import("@/lib/processing/sharp");
  const { prepareReferences } = await import("@/lib/processing/references");
  const maxPixels = Number(process.env.REFERENCES_BENCH_MAX_PIXELS);
  const inputs = process.env.REFERENCES_BENCH_FILES!.split(path.delimiter).map((f) => readFileSync(f));
  const before = process.memoryUsage().rss;
  const rss = sampleRss(5);
  const t = await time(async () => {
    if (name === "prepareReferences") return prepareReferences(inputs, { maxPixels }, maxSide);
    for (const input of inputs) {
      await sharp(input, { limitInputPixels: maxPixels, failOn: "error", autoOrient: true, pages: 1 }).resize({ width: maxSide, height: maxSide, fit: "inside", withoutEnlargement: true }).jpeg({ quality: 90, mozjpeg: false }).toBuffer();
    }
  });
  console.log(JSON.stringify({ peak: rss.stop().peak, before, ms: t.ms }));
}

if (process.env.REFERENCES_BENCH_CHILD) void child(process.env.REFERENCES_BENCH_CHILD);
