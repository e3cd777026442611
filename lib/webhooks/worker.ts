import "server-only";
import { onJobFinished } from "@/lib/jobs/events";
import { log } from "@/lib/log";
import { deliveryIdFor, sendJobWebhook, startWebhookDeliveries } from "./deliver";

/**
 * Outgoing job webhooks for this process, switched on by `startJobWebhooks` (lib/images/worker.ts does): a job
 * that ends sends its webhook at once, and the delivery loop retries what is due, across restarts.
 */
function onFinished(jobId: string, status: string): void {
  sendJobWebhook(jobId, status).catch((error) => log.error("webhook could not be recorded", { jobId, deliveryId: deliveryIdFor(jobId), error }));
}

export function startJobWebhooks(): void {
  onJobFinished(onFinished); // idempotent: a listener is registered once
  startWebhookDeliveries();
}
