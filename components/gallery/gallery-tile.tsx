"use client";

import Link from "next/link";
import { useMemo, useState } from "react";
import { formatLabel, imageTitle, kindLabel } from "@/components/api/format";
import type { StudioImage } from "@/components/api/types";
import { ImageIcon } from "@/components/ui/icons";
import { placeholderDataUrl } from "@/components/ui/placeholder";

/** Very wide or tall pictures are shown a little cropped rather than as slivers. */
export const tileRatio = (width: number, height: number) => Math.min(2.4, Math.max(0.55, width / height));

/** The size of a rendition made by fitting the image inside a `box`-pixel square (never enlarging). */
const fitWidth = (width: number, height: number, box: number) => Math.round(width * Math.min(1, box / Math.max(width, height)));

/** Tiles wider than the 320 px thumbnail take the preview, so large rows stay sharp. */
function sources(image: StudioImage, ratio: number) {
  const srcSet = `${image.thumbnailUrl} ${fitWidth(image.width, image.height, 320)}w, ${image.previewUrl} ${fitWidth(image.width, image.height, 1440)}w`;
  const px = (rowHeight: number, stretch: number) => Math.round(ratio * rowHeight * stretch);
  const sizes = `(min-width: 1280px) ${px(210, 1.35)}px, (min-width: 640px) ${px(190, 1.35)}px, min(100vw, ${px(110, 2)}px)`;
  return { srcSet, sizes };
}


export function GalleryTile({ image }: { image: StudioImage }) {
  const ratio = tileRatio(image.width, image.height);
  const placeholder = useMemo(() => placeholderDataUrl(image.placeholder), [image.placeholder]);
  const [state, setState] = useState<"loading" | "loaded" | "broken">("loading");
  const title = imageTitle(image);

  return (
    <li className="relative min-w-0" style={{ flexGrow: ratio, flexBasis: `calc(var(--row-height) * ${ratio})` }}>
      <Link
        href={`/images/${image.id}`}
        data-testid="gallery-item"
        data-image-id={image.id}
        className={`group relative block overflow-hidden rounded-lg ${image.hasAlpha ? "checkerboard" : "bg-raised"}`}
        style={{ aspectRatio: ratio }}
      >
        {placeholder && (
          <span
            aria-hidden="true"
            className={`absolute inset-0 bg-cover bg-center transition-opacity duration-500 ${state === "loaded" ? "opacity-0" : "opacity-100"}`}
            style={{ backgroundImage: `url(${placeholder})` }}
          />
        )}
        {/* A plain img: the API already serves sized thumbnails. */}
        <img
          ref={(el) => {
            if (el?.complete && el.naturalWidth > 0) setState("loaded");
          }}
          src={image.thumbnailUrl}
          {...sources(image, ratio)}
          alt={title}
          width={image.width}
          height={image.height}
          loading="lazy"
          decoding="async"
          onLoad={() => setState("loaded")}
          onError={() => setState("broken")}
          className={`absolute inset-0 size-full object-cover transition-[opacity,transform] duration-500 group-hover:scale-[1.02] ${
            state === "loaded" ? "opacity-100" : "opacity-0"
          }`}
        />
        {state === "broken" && (
          <span className="absolute inset-0 grid place-items-center text-subtle">
            <ImageIcon className="size-6" />
          </span>
        )}
        {image.kind !== "uploaded" && (
          <span className="absolute top-2 left-2 rounded-full bg-black/55 px-2 py-0.5 text-[11px] font-medium text-white backdrop-blur-sm">
            {kindLabel[image.kind]}
          </span>
        )}
        <span className="pointer-events-none absolute inset-x-0 bottom-0 flex items-end justify-between gap-2 bg-gradient-to-t from-black/70 via-black/25 to-transparent px-2.5 pt-8 pb-2 text-white opacity-0 transition-opacity duration-200 group-hover:opacity-100 group-focus-visible:opacity-100">
          <span className="truncate text-xs font-medium">{title}</span>
          <span className="shrink-0 text-[11px] text-white/80 tabular-nums">
            {image.width}×{image.height} · {formatLabel(image.format)}
          </span>
        </span>
      </Link>
    </li>
  );
}
