import { route } from "@/lib/api/route";
import { webhookSigningSecret } from "@/lib/webhooks/secret";

// GET /api/v1/webhooks/secret — the secret our job webhooks are signed with, for receivers to verify them
export const GET = route(async () => Response.json({ secret: webhookSigningSecret() }, { headers: { "Cache-Control": "no-store" } }));
