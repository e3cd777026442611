"use client";

import { useEffect, useMemo, useState } from "react";
import type { Provider } from "@/components/api/generation";
import { startRemoveBackground, type RemoveBackgroundRequest } from "@/components/api/tools";
import type { StudioImage } from "@/components/api/types";
import type { JobHandle } from "@/components/generate/use-job";
import { Spinner } from "@/components/ui/spinner";
import { buttonClass } from "@/components/ui/styles";
import { ToolChoiceList } from "./tool-choice-list";
import { defaultChoice, toolChoices } from "./tool-choices";
import { ToolResult } from "./tool-result";

const formats = [
  { id: "png", label: "PNG", note: "lossless, opens everywhere" },
  { id: "webp", label: "WebP", note: "a smaller file" },
] as const;

/** Cut the subject out onto a transparent background: the local way (plain backgrounds) or a connected service. */
export function BackgroundPanel({ image, job, providers, status }: { image: StudioImage; job: JobHandle; providers: Provider[] | null; status: string | null }) {
  const choices = useMemo(() => toolChoices(providers, "remove-background"), [providers]);
  const [chosen, setChosen] = useState("");
  const [format, setFormat] = useState<"png" | "webp">("png");
  useEffect(() => {
    if (choices.length && !choices.some((c) => c.id === chosen)) setChosen(defaultChoice(choices, "remove-background").id);
  }, [choices, chosen]);
  const choice = choices.find((c) => c.id === chosen);
  const key = `${format} ${choice?.id ?? ""}`;
  const [asked, setAsked] = useState<string | null>(null);

  const start = () => {
    if (job.running) return;
    setAsked(key);
    const body: RemoveBackgroundRequest = { format, ...(choice?.provider ? { provider: choice.provider, model: choice.model ?? undefined } : {}) };
    void job.start(() => startRemoveBackground(image.id, body), 1);
  };

  return (
    <div data-testid="background-panel">
      <div className="mb-4 flex items-center gap-3">
        {/* The idea in a picture: the subject kept, the background turned to the transparency checkerboard. */}
        <div aria-hidden="true" className="relative h-14 w-20 shrink-0 overflow-hidden rounded-lg border border-line">
          <img src={image.thumbnailUrl} alt="" className="absolute inset-0 size-full object-cover" />
          <div className="checkerboard absolute inset-y-0 right-0 w-1/2 border-l-2 border-dashed border-white/90" />
        </div>
        <p className="text-xs leading-5 text-muted">
          Keeps the subject and makes the background transparent.{image.hasAlpha ? " This picture is partly transparent already." : ""}
        </p>
      </div>
      <ToolChoiceList legend="Who cuts it out" choices={choices} value={choice?.id ?? ""} onChange={setChosen} testId="background-with" status={status} />
      <div role="group" aria-label="File format" className="mt-4 flex flex-wrap items-center gap-2">
        <span className="text-xs font-medium text-muted">Save as:</span>
        {formats.map((f) => (
          <button
            key={f.id}
            type="button"
            data-testid={`background-format-${f.id}`}
            aria-pressed={format === f.id}
            title={f.note}
            onClick={() => setFormat(f.id)}
            className={`h-8 rounded-full border px-3 text-xs font-medium transition-colors ${
              format === f.id ? "border-accent bg-accent-soft text-accent" : "border-line text-muted hover:border-line-strong hover:text-fg"
            }`}
          >
            {f.label}
          </button>
        ))}
        <span className="text-xs text-subtle">{formats.find((f) => f.id === format)!.note}</span>
      </div>
      <button
        type="button"
        data-testid="background-start"
        onClick={start}
        aria-disabled={job.running || undefined}
        aria-busy={job.running || undefined}
        className={buttonClass("primary", "md", "mt-5 w-full")}
      >
        {job.running && <Spinner />}
        {job.running ? "Removing the background…" : "Remove background"}
      </button>
      <ToolResult image={image} job={job} activity="Removing the background" itemLabel="Cut-out" failedHeading="The background removal failed" testId="background-result" stale={asked !== null && asked !== key} />
    </div>
  );
}
