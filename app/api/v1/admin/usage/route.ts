import { readQuery } from "@/lib/api/request";
import { route } from "@/lib/api/route";
import { getEveryonesUsage, usageQuery } from "@/lib/images";

// GET /api/v1/admin/usage?from=&to= — every user's spend per day and provider (administrators; others 403)
export const GET = route(async ({ req, user }) => Response.json(await getEveryonesUsage({ ...readQuery(req, usageQuery), user })));
