/** Settings → Providers as the browser sees it (docs/api.md "Providers connected in the app"): never a secret. */
import type { ProviderSettingView } from "@/lib/providers/settings/service";
import { apiFetch } from "./client";

// The listing's shape is the server's own (a type only: nothing of the server-only module reaches the browser).
export type { ProviderSettingView };

export interface ProviderTestResult {
  ok: boolean;
  message: string;
  status?: number;
  models?: number;
  request: string;
}

export interface ProviderAuditEntry {
  id: string;
  provider: string;
  action: "create" | "update" | "enable" | "disable" | "delete" | "test";
  changes: Record<string, unknown> | null;
  outcome: string | null;
  createdAt: string;
  actor: { id: string; name: string | null; email: string | null } | null;
}

export interface ProviderSettingPatch {
  enabled?: boolean;
  secret?: string | null;
  baseUrl?: string | null;
  name?: string | null;
  models?: string[] | null;
}

const path = (id: string) => `/api/v1/admin/providers/${encodeURIComponent(id)}`;

export const listProviderSettings = (signal?: AbortSignal) => apiFetch<ProviderSettingView[]>("/api/v1/admin/providers", { signal, cache: "no-store" });
export const saveProviderSetting = (id: string, patch: ProviderSettingPatch) => apiFetch<ProviderSettingView>(path(id), { method: "PUT", json: patch });
export const removeProviderSetting = (id: string) => apiFetch<void>(path(id), { method: "DELETE" });
export const testProviderSetting = (id: string, typed: { secret?: string; baseUrl?: string | null }) =>
  apiFetch<ProviderTestResult>(`${path(id)}/test`, { method: "POST", json: typed });
export const listProviderAudit = (signal?: AbortSignal) => apiFetch<ProviderAuditEntry[]>("/api/v1/admin/providers/audit?limit=30", { signal, cache: "no-store" });

/** An audit entry in words: "Key replaced, base URL changed", "Tested: ok". */
export function describeAudit(entry: ProviderAuditEntry): string {
  const c = entry.changes ?? {};
  if (entry.action === "test") return `Tested${c.unsaved ? " typed values" : ""}: ${entry.outcome === "ok" ? "connected" : (entry.outcome ?? "no answer")}`;
  if (entry.action === "delete") return "Removed the stored key and settings";
  if (entry.action === "enable") return "Turned on";
  if (entry.action === "disable") return "Turned off";
  const parts: string[] = [];
  if (typeof c.secret === "string") parts.push(`key ${c.secret}`);
  if (c.baseUrl) parts.push(`base URL ${(c.baseUrl as { to: string | null }).to ?? "reset to the provider's own"}`);
  if (c.name) parts.push("name changed");
  if (c.models) parts.push(`models ${((c.models as { to: string[] | null }).to ?? []).join(", ") || "from the server's configuration"}`);
  if (c.enabled && entry.action === "update") parts.push((c.enabled as { to: boolean }).to ? "turned on" : "turned off");
  const what = parts.join(", ");
  return entry.action === "create" ? `Connected${what ? ` (${what})` : ""}` : what ? what[0].toUpperCase() + what.slice(1) : "Saved";
}
