import "server-only";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { notifyPredictionSettled } from "@/lib/providers/replicate-webhook";
import { recordReceipt } from "./repository";
import { verifyWebhookSignature } from "@/lib/net/standard-webhooks";

export interface ReceiveReplicateWebhookOptions {
  headers: Headers;
  /** The raw body as received: the signature covers these bytes. */
  body: Buffer;
}

const TERMINAL = new Set(["succeeded", "failed", "canceled", "aborted"]);
const TOLERANCE_SECONDS = 300;

/**
 * Handles a webhook from Replicate (a prediction's JSON): verifies its Standard Webhooks signature with
 * REPLICATE_WEBHOOK_SECRET (401 otherwise), processes each webhook-id once, and wakes the poll of a prediction
 * that has finished. The adapter's poll still reads the outcome from the API.
 */
export async function receiveReplicateWebhook({ headers, body }: ReceiveReplicateWebhookOptions): Promise<{ received: true; duplicate?: true }> {
  const secret = env().REPLICATE_WEBHOOK_SECRET;
  if (!secret) throw new AppError("unauthorized", "Replicate webhooks are not accepted: REPLICATE_WEBHOOK_SECRET is not set.");
  const id = headers.get("webhook-id");
  const signed = verifyWebhookSignature({
    id,
    timestamp: headers.get("webhook-timestamp"),
    signature: headers.get("webhook-signature"),
    body,
    secret,
    toleranceSeconds: TOLERANCE_SECONDS,
  });
  if (!signed || !id || id.length > 200) throw new AppError("unauthorized", "The webhook signature is missing, invalid or too old.");

  let prediction: { id?: unknown; status?: unknown };
  try {
    prediction = JSON.parse(body.toString("utf8")) as typeof prediction;
  } catch {
    throw new AppError("invalid_request", "The webhook body is not JSON.");
  }
  if (!prediction || typeof prediction !== "object") throw new AppError("invalid_request", "The webhook body is not a prediction.");

  if (!(await recordReceipt(`replicate:${id}`))) return { received: true, duplicate: true };
  if (typeof prediction.id === "string" && typeof prediction.status === "string" && TERMINAL.has(prediction.status)) {
    notifyPredictionSettled(prediction.id);
  }
  return { received: true };
}
