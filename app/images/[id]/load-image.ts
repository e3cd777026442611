import "server-only";
import { notFound } from "next/navigation";
import { cache } from "react";
import type { StudioImageDetail } from "@/components/api/types";
import { baseUrlOf } from "@/lib/api/route";
import { pageRequest, requirePageUser } from "@/lib/auth/page-user";
import { AppError } from "@/lib/errors";
import type { Lineage } from "@/components/lineage/tree-layout";
import { getImage, getLineage } from "@/lib/images";

/**
 * An image for a page request, through the same service (and the same caller resolution) as the API, once per
 * request (metadata and page share it); null when there is no such image for this caller.
 */
export const findImage = cache(async (id: string): Promise<StudioImageDetail | null> => {
  const path = `/images/${encodeURIComponent(id)}`;
  const request = await pageRequest(path);
  const user = await requirePageUser(path);
  try {
    // The DTO is the API's JSON; the client type narrows its string fields (kind) to the documented values.
    return (await getImage({ user, imageId: id, baseUrl: baseUrlOf(request) })) as StudioImageDetail;
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") return null;
    throw error;
  }
});

/** The page's own image: an unknown id is the 404 page. */
export async function loadImage(id: string): Promise<StudioImageDetail> {
  return (await findImage(id)) ?? notFound();
}

/** The image's whole family tree (ancestors, the image, nested descendants), as `GET …/lineage` answers it. */
export const loadLineage = cache(async (id: string): Promise<Lineage> => {
  const path = `/images/${encodeURIComponent(id)}`;
  const request = await pageRequest(path);
  const user = await requirePageUser(path);
  return getLineage({ user, imageId: id, baseUrl: baseUrlOf(request) });
});
