import "server-only";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { cache } from "react";
import type { StudioImageDetail } from "@/components/api/types";
import { baseUrlOf } from "@/lib/api/route";
import { getCurrentUser } from "@/lib/auth/current-user";
import { AppError } from "@/lib/errors";
import { getImage } from "@/lib/images";

/**
 * An image for a page request, through the same service (and the same caller resolution) as the API, once per
 * request (metadata and page share it); null when there is no such image for this caller.
 */
export const findImage = cache(async (id: string): Promise<StudioImageDetail | null> => {
  const incoming = await headers();
  const host = incoming.get("host") ?? "localhost";
  const request = new Request(`http://${host}/images/${encodeURIComponent(id)}`, { headers: new Headers(incoming) });
  try {
    const user = await getCurrentUser(request);
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
