import { readQuery } from "@/lib/api/request";
import { route } from "@/lib/api/route";
import { getUsage, usageQuery } from "@/lib/images";

// GET /api/v1/usage?from=&to= — spend per day and provider, and the budget left today
export const GET = route(async ({ req, user }) => Response.json(await getUsage({ ...readQuery(req, usageQuery), user })));
