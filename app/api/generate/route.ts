import { readJson } from "@/lib/api/request";
import { route } from "@/lib/api/route";
import { compatBody, generateCompat } from "@/lib/images";

// POST /api/generate — the single-shot worker contract: generate, wait, answer with the stored image; every error,
// credentials included, in the contract's {success: false, error, request_id} shape
export const POST = route(
  async ({ req, user, requestId, baseUrl }) => {
    const body = compatBody.parse(await readJson(req));
    const result = await generateCompat({ user, body, baseUrl });
    return Response.json({ ...result, request_id: requestId, timestamp: new Date().toISOString() });
  },
  { scope: "generate", errorShape: "compat" },
);
