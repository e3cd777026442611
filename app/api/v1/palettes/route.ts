import { readJson, readQuery } from "@/lib/api/request";
import { route } from "@/lib/api/route";
import { createCustomPalette, customPaletteBody, listPalettes, listPalettesQuery } from "@/lib/images";

// GET /api/v1/palettes?type=&limit=&cursor= — the user's palettes, newest first
export const GET = route(async ({ req, user }) => Response.json(await listPalettes({ user, ...readQuery(req, listPalettesQuery) })));

// POST /api/v1/palettes — {name, colors: ["#rrggbb", …]} → 201 Palette (type "custom")
export const POST = route(async ({ req, user }) => {
  const { name, colors } = customPaletteBody.parse(await readJson(req));
  const palette = await createCustomPalette({ user, name, colors });
  return Response.json(palette, { status: 201, headers: { Location: `/api/v1/palettes/${palette.id}` } });
});
