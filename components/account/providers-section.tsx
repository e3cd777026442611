"use client";

import { useCallback, useId, useState } from "react";
import { messageOf } from "@/components/api/client";
import { formatDate } from "@/components/api/format";
import { describeAudit, listProviderAudit, listProviderSettings, type ProviderAuditEntry, type ProviderSettingView } from "@/components/api/provider-settings";
import { buttonClass, cardClass } from "@/components/ui/styles";
import { KeyIcon } from "./icons";
import { ProviderCard } from "./providers-card";

const names: Record<string, string> = { openai: "OpenAI", replicate: "Replicate", google: "Google", ideogram: "Ideogram", "openai-compatible": "OpenAI-compatible" };

/**
 * "Providers" (administrators): connect OpenAI, Replicate, Google, Ideogram or an OpenAI-compatible server with a
 * key typed here (stored encrypted, shown back only as its last four characters), test it, turn it off, and see
 * who changed what. Providers the server's environment configures are shown read-only: the environment wins.
 */
export function ProvidersSection({ initialProviders, initialAudit }: { initialProviders: ProviderSettingView[]; initialAudit: ProviderAuditEntry[] }) {
  const titleId = useId();
  const auditId = useId();
  const [providers, setProviders] = useState(initialProviders);
  const [audit, setAudit] = useState(initialAudit);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      const [list, entries] = await Promise.all([listProviderSettings(), listProviderAudit()]);
      setProviders(list);
      setAudit(entries);
      setError(null);
    } catch (e) {
      setError(messageOf(e));
    }
  }, []);

  return (
    <section id="providers" aria-labelledby={titleId} data-testid="providers-section" className={`${cardClass} scroll-mt-20 p-4 sm:p-6`}>
      <div className="flex items-start gap-3">
        <span className="grid size-9 shrink-0 place-items-center rounded-lg bg-accent-soft text-accent" aria-hidden="true">
          <KeyIcon />
        </span>
        <div className="min-w-0 flex-1">
          <h2 id={titleId} className="text-base font-semibold">
            Providers
          </h2>
          <p className="mt-0.5 text-sm leading-6 text-muted">
            Connect AI providers for everyone in this studio. Keys are stored encrypted and never shown again, only their last four characters. Test
            sends the provider&apos;s smallest free request. Providers set by the server&apos;s environment variables are read-only here.
          </p>
        </div>
      </div>
      <ul className="mt-5 grid gap-3">
        {providers.map((p) => (
          <ProviderCard
            key={p.id}
            provider={p}
            onChanged={(next) => {
              if (next) setProviders((list) => list.map((x) => (x.id === next.id ? next : x)));
              void refresh();
            }}
          />
        ))}
      </ul>
      <div className="mt-6 border-t border-line pt-5">
        <div className="flex items-center justify-between gap-2">
          <h3 id={auditId} className="text-sm font-semibold">
            Changes and tests
          </h3>
          <button type="button" data-testid="providers-audit-refresh" onClick={() => void refresh()} className={buttonClass("ghost", "sm")}>
            Refresh
          </button>
        </div>
        {audit.length === 0 ? (
          <p className="mt-2 text-sm text-muted">Nothing changed here yet.</p>
        ) : (
          <ol aria-labelledby={auditId} data-testid="providers-audit" className="mt-2 divide-y divide-line text-sm">
            {audit.map((entry) => (
              <li key={entry.id} data-testid="providers-audit-entry" className="flex flex-wrap items-baseline gap-x-2 gap-y-0.5 py-2">
                <span className="font-medium">{names[entry.provider] ?? entry.provider}</span>
                <span>{describeAudit(entry)}</span>
                <span className="w-full text-xs text-muted sm:ml-auto sm:w-auto">
                  {entry.actor ? (entry.actor.name ?? entry.actor.email ?? entry.actor.id) : "someone"} · <time dateTime={entry.createdAt}>{formatDate(entry.createdAt)}</time>
                </span>
              </li>
            ))}
          </ol>
        )}
      </div>
      {error && (
        <p role="alert" className="mt-4 text-sm text-danger">
          {error}
        </p>
      )}
    </section>
  );
}
