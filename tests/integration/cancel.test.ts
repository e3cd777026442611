// POST /api/v1/jobs/{id}/cancel: a queued job never runs; a running one has its provider call aborted (here, or
// by its worker noticing the request from another process), ends `canceled`, is charged nothing and gives its
// budget reservation back; a finished one is left as it was.
import { createServer, connect, type AddressInfo, type Server } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as generate } from "@/app/api/v1/generations/route";
import { POST as cancel } from "@/app/api/v1/jobs/[id]/cancel/route";
import { db } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { newId } from "@/lib/ids";
import { jobEventsWritten } from "@/lib/jobs/event-log";
import { onJobFinished } from "@/lib/jobs/events";
import type { JobQueue } from "@/lib/jobs/queue";
import { requestJobCancel } from "@/lib/jobs/repository";
import { jobHandlers } from "@/lib/images/job-handlers";
import { runJob, runningJobs, setJobQueueForTests } from "@/lib/jobs/worker";
import { LocalProvider } from "@/lib/providers/local";
import { OpenAIProvider } from "@/lib/providers/openai";
import { setProvidersForTests } from "@/lib/providers/registry";
import { ReplicateProvider } from "@/lib/providers/replicate";
import { utcDay } from "@/lib/usage/budget";
import { FLAT_MODEL, openAIModels, startFakeOpenAI, type FakeOpenAI } from "../fakes/openai";
import { replicateModels, startFakeReplicate, type FakeReplicate } from "../fakes/replicate";
import { expectError, expectJson, send } from "../support/http";
import { ensureLocalUser, ensureUser } from "../support/studio";

type Job = { id: string; status: string; finishedAt: string | null; images: unknown[]; error: unknown };

/**
 * A TCP relay in front of the fake OpenAI that counts requests whose client hung up before any answer came:
 * what the fake sees when our SDK call is aborted.
 */
async function abortWatchingRelay(target: string) {
  const { hostname, port } = new URL(target);
  const relay = { aborted: 0, server: undefined as unknown as Server, url: "" };
  relay.server = createServer((client) => {
    const upstream = connect(Number(port), hostname);
    let waiting = false;
    client.on("data", (chunk) => {
      waiting = true;
      upstream.write(chunk);
    });
    upstream.on("data", (chunk) => {
      waiting = false;
      client.write(chunk);
    });
    client.on("close", () => {
      if (waiting) relay.aborted++;
      upstream.destroy();
    });
    upstream.on("close", () => client.destroy());
    client.on("error", () => {});
    upstream.on("error", () => {});
  });
  await new Promise<void>((resolve) => relay.server.listen(0, "127.0.0.1", resolve));
  relay.url = `http://127.0.0.1:${(relay.server.address() as AddressInfo).port}${new URL(target).pathname}`;
  return relay;
}

let openai: FakeOpenAI;
let replicate: FakeReplicate;
let relay: Awaited<ReturnType<typeof abortWatchingRelay>>;
const finished: Array<[string, string]> = [];

beforeAll(async () => {
  openai = await startFakeOpenAI();
  replicate = await startFakeReplicate({ processingPolls: 1_000_000 }); // predictions never finish on their own
  relay = await abortWatchingRelay(openai.baseUrl);
  await ensureLocalUser();
  await ensureUser("other");
  onJobFinished((jobId, status) => finished.push([jobId, status]));
});
afterAll(async () => {
  relay.server.close();
  await openai.close();
  await replicate.close();
});
beforeEach(() => {
  Object.assign(process.env, { ALLOW_PRIVATE_PROVIDER_URLS: "true", PROVIDER_TIMEOUT_SECONDS: "30", PROVIDER_MAX_RETRIES: "0", DAILY_BUDGET_USD: "5", RATE_LIMIT_PER_MINUTE: "1000", PROVIDER_FALLBACK_ORDER: "" });
  resetEnvForTests();
  setProvidersForTests([
    new LocalProvider(),
    new OpenAIProvider({ apiKey: "sk-test", baseUrl: relay.url, models: openAIModels() }),
    new ReplicateProvider({
      apiToken: replicate.token,
      baseUrl: replicate.baseUrl,
      models: replicateModels(),
      pollIntervalMs: 20,
    }),
  ]);
});
afterEach(() => setJobQueueForTests(undefined));

const start = async (json: object, wait = false) => {
  const res = await send(generate, `/api/v1/generations${wait ? "?wait=true" : ""}`, { json });
  return expectJson<Job>(res, wait ? 201 : 202);
};
const cancelJob = (id: string) => send(cancel, `/api/v1/jobs/${id}/cancel`, { method: "POST", params: { id } });
const reserved = async () => (await db().budgetDay.findUnique({ where: { ownerId_day: { ownerId: "local", day: utcDay() } } }))?.reservedMicroUsd ?? 0;
const status = async (id: string) => (await db().job.findUniqueOrThrow({ where: { id } })).status;
async function until(check: () => boolean | Promise<boolean>, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 10));
  }
}
const eventTypes = async (jobId: string) => {
  await jobEventsWritten(jobId);
  return (await db().jobEvent.findMany({ where: { jobId }, orderBy: { seq: "asc" } })).map((e) => e.type);
};

describe("POST /api/v1/jobs/{id}/cancel", () => {
  it("aborts a hanging OpenAI call at once: canceled, nothing charged, reservation released", async () => {
    openai.queue("POST /v1/images/generations", { hang: true });
    const calls = openai.requests.length;
    const job = await start({ prompt: "never finishes", provider: "openai", model: FLAT_MODEL });
    await until(() => openai.requests.length > calls);
    expect(await reserved()).toBe(40_000);
    const controller = runningJobs.get(job.id)!;
    const began = Date.now();
    const answer = await expectJson<Job>(await cancelJob(job.id));
    expect(Date.now() - began).toBeLessThan(1000);
    expect((controller.signal.reason as Error).message).toBe("The job was canceled"); // aborted here, not by the row check
    expect(answer).toMatchObject({ id: job.id, status: "canceled", error: null, images: [] });
    await until(() => relay.aborted === 1, 1000); // the HTTP request itself was abandoned
    expect(await db().usageEntry.count({ where: { jobId: job.id } })).toBe(0);
    expect(await reserved()).toBe(0);
    expect(await eventTypes(job.id)).toEqual(["canceled"]);
    expect(finished).toContainEqual([job.id, "canceled"]);
  });

  it("stops a job whose cancel was asked from another process within a second", async () => {
    openai.queue("POST /v1/images/generations", { delayMs: 5000 });
    const calls = openai.requests.length;
    const abortedBefore = relay.aborted;
    const job = await start({ prompt: "slow", provider: "openai", model: FLAT_MODEL });
    await until(() => openai.requests.length > calls);
    const controller = runningJobs.get(job.id)!;
    const began = Date.now();
    expect(await requestJobCancel(job.id)).toBe(true); // only the row: this process's controller is not touched
    await until(async () => (await status(job.id)) === "canceled", 1500);
    expect(Date.now() - began).toBeLessThan(1200);
    expect((controller.signal.reason as Error).message).toMatch(/seen on its row/);
    await until(() => relay.aborted === abortedBefore + 1, 1000);
    expect(await db().usageEntry.count({ where: { jobId: job.id } })).toBe(0);
    expect(await reserved()).toBe(0);
  });

  it("cancels the Replicate prediction in flight", async () => {
    const before = new Set(replicate.predictions.keys());
    const job = await start({ prompt: "a bridge", provider: "replicate", model: "flux-2-pro" });
    let predictionId = "";
    await until(() => (predictionId = [...replicate.predictions.keys()].find((k) => !before.has(k)) ?? "") !== "");
    await until(() => replicate.requestsTo("GET", `/v1/predictions/${predictionId}`).length > 0); // created, and we know it
    expect(await reserved()).toBeGreaterThan(0);
    const answer = await expectJson<Job>(await cancelJob(job.id));
    expect(answer.status).toBe("canceled");
    expect(replicate.requestsTo("POST", `/v1/predictions/${predictionId}/cancel`)).toHaveLength(1);
    expect(replicate.predictions.get(predictionId)?.status).toBe("canceled");
    expect(await db().usageEntry.count({ where: { jobId: job.id } })).toBe(0);
    expect(await reserved()).toBe(0);
  });

  it("cancels a queued job at once and it never runs", async () => {
    const enqueued: string[] = [];
    const held: JobQueue = { enqueue: async (id) => void enqueued.push(id), start: () => {}, stop: async () => {} };
    setJobQueueForTests(held);
    const calls = openai.requests.length;
    const job = await start({ prompt: "waiting in line", provider: "openai", model: FLAT_MODEL });
    expect(enqueued).toContain(job.id);
    expect(await reserved()).toBe(40_000);
    const answer = await expectJson<Job>(await cancelJob(job.id));
    expect(answer).toMatchObject({ status: "canceled", error: null });
    expect(answer.finishedAt).not.toBeNull();
    expect(await reserved()).toBe(0);
    expect(finished).toContainEqual([job.id, "canceled"]);
    await runJob(job.id, jobHandlers); // the worker gets to it later
    expect(await status(job.id)).toBe("canceled");
    expect(openai.requests.length).toBe(calls);
    const row = await db().job.findUniqueOrThrow({ where: { id: job.id } });
    expect(row.startedAt).toBeNull();
    expect(row.attempts).toBe(0);
    expect(await eventTypes(job.id)).toEqual(["canceled"]);
  });

  it("leaves a finished job unchanged", async () => {
    const done = await start({ prompt: "already done", provider: "local" }, true);
    const events = await eventTypes(done.id);
    const answer = await expectJson<Job>(await cancelJob(done.id));
    expect(answer).toMatchObject({ id: done.id, status: "succeeded", finishedAt: done.finishedAt });
    expect(answer.images).toHaveLength(1);
    expect(await eventTypes(done.id)).toEqual(events);
    expect(events.at(-1)).toBe("completed");
    expect(finished.filter(([id]) => id === done.id)).toEqual([[done.id, "succeeded"]]);
  });

  it("is 404 for another user's job, which stays as it was", async () => {
    const theirs = await db().job.create({ data: { id: newId("job"), ownerId: "other", type: "generate", status: "queued", input: {} } });
    await expectError(await cancelJob(theirs.id), 404, "not_found");
    expect(await status(theirs.id)).toBe("queued");
    await db().job.delete({ where: { id: theirs.id } }); // not left for a worker to pick up
  });
});
