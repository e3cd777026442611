import { publicRoute } from "@/lib/api/route";
import { openApiJson } from "@/lib/api/openapi/document";
import { env } from "@/lib/env";

// GET /api/v1/openapi.json — the REST API as an OpenAPI 3.1 document, built from the routes' own zod schemas (public)
export const GET = publicRoute(
  () =>
    new Response(openApiJson({ maxPromptLength: env().MAX_PROMPT_LENGTH }), {
      headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "public, max-age=300" },
    }),
);
