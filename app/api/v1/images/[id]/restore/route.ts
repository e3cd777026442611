import { publicRoute, route } from "@/lib/api/route";
import { AppError } from "@/lib/errors";
import { getImage, restoreImage } from "@/lib/images";

type Params = { id: string };

// POST /api/v1/images/{id}/restore — out of the trash, with its lineage and collections → 200 the image
export const POST = route<Params>(async ({ user, params, baseUrl }) => {
  await restoreImage({ user, imageId: params.id });
  return Response.json(await getImage({ user, imageId: params.id, baseUrl }));
});

// Any other method: the API's 404, as for every path with no route.
export const GET = publicRoute(async ({ req }) => {
  throw new AppError("not_found", `No route ${req.method} ${new URL(req.url).pathname}`);
});
