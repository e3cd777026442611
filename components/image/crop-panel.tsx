"use client";

import { NumberField } from "@/components/ui/number-field";
import { aspectPresets, fitAspect, fullRect, setField, type Rect, type Size } from "./crop-geometry";

export type AspectId = (typeof aspectPresets)[number]["id"];

interface Props {
  size: Size;
  rect: Rect;
  aspect: AspectId;
  onRect: (rect: Rect) => void;
  onAspect: (aspect: AspectId) => void;
}

/** The crop box's aspect presets and its rectangle as numbers; the box itself is drawn over the preview. */
export function CropPanel({ size, rect, aspect, onRect, onAspect }: Props) {
  const ratio = aspectPresets.find((p) => p.id === aspect)?.ratio ?? null;
  const whole = rect.x === 0 && rect.y === 0 && rect.width === size.width && rect.height === size.height;
  const field = (name: keyof Rect) => (value: number) => onRect(setField(rect, name, value, size, ratio));

  return (
    <div>
      <fieldset>
        <legend className="mb-2 text-xs font-medium text-muted">Aspect ratio</legend>
        <div className="grid grid-cols-4 gap-1 rounded-lg bg-raised p-1">
          {aspectPresets.map((p) => (
            <button
              key={p.id}
              type="button"
              data-testid={`crop-aspect-${p.id}`}
              aria-pressed={aspect === p.id}
              onClick={() => {
                onAspect(p.id);
                onRect(fitAspect(p.ratio ? fullRect(size) : rect, p.ratio, size));
              }}
              className={`h-8 rounded-md text-sm font-medium transition-colors ${
                aspect === p.id ? "bg-surface text-fg shadow-sm" : "text-muted hover:text-fg"
              }`}
            >
              {p.label}
            </button>
          ))}
        </div>
      </fieldset>
      <div className="mt-4 grid grid-cols-2 gap-3">
        <NumberField label="X" testId="crop-x" value={rect.x} min={0} max={size.width - 1} onCommit={field("x")} suffix="px" />
        <NumberField label="Y" testId="crop-y" value={rect.y} min={0} max={size.height - 1} onCommit={field("y")} suffix="px" />
        <NumberField label="Width" testId="crop-width" value={rect.width} min={1} max={size.width - rect.x} onCommit={field("width")} suffix="px" />
        <NumberField label="Height" testId="crop-height" value={rect.height} min={1} max={size.height - rect.y} onCommit={field("height")} suffix="px" />
      </div>
      <button
        type="button"
        data-testid="crop-reset"
        onClick={() => onRect(fitAspect(fullRect(size), ratio, size))}
        className="mt-3 text-xs font-medium text-accent hover:underline"
      >
        Reset to the whole image
      </button>
      <p className="mt-3 text-xs leading-5 text-muted">
        {whole
          ? "Drag on the image, or type a rectangle, to choose the part to keep."
          : `Keeps ${rect.width} × ${rect.height} px from (${rect.x}, ${rect.y}) of the ${size.width} × ${size.height} original. Arrow keys nudge the box.`}
      </p>
    </div>
  );
}
