// Processing budget benchmark (issue 13 item 2): the latency of a small request and of the health check alone,
// then while heavy-but-allowed processing requests run; and how fast the issue's request is refused. Prints
// numbers; never fails on a timing.
import os from "node:os";
import sharp from "sharp";
import { intFromEnv, loadAverage, ms, summarize, table } from "./support/stats";
import { openStudio } from "./support/studio";

export const description = "small resize + /api/health latency alone vs while heavy processing runs; the issue's request refused";

export async function run() {
  const samples = intFromEnv("BENCH_ITERATIONS", 20, 5);
  const heavyCount = intFromEnv("BENCH_HEAVY", 4, 1);
  const studio = await openStudio();
  const { images, user, baseUrl } = studio;
  const { checkHealth } = await import("@/lib/api/health");
  const { env } = await import("@/lib/env");
  const { processingGates } = await import("@/lib/images/processing-limits");
  const config = env();
  console.log(
    `machine   ${os.cpus()[0]?.model ?? "?"} × ${os.availableParallelism?.() ?? os.cpus().length}, load ${loadAverage()}, ` +
      `sharp concurrency ${sharp.concurrency()}, UV_THREADPOOL_SIZE ${process.env.UV_THREADPOOL_SIZE ?? "4 (default)"}`,
  );
  console.log(
    `budget    MAX_PROCESS_OPERATIONS ${config.MAX_PROCESS_OPERATIONS}, MAX_OUTPUT_MEGAPIXELS ${config.MAX_OUTPUT_MEGAPIXELS}, ` +
      `MAX_PROCESS_WORK ${config.MAX_PROCESS_WORK} M, PROCESSING_CONCURRENCY ${config.PROCESSING_CONCURRENCY}, ` +
      `PROCESSING_QUEUE ${config.PROCESSING_QUEUE}, PROCESSING_TIMEOUT_SECONDS ${config.PROCESSING_TIMEOUT_SECONDS}`,
  );

  try {
    const bytes = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 80, b: 40 } } }).png().toBuffer();
    const source = await images.uploadImage({ user, bytes, fileName: "bench-64x48.png", baseUrl });
    const blur = (radius: number) => ({ op: "filter" as const, filter: { type: "blur" as const, params: { radius } } });
    const small = () => images.resizeImage({ user, imageId: source.id, resize: { op: "resize", width: 32, maintainAspectRatio: true }, baseUrl });
    // Heavy but within the default budget: 2000×2000 and 9 blurs of radius 50 (≈ 13,100 million pixel·taps).
    const heavyOps = [{ op: "resize" as const, width: 2000, height: 2000, maintainAspectRatio: false }, ...Array.from({ length: 9 }, () => blur(50))];
    const heavy = () => images.processOperations({ user, imageId: source.id, operations: heavyOps, format: "png", baseUrl });
    const timed = async (fn: () => Promise<unknown>) => {
      const start = performance.now();
      await fn();
      return performance.now() - start;
    };

    // The issue's request: refused up front.
    const issueOps = [{ op: "resize" as const, width: 7000, height: 7000, maintainAspectRatio: false }, ...Array.from({ length: 19 }, () => blur(100))];
    const refusedStart = performance.now();
    const refusal = await images.processOperations({ user, imageId: source.id, operations: issueOps, baseUrl }).catch((e: Error) => e);
    console.log(`\nissue 13's request (7000×7000 + 19 × blur 100): ${ms(performance.now() - refusedStart)} → ${refusal instanceof Error ? refusal.message : "accepted (!)"}`);

    await small();
    await checkHealth();
    const aloneSmall: number[] = [];
    const aloneHealth: number[] = [];
    for (let i = 0; i < samples; i++) {
      aloneSmall.push(await timed(small));
      aloneHealth.push(await timed(checkHealth));
    }

    const heavyTimes: number[] = [];
    const heavyOutcomes: string[] = [];
    const heavyStart = performance.now();
    let running = true;
    const heavies = Promise.all(
      Array.from({ length: heavyCount }, async () => {
        const start = performance.now();
        const outcome = await heavy().then(() => "201", (e: { status?: number }) => String(e.status ?? "error"));
        heavyTimes.push(performance.now() - start);
        heavyOutcomes.push(outcome);
      }),
    ).finally(() => (running = false));
    const busySmall: number[] = [];
    const busyHealth: number[] = [];
    const states: string[] = [];
    while (running) {
      const { heavy: h } = processingGates();
      states.push(`${h.state.active}/${h.state.waiting}`);
      busySmall.push(await timed(small));
      busyHealth.push(await timed(checkHealth));
    }
    await heavies;
    const heavyWall = performance.now() - heavyStart;

    const row = (name: string, s: number[]) => {
      const x = summarize(s);
      return [name, x.n, ms(x.median), ms(x.p95), ms(x.max)];
    };
    console.log(`\n${heavyCount} heavy requests (2000×2000 + 9 × blur 50) at once: ${heavyOutcomes.join(", ")}; ` +
      `each ${heavyTimes.map((t) => (t / 1000).toFixed(1)).join(" / ")} s, all done in ${(heavyWall / 1000).toFixed(1)} s`);
    console.log(`heavy lane running/waiting while sampling: ${[...new Set(states)].join(", ")}\n`);
    console.log(
      table(
        ["request", "n", "median", "p95", "max"],
        [
          row("small resize, alone", aloneSmall),
          row("small resize, heavy running", busySmall),
          row("health, alone", aloneHealth),
          row("health, heavy running", busyHealth),
        ],
      ),
    );
  } finally {
    await studio.close();
  }
}
