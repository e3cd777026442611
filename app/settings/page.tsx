import type { Metadata } from "next";
import { ProvidersSection } from "@/components/account/providers-section";
import { SettingsSections } from "@/components/account/settings-sections";
import { getAccount, listUsers } from "@/lib/usage/users";
import { listApiKeys } from "@/lib/auth/api-keys";
import { requirePageUser } from "@/lib/auth/page-user";
import { env } from "@/lib/env";
import { getUsage } from "@/lib/images";
import { listProviderAuditLog, listProviderSettings } from "@/lib/providers/settings/service";

export const metadata: Metadata = { title: "API keys & limits" };

// API keys, today's budget and rate limit, and — for administrators — everyone's limits and the AI providers
// (#providers). The first render comes from the same services as GET /api/v1/keys, /usage, /me, /admin/users and
// /admin/providers (+ /audit); changes go through those routes.
export default async function SettingsPage() {
  const user = await requirePageUser("/settings");
  const admin = user.role === "admin";
  const [account, keys, usage, people, providers, providerAudit] = await Promise.all([
    getAccount(user),
    listApiKeys(user.id),
    getUsage({ user }),
    admin ? listUsers(user) : Promise.resolve(null),
    admin ? listProviderSettings(user) : Promise.resolve(null),
    admin ? listProviderAuditLog(user, { limit: 30 }) : Promise.resolve(null),
  ]);
  const config = env();
  const single = account.authMode === "single-user";

  return (
    <main className="mx-auto flex max-w-5xl flex-col gap-6 px-4 pt-6 pb-16 sm:px-6 sm:pt-8">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">API keys &amp; limits</h1>
        <p data-testid="settings-identity" className="mt-1 text-sm text-muted">
          {single ? (
            <>Local studio: single-user mode, no sign-in. Everything here belongs to this studio&apos;s owner.</>
          ) : (
            <>
              Signed in as <span className="font-medium text-fg">{account.email ?? account.name}</span>
              {account.role === "admin" && " · Administrator"}
            </>
          )}
        </p>
      </header>
      <SettingsSections
        userId={user.id}
        keys={keys}
        budget={usage.budget}
        limits={account.limits}
        people={people}
        defaults={{ dailyBudgetUsd: config.DAILY_BUDGET_USD, rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE }}
      />
      {providers && providerAudit && <ProvidersSection initialProviders={providers} initialAudit={providerAudit} />}
    </main>
  );
}
