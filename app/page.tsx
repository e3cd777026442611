import type { GalleryPage } from "@/components/api/gallery";
import type { Collection } from "@/components/api/types";
import { filtersFromParams, firstPageSize, type GalleryFilters } from "@/components/viewer/gallery-filters";
import { GalleryView } from "@/components/gallery/gallery-view";
import { draftFromParams } from "@/components/generate/settings";
import { baseUrlOf } from "@/lib/api/route";
import type { CurrentUser } from "@/lib/auth/current-user";
import { pageRequest, requirePageUser } from "@/lib/auth/page-user";
import { listCollections, listImages, listImagesQuery } from "@/lib/images";
import { log } from "@/lib/log";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

/**
 * The first page of the gallery, rendered with the page so the thumbnails start loading with the HTML (no
 * round trip before the first paint). Date filters are the browser's calendar days, which the server cannot
 * place in time: with them, the browser asks for the first page itself.
 */
async function firstPage(user: CurrentUser, filters: GalleryFilters): Promise<GalleryPage | null> {
  if (filters.from || filters.to) return null;
  try {
    const query = listImagesQuery.parse({
      limit: String(firstPageSize),
      ...(filters.q && { q: filters.q }),
      ...(filters.kind && { kind: filters.kind }),
      ...(filters.provider && { provider: filters.provider }),
      ...(filters.collectionId && { collectionId: filters.collectionId }),
      ...(filters.favorites && { favorite: "true" }),
    });
    return (await listImages({ ...query, user, baseUrl: baseUrlOf(await pageRequest("/")) })) as GalleryPage;
  } catch (error) {
    // The browser will ask again, and show the error if it persists.
    log.warn("the gallery's first page could not be rendered", { error });
    return null;
  }
}

/** The collections' chips, rendered with the page (so the row does not shift when they arrive). */
async function collectionsOf(user: CurrentUser): Promise<Collection[] | null> {
  try {
    return (await listCollections({ user, baseUrl: baseUrlOf(await pageRequest("/")) })).items as Collection[];
  } catch (error) {
    log.warn("the gallery's collections could not be rendered", { error });
    return null;
  }
}

// The gallery: filters live in the URL (?q=&kind=&provider=&collection=&favorites=1&from=&to=) so a view can be
// bookmarked and shared; ?prompt=&seed=&style=… ("Reuse prompt") fills the prompt bar once.
export default async function GalleryPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requirePageUser("/");
  const params = await searchParams;
  const filters = filtersFromParams((key) => one(params[key]));
  const draft = draftFromParams((key) => one(params[key]));
  const [initialPage, initialCollections] = await Promise.all([firstPage(user, filters), collectionsOf(user)]);
  return (
    <GalleryView
      key={JSON.stringify([filters, draft])}
      initialFilters={filters}
      initialDraft={draft}
      initialPage={initialPage}
      initialCollections={initialCollections}
    />
  );
}
