import { readJson } from "@/lib/api/request";
import { route } from "@/lib/api/route";
import { collectionInput, createCollection, listCollections } from "@/lib/images";

// GET /api/v1/collections — the caller's collections, newest first
export const GET = route(async ({ user, baseUrl }) => Response.json(await listCollections({ user, baseUrl })));

// POST /api/v1/collections — {name, description?}
export const POST = route(async ({ req, user, baseUrl }) => {
  const body = collectionInput.parse(await readJson(req));
  return Response.json(await createCollection({ user, baseUrl, ...body }), { status: 201 });
});
