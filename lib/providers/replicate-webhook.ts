import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Replicate signs webhooks in the Standard Webhooks scheme (https://replicate.com/docs/topics/webhooks/verify-webhook,
 * https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md).
 */
export interface ReplicateWebhookCheck {
  /** The `webhook-id` header. */
  id: string | null | undefined;
  /** The `webhook-timestamp` header: seconds since the epoch. */
  timestamp: string | null | undefined;
  /** The `webhook-signature` header: space-separated "v1,<base64>" entries. */
  signature: string | null | undefined;
  /** The raw request body, byte for byte as received (never re-serialised JSON). */
  body: string | Buffer;
  /** The signing secret, "whsec_<base64>" (GET /v1/webhooks/default/secret). */
  secret: string;
  toleranceSeconds?: number;
  /** The current time in milliseconds (tests). */
  now?: number;
}

/** True when one of the signatures is HMAC-SHA256(secret, `${id}.${timestamp}.${body}`) and the timestamp is fresh. */
export function verifyReplicateWebhook({ id, timestamp, signature, body, secret, toleranceSeconds = 300, now = Date.now() }: ReplicateWebhookCheck): boolean {
  if (!id || !timestamp || !signature || !secret) return false;
  if (!/^\d{1,15}$/.test(timestamp)) return false;
  // Outside the window either way: a replay of an old delivery, or a forged future timestamp.
  if (Math.abs(now / 1000 - Number(timestamp)) > toleranceSeconds) return false;

  const key = Buffer.from(secret.startsWith("whsec_") ? secret.slice("whsec_".length) : secret, "base64");
  if (!key.length) return false;
  const expected = createHmac("sha256", key)
    .update(`${id}.${timestamp}.`)
    .update(typeof body === "string" ? Buffer.from(body, "utf8") : body)
    .digest();

  let valid = false;
  for (const entry of signature.split(" ")) {
    const comma = entry.indexOf(",");
    if (comma < 0 || entry.slice(0, comma) !== "v1") continue;
    const candidate = Buffer.from(entry.slice(comma + 1), "base64");
    // Every entry is compared (no early exit) in constant time.
    if (candidate.length === expected.length && timingSafeEqual(candidate, expected)) valid = true;
  }
  return valid;
}
