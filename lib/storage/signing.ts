import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { appSecret } from "@/lib/secrets";

/** Signed, expiring links for app-served files (the local-disk driver's answer to S3 presigned URLs). */
export interface SignedFileParams {
  key: string;
  expires: number; // unix seconds
  contentType?: string;
  downloadName?: string;
}

function payload(p: SignedFileParams): string {
  return [p.key, p.expires, p.contentType ?? "", p.downloadName ?? ""].join("\n");
}

export function signFile(p: SignedFileParams): string {
  return createHmac("sha256", appSecret("signed-files")).update(payload(p)).digest("base64url");
}

export function verifyFileSignature(p: SignedFileParams, signature: string, now = Date.now()): "ok" | "expired" | "invalid" {
  const expected = Buffer.from(signFile(p));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return "invalid";
  return p.expires * 1000 < now ? "expired" : "ok";
}

export function signedFilePath(p: SignedFileParams): string {
  const query = new URLSearchParams({ expires: String(p.expires) });
  if (p.contentType) query.set("type", p.contentType);
  if (p.downloadName) query.set("name", p.downloadName);
  query.set("signature", signFile(p));
  return `/api/files/${p.key}?${query}`;
}
