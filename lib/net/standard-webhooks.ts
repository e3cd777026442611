import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Standard Webhooks signatures (https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md):
 * `webhook-signature: v1,<base64 HMAC-SHA256(secret, "${webhook-id}.${webhook-timestamp}.${body}")>`, the secret
 * given as "whsec_<base64>". Replicate signs its webhooks this way and so do we.
 */
export interface WebhookSignatureCheck {
  /** The `webhook-id` header. */
  id: string | null | undefined;
  /** The `webhook-timestamp` header: seconds since the epoch. */
  timestamp: string | null | undefined;
  /** The `webhook-signature` header: space-separated "v1,<base64>" entries. */
  signature: string | null | undefined;
  /** The raw request body, byte for byte as received (never re-serialised JSON). */
  body: string | Buffer;
  /** The signing secret, "whsec_<base64>". */
  secret: string;
  toleranceSeconds?: number;
  /** The current time in milliseconds (tests). */
  now?: number;
}

/** The key bytes of a "whsec_<base64>" secret (a bare base64 secret is accepted too). */
export function webhookKey(secret: string): Buffer {
  return Buffer.from(secret.startsWith("whsec_") ? secret.slice("whsec_".length) : secret, "base64");
}

function digest(key: Buffer, id: string, timestamp: string, body: string | Buffer): Buffer {
  return createHmac("sha256", key)
    .update(`${id}.${timestamp}.`)
    .update(typeof body === "string" ? Buffer.from(body, "utf8") : body)
    .digest();
}

/** The `webhook-signature` header value for a message. */
export function signWebhook({ id, timestamp, body, secret }: { id: string; timestamp: string; body: string | Buffer; secret: string }): string {
  return `v1,${digest(webhookKey(secret), id, timestamp, body).toString("base64")}`;
}

/** True when one of the signatures is HMAC-SHA256(secret, `${id}.${timestamp}.${body}`) and the timestamp is fresh. */
export function verifyWebhookSignature({ id, timestamp, signature, body, secret, toleranceSeconds = 300, now = Date.now() }: WebhookSignatureCheck): boolean {
  if (!id || !timestamp || !signature || !secret) return false;
  if (!/^\d{1,15}$/.test(timestamp)) return false;
  // Outside the window either way: a replay of an old delivery, or a forged future timestamp.
  if (Math.abs(now / 1000 - Number(timestamp)) > toleranceSeconds) return false;

  const key = webhookKey(secret);
  if (!key.length) return false;
  const expected = digest(key, id, timestamp, body);

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
