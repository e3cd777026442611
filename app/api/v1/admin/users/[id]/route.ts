import { readJson } from "@/lib/api/request";
import { route } from "@/lib/api/route";
import { updateUser, updateUserBody } from "@/lib/usage/users";

// PATCH /api/v1/admin/users/{id} — {dailyBudgetUsd?, rateLimitPerMinute?, role?} (administrators; null = instance default)
export const PATCH = route<{ id: string }>(async ({ req, user, params }) => Response.json(await updateUser(user, params.id, updateUserBody.parse(await readJson(req)))));
