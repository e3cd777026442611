/** The registry's account, provider, usage, admin and meta routes (see types.ts). */
import { createKeyBody } from "@/lib/api/route-schemas";
import { updateUserBody } from "@/lib/usage/users";
import { usageQuery } from "@/lib/images/usage";
import { auditQuery, providerSettingBody, providerTestBody } from "@/lib/providers/settings/schema";
import type { Operation } from "./types";

const provider = "/api/v1/admin/providers/{id}";
const settingSaved = { status: 200, description: "The provider's settings as saved.", schema: "ProviderSetting" } as const;

export const accountOperations: Operation[] = [
  { method: "GET", path: "/api/v1/me", tag: "Accounts", auth: "read", summary: "The caller: account, role, how they are signed in", responses: [{ status: 200, description: "The account.", schema: "Account" }] },
  { method: "GET", path: "/api/v1/keys", tag: "Accounts", auth: "read", peopleOnly: true, summary: "The caller's API keys (prefix only, never the key)", responses: [{ status: 200, description: "The keys.", schema: "ApiKeyList" }] },
  {
    method: "POST", path: "/api/v1/keys", tag: "Accounts", auth: "write", peopleOnly: true, summary: "Create an API key (shown this once)", body: { kind: "json", schema: createKeyBody },
    responses: [{ status: 201, description: "The key and its listing.", schema: "CreatedApiKey" }],
  },
  { method: "DELETE", path: "/api/v1/keys/{id}", tag: "Accounts", auth: "write", peopleOnly: true, summary: "Revoke an API key (by id or prefix): it stops working at once", responses: [{ status: 200, description: "The revoked key.", schema: "ApiKey" }] },
  { method: "GET", path: "/api/v1/usage", tag: "Generation", auth: "read", summary: "The caller's spend per day and provider, today's budget and limits", query: usageQuery, responses: [{ status: 200, description: "The usage.", schema: "Usage" }] },
  { method: "GET", path: "/api/v1/providers", tag: "Generation", auth: "read", summary: "The providers with their models, prices and health", responses: [{ status: 200, description: "The providers.", schema: "ProviderList" }] },
  {
    method: "GET", path: "/api/v1/webhooks/secret", tag: "Webhooks", auth: "write", summary: "The secret the caller's job webhooks are signed with",
    description: "It lets its holder forge deliveries, so an API key needs the write scope.", responses: [{ status: 200, description: "The secret.", schema: "WebhookSecret" }],
  },

  { method: "GET", path: "/api/v1/admin/users", tag: "Administration", auth: "read", adminOnly: true, summary: "Every account with its limits", responses: [{ status: 200, description: "The accounts.", schema: "UserList" }] },
  {
    method: "PATCH", path: "/api/v1/admin/users/{id}", tag: "Administration", auth: "write", adminOnly: true, summary: "Change an account's budget, rate limit or role (null: the instance default)",
    body: { kind: "json", schema: updateUserBody }, responses: [{ status: 200, description: "The account as changed.", schema: "User" }],
  },
  { method: "GET", path: "/api/v1/admin/usage", tag: "Administration", auth: "read", adminOnly: true, summary: "Every user's spend per day and provider", query: usageQuery, responses: [{ status: 200, description: "The usage.", schema: "EveryonesUsage" }] },
  {
    method: "GET", path: "/api/v1/admin/providers", tag: "Administration", auth: "read", peopleOnly: true, adminOnly: true, summary: "The providers that can be connected in the app",
    responses: [{ status: 200, description: "The providers' settings (never a secret).", schema: "ProviderSettingList" }],
  },
  { method: "PUT", path: provider, tag: "Administration", auth: "write", peopleOnly: true, adminOnly: true, summary: "Connect or change a provider (stored sealed, audited)", body: { kind: "json", schema: providerSettingBody }, responses: [settingSaved] },
  { method: "PATCH", path: provider, tag: "Administration", auth: "write", peopleOnly: true, adminOnly: true, summary: "Change a few of a provider's settings (the same as PUT)", body: { kind: "json", schema: providerSettingBody }, responses: [settingSaved] },
  { method: "DELETE", path: provider, tag: "Administration", auth: "write", peopleOnly: true, adminOnly: true, summary: "Forget a provider's stored key and settings", responses: [{ status: 204, description: "Forgotten." }] },
  {
    method: "POST", path: `${provider}/test`, tag: "Administration", auth: "write", peopleOnly: true, adminOnly: true, summary: "Send the provider's cheapest unbilled request",
    body: { kind: "json", schema: providerTestBody }, responses: [{ status: 200, description: "What the provider answered.", schema: "ProviderTestResult" }],
  },
  {
    method: "GET", path: "/api/v1/admin/providers/audit", tag: "Administration", auth: "read", peopleOnly: true, adminOnly: true, summary: "Who changed or tested which provider, when",
    query: auditQuery, responses: [{ status: 200, description: "The audit log.", schema: "ProviderAuditLog" }],
  },

  { method: "GET", path: "/api/v1/openapi.json", tag: "Meta", auth: "public", summary: "This document: the API as OpenAPI 3.1", responses: [{ status: 200, description: "The OpenAPI document.", contentType: "application/json" }] },
];
