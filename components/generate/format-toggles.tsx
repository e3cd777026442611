"use client";

import { AnimationIcon, AppIcon } from "./icons";

interface ToggleProps {
  pressed: boolean;
  onChange: (pressed: boolean) => void;
}

const toggleClass = (on: boolean) =>
  `flex h-9 items-center gap-1.5 rounded-lg border px-2.5 text-xs font-medium transition-colors ${
    on ? "border-accent bg-accent-soft text-accent" : "border-line-strong bg-surface text-muted shadow-xs hover:text-fg"
  }`;

/** Make an app icon: square, transparent where the model can, with the standard icon sizes. */
export function IconToggle({ pressed, onChange }: ToggleProps) {
  return (
    <button type="button" data-testid="icon-toggle" aria-pressed={pressed} title="Make an app icon: square, transparent where the model can, with the standard icon sizes" onClick={() => onChange(!pressed)} className={toggleClass(pressed)}>
      <AppIcon className="size-4" /> Icon
    </button>
  );
}

/** Make an animated GIF (shown only for a model that animates; its frames and timing are set beside it). */
export function AnimationToggle({ pressed, onChange, modelName }: ToggleProps & { modelName?: string }) {
  return (
    <button
      type="button"
      data-testid="animation-toggle"
      aria-pressed={pressed}
      title={`Make an animated GIF${modelName ? ` with ${modelName}` : ""}: 2–16 frames drawn by the model`}
      onClick={() => onChange(!pressed)}
      className={toggleClass(pressed)}
    >
      <AnimationIcon className="size-4" /> Animated GIF
    </button>
  );
}
