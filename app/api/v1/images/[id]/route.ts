import { z } from "zod";
import { readJson, readQuery } from "@/lib/api/request";
import { route } from "@/lib/api/route";
import { deleteImage, getImage, updateImage } from "@/lib/images";

type Params = { id: string };

// GET /api/v1/images/{id} — the image with its direct children
export const GET = route<Params>(async ({ user, params, baseUrl }) =>
  Response.json(await getImage({ user, imageId: params.id, baseUrl })),
);

const patchBody = z
  .object({
    collectionId: z.string().min(1).max(100).nullable().optional(),
    favorite: z.boolean({ error: "favorite must be true or false" }).optional(),
    rating: z.number({ error: "rating must be a whole number from 1 to 5, or null" }).int().min(1).max(5).nullable().optional(),
  })
  .strict();

// PATCH /api/v1/images/{id} — join or leave a collection, star or unstar, rate 1–5 (null clears)
export const PATCH = route<Params>(async ({ req, user, params, baseUrl }) => {
  const body = patchBody.parse(await readJson(req));
  return Response.json(await updateImage({ user, imageId: params.id, collectionId: body.collectionId, favorite: body.favorite, rating: body.rating, baseUrl }));
});

const deleteQuery = z.object({ purge: z.enum(["true", "false"], { error: "purge must be true or false" }).optional() });

// DELETE /api/v1/images/{id} — to the trash (files, lineage and collections kept); ?purge=true: the image and all
// its files for good, its children stay without a parent
export const DELETE = route<Params>(async ({ req, user, params }) => {
  const { purge } = readQuery(req, deleteQuery);
  const { orphanedChildren } = await deleteImage({ user, imageId: params.id, purge: purge === "true" });
  return new Response(null, { status: 204, headers: { "X-Orphaned-Children": String(orphanedChildren) } });
});
