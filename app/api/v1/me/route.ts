import { route } from "@/lib/api/route";
import { getAccount } from "@/lib/usage/users";

// GET /api/v1/me — who the caller is (how they signed in, their key's scopes) and their limits
export const GET = route(async ({ user }) => Response.json(await getAccount(user)));
