import "server-only";
import { requireAdmin, type CurrentUser } from "@/lib/auth/current-user";
import { env, type Env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { sealSecret, secretHint } from "@/lib/secrets";
import { forgetProviderHealth } from "../listing";
import { checkProviderBaseUrl } from "./base-url";
import { environmentSource, isManagedProvider, managedProviderIds, managedProviders, type ManagedProviderId } from "./managed";
import { probeProvider, type ProbeResult } from "./probe";
import * as repo from "./repository";
import type { ProviderSettingBody, ProviderTestBody } from "./schema";
import { activate, installProviderSettings } from "./snapshot";

/** One provider as Settings → Providers shows it: never a secret, only its hint. */
export interface ProviderSettingView {
  id: ManagedProviderId;
  name: string;
  /** Who configures it: the environment (read-only here), this page, or nobody yet. */
  source: "environment" | "settings" | null;
  /** The variable that configures it, when the environment does (or switches it off). */
  environmentVariable: string | null;
  /** The environment switches it off (DISABLE_FLUX, ENABLE_IMAGEN=false). */
  environmentOff: boolean;
  enabled: boolean;
  /** It serves generations now. */
  active: boolean;
  secretHint: string | null;
  hasSecret: boolean;
  baseUrl: string | null;
  displayName: string | null;
  /** An OpenAI-compatible server's model ids set here (null: OPENAI_COMPATIBLE_MODELS). */
  models: string[] | null;
  /** Why a stored key is unusable (it does not open under the current AUTH_SECRET). */
  error: string | null;
  updatedAt: string | null;
  updatedBy: { id: string; name: string | null; email: string | null } | null;
  form: { secretLabel: string; secretRequired: boolean; baseUrlRequired: boolean; defaultBaseUrl: string | null; keysUrl: string | null };
}

/** The environment's key and base URL of a provider it configures (for Test and the hint; never sent out). */
function environmentValues(id: ManagedProviderId, c: Env): { secret?: string; baseUrl?: string } {
  switch (id) {
    case "openai":
      return { secret: c.OPENAI_API_KEY, baseUrl: c.OPENAI_API_KEY ? c.OPENAI_BASE_URL : c.AZURE_OPENAI_API_BASE };
    case "replicate":
      return { secret: c.REPLICATE_API_TOKEN, baseUrl: c.REPLICATE_BASE_URL };
    case "google":
      return { secret: c.GEMINI_API_KEY, baseUrl: c.GOOGLE_GENAI_BASE_URL };
    case "ideogram":
      return { secret: c.IDEOGRAM_API_KEY, baseUrl: c.IDEOGRAM_API_KEY ? c.IDEOGRAM_BASE_URL : undefined };
    case "openai-compatible":
      return { secret: c.OPENAI_COMPATIBLE_API_KEY, baseUrl: c.OPENAI_COMPATIBLE_BASE_URL };
  }
}

function managedId(id: string): ManagedProviderId {
  if (!isManagedProvider(id)) throw new AppError("not_found", `There is no provider ${id} to set up (one of: ${managedProviderIds.join(", ")}).`);
  return id;
}

function viewOf(id: ManagedProviderId, row: repo.StoredProviderSetting | null, people: Map<string, repo.AuditRow["actor"]>): ProviderSettingView {
  const c = env();
  const info = managedProviders[id];
  const fromEnv = environmentSource(id, c);
  const form = { secretLabel: info.secretLabel, secretRequired: info.secretRequired, baseUrlRequired: info.baseUrlRequired, defaultBaseUrl: info.defaultBaseUrl, keysUrl: info.keysUrl };
  const base = { id, name: info.name, environmentVariable: fromEnv?.variable ?? null, environmentOff: !!fromEnv?.off, form };
  if (fromEnv && !fromEnv.off) {
    const values = environmentValues(id, c);
    return { ...base, source: "environment", enabled: true, active: true, secretHint: values.secret ? secretHint(values.secret) : null, hasSecret: !!values.secret, baseUrl: values.baseUrl ?? null, displayName: id === "openai-compatible" ? c.OPENAI_COMPATIBLE_NAME : null, models: id === "openai-compatible" ? c.OPENAI_COMPATIBLE_MODELS.split(",").map((m) => m.trim()).filter(Boolean) : null, error: null, updatedAt: null, updatedBy: null };
  }
  const active = row ? activate(row) : null;
  const usable = !!active && active.enabled && !active.error && (info.secretRequired ? !!active.secret : !!active.baseUrl);
  return {
    ...base,
    source: fromEnv ? "environment" : row ? "settings" : null,
    enabled: row?.enabled ?? false,
    active: usable && !fromEnv,
    secretHint: row?.secretHint ?? null,
    hasSecret: !!row?.encryptedSecret,
    baseUrl: row?.baseUrl ?? null,
    displayName: typeof row?.options?.name === "string" ? row.options.name : null,
    models: Array.isArray(row?.options?.models) ? (row.options.models as string[]) : null,
    error: active?.error ?? null,
    updatedAt: row?.updatedAt.toISOString() ?? null,
    updatedBy: row?.updatedById ? (people.get(row.updatedById) ?? { id: row.updatedById, name: null, email: null }) : null,
  };
}

/** GET /api/v1/admin/providers: every provider that can be connected, as the page shows it. */
export async function listProviderSettings(user: CurrentUser): Promise<ProviderSettingView[]> {
  requireAdmin(user);
  const rows = await repo.loadProviderSettings();
  const people = await repo.findPeople(rows.map((r) => r.updatedById).filter((id): id is string => !!id));
  return managedProviderIds.map((id) => viewOf(id, rows.find((r) => r.provider === id) ?? null, people));
}

async function refreshAfterChange(): Promise<void> {
  installProviderSettings(await repo.loadProviderSettings());
  forgetProviderHealth();
}

function refuseEnvironment(id: ManagedProviderId): void {
  const fromEnv = environmentSource(id, env());
  if (fromEnv) {
    throw new AppError("conflict", `${managedProviders[id].name} is set by the environment (${fromEnv.variable}): change it there, or unset it to manage the provider here.`);
  }
}

/** PUT / PATCH /api/v1/admin/providers/{id}: saves (sealed) and audits; the registry uses it at once. */
export async function saveProviderSetting(user: CurrentUser, providerId: string, body: ProviderSettingBody): Promise<ProviderSettingView> {
  requireAdmin(user);
  const id = managedId(providerId);
  refuseEnvironment(id);
  const info = managedProviders[id];
  const before = await repo.findProviderSetting(id);
  const baseUrl = body.baseUrl === undefined ? (before?.baseUrl ?? null) : body.baseUrl ? await checkProviderBaseUrl(body.baseUrl, env().ALLOW_PRIVATE_PROVIDER_URLS) : null;
  const sealed = body.secret === undefined ? (before?.encryptedSecret ?? null) : body.secret === null ? null : sealSecret(body.secret, id);
  const hint = body.secret === undefined ? (before?.secretHint ?? null) : body.secret === null ? null : secretHint(body.secret);
  const enabled = body.enabled ?? before?.enabled ?? true;
  const options = { ...(before?.options ?? {}) };
  if (body.name !== undefined && id === "openai-compatible") {
    if (body.name === null) delete options.name;
    else options.name = body.name;
  }
  if (body.models !== undefined && id === "openai-compatible") {
    if (body.models === null) delete options.models;
    else options.models = [...new Set(body.models)];
  }
  if (info.secretRequired && !sealed) throw new AppError("invalid_request", `Enter the ${info.name} ${info.secretLabel}.`, { details: { field: "secret" } });
  if (info.baseUrlRequired && !baseUrl) throw new AppError("invalid_request", `Enter the server's base URL, such as http://gpu-box:8000/v1.`, { details: { field: "baseUrl" } });

  const changes: Record<string, unknown> = {};
  if (!before || before.enabled !== enabled) changes.enabled = { from: before?.enabled ?? null, to: enabled };
  if (body.secret !== undefined && (body.secret !== null || before?.encryptedSecret)) changes.secret = body.secret === null ? "removed" : before?.encryptedSecret ? "replaced" : "set";
  if ((before?.baseUrl ?? null) !== baseUrl) changes.baseUrl = { from: before?.baseUrl ?? null, to: baseUrl };
  if ((before?.options?.name ?? null) !== (options.name ?? null)) changes.name = { from: before?.options?.name ?? null, to: options.name ?? null };
  if (JSON.stringify(before?.options?.models ?? null) !== JSON.stringify(options.models ?? null)) changes.models = { from: before?.options?.models ?? null, to: options.models ?? null };
  const onlyToggle = before && Object.keys(changes).length === 1 && "enabled" in changes;
  const action = !before ? "create" : onlyToggle ? (enabled ? "enable" : "disable") : "update";

  if (before && Object.keys(changes).length === 0) return (await listProviderSettings(user)).find((v) => v.id === id)!;
  await repo.saveProviderSetting(id, { enabled, encryptedSecret: sealed, secretHint: hint, baseUrl, options: Object.keys(options).length ? options : null }, { actorId: user.id, action, changes });
  await refreshAfterChange();
  return (await listProviderSettings(user)).find((v) => v.id === id)!;
}

/** DELETE /api/v1/admin/providers/{id}: forgets the stored key and settings (audited); 404 when there were none. */
export async function deleteProviderSetting(user: CurrentUser, providerId: string): Promise<void> {
  requireAdmin(user);
  const id = managedId(providerId);
  const before = await repo.findProviderSetting(id);
  if (!before) throw new AppError("not_found", `${managedProviders[id].name} has no stored settings.`);
  await repo.removeProviderSetting(id, { actorId: user.id, action: "delete", changes: { secret: before.encryptedSecret ? "removed" : undefined, baseUrl: before.baseUrl ? { from: before.baseUrl, to: null } : undefined } });
  await refreshAfterChange();
}

/**
 * POST /api/v1/admin/providers/{id}/test: the cheapest request that proves the key works (probe.ts), with the values
 * typed on the page or else the saved (or environment's) ones. Recorded in the audit with its outcome.
 */
export async function testProviderSetting(user: CurrentUser, providerId: string, body: ProviderTestBody): Promise<ProbeResult> {
  requireAdmin(user);
  const id = managedId(providerId);
  const c = env();
  const fromEnv = environmentSource(id, c);
  let secret: string | undefined;
  let baseUrl: string | undefined;
  if (fromEnv && !fromEnv.off) {
    if (body.secret !== undefined || body.baseUrl !== undefined) refuseEnvironment(id);
    if (id === "openai" && !c.OPENAI_API_KEY) throw new AppError("invalid_request", "Azure OpenAI deployments are tested by generating an image.");
    ({ secret, baseUrl } = environmentValues(id, c));
  } else {
    const saved = await repo.findProviderSetting(id);
    const active = saved ? activate(saved) : null;
    if (active?.error && body.secret === undefined) throw new AppError("invalid_request", active.error, { details: { field: "secret" } });
    secret = body.secret ?? active?.secret;
    const typed = body.baseUrl === undefined ? active?.baseUrl : (body.baseUrl ?? undefined);
    baseUrl = typed ? await checkProviderBaseUrl(typed, c.ALLOW_PRIVATE_PROVIDER_URLS) : undefined;
  }
  const info = managedProviders[id];
  if (info.secretRequired && !secret) throw new AppError("invalid_request", `Enter the ${info.name} ${info.secretLabel} to test it.`, { details: { field: "secret" } });
  if (info.baseUrlRequired && !baseUrl) throw new AppError("invalid_request", "Enter the server's base URL to test it.", { details: { field: "baseUrl" } });
  const result = await probeProvider(id, baseUrl, secret);
  const unsaved = body.secret !== undefined || body.baseUrl !== undefined;
  await repo.recordProviderAudit(id, {
    actorId: user.id,
    action: "test",
    changes: { request: result.request, ...(unsaved ? { unsaved: true } : {}) },
    outcome: result.ok ? "ok" : `failed${result.status ? ` (${result.status})` : ""}`,
  });
  return result;
}

/** GET /api/v1/admin/providers/audit: who changed or tested which provider, when (no secret is ever in it). */
export async function listProviderAuditLog(user: CurrentUser, options: { provider?: string; limit: number }) {
  requireAdmin(user);
  const rows = await repo.listProviderAudit(options);
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}
