"use client";

import { useCallback, useId, useImperativeHandle, useRef, useState } from "react";
import { createPortal } from "react-dom";
import type { StudioImage } from "@/components/api/types";
import { useViewer } from "./viewer-context";

/** What the refine panel asks of the painter. */
export interface MaskPainterHandle {
  /** The mask at the image's own pixel size: a black/white PNG data URL, white = change. */
  toDataUrl: () => string;
  isEmpty: () => boolean;
}

interface Props {
  image: Pick<StudioImage, "id" | "previewUrl" | "width" | "height">;
  ref?: React.Ref<MaskPainterHandle>;
  /** Called after each change with the painted share of the picture (0–1). */
  onCoverage?: (share: number) => void;
  /** False while the panel holding the painter is hidden: the layer on the large picture hides too (strokes kept). */
  shown?: boolean;
}

/** Painting happens on a canvas of at most this many pixels; the export scales it to the image's size. */
const maxWorkingPixels = 4_000_000;
const ink = "rgb(236 72 153)";

type Mode = "paint" | "erase";
type Point = { x: number; y: number };

/**
 * A brush over the picture: paint where it should change, erase, clear, invert. Pointer, pen and touch alike
 * (pointer events, no page scroll while painting); `[` and `]` make the brush smaller or larger. The strokes are
 * kept on a canvas in the image's proportions and exported at its exact pixel size as black (keep) and white
 * (change). Inside the image page the brush paints on the viewer's large picture (at any zoom); elsewhere, on a
 * copy of the picture of its own.
 */
export function MaskPainter({ image, ref, onCoverage, shown = true }: Props) {
  const { surface } = useViewer();
  const sizeId = useId();
  const helpId = useId();
  const canvas = useRef<HTMLCanvasElement>(null);
  const frame = useRef<HTMLDivElement>(null);
  const last = useRef<Point | null>(null);
  const longest = Math.max(image.width, image.height);
  const scale = Math.min(1, Math.sqrt(maxWorkingPixels / (image.width * image.height)));
  const working = { width: Math.max(1, Math.round(image.width * scale)), height: Math.max(1, Math.round(image.height * scale)) };
  const minBrush = 1;
  const maxBrush = Math.max(8, Math.round(longest / 2));
  const [brush, setBrush] = useState(() => Math.max(minBrush, Math.round(longest / 12)));
  const [mode, setMode] = useState<Mode>("paint");
  const [coverage, setCoverage] = useState(0);
  const [cursor, setCursor] = useState<{ x: number; y: number; diameter: number } | null>(null);
  const [painting, setPainting] = useState(false);

  const context = () => canvas.current?.getContext("2d", { willReadFrequently: false }) ?? null;

  /** The painted share, measured on a 64 px thumbnail of the strokes. */
  const measure = useCallback(() => {
    const source = canvas.current;
    if (!source) return;
    const probe = document.createElement("canvas");
    probe.width = 64;
    probe.height = Math.max(1, Math.round((64 * source.height) / source.width));
    const ctx = probe.getContext("2d", { willReadFrequently: true });
    if (!ctx) return;
    ctx.drawImage(source, 0, 0, probe.width, probe.height);
    const alpha = ctx.getImageData(0, 0, probe.width, probe.height).data;
    let painted = 0;
    let touched = false;
    for (let i = 3; i < alpha.length; i += 4) {
      if (alpha[i] >= 128) painted++;
      if (alpha[i] > 0) touched = true;
    }
    // A dot smaller than a thumbnail pixel still counts as something painted.
    const share = painted / (probe.width * probe.height) || (touched ? 0.0005 : 0);
    setCoverage(share);
    onCoverage?.(share);
  }, [onCoverage]);

  useImperativeHandle(
    ref,
    () => ({
      isEmpty: () => coverage === 0,
      toDataUrl: () => {
        const source = canvas.current;
        const out = document.createElement("canvas");
        out.width = image.width;
        out.height = image.height;
        const ctx = out.getContext("2d", { willReadFrequently: true });
        if (!source || !ctx) throw new Error("The mask could not be drawn");
        ctx.drawImage(source, 0, 0, image.width, image.height);
        const pixels = ctx.getImageData(0, 0, image.width, image.height);
        const d = pixels.data;
        // Black (keep) and white (change) only: crisp edges compress to a few kilobytes.
        for (let i = 0; i < d.length; i += 4) {
          const v = d[i + 3] >= 128 ? 255 : 0;
          d[i] = d[i + 1] = d[i + 2] = v;
          d[i + 3] = 255;
        }
        ctx.putImageData(pixels, 0, 0);
        return out.toDataURL("image/png");
      },
    }),
    [coverage, image.width, image.height],
  );

  /** A pointer position in working-canvas pixels. */
  const toCanvas = (e: { clientX: number; clientY: number }): Point => {
    const box = canvas.current!.getBoundingClientRect();
    return { x: ((e.clientX - box.left) / box.width) * working.width, y: ((e.clientY - box.top) / box.height) * working.height };
  };

  const stroke = (from: Point, to: Point) => {
    const ctx = context();
    if (!ctx) return;
    const width = Math.max(1, brush * scale);
    ctx.save();
    ctx.globalCompositeOperation = mode === "erase" ? "destination-out" : "source-over";
    ctx.strokeStyle = ink;
    ctx.fillStyle = ink;
    ctx.lineCap = "round";
    ctx.lineJoin = "round";
    ctx.lineWidth = width;
    if (from.x === to.x && from.y === to.y) {
      ctx.beginPath();
      ctx.arc(to.x, to.y, width / 2, 0, Math.PI * 2);
      ctx.fill();
    } else {
      ctx.beginPath();
      ctx.moveTo(from.x, from.y);
      ctx.lineTo(to.x, to.y);
      ctx.stroke();
    }
    ctx.restore();
  };

  const showCursor = (e: React.PointerEvent) => {
    const box = frame.current?.getBoundingClientRect();
    if (!box) return;
    setCursor({ x: e.clientX - box.left, y: e.clientY - box.top, diameter: (brush / image.width) * box.width });
  };

  const onPointerDown = (e: React.PointerEvent<HTMLCanvasElement>) => {
    if (e.pointerType === "mouse" && e.button !== 0) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    const point = toCanvas(e);
    last.current = point;
    setPainting(true);
    stroke(point, point);
  };
  const onPointerMove = (e: React.PointerEvent<HTMLCanvasElement>) => {
    showCursor(e);
    if (!last.current) return;
    // Every sample the browser collected since the last event, for smooth strokes on fast moves.
    const samples = typeof e.nativeEvent.getCoalescedEvents === "function" ? e.nativeEvent.getCoalescedEvents() : [];
    const points = samples.length ? samples.map(toCanvas) : [toCanvas(e)];
    for (const point of points) {
      stroke(last.current, point);
      last.current = point;
    }
  };
  const onPointerUp = (e: React.PointerEvent<HTMLCanvasElement>) => {
    if (!last.current) return;
    last.current = null;
    setPainting(false);
    if (e.currentTarget.hasPointerCapture(e.pointerId)) e.currentTarget.releasePointerCapture(e.pointerId);
    measure();
  };

  const clear = () => {
    context()?.clearRect(0, 0, working.width, working.height);
    measure();
  };
  const invert = () => {
    const ctx = context();
    if (!ctx) return;
    ctx.save();
    // Painted pixels become clear, clear ones painted.
    ctx.globalCompositeOperation = "xor";
    ctx.fillStyle = ink;
    ctx.fillRect(0, 0, working.width, working.height);
    ctx.restore();
    measure();
  };

  const resizeBrush = (factor: number) =>
    setBrush((b) => Math.min(maxBrush, Math.max(minBrush, factor > 1 ? Math.max(b + 1, Math.round(b * factor)) : Math.min(b - 1, Math.round(b * factor)))));

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === "[" || e.key === "]") {
      e.preventDefault();
      resizeBrush(e.key === "]" ? 1.25 : 0.8);
    } else if (e.key === "e" || e.key === "E") {
      setMode((m) => (m === "erase" ? "paint" : "erase"));
    }
  };

  const paintLayer = (
    <div
          ref={frame}
          data-testid="mask-layer"
          className={surface ? `absolute inset-0 z-10 overflow-hidden select-none ${shown ? "" : "hidden"}` : "relative overflow-hidden rounded-xl bg-raised select-none"}
          style={surface ? undefined : { aspectRatio: `${image.width} / ${image.height}` }}
          onPointerLeave={() => setCursor(null)}
        >
          {!surface && <img src={image.previewUrl} alt="" draggable={false} className="absolute inset-0 size-full object-contain" />}
          <canvas
            ref={canvas}
            width={working.width}
            height={working.height}
            tabIndex={0}
            role="img"
            data-testid="mask-canvas"
            data-own-keys
            data-mode={mode}
            aria-label={`Mask: ${Math.round(coverage * 100)}% of the picture painted to change. Paint with the pointer or a finger; [ and ] change the brush size, E switches between paint and erase.`}
            aria-describedby={helpId}
            onPointerDown={onPointerDown}
            onPointerMove={onPointerMove}
            onPointerUp={onPointerUp}
            onPointerCancel={onPointerUp}
            className="absolute inset-0 size-full cursor-none touch-none opacity-60 outline-offset-2 focus-visible:outline-2"
          />
          {cursor && (
            <span
              aria-hidden="true"
              className={`pointer-events-none absolute -translate-1/2 rounded-full border-2 ${mode === "erase" ? "border-dashed border-white" : "border-white"} shadow-[0_0_0_1px_rgb(0_0_0/0.5)]`}
              style={{ left: cursor.x, top: cursor.y, width: Math.max(6, cursor.diameter), height: Math.max(6, cursor.diameter) }}
            />
          )}
          {coverage === 0 && !painting && (
            <span aria-hidden="true" className="pointer-events-none absolute inset-x-0 bottom-2 mx-auto w-fit rounded-full bg-black/60 px-2.5 py-1 text-[11px] font-medium text-white">
              Paint over what should change
            </span>
          )}
        </div>
  );

  const toolButton = (active: boolean) =>
    `h-8 rounded-md px-2.5 text-xs font-medium transition-colors ${active ? "bg-surface text-fg shadow-sm" : "text-muted hover:text-fg"}`;

  return (
    <div data-testid="mask-painter" data-own-keys data-coverage={coverage.toFixed(3)} onKeyDown={onKeyDown} className="mt-3 space-y-3">
      {surface ? (
        <>
          {createPortal(paintLayer, surface)}
          <p data-testid="mask-on-picture" className="rounded-lg bg-accent-soft px-3 py-2 text-xs text-fg">
            Paint on the large picture: zoom in (wheel, +) for detail.
          </p>
        </>
      ) : (
        paintLayer
      )}

      <div className="flex flex-wrap items-center gap-2">
        <div role="group" aria-label="Brush" className="inline-flex gap-1 rounded-lg bg-raised p-0.5">
          <button type="button" data-testid="mask-mode-paint" aria-pressed={mode === "paint"} onClick={() => setMode("paint")} className={toolButton(mode === "paint")}>
            Paint
          </button>
          <button type="button" data-testid="mask-mode-erase" aria-pressed={mode === "erase"} onClick={() => setMode("erase")} className={toolButton(mode === "erase")}>
            Erase
          </button>
        </div>
        <button type="button" data-testid="mask-invert" onClick={invert} className="h-8 rounded-md border border-line px-2.5 text-xs font-medium text-muted hover:border-line-strong hover:text-fg">
          Invert
        </button>
        <button
          type="button"
          data-testid="mask-clear"
          onClick={clear}
          disabled={coverage === 0}
          className="h-8 rounded-md border border-line px-2.5 text-xs font-medium text-muted hover:border-line-strong hover:text-fg disabled:opacity-40"
        >
          Clear
        </button>
        <span data-testid="mask-coverage" aria-live="polite" className="ml-auto text-xs text-muted tabular-nums">
          {coverage === 0 ? "Nothing painted" : `${Math.max(1, Math.round(coverage * 100))}% will change`}
        </span>
      </div>

      <div>
        <div className="flex items-baseline justify-between">
          <label htmlFor={sizeId} className="text-xs font-medium text-muted">
            Brush size
          </label>
          <output htmlFor={sizeId} className="text-xs text-muted tabular-nums">
            {brush} px
          </output>
        </div>
        <input
          id={sizeId}
          type="range"
          data-testid="mask-brush-size"
          min={minBrush}
          max={maxBrush}
          value={brush}
          onChange={(e) => setBrush(Number(e.target.value))}
          aria-valuetext={`${brush} pixels of the image`}
          className="w-full accent-[var(--accent)]"
        />
        <p id={helpId} className="text-[11px] text-subtle">
          <kbd className="rounded border border-line px-1 font-mono">[</kbd> <kbd className="rounded border border-line px-1 font-mono">]</kbd> smaller / larger ·{" "}
          <kbd className="rounded border border-line px-1 font-mono">E</kbd> paint / erase · white areas of the exported mask change, the rest is kept.
        </p>
      </div>
    </div>
  );
}
