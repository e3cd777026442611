"use client";

import { icon } from "@/components/ui/icons";
import type { Size } from "./crop-geometry";
import { describeOrientation, isUpright, orient, orientTransform, swapsSides, upright, type OrientAction, type Orientation } from "./orientation";

export const RotateIcon = icon(<><path d="M20 12a8 8 0 1 1-2.3-5.7" /><path d="M20 4v5h-5" /></>);
const RotateLeftIcon = icon(<><path d="M4 12a8 8 0 1 0 2.3-5.7" /><path d="M4 4v5h5" /></>);
const HalfTurnIcon = icon(<><path d="M5 15a7 7 0 1 1 14 0" /><path d="M19 20v-5h-5" /></>);
const FlipHorizontalIcon = icon(<><path d="M12 3v18" strokeDasharray="2 2" /><path d="M9 7 3 17h6z" /><path d="m15 7 6 10h-6z" /></>);
const FlipVerticalIcon = icon(<><path d="M3 12h18" strokeDasharray="2 2" /><path d="M7 9 17 3v6z" /><path d="m7 15 10 6v-6z" /></>);

const actions: { id: OrientAction; label: string; icon: ReturnType<typeof icon> }[] = [
  { id: "left", label: "90° left", icon: RotateLeftIcon },
  { id: "right", label: "90° right", icon: RotateIcon },
  { id: "half", label: "180°", icon: HalfTurnIcon },
  { id: "horizontal", label: "Flip horizontal", icon: FlipHorizontalIcon },
  { id: "vertical", label: "Flip vertical", icon: FlipVerticalIcon },
];

interface Props {
  /** The picture being turned (after any crop and resize). */
  from: Size;
  /** A small picture of it, shown turned as it will be saved. */
  src: string;
  orientation: Orientation;
  onOrientation: (o: Orientation) => void;
}

/**
 * Quarter turns and flips, each press folded into the pending orientation (four turns right are none), previewed on
 * the picture and on the small one here, saved with the other edits as lossless process steps.
 */
export function RotatePanel({ from, src, orientation, onOrientation }: Props) {
  const to = swapsSides(orientation) ? { width: from.height, height: from.width } : from;
  const transform = orientTransform(orientation, from);
  const box = from.width >= from.height ? { width: 72, height: Math.max(12, Math.round((72 * from.height) / from.width)) } : { width: Math.max(12, Math.round((72 * from.width) / from.height)), height: 72 };
  return (
    <div data-testid="rotate-panel">
      <div role="group" aria-label="Rotate" className="grid grid-cols-3 gap-2">
        {actions.slice(0, 3).map((a) => (
          <OrientButton key={a.id} action={a} onPress={() => onOrientation(orient(orientation, a.id))} />
        ))}
      </div>
      <div role="group" aria-label="Flip" className="mt-2 grid grid-cols-2 gap-2">
        {actions.slice(3).map((a) => (
          <OrientButton key={a.id} action={a} onPress={() => onOrientation(orient(orientation, a.id))} />
        ))}
      </div>
      <div className="mt-4 flex items-center gap-4 rounded-xl bg-raised/60 p-3">
        <div className="grid size-20 shrink-0 place-items-center" aria-hidden="true">
          <img
            src={src}
            alt=""
            data-testid="rotate-thumb"
            data-transform={transform ?? "none"}
            className="rounded-sm object-cover shadow-sm transition-transform duration-200"
            style={{ width: box.width, height: box.height, transform: transform?.replace(/scale\([\d.]+\)/, "") }}
          />
        </div>
        <p data-testid="rotate-summary" aria-live="polite" className="min-w-0 flex-1 text-xs leading-5 text-muted">
          {isUpright(orientation) ? (
            "Turn or flip the picture; each press is previewed. Saved losslessly, without re-drawing any pixel."
          ) : (
            <>
              <span className="block font-medium text-fg">{describeOrientation(orientation)}</span>
              <span className="tabular-nums">
                {from.width} × {from.height} → {to.width} × {to.height} px
              </span>
            </>
          )}
        </p>
        {!isUpright(orientation) && (
          <button type="button" data-testid="rotate-reset" onClick={() => onOrientation(upright)} className="h-8 shrink-0 rounded-full border border-line px-3 text-xs font-medium text-muted hover:border-line-strong hover:text-fg">
            Upright
          </button>
        )}
      </div>
    </div>
  );
}

function OrientButton({ action, onPress }: { action: (typeof actions)[number]; onPress: () => void }) {
  return (
    <button
      type="button"
      data-testid={`orient-${action.id}`}
      onClick={onPress}
      className="flex h-16 flex-col items-center justify-center gap-1 rounded-xl border border-line text-xs font-medium text-muted transition-colors hover:border-line-strong hover:bg-raised hover:text-fg"
    >
      <action.icon className="size-5" />
      {action.label}
    </button>
  );
}
