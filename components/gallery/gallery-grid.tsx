import type { StudioImage } from "@/components/api/types";
import { GalleryTile } from "./gallery-tile";

/** `leading` tiles (generations in flight) come first, before the newest image. */
export function GalleryGrid({ images, busy, leading }: { images: StudioImage[]; busy?: boolean; leading?: React.ReactNode }) {
  return (
    <ul
      data-testid="gallery-grid"
      aria-busy={busy || undefined}
      aria-label="Images"
      className={`justified transition-opacity ${busy ? "opacity-60" : ""}`}
    >
      {leading}
      {images.map((image) => (
        <GalleryTile key={image.id} image={image} />
      ))}
    </ul>
  );
}

const skeletonRatios = [1.5, 0.75, 1.33, 1, 1.78, 0.8, 1.5, 1.2, 0.67, 1.33, 1.78, 1];

export function GallerySkeleton() {
  return (
    <ul className="justified" aria-label="Loading images" aria-busy="true">
      {skeletonRatios.map((ratio, i) => (
        <li key={i} style={{ flexGrow: ratio, flexBasis: `calc(var(--row-height) * ${ratio})` }}>
          <div className="skeleton rounded-lg" style={{ aspectRatio: ratio }} />
        </li>
      ))}
    </ul>
  );
}
