// Outgoing job webhooks end to end: a generation with the local renderer through the route handler, the job's
// end, the signed POST to a receiver on 127.0.0.1 (Standard Webhooks), retries with backoff, refusals, and the
// delivery loop that startImageWorker runs (the only way deliveries left by a previous process get sent).
import { createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as generate } from "@/app/api/v1/generations/route";
import { GET as getSecret } from "@/app/api/v1/webhooks/secret/route";
import { db } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { startImageWorker } from "@/lib/images/worker";
import { emitJobEvent } from "@/lib/jobs/events";
import { LocalProvider } from "@/lib/providers/local";
import { setProvidersForTests } from "@/lib/providers/registry";
import { deliverDueWebhooks, stopWebhookDeliveries } from "@/lib/webhooks/deliver";
import { verifyWebhookSignature } from "@/lib/net/standard-webhooks";
import { expectError, expectJson, send } from "../support/http";
import { ensureUser } from "../support/studio";

type Answer = number | "hang" | { redirect: string };
interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

/** A webhook receiver: answers each request with the next answer queued for its path (200 when none), records it. */
function startReceiver(): Promise<{ url: string; received: Received[]; answer: (path: string, ...answers: Answer[]) => void; close: () => Promise<void> }> {
  const received: Received[] = [];
  const answers = new Map<string, Answer[]>();
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    received.push({ path: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8"), at: Date.now() });
    const answer = answers.get(new URL(req.url ?? "/", "http://receiver").pathname)?.shift() ?? 200;
    if (answer === "hang") return;
    if (typeof answer === "object") return void res.writeHead(302, { location: answer.redirect }).end();
    res.writeHead(answer, { "content-type": "text/plain" }).end(answer >= 300 ? `receiver says ${answer}` : "ok");
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        received,
        answer: (path, ...next) => answers.set(path, [...(answers.get(path) ?? []), ...next]),
        close: () => new Promise<void>((done) => (server.closeAllConnections(), server.close(() => done()))),
      }),
    ),
  );
}

async function waitUntil<T>(check: () => Promise<T | undefined | null | false> | T | undefined | null | false, timeoutMs = 8000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

let receiver: Awaited<ReturnType<typeof startReceiver>>;
const envNames = ["ALLOW_PRIVATE_WEBHOOK_URLS", "WEBHOOK_RETRY_SCHEDULE", "WEBHOOK_TIMEOUT_SECONDS", "WEBHOOK_SECRET", "RATE_LIMIT_PER_MINUTE"];

function configure(env: Record<string, string> = {}) {
  for (const name of envNames) delete process.env[name];
  Object.assign(process.env, { ALLOW_PRIVATE_WEBHOOK_URLS: "true", WEBHOOK_RETRY_SCHEDULE: "0.3,0.3,0.3,0.3,0.3", RATE_LIMIT_PER_MINUTE: "1000" }, env);
  resetEnvForTests();
  setProvidersForTests([new LocalProvider()]);
}

beforeAll(async () => {
  receiver = await startReceiver();
  configure();
  await startImageWorker(); // registers the webhook listener and starts the delivery loop, as at server start
});
beforeEach(() => configure());
afterAll(async () => {
  stopWebhookDeliveries();
  await receiver.close();
  for (const name of envNames) delete process.env[name];
  resetEnvForTests();
  setProvidersForTests(undefined);
});

type Job = { id: string; status: string; images: Array<{ id: string }>; error: unknown };
type Payload = { type: string; timestamp: string; data: { job: Job & { provider: string } } };

const generateWith = async (webhookUrl: string, prompt = "a lighthouse at dusk") =>
  expectJson<Job>(await send(generate, "/api/v1/generations?wait=true", { json: { prompt, webhookUrl } }), 201);
const delivery = (jobId: string) => db().webhookDelivery.findUniqueOrThrow({ where: { id: `msg_${jobId}` } });
const receivedFor = (jobId: string) => receiver.received.filter((r) => r.headers["webhook-id"] === `msg_${jobId}`);
const publishedSecret = async () => (await expectJson<{ secret: string }>(await send(getSecret, "/api/v1/webhooks/secret"))).secret;
const verifies = (r: Received, secret: string, body = r.body) =>
  verifyWebhookSignature({ id: r.headers["webhook-id"] as string, timestamp: r.headers["webhook-timestamp"] as string, signature: r.headers["webhook-signature"] as string, body, secret });

describe("outgoing job webhooks", () => {
  it("POSTs a signed job.completed that verifies with GET /api/v1/webhooks/secret; a tampered body does not", async () => {
    const job = await generateWith(`${receiver.url}/hooks/studio?team=7`);
    expect(job.status).toBe("succeeded");
    const [request] = await waitUntil(() => receivedFor(job.id).length === 1 && receivedFor(job.id));
    expect(request.path).toBe("/hooks/studio?team=7");
    expect(request.headers["content-type"]).toBe("application/json");
    expect(Math.abs(Number(request.headers["webhook-timestamp"]) - Date.now() / 1000)).toBeLessThan(30);

    const secret = await publishedSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(verifies(request, secret)).toBe(true);
    // The same check by hand, as any Standard Webhooks receiver does it.
    const expected = createHmac("sha256", Buffer.from(secret.slice(6), "base64"))
      .update(`${request.headers["webhook-id"]}.${request.headers["webhook-timestamp"]}.${request.body}`)
      .digest("base64");
    expect(request.headers["webhook-signature"]).toBe(`v1,${expected}`);
    expect(verifies(request, secret, request.body.replace('"succeeded"', '"failed"'))).toBe(false);
    expect(verifies(request, `whsec_${Buffer.alloc(32, 1).toString("base64")}`)).toBe(false);

    const payload = JSON.parse(request.body) as Payload;
    expect(payload.type).toBe("job.completed");
    expect(new Date(payload.timestamp).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(payload.data.job).toMatchObject({ id: job.id, status: "succeeded", provider: "local" });
    expect(payload.data.job.images.map((i) => i.id)).toEqual(job.images.map((i) => i.id));
    const row = await waitUntil(async () => ((await delivery(job.id)).status === "delivered" ? delivery(job.id) : null));
    expect(row).toMatchObject({ event: "job.completed", attempts: 1, lastStatus: 200, lastError: null, nextAttemptAt: null, url: `${receiver.url}/hooks/studio?team=7` });
    expect(row.deliveredAt).toBeInstanceOf(Date);
  });

  it("signs with WEBHOOK_SECRET when it is set, and publishes that secret", async () => {
    const secret = `whsec_${Buffer.alloc(32, 9).toString("base64")}`;
    configure({ WEBHOOK_SECRET: secret });
    expect(await publishedSecret()).toBe(secret);
    const job = await generateWith(`${receiver.url}/own-secret`);
    const [request] = await waitUntil(() => receivedFor(job.id).length === 1 && receivedFor(job.id));
    expect(verifies(request, secret)).toBe(true);
  });

  it("retries a receiver that answers 500 twice with backoff, then records the delivery and every attempt", async () => {
    receiver.answer("/flaky", 500, 500);
    const job = await generateWith(`${receiver.url}/flaky`);
    const first = await waitUntil(async () => {
      const row = await delivery(job.id).catch(() => null);
      return row && row.attempts === 1 && row;
    });
    expect(first).toMatchObject({ status: "pending", lastStatus: 500, lastError: "HTTP 500: receiver says 500" });
    expect(first.nextAttemptAt!.getTime()).toBeGreaterThan(Date.now() - 1000);
    const done = await waitUntil(async () => ((await delivery(job.id)).status === "delivered" ? delivery(job.id) : null));
    expect(done).toMatchObject({ attempts: 3, lastStatus: 200, lastError: null, nextAttemptAt: null });
    const attempts = receivedFor(job.id);
    expect(attempts).toHaveLength(3);
    expect(new Set(attempts.map((a) => a.body)).size).toBe(1);
    const secret = await publishedSecret();
    expect(attempts.every((a) => verifies(a, secret))).toBe(true);
    expect(attempts[1].at - attempts[0].at).toBeGreaterThanOrEqual(250);
    expect(attempts[2].at - attempts[1].at).toBeGreaterThanOrEqual(250);
  });

  it("gives up after the last attempt; refused connections, timeouts and redirects are failures", async () => {
    configure({ WEBHOOK_RETRY_SCHEDULE: "0.1,0.1", WEBHOOK_TIMEOUT_SECONDS: "0.5" });
    const closed = await startReceiver();
    const deadUrl = `${closed.url}/gone`;
    await closed.close();
    receiver.answer("/slow", "hang", "hang", "hang");
    receiver.answer("/moved", ...Array.from({ length: 3 }, () => ({ redirect: `${receiver.url}/elsewhere` })));
    const dead = await generateWith(deadUrl, "refused");
    const slow = await generateWith(`${receiver.url}/slow`, "slow");
    const moved = await generateWith(`${receiver.url}/moved`, "moved");
    const failed = (id: string) => waitUntil(async () => ((await delivery(id).catch(() => null))?.status === "failed" ? delivery(id) : null));
    expect(await failed(dead.id)).toMatchObject({ attempts: 3, lastStatus: null, lastError: expect.stringMatching(/ECONNREFUSED/), nextAttemptAt: null });
    expect(await failed(slow.id)).toMatchObject({ attempts: 3, lastStatus: null, lastError: "no answer within 0.5 s" });
    expect(await failed(moved.id)).toMatchObject({ attempts: 3, lastStatus: 302, lastError: expect.stringMatching(/redirects are not followed/) });
    expect(receivedFor(slow.id)).toHaveLength(3);
    expect(receiver.received.some((r) => r.path === "/elsewhere")).toBe(false);
  });

  it("sends job.failed and job.canceled for jobs that end that way", async () => {
    await ensureUser("local");
    const ended = async (status: "failed" | "canceled") => {
      const id = `job_webhook_${status}_${Date.now()}`;
      const error = status === "failed" ? { code: "provider_error", message: "The local renderer failed: boom" } : undefined;
      await db().job.create({ data: { id, ownerId: "local", type: "generate", status, input: {}, error, webhookUrl: `${receiver.url}/${status}`, finishedAt: new Date() } });
      emitJobEvent({ type: "finished", jobId: id, status });
      const [request] = await waitUntil(() => receivedFor(id).length === 1 && receivedFor(id));
      return JSON.parse(request.body) as Payload;
    };
    const failed = await ended("failed");
    expect(failed).toMatchObject({ type: "job.failed", data: { job: { status: "failed", error: { code: "provider_error", message: "The local renderer failed: boom" } } } });
    expect((await ended("canceled")).type).toBe("job.canceled");
  });
});

describe("webhook targets", () => {
  it("refuses a webhookUrl on a private address with 400 when ALLOW_PRIVATE_WEBHOOK_URLS=false, creating nothing", async () => {
    configure({ ALLOW_PRIVATE_WEBHOOK_URLS: "false" });
    const port = new URL(receiver.url).port;
    const before = { jobs: await db().job.count(), deliveries: await db().webhookDelivery.count(), received: receiver.received.length };
    const cases: Array<[string, RegExp]> = [
      [`http://127.0.0.1:${port}/hook`, /^webhookUrl must not point at a private or special-purpose address: 127\.0\.0\.1 is in 127\.0\.0\.0\/8 \(Loopback\)/],
      [`http://localhost:${port}/hook`, /^webhookUrl must not point at a private or special-purpose address: localhost resolves to (127\.0\.0\.1|::1) is in /],
      [`http://[::1]:${port}/hook`, /^webhookUrl must not point at a private or special-purpose address: ::1 is in ::1\/128/],
      [`http://[::ffff:127.0.0.1]:${port}/hook`, /: ::ffff:7f00:1 is in ::ffff:0:0\/96 \(IPv4-mapped Address\) carrying 127\.0\.0\.1, in 127\.0\.0\.0\/8/],
      [`http://[64:ff9b::7f00:1]:${port}/hook`, /: 64:ff9b::7f00:1 is in 64:ff9b::\/96 .* carrying 127\.0\.0\.1/],
      [`http://198.18.0.1:${port}/hook`, /: 198\.18\.0\.1 is in 198\.18\.0\.0\/15 \(Benchmarking\)/],
      [`http://0x7f.1:${port}/hook`, /: 127\.0\.0\.1 is in 127\.0\.0\.0\/8/],
      [`http://2130706433:${port}/hook`, /: 127\.0\.0\.1 is in 127\.0\.0\.0\/8/],
      ["http://169.254.169.254/latest/meta-data", /^webhookUrl must not point at a private or special-purpose address: 169\.254\.169\.254 is in 169\.254\.0\.0\/16/],
      ["https://10.0.0.8/hook", /^webhookUrl must not point at a private or special-purpose address/],
      ["ftp://example.com/hook", /webhookUrl must be an http or https URL/],
      ["https://user:secret@example.com/hook", /webhookUrl must not contain credentials/],
    ];
    for (const [webhookUrl, message] of cases) {
      const error = await expectError(await send(generate, "/api/v1/generations", { json: { prompt: "never", webhookUrl } }), 400, "invalid_request");
      expect(error.message, webhookUrl).toMatch(message);
    }
    expect({ jobs: await db().job.count(), deliveries: await db().webhookDelivery.count(), received: receiver.received.length }).toEqual(before);
  });

  it("checks the address again at delivery: a target that became private is refused without a request", async () => {
    await ensureUser("local");
    const port = new URL(receiver.url).port;
    const job = await db().job.create({ data: { id: `job_rebound_${Date.now()}`, ownerId: "local", type: "generate", status: "succeeded", input: {}, finishedAt: new Date() } });
    configure({ ALLOW_PRIVATE_WEBHOOK_URLS: "false", WEBHOOK_RETRY_SCHEDULE: "60" });
    const before = receiver.received.length;
    for (const [id, url] of [[`msg_${job.id}_ip`, `http://127.0.0.1:${port}/ip`], [`msg_${job.id}_dns`, `http://localhost:${port}/dns`]]) {
      await db().webhookDelivery.create({ data: { id, jobId: job.id, url, event: "job.completed", payload: { type: "job.completed", timestamp: new Date().toISOString(), data: {} }, status: "pending", nextAttemptAt: new Date() } });
    }
    await deliverDueWebhooks();
    const rows = await waitUntil(async () => {
      const found = await db().webhookDelivery.findMany({ where: { jobId: job.id }, orderBy: { id: "asc" } });
      return found.every((r) => r.attempts === 1) && found;
    });
    expect(rows.map((r) => [r.status, r.lastStatus, r.lastError])).toEqual([
      ["pending", null, expect.stringMatching(/^(EPRIVATE: )?localhost resolves to a private or special-purpose address: (127\.0\.0\.1|::1) is in /)],
      ["pending", null, "not a public address: 127.0.0.1 is in 127.0.0.0/8 (Loopback)"],
    ]);
    expect(receiver.received.length).toBe(before);
  });
});

describe("the delivery loop", () => {
  it("delivers a retry a previous process left behind, and the webhook of a job that ended without one", async () => {
    await ensureUser("local");
    const make = (id: string) => db().job.create({ data: { id, ownerId: "local", type: "generate", status: "succeeded", input: {}, webhookUrl: `${receiver.url}/${id}`, finishedAt: new Date() } });
    const left = await make(`job_left_${Date.now()}`);
    await db().webhookDelivery.create({
      data: { id: `msg_${left.id}`, jobId: left.id, url: left.webhookUrl!, event: "job.completed", status: "pending", attempts: 2, lastStatus: 503, nextAttemptAt: new Date(Date.now() - 1000), payload: { type: "job.completed", timestamp: new Date().toISOString(), data: { job: { id: left.id } } } },
    });
    // Nothing in this process knows of it: only the loop that startImageWorker started can send it.
    const row = await waitUntil(async () => ((await delivery(left.id)).status === "delivered" ? delivery(left.id) : null), 6000);
    expect(row).toMatchObject({ attempts: 3, lastStatus: 200 });
    expect(receivedFor(left.id)).toHaveLength(1);

    const orphan = await make(`job_orphan_${Date.now()}`); // ended, but its process stopped before the webhook
    await deliverDueWebhooks();
    const [request] = await waitUntil(() => receivedFor(orphan.id).length === 1 && receivedFor(orphan.id));
    expect(JSON.parse(request.body)).toMatchObject({ type: "job.completed", data: { job: { id: orphan.id, status: "succeeded" } } });
  });
});
