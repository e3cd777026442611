import { readQuery } from "@/lib/api/request";
import { route } from "@/lib/api/route";
import { imageUrlQuery } from "@/lib/api/route-schemas";
import { getImageUrl } from "@/lib/images";

// GET /api/v1/images/{id}/url?expiresIn=3600 — a temporary link that works without a session
export const GET = route<{ id: string }>(async ({ req, user, params, baseUrl }) => {
  const { expiresIn } = readQuery(req, imageUrlQuery);
  return Response.json(await getImageUrl({ user, imageId: params.id, expiresIn, baseUrl }), {
    headers: { "Cache-Control": "no-store" },
  });
});
