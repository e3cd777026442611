import { readJson } from "@/lib/api/request";
import { publicRoute, route } from "@/lib/api/route";
import { AppError } from "@/lib/errors";
import { bulkDeleteBody, bulkDeleteImages } from "@/lib/images";

// POST /api/v1/images/bulk-delete {ids: [...] (1–500)} or {filter, except?}, purge? → {deleted, notFound, purged}:
// to the trash, or with purge: true for good (files go as with a single purge)
export const POST = route(async ({ req, user }) => {
  const body = bulkDeleteBody.parse(await readJson(req));
  return Response.json(await bulkDeleteImages({ user, ...body }));
});

// Any other method: the API's 404, as for every path with no route.
export const GET = publicRoute(async ({ req }) => {
  throw new AppError("not_found", `No route ${req.method} ${new URL(req.url).pathname}`);
});
