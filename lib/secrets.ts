import "server-only";
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";

let master: string | undefined;

/**
 * The instance secret: AUTH_SECRET when set (required when several instances share data), otherwise a
 * random secret created once under DATA_DIR so a single machine needs no setup.
 */
function masterSecret(): string {
  if (master) return master;
  const config = env();
  if (config.AUTH_SECRET) return (master = config.AUTH_SECRET);
  const file = path.join(config.dataDir, ".secret");
  try {
    master = readFileSync(file, "utf8").trim();
  } catch {
    mkdirSync(config.dataDir, { recursive: true });
    const fresh = randomBytes(32).toString("base64url");
    try {
      writeFileSync(file, fresh, { mode: 0o600, flag: "wx" });
      master = fresh;
    } catch {
      master = readFileSync(file, "utf8").trim(); // another process won the race
    }
  }
  return master;
}

/** A key derived for one purpose, so no two features share key material. */
export function appSecret(purpose: string): Buffer {
  return createHmac("sha256", masterSecret()).update(`image-studio:${purpose}`).digest();
}

/**
 * Secrets at rest (provider keys; the instance's C2PA signing key passes a key of its own): AES-256-GCM under a
 * key derived from the instance secret (AUTH_SECRET, or the secret file under DATA_DIR) for this purpose alone, so
 * no other feature's key can open them. Sealed text is `v1.<iv>.<tag>.<ciphertext>` (base64url): the version names
 * the format and the key derivation, so either can change later without guessing. The provider id is
 * authenticated with the secret (GCM's additional data), so a sealed OpenAI key copied into another provider's row
 * does not open there.
 */
const VERSION = "v1";
const PURPOSE = "provider-settings:v1";

/** A sealed secret that does not open: tampered with, or sealed under another instance secret. */
export class SealedSecretError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SealedSecretError";
  }
}

const keyOf = (key?: Buffer) => key ?? appSecret(PURPOSE);

/** Seals `plain` for `provider`; `key` is for tests (default: the key derived from the instance secret). */
export function sealSecret(plain: string, provider: string, key?: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyOf(key), iv);
  cipher.setAAD(Buffer.from(`image-studio provider ${provider}`));
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
}

/** Opens what sealSecret made; a SealedSecretError (never the plaintext, never a crash) when it does not open. */
export function openSecret(sealed: string, provider: string, key?: Buffer): string {
  const parts = sealed.split(".");
  if (parts[0] !== VERSION || parts.length !== 4) throw new SealedSecretError(`The stored ${provider} key is in an unknown format (${parts[0] ?? "empty"}).`);
  const [, iv, tag, body] = parts.map((p, i) => (i === 0 ? Buffer.alloc(0) : Buffer.from(p, "base64url")));
  if (iv.length !== 12 || tag.length !== 16) throw new SealedSecretError(`The stored ${provider} key is damaged.`);
  try {
    const decipher = createDecipheriv("aes-256-gcm", keyOf(key), iv);
    decipher.setAAD(Buffer.from(`image-studio provider ${provider}`));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString("utf8");
  } catch {
    throw new SealedSecretError(
      `The stored ${provider} key cannot be decrypted: AUTH_SECRET (or DATA_DIR/.secret) changed since it was saved, or the row was altered. Set the old secret again, or enter the key again on the Providers page.`,
    );
  }
}

/** What the page shows of a secret: its last four characters ("…a1B2"), nothing for short ones. */
export function secretHint(plain: string): string {
  return plain.length >= 12 ? `…${plain.slice(-4)}` : "…";
}
