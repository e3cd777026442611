import { route } from "@/lib/api/route";
import { getImageCredentials } from "@/lib/images/credentials";

// GET /api/v1/images/{id}/credentials — the Content Credentials (C2PA) of the stored original, validated, with the chain
export const GET = route<{ id: string }>(async ({ user, params }) => Response.json(await getImageCredentials({ user, imageId: params.id })));
