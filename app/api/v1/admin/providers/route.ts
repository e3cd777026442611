import { route } from "@/lib/api/route";
import { listProviderSettings } from "@/lib/providers/settings/service";

// GET /api/v1/admin/providers — the providers that can be connected in the app: who configures each, key hint, base URL (administrators)
export const GET = route(async ({ user }) => Response.json(await listProviderSettings(user)), { callers: ["session", "local"] });
