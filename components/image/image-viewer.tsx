"use client";

import { useCallback, useEffect, useImperativeHandle, useMemo, useRef, useState } from "react";
import type { StudioImage } from "@/components/api/types";
import { placeholderDataUrl } from "@/components/ui/placeholder";
import { clampView, fitView, isFitted, panBy, panStep, percentOf, placement, toggleZoom, wheelFactor, zoomBy, zoomStep, type Size, type View } from "./viewer-geometry";

/** What the page's keyboard asks of the viewer. */
export interface ImageViewerHandle {
  zoomIn: () => void;
  zoomOut: () => void;
  fit: () => void;
  /** Moves the picture (when zoomed); false when there is nowhere to move (fitted). */
  pan: (dx: number, dy: number) => boolean;
  isZoomed: () => boolean;
}

interface Props {
  image: StudioImage;
  alt: string;
  filter?: string;
  tint?: string;
  /** A CSS transform of the picture's box (a pending rotation or flip, previewed). */
  transform?: string;
  /** Drawn over the picture, in the picture's own box (the crop overlay). */
  overlay?: React.ReactNode;
  ref?: React.Ref<ImageViewerHandle>;
  /** The picture's box, for layers painted on it from elsewhere (the refine mask). */
  onSurface?: (el: HTMLDivElement | null) => void;
  /** Displayed pixels per original pixel, reported whenever it changes. */
  onScale?: (scale: number) => void;
}

/** Presses on the picture itself or the empty stage move it; those on layers over it (crop box, brush) are theirs. */
const pannable = (target: EventTarget | null) => target instanceof Element && target.hasAttribute("data-pan");

/** The preview rendition's longest side (docs/api.md: ~1440 px); beyond it the original is shown. */
const previewSide = 1440;

/**
 * The picture large at its own aspect ratio, fitted to the space, with zoom (wheel, pinch, the buttons and the
 * page's + - 0 keys, double-click between fit and 100%) and pan (drag, or the arrow keys when zoomed). The picture's
 * box is sized in layout pixels, not scaled by a transform, so layers drawn over it (the crop box, the mask
 * brush) read their positions from it at any zoom.
 */
export function ImageViewer({ image, alt, filter, tint, transform, overlay, ref, onSurface, onScale }: Props) {
  const size = useMemo<Size>(() => ({ width: image.width, height: image.height }), [image.width, image.height]);
  const stage = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState<Size | null>(null);
  const [view, setView] = useState<View | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [fullLoaded, setFullLoaded] = useState(false);
  const placeholder = useMemo(() => placeholderDataUrl(image.placeholder), [image.placeholder]);
  const latest = useRef({ view, viewport });
  latest.current = { view, viewport };

  // The stage's size: the first measure fits the picture; later ones keep a fitted picture fitted, else clamp.
  useEffect(() => {
    const el = stage.current;
    if (!el) return;
    const observer = new ResizeObserver(() => {
      const next = { width: el.clientWidth, height: el.clientHeight };
      if (!next.width || !next.height) return;
      const { view: was, viewport: before } = latest.current;
      setViewport(next);
      setView(!was || !before || isFitted(was, size, before) ? fitView(size, next) : clampView(was, size, next));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [size]);

  useEffect(() => {
    if (view) onScale?.(view.scale);
  }, [view, onScale]);

  const change = useCallback((make: (v: View, vp: Size) => View) => {
    const { view: v, viewport: vp } = latest.current;
    if (!v || !vp) return;
    const next = make(v, vp);
    latest.current = { view: next, viewport: vp };
    setView(next);
  }, []);

  useImperativeHandle(
    ref,
    () => ({
      zoomIn: () => change((v, vp) => zoomBy(v, zoomStep, size, vp)),
      zoomOut: () => change((v, vp) => zoomBy(v, 1 / zoomStep, size, vp)),
      fit: () => change((_, vp) => fitView(size, vp)),
      pan: (dx, dy) => {
        const { view: v, viewport: vp } = latest.current;
        if (!v || !vp || isFitted(v, size, vp)) return false;
        change((w, p) => panBy(w, dx * panStep, dy * panStep, size, p));
        return true;
      },
      isZoomed: () => {
        const { view: v, viewport: vp } = latest.current;
        return Boolean(v && vp && !isFitted(v, size, vp));
      },
    }),
    [change, size],
  );

  // The wheel zooms about the pointer (a listener of our own: React's is passive and cannot keep the page still).
  useEffect(() => {
    const el = stage.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const box = el.getBoundingClientRect();
      const delta = e.deltaMode === 1 ? e.deltaY * 33 : e.deltaY;
      change((v, vp) => zoomBy(v, wheelFactor(delta), size, vp, { x: e.clientX - box.left, y: e.clientY - box.top }));
    };
    el.addEventListener("wheel", onWheel, { passive: false });
    return () => el.removeEventListener("wheel", onWheel);
  }, [change, size]);

  // Drag pans; two fingers pinch. Only presses on the picture or the stage itself: layers over it (crop box, mask
  // brush) keep theirs.
  const pointers = useRef(new Map<number, { x: number; y: number }>());
  const onPointerDown = (e: React.PointerEvent<HTMLDivElement>) => {
    if (!pannable(e.target) || (e.pointerType === "mouse" && e.button !== 0)) return;
    pointers.current.set(e.pointerId, { x: e.clientX, y: e.clientY });
    e.currentTarget.setPointerCapture(e.pointerId);
  };
  const onPointerMove = (e: React.PointerEvent<HTMLDivElement>) => {
    const known = pointers.current;
    const last = known.get(e.pointerId);
    if (!last) return;
    const box = e.currentTarget.getBoundingClientRect();
    if (known.size >= 2) {
      const [a, b] = [...known.entries()].map(([id, p]) => (id === e.pointerId ? { x: e.clientX, y: e.clientY } : p));
      const [a0, b0] = [...known.values()];
      const before = Math.hypot(a0.x - b0.x, a0.y - b0.y);
      const after = Math.hypot(a.x - b.x, a.y - b.y);
      if (before > 0) change((v, vp) => zoomBy(v, after / before, size, vp, { x: (a.x + b.x) / 2 - box.left, y: (a.y + b.y) / 2 - box.top }));
    } else {
      change((v, vp) => panBy(v, e.clientX - last.x, e.clientY - last.y, size, vp));
    }
    known.set(e.pointerId, { x: e.clientX, y: e.clientY });
  };
  const onPointerUp = (e: React.PointerEvent<HTMLDivElement>) => {
    pointers.current.delete(e.pointerId);
  };

  const zoomed = Boolean(view && viewport && !isFitted(view, size, viewport));
  // An animation plays from its original (the preview rendition is a still of its first frame).
  const animated = (image.frames ?? 1) > 1;
  const box = view && viewport ? placement(view, size, viewport) : null;
  // Past the preview's own pixels, the original is laid over it once it has arrived.
  const wantsFull = Boolean(!animated && view && Math.max(size.width, size.height) > previewSide && view.scale * Math.max(size.width, size.height) > previewSide * 1.05);

  return (
    <div className="flex h-full flex-col">
      <div
        ref={stage}
        data-testid="viewer-stage"
        data-pan
        data-zoomed={zoomed || undefined}
        data-scale={view ? view.scale.toFixed(4) : undefined}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
        onDoubleClick={(e) => {
          if (!pannable(e.target)) return;
          const rect = e.currentTarget.getBoundingClientRect();
          change((v, vp) => toggleZoom(v, size, vp, { x: e.clientX - rect.left, y: e.clientY - rect.top }));
        }}
        className={`relative min-h-0 flex-1 overflow-hidden rounded-2xl select-none [container-type:size] ${image.hasAlpha ? "checkerboard" : "bg-raised"} ${
          zoomed ? "cursor-grab touch-none active:cursor-grabbing" : "touch-pan-y"
        }`}
      >
        <div
          ref={onSurface}
          data-testid="viewer-frame"
          data-transform={transform}
          className={`absolute bg-cover bg-center shadow-sm transition-transform duration-200 ${filter ? "overflow-hidden" : ""}`}
          style={
            box
              ? { left: box.left, top: box.top, width: box.width, height: box.height, transform, backgroundImage: loaded || !placeholder ? undefined : `url(${placeholder})` }
              : {
                  // Before the stage is measured (the server's HTML): fitted by CSS alone, centred.
                  aspectRatio: `${size.width} / ${size.height}`,
                  width: `min(100cqw, 100cqh * ${size.width / size.height})`,
                  left: "50%",
                  top: "50%",
                  transform: "translate(-50%, -50%)",
                  backgroundImage: placeholder ? `url(${placeholder})` : undefined,
                }
          }
        >
          <img
            ref={(el) => {
              if (el?.complete && el.naturalWidth > 0) setLoaded(true);
            }}
            data-testid="image-preview"
            data-pan
            data-animated={animated || undefined}
            src={animated ? image.url : image.previewUrl}
            alt={alt}
            width={image.width}
            height={image.height}
            onLoad={() => setLoaded(true)}
            draggable={false}
            className={`absolute inset-0 size-full transition-[opacity,filter] duration-300 ${loaded ? "opacity-100" : "opacity-0"}`}
            style={{ filter }}
          />
          {wantsFull && (
            <img
              data-testid="image-full"
              data-pan
              src={image.url}
              alt=""
              draggable={false}
              onLoad={() => setFullLoaded(true)}
              className={`absolute inset-0 size-full ${fullLoaded ? "opacity-100" : "opacity-0"}`}
              style={{ filter }}
            />
          )}
          {tint && <div aria-hidden="true" className="pointer-events-none absolute inset-0 mix-blend-color" style={{ backgroundColor: tint }} />}
          {overlay}
        </div>
        <span data-testid="viewer-zoom" className="pointer-events-none absolute right-2 bottom-2 rounded-full bg-black/60 px-2 py-0.5 text-[11px] font-medium text-white tabular-nums">
          {view ? `${percentOf(view)}%` : "Fit"}
        </span>
      </div>
    </div>
  );
}
