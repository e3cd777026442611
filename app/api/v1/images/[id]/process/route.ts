import { readJson } from "@/lib/api/request";
import { route } from "@/lib/api/route";
import { processBody, processOperations } from "@/lib/images";

// POST /api/v1/images/{id}/process — several operations applied in order, saved once
export const POST = route<{ id: string }>(async ({ req, user, params, baseUrl }) => {
  const { operations, format, quality } = processBody.parse(await readJson(req));
  const image = await processOperations({ user, imageId: params.id, operations, format, quality, baseUrl });
  return Response.json(image, { status: 201 });
});
