import "server-only";
import { db } from "@/lib/db";
import { newId } from "@/lib/ids";
import type { ManagedProviderId } from "./managed";

/** A ProviderSetting row as stored (the secret sealed, lib/secrets.ts). */
export interface StoredProviderSetting {
  provider: ManagedProviderId;
  enabled: boolean;
  encryptedSecret: string | null;
  secretHint: string | null;
  baseUrl: string | null;
  options: Record<string, unknown> | null;
  updatedById: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const toStored = (r: Awaited<ReturnType<ReturnType<typeof db>["providerSetting"]["findMany"]>>[number]): StoredProviderSetting => ({
  ...r,
  provider: r.provider as ManagedProviderId,
  options: r.options && typeof r.options === "object" && !Array.isArray(r.options) ? (r.options as Record<string, unknown>) : null,
});

/** Every stored provider setting (a handful of rows). */
export async function loadProviderSettings(): Promise<StoredProviderSetting[]> {
  return (await db().providerSetting.findMany({ orderBy: { provider: "asc" } })).map(toStored);
}

export async function findProviderSetting(provider: ManagedProviderId): Promise<StoredProviderSetting | null> {
  const row = await db().providerSetting.findUnique({ where: { provider } });
  return row ? toStored(row) : null;
}

export interface ProviderSettingWrite {
  enabled: boolean;
  encryptedSecret: string | null;
  secretHint: string | null;
  baseUrl: string | null;
  options: Record<string, unknown> | null;
}

/** Writes a provider's setting and its audit row in one transaction: no change without its record. */
export async function saveProviderSetting(provider: ManagedProviderId, data: ProviderSettingWrite, audit: AuditWrite): Promise<StoredProviderSetting> {
  const values = { ...data, options: (data.options ?? {}) as object, updatedById: audit.actorId };
  const [row] = await db().$transaction([
    db().providerSetting.upsert({ where: { provider }, create: { provider, ...values }, update: values }),
    db().providerAudit.create({ data: auditData(provider, audit) }),
  ]);
  return toStored(row);
}

/** Removes a provider's setting (and records who did); false when there was none. */
export async function removeProviderSetting(provider: ManagedProviderId, audit: AuditWrite): Promise<boolean> {
  const [deleted] = await db().$transaction([db().providerSetting.deleteMany({ where: { provider } }), db().providerAudit.create({ data: auditData(provider, audit) })]);
  return deleted.count > 0;
}

export interface AuditWrite {
  actorId: string | null;
  action: "create" | "update" | "enable" | "disable" | "delete" | "test";
  /** Field → what changed; secrets only as "set" / "replaced" / "removed", never their value. */
  changes?: Record<string, unknown>;
  outcome?: string;
}

const auditData = (provider: string, a: AuditWrite) => ({
  id: newId("pau"),
  provider,
  actorId: a.actorId,
  action: a.action,
  changes: a.changes && Object.keys(a.changes).length ? (a.changes as object) : undefined,
  outcome: a.outcome ?? null,
});

export async function recordProviderAudit(provider: ManagedProviderId, audit: AuditWrite): Promise<void> {
  await db().providerAudit.create({ data: auditData(provider, audit) });
}

export interface AuditRow {
  id: string;
  provider: string;
  action: AuditWrite["action"];
  changes: Record<string, unknown> | null;
  outcome: string | null;
  createdAt: Date;
  actor: { id: string; name: string | null; email: string | null } | null;
}

/** Names of people by id (who last changed a setting). */
export async function findPeople(ids: string[]): Promise<Map<string, AuditRow["actor"]>> {
  const unique = [...new Set(ids)];
  const people = unique.length ? await db().user.findMany({ where: { id: { in: unique } }, select: { id: true, name: true, email: true } }) : [];
  return new Map(people.map((p) => [p.id, p]));
}

/** The newest audit rows (optionally of one provider), with who acted. */
export async function listProviderAudit(options: { provider?: string; limit: number }): Promise<AuditRow[]> {
  const rows = await db().providerAudit.findMany({
    where: options.provider ? { provider: options.provider } : {},
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: options.limit,
  });
  const byId = await findPeople(rows.map((r) => r.actorId).filter((id): id is string => !!id));
  return rows.map((r) => ({
    id: r.id,
    provider: r.provider,
    action: r.action as AuditWrite["action"],
    changes: r.changes && typeof r.changes === "object" ? (r.changes as Record<string, unknown>) : null,
    outcome: r.outcome,
    createdAt: r.createdAt,
    actor: r.actorId ? (byId.get(r.actorId) ?? { id: r.actorId, name: null, email: null }) : null,
  }));
}
