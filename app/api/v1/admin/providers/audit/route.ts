import { route } from "@/lib/api/route";
import { auditQuery } from "@/lib/providers/settings/schema";
import { listProviderAuditLog } from "@/lib/providers/settings/service";

// GET /api/v1/admin/providers/audit?provider=&limit= — who changed or tested which provider, when (administrators; never a secret)
export const GET = route(async ({ req, user }) => {
  const query = auditQuery.parse(Object.fromEntries(new URL(req.url).searchParams));
  return Response.json(await listProviderAuditLog(user, query));
}, { callers: ["session", "local"] });
