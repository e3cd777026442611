"use client";

import { useId, useState } from "react";
import { NumberField } from "@/components/ui/number-field";
import { ActionFooter } from "./action-footer";
import type { Size } from "./crop-geometry";
import type { useImageAction } from "./use-image-action";

const maxSide = 16384;
const scales = [0.25, 0.5, 2] as const;

export function ResizePanel({ size, action }: { size: Size; action: ReturnType<typeof useImageAction> }) {
  const [width, setWidth] = useState(size.width);
  const [height, setHeight] = useState(size.height);
  const [keep, setKeep] = useState(true);
  const keepId = useId();
  const ratio = size.width / size.height;

  const clampSide = (v: number) => Math.min(maxSide, Math.max(1, v));
  const onWidth = (w: number) => {
    setWidth(clampSide(w));
    if (keep) setHeight(clampSide(Math.round(w / ratio)));
  };
  const onHeight = (h: number) => {
    setHeight(clampSide(h));
    if (keep) setWidth(clampSide(Math.round(h * ratio)));
  };
  const unchanged = width === size.width && height === size.height;
  const upscale = width > size.width || height > size.height;

  return (
    <div>
      <div className="grid grid-cols-2 gap-3">
        <NumberField label="Width" testId="resize-width" value={width} min={1} max={maxSide} onCommit={onWidth} suffix="px" />
        <NumberField label="Height" testId="resize-height" value={height} min={1} max={maxSide} onCommit={onHeight} suffix="px" />
      </div>
      <div className="mt-3 flex items-center gap-2">
        <input
          id={keepId}
          type="checkbox"
          data-testid="resize-keep-aspect"
          checked={keep}
          onChange={(e) => {
            setKeep(e.target.checked);
            if (e.target.checked) setHeight(clampSide(Math.round(width / ratio)));
          }}
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
            onClick={() => {
              setWidth(clampSide(Math.round(size.width * s)));
              setHeight(clampSide(Math.round(size.height * s)));
            }}
            className="h-8 rounded-full border border-line px-3 text-xs font-medium text-muted hover:border-line-strong hover:text-fg"
          >
            {s < 1 ? `${s * 100}%` : `${s}×`}
          </button>
        ))}
        <button
          type="button"
          onClick={() => {
            setWidth(size.width);
            setHeight(size.height);
          }}
          className="h-8 rounded-full border border-line px-3 text-xs font-medium text-muted hover:border-line-strong hover:text-fg"
        >
          Original
        </button>
      </div>
      <ActionFooter
        label="Resize to new image"
        busyLabel="Resizing…"
        busy={action.pending === "resize"}
        disabled={unchanged}
        error={action.error}
        testId="resize-apply"
        hint={
          unchanged
            ? `The original is ${size.width} × ${size.height} px.`
            : `${size.width} × ${size.height} → ${width} × ${height} px${upscale ? ". Enlarging adds no detail: edges may look soft." : "."}`
        }
        onApply={() =>
          action.run("resize", { width, height, maintainAspectRatio: keep }, (img) => `Resized to ${img.width} × ${img.height} — saved as a new image`)
        }
      />
    </div>
  );
}
