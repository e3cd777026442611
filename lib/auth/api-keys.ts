import "server-only";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";

/** What a key may do: read (GET), write (change images, collections, palettes), generate (spend on providers). */
export const apiKeyScopes = ["read", "write", "generate"] as const;
export type ApiKeyScope = (typeof apiKeyScopes)[number];

export interface ApiKeyDto {
  id: string;
  name: string;
  /** The key's first characters, "isk_ab12cd34": enough to recognise it, useless to use it. */
  prefix: string;
  scopes: ApiKeyScope[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

type ApiKeyRow = NonNullable<Awaited<ReturnType<ReturnType<typeof db>["apiKey"]["findFirst"]>>>;

export const toApiKeyDto = (row: ApiKeyRow): ApiKeyDto => ({
  id: row.id,
  name: row.name,
  prefix: row.prefix,
  scopes: parseScopes(row.scopes),
  createdAt: row.createdAt.toISOString(),
  lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  revokedAt: row.revokedAt?.toISOString() ?? null,
});

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const parseScopes = (text: string) => text.split(",").filter((s): s is ApiKeyScope => (apiKeyScopes as readonly string[]).includes(s));

/** Scopes from user input ("read,generate" or a list); a 400 naming the bad one otherwise. */
export function scopesFrom(input: string | readonly string[]): ApiKeyScope[] {
  const list = (typeof input === "string" ? input.split(",") : [...input]).map((s) => s.trim()).filter(Boolean);
  const bad = list.find((s) => !(apiKeyScopes as readonly string[]).includes(s));
  if (bad || !list.length) {
    throw new AppError("invalid_request", `${bad ? `Unknown scope "${bad}"` : "No scope given"}: use a comma-separated list of ${apiKeyScopes.join(", ")}`);
  }
  return apiKeyScopes.filter((s) => list.includes(s));
}

/**
 * A new key: 8 random characters of prefix (stored, shown in lists) and 32 bytes of secret; the whole key is
 * returned once and only its SHA-256 kept (a key is high-entropy: a fast hash is the standard and right choice).
 */
export async function createApiKey(ownerId: string, name: string, scopes: readonly ApiKeyScope[]): Promise<{ key: string; apiKey: ApiKeyDto }> {
  const prefix = `isk_${randomBytes(6).toString("base64url").replace(/[-_]/g, "x").slice(0, 8)}`;
  const key = `${prefix}_${randomBytes(32).toString("base64url")}`;
  const row = await db().apiKey.create({ data: { id: newId("key"), ownerId, name, prefix, hash: sha256(key), scopes: scopes.join(",") } });
  return { key, apiKey: toApiKeyDto(row) };
}

export async function listApiKeys(ownerId: string): Promise<ApiKeyDto[]> {
  const rows = await db().apiKey.findMany({ where: { ownerId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  return rows.map(toApiKeyDto);
}

/** Revokes one of the owner's keys (by id or prefix); it stops working at once. Revoking twice is harmless. */
export async function revokeApiKey(ownerId: string | null, idOrPrefix: string): Promise<ApiKeyDto> {
  const row = await db().apiKey.findFirst({ where: { OR: [{ id: idOrPrefix }, { prefix: idOrPrefix }], ...(ownerId ? { ownerId } : {}) } });
  if (!row) throw new AppError("not_found", `API key ${idOrPrefix} not found`);
  const revoked = row.revokedAt ? row : await db().apiKey.update({ where: { id: row.id }, data: { revokedAt: new Date() } });
  return toApiKeyDto(revoked);
}

/** How often `lastUsedAt` is written: a busy key costs one write a minute, not one per request. */
const lastUsedResolutionMs = 60_000;

/** The owner and scopes of a presented key, or a 401 for an unknown, malformed or revoked one. */
export async function authenticateApiKey(presented: string): Promise<{ ownerId: string; role: string; scopes: ApiKeyScope[]; keyId: string }> {
  const match = /^(isk_[A-Za-z0-9]{8})_[A-Za-z0-9_-]{20,100}$/.exec(presented);
  const row = match ? await db().apiKey.findUnique({ where: { prefix: match[1] }, include: { owner: { select: { role: true } } } }) : null;
  const expected = Buffer.from(row?.hash ?? "0".repeat(64), "hex");
  const actual = Buffer.from(sha256(presented), "hex");
  if (!row || !timingSafeEqual(expected, actual) || row.revokedAt) {
    throw new AppError("unauthorized", row?.revokedAt ? "This API key was revoked." : "Invalid API key.");
  }
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > lastUsedResolutionMs) {
    await db().apiKey.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  return { ownerId: row.ownerId, role: row.owner.role, scopes: parseScopes(row.scopes), keyId: row.id };
}
