// Spend that happened is never forgotten (issue 13 item 4): a worker killed (SIGKILL) while paid calls are in
// flight leaves every call the provider received in the ledger — those that returned at their billed cost,
// those in flight at their estimate with outcome "unknown" — and the run that resumes the job counts them in
// the day's budget instead of releasing them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { startImageWorker } from "@/lib/images";
import { getUsage } from "@/lib/images/usage";
import { waitForJob } from "@/lib/jobs/worker";
import { OpenAIProvider } from "@/lib/providers/openai";
import { setProvidersForTests } from "@/lib/providers/registry";
import { utcDay } from "@/lib/usage/budget";
import { ReplicateProvider } from "@/lib/providers/replicate";
import { createGeneration, generationBody } from "@/lib/images";
import { openAIModels, startFakeOpenAI, type FakeOpenAI } from "../fakes/openai";
import { replicateModels, startFakeReplicate } from "../fakes/replicate";
import { killProcess, startProcess } from "../support/processes";
import { ensureLocalUser } from "../support/studio";

const settings = { ALLOW_PRIVATE_PROVIDER_URLS: "true", PROVIDER_CONCURRENCY: "10", PROVIDER_MAX_RETRIES: "0", PROVIDER_TIMEOUT_SECONDS: "60", DAILY_BUDGET_USD: "5", RATE_LIMIT_PER_MINUTE: "1000", PROVIDER_FALLBACK_ORDER: "", LOG_LEVEL: "error" };
let openai: FakeOpenAI;

beforeAll(async () => {
  openai = await startFakeOpenAI();
  await ensureLocalUser(); // before the child starts, so both processes see the owner
});
afterAll(() => openai.close());

const generations = () => openai.requests.filter((r) => r.method === "POST" && r.path.endsWith("/images/generations")).length;

describe("a worker killed while paid calls are in flight", () => {
  it("leaves every call the provider received in the ledger and the budget", async () => {
    // Six calls answer; four hang until the worker dies ($0.04 an image, one image a call).
    openai.queue("POST /v1/images/generations", ...Array.from({ length: 6 }, () => ({ delayMs: 1 })), ...Array.from({ length: 4 }, () => ({ hang: true as const })));
    const child = await startProcess("spend-crash-child", "tests/support/spend-crash-child.ts", { ...process.env, ...settings }, (line) => typeof line.jobId === "string", { args: [openai.baseUrl] });
    const jobId = child.ready.jobId as string;
    for (let i = 0; i < 300 && ((await db().image.count({ where: { jobId } })) < 6 || generations() < 10); i++) await new Promise((r) => setTimeout(r, 100));
    expect(generations()).toBe(10);
    expect(await db().image.count({ where: { jobId } })).toBe(6);
    await killProcess(child);

    // Every call the provider received is in the ledger: six billed ($0.24), four of unknown outcome ($0.16).
    const entries = await db().usageEntry.findMany({ where: { jobId } });
    expect(entries).toHaveLength(generations());
    const sum = (outcome: string) => entries.filter((e) => e.outcome === outcome).reduce((s, e) => s + e.costMicroUsd, 0);
    expect({ billed: sum("billed"), unknown: sum("unknown") }).toEqual({ billed: 240_000, unknown: 160_000 });

    // The next worker resumes the job: the dead run's unknown calls are spent, not released; four more are made.
    Object.assign(process.env, settings);
    resetEnvForTests();
    setProvidersForTests([new OpenAIProvider({ apiKey: "sk-test", baseUrl: openai.baseUrl, models: openAIModels() })]);
    await startImageWorker();
    expect(await waitForJob(jobId, 30_000)).toBe(true);
    expect(await db().job.findUniqueOrThrow({ where: { id: jobId } })).toMatchObject({ status: "succeeded", attempts: 2, reservedMicroUsd: 0, costMicroUsd: 560_000 });
    expect(await db().image.count({ where: { jobId } })).toBe(10);
    expect(generations()).toBe(14);
    expect(await db().usageEntry.count({ where: { jobId } })).toBe(14);
    const day = await db().budgetDay.findUniqueOrThrow({ where: { ownerId_day: { ownerId: "local", day: utcDay() } } });
    expect({ spent: day.spentMicroUsd, reserved: day.reservedMicroUsd }).toEqual({ spent: 560_000, reserved: 0 });

    // The usage API counts them, and says how much of it is of unknown outcome.
    const usage = await getUsage({ user: { id: "local", role: "admin", via: "local", scopes: ["read"] } });
    expect(usage.totalUsd).toBeCloseTo(0.56);
    expect(usage.unknownUsd).toBeCloseTo(0.16);
    expect(usage.days).toEqual([expect.objectContaining({ provider: "openai", calls: 14, images: 10, unknownCalls: 4, unknownUsd: 0.16 })]);
  }, 60_000);
});

describe("a result the provider made that the studio refuses to download", () => {
  it("is spend of unknown outcome, not free", async () => {
    const replicate = await startFakeReplicate();
    try {
      // The fake's result URLs are on 127.0.0.1: refused without ALLOW_PRIVATE_PROVIDER_URLS, after the prediction ran.
      Object.assign(process.env, { ...settings, ALLOW_PRIVATE_PROVIDER_URLS: "false" });
      resetEnvForTests();
      setProvidersForTests([new ReplicateProvider({ apiToken: replicate.token, baseUrl: replicate.baseUrl, models: replicateModels(), pollIntervalMs: 20 })]);
      await startImageWorker();
      const owner = "refused-result";
      await db().user.upsert({ where: { id: owner }, create: { id: owner }, update: {} });
      const user = { id: owner, role: "user" as const, via: "session" as const, scopes: ["read", "write", "generate"] as const };
      const body = generationBody(4000).parse({ prompt: "a bridge", provider: "replicate", model: "flux-2-pro" });
      const { job } = await createGeneration({ user, body, baseUrl: "http://studio.test" });
      expect(await waitForJob(job.id, 30_000)).toBe(true);
      expect(await db().job.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ status: "failed", reservedMicroUsd: 0, costMicroUsd: 30_000 });
      expect(await db().usageEntry.findMany({ where: { jobId: job.id } })).toEqual([expect.objectContaining({ outcome: "unknown", costMicroUsd: 30_000, images: 0 })]);
      const day = await db().budgetDay.findUniqueOrThrow({ where: { ownerId_day: { ownerId: owner, day: utcDay() } } });
      expect({ spent: day.spentMicroUsd, reserved: day.reservedMicroUsd }).toEqual({ spent: 30_000, reserved: 0 });
    } finally {
      await replicate.close();
    }
  });
});
