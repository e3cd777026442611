import { route } from "@/lib/api/route";
import { lastEventIdSchema, sseHeaders, streamJobEvents } from "@/lib/images";

// GET /api/v1/jobs/{id}/events — the job's events as Server-Sent Events, resuming after Last-Event-ID
export const GET = route<{ id: string }>(async ({ req, user, params, baseUrl }) => {
  const lastEventId = lastEventIdSchema.parse(req.headers.get("last-event-id") ?? new URL(req.url).searchParams.get("lastEventId") ?? 0);
  const stream = await streamJobEvents({ user, jobId: params.id, baseUrl, lastEventId, signal: req.signal });
  return new Response(stream, { headers: sseHeaders });
});
