import { randomBytes } from "node:crypto";

/** Storage keys: generated, path-safe, grouped per owner and image so a listing stays readable. */
const safeKey = /^[a-z0-9][a-z0-9_\-]*(\/[a-z0-9][a-z0-9_.\-]*)*$/i;

export function isSafeKey(key: string): boolean {
  return key.length <= 512 && safeKey.test(key) && !key.includes("..");
}

export function imageFileKey(options: { ownerId: string; imageId: string; variant: string; extension: string }): string {
  const { ownerId, imageId, variant, extension } = options;
  // A random suffix makes every write a new key, so URLs and caches never serve stale bytes.
  const key = `u/${ownerId}/${imageId}/${variant}-${randomBytes(4).toString("hex")}.${extension}`;
  if (!isSafeKey(key)) throw new Error(`unsafe storage key generated: ${key}`);
  return key;
}
