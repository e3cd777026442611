"use client";

import type { Provider } from "@/components/api/generation";
import { providerLabel } from "@/components/api/providers";
import { AlertIcon, CheckIcon, CloseIcon, icon } from "@/components/ui/icons";
import { moveFocus, popoverPanelClass, usePopover } from "@/components/ui/popover";
import { referenceReason } from "@/components/references/references";
import { ModelBadges } from "./model-badges";
import { isDeprecated, liveModels, successorOf } from "./model-lifecycle";

export const GridIcon = icon(<><rect x="4" y="4" width="7" height="7" rx="1.5" /><rect x="13" y="4" width="7" height="7" rx="1.5" /><rect x="4" y="13" width="7" height="7" rx="1.5" /><rect x="13" y="13" width="7" height="7" rx="1.5" /></>);

interface Props {
  providers: Provider[] | null;
  provider: string;
  model: string;
  onChange: (choice: { provider: string; model: string }) => void;
  /** Reference images attached: a model that cannot take them is shown unavailable, with the reason. */
  references?: number;
}

/**
 * Why a provider's models are greyed, and what to do: administrators get a link to Settings → Providers, everyone
 * else is told to ask one.
 */
function SetupHint({ provider: p, onNavigate }: { provider: Provider; onNavigate: () => void }) {
  const why = p.setupError ? "its stored key cannot be used" : p.disabled ? "turned off" : "not connected";
  return (
    <span data-testid={`model-menu-setup-${p.id}`} className="font-normal text-muted">
      · {why}
      {p.manageable ? (
        <>
          {" — "}
          <a href="/settings#providers" onClick={onNavigate} className="text-accent underline underline-offset-2">
            {p.disabled ? "turn it on" : "connect it"} in Settings
          </a>
        </>
      ) : p.configuredBy === "environment" ? (
        " (set on the server)"
      ) : (
        " — ask an administrator to connect it"
      )}
    </span>
  );
}

/**
 * Every provider's models side by side — price per image and capability badges — to choose from. The selects
 * beside it are the quick way; this is where the differences show. Providers without a key are listed greyed;
 * retired models are not listed, deprecated ones say when they go and what replaces them, and a provider's
 * warnings (its default model deprecated or retired) are shown under its name.
 */
export function ModelMenu({ providers, provider, model, onChange, references = 0 }: Props) {
  const popover = usePopover({ role: "dialog" });
  const ordered = [...(providers ?? [])].sort((a, b) => Number(b.configured) - Number(a.configured) || Number(a.local) - Number(b.local));

  return (
    <div className="relative">
      <button
        type="button"
        {...popover.buttonProps}
        data-testid="model-menu-button"
        disabled={!providers}
        aria-label="Compare models: prices and capabilities"
        title="Models: prices and capabilities"
        className="grid size-9 place-items-center rounded-lg border border-line-strong bg-surface text-muted shadow-xs hover:text-fg disabled:opacity-50 aria-expanded:border-accent aria-expanded:text-accent"
      >
        <GridIcon className="size-4" />
      </button>
      {popover.open && (
        <div
          {...popover.panelProps}
          role="dialog"
          aria-label="Models"
          data-testid="model-menu"
          onKeyDown={(e) => {
            popover.panelProps.onKeyDown(e);
            if (!e.defaultPrevented) moveFocus(e, "[data-model-option]");
          }}
          className={`${popoverPanelClass} right-0 w-[min(34rem,calc(100vw-2rem))] sm:max-h-[min(32rem,70dvh)] sm:overflow-y-auto`}
        >
          <div className="sticky top-0 z-10 flex items-center justify-between gap-2 border-b border-line bg-surface px-4 py-2.5">
            <h2 className="text-sm font-semibold">Models</h2>
            <button type="button" onClick={() => popover.close()} aria-label="Close" className="grid size-7 place-items-center rounded-md text-muted hover:bg-raised hover:text-fg">
              <CloseIcon className="size-3.5" />
            </button>
          </div>
          <div className="p-2">
            {ordered.map((p) => {
              const models = liveModels(p);
              if (!models.length) return null;
              const warnings = p.configured ? (p.warnings ?? []) : [];
              return (
                <section key={p.id} aria-label={p.name} data-testid={`model-menu-provider-${p.id}`} className="mb-2 last:mb-0">
                  <h3 className="flex flex-wrap items-center gap-x-2 px-2 pt-1.5 pb-1 text-xs font-semibold text-muted">
                    {providerLabel(p.id) || p.name}
                    {!p.configured && <SetupHint provider={p} onNavigate={() => popover.close()} />}
                    {p.configured && !p.healthy && <span className="font-normal text-danger">· {p.status ?? "not responding"}</span>}
                  </h3>
                  {warnings.map((w) => (
                    <p key={w} data-testid="provider-warning" className="mx-2 mb-1 flex items-start gap-1.5 rounded-md bg-warning-soft px-2 py-1.5 text-xs leading-4 text-warning">
                      <AlertIcon className="mt-px size-3.5 shrink-0" />
                      <span>{w}</span>
                    </p>
                  ))}
                  <ul>
                    {models.map((m) => {
                      const chosen = p.id === provider && m.id === model;
                      const next = isDeprecated(m) ? successorOf(p, m) : undefined;
                      // The server would refuse it with these references (Auto only ever picks a model that takes them).
                      const unfit = referenceReason(m.capabilities, references);
                      return (
                        <li key={m.id}>
                          <button
                            type="button"
                            data-model-option
                            data-testid={`model-option-${p.id}-${m.id}`}
                            data-autofocus={chosen ? true : undefined}
                            aria-pressed={chosen}
                            data-unavailable={unfit ? "references" : undefined}
                            disabled={!p.configured || (Boolean(unfit) && !chosen)}
                            onClick={() => {
                              onChange({ provider: p.id, model: m.id });
                              popover.close();
                            }}
                            className={`flex w-full items-start gap-2 rounded-lg px-2 py-2 text-left disabled:cursor-not-allowed disabled:opacity-50 enabled:hover:bg-raised focus-visible:bg-raised ${chosen ? "bg-accent-soft/70" : ""}`}
                          >
                            <span className="grid size-4 shrink-0 place-items-center pt-0.5 text-accent">{chosen && <CheckIcon className="size-4" />}</span>
                            <span className="min-w-0 flex-1">
                              <span className="block truncate text-sm font-medium text-fg">{m.label}</span>
                              <ModelBadges model={m} local={p.local} provider={p} className="mt-1" />
                              {unfit && (
                                <span data-testid="model-reference-reason" className="mt-1 block text-xs text-danger">
                                  Unavailable: {unfit}
                                </span>
                              )}
                              {next && (
                                <span data-testid="model-successor" className="mt-1 block text-xs text-muted">
                                  Replaced by {next.label}
                                </span>
                              )}
                            </span>
                          </button>
                        </li>
                      );
                    })}
                  </ul>
                </section>
              );
            })}
          </div>
        </div>
      )}
    </div>
  );
}
