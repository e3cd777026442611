import { route } from "@/lib/api/route";
import { getLineage } from "@/lib/images";

// GET /api/v1/images/{id}/lineage — ancestors, the image, and its descendants as a tree
export const GET = route<{ id: string }>(async ({ user, params, baseUrl }) =>
  Response.json(await getLineage({ user, imageId: params.id, baseUrl })),
);
