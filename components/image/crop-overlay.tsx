"use client";

import { useRef } from "react";
import { moveRect, normalize, resizeRect, type Handle, type Rect, type Size } from "./crop-geometry";

interface Props {
  size: Size;
  rect: Rect;
  ratio: number | null;
  onChange: (rect: Rect) => void;
}

const handles: { id: Handle; className: string; cursor: string }[] = [
  { id: "nw", className: "top-0 left-0", cursor: "nwse-resize" },
  { id: "n", className: "top-0 left-1/2", cursor: "ns-resize" },
  { id: "ne", className: "top-0 left-full", cursor: "nesw-resize" },
  { id: "e", className: "top-1/2 left-full", cursor: "ew-resize" },
  { id: "se", className: "top-full left-full", cursor: "nwse-resize" },
  { id: "s", className: "top-full left-1/2", cursor: "ns-resize" },
  { id: "sw", className: "top-full left-0", cursor: "nesw-resize" },
  { id: "w", className: "top-1/2 left-0", cursor: "ew-resize" },
];

type Drag = { mode: "move" | Handle; startX: number; startY: number; start: Rect; scale: number };

const pct = (v: number, of: number) => `${(v / of) * 100}%`;

/**
 * The crop box over the preview. Positions are percentages of the original size, so the box follows the
 * displayed image at any size; pointer deltas are scaled back to original pixels.
 */
export function CropOverlay({ size, rect, ratio, onChange }: Props) {
  const root = useRef<HTMLDivElement>(null);
  const drag = useRef<Drag | null>(null);

  const begin = (e: React.PointerEvent, mode: Drag["mode"], start = rect) => {
    if (e.button !== 0 || !root.current) return;
    e.preventDefault();
    e.stopPropagation();
    const box = root.current.getBoundingClientRect();
    drag.current = { mode, startX: e.clientX, startY: e.clientY, start, scale: size.width / box.width };
    root.current.setPointerCapture(e.pointerId);
  };

  const move = (e: React.PointerEvent) => {
    const d = drag.current;
    if (!d) return;
    const dx = (e.clientX - d.startX) * d.scale;
    const dy = (e.clientY - d.startY) * d.scale;
    onChange(d.mode === "move" ? moveRect(d.start, dx, dy, size) : resizeRect(d.start, d.mode, dx, dy, size, ratio));
  };

  const end = (e: React.PointerEvent) => {
    if (!drag.current) return;
    drag.current = null;
    root.current?.releasePointerCapture(e.pointerId);
  };

  // Pressing outside the box starts a new selection from that point.
  const drawNew = (e: React.PointerEvent) => {
    if (!root.current) return;
    const box = root.current.getBoundingClientRect();
    const scale = size.width / box.width;
    const point = normalize({ x: (e.clientX - box.left) * scale, y: (e.clientY - box.top) * scale, width: 1, height: 1 }, size);
    onChange(point);
    begin(e, "se", point);
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    const step = e.shiftKey ? 10 : 1;
    const delta: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    const d = delta[e.key];
    if (!d) return;
    e.preventDefault();
    // Alt + arrows resize from the bottom-right corner; plain arrows move the box.
    onChange(e.altKey ? resizeRect(rect, "se", d[0], d[1], size, ratio) : moveRect(rect, d[0], d[1], size));
  };

  return (
    <div
      ref={root}
      className="absolute inset-0 cursor-crosshair touch-none select-none"
      onPointerDown={drawNew}
      onPointerMove={move}
      onPointerUp={end}
      onPointerCancel={end}
    >
      <Shade size={size} rect={rect} />
      <div
        role="group"
        tabIndex={0}
        data-testid="crop-box"
        data-own-keys
        aria-label={`Crop area ${rect.width} by ${rect.height} pixels at ${rect.x}, ${rect.y}. Arrow keys move it, Shift moves 10 pixels, Alt with arrows resizes.`}
        onKeyDown={onKeyDown}
        onPointerDown={(e) => begin(e, "move")}
        className="absolute cursor-move outline-offset-0 ring-1 ring-white/90 focus-visible:outline-2"
        style={{ left: pct(rect.x, size.width), top: pct(rect.y, size.height), width: pct(rect.width, size.width), height: pct(rect.height, size.height) }}
      >
        <div className="pointer-events-none absolute inset-0 grid grid-cols-3 grid-rows-3">
          {Array.from({ length: 9 }, (_, i) => (
            <span key={i} className="border-white/30 [&:nth-child(-n+6)]:border-b [&:not(:nth-child(3n))]:border-r" />
          ))}
        </div>
        <span
          className={`pointer-events-none absolute rounded ${rect.y / size.height < 0.1 ? "top-1 left-1" : "-top-7 left-0"} bg-black/75 px-1.5 py-0.5 text-[11px] font-medium whitespace-nowrap text-white tabular-nums`}
        >
          {rect.width} × {rect.height}
        </span>
        {handles.map((h) => (
          <span
            key={h.id}
            aria-hidden="true"
            onPointerDown={(e) => begin(e, h.id)}
            className={`absolute grid size-6 -translate-x-1/2 -translate-y-1/2 place-items-center ${h.className}`}
            style={{ cursor: h.cursor }}
          >
            <span className={`block bg-white shadow ring-1 ring-black/30 ${h.id.length === 2 ? "size-3 rounded-sm" : "h-1.5 w-4 rounded-full"} ${h.id === "e" || h.id === "w" ? "rotate-90" : ""}`} />
          </span>
        ))}
      </div>
    </div>
  );
}

/** The pending crop while another tool is open: the shade and the box's outline, not interactive. */
export function CropShade({ size, rect }: { size: Size; rect: Rect }) {
  return (
    <div aria-hidden="true" data-testid="crop-shade" className="pointer-events-none absolute inset-0">
      <Shade size={size} rect={rect} />
      <div
        className="absolute ring-1 ring-white/70"
        style={{ left: pct(rect.x, size.width), top: pct(rect.y, size.height), width: pct(rect.width, size.width), height: pct(rect.height, size.height) }}
      />
    </div>
  );
}

/** Darkens everything outside the crop box (four panes, so nothing needs clipping). */
function Shade({ size, rect }: { size: Size; rect: Rect }) {
  const pane = "pointer-events-none absolute bg-black/55";
  const top = pct(rect.y, size.height);
  const bottom = pct(size.height - rect.y - rect.height, size.height);
  return (
    <>
      <div className={`${pane} inset-x-0 top-0`} style={{ height: top }} />
      <div className={`${pane} inset-x-0 bottom-0`} style={{ height: bottom }} />
      <div className={`${pane} left-0`} style={{ top, bottom, width: pct(rect.x, size.width) }} />
      <div className={`${pane} right-0`} style={{ top, bottom, width: pct(size.width - rect.x - rect.width, size.width) }} />
    </>
  );
}
