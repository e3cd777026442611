import { readJson } from "@/lib/api/request";
import { route } from "@/lib/api/route";
import { filterBody, filterImage } from "@/lib/images";

// POST /api/v1/images/{id}/filter — {type, params}: grayscale, sepia, blur, sharpen, brightness, contrast, saturation, hue, invert, tint
export const POST = route<{ id: string }>(async ({ req, user, params, baseUrl }) => {
  const { filter, format, quality } = filterBody.parse(await readJson(req));
  const image = await filterImage({ user, imageId: params.id, filter: { op: "filter", filter }, format, quality, baseUrl });
  return Response.json(image, { status: 201 });
});
