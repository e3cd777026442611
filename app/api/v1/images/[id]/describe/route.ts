import { readJson } from "@/lib/api/request";
import { route } from "@/lib/api/route";
import { describeBody, describeImage } from "@/lib/images/describe";

// POST /api/v1/images/{id}/describe — {prompt, source, model, costUsd}: a prompt that would make a picture like this
// one, written by a configured vision-capable provider (400 saying what to connect when there is none).
export const POST = route<{ id: string }>(async ({ req, user, params }) => {
  const body = describeBody.parse(await readJson(req));
  return Response.json(await describeImage({ user, imageId: params.id, body }));
}, { scope: "generate" });
