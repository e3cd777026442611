import { readJson } from "@/lib/api/request";
import { route } from "@/lib/api/route";
import { collectionPatch, deleteCollection, getCollection, updateCollection } from "@/lib/images";

type Params = { id: string };

// GET /api/v1/collections/{id}
export const GET = route<Params>(async ({ user, params, baseUrl }) =>
  Response.json(await getCollection({ user, collectionId: params.id, baseUrl })),
);

// PATCH /api/v1/collections/{id} — {name?, description?}
export const PATCH = route<Params>(async ({ req, user, params, baseUrl }) => {
  const body = collectionPatch.strict().parse(await readJson(req));
  return Response.json(await updateCollection({ user, collectionId: params.id, baseUrl, ...body }));
});

// DELETE /api/v1/collections/{id} — its images stay in the gallery
export const DELETE = route<Params>(async ({ user, params }) => {
  await deleteCollection({ user, collectionId: params.id });
  return new Response(null, { status: 204 });
});
