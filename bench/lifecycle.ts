// Model life-cycle benchmark: what the life-cycle lookups add to a generation request. Side by side in one
// process, interleaved: the request's model choice with them (retirements applied, selection skipping retired
// models by the effective life cycle) and without them (selection by the catalog alone); then the snapshot reload
// a request pays when the snapshot is older than its 15 s TTL, amortised; and a whole acceptance (route body →
// 202 job) for scale. Prints numbers; never fails on a timing.
import { median, ms, summarize, table } from "./support/stats";
import { openStudio } from "./support/studio";

export const description = "model life-cycle lookups per generation request, with and without (interleaved), and the snapshot reload";

const targetMs = 1;

export async function run() {
  process.env.RATE_LIMIT_PER_MINUTE = "1000000";
  process.env.DAILY_BUDGET_USD = "1000";
  process.env.MODEL_WATCH_INTERVAL_MINUTES = "0";
  // Every provider "configured" against an unreachable base URL (nothing is called): the full catalog is in play.
  Object.assign(process.env, {
    OPENAI_API_KEY: "sk-bench", OPENAI_BASE_URL: "http://127.0.0.1:9/v1", GEMINI_API_KEY: "bench", GOOGLE_GENAI_BASE_URL: "http://127.0.0.1:9",
    REPLICATE_API_TOKEN: "r8_bench", REPLICATE_BASE_URL: "http://127.0.0.1:9/v1", IDEOGRAM_API_KEY: "bench", IDEOGRAM_BASE_URL: "http://127.0.0.1:9",
  });
  const studio = await openStudio();
  const { images, user, baseUrl } = studio;
  const { providers, selectionPreferences, setProvidersForTests } = await import("@/lib/providers/registry");
  const { selectCandidates } = await import("@/lib/providers/selection");
  const { applyRetirements } = await import("@/lib/providers/lifecycle/request");
  const { isRetired, lifecycleSnapshot, recordObservation } = await import("@/lib/providers/lifecycle/state");
  const { env } = await import("@/lib/env");
  setProvidersForTests(undefined);
  const all = providers();
  const prefs = selectionPreferences();
  // A few stored observations, as a running studio would have.
  const openai = all.find((p) => p.id === "openai")!;
  await recordObservation("openai", { model: "gpt-image-2", status: "deprecated", shutdownDate: "2027-06-01", source: "models-list" }, openai.models);
  await recordObservation("openai", { model: "gpt-image-2.5-flare", status: "active", source: "models-list" }, openai.models);

  const requests = [
    { provider: "openai", model: "gpt-image-1" }, // retired: migrated
    { provider: "openai", model: "gpt-image-2.6-flare" },
    { provider: "google" },
    { model: "flux-2-pro" },
    {}, // automatic selection over every provider's models
  ];
  const needs = { operation: "generate" as const, n: 1 };
  const withLifecycle = async (wish: { provider?: string; model?: string }) => {
    const wanted = await applyRetirements(all, prefs, wish);
    return selectCandidates(all, prefs, { provider: wanted.provider, model: wanted.model, isRetired, needs, aspectRatio: "1:1" });
  };
  const without = async (wish: { provider?: string; model?: string }) => {
    // The catalog alone: a retired id named by the request would be an error, so name its successor directly.
    const model = wish.model === "gpt-image-1" ? "gpt-image-2" : wish.model;
    return selectCandidates(all, prefs, { provider: wish.provider, model, needs, aspectRatio: "1:1" });
  };

  try {
    await lifecycleSnapshot(true);
    for (let i = 0; i < 500; i++) await Promise.all([withLifecycle(requests[i % 5]), without(requests[i % 5])]); // warm-up
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < 5000; i++) {
      const wish = requests[i % requests.length];
      const first = i % 2 === 0;
      for (const [fn, out] of (first ? [[withLifecycle, a], [without, b]] : [[without, b], [withLifecycle, a]]) as Array<[typeof without, number[]]>) {
        const t = performance.now();
        await fn(wish);
        out.push(performance.now() - t);
      }
    }
    const reload: number[] = [];
    for (let i = 0; i < 200; i++) {
      const t = performance.now();
      await lifecycleSnapshot(true);
      reload.push(performance.now() - t);
    }
    const added = median(a) - median(b);
    console.log(`\n1. model choice per request, ${a.length} each, interleaved (5 kinds of request, ${all.reduce((n, p) => n + p.models.length, 0)} catalog models)`);
    const row = (name: string, s: number[]) => { const x = summarize(s); return [name, `${(x.median * 1000).toFixed(1)} µs`, `${(x.p95 * 1000).toFixed(1)} µs`]; };
    console.log(table(["", "median", "p95"], [row("with life-cycle lookups", a), row("catalog only", b)]));
    console.log(`added by the lookups: ${(added * 1000).toFixed(1)} µs median per request`);
    const amortised = median(reload) / (15_000 / 1000); // at one request per second, one reload per 15 s TTL
    console.log(`\n2. snapshot reload from the database (when older than 15 s): median ${ms(median(reload))}, p95 ${ms(summarize(reload).p95)}; at 1 request/s that is ${(amortised * 1000).toFixed(1)} µs per request`);

    // 3. A whole acceptance for scale (local renderer, no provider call on this path; the worker is not waited for).
    setProvidersForTests(undefined);
    const { waitForJob } = await import("@/lib/jobs/worker");
    const accept: number[] = [];
    const jobs: string[] = [];
    for (let i = 0; i < 60; i++) {
      const body = images.generationBody(env().MAX_PROMPT_LENGTH).parse({ prompt: `bench ${i}`, provider: "local", width: 64, height: 64 });
      const t = performance.now();
      const { job } = await images.createGeneration({ user, body, baseUrl });
      accept.push(performance.now() - t);
      jobs.push(job.id);
    }
    for (const id of jobs) await waitForJob(id, 60_000); // the worker finishes them before the studio closes
    console.log(`\n3. a whole acceptance (POST body → queued job), local renderer: median ${ms(median(accept))} (n = 60)`);
    console.log(`target: lookups add < ${targetMs} ms per request (median): ${added + amortised < targetMs ? "PASS" : "MISS"} (${((added + amortised) * 1000).toFixed(1)} µs)`);
  } finally {
    await studio.close();
  }
}
