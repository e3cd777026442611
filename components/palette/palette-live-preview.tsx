"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import { prepareRecolor, renderRecolor, type PreparedRecolor } from "@/lib/processing/recolor-pixels";

interface Props {
  /** A same-origin picture (the image's screen-sized preview): its pixels are read, so it must not taint the canvas. */
  src: string;
  /** Width / height of the picture, to keep its place before it loads. */
  ratio: number;
  colors: readonly string[];
  strength: number;
  testId?: string;
}

/** The preview is recoloured at most this wide (a few milliseconds per slider step). */
const maxSide = 480;

type Source = { pixels: ImageData; width: number; height: number };

/**
 * The picture recoloured toward a palette, in the browser, as the slider moves: the server's own recolouring
 * code (lib/processing/recolor-pixels.ts, which applyPaletteToPixels runs too), on a small copy of the preview.
 * Nothing is saved.
 */
export function PaletteLivePreview({ src, ratio, colors, strength, testId = "palette-live-preview" }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [source, setSource] = useState<Source | null>(null);
  const [failed, setFailed] = useState(false);
  const [rendered, setRendered] = useState<number | null>(null);
  const [holdOriginal, setHoldOriginal] = useState(false);
  const paletteKey = colors.join(",");

  // The picture's pixels, once.
  useEffect(() => {
    let live = true;
    const img = new Image();
    img.decoding = "async";
    img.src = src;
    img
      .decode()
      .then(() => {
        if (!live) return;
        const scale = Math.min(1, maxSide / Math.max(img.naturalWidth, img.naturalHeight));
        const width = Math.max(1, Math.round(img.naturalWidth * scale));
        const height = Math.max(1, Math.round(img.naturalHeight * scale));
        const scratch = document.createElement("canvas");
        scratch.width = width;
        scratch.height = height;
        const ctx = scratch.getContext("2d", { willReadFrequently: true });
        if (!ctx) throw new Error("no 2d context");
        ctx.drawImage(img, 0, 0, width, height);
        setSource({ pixels: ctx.getImageData(0, 0, width, height), width, height });
      })
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, [src]);

  // Each pixel's OKLab colour and nearest palette colour: once per palette.
  const prepared = useMemo<PreparedRecolor | null>(
    () => (source && paletteKey ? prepareRecolor(source.pixels.data, 4, paletteKey.split(",")) : null),
    [source, paletteKey],
  );

  // Repaint on the next frame after the strength changes (a dragged slider fires faster than frames).
  const shown = holdOriginal ? 0 : strength;
  useEffect(() => {
    if (!prepared || !source || !canvas.current) return;
    const frame = requestAnimationFrame(() => {
      const ctx = canvas.current?.getContext("2d");
      if (!ctx) return;
      const out = new ImageData(source.width, source.height);
      renderRecolor(prepared, Math.min(1, Math.max(0, shown)), out.data, 4);
      ctx.putImageData(out, 0, 0);
      setRendered(shown);
    });
    return () => cancelAnimationFrame(frame);
  }, [prepared, source, shown]);

  return (
    <figure className="mt-3">
      <div className="relative overflow-hidden rounded-xl bg-raised" style={{ aspectRatio: Math.min(2.5, Math.max(0.4, ratio)) }}>
        <canvas
          ref={canvas}
          width={source?.width ?? 1}
          height={source?.height ?? 1}
          data-testid={testId}
          data-ready={rendered !== null || undefined}
          data-strength={rendered ?? undefined}
          role="img"
          aria-label={`Live preview of the picture recoloured at ${Math.round(shown * 100)}% strength`}
          className={`absolute inset-0 size-full object-contain transition-opacity ${rendered === null ? "opacity-0" : "opacity-100"}`}
        />
        {rendered === null && !failed && <div className="skeleton absolute inset-0" aria-hidden="true" />}
        {failed && <p className="absolute inset-0 grid place-items-center px-4 text-center text-xs text-muted">The preview could not be drawn; Apply still works.</p>}
        <span aria-hidden="true" className="pointer-events-none absolute top-2 left-2 rounded-full bg-black/55 px-2 py-0.5 text-[11px] font-medium text-white">
          {holdOriginal ? "Original" : `Preview · ${Math.round(shown * 100)}%`}
        </span>
      </div>
      <figcaption className="mt-2 flex items-center justify-between gap-2 text-xs text-muted">
        <span>Drawn in the browser from the preview; Apply makes the full-size image.</span>
        <button
          type="button"
          data-testid={`${testId}-hold`}
          onPointerDown={() => setHoldOriginal(true)}
          onPointerUp={() => setHoldOriginal(false)}
          onPointerLeave={() => setHoldOriginal(false)}
          onKeyDown={(e) => (e.key === " " || e.key === "Enter") && setHoldOriginal(true)}
          onKeyUp={() => setHoldOriginal(false)}
          onBlur={() => setHoldOriginal(false)}
          className="shrink-0 rounded-md border border-line px-2 py-1 font-medium hover:border-line-strong hover:text-fg"
        >
          Hold for original
        </button>
      </figcaption>
    </figure>
  );
}
