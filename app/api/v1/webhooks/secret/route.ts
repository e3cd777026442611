import { route } from "@/lib/api/route";
import { webhookSigningSecret } from "@/lib/webhooks/secret";

// GET /api/v1/webhooks/secret — the secret the caller's job webhooks are signed with, for receivers to verify them.
// It lets its holder forge deliveries, so a key needs "write" (a read-only key only reads).
export const GET = route(async ({ user }) => Response.json({ secret: webhookSigningSecret(user.id) }, { headers: { "Cache-Control": "no-store" } }), {
  scope: "write",
});
