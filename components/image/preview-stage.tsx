"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import type { StudioImage } from "@/components/api/types";
import { placeholderDataUrl } from "@/components/ui/placeholder";

interface Props {
  image: StudioImage;
  alt: string;
  filter?: string;
  tint?: string;
  /** Drawn over the picture, in the picture's own box (the crop overlay). */
  overlay?: React.ReactNode;
  /** Displayed pixels per original pixel, reported whenever the layout changes. */
  onScale?: (scale: number) => void;
}

/** The large preview: sized from the image's dimensions before it loads, painted with its placeholder meanwhile. */
export function PreviewStage({ image, alt, filter, tint, overlay, onScale }: Props) {
  const frame = useRef<HTMLDivElement>(null);
  const [loaded, setLoaded] = useState(false);
  const placeholder = useMemo(() => placeholderDataUrl(image.placeholder), [image.placeholder]);

  useEffect(() => {
    const el = frame.current;
    if (!el || !onScale) return;
    const observer = new ResizeObserver(() => onScale(el.clientWidth / image.width));
    observer.observe(el);
    return () => observer.disconnect();
  }, [image.width, onScale]);

  return (
    <div className={`flex min-h-64 items-center justify-center rounded-2xl p-3 sm:p-6 ${image.hasAlpha ? "checkerboard" : "bg-raised"}`}>
      <div
        ref={frame}
        className={`relative bg-cover bg-center shadow-sm ${filter ? "overflow-hidden" : ""}`}
        style={{
          aspectRatio: `${image.width} / ${image.height}`,
          // A definite size before the picture arrives: the stage's width, the screen's height, or its own size
          // (small pictures are enlarged a little, so there is room to crop them).
          width: `min(100%, max(${image.width}px, 28rem), calc((100dvh - 13rem) * ${image.width / image.height}))`,
          backgroundImage: loaded || !placeholder ? undefined : `url(${placeholder})`,
        }}
      >
        {/* A plain img: the preview rendition is already sized for the screen. */}
        <img
          ref={(el) => {
            if (el?.complete && el.naturalWidth > 0) setLoaded(true);
          }}
          data-testid="image-preview"
          src={image.previewUrl}
          alt={alt}
          width={image.width}
          height={image.height}
          onLoad={() => setLoaded(true)}
          draggable={false}
          className={`absolute inset-0 size-full transition-[opacity,filter] duration-300 ${loaded ? "opacity-100" : "opacity-0"}`}
          style={{ filter }}
        />
        {tint && <div aria-hidden="true" className="pointer-events-none absolute inset-0 mix-blend-color" style={{ backgroundColor: tint }} />}
        {overlay}
      </div>
    </div>
  );
}
