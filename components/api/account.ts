/** Accounts as the browser sees them (docs/api.md "Accounts"): the caller, API keys, today's budget, people (admins). */
import { apiFetch } from "./client";

export type ApiKeyScope = "read" | "write" | "generate";
export const apiKeyScopes: readonly ApiKeyScope[] = ["read", "write", "generate"];

/** One line per scope, as the key form explains them. */
export const scopeHelp: Record<ApiKeyScope, string> = {
  read: "List and download images, collections, palettes, jobs and usage.",
  write: "Upload, edit, organise and delete images, collections and palettes.",
  generate: "Start generations, variations and refinements: spends your daily budget.",
};

export interface UserLimits {
  dailyBudgetUsd: number;
  rateLimitPerMinute: number;
  /** True where an administrator set the user's own value (otherwise the instance default applies). */
  custom: { dailyBudgetUsd: boolean; rateLimitPerMinute: boolean };
}

/** GET /api/v1/me */
export interface Me {
  id: string;
  email: string | null;
  name: string | null;
  image: string | null;
  role: string;
  createdAt: string;
  authMode: "single-user" | "multi-user";
  via: "session" | "local" | "api-key";
  scopes: readonly string[];
  limits: UserLimits;
}

/** An API key as listed: never the key itself, only its prefix. */
export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  scopes: ApiKeyScope[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** `budget` of GET /api/v1/usage: today's spend (UTC day) against the limit. */
export interface Budget {
  day: string;
  limitUsd: number;
  spentUsd: number;
  reservedUsd: number;
  leftUsd: number;
  maxCostPerImageUsd: number;
}

export interface Usage {
  budget: Budget;
  limits: UserLimits;
}

/** GET /api/v1/admin/users: one row. `dailyBudgetUsd`/`rateLimitPerMinute` are the user's own values (null = default). */
export interface AdminUser {
  id: string;
  email: string | null;
  name: string | null;
  role: string;
  dailyBudgetUsd: number | null;
  rateLimitPerMinute: number | null;
  createdAt: string;
  limits: { dailyBudgetUsd: number; rateLimitPerMinute: number };
}

export const getMe = (signal?: AbortSignal) => apiFetch<Me>("/api/v1/me", { signal, cache: "no-store" });
export const getUsage = (signal?: AbortSignal) => apiFetch<Usage>("/api/v1/usage", { signal, cache: "no-store" });
export const listKeys = (signal?: AbortSignal) => apiFetch<ApiKey[]>("/api/v1/keys", { signal, cache: "no-store" });
export const createKey = (name: string, scopes: ApiKeyScope[]) =>
  apiFetch<{ key: string; apiKey: ApiKey }>("/api/v1/keys", { method: "POST", json: { name, scopes } });
export const revokeKey = (id: string) => apiFetch<ApiKey>(`/api/v1/keys/${encodeURIComponent(id)}`, { method: "DELETE" });
export const listPeople = (signal?: AbortSignal) => apiFetch<AdminUser[]>("/api/v1/admin/users", { signal, cache: "no-store" });
export const updatePerson = (id: string, patch: { dailyBudgetUsd?: number | null; rateLimitPerMinute?: number | null; role?: "user" | "admin" }) =>
  apiFetch<AdminUser>(`/api/v1/admin/users/${encodeURIComponent(id)}`, { method: "PATCH", json: patch });

/** "$5", "$1.50", "$0.004" (small amounts keep their digits), "$0". */
export function formatUsd(value: number): string {
  if (value === 0) return "$0";
  if (Number.isInteger(value)) return `$${value}`;
  if (Math.abs(value) >= 0.1) return `$${value.toFixed(2)}`;
  return `$${Number(value.toFixed(4))}`;
}
