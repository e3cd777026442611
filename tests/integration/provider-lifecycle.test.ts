// The studio watching real provider APIs (fakes that answer as OpenAI and Google do in December 2026, through the
// official SDKs, configured by environment variables as a user would): OpenAI's GET /v1/models shutdown dates
// read by the model watch; a default model the provider shuts down while the studio runs (404 model_not_found)
// noticed by the job, which goes on with another model and records the migration, and never asked for again;
// OPENAI_IMAGE_MODEL naming a retired model; Gemini's per-response modelStatus. No retired id reaches a provider.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET as health } from "@/app/api/health/route";
import { POST as generate } from "@/app/api/v1/generations/route";
import { GET as listProviders } from "@/app/api/v1/providers/route";
import { resetEnvForTests } from "@/lib/env";
import { clearObservations } from "@/lib/providers/lifecycle/repository";
import { resetLifecycleSnapshotForTests } from "@/lib/providers/lifecycle/state";
import { watchModelsOnce } from "@/lib/providers/lifecycle/watch";
import { providers, setProvidersForTests } from "@/lib/providers/registry";
import { startFakeGoogle, type FakeGoogle } from "../fakes/google";
import { startFakeOpenAI, type FakeOpenAI } from "../fakes/openai";
import { send } from "../support/http";

let openai: FakeOpenAI;
let google: FakeGoogle;
const retiredIds = ["dall-e-2", "dall-e-3", "gpt-image-1", "gpt-image-1-mini", "gpt-image-1.5", "chatgpt-image-latest", "imagen-4.0-generate-001", "gemini-2.5-flash-image"];

function configure(extra: Record<string, string> = {}) {
  for (const key of ["OPENAI_IMAGE_MODEL", "MODEL_AUTO_UPGRADE"]) delete process.env[key];
  Object.assign(process.env, {
    OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: openai.baseUrl, GEMINI_API_KEY: google.apiKey, GOOGLE_GENAI_BASE_URL: google.url,
    ALLOW_PRIVATE_PROVIDER_URLS: "true", RATE_LIMIT_PER_MINUTE: "1000", DAILY_BUDGET_USD: "50", PROVIDER_MAX_RETRIES: "0", MODEL_WATCH_INTERVAL_MINUTES: "0",
    ...extra,
  });
  resetEnvForTests();
  setProvidersForTests(undefined); // the registry builds every provider from the environment, as in production
}

beforeAll(async () => {
  [openai, google] = await Promise.all([startFakeOpenAI(), startFakeGoogle()]);
});
afterAll(async () => {
  for (const key of ["OPENAI_API_KEY", "OPENAI_BASE_URL", "GEMINI_API_KEY", "GOOGLE_GENAI_BASE_URL"]) delete process.env[key];
  resetEnvForTests();
  setProvidersForTests(undefined);
  await Promise.all([openai.close(), google.close()]);
});
beforeEach(async () => {
  openai.resetModels();
  await clearObservations();
  resetLifecycleSnapshotForTests();
  configure();
});

type Job = { status: string; provider: string; model: string; modelMigration: Record<string, unknown> | null; error: unknown; images: Array<{ model: string; params: { modelMigration?: unknown } }> };
const run = async (body: Record<string, unknown>) => {
  const res = await send(generate, "/api/v1/generations?wait=true", { json: { prompt: "a lantern in the fog", ...body } });
  return { status: res.status, job: (await res.json()) as Job };
};
type Listing = Array<{ id: string; healthy: boolean; status?: string; defaultModel: string; warnings: string[]; models: Array<{ id: string; lifecycle: { status: string; shutdownDate: string | null; successor: string | null; source: string } }> }>;
const listing = async () => (await (await send(listProviders, "/api/v1/providers")).json()) as Listing;
const lifecycleOf = async (provider: string, model: string) => (await listing()).find((p) => p.id === provider)!.models.find((m) => m.id === model)!.lifecycle;

describe("OpenAI's model list", () => {
  it("is read by the model watch: a shutdown date makes a model deprecated, a past one retires it", async () => {
    openai.setShutdownDate("gpt-image-2", "2099-03-01");
    openai.setShutdownDate("gpt-image-2.5-sunburst", "2026-12-01");
    const outcome = await watchModelsOnce(providers());
    expect(outcome.openai).toBeGreaterThanOrEqual(5);
    expect(await lifecycleOf("openai", "gpt-image-2")).toMatchObject({ status: "deprecated", shutdownDate: "2099-03-01", source: "models-list" });
    expect(await lifecycleOf("openai", "gpt-image-2.5-sunburst")).toMatchObject({ status: "retired", shutdownDate: "2026-12-01", source: "models-list" });
    expect(await lifecycleOf("openai", "gpt-image-1")).toMatchObject({ status: "retired", shutdownDate: "2026-10-23" });

    const { status, job } = await run({ provider: "openai", model: "gpt-image-2.5-sunburst", quality: "low" });
    expect(status).toBe(201);
    expect(job.model).not.toBe("gpt-image-2.5-sunburst");
    expect(job.modelMigration).toMatchObject({ requested: "gpt-image-2.5-sunburst", served: job.model, retiredOn: "2026-12-01" });
    expect(openai.imageModels()).not.toContain("gpt-image-2.5-sunburst");
  });
});

describe("a default model the provider shuts down while the studio runs", () => {
  it("is noticed by the job (404 model_not_found), served by another model, recorded, and never asked for again", async () => {
    const before = (await listing()).find((p) => p.id === "openai")!;
    expect(before).toMatchObject({ healthy: true, defaultModel: "gpt-image-2.6-flare", warnings: [] });
    const calls = () => openai.imageModels().filter((m) => m === "gpt-image-2.6-flare").length;
    const earlier = calls();
    openai.retire("gpt-image-2.6-flare");

    const first = await run({ provider: "openai", quality: "low" });
    expect(first.status).toBe(201);
    expect(first.job.status).toBe("succeeded");
    expect(first.job.model).not.toBe("gpt-image-2.6-flare");
    expect(first.job.modelMigration).toMatchObject({ provider: "openai", requested: "gpt-image-2.6-flare", served: first.job.model, reason: "retired" });
    expect(first.job.images[0].params.modelMigration).toEqual(first.job.modelMigration);
    expect(await lifecycleOf("openai", "gpt-image-2.6-flare")).toMatchObject({ status: "retired", source: "not-found" });

    const after = (await listing()).find((p) => p.id === "openai")!;
    expect(after.defaultModel).toBe(first.job.model);
    expect(after.warnings).toEqual([`OpenAI's default model gpt-image-2.6-flare was retired: requests are served by ${first.job.model}.`]);
    const report = (await (await send(health, "/api/health")).json()) as { status: string; warnings: string[] };
    expect(report).toMatchObject({ status: "healthy", warnings: after.warnings });

    const second = await run({ provider: "openai", quality: "low" });
    expect(second.job).toMatchObject({ status: "succeeded", model: first.job.model, modelMigration: { requested: "gpt-image-2.6-flare" } });
    // The retired default reached the provider once — the call that revealed it — and never again.
    expect(calls() - earlier).toBe(1);
  });
});

describe("OPENAI_IMAGE_MODEL naming a retired model", () => {
  it("is served by its successor with a health warning, or refused when MODEL_AUTO_UPGRADE=false", async () => {
    configure({ OPENAI_IMAGE_MODEL: "gpt-image-1" });
    const { job } = await run({ provider: "openai", quality: "low" });
    const successor = (await lifecycleOf("openai", "gpt-image-1")).successor!;
    expect(job).toMatchObject({ status: "succeeded", model: successor, modelMigration: { requested: "gpt-image-1", served: successor, retiredOn: "2026-10-23" } });
    const report = (await (await send(health, "/api/health")).json()) as { warnings: string[] };
    expect(report.warnings).toContain(`OPENAI_IMAGE_MODEL=gpt-image-1 was retired on 2026-10-23: requests are served by ${successor}.`);

    configure({ OPENAI_IMAGE_MODEL: "gpt-image-1", MODEL_AUTO_UPGRADE: "false" });
    const refused = await send(generate, "/api/v1/generations", { json: { prompt: "a lantern", provider: "openai" } });
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("model_retired");
    expect((await listing()).find((p) => p.id === "openai")).toMatchObject({ healthy: false, status: expect.stringContaining("OPENAI_IMAGE_MODEL=gpt-image-1 was retired") });
  });
});

describe("Gemini's modelStatus", () => {
  it("is read from every answer: a retirement announced there shows as deprecated with its date", async () => {
    google.setModelStatus("gemini-nano-banana-2.1", { modelStage: "DEPRECATED", retirementTime: "2099-02-01T00:00:00Z", message: "Moving to a newer model" });
    const { job } = await run({ provider: "google" });
    expect(job).toMatchObject({ status: "succeeded", model: "gemini-nano-banana-2.1" });
    expect(await lifecycleOf("google", "gemini-nano-banana-2.1")).toMatchObject({ status: "deprecated", shutdownDate: "2099-02-01", source: "response" });
    google.setModelStatus("gemini-nano-banana-2.1", undefined);
  });
});

describe("every retired id", () => {
  it("is migrated and never sent to a provider", async () => {
    for (const model of retiredIds) {
      const { status, job } = await run({ model, quality: "low" });
      expect(status, model).toBe(201);
      expect(job.modelMigration, model).toMatchObject({ requested: model });
    }
    for (const model of retiredIds) expect(openai.imageModels(), model).not.toContain(model);
    expect(google.notFoundCalls()).toEqual([]);
  });
});
