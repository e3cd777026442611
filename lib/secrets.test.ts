import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { openSecret, sealSecret, SealedSecretError, secretHint } from "./secrets";

const key = randomBytes(32);
const otherKey = randomBytes(32);

describe("provider secrets at rest", () => {
  beforeAll(() => {
    process.env.AUTH_SECRET = "x".repeat(40);
    resetEnvForTests();
  });

  it("round-trips a key, with a fresh IV each time and nothing of the key in the sealed text", () => {
    const plain = "sk-proj-Abc123Def456Ghi789";
    const a = sealSecret(plain, "openai", key);
    const b = sealSecret(plain, "openai", key);
    expect(a).toMatch(/^v1\.[\w-]{16}\.[\w-]{22}\.[\w-]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain("Abc123");
    expect(openSecret(a, "openai", key)).toBe(plain);
    expect(openSecret(b, "openai", key)).toBe(plain);
  });

  it("uses the key derived from the instance secret by default", () => {
    const sealed = sealSecret("r8_token_value_1234", "replicate");
    expect(openSecret(sealed, "replicate")).toBe("r8_token_value_1234");
    expect(() => openSecret(sealed, "replicate", otherKey)).toThrow(SealedSecretError);
  });

  it("refuses tampered text: ciphertext, tag, IV", () => {
    const sealed = sealSecret("sk-secret-value-000", "openai", key);
    const [v, iv, tag, body] = sealed.split(".");
    const flip = (s: string) => {
      const bytes = Buffer.from(s, "base64url");
      bytes[0] ^= 1;
      return bytes.toString("base64url");
    };
    for (const bad of [[v, iv, tag, flip(body)], [v, iv, flip(tag), body], [v, flip(iv), tag, body]]) {
      expect(() => openSecret(bad.join("."), "openai", key)).toThrow(/cannot be decrypted/);
    }
    expect(() => openSecret(`v2.${iv}.${tag}.${body}`, "openai", key)).toThrow(/unknown format/);
    expect(() => openSecret("garbage", "openai", key)).toThrow(SealedSecretError);
  });

  it("does not open under another secret, nor as another provider's key", () => {
    const sealed = sealSecret("sk-secret-value-000", "openai", key);
    expect(() => openSecret(sealed, "openai", otherKey)).toThrow(/AUTH_SECRET .*changed/);
    expect(() => openSecret(sealed, "ideogram", key)).toThrow(SealedSecretError);
  });

  it("hints at a key by its last four characters only", () => {
    expect(secretHint("sk-proj-Abc123Def456a1B2")).toBe("…a1B2");
    expect(secretHint("short")).toBe("…");
  });
});
