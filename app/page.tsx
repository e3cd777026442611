import { GalleryView } from "@/components/gallery/gallery-view";
import type { GalleryFilters } from "@/components/gallery/filters";
import { draftFromParams } from "@/components/generate/settings";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";
const kinds = new Set(["uploaded", "processed", "generated"]);

// The gallery: filters live in the URL (?q=&kind=&collection=) so a view can be bookmarked and shared;
// ?prompt=&seed=&style=… ("Reuse prompt") fills the prompt bar once.
export default async function GalleryPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const kind = one(params.kind);
  const filters: GalleryFilters = {
    q: one(params.q).slice(0, 200),
    kind: kinds.has(kind) ? (kind as GalleryFilters["kind"]) : "",
    collectionId: one(params.collection).slice(0, 100),
  };
  const draft = draftFromParams((key) => one(params[key]));
  return <GalleryView key={JSON.stringify([filters, draft])} initialFilters={filters} initialDraft={draft} />;
}
