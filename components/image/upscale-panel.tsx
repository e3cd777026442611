"use client";

import { useEffect, useMemo, useState } from "react";
import type { Provider } from "@/components/api/generation";
import { startUpscale, upscaleFactors, type UpscaleFactor, type UpscaleRequest } from "@/components/api/tools";
import type { StudioImage } from "@/components/api/types";
import type { JobHandle } from "@/components/generate/use-job";
import { Spinner } from "@/components/ui/spinner";
import { buttonClass } from "@/components/ui/styles";
import { maxOutputPixels } from "./expand-geometry";
import { ToolChoiceList } from "./tool-choice-list";
import { defaultChoice, toolChoices } from "./tool-choices";
import { ToolResult } from "./tool-result";

/** The outer box is the result; the filled one the picture as it is now, 1/factor of it. */
function ScaleDiagram({ factor }: { factor: number }) {
  const inner = 28 / factor;
  return (
    <svg viewBox="0 0 32 32" className="size-8 shrink-0" aria-hidden="true">
      <rect x="2" y="2" width="28" height="28" rx="2" fill="none" stroke="currentColor" strokeDasharray="3 2" strokeWidth="1.5" />
      <rect x="2" y={30 - inner} width={inner} height={inner} rx="1.5" fill="currentColor" opacity="0.55" />
    </svg>
  );
}

/** Upscale ×2 or ×4: the basic local resample (free, instant, no new detail) or a connected service's upscaler. */
export function UpscalePanel({ image, job, providers, status }: { image: StudioImage; job: JobHandle; providers: Provider[] | null; status: string | null }) {
  const [factor, setFactor] = useState<UpscaleFactor>(2);
  const choices = useMemo(() => toolChoices(providers, "upscale", factor), [providers, factor]);
  const [chosen, setChosen] = useState("basic");
  useEffect(() => {
    if (!choices.some((c) => c.id === chosen)) setChosen(defaultChoice(choices, "upscale").id);
  }, [choices, chosen]);
  const choice = choices.find((c) => c.id === chosen) ?? choices[0];
  // What the shown result was asked with: once the factor or the upscaler changes, it is labelled an earlier result.
  const key = `${factor} ${choice.id}`;
  const [asked, setAsked] = useState<string | null>(null);
  const fits = (f: number) => image.width * f * image.height * f <= maxOutputPixels;

  const start = () => {
    if (job.running || !fits(factor)) return;
    setAsked(key);
    const body: UpscaleRequest = choice.provider ? { factor, mode: "provider", provider: choice.provider, model: choice.model ?? undefined } : { factor, mode: "basic" };
    void job.start(() => startUpscale(image.id, body), 1);
  };

  return (
    <div data-testid="upscale-panel">
      <div role="radiogroup" aria-label="Upscale by" className="grid grid-cols-2 gap-2">
        {upscaleFactors.map((f) => {
          const ok = fits(f);
          return (
            <button
              key={f}
              type="button"
              role="radio"
              aria-checked={factor === f}
              aria-disabled={!ok || undefined}
              data-testid={`upscale-factor-${f}`}
              title={ok ? undefined : "Over the 50-megapixel limit for a result"}
              onClick={() => ok && setFactor(f)}
              onKeyDown={(e) => {
                if (e.key !== "ArrowRight" && e.key !== "ArrowLeft") return;
                e.preventDefault();
                const other = f === 2 ? 4 : 2;
                if (!fits(other)) return;
                setFactor(other);
                (e.currentTarget.parentElement?.querySelector(`[data-testid=upscale-factor-${other}]`) as HTMLElement | null)?.focus();
              }}
              tabIndex={factor === f ? 0 : -1}
              className={`flex items-center gap-3 rounded-xl border px-3 py-2.5 text-left transition-colors aria-disabled:cursor-not-allowed aria-disabled:opacity-50 ${
                factor === f ? "border-accent bg-accent-soft text-accent" : "border-line text-muted hover:border-line-strong hover:text-fg"
              }`}
            >
              <ScaleDiagram factor={f} />
              <span className="min-w-0">
                <span className="block text-sm font-semibold">×{f}</span>
                <span className="block text-[11px] tabular-nums">{ok ? `${image.width * f} × ${image.height * f}` : "over 50 MP"}</span>
              </span>
            </button>
          );
        })}
      </div>
      <div className="mt-4">
        <ToolChoiceList legend="Who upscales" choices={choices} value={choice.id} onChange={setChosen} testId="upscale-with" status={status} />
      </div>
      <button
        type="button"
        data-testid="upscale-start"
        onClick={start}
        aria-disabled={job.running || !fits(factor) || undefined}
        aria-busy={job.running || undefined}
        className={buttonClass("primary", "md", "mt-5 w-full")}
      >
        {job.running && <Spinner />}
        {job.running ? "Upscaling…" : `Upscale ×${factor}`}
      </button>
      <ToolResult image={image} job={job} activity="Upscaling" itemLabel="Upscaled" failedHeading="The upscale failed" testId="upscale-result" stale={asked !== null && asked !== key} />
    </div>
  );
}
