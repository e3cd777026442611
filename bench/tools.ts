// Finishing tools benchmark (issue 16), side by side in one process:
// 1. basic upscale ×4 of a 1 MP photo (basicUpscale: a mild unsharp mask at the source's size, Lanczos-3, JPEG q92)
//    vs raw sharp doing the same resize and encode — the target ratio ≤ 1.15× — and, for what sharpening the large
//    result would cost, raw sharp sharpening after the resize;
// 2. local background removal of 1 MP pictures from the known-mask test set (tests/support/background-scenes.ts):
//    time, IoU and the share of the subject's pixels kept (target IoU ≥ 0.95 on plain backgrounds), and the time
//    to refuse a busy background. Prints numbers and PASS/MISS; never fails on a timing.
import os from "node:os";
import { photoJpeg } from "./support/photo";
import { intFromEnv, loadAverage, median, ms, table, time } from "./support/stats";

export const description = "basic upscale ×4 of 1 MP vs raw sharp; local background removal of 1 MP (time, IoU on known masks)";

const target = 1.15;
const size = { width: 1152, height: 864 };

export async function run() {
  const rounds = intFromEnv("BENCH_ITERATIONS", 8, 3);
  const { sharp } = await import("@/lib/processing/sharp");
  const { basicUpscale } = await import("@/lib/processing/upscale");
  const { removePlainBackground } = await import("@/lib/processing/background");
  const { busyScene, iou, keptOfSubject, plainScenes } = await import("@/tests/support/background-scenes");
  console.log(`machine   ${os.cpus()[0]?.model ?? "?"} × ${os.availableParallelism?.() ?? os.cpus().length}, node ${process.version}, sharp ${sharp.versions.sharp} / libvips ${sharp.versions.vips}, concurrency ${sharp.concurrency()}`);

  // 1 MP photo: the synthetic 12 MP photograph (bench/support/photo.ts) reduced to 1152×864, JPEG q90.
  const photo = await photoJpeg();
  const input = await sharp(photo.bytes).resize(size.width, size.height).jpeg({ quality: 90 }).toBuffer();
  console.log(`\n── upscale ×4: ${size.width}×${size.height} JPEG (${(input.length / 1024).toFixed(0)} KB) → ${size.width * 4}×${size.height * 4} (${((size.width * size.height * 16) / 1e6).toFixed(1)} MP) JPEG q92`);
  const open = () => sharp(input, { limitInputPixels: 50_000_000, failOn: "error", autoOrient: true, pages: 1 }).resize(size.width * 4, size.height * 4, { kernel: "lanczos3", fit: "fill" });
  const cases = {
    basicUpscale: async () => (await basicUpscale(input, 4)).data,
    "raw sharp (the same resize + encode)": () => open().jpeg({ quality: 92, mozjpeg: false, chromaSubsampling: "4:4:4" }).toBuffer(),
    "raw sharp (resize, then sharpen at 16 MP)": () => open().sharpen({ sigma: 1.5, m1: 0, m2: 1.2, x1: 2, y2: 4, y3: 4 }).jpeg({ quality: 92, mozjpeg: false, chromaSubsampling: "4:4:4" }).toBuffer(),
  } as const;
  type Name = keyof typeof cases;
  const names = Object.keys(cases) as Name[];
  const wall = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<Name, number[]>;
  const cpu = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<Name, number[]>;
  const load = loadAverage();
  for (const n of names) await cases[n](); // warm-up
  for (let r = 0; r < rounds; r++) {
    for (const n of r % 2 ? [...names].reverse() : names) {
      const t = await time(cases[n]);
      wall[n].push(t.ms);
      cpu[n].push(t.cpuMs);
    }
  }
  console.log(`${rounds} rounds, alternating order (load average ${load} → ${loadAverage()})`);
  console.log(table(["", "wall (median)", "wall (min)", "cpu (median)"], names.map((n) => [n, ms(median(wall[n])), ms(Math.min(...wall[n])), ms(median(cpu[n]))])));
  const ratio = median(wall.basicUpscale) / median(wall[names[1]]);
  const paired = median(wall.basicUpscale.map((v, i) => v / wall[names[1]][i]));
  const cpuRatio = median(cpu.basicUpscale) / median(cpu[names[1]]);
  console.log(`ratio basicUpscale (sharpened at the source's size, then resized) / raw sharp doing the same resize: wall ${ratio.toFixed(3)}× (paired ${paired.toFixed(3)}×), cpu ${cpuRatio.toFixed(3)}×; target ≤ ${target}×: ${ratio <= target ? "PASS" : "MISS"}`);
  console.log(`(sharpening after the resize instead, at 16 MP: ${(median(wall[names[2]]) / median(wall[names[1]])).toFixed(3)}× — why the studio sharpens first)`);

  // Background removal on the known-mask test set at 1 MP.
  console.log(`\n── local background removal, ${size.width}×${size.height} (${((size.width * size.height) / 1e6).toFixed(2)} MP), known masks`);
  const scenes = await plainScenes(size.width, size.height);
  const bgRounds = Math.max(3, Math.round(rounds / 2));
  const rows: (string | number)[][] = [];
  let allPass = true;
  for (const scene of scenes) {
    const times: number[] = [];
    let result: Awaited<ReturnType<typeof removePlainBackground>> | undefined;
    await removePlainBackground(scene.data); // warm-up
    for (let r = 0; r < bgRounds; r++) {
      const t = await time(() => removePlainBackground(scene.data));
      times.push(t.ms);
      result = t.value;
    }
    const score = iou(result!.alpha, scene.mask);
    allPass &&= score >= 0.95;
    rows.push([scene.name, ms(median(times)), ms(Math.min(...times)), score.toFixed(4), `${(keptOfSubject(result!.alpha, scene.mask) * 100).toFixed(2)} %`, `${(result!.keptShare * 100).toFixed(1)} %`, result!.backgroundKind]);
  }
  console.log(table(["scene", "wall (median)", "wall (min)", "IoU", "subject kept", "picture kept", "backdrop"], rows));
  console.log(`IoU ≥ 0.95 on every plain background: ${allPass ? "PASS" : "MISS"}`);
  const busy = await busyScene(size.width, size.height);
  const refused = await time(() => removePlainBackground(busy).then(() => "removed (not refused!)", (e: Error) => e.message));
  console.log(`busy background: ${ms(refused.ms)} → ${refused.value}`);
  return { ratio, paired, cpuRatio, rows, allPass };
}
