import { route } from "@/lib/api/route";
import { deletePalette, getPalette } from "@/lib/images";

type Params = { id: string };

// GET /api/v1/palettes/{id}
export const GET = route<Params>(async ({ user, params }) => Response.json(await getPalette({ user, paletteId: params.id })));

// DELETE /api/v1/palettes/{id} — images made with it keep their recorded colours
export const DELETE = route<Params>(async ({ user, params }) => {
  await deletePalette({ user, paletteId: params.id });
  return new Response(null, { status: 204 });
});
