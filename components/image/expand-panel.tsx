"use client";

import { useEffect, useId, useMemo, useState } from "react";
import type { Provider } from "@/components/api/generation";
import { startExpand } from "@/components/api/tools";
import type { StudioImage } from "@/components/api/types";
import type { JobHandle } from "@/components/generate/use-job";
import { Spinner } from "@/components/ui/spinner";
import { buttonClass, inputClass, labelClass } from "@/components/ui/styles";
import {
  canvasOf,
  describeExpand,
  expandAspects,
  expandSides,
  expandWayOf,
  maxOutputPixels,
  panShares,
  zoomFactors,
  type ExpandChoice,
  type PanDirection,
} from "./expand-geometry";
import { ToolChoiceList } from "./tool-choice-list";
import { defaultChoice, expandPromptIgnored, toolChoices } from "./tool-choices";
import { ExpandResult } from "./tool-result";

const arrows: { direction: PanDirection; glyph: string; label: string }[] = [
  { direction: "left", glyph: "←", label: "Pan left" },
  { direction: "right", glyph: "→", label: "Pan right" },
  { direction: "up", glyph: "↑", label: "Pan up" },
  { direction: "down", glyph: "↓", label: "Pan down" },
];

const chip = (on: boolean) =>
  `h-8 min-w-9 rounded-full border px-2.5 text-xs font-medium transition-colors tabular-nums ${on ? "border-accent bg-accent-soft text-accent" : "border-line text-muted hover:border-line-strong hover:text-fg"}`;

const same = (a: ExpandChoice, b: ExpandChoice) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Grow the canvas and have the new area drawn: zoom out, pan one way, or reach an aspect ratio. The new canvas is
 * drawn before anything runs (the picture inside a dashed frame); the original pixels come back untouched.
 */
export function ExpandPanel({ image, job, providers, status }: { image: StudioImage; job: JobHandle; providers: Provider[] | null; status: string | null }) {
  const promptId = useId();
  const [choice, setChoice] = useState<ExpandChoice>({ mode: "zoom", factor: 1.5 });
  const [share, setShare] = useState<number>(0.5);
  const [prompt, setPrompt] = useState("");
  const choices = useMemo(() => toolChoices(providers, "expand"), [providers]);
  const [chosen, setChosen] = useState("");
  useEffect(() => {
    if (choices.length && !choices.some((c) => c.id === chosen)) setChosen(defaultChoice(choices, "expand").id);
  }, [choices, chosen]);
  const who = choices.find((c) => c.id === chosen);
  const size = { width: image.width, height: image.height };
  const way = expandWayOf(choice, size);
  const sides = expandSides(way, size);
  const canvas = sides ? canvasOf(sides, size) : size;
  const tooBig = canvas.width * canvas.height > maxOutputPixels;
  const [asked, setAsked] = useState(sides);
  const blocked = !sides || tooBig;
  // The local renderer (and Ideogram's reframe) ignore a prompt: the field is off, and says so.
  const promptIgnored = expandPromptIgnored(who);
  const text = promptIgnored ? "" : prompt.trim();
  // What the shown result was asked with: once the way, the prompt or who draws changes, it is an earlier result.
  const key = JSON.stringify([way, text, who?.id ?? ""]);
  const [askedKey, setAskedKey] = useState<string | null>(null);

  const pick = (next: ExpandChoice) => setChoice(next);
  const start = () => {
    if (job.running || blocked) return;
    setAsked(sides);
    setAskedKey(key);
    void job.start(() => startExpand(image.id, { ...way, ...(text ? { prompt: text } : {}), ...(who?.provider ? { provider: who.provider, model: who.model ?? undefined } : {}) }), 1);
  };

  return (
    <div data-testid="expand-panel">
      <ExpandPreview image={image} sides={sides} canvas={canvas} />
      <p data-testid="expand-summary" aria-live="polite" className={`mt-2 text-center text-xs tabular-nums ${blocked ? "text-danger" : "text-muted"}`}>
        {!sides
          ? `The picture is already ${choice.mode === "aspect" ? choice.ratio : "that shape"}: pick another way to grow it.`
          : tooBig
            ? `${canvas.width} × ${canvas.height} px is over the 50-megapixel limit.`
            : `${describeExpand(choice)} · ${image.width} × ${image.height} → ${canvas.width} × ${canvas.height} px`}
      </p>

      <div className="mt-4 space-y-3">
        <Row label="Zoom out">
          {zoomFactors.map((f) => {
            const c: ExpandChoice = { mode: "zoom", factor: f };
            return (
              <button key={f} type="button" data-testid={`expand-zoom-${f}`} aria-pressed={same(choice, c)} onClick={() => pick(c)} className={chip(same(choice, c))}>
                {f}×
              </button>
            );
          })}
        </Row>
        <Row label="Pan">
          {arrows.map((a) => {
            const c: ExpandChoice = { mode: "pan", direction: a.direction, share };
            return (
              <button key={a.direction} type="button" data-testid={`expand-pan-${a.direction}`} aria-label={a.label} title={a.label} aria-pressed={same(choice, c)} onClick={() => pick(c)} className={chip(same(choice, c))}>
                {a.glyph}
              </button>
            );
          })}
          <label className="flex items-center gap-1.5 text-xs text-muted">
            by
            <select
              data-testid="expand-pan-share"
              value={share}
              onChange={(e) => {
                const next = Number(e.target.value);
                setShare(next);
                if (choice.mode === "pan") setChoice({ ...choice, share: next });
              }}
              className="h-8 cursor-pointer rounded-lg border border-line-strong bg-surface px-2 text-xs"
            >
              {panShares.map((s) => (
                <option key={s} value={s}>
                  {Math.round(s * 100)}%
                </option>
              ))}
            </select>
          </label>
        </Row>
        <Row label="Aspect" name="To an aspect ratio">
          {expandAspects.map((r) => {
            const c: ExpandChoice = { mode: "aspect", ratio: r };
            return (
              <button key={r} type="button" data-testid={`expand-aspect-${r}`} aria-pressed={same(choice, c)} onClick={() => pick(c)} className={chip(same(choice, c))}>
                {r}
              </button>
            );
          })}
        </Row>
      </div>

      <div className="mt-4">
        <ToolChoiceList legend="Who draws the new area" choices={choices} value={who?.id ?? ""} onChange={setChosen} testId="expand-with" status={status} />
      </div>
      <div className="mt-4">
        <label htmlFor={promptId} className={labelClass}>
          What the new area shows (optional)
        </label>
        <input
          id={promptId}
          data-testid="expand-prompt"
          value={promptIgnored ? "" : prompt}
          disabled={Boolean(promptIgnored)}
          aria-describedby={promptIgnored ? `${promptId}-ignored` : undefined}
          onChange={(e) => setPrompt(e.target.value)}
          onKeyDown={(e) => e.key === "Enter" && (e.preventDefault(), start())}
          placeholder={promptIgnored ? "Not used by this renderer" : image.prompt ? "Default: the picture's own prompt" : "e.g. more beach, a clear sky"}
          className={`${inputClass} w-full disabled:cursor-not-allowed disabled:opacity-60`}
        />
        {promptIgnored && (
          <p id={`${promptId}-ignored`} data-testid="expand-prompt-ignored" className="mt-1 text-xs text-muted">
            {promptIgnored}
          </p>
        )}
      </div>
      <button
        type="button"
        data-testid="expand-start"
        onClick={start}
        aria-disabled={job.running || blocked || undefined}
        aria-busy={job.running || undefined}
        className={buttonClass("primary", "md", "mt-5 w-full")}
      >
        {job.running && <Spinner />}
        {job.running ? "Expanding…" : "Expand"}
      </button>
      <ExpandResult image={image} job={job} sides={asked} stale={askedKey !== null && askedKey !== key} />
    </div>
  );
}

/** One way to grow: its name in a column of its own, its buttons wrapping beside it. */
function Row({ label, name = label, children }: { label: string; name?: string; children: React.ReactNode }) {
  return (
    <div role="group" aria-label={name} className="grid grid-cols-[4rem_minmax(0,1fr)] items-start gap-2">
      <span aria-hidden="true" className="pt-2 text-xs font-medium text-muted">
        {label}
      </span>
      <div className="flex flex-wrap items-center gap-1.5">{children}</div>
    </div>
  );
}

/** The new canvas as a picture: a dashed frame of its shape, the picture at its place in it, the new area hatched. */
function ExpandPreview({ image, sides, canvas }: { image: StudioImage; sides: ReturnType<typeof expandSides>; canvas: { width: number; height: number } }) {
  const s = sides ?? { left: 0, right: 0, top: 0, bottom: 0 };
  const hatch = useId();
  // A margin around the frame, so its dashed line is never cut off.
  const pad = Math.max(canvas.width, canvas.height) * 0.02;
  const unit = Math.max(canvas.width, canvas.height) / 40;
  return (
    <div className="h-44 rounded-xl bg-raised/60 p-2" data-testid="expand-preview" data-canvas={`${canvas.width}x${canvas.height}`}>
      <svg viewBox={`${-pad} ${-pad} ${canvas.width + 2 * pad} ${canvas.height + 2 * pad}`} className="size-full" role="img" aria-label={`The new canvas, ${canvas.width} × ${canvas.height} px, with the picture at its place`}>
        <defs>
          <pattern id={hatch} width={unit} height={unit} patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width={unit / 2} height={unit} className="fill-accent/20" />
          </pattern>
        </defs>
        <rect width={canvas.width} height={canvas.height} fill={`url(#${hatch})`} />
        <image href={image.thumbnailUrl} data-testid="expand-preview-original" x={s.left} y={s.top} width={image.width} height={image.height} preserveAspectRatio="xMidYMid slice" />
        <rect width={canvas.width} height={canvas.height} fill="none" className="stroke-accent" strokeWidth={2} strokeDasharray="6 4" vectorEffect="non-scaling-stroke" />
      </svg>
    </div>
  );
}
