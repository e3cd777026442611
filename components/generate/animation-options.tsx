"use client";

import { useId } from "react";
import type { ProviderModel } from "@/components/api/generation";
import { NumberField } from "@/components/ui/number-field";
import { animationFrameSize, bandLabel, maxSquareFrame } from "@/lib/providers/animation";
import { aspectPresets, type PromptDraft } from "./settings";

interface Props {
  draft: PromptDraft;
  update: (change: Partial<PromptDraft>) => void;
  /** The chosen model; it animates (`capabilities.animation`). */
  model: ProviderModel;
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
      <NumberField
        inline
        label="Frames"
        testId="animation-frames"
        value={frames}
        min={spec.minFrames}
        max={spec.maxFrames}
        typed="in-range"
        stepper={{ fewer: "One frame fewer", more: "One frame more" }}
        onCommit={(n) => update({ frames: n })}
      />
      <NumberField
        inline
        label="Each frame"
        testId="animation-duration"
        width="w-11"
        value={ms}
        min={d.min}
        max={d.max}
        step={d.step}
        suffix="ms"
        typed="in-range"
        stepper={{ fewer: "Show each frame shorter", more: "Show each frame longer", by: d.step * 5 <= d.max - d.min ? d.step * 5 : d.step }}
        onCommit={(n) => update({ frameDurationMs: n })}
      />
      <p data-testid="animation-summary" aria-live="polite" className={`text-xs ${"error" in size ? "text-danger" : "text-muted"}`}>
        {"error" in size
          ? size.error
          : `${frames} frames × ${ms} ms = a ${seconds(frames * ms)} loop · frames of ${size.width} × ${size.height}${cap ? ` (at ${bandLabel(spec, frames)} frames up to ${cap} × ${cap})` : ""}`}
      </p>
    </div>
  );
}
