import Link from "next/link";
import { imageTitle, madeFromLabel } from "@/components/api/format";
import type { ImageParent, StudioImage } from "@/components/api/types";
import { ParentThumbnail } from "@/components/lineage/parent-thumbnail";

export interface MadeFromParent extends ImageParent {
  /** The parent as the lineage has it (null when unknown). */
  image: StudioImage | null;
  /** Left out of the lineage, which has every live ancestor: it is in the trash. */
  inTrash: boolean;
}

/**
 * The pictures an image was made from, in the order a person reads them (source, references in order, mask):
 * its `parents`, or from an older server its one `parentId` as the source. `known` is every live image of its
 * lineage; a parent missing from it is in the trash (a deleted one has no edge left, so is not listed at all).
 */
export function madeFromOf(image: Pick<StudioImage, "parents" | "parentId">, known: Map<string, StudioImage> | null): MadeFromParent[] {
  const parents: ImageParent[] = image.parents ?? (image.parentId ? [{ id: image.parentId, role: "source", position: 0, label: null }] : []);
  return parents.map((p) => ({ ...p, image: known?.get(p.id) ?? null, inTrash: known !== null && !known.has(p.id) }));
}

/** "Source", "Reference 1 · the red jacket", "Mask". */
export function roleLabel(parent: Pick<ImageParent, "role" | "position" | "label">): string {
  const name = parent.role === "source" ? "Source" : parent.role === "mask" ? "Mask" : `Reference ${parent.position + 1}`;
  return parent.label ? `${name} · ${parent.label}` : name;
}

/**
 * "Made from": a strip of the parents' thumbnails, each captioned with its role and linked to its page. The link
 * to `parentId` (the source, else the first reference) keeps the `parent-link` test id older specs know it by.
 */
export function MadeFrom({ image, parents }: { image: StudioImage; parents: MadeFromParent[] }) {
  if (!parents.length) return null;
  const primary = parents.findIndex((p) => p.id === image.parentId);
  return (
    <div data-testid="made-from" id="made-from">
      <h3 className="mb-2 text-xs text-muted">Made from</h3>
      <ul className="flex flex-wrap gap-2">
        {parents.map((parent, i) => {
          const role = roleLabel(parent);
          const title = parent.image ? imageTitle(parent.image) : null;
          return (
            <li key={`${parent.role} ${parent.position} ${parent.id}`} className="w-28 min-w-0">
              <Link
                href={`/images/${parent.id}`}
                data-testid={i === primary ? "parent-link" : "made-from-link"}
                data-role={parent.role}
                data-image-id={parent.id}
                title={title ? `${role}: ${title}` : role}
                className="group block overflow-hidden rounded-lg border border-line transition hover:border-accent"
              >
                {/* A parent in the trash is dimmed: still what this was made from, but not in the family graph. */}
                <span className={`block ${parent.inTrash ? "opacity-40 grayscale" : ""}`} data-in-trash={parent.inTrash || undefined}>
                  <ParentThumbnail id={parent.id} alpha={Boolean(parent.image?.hasAlpha)} />
                </span>{" "}
                <span className="block border-t border-line bg-raised px-1.5 py-1">
                  <span data-testid="made-from-role" className="line-clamp-2 block text-[11px] leading-4 font-medium break-words group-hover:text-accent">
                    {role}
                  </span>{" "}
                  <span className="block truncate text-[10px] text-muted">
                    {/* How the image came from its source, for screen readers ("Source, a variation of …"). */}
                    {parent.role === "source" && <span className="sr-only">{madeFromLabel(image.operation)} </span>}
                    {parent.inTrash ? "In the trash" : (title ?? "Open")}
                  </span>
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
