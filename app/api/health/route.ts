import { publicRoute } from "@/lib/api/route";
import { checkHealth } from "@/lib/health";

export const dynamic = "force-dynamic";

// GET /api/health — database and storage reachable?
export const GET = publicRoute(async () => {
  const report = await checkHealth();
  return Response.json(report, { status: report.status === "healthy" ? 200 : 503, headers: { "Cache-Control": "no-store" } });
});
