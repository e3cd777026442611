import { readJson } from "@/lib/api/request";
import { route } from "@/lib/api/route";
import { cropBody, cropImage } from "@/lib/images";

// POST /api/v1/images/{id}/crop — the region {x, y, width, height}, which must lie inside the image
export const POST = route<{ id: string }>(async ({ req, user, params, baseUrl }) => {
  const { format, quality, ...crop } = cropBody.parse(await readJson(req));
  const image = await cropImage({ user, imageId: params.id, crop: { op: "crop", ...crop }, format, quality, baseUrl });
  return Response.json(image, { status: 201 });
});
