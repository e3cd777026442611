import "server-only";
import { env } from "@/lib/env";
import { jobPresenter } from "@/lib/jobs/presenter";
import { findJob } from "@/lib/jobs/repository";
import { log } from "@/lib/log";
import { claimDelivery, createDelivery, dueDeliveryIds, finishedJobsWithoutDelivery, pruneReceipts, recordAttempt } from "./repository";
import { webhookSigningSecret } from "./secret";
import { postWebhook } from "./send";

/** The event an ended job sends, by its final status. */
export const jobWebhookEvents: Record<string, string> = { succeeded: "job.completed", failed: "job.failed", canceled: "job.canceled" };

/** The message id (`webhook-id`) of a job's webhook: one message per job, so two processes cannot both send it. */
export const deliveryIdFor = (jobId: string) => `msg_${jobId}`;

/** Where absolute URLs in payloads point: there is no request to take the origin from. */
const publicBaseUrl = () => (env().PUBLIC_URL ?? `http://localhost:${env().PORT}`).replace(/\/$/, "");

/**
 * Records the webhook of a job that ended, `{type, timestamp, data: {job}}`, and attempts it at once. Does
 * nothing for a job without a webhookUrl, or whose message already exists.
 */
export async function sendJobWebhook(jobId: string, status: string): Promise<void> {
  const event = jobWebhookEvents[status];
  const job = event ? await findJob(jobId) : null;
  if (!job?.webhookUrl) return;
  const payload = { type: event, timestamp: (job.finishedAt ?? new Date()).toISOString(), data: { job: await jobPresenter().job(job, publicBaseUrl()) } };
  const id = deliveryIdFor(job.id);
  if (await createDelivery({ id, jobId: job.id, url: job.webhookUrl, event, payload })) await attemptDelivery(id);
}

/** Delays (ms) before each retry, from WEBHOOK_RETRY_SCHEDULE; attempts stop after one more than there are delays. */
const retryDelaysMs = () => env().WEBHOOK_RETRY_SCHEDULE.map((s) => Math.round(s * 1000));

/**
 * Makes one attempt of a due delivery (when no other process holds it) and records it: a 2xx is delivered;
 * anything else schedules the next attempt with backoff, or marks the delivery failed after the last one.
 */
export async function attemptDelivery(id: string): Promise<void> {
  const config = env();
  const timeoutMs = config.WEBHOOK_TIMEOUT_SECONDS * 1000;
  const delivery = await claimDelivery(id, new Date(Date.now() + timeoutMs + 60_000));
  if (!delivery) return;
  const { type, timestamp, data } = delivery.payload as { type: string; timestamp: string; data: unknown };
  const result = await postWebhook({
    url: delivery.url,
    id: delivery.id,
    body: JSON.stringify({ type, timestamp, data }),
    secret: webhookSigningSecret(delivery.job.ownerId),
    timeoutMs,
    allowPrivate: config.ALLOW_PRIVATE_WEBHOOK_URLS,
  });
  const attempts = delivery.attempts + 1;
  const delays = retryDelaysMs();
  const retryInMs = result.ok || attempts > delays.length ? null : delays[attempts - 1];
  const status = result.ok ? "delivered" : retryInMs === null ? "failed" : "pending";
  await recordAttempt(id, {
    status,
    attempts,
    lastStatus: result.status,
    lastError: result.error?.slice(0, 1000) ?? null,
    nextAttemptAt: retryInMs === null ? null : new Date(Date.now() + retryInMs),
  });
  if (status === "failed") log.warn("webhook delivery failed", { deliveryId: id, jobId: delivery.jobId, attempts, error: result.error });
  // The loop would find it too; a timer keeps short delays short. Either way the claim lets one attempt run.
  if (retryInMs !== null) setTimeout(() => void attemptDelivery(id).catch(logFailure(id)), retryInMs).unref();
}

const logFailure = (id: string) => (error: unknown) => log.error("webhook delivery attempt crashed", { deliveryId: id, error });

const LOOP_INTERVAL_MS = 2_000;
const BATCH = 20;
const MISSED_JOBS_WINDOW_MS = 24 * 3600_000;
const MISSED_JOBS_EVERY_MS = 60_000;
const RECEIPT_RETENTION_MS = 24 * 3600_000;

interface Loop {
  timer: NodeJS.Timeout;
  running: boolean;
  sweptAt: number;
  prunedAt: number;
}
const globalForLoop = globalThis as unknown as { imageStudioWebhookLoop?: Loop };

/**
 * One pass of the delivery loop: every pending delivery that is due (retries that outlived their process
 * included); every minute, the webhooks of jobs that ended while no process could send them (a crash between
 * the job's end and its delivery row, or a job ended by a process without this module); hourly, old receipts.
 */
export async function deliverDueWebhooks(loop: Pick<Loop, "sweptAt" | "prunedAt"> = { sweptAt: 0, prunedAt: Date.now() }): Promise<void> {
  if (Date.now() - loop.sweptAt >= MISSED_JOBS_EVERY_MS) {
    loop.sweptAt = Date.now();
    for (const job of await finishedJobsWithoutDelivery(new Date(Date.now() - MISSED_JOBS_WINDOW_MS), BATCH)) {
      await sendJobWebhook(job.id, job.status).catch(logFailure(deliveryIdFor(job.id)));
    }
  }
  const due = await dueDeliveryIds(BATCH);
  await Promise.all(due.map((id) => attemptDelivery(id).catch(logFailure(id))));
  if (Date.now() - loop.prunedAt >= 3600_000) {
    loop.prunedAt = Date.now();
    await pruneReceipts(new Date(Date.now() - RECEIPT_RETENTION_MS));
  }
}

/** Starts this process's delivery loop once (not on a web-only instance, WORKER=off). */
export function startWebhookDeliveries(): void {
  if (globalForLoop.imageStudioWebhookLoop) return;
  const loop: Loop = { running: false, sweptAt: 0, prunedAt: 0, timer: setInterval(() => void tick(), LOOP_INTERVAL_MS).unref() };
  globalForLoop.imageStudioWebhookLoop = loop;
  async function tick() {
    if (loop.running || env().WORKER === "off") return;
    loop.running = true;
    try {
      await deliverDueWebhooks(loop);
    } catch (error) {
      log.error("webhook delivery loop failed", { error });
    } finally {
      loop.running = false;
    }
  }
}

/** Tests stop the loop between files. */
export function stopWebhookDeliveries(): void {
  clearInterval(globalForLoop.imageStudioWebhookLoop?.timer);
  globalForLoop.imageStudioWebhookLoop = undefined;
}
