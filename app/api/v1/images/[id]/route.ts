import { readJson, readQuery } from "@/lib/api/request";
import { route } from "@/lib/api/route";
import { imageDeleteQuery, imagePatchBody } from "@/lib/api/route-schemas";
import { deleteImage, getImage, updateImage } from "@/lib/images";

type Params = { id: string };

// GET /api/v1/images/{id} — the image with its direct children
export const GET = route<Params>(async ({ user, params, baseUrl }) =>
  Response.json(await getImage({ user, imageId: params.id, baseUrl })),
);

// PATCH /api/v1/images/{id} — join or leave a collection, star or unstar, rate 1–5 (null clears)
export const PATCH = route<Params>(async ({ req, user, params, baseUrl }) => {
  const body = imagePatchBody.parse(await readJson(req));
  return Response.json(await updateImage({ user, imageId: params.id, collectionId: body.collectionId, favorite: body.favorite, rating: body.rating, baseUrl }));
});

// DELETE /api/v1/images/{id} — to the trash (files, lineage and collections kept); ?purge=true: the image and all
// its files for good, its children stay without a parent
export const DELETE = route<Params>(async ({ req, user, params }) => {
  const { purge } = readQuery(req, imageDeleteQuery);
  const { orphanedChildren } = await deleteImage({ user, imageId: params.id, purge: purge === "true" });
  return new Response(null, { status: 204, headers: { "X-Orphaned-Children": String(orphanedChildren) } });
});
