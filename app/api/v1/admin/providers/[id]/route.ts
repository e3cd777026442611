import { readJson } from "@/lib/api/request";
import { route } from "@/lib/api/route";
import { providerSettingBody } from "@/lib/providers/settings/schema";
import { deleteProviderSetting, saveProviderSetting } from "@/lib/providers/settings/service";

const people = { callers: ["session", "local"] } as const;

// PUT /api/v1/admin/providers/{id} — {enabled?, secret?, baseUrl?, name?}: connect or change a provider (administrators; stored sealed, audited)
export const PUT = route<{ id: string }>(async ({ req, user, params }) => Response.json(await saveProviderSetting(user, params.id, providerSettingBody.parse(await readJson(req)))), people);

// PATCH /api/v1/admin/providers/{id} — the same, for a few fields (e.g. {enabled: false})
export const PATCH = PUT;

// DELETE /api/v1/admin/providers/{id} — forget the stored key and settings → 204
export const DELETE = route<{ id: string }>(async ({ user, params }) => {
  await deleteProviderSetting(user, params.id);
  return new Response(null, { status: 204 });
}, people);
