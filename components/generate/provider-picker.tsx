"use client";

import { useId } from "react";
import type { Provider } from "@/components/api/generation";
import { formatUsd, pricePerImage, providerLabel } from "@/components/api/providers";
import { ChevronDownIcon, CpuIcon } from "./icons";
import { referenceReason } from "@/components/references/references";
import { ModelMenu } from "./model-menu";
import { defaultModelOf, isDefaultModel, isRetired, lifecycleSuffix, liveModels } from "./model-lifecycle";

interface Props {
  providers: Provider[] | null;
  error: string | null;
  provider: string;
  model: string;
  onChange: (choice: { provider: string; model: string }) => void;
  /** Reference images attached: models that cannot take that many say so and cannot be chosen. */
  references?: number;
}

const selectClass =
  "h-9 w-full cursor-pointer appearance-none rounded-lg border border-line-strong bg-surface pr-8 text-sm text-fg shadow-xs " +
  "focus-visible:border-accent disabled:cursor-default disabled:opacity-60";

function priceSummary(p: Provider): string {
  // The local renderer's name says where it runs; its badge in the model menu says "Local · free".
  if (p.local) return "free";
  const prices = liveModels(p).map((m) => m.costPerImageUsd);
  if (!prices.length) return "";
  const low = Math.min(...prices);
  // With several prices the model picker beside it names each; here the cheapest is enough.
  return prices.length > 1 && Math.max(...prices) !== low ? `from ${formatUsd(low)}` : pricePerImage(low);
}

/**
 * Who renders: configured providers can be chosen (with their price per image); the rest are listed as not set up.
 * The grid button beside them opens every model with its price and capability badges. Retired models are not
 * offered; one the draft still names (a reused image's) is shown as retired until another is chosen.
 */
export function ProviderPicker({ providers, error, provider, model, onChange, references = 0 }: Props) {
  const id = useId();
  const ready = providers?.filter((p) => p.configured) ?? [];
  const notReady = providers?.filter((p) => !p.configured) ?? [];
  const current = ready.find((p) => p.id === provider);
  const models = liveModels(current);
  const retired = current?.models.find((m) => m.id === model && isRetired(m));
  const warnings = current?.warnings ?? [];
  const title = current ? [`${providerLabel(current.id)}${current.healthy ? "" : ` — ${current.status ?? "not responding"}`}`, ...warnings].join("\n") : undefined;

  return (
    <div className="flex min-w-0 gap-2 max-sm:w-full max-sm:flex-wrap sm:items-center">
      <div className="relative min-w-0 flex-1 sm:w-64 sm:flex-none">
        <label htmlFor={id} className="sr-only">
          Provider
        </label>
        <CpuIcon className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-subtle" />
        <select
          id={id}
          data-testid="provider-select"
          value={current ? provider : ""}
          disabled={!providers}
          title={error ?? title}
          onChange={(e) => {
            const next = ready.find((p) => p.id === e.target.value);
            onChange({ provider: e.target.value, model: defaultModelOf(next)?.id ?? "" });
          }}
          className={`${selectClass} pl-8`}
        >
          {!providers && <option value="">{error ? "Server's choice" : "Loading providers…"}</option>}
          {providers && !current && <option value="">Server&apos;s choice</option>}
          {ready.map((p) => (
            <option key={p.id} value={p.id}>
              {providerLabel(p.id) || p.name} — {priceSummary(p)}
              {p.healthy ? "" : " (not responding)"}
            </option>
          ))}
          {notReady.length > 0 && (
            <optgroup label="Not set up (add an API key)">
              {notReady.map((p) => (
                <option key={p.id} value={p.id} disabled>
                  {providerLabel(p.id) || p.name} — {priceSummary(p)}
                </option>
              ))}
            </optgroup>
          )}
        </select>
        <ChevronDownIcon className="pointer-events-none absolute top-1/2 right-2.5 size-4 -translate-y-1/2 text-subtle" />
      </div>
      {(models.length > 1 || retired) && (
        <div className="relative min-w-0 max-sm:order-last max-sm:w-full sm:w-52">
          <label htmlFor={`${id}-model`} className="sr-only">
            Model
          </label>
          <select
            id={`${id}-model`}
            data-testid="model-select"
            value={model}
            onChange={(e) => onChange({ provider, model: e.target.value })}
            className={`${selectClass} pl-3`}
          >
            {retired && (
              <option value={retired.id} disabled>
                {retired.label} — retired
              </option>
            )}
            {models.map((m) => {
              const reason = referenceReason(m.capabilities, references);
              return (
                <option key={m.id} value={m.id} disabled={Boolean(reason) && m.id !== model}>
                  {m.label} — {pricePerImage(current?.local ? 0 : m.costPerImageUsd)}
                  {isDefaultModel(current, m) ? " · default" : ""}
                  {lifecycleSuffix(m)}
                  {reason ? ` — ${reason}` : ""}
                </option>
              );
            })}
          </select>
          <ChevronDownIcon className="pointer-events-none absolute top-1/2 right-2.5 size-4 -translate-y-1/2 text-subtle" />
        </div>
      )}
      <ModelMenu providers={providers} provider={provider} model={model} onChange={onChange} references={references} />
    </div>
  );
}
