import { readJson } from "@/lib/api/request";
import { publicRoute, route } from "@/lib/api/route";
import { AppError } from "@/lib/errors";
import { bulkRestoreBody, bulkRestoreImages } from "@/lib/images";

// POST /api/v1/images/bulk-restore {ids: [...] (1–500)} → {restored, notFound}: out of the trash, whole
export const POST = route(async ({ req, user }) => {
  const { ids } = bulkRestoreBody.parse(await readJson(req));
  return Response.json(await bulkRestoreImages({ user, ids }));
});

// Any other method: the API's 404, as for every path with no route.
export const GET = publicRoute(async ({ req }) => {
  throw new AppError("not_found", `No route ${req.method} ${new URL(req.url).pathname}`);
});
