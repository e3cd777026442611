import { readJson } from "@/lib/api/request";
import { route } from "@/lib/api/route";
import { applyPalette, applyPaletteBody } from "@/lib/images";

// POST /api/v1/images/{id}/apply-palette — {paletteId | colors, strength=1, format?, quality?} → 201 Image (processed)
export const POST = route<{ id: string }>(async ({ req, user, params, baseUrl }) => {
  const body = applyPaletteBody.parse(await readJson(req));
  return Response.json(await applyPalette({ user, imageId: params.id, body, baseUrl }), { status: 201 });
});
