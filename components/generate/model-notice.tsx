"use client";

import type { Provider, ProviderModel } from "@/components/api/generation";
import { AlertIcon } from "@/components/ui/icons";
import { deprecatedNotice, isDeprecated, retiredNotice } from "./model-lifecycle";

interface Props {
  provider: Provider | undefined;
  /** The model that will serve. */
  model: ProviderModel | undefined;
  /** The retired model the draft names (a reused image's, a remembered set-up's). */
  retired?: ProviderModel;
  /** Name the serving model in the draft instead of the retired one. */
  onUseModel: (model: string) => void;
}

/**
 * What a person choosing this provider and model should know: the model was retired and which one makes the images
 * now, the model is deprecated, or the provider's own warnings (its default model going or gone). Nothing otherwise.
 */
export function ModelNotice({ provider, model, retired, onUseModel }: Props) {
  const warnings = provider?.warnings ?? [];
  const deprecated = !retired && model && isDeprecated(model);
  if (!retired && !deprecated && !warnings.length) return null;
  return (
    <div role="status" data-testid="model-notice" className="grid gap-1.5 border-t border-line bg-warning-soft/60 px-3 py-2.5 text-xs leading-5 text-fg sm:px-5 sm:pl-13">
      {retired && (
        <p data-testid="model-retired-notice" className="flex flex-wrap items-start gap-x-2 gap-y-1">
          <AlertIcon className="mt-0.5 size-4 shrink-0 text-warning" />
          <span className="min-w-0 flex-1">{retiredNotice(provider, retired, model)}</span>
          {model && (
            <button
              type="button"
              data-testid="model-retired-switch"
              onClick={() => onUseModel(model.id)}
              className="shrink-0 rounded-md px-1.5 font-medium text-accent underline-offset-2 hover:underline"
            >
              Use {model.label}
            </button>
          )}
        </p>
      )}
      {deprecated && model && (
        <p data-testid="model-deprecated-notice" className="flex items-start gap-2">
          <AlertIcon className="mt-0.5 size-4 shrink-0 text-warning" />
          <span>{deprecatedNotice(provider, model)}</span>
        </p>
      )}
      {warnings.map((w) => (
        <p key={w} data-testid="provider-warning" className="flex items-start gap-2">
          <AlertIcon className="mt-0.5 size-4 shrink-0 text-warning" />
          <span>{w}</span>
        </p>
      ))}
    </div>
  );
}
