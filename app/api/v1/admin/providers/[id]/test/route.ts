import { readJson } from "@/lib/api/request";
import { route } from "@/lib/api/route";
import { providerTestBody } from "@/lib/providers/settings/schema";
import { testProviderSetting } from "@/lib/providers/settings/service";

// POST /api/v1/admin/providers/{id}/test — {secret?, baseUrl?}: send the provider's cheapest unbilled request → {ok, message, status?, models?, request}
export const POST = route<{ id: string }>(async ({ req, user, params }) => Response.json(await testProviderSetting(user, params.id, providerTestBody.parse(await readJson(req)))), {
  callers: ["session", "local"],
});
