import { route } from "@/lib/api/route";
import { revokeApiKey } from "@/lib/auth/api-keys";

// DELETE /api/v1/keys/{id} — revokes the key (by id or prefix): it stops working at once → the revoked key
export const DELETE = route<{ id: string }>(async ({ user, params }) => Response.json(await revokeApiKey(user.id, params.id)), { callers: ["session", "local"] });
