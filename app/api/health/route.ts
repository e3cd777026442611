import { publicRoute } from "@/lib/api/route";
import { checkHealth } from "@/lib/api/health";

export const dynamic = "force-dynamic";

// GET /api/health — database and storage reachable? (200 also when "degraded": a default model is gone, see warnings)
export const GET = publicRoute(async () => {
  const report = await checkHealth();
  return Response.json(report, { status: report.status === "unhealthy" ? 503 : 200, headers: { "Cache-Control": "no-store" } });
});
