import { readQuery } from "@/lib/api/request";
import { route } from "@/lib/api/route";
import { listJobs, listJobsQuery } from "@/lib/images";

// GET /api/v1/jobs?status=&limit=&cursor= — the caller's jobs, newest first
export const GET = route(async ({ req, user, baseUrl }) => Response.json(await listJobs({ ...readQuery(req, listJobsQuery), user, baseUrl })));
