import { route } from "@/lib/api/route";
import { listProviders } from "@/lib/providers/listing";

// GET /api/v1/providers — every provider: configured, healthy, models with capabilities and prices
export const GET = route(async () => Response.json(await listProviders()));
