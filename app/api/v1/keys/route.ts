import { z } from "zod";
import { readJson } from "@/lib/api/request";
import { route } from "@/lib/api/route";
import { apiKeyScopes, createApiKey, listApiKeys, scopesFrom } from "@/lib/auth/api-keys";

const people = ["session", "local"] as const;
const createBody = z
  .object({
    name: z.string({ error: "name is required" }).trim().min(1, "name must not be empty").max(100, "name must be at most 100 characters"),
    scopes: z.array(z.string()).min(1, `scopes must name at least one of ${apiKeyScopes.join(", ")}`).default(["read"]),
  })
  .strict();

// GET /api/v1/keys — the caller's API keys (prefix only, never the key)
export const GET = route(async ({ user }) => Response.json(await listApiKeys(user.id)), { callers: people });

// POST /api/v1/keys — {name, scopes: ["read","write","generate"]} → 201 {key, apiKey}: the key is shown this once
export const POST = route(async ({ req, user }) => {
  const body = createBody.parse(await readJson(req));
  const created = await createApiKey(user.id, body.name, scopesFrom(body.scopes));
  return Response.json(created, { status: 201, headers: { "Cache-Control": "no-store" } });
}, { callers: people });
