import { readJson } from "@/lib/api/request";
import { route } from "@/lib/api/route";
import { resizeBody, resizeImage } from "@/lib/images";

// POST /api/v1/images/{id}/resize — a resized copy (aspect kept unless maintainAspectRatio is false)
export const POST = route<{ id: string }>(async ({ req, user, params, baseUrl }) => {
  const { format, quality, ...resize } = resizeBody.parse(await readJson(req));
  const image = await resizeImage({ user, imageId: params.id, resize: { op: "resize", ...resize }, format, quality, baseUrl });
  return Response.json(image, { status: 201 });
});
