"use client";

import { useEffect, useId, useState } from "react";
import type { ProviderModel } from "@/components/api/generation";
import { animationFrameSize, bandLabel, maxSquareFrame } from "@/lib/providers/animation";
import { aspectPresets, type PromptDraft } from "./settings";

interface Props {
  draft: PromptDraft;
  update: (change: Partial<PromptDraft>) => void;
  /** The chosen model; it animates (`capabilities.animation`). */
  model: ProviderModel;
}

interface StepperProps {
  label: string;
  value: number;
  min: number;
  max: number;
  /** What − and + move by. */
  step: number;
  /** The values allowed, from `min` in these steps (default `step`). */
  grain?: number;
  /** Said after the number ("ms"). */
  suffix?: string;
  /** The − and + buttons' names: "One frame fewer" / "One frame more". */
  fewer: string;
  more: string;
  testId: string;
  onChange: (value: number) => void;
}

/** A whole number in steps, typed or moved with − and + (the input's arrow keys step it too). */
function Stepper({ label, value, min, max, step, grain = step, suffix, fewer, more, testId, onChange }: StepperProps) {
  const id = useId();
  const [text, setText] = useState(String(value));
  useEffect(() => setText(String(value)), [value]);
  const clamp = (n: number) => Math.min(max, Math.max(min, Math.round((n - min) / grain) * grain + min));
  const button = "grid h-full w-7 place-items-center text-muted transition-colors hover:text-fg disabled:opacity-30 disabled:hover:text-muted";
  return (
    <div className="flex h-9 items-center rounded-lg border border-line-strong bg-surface shadow-xs focus-within:border-accent">
      <label htmlFor={id} className="pl-2.5 text-xs font-medium text-muted">
        {label}
      </label>
      <button type="button" aria-label={fewer} disabled={value <= min} onClick={() => onChange(clamp(value - step))} className={`${button} ml-0.5`}>
        −
      </button>
      <input
        id={id}
        data-testid={testId}
        type="number"
        inputMode="numeric"
        min={min}
        max={max}
        step={grain}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          const n = Number(e.target.value);
          if (e.target.value.trim() && Number.isFinite(n) && n >= min && n <= max) onChange(clamp(n));
        }}
        onBlur={() => setText(String(value))}
        className={`h-full ${suffix ? "w-11" : "w-7"} bg-transparent text-center text-sm font-medium tabular-nums outline-none! [appearance:textfield] [&::-webkit-inner-spin-button]:appearance-none [&::-webkit-outer-spin-button]:appearance-none`}
      />
      {suffix && (
        <span aria-hidden="true" className="text-xs text-subtle">
          {suffix}
        </span>
      )}
      <button type="button" aria-label={more} disabled={value >= max} onClick={() => onChange(clamp(value + step))} className={`${button} mr-0.5`}>
        +
      </button>
    </div>
  );
}

const seconds = (ms: number) => `${(ms / 1000).toLocaleString("en", { maximumFractionDigits: 2 })} s`;

/**
 * An animated GIF's settings, shown while "Animated GIF" is on: how many frames (the model's range) and how long each
 * shows, with what that makes — the loop's length, the frame size the server will use for the chosen shape (the same
 * rule: lib/providers/animation.ts) and the largest frame that fits this many frames.
 */
export function AnimationOptions({ draft, update, model }: Props) {
  const spec = model.capabilities.animation!;
  const titleId = useId();
  const frames = Math.min(spec.maxFrames, Math.max(spec.minFrames, draft.frames));
  const ms = Math.min(spec.frameDurationMs.max, Math.max(spec.frameDurationMs.min, draft.frameDurationMs));
  const aspect = aspectPresets.find((a) => a.id === draft.aspect) ?? aspectPresets[0];
  const size = animationFrameSize(spec, { frames, n: draft.n, ratio: aspect.w / aspect.h });
  const cap = maxSquareFrame(spec, frames, draft.n);
  const d = spec.frameDurationMs;

  return (
    <div role="group" aria-labelledby={titleId} data-testid="animation-options" className="flex flex-wrap items-center gap-x-3 gap-y-2 border-t border-line px-3 py-2.5 sm:px-5 sm:pl-13">
      <p id={titleId} className="text-xs font-medium text-fg">
        Animated GIF
      </p>
      <Stepper label="Frames" value={frames} min={spec.minFrames} max={spec.maxFrames} step={1} fewer="One frame fewer" more="One frame more" testId="animation-frames" onChange={(n) => update({ frames: n })} />
      <Stepper
        label="Each frame"
        value={ms}
        min={d.min}
        max={d.max}
        step={d.step * 5 <= d.max - d.min ? d.step * 5 : d.step}
        grain={d.step}
        suffix="ms"
        fewer="Show each frame shorter"
        more="Show each frame longer"
        testId="animation-duration"
        onChange={(n) => update({ frameDurationMs: n })}
      />
      <p data-testid="animation-summary" aria-live="polite" className={`text-xs ${"error" in size ? "text-danger" : "text-muted"}`}>
        {"error" in size
          ? size.error
          : `${frames} frames × ${ms} ms = a ${seconds(frames * ms)} loop · frames of ${size.width} × ${size.height}${cap ? ` (at ${bandLabel(spec, frames)} frames up to ${cap} × ${cap})` : ""}`}
      </p>
    </div>
  );
}
