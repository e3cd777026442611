import { route } from "@/lib/api/route";
import { listProviders } from "@/lib/providers/listing";

// GET /api/v1/providers — every provider: configured (and by whom: may the caller set it up?), healthy, models with capabilities and prices
export const GET = route(async ({ user }) => Response.json(await listProviders(user)));
