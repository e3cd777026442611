// Follows Replicate's "Verify webhooks" (https://replicate.com/docs/topics/webhooks/verify-webhook) and the
// Standard Webhooks spec (https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md).
import { createHmac, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { verifyReplicateWebhook } from "./replicate";

const key = randomBytes(24);
const secret = `whsec_${key.toString("base64")}`;
const now = Date.UTC(2025, 0, 15, 12, 0, 0);
const timestamp = String(now / 1000);
const id = "msg_2mN1HdQ0Yx5bXg2";
const body = JSON.stringify({ id: "gm3qorzdhg", status: "succeeded", output: ["https://replicate.delivery/x/out-0.png"] });
const sign = (content: string, signingKey = key) => `v1,${createHmac("sha256", signingKey).update(content).digest("base64")}`;
const valid = sign(`${id}.${timestamp}.${body}`);
const check = (over: Partial<Parameters<typeof verifyReplicateWebhook>[0]> = {}) =>
  verifyReplicateWebhook({ id, timestamp, signature: valid, body, secret, now, ...over });

describe("verifyReplicateWebhook", () => {
  it("accepts a delivery signed with the secret, as a string or the raw bytes", () => {
    expect(check()).toBe(true);
    expect(check({ body: Buffer.from(body) })).toBe(true);
  });

  it("rejects a tampered body, id or timestamp", () => {
    expect(check({ body: body.replace("succeeded", "failed") })).toBe(false);
    expect(check({ id: "msg_other" })).toBe(false);
    expect(check({ timestamp: String(now / 1000 + 1), now: now + 1000 })).toBe(false);
  });

  it("rejects a signature made with another secret", () => {
    expect(check({ secret: `whsec_${randomBytes(24).toString("base64")}` })).toBe(false);
    expect(check({ signature: sign(`${id}.${timestamp}.${body}`, randomBytes(24)) })).toBe(false);
  });

  it("rejects timestamps outside the tolerance, either way", () => {
    expect(check({ now: now + 299_000 })).toBe(true);
    expect(check({ now: now + 301_000 })).toBe(false);
    expect(check({ now: now - 301_000 })).toBe(false);
    expect(check({ now: now + 3_000, toleranceSeconds: 2 })).toBe(false);
  });

  it("accepts a header with several signatures when one matches, and ignores other versions", () => {
    const stale = sign(`${id}.${timestamp}.{}`);
    expect(check({ signature: `${stale} ${valid}` })).toBe(true);
    expect(check({ signature: `${stale} v1,bm90LWEtc2ln` })).toBe(false);
    expect(check({ signature: valid.replace("v1,", "v2,") })).toBe(false);
  });

  it("rejects missing headers and malformed values", () => {
    expect(check({ id: null })).toBe(false);
    expect(check({ signature: "" })).toBe(false);
    expect(check({ timestamp: "yesterday" })).toBe(false);
    expect(check({ secret: "" })).toBe(false);
  });
});
