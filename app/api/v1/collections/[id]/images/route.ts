import { readJson } from "@/lib/api/request";
import { route } from "@/lib/api/route";
import { addImagesToCollection, collectionImagesBody, removeImagesFromCollection } from "@/lib/images";

type Params = { id: string };

// POST /api/v1/collections/{id}/images — {imageIds}: pin images to the board → the Collection
export const POST = route<Params>(async ({ req, user, params, baseUrl }) => {
  const { imageIds } = collectionImagesBody.parse(await readJson(req));
  return Response.json(await addImagesToCollection({ user, collectionId: params.id, imageIds, baseUrl }));
});

// DELETE /api/v1/collections/{id}/images — {imageIds}: take images off the board (they stay in the gallery) → the Collection
export const DELETE = route<Params>(async ({ req, user, params, baseUrl }) => {
  const { imageIds } = collectionImagesBody.parse(await readJson(req));
  return Response.json(await removeImagesFromCollection({ user, collectionId: params.id, imageIds, baseUrl }));
});
