// The Standard Webhooks specification's published test vector
// (https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md): matching it means
// any of that specification's libraries verifies our deliveries, and that we verify theirs (Replicate's).
import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { signWebhook, verifyWebhookSignature } from "./standard-webhooks";

const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
const timestamp = "1614265330";
const body = '{"test": 2432232314}';
const signature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

describe("Standard Webhooks signatures", () => {
  it("signs like the specification's test vector", () => {
    expect(signWebhook({ id, timestamp, body, secret })).toBe(signature);
    expect(signWebhook({ id, timestamp, body: Buffer.from(body), secret })).toBe(signature);
  });

  it("verifies the test vector and nothing else", () => {
    const now = Number(timestamp) * 1000;
    expect(verifyWebhookSignature({ id, timestamp, signature, body, secret, now })).toBe(true);
    expect(verifyWebhookSignature({ id, timestamp, signature, body: '{"test": 2432232315}', secret, now })).toBe(false);
    expect(verifyWebhookSignature({ id, timestamp, signature, body, secret, now: now + 301_000 })).toBe(false);
  });
});

describe("webhook configuration", () => {
  it("takes whsec_ secrets and a retry schedule, and names a bad variable", () => {
    const config = parseEnv({ WEBHOOK_SECRET: `whsec_${Buffer.alloc(32, 7).toString("base64")}`, REPLICATE_WEBHOOK_SECRET: secret });
    expect(config.WEBHOOK_SECRET).toMatch(/^whsec_/);
    expect(config.WEBHOOK_RETRY_SCHEDULE).toEqual([5, 30, 120, 600, 3600]);
    expect(config.WEBHOOK_TIMEOUT_SECONDS).toBe(10);
    expect(parseEnv({ WEBHOOK_RETRY_SCHEDULE: "0.5, 2" }).WEBHOOK_RETRY_SCHEDULE).toEqual([0.5, 2]);
    expect(() => parseEnv({ WEBHOOK_SECRET: "hunter2" })).toThrow(/WEBHOOK_SECRET must be "whsec_"/);
    expect(() => parseEnv({ WEBHOOK_SECRET: "whsec_c2hvcnQ=" })).toThrow(/WEBHOOK_SECRET must encode at least 24 bytes/);
    expect(() => parseEnv({ WEBHOOK_RETRY_SCHEDULE: "5,soon" })).toThrow(/WEBHOOK_RETRY_SCHEDULE must be comma-separated delays/);
    expect(() => parseEnv({ WEBHOOK_TIMEOUT_SECONDS: "0" })).toThrow(/WEBHOOK_TIMEOUT_SECONDS/);
  });
});
