import Link from "next/link";
import { describeOperation, formatLabel, imageTitle, madeFromLabel, operationLabel } from "@/components/api/format";
import { thumbnailUrlOf, type StudioImage, type StudioImageDetail } from "@/components/api/types";

/** Where this image came from (its parent) and what was made from it (its children, captioned by operation). */
export function ImageLineage({ image, parent }: { image: StudioImageDetail; parent: StudioImage | null }) {
  if (!image.parentId && image.children.length === 0) return null;
  return (
    <section aria-labelledby="lineage-title" className="rounded-2xl border border-line bg-surface p-4 shadow-xs sm:p-5">
      <h2 id="lineage-title" className="mb-4 text-sm font-semibold">
        Lineage
      </h2>
      {image.parentId && (
        <Link
          href={`/images/${image.parentId}`}
          data-testid="parent-link"
          className="group flex items-center gap-3 rounded-xl border border-line p-2 transition-colors hover:border-line-strong hover:bg-raised"
        >
          <img src={thumbnailUrlOf(image.parentId)} alt="" loading="lazy" className="size-14 shrink-0 rounded-lg bg-raised object-cover" />
          <span className="min-w-0">
            <span className="block text-xs text-muted">{madeFromLabel(image.operation)}</span>
            <span className="block truncate text-sm font-medium group-hover:text-accent">{parent ? imageTitle(parent) : "The original"}</span>
            {parent && (
              <span className="block truncate text-xs text-muted tabular-nums">
                {parent.width} × {parent.height} · {formatLabel(parent.format)}
              </span>
            )}
          </span>
        </Link>
      )}
      {image.children.length > 0 && (
        <div className={image.parentId ? "mt-4" : undefined}>
          <h3 className="mb-2 text-xs text-muted">
            {image.children.length} image{image.children.length > 1 ? "s" : ""} made from this one
          </h3>
          <ul className="grid grid-cols-4 gap-2">
            {image.children.map((child) => {
              const label = child.operation?.type === "process" ? "Edited" : operationLabel(child.operation) || "Derived";
              const description = describeOperation(child.operation) || "Derived image";
              return (
                <li key={child.id} className="min-w-0">
                  <Link
                    href={`/images/${child.id}`}
                    data-testid="child-link"
                    data-operation={child.operation?.type}
                    title={description}
                    className="group block overflow-hidden rounded-lg border border-line transition hover:border-accent"
                  >
                    <img src={child.thumbnailUrl} alt={description} loading="lazy" className="aspect-square w-full bg-raised object-cover" />
                    <span data-testid="child-operation" aria-hidden="true" className="block truncate border-t border-line bg-raised px-1 py-0.5 text-center text-[10px] font-medium text-muted group-hover:text-fg">
                      {label}
                    </span>
                  </Link>
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </section>
  );
}
