// Generation benchmark: the pipeline's own cost per image (everything but the provider: validation,
// selection, budget and rate-limit statements, the job row, the worker, decoding and validating the result,
// renditions, storage, the image row, the ledger) with a zero-latency provider, and the throughput of 100 queued
// generations with the local renderer. Prints numbers; never fails on a timing.
import { summarize, table, ms, loadAverage, median } from "./support/stats";
import { openStudio } from "./support/studio";

export const description = "generation pipeline overhead per 1024×1024 image (zero-latency provider) and 100 queued local generations";

const overheadTargetMs = 150;

export async function run() {
  process.env.RATE_LIMIT_PER_MINUTE = "1000000";
  process.env.DAILY_BUDGET_USD = "1000";
  const studio = await openStudio();
  const { images, user, baseUrl } = studio;
  const { setProvidersForTests } = await import("@/lib/providers/registry");
  const { LocalProvider } = await import("@/lib/providers/local");
  const { waitForJob } = await import("@/lib/jobs/worker");
  const { findJob } = await import("@/lib/jobs/repository");
  const { env } = await import("@/lib/env");

  // A provider that answers at once with a ready 1024×1024 PNG, so what is timed is our pipeline alone.
  const local = new LocalProvider();
  const ready = await local.generate(
    { prompt: "a calm lake at sunrise with mountains", model: "local-v1", width: 1024, height: 1024, aspectRatio: "1:1", n: 1, seed: 1 },
    { signal: new AbortController().signal, fetchResult: async () => ({ data: Buffer.alloc(0), mimeType: null }) },
  );
  const png = ready.images[0].data;
  const zero = Object.assign(Object.create(Object.getPrototypeOf(local)), local, {
    id: "openai-compatible",
    name: "zero-latency provider",
    generate: async (request: { prompt: string }) => ({ images: [{ data: png, seed: 1 }], sent: { prompt: request.prompt }, model: "local-v1" }),
  });
  setProvidersForTests([local, zero]);

  const generate = async (provider: string, prompt: string) => {
    const body = images.generationBody(env().MAX_PROMPT_LENGTH).parse({ prompt, provider, width: 1024, height: 1024 });
    const { job } = await images.createGeneration({ user, body, baseUrl });
    await waitForJob(job.id, 60_000);
    const done = await findJob(job.id);
    if (done?.status !== "succeeded") throw new Error(`job ${job.id} ${done?.status}: ${JSON.stringify(done?.error)}`);
    return done;
  };

  try {
    console.log(`provider PNG: ${(png.length / 1024 / 1024).toFixed(2)} MB, 1024×1024`);
    // ── 1. Overhead per image ────────────────────────────────────────────────────────────────────────────────
    for (let i = 0; i < 3; i++) await generate("openai-compatible", `warm-up ${i}`);
    const samples: number[] = [];
    for (let i = 0; i < 20; i++) {
      const started = performance.now();
      await generate("openai-compatible", `overhead ${i}`);
      samples.push(performance.now() - started);
    }
    const s = summarize(samples);
    console.log(`\n1. pipeline overhead per image (zero-latency provider, one at a time, n = 20; load average ${loadAverage()})`);
    console.log(table(["", "median", "p95", "min", "max"], [["request → job succeeded", ms(s.median), ms(s.p95), ms(s.min), ms(s.max)]]));
    console.log(`target median < ${overheadTargetMs} ms: ${s.median < overheadTargetMs ? "PASS" : "MISS"}`);

    // ── 2. Throughput: 100 queued generations with the local renderer ───────────────────────────────────────
    const started = performance.now();
    const latencies: number[] = [];
    await Promise.all(
      Array.from({ length: 100 }, async (_, i) => {
        const t = performance.now();
        await generate("local", `throughput ${i}: a lighthouse on a cliff at sunset, seed ${i}`);
        latencies.push(performance.now() - t);
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    console.log(`\n2. 100 generations queued at once with the local renderer, 1024×1024 (worker concurrency ${env().PROVIDER_CONCURRENCY * 2}; load average ${loadAverage()})`);
    console.log(
      table(
        ["", "value"],
        [
          ["wall time", `${seconds.toFixed(1)} s`],
          ["throughput", `${(100 / seconds).toFixed(2)} images/s`],
          ["latency median (queued → done)", ms(median(latencies))],
          ["latency p95", ms(summarize(latencies).p95)],
        ],
      ),
    );
  } finally {
    setProvidersForTests(undefined);
    const { jobQueue } = await import("@/lib/jobs/worker");
    await jobQueue().stop();
    await studio.close();
  }
}
