import { route } from "@/lib/api/route";
import { listUsers } from "@/lib/usage/users";

// GET /api/v1/admin/users — every account with its limits (administrators; others 403)
export const GET = route(async ({ user }) => Response.json(await listUsers(user)));
