import { readJson } from "@/lib/api/request";
import { route } from "@/lib/api/route";
import { createKeyBody } from "@/lib/api/route-schemas";
import { createApiKey, listApiKeys, scopesFrom } from "@/lib/auth/api-keys";

const people = ["session", "local"] as const;

// GET /api/v1/keys — the caller's API keys (prefix only, never the key)
export const GET = route(async ({ user }) => Response.json(await listApiKeys(user.id)), { callers: people });

// POST /api/v1/keys — {name, scopes: ["read","write","generate"]} → 201 {key, apiKey}: the key is shown this once
export const POST = route(async ({ req, user }) => {
  const body = createKeyBody.parse(await readJson(req));
  const created = await createApiKey(user.id, body.name, scopesFrom(body.scopes));
  return Response.json(created, { status: 201, headers: { "Cache-Control": "no-store" } });
}, { callers: people });
