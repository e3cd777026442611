import { readQuery } from "@/lib/api/request";
import { route } from "@/lib/api/route";
import { imageExportQuery } from "@/lib/api/route-schemas";
import { exportImageFile } from "@/lib/images";

// GET /api/v1/images/{id}/export?format=&quality=&metadata=&marking= — a download: AI marking and Content Credentials
// always (marking=false only where ALLOW_UNMARKED_EXPORTS allows it), the provenance with metadata=true; an
// animation as a still format is its first frame, said in X-Image-Notice
export const GET = route<{ id: string }>(async ({ req, user, params }) => {
  const q = readQuery(req, imageExportQuery);
  const file = await exportImageFile({ user, imageId: params.id, format: q.format, quality: q.quality, metadata: q.metadata === "true", marking: q.marking === "true" });
  return new Response(new Uint8Array(file.data), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Length": String(file.data.length),
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
      ...(file.notice ? { "X-Image-Notice": file.notice } : {}),
    },
  });
});
