// The generation pipeline end to end: route → selection → budget → job → provider (the local renderer and
// fake OpenAI/Replicate servers speaking their documented APIs through the real SDKs) → storage → ledger.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as generate } from "@/app/api/v1/generations/route";
import { GET as getJob } from "@/app/api/v1/jobs/[id]/route";
import { GET as usage } from "@/app/api/v1/usage/route";
import { GET as listProviders } from "@/app/api/v1/providers/route";
import { db } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { LocalProvider } from "@/lib/providers/local";
import { OpenAIProvider } from "@/lib/providers/openai";
import { setProvidersForTests } from "@/lib/providers/registry";
import { ReplicateProvider } from "@/lib/providers/replicate";
import { FLAT_MODEL, openAIModels, startFakeOpenAI, type FakeOpenAI } from "../fakes/openai";
import { replicateModels, startFakeReplicate, type FakeReplicate } from "../fakes/replicate";
import { expectError, send } from "../support/http";

let openai: FakeOpenAI;
let replicate: FakeReplicate;

function configure(env: Record<string, string>) {
  Object.assign(process.env, env);
  resetEnvForTests();
  setProvidersForTests([
    new LocalProvider(),
    new OpenAIProvider({ apiKey: "sk-test", baseUrl: openai.baseUrl, models: openAIModels() }),
    new ReplicateProvider({
      apiToken: replicate.token,
      baseUrl: replicate.baseUrl,
      models: replicateModels(),
      pollIntervalMs: 20,
    }),
  ]);
}

beforeAll(async () => {
  openai = await startFakeOpenAI();
  replicate = await startFakeReplicate({ processingPolls: 1 });
  process.env.REPLICATE_BASE_URL = replicate.baseUrl;
  process.env.OPENAI_BASE_URL = openai.baseUrl;
});
afterAll(async () => {
  await openai.close();
  await replicate.close();
});
beforeEach(() =>
  configure({ ALLOW_PRIVATE_PROVIDER_URLS: "true", PROVIDER_TIMEOUT_SECONDS: "5", PROVIDER_MAX_RETRIES: "2", DAILY_BUDGET_USD: "5", RATE_LIMIT_PER_MINUTE: "1000", PROVIDER_FALLBACK_ORDER: "" }),
);

const waitFor = (json: unknown, headers: Record<string, string> = {}) => send(generate, "/api/v1/generations?wait=true", { json, headers });
type Job = { id: string; status: string; provider: string; model: string; images: Array<Record<string, unknown>>; costUsd: number; error: { code: string; message: string } | null };

describe("POST /api/v1/generations", () => {
  it("generates with the local renderer by default (no keys) and keeps the provenance", async () => {
    setProvidersForTests([new LocalProvider()]);
    const res = await waitFor({ prompt: "A lighthouse on a cliff at sunset", seed: 7, n: 2, aspectRatio: "16:9", style: "illustration" });
    expect(res.status).toBe(201);
    const job = (await res.json()) as Job;
    expect(job).toMatchObject({ status: "succeeded", provider: "local", model: "local-v1", costUsd: 0 });
    expect(job.images).toHaveLength(2);
    expect(job.images[0]).toMatchObject({ kind: "generated", provider: "local", prompt: "A lighthouse on a cliff at sunset", seed: 7, style: "illustration" });
    expect(job.images[1]).toMatchObject({ seed: 8 });
    expect((job.images[0].width as number) / (job.images[0].height as number)).toBeCloseTo(16 / 9, 1);
    const rows = await db().image.findMany({ where: { jobId: job.id } });
    expect(rows).toHaveLength(2);
    // The renderer's own metadata chunk (it carries the prompt) is not kept in the stored file.
    const { storage } = await import("@/lib/storage");
    const stored = await storage().get(rows[0].storageKey);
    expect(stored.includes(Buffer.from("image-studio:local"))).toBe(false);
  });

  it("answers 202 with a queued job that finishes on its own", async () => {
    const res = await send(generate, "/api/v1/generations", { json: { prompt: "quiet forest" } });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as Job;
    let job: Job;
    for (;;) {
      job = (await (await send(getJob, `/api/v1/jobs/${id}`, { params: { id } })).json()) as Job;
      if (job.status === "succeeded" || job.status === "failed") break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(job.status).toBe("succeeded");
  });

  it("calls OpenAI through the SDK, records token cost in the ledger", async () => {
    const job = (await (await waitFor({ prompt: "a red fox", provider: "openai", model: "gpt-image-2.6-flare", quality: "low" })).json()) as Job;
    expect(job).toMatchObject({ status: "succeeded", provider: "openai", model: "gpt-image-2.6-flare" });
    expect(job.costUsd).toBeGreaterThan(0);
    const entry = await db().usageEntry.findFirstOrThrow({ where: { jobId: job.id } });
    expect(entry).toMatchObject({ provider: "openai", images: 1, costMicroUsd: Math.round(job.costUsd * 1e6) });
    expect(openai.requests.filter((r) => r.path.endsWith("/images/generations")).at(-1)?.json).toMatchObject({ model: "gpt-image-2.6-flare", quality: "low", size: "1024x1024" });
  });

  it("retries a 429 honouring Retry-After, then succeeds", async () => {
    openai.queue("POST /v1/images/generations", { status: 429, retryAfter: 0 });
    const before = openai.requests.length;
    const job = (await (await waitFor({ prompt: "tea cup", provider: "openai", model: FLAT_MODEL })).json()) as Job;
    expect(job.status).toBe("succeeded");
    expect(openai.requests.length - before).toBe(2);
  });

  it("falls back to the next provider after 5xx on every retry, and records who served", async () => {
    configure({ PROVIDER_FALLBACK_ORDER: "replicate,local", DEFAULT_PROVIDER: "openai" });
    openai.queue("POST /v1/images/generations", { status: 500 }, { status: 502 }, { status: 503 });
    const job = (await (await waitFor({ prompt: "mountain hut" })).json()) as Job;
    delete process.env.DEFAULT_PROVIDER;
    expect(job).toMatchObject({ status: "succeeded", provider: "replicate" });
    expect(job.images[0]).toMatchObject({ provider: "replicate" });
  });

  it("fails with 502 when a named provider keeps failing, and charges nothing", async () => {
    openai.queue("POST /v1/images/generations", { status: 500 }, { status: 500 }, { status: 500 });
    const res = await waitFor({ prompt: "never", provider: "openai", model: FLAT_MODEL });
    const error = await expectError(res, 502, "provider_error");
    const jobId = (error.details as { jobId: string }).jobId;
    // The job's error says how the provider failed, for the studio's error text (lib/error-codes.ts).
    expect((await db().job.findUnique({ where: { id: jobId } }))?.error).toMatchObject({ code: "provider_error", details: { reason: "server" } });
    expect(await db().usageEntry.count({ where: { jobId } })).toBe(0);
    expect((await db().budgetDay.findFirst({ where: { ownerId: "local" } }))?.reservedMicroUsd ?? 0).toBe(0);
  });

  it("answers a waited generation (Prefer: wait) with the job's error code and details, not just the job id", async () => {
    openai.queue("POST /v1/images/generations", { status: 500 }, { status: 500 }, { status: 500 });
    const res = await send(generate, "/api/v1/generations", { json: { prompt: "never", provider: "openai", model: FLAT_MODEL }, headers: { Prefer: "wait" } });
    const error = await expectError(res, 502, "provider_error");
    // docs/api.md: a provider_error's details.reason says how the provider failed.
    expect(error.details).toMatchObject({ jobId: expect.any(String), reason: "server" });
  });

  it("times out a hanging provider with 504", async () => {
    configure({ PROVIDER_TIMEOUT_SECONDS: "0.5" });
    openai.queue("POST /v1/images/generations", { hang: true });
    const started = Date.now();
    await expectError(await waitFor({ prompt: "slow", provider: "openai", model: FLAT_MODEL }), 504, "timeout");
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("refuses a provider result URL on a private address", async () => {
    configure({ ALLOW_PRIVATE_PROVIDER_URLS: "false" });
    const res = await waitFor({ prompt: "a bridge", provider: "replicate", model: "flux-2-pro" });
    const error = await expectError(res, 502, "provider_error");
    expect(error.message).toMatch(/private|https/);
  });

  it("notices a FLUX model Replicate stopped serving (404) and serves the request with its successor", async () => {
    replicate.retire("flux-1.1-pro");
    try {
      const before = replicate.modelsCalled().length;
      const job = (await (await waitFor({ prompt: "a lighthouse", provider: "replicate", model: "flux-1.1-pro" })).json()) as Job;
      expect(job).toMatchObject({ status: "succeeded", provider: "replicate", model: "flux-2-pro" });
      expect(replicate.modelsCalled().slice(before)).toEqual(["black-forest-labs/flux-1.1-pro", "black-forest-labs/flux-2-pro"]);
      // Learned for every later request: the retired model is not sent again.
      const again = (await (await waitFor({ prompt: "a lighthouse", provider: "replicate", model: "flux-1.1-pro" })).json()) as Job;
      expect(again).toMatchObject({ status: "succeeded", model: "flux-2-pro" });
      expect(replicate.modelsCalled().slice(before).filter((m) => m.endsWith("/flux-1.1-pro"))).toHaveLength(1);
    } finally {
      replicate.restore("flux-1.1-pro");
    }
  });

  it("rejects bad requests with 400 and a clear message, storing nothing", async () => {
    const before = await db().job.count();
    const cases: Array<[unknown, RegExp]> = [
      [{ prompt: "" }, /prompt must not be empty/],
      [{ prompt: "x".repeat(5000) }, /at most 4000 characters/],
      [{ prompt: "ok", provider: "midjourney" }, /Unknown provider "midjourney"/],
      [{ prompt: "ok", provider: "openai", model: "dall-e-9" }, /Unknown model "dall-e-9"/],
      [{ prompt: "ok", provider: "openai", model: "gpt-image-2.6-flare", width: 800, height: 608 }, /800×608: the image must have 655,360/],
      [{ prompt: "ok", n: 11 }, /n must be 1–10/],
      [{ prompt: "ok", provider: "replicate", model: "flux-2-pro", aspectRatio: "9:1" }, /aspect ratio 9:1 is outside this model's 1:4–4:1/],
      [{ prompt: "ok", style: "cubist" }, /style must be one of/],
    ];
    for (const [body, message] of cases) {
      const error = await expectError(await send(generate, "/api/v1/generations", { json: body }), 400, "invalid_request");
      expect(error.message).toMatch(message);
    }
    expect(await db().job.count()).toBe(before);
  });
});

describe("batches", () => {
  it("splits n beyond a model's maximum into concurrent calls, each charged", async () => {
    const before = openai.requests.filter((r) => r.path.endsWith("/images/generations")).length;
    const job = (await (await waitFor({ prompt: "three posters", provider: "openai", model: FLAT_MODEL, n: 3 })).json()) as Job;
    expect(job).toMatchObject({ status: "succeeded", costUsd: 0.12, error: null });
    expect(job.images).toHaveLength(3);
    expect(openai.requests.filter((r) => r.path.endsWith("/images/generations")).length - before).toBe(3);
    expect(await db().usageEntry.count({ where: { jobId: job.id } })).toBe(3);
  });

  it("reports partial success per image and charges only what was produced", async () => {
    openai.queue("POST /v1/images/generations", { status: 400, body: { error: { message: "fake refusal", code: "invalid_value" } } });
    const job = (await (await waitFor({ prompt: "three more posters", provider: "openai", model: FLAT_MODEL, n: 3 })).json()) as Job;
    expect(job.status).toBe("succeeded");
    expect(job.images).toHaveLength(2);
    expect(job.error).toMatchObject({ code: "partial", message: expect.stringMatching(/^2 of 3 images were produced/) });
    expect(job.costUsd).toBe(0.08);
    const ledger = await db().usageEntry.aggregate({ where: { jobId: job.id }, _sum: { costMicroUsd: true } });
    expect(ledger._sum.costMicroUsd).toBe(80_000);
  });
});

describe("budget and limits", () => {
  it("lets exactly 5 of 20 concurrent $0.04 generations through a $0.20 budget", async () => {
    await db().budgetDay.deleteMany();
    await db().usageEntry.deleteMany();
    configure({ DAILY_BUDGET_USD: "0.2" });
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => waitFor({ prompt: `poster ${i}`, provider: "openai", model: FLAT_MODEL })),
    );
    const ok = responses.filter((r) => r.status === 201);
    const refused = responses.filter((r) => r.status === 429);
    expect(ok).toHaveLength(5);
    expect(refused).toHaveLength(15);
    for (const r of refused) {
      expect(r.headers.get("retry-after")).toMatch(/^\d+$/);
      expect(((await r.json()) as { error: { code: string; details: unknown } }).error).toMatchObject({ code: "budget_exceeded", details: { limit: "daily" } });
    }
    const spent = await db().usageEntry.aggregate({ _sum: { costMicroUsd: true } });
    expect(spent._sum.costMicroUsd).toBe(200_000);
    const report = (await (await send(usage, "/api/v1/usage")).json()) as { budget: { spentUsd: number; leftUsd: number } };
    expect(report.budget).toMatchObject({ spentUsd: 0.2, leftUsd: 0 });
  });

  it("refuses a model over MAX_COST_PER_IMAGE_USD per image, without Retry-After", async () => {
    configure({ MAX_COST_PER_IMAGE_USD: "0.01" });
    try {
      const res = await waitFor({ prompt: "poster", provider: "openai", model: FLAT_MODEL });
      expect(res.headers.get("retry-after")).toBeNull();
      expect((await expectError(res, 429, "budget_exceeded")).details).toEqual({ limit: "per_image" });
    } finally {
      delete process.env.MAX_COST_PER_IMAGE_USD; // configure() writes process.env: the tests after this one keep the default
      configure({});
    }
  });

  it("rate-limits per user and provider with Retry-After", async () => {
    configure({ RATE_LIMIT_PER_MINUTE: "2" });
    await db().rateLimitWindow.deleteMany();
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await send(generate, "/api/v1/generations", { json: { prompt: `p${i}` } })).status);
    expect(statuses).toEqual([202, 202, 429]);
  });
});

describe("Idempotency-Key", () => {
  it("turns 10 concurrent retries into one job and one provider call; another body is a 409", async () => {
    // Only this test's calls: jobs the tests before it accepted may still be running.
    const calls = () => openai.requests.filter((r) => r.path.endsWith("/images/generations") && (r.json as { prompt?: string } | undefined)?.prompt === "idempotent teapot").length;
    const before = calls();
    const body = { prompt: "idempotent teapot", provider: "openai", model: FLAT_MODEL };
    const headers = { "Idempotency-Key": "key-123" };
    const responses = await Promise.all(Array.from({ length: 10 }, () => send(generate, "/api/v1/generations", { json: body, headers })));
    const ids = new Set(await Promise.all(responses.map(async (r) => ((await r.json()) as Job).id)));
    expect(responses.every((r) => r.status === 202)).toBe(true);
    expect(ids.size).toBe(1);
    const [id] = ids;
    for (let i = 0; i < 100; i++) {
      const job = (await (await send(getJob, `/api/v1/jobs/${id}`, { params: { id } })).json()) as Job;
      if (job.status === "succeeded") break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(calls() - before).toBe(1);
    expect(await db().usageEntry.count({ where: { jobId: id } })).toBe(1);
    await expectError(await send(generate, "/api/v1/generations", { json: { ...body, prompt: "another" }, headers }), 409, "conflict");
  });
});

describe("GET /api/v1/providers", () => {
  it("lists providers with configuration, health, models and prices; local is always configured", async () => {
    const list = (await (await send(listProviders, "/api/v1/providers")).json()) as Array<{ id: string; name: string; configured: boolean; healthy: boolean; models: Array<{ id: string; costPerImageUsd: number }> }>;
    const local = list.find((p) => p.id === "local")!;
    expect(local).toMatchObject({ name: "Local renderer", configured: true, healthy: true });
    expect(list.find((p) => p.id === "openai")?.models.map((m) => m.id)).toContain("gpt-image-2.6-flare");
  });
});
