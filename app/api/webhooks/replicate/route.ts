import { readBody } from "@/lib/api/request";
import { publicRoute } from "@/lib/api/route";
import { receiveReplicateWebhook } from "@/lib/webhooks/replicate";

// POST /api/webhooks/replicate — Replicate's prediction webhooks, authenticated by their signature (not a session)
export const POST = publicRoute(async ({ req }) => {
  const body = Buffer.from(await readBody(req, 1024 * 1024, "The webhook body"));
  return Response.json(await receiveReplicateWebhook({ headers: req.headers, body }));
});
