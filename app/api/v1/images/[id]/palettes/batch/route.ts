import { readJson } from "@/lib/api/request";
import { route } from "@/lib/api/route";
import { extractImagePalettes, extractPalettesBody } from "@/lib/images";

// POST /api/v1/images/{id}/palettes/batch — {types=["dominant","vibrant","muted"], numColors=5} → 201 Palette[] (one decode)
export const POST = route<{ id: string }>(async ({ req, user, params }) => {
  const { types, numColors } = extractPalettesBody.parse(await readJson(req));
  return Response.json(await extractImagePalettes({ user, imageId: params.id, types, numColors }), { status: 201 });
});
