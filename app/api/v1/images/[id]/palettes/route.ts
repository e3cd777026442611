import { readJson } from "@/lib/api/request";
import { route } from "@/lib/api/route";
import { extractImagePalettes, extractPaletteBody, listImagePalettes } from "@/lib/images";

type Params = { id: string };

// GET /api/v1/images/{id}/palettes — the palettes taken from this image, oldest first
export const GET = route<Params>(async ({ user, params }) => Response.json(await listImagePalettes({ user, imageId: params.id })));

// POST /api/v1/images/{id}/palettes — {numColors=5, type="dominant", name?} → 201 Palette
export const POST = route<Params>(async ({ req, user, params }) => {
  const { type, numColors, name } = extractPaletteBody.parse(await readJson(req));
  const [palette] = await extractImagePalettes({ user, imageId: params.id, types: [type], numColors, name });
  return Response.json(palette, { status: 201, headers: { Location: `/api/v1/palettes/${palette.id}` } });
});
