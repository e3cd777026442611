import { z } from "zod";
import { readQuery } from "@/lib/api/request";
import { route } from "@/lib/api/route";
import { getImageUrl } from "@/lib/images";

const query = z.object({
  expiresIn: z.coerce.number().int("expiresIn must be whole seconds").min(1, "expiresIn must be at least 1 second").default(3600),
});

// GET /api/v1/images/{id}/url?expiresIn=3600 — a temporary link that works without a session
export const GET = route<{ id: string }>(async ({ req, user, params, baseUrl }) => {
  const { expiresIn } = readQuery(req, query);
  return Response.json(await getImageUrl({ user, imageId: params.id, expiresIn, baseUrl }), {
    headers: { "Cache-Control": "no-store" },
  });
});
