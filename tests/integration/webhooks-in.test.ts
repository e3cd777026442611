// Replicate's webhooks coming in (POST /api/webhooks/replicate): Standard Webhooks signatures checked against
// REPLICATE_WEBHOOK_SECRET, each webhook-id processed once, and a finished prediction waking the adapter's poll —
// with the fake Replicate API and the real SDK behind the generation route.
import { createHmac, randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as generate } from "@/app/api/v1/generations/route";
import { GET as getJob } from "@/app/api/v1/jobs/[id]/route";
import { POST as replicateWebhook } from "@/app/api/webhooks/replicate/route";
import { db } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { LocalProvider } from "@/lib/providers/local";
import { setProvidersForTests } from "@/lib/providers/registry";
import { ReplicateProvider, replicatePredictionEvents } from "@/lib/providers/replicate";
import { replicateModels, startFakeReplicate, type FakeReplicate } from "../fakes/replicate";
import { expectError, expectJson, send } from "../support/http";

const secret = `whsec_${randomBytes(24).toString("base64")}`;
const envNames = ["REPLICATE_WEBHOOK_SECRET", "PUBLIC_URL", "REPLICATE_API_TOKEN", "REPLICATE_BASE_URL", "ALLOW_PRIVATE_PROVIDER_URLS", "RATE_LIMIT_PER_MINUTE"];
let replicate: FakeReplicate;

function configure(env: Record<string, string> = {}) {
  for (const name of envNames) delete process.env[name];
  Object.assign(process.env, { REPLICATE_WEBHOOK_SECRET: secret, ALLOW_PRIVATE_PROVIDER_URLS: "true", RATE_LIMIT_PER_MINUTE: "1000" }, env);
  resetEnvForTests();
}

beforeAll(async () => {
  replicate = await startFakeReplicate({ startingPolls: 0, processingPolls: 0 });
});
beforeEach(() => configure());
afterAll(async () => {
  await replicate.close();
  for (const name of envNames) delete process.env[name];
  resetEnvForTests();
  setProvidersForTests(undefined);
});

/** Signs like Replicate does (Standard Webhooks), by hand rather than with the code under test. */
function signed(body: string, options: { id?: string; timestamp?: number; key?: string } = {}) {
  const id = options.id ?? `msg_${randomBytes(8).toString("hex")}`;
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const key = Buffer.from((options.key ?? secret).slice("whsec_".length), "base64");
  const signature = `v1,${createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64")}`;
  return { "content-type": "application/json", "webhook-id": id, "webhook-timestamp": timestamp, "webhook-signature": signature };
}

const deliver = (body: string, headers: Record<string, string>) => send(replicateWebhook, "/api/webhooks/replicate", { body, headers });
const prediction = (id: string, status = "succeeded") => JSON.stringify({ id, status, output: [`https://replicate.delivery/x/${id}.png`], error: null });

/** How many times this process was told prediction `id` finished. */
function countWakes(id: string) {
  const counter = { count: 0 };
  replicatePredictionEvents.on(id, () => counter.count++);
  return counter;
}

describe("POST /api/webhooks/replicate", () => {
  it("refuses a bad, missing or stale signature with 401 and processes nothing", async () => {
    const body = prediction("p_forged");
    const wakes = countWakes("p_forged");
    const good = signed(body);
    const now = Math.floor(Date.now() / 1000);
    const cases: Array<[string, string, Record<string, string>]> = [
      ["another secret", body, signed(body, { key: `whsec_${randomBytes(24).toString("base64")}` })],
      ["tampered body", body.replace("succeeded", "failed"), good],
      ["another id", body, { ...good, "webhook-id": "msg_other" }],
      ["no signature", body, { "content-type": "application/json", "webhook-id": good["webhook-id"], "webhook-timestamp": good["webhook-timestamp"] }],
      ["no headers", body, { "content-type": "application/json" }],
      ["stale timestamp", body, signed(body, { timestamp: now - 6 * 60 })],
      ["future timestamp", body, signed(body, { timestamp: now + 6 * 60 })],
    ];
    for (const [why, sentBody, headers] of cases) {
      const error = await expectError(await deliver(sentBody, headers), 401, "unauthorized");
      expect(error.message, why).toMatch(/signature/);
    }
    expect(wakes.count).toBe(0);
    expect(await db().webhookReceipt.count()).toBe(0);
  });

  it("answers 401 when REPLICATE_WEBHOOK_SECRET is not set, even to a well-formed webhook", async () => {
    configure({ REPLICATE_WEBHOOK_SECRET: "" });
    const body = prediction("p_unconfigured");
    const error = await expectError(await deliver(body, signed(body)), 401, "unauthorized");
    expect(error.message).toMatch(/REPLICATE_WEBHOOK_SECRET/);
  });

  it("accepts a valid webhook once; a replay of its webhook-id is a 200 duplicate, processed only once", async () => {
    const body = prediction("p_once");
    const wakes = countWakes("p_once");
    const headers = signed(body, { id: "msg_once" });
    expect(await expectJson(await deliver(body, headers))).toEqual({ received: true });
    expect(wakes.count).toBe(1);
    expect(await expectJson(await deliver(body, headers))).toEqual({ received: true, duplicate: true });
    expect(await expectJson(await deliver(body, { ...signed(body, { id: "msg_once" }) }))).toEqual({ received: true, duplicate: true });
    expect(wakes.count).toBe(1);
    expect((await db().webhookReceipt.findMany()).map((r) => r.id)).toContain("replicate:msg_once");
    expect(await db().webhookReceipt.count({ where: { id: { startsWith: "replicate:msg_once" } } })).toBe(1);
  });

  it("records but does not wake for a prediction that has not finished", async () => {
    const body = prediction("p_running", "processing");
    const wakes = countWakes("p_running");
    expect(await expectJson(await deliver(body, signed(body)))).toEqual({ received: true });
    expect(wakes.count).toBe(0);
  });
});

describe("the Replicate adapter and its webhook", () => {
  type Job = { id: string; status: string; provider: string };

  it("finishes a poll at once when the prediction's webhook arrives instead of waiting for the next tick", async () => {
    configure({ REPLICATE_BASE_URL: replicate.baseUrl }); // result files come from the fake's host
    setProvidersForTests([
      new LocalProvider(),
      new ReplicateProvider({
        apiToken: replicate.token,
        baseUrl: replicate.baseUrl,
        models: replicateModels(),
        pollIntervalMs: 30_000, // without the webhook, the job could not end within this test's time
      }),
    ]);
    const known = new Set(replicate.predictions.keys());
    const { id } = await expectJson<Job>(await send(generate, "/api/v1/generations", { json: { prompt: "a harbour", provider: "replicate", model: "flux-2-pro" } }), 202);
    let predictionId: string | undefined;
    for (let i = 0; i < 200 && !predictionId; i++) {
      predictionId = [...replicate.predictions.keys()].find((p) => !known.has(p));
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(predictionId).toBeDefined();
    const polls = () => replicate.requestsTo("GET", `/v1/predictions/${predictionId}`).length;
    await new Promise((r) => setTimeout(r, 200)); // the adapter is waiting for its next poll by now
    expect(polls()).toBe(0);

    const started = Date.now();
    const body = prediction(predictionId!);
    expect(await expectJson(await deliver(body, signed(body)))).toEqual({ received: true });
    let job: Job;
    do {
      await new Promise((r) => setTimeout(r, 50));
      job = await expectJson<Job>(await send(getJob, `/api/v1/jobs/${id}`, { params: { id } }));
    } while (job.status !== "succeeded" && job.status !== "failed" && Date.now() - started < 10_000);
    expect(job).toMatchObject({ status: "succeeded", provider: "replicate" });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(polls()).toBe(1); // woken once, read the outcome from the API once
  });

  it("asks Replicate for a completed webhook at PUBLIC_URL when PUBLIC_URL and the secret are set", async () => {
    const models = () => replicate.requestsTo("POST", "/v1/models/");
    const run = async () => {
      setProvidersForTests(undefined); // rebuilt from the environment, as in the app
      const before = models().length;
      const res = await send(generate, "/api/v1/generations?wait=true", { json: { prompt: "a dune", provider: "replicate", model: "flux-2-pro" } });
      expect((await expectJson<Job>(res, 201)).status).toBe("succeeded");
      expect(models()).toHaveLength(before + 1);
      return models().at(-1)!.json as { webhook?: string; webhook_events_filter?: string[] };
    };
    const fake = { REPLICATE_API_TOKEN: replicate.token, REPLICATE_BASE_URL: replicate.baseUrl };
    configure({ ...fake, PUBLIC_URL: "https://studio.example/" });
    expect(await run()).toMatchObject({ webhook: "https://studio.example/api/webhooks/replicate", webhook_events_filter: ["completed"] });
    // Without a secret to verify them, webhooks would only be refused: none are asked for.
    configure({ ...fake, PUBLIC_URL: "https://studio.example", REPLICATE_WEBHOOK_SECRET: "" });
    const request = await run();
    expect(request.webhook).toBeUndefined();
    expect(request.webhook_events_filter).toBeUndefined();
  });
});
