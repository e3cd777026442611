import { compatErrorResponse } from "@/lib/api/error-response";
import { readJson } from "@/lib/api/request";
import { route } from "@/lib/api/route";
import { compatBody, generateCompat } from "@/lib/images";

// POST /api/generate — the single-shot worker contract: generate, wait, answer with the stored image
export const POST = route(async ({ req, user, requestId, baseUrl }) => {
  try {
    const body = compatBody.parse(await readJson(req));
    const result = await generateCompat({ user, body, baseUrl });
    return Response.json({ ...result, request_id: requestId, timestamp: new Date().toISOString() });
  } catch (error) {
    return compatErrorResponse(error, requestId);
  }
});
