import { spawnSync } from "node:child_process";
// Processing benchmark: a 12 MP photo → 1024 px WebP through the ImageService vs raw sharp, upload + renditions,
// and peak RSS over a run of uploads. Prints numbers and PASS/MISS against targets; never fails on a timing.
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import sharp from "sharp";
import { photoJpeg, photoSpec } from "./support/photo";
import { intFromEnv, loadAverage, mb, median, ms, summarize, table, time, type Summary } from "./support/stats";
import { openStudio, projectRoot } from "./support/studio";

export const description = "12 MP JPEG → 1024 px WebP (service vs raw sharp), upload + renditions, peak RSS of 50 uploads";

const targets = { ratio: 1.15, peakRssMb: 500 };
/** The service's WebP quality when none is asked for (`defaultQuality.webp` in lib/processing/encode.ts). */
const webpQuality = 90;
const resizeWidth = 1024;

export async function run() {
  const iterations = intFromEnv("BENCH_ITERATIONS", 20, 10);
  const warmup = intFromEnv("BENCH_WARMUP", 3, 1);
  const uploadRun = intFromEnv("BENCH_UPLOADS", 50, 1);

  const photo = await photoJpeg();
  const studio = await openStudio();
  const { images, processing, user, baseUrl } = studio;
  const { inputLimits } = await import("@/lib/images/limits");
  const limits = inputLimits();

  console.log(
    `fixture   ${photoSpec.width}×${photoSpec.height} JPEG q${photoSpec.quality}, ${mb(photo.bytes.length)} ` +
      (photo.generated ? `(generated in ${(photo.generateMs! / 1000).toFixed(1)} s, cached at ${photo.path})` : `(cached: ${photo.path})`),
  );
  console.log(
    `machine   ${os.cpus()[0]?.model ?? "?"} × ${os.availableParallelism?.() ?? os.cpus().length}, ${mb(os.totalmem())} RAM, node ${process.version}`,
  );
  console.log(
    `sharp     ${sharp.versions.sharp} / libvips ${sharp.versions.vips}, concurrency ${sharp.concurrency()}, ` +
      `cache ${JSON.stringify(sharp.cache().files)} files / ${sharp.cache().memory.max} MB max, SIMD ${sharp.simd()}, ` +
      `UV_THREADPOOL_SIZE ${process.env.UV_THREADPOOL_SIZE ?? "4 (default)"}`,
  );
  console.log(`runs      warm-up ${warmup}, measured ${iterations} (alternating order), upload run ${uploadRun}`);

  try {
    // ── 1. 12 MP → 1024 px WebP: ImageService vs raw sharp ──────────────────────────────────────────────────
    const source = await images.uploadImage({ user, bytes: photo.bytes, fileName: "bench-photo.jpg", baseUrl });
    const sourceRow = await studio.db().image.findFirstOrThrow({ where: { id: source.id } });
    // The bytes the service decodes: the stored original (uploads are re-encoded, metadata stripped).
    const stored = await studio.storage().get(sourceRow.storageKey);
    const storedMeta = await sharp(stored).metadata();

    const viaService = () =>
      images.resizeImage({
        user,
        imageId: source.id,
        resize: { op: "resize", width: resizeWidth, maintainAspectRatio: true },
        format: "webp",
        baseUrl,
      });
    const rawOnStored = () => sharp(stored).resize(resizeWidth).webp({ quality: webpQuality }).toBuffer();
    const rawOnUpload = () => sharp(photo.bytes).resize(resizeWidth).webp({ quality: webpQuality }).toBuffer();

    // Sanity: the baseline does the same work (same size out; same bytes when given the same input).
    const check = await viaService();
    const checkRow = await studio.db().image.findFirstOrThrow({ where: { id: check.id } });
    const serviceOut = await studio.storage().get(checkRow.storageKey);
    const rawOut = await rawOnStored();
    const rawMeta = await sharp(rawOut).metadata();
    console.log(
      `\nstored original: ${storedMeta.width}×${storedMeta.height} JPEG, ${mb(stored.length)}, chroma ${storedMeta.chromaSubsampling}` +
        ` (the upload was ${mb(photo.bytes.length)}, chroma 4:2:0)`,
    );
    console.log(
      `outputs: service ${check.width}×${check.height} WebP ${(serviceOut.length / 1024).toFixed(0)} KB, raw ${rawMeta.width}×${rawMeta.height} ` +
        `WebP ${(rawOut.length / 1024).toFixed(0)} KB, byte-identical: ${serviceOut.equals(rawOut) ? "yes" : "no"}`,
    );

    const thumbRow = await studio.db().imageRendition.findFirst({ where: { imageId: check.id, variant: "thumbnail" } });
    const storedThumb = thumbRow ? await studio.storage().get(thumbRow.storageKey) : undefined;
    const resized = await sharp(stored).resize(resizeWidth).raw().toBuffer({ resolveWithObject: true });
    const thumbFromPixels = await sharp(resized.data, { raw: resized.info })
      .resize(processing.renditionSizes.thumbnail, processing.renditionSizes.thumbnail, { fit: "inside", withoutEnlargement: true })
      .webp({ quality: 72, effort: 4 })
      .toBuffer();
    console.log(
      `renditions: ${thumbRow ? `thumbnail ${thumbRow.width}×${thumbRow.height}` : "no thumbnail!"}, rendered from the result's pixels ` +
        `(not by decoding the WebP): ${storedThumb?.equals(thumbFromPixels) ? "yes" : "no"}`,
    );

    const cases: Record<"service" | "rawStored" | "rawUpload", () => Promise<unknown>> = {
      service: viaService,
      rawStored: rawOnStored,
      rawUpload: rawOnUpload,
    };
    type CaseName = keyof typeof cases;
    const names = Object.keys(cases) as CaseName[];
    const samples: Record<CaseName, number[]> = { service: [], rawStored: [], rawUpload: [] };
    const cpu: Record<CaseName, number[]> = { service: [], rawStored: [], rawUpload: [] };
    const load1 = loadAverage();
    for (let i = 0; i < warmup; i++) for (const n of names) await cases[n]();
    for (let i = 0; i < iterations; i++) {
      // Rotate the order every iteration so that no case always runs first (or right after another).
      const order = names.map((_, k) => names[(k + i) % names.length]);
      for (const n of order) {
        const t = await time(cases[n]);
        samples[n].push(t.ms);
        cpu[n].push(t.cpuMs);
      }
    }
    const s = { service: summarize(samples.service), rawStored: summarize(samples.rawStored), rawUpload: summarize(samples.rawUpload) };
    const ratio = s.service.median / s.rawStored.median;
    const ratioP95 = s.service.p95 / s.rawStored.p95;
    const cpuRatio = median(cpu.service) / median(cpu.rawStored);
    // Each round's service time over the same round's raw time: steadier when the machine's load drifts.
    const pairedRatio = median(samples.service.map((v, i) => v / samples.rawStored[i]));

    console.log(
      `\n1. ${photoSpec.width}×${photoSpec.height} JPEG → ${resizeWidth} px WebP (q${webpQuality}), n = ${iterations} each` +
        ` (load average ${load1} → ${loadAverage()})`,
    );
    console.log(
      table(
        ["path", "median", "p95", "min", "max", "CPU median"],
        [
          [...row("ImageService resizeImage (read, decode, resize, encode, thumbnail, placeholder, write, DB)", s.service), ms(median(cpu.service))],
          [...row("raw sharp on the stored original (the bytes the service decodes)", s.rawStored), ms(median(cpu.rawStored))],
          [...row("raw sharp on the uploaded JPEG (4:2:0, as the camera wrote it)", s.rawUpload), ms(median(cpu.rawUpload))],
        ],
      ),
    );
    console.log(
      `ratio service/raw: median ${ratio.toFixed(3)}, p95 ${ratioP95.toFixed(3)}, paired ${pairedRatio.toFixed(3)}, CPU time ${cpuRatio.toFixed(3)}; ` +
        `target median ≤ ${targets.ratio}: ${ratio <= targets.ratio ? "PASS" : "MISS"}` +
        `   [median vs raw on the uploaded JPEG: ${(s.service.median / s.rawUpload.median).toFixed(3)}]`,
    );

    // Where the service's time goes: its steps, each timed alone, interleaved with raw sharp (n each).
    const ops = [{ op: "resize" as const, width: resizeWidth, maintainAspectRatio: true }];
    const runOps = () =>
      processing.runOperations(stored, ops, {
        ...limits,
        width: sourceRow.width,
        height: sourceRow.height,
        hasAlpha: sourceRow.hasAlpha,
        output: { format: "webp" },
      });
    // A result whose renditions were never started from its pixels: makeRenditions has to decode it.
    const result = await runOps();
    await processing.makeRenditions({ ...result, format: "webp" }, limits);
    const storeResult = () =>
      images.storeImage({
        ownerId: user.id,
        kind: "processed",
        data: result.data,
        format: "webp",
        width: result.width,
        height: result.height,
        hasAlpha: result.hasAlpha,
        parentId: source.id,
        originalName: sourceRow.originalName,
        fields: { operationType: "resize", operationParams: { width: resizeWidth, maintainAspectRatio: true } },
      });
    const stageRows = await profile(
      [
        ["DB: find the source row", () => studio.db().image.findFirst({ where: { id: source.id, ownerId: user.id } })],
        ["storage: read the original (4 MB)", () => studio.storage().get(sourceRow.storageKey)],
        [
          "runOperations + its renditions (encode ‖ thumbnail, placeholder)",
          async () => {
            const r = await runOps();
            return processing.makeRenditions({ ...r, format: "webp" }, limits);
          },
        ],
        ["makeRenditions by decoding the encoded result (JPEG/PNG, > 4K)", () => processing.makeRenditions({ ...result, format: "webp" }, limits)],
        ["storeImage: renditions (decoding) + 2 file writes + DB insert", storeResult],
        ["sha256 of the result", async () => processing.sha256(result.data)],
        ["raw sharp on the stored original (reference)", rawOnStored],
      ],
      iterations,
    );
    const stage = (i: number) => stageRows[i][1].median;
    const writesAndDb = stage(4) - stage(3);
    const accounted = stage(0) + stage(1) + stage(2) + writesAndDb;
    console.log(`\n   where the service time goes (each step alone, interleaved, n = ${iterations}; medians):`);
    console.log(
      table(
        ["step", "median", "p95", "CPU median", "vs raw"],
        [
          ...stageRows.map(([name, sum, cpuMs]) => [name, ms(sum.median), ms(sum.p95), ms(cpuMs), `${((sum.median / stage(6)) * 100).toFixed(0)}%`]),
          ["(derived) file writes + DB insert = storeImage − makeRenditions", ms(writesAndDb), "", "", `${((writesAndDb / stage(6)) * 100).toFixed(0)}%`],
          ["(derived) service steps: find + read + runOperations/renditions + writes/DB", ms(accounted), "", "", `${((accounted / stage(6)) * 100).toFixed(0)}%`],
        ],
      ),
    );

    // ── 2. Upload + renditions ──────────────────────────────────────────────────────────────────────────────
    const upload = () => images.uploadImage({ user, bytes: photo.bytes, fileName: "bench-photo.jpg", baseUrl });
    for (let i = 0; i < Math.min(warmup, 2); i++) await upload();
    const uploadSamples: number[] = [];
    const uploadCpu: number[] = [];
    const load2 = loadAverage();
    for (let i = 0; i < iterations; i++) {
      const t = await time(upload);
      uploadSamples.push(t.ms);
      uploadCpu.push(t.cpuMs);
    }
    const u = summarize(uploadSamples);
    const normalized = await processing.normalizeUpload(photo.bytes, limits);
    const uploadStages = await profile(
      [
        ["normalizeUpload: inspect, decode, re-encode", () => processing.normalizeUpload(photo.bytes, limits)],
        ["makeRenditions: preview + thumbnail + placeholder", () => processing.makeRenditions(normalized, limits)],
        ["sha256 of the stored original", async () => processing.sha256(normalized.data)],
      ],
      Math.max(5, Math.ceil(iterations / 3)),
    );
    console.log(
      `\n2. upload + renditions (uploadImage, ${mb(photo.bytes.length)} JPEG in, ${mb(normalized.data.length)} stored), n = ${iterations}` +
        ` (load average ${load2})`,
    );
    console.log(
      table(
        ["step", "median", "p95", "min", "max", "CPU median"],
        [
          [...row("uploadImage (whole: validate, normalize, renditions, 3 writes, DB)", u), ms(median(uploadCpu))],
          ...uploadStages.map(([name, sum, cpuMs]) => [...row(`  ${name}`, sum), ms(cpuMs)]),
        ],
      ),
    );

    // ── 3. Peak RSS over a run of uploads, in a fresh process ───────────────────────────────────────────────
    const { allocatorEnv } = (await import(pathToFileURL(path.join(projectRoot, "scripts/lib/allocator.mjs")).href)) as {
      allocatorEnv(env?: NodeJS.ProcessEnv): { env: NodeJS.ProcessEnv; allocator: string };
    };
    const memoryChild = allocatorEnv(process.env);
    const child = spawnSync(process.execPath, ["--import", "tsx", path.join(projectRoot, "bench/support/upload-memory.ts"), photo.path, String(uploadRun)], {
      cwd: projectRoot,
      encoding: "utf8",
      env: memoryChild.env, // the allocator `npm start` gives the server (scripts/lib/allocator.mjs)
    });
    if (child.status !== 0) throw new Error(`the memory run failed: ${child.stderr}`);
    const m = JSON.parse(child.stdout.trim().split("\n").pop()!) as { count: number; ms: number; samples: number; atStart: number; before: number; peak: number; after: number; heapUsed: number; external: number };
    const peak = m.peak;
    console.log(`\n3. memory: ${m.count} uploads in a row in a fresh process (${(m.ms / 1000).toFixed(1)} s, ${ms(m.ms / m.count)} each; RSS sampled every 20 ms, ${m.samples} samples; load average ${loadAverage()})`);
    console.log(`   allocator: ${memoryChild.allocator} (as npm start runs the server; IMAGE_STUDIO_ALLOCATOR=system for glibc's default)`);
    console.log(
      table(
        ["RSS", "value"],
        [
          ["process start (services, database, sharp loaded)", mb(m.atStart)],
          ["after one warm-up upload", mb(m.before)],
          ["peak during the run", mb(m.peak)],
          ["after the run", mb(m.after)],
          ["peak − before", mb(m.peak - m.before)],
          ["JS heap used / external after", `${mb(m.heapUsed)} / ${mb(m.external)}`],
        ],
      ),
    );
    console.log(`peak RSS ${mb(peak)}; target < ${targets.peakRssMb} MB: ${peak < targets.peakRssMb * 1024 * 1024 ? "PASS" : "MISS"}`);

    return { service: s.service, rawStored: s.rawStored, rawUpload: s.rawUpload, ratio, pairedRatio, cpuRatio, upload: u, rss: { before: m.before, peak, after: m.after } };
  } finally {
    await studio.close();
  }
}

function row(name: string, s: Summary): string[] {
  return [name, ms(s.median), ms(s.p95), ms(s.min), ms(s.max)];
}

/** Times each step alone, interleaved, n times: [name, wall summary, CPU median]. */
async function profile(stages: [string, () => Promise<unknown>][], n: number): Promise<[string, Summary, number][]> {
  const wall = stages.map(() => [] as number[]);
  const cpu = stages.map(() => [] as number[]);
  for (const [, fn] of stages) await fn(); // warm-up
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < stages.length; k++) {
      const t = await time(stages[k][1]);
      wall[k].push(t.ms);
      cpu[k].push(t.cpuMs);
    }
  }
  return stages.map(([name], k) => [name, summarize(wall[k]), median(cpu[k])]);
}
