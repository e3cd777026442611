import Link from "next/link";
import { describeOperation, operationLabel } from "@/components/api/format";
import type { StudioImageDetail } from "@/components/api/types";
import { MadeFrom, type MadeFromParent } from "./made-from";

/** Where this image came from (the pictures it was made from) and what was made from it (captioned by operation). */
export function ImageLineage({ image, parents }: { image: StudioImageDetail; parents: MadeFromParent[] }) {
  if (parents.length === 0 && image.children.length === 0) return null;
  return (
    <section aria-labelledby="lineage-title" className="rounded-2xl border border-line bg-surface p-4 shadow-xs sm:p-5">
      <h2 id="lineage-title" className="mb-4 text-sm font-semibold">
        Lineage
      </h2>
      <MadeFrom image={image} parents={parents} />
      {image.children.length > 0 && (
        <div className={parents.length ? "mt-4" : undefined}>
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
