"use client";

import { useId } from "react";
import { NumberField } from "@/components/ui/number-field";
import type { Size } from "./crop-geometry";
import { resizedSize, type ResizeTarget } from "./edit-plan";

// MAX_IMAGE_SIDE's default (16383, WebP's limit); a server configured otherwise answers with its own limit.
const maxSide = 16383;
const scales = [0.25, 0.5, 2] as const;

interface Props {
  /** The picture being resized: the crop, when there is one, else the whole image. */
  from: Size;
  target: ResizeTarget | null;
  onTarget: (target: ResizeTarget | null) => void;
}

/** A new size for the (cropped) picture; it is applied after the crop and before the filter, in the same save. */
export function ResizePanel({ from, target, onTarget }: Props) {
  const keepId = useId();
  const keep = target?.keep ?? true;
  const shown = target ?? { width: from.width, height: from.height, keep };
  const ratio = from.width / from.height;
  const result = resizedSize(shown, from);

  const clampSide = (v: number) => Math.min(maxSide, Math.max(1, v));
  const set = (next: ResizeTarget) => onTarget(next.width === from.width && next.height === from.height ? (next.keep ? null : next) : next);
  const onWidth = (w: number) => set({ keep, width: clampSide(w), height: keep ? clampSide(Math.round(w / ratio)) : shown.height });
  const onHeight = (h: number) => set({ keep, height: clampSide(h), width: keep ? clampSide(Math.round(h * ratio)) : shown.width });
  const unchanged = result.width === from.width && result.height === from.height;
  const upscale = result.width > from.width || result.height > from.height;

  return (
    <div>
      <div className="grid grid-cols-2 gap-3">
        <NumberField label="Width" testId="resize-width" value={shown.width} min={1} max={maxSide} onCommit={onWidth} suffix="px" />
        <NumberField label="Height" testId="resize-height" value={shown.height} min={1} max={maxSide} onCommit={onHeight} suffix="px" />
      </div>
      <div className="mt-3 flex items-center gap-2">
        <input
          id={keepId}
          type="checkbox"
          data-testid="resize-keep-aspect"
          checked={keep}
          onChange={(e) => set({ ...shown, keep: e.target.checked, height: e.target.checked ? clampSide(Math.round(shown.width / ratio)) : shown.height })}
          className="size-4 rounded accent-[var(--accent)]"
        />
        <label htmlFor={keepId} className="text-sm">
          Keep aspect ratio
        </label>
      </div>
      <div className="mt-4 flex flex-wrap gap-2" aria-label="Quick sizes" role="group">
        {scales.map((s) => (
          <button
            key={s}
            type="button"
            onClick={() => set({ keep: true, width: clampSide(Math.round(from.width * s)), height: clampSide(Math.round(from.height * s)) })}
            className="h-8 rounded-full border border-line px-3 text-xs font-medium text-muted hover:border-line-strong hover:text-fg"
          >
            {s < 1 ? `${s * 100}%` : `${s}×`}
          </button>
        ))}
        <button
          type="button"
          onClick={() => onTarget(null)}
          className="h-8 rounded-full border border-line px-3 text-xs font-medium text-muted hover:border-line-strong hover:text-fg"
        >
          Original
        </button>
      </div>
      <p className="mt-3 text-xs leading-5 text-muted">
        {unchanged
          ? `The picture is ${from.width} × ${from.height} px: type a new size, or pick one.`
          : `${from.width} × ${from.height} → ${result.width} × ${result.height} px${upscale ? ". Enlarging adds no detail: edges may look soft." : "."}`}
      </p>
    </div>
  );
}
