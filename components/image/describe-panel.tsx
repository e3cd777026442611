"use client";

import Link from "next/link";
import { useEffect, useId, useRef, useState } from "react";
import { messageOf } from "@/components/api/client";
import type { Provider } from "@/components/api/generation";
import { formatUsd } from "@/components/api/providers";
import { describeImage, type Description } from "@/components/api/tools";
import type { StudioImage } from "@/components/api/types";
import { rememberedGalleryQuery } from "@/components/generate/gallery-address";
import { AlertIcon } from "@/components/ui/icons";
import { Spinner } from "@/components/ui/spinner";
import { buttonClass, inputClass, labelClass } from "@/components/ui/styles";
import { describeNeeds, describers } from "./tool-choices";

/** The prompt panel (the gallery) with this text as the prompt, the gallery's filters kept. */
function promptHref(text: string): string {
  const params = new URLSearchParams({ prompt: text });
  for (const [key, value] of new URLSearchParams(rememberedGalleryQuery())) if (!params.has(key)) params.append(key, value);
  return `/?${params}`;
}

/**
 * Image → prompt: a connected vision-capable service writes a prompt that would make a picture like this one;
 * "Use as prompt" opens the prompt panel with it. With no such service the control says what to connect, and a
 * picture whose prompt is known offers that one ("Use its prompt").
 */
export function DescribePanel({ image, providers, status }: { image: StudioImage; providers: Provider[] | null; status: string | null }) {
  const selectId = useId();
  const able = describers(providers);
  const [provider, setProvider] = useState("");
  const [state, setState] = useState<{ busy: boolean; result: Description | null; error: string | null }>({ busy: false, result: null, error: null });
  const [copied, setCopied] = useState(false);
  const controller = useRef<AbortController | null>(null);
  useEffect(() => () => controller.current?.abort(), []);
  const chosen = able.find((d) => d.provider === provider) ?? able[0];
  const disabled = !chosen;

  const run = async () => {
    if (state.busy || !chosen) return;
    controller.current?.abort();
    const own = new AbortController();
    controller.current = own;
    setState({ busy: true, result: null, error: null });
    setCopied(false);
    try {
      const result = await describeImage(image.id, { provider: chosen.provider }, own.signal);
      if (!own.signal.aborted) setState({ busy: false, result, error: null });
    } catch (e) {
      if (!own.signal.aborted) setState({ busy: false, result: null, error: messageOf(e) });
    }
  };

  const copy = async () => {
    if (!state.result) return;
    try {
      await navigator.clipboard.writeText(state.result.prompt);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };

  return (
    <div data-testid="describe-panel">
      <p className="mb-4 text-xs leading-5 text-muted">A prompt that would make a picture like this one — to reuse, tweak, or learn from.</p>
      {able.length > 1 && (
        <div className="mb-4">
          <label htmlFor={selectId} className={labelClass}>
            Who describes it
          </label>
          <select id={selectId} data-testid="describe-provider" value={chosen?.provider} onChange={(e) => setProvider(e.target.value)} className={`${inputClass} w-full cursor-pointer`}>
            {able.map((d) => (
              <option key={d.provider} value={d.provider}>
                {d.name} · {d.model}
              </option>
            ))}
          </select>
        </div>
      )}
      {disabled && (
        <p data-testid="describe-needs" id={`${selectId}-needs`} className="mb-3 flex gap-2 rounded-lg bg-warning-soft px-3 py-2 text-xs leading-5 text-warning">
          <AlertIcon className="mt-0.5 size-4 shrink-0" />
          <span className="text-fg/80">
            {providers ? describeNeeds : (status ?? "Looking for a service that can describe pictures…")}{" "}
            {providers && (
              <Link href="/settings#providers" className="font-medium text-accent underline-offset-2 hover:underline">
                Open Settings → Providers
              </Link>
            )}
          </span>
        </p>
      )}
      {disabled && image.prompt && (
        // The picture's own prompt is known already (it was generated): that one can be reused without a service.
        <div data-testid="describe-known" className="mb-3 rounded-lg border border-line bg-raised/50 px-3 py-2 text-xs leading-5">
          <p className="text-muted">
            Its prompt is known: <span className="text-fg">“{image.prompt.length > 140 ? `${image.prompt.slice(0, 139)}…` : image.prompt}”</span>
          </p>
          <Link href={promptHref(image.prompt)} data-testid="describe-use-known" className={buttonClass("secondary", "sm", "mt-2")}>
            Use its prompt
          </Link>
        </div>
      )}
      <button
        type="button"
        data-testid="describe-start"
        onClick={() => void run()}
        disabled={disabled}
        aria-describedby={disabled ? `${selectId}-needs` : undefined}
        aria-busy={state.busy || undefined}
        className={buttonClass("primary", "md", "w-full")}
      >
        {state.busy && <Spinner />}
        {state.busy ? "Describing…" : chosen && able.length === 1 ? `Describe with ${chosen.name}` : "Describe this image"}
      </button>
      {state.error && (
        <p role="alert" data-testid="describe-error" className="mt-3 flex gap-2 rounded-lg bg-danger-soft px-3 py-2 text-sm text-danger">
          <AlertIcon className="mt-0.5 size-4 shrink-0" />
          <span>{state.error}</span>
        </p>
      )}
      {state.result && (
        <figure data-testid="describe-result" className="mt-4 rounded-xl border border-line bg-raised/50 p-3">
          <div className="flex gap-3">
            <img src={image.thumbnailUrl} alt="" className="size-14 shrink-0 rounded-lg object-cover" />
            <blockquote data-testid="describe-text" className="min-w-0 text-sm leading-6 text-fg">
              {state.result.prompt}
            </blockquote>
          </div>
          <figcaption className="mt-2 text-xs text-muted">
            Written by {providers?.find((p) => p.id === state.result!.source)?.name ?? state.result.source}
            {state.result.model ? ` · ${state.result.model}` : ""}
            {state.result.costUsd ? ` · ${formatUsd(state.result.costUsd)}` : ""}
          </figcaption>
          <div className="mt-3 flex flex-wrap gap-2">
            <Link href={promptHref(state.result.prompt)} data-testid="describe-use" className={buttonClass("primary", "sm")}>
              Use as prompt
            </Link>
            <button type="button" data-testid="describe-copy" onClick={() => void copy()} className={buttonClass("secondary", "sm")}>
              {copied ? "Copied" : "Copy"}
            </button>
          </div>
        </figure>
      )}
    </div>
  );
}
