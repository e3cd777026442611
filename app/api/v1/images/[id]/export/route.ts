import { z } from "zod";
import { readQuery } from "@/lib/api/request";
import { route } from "@/lib/api/route";
import { exportImageFile } from "@/lib/images";
import { storedFormats } from "@/lib/processing";

const query = z.object({
  // gif: only for an animated image (a still is refused by the service, 400).
  format: z.enum(storedFormats, { error: `format must be one of ${storedFormats.join(", ")}` }).optional(),
  quality: z.coerce.number().int("quality must be a whole number").min(1, "quality must be 1–100").max(100, "quality must be 1–100").optional(),
  metadata: z.enum(["true", "false"], { error: "metadata must be true or false" }).default("true"),
  marking: z.enum(["true", "false"], { error: "marking must be true or false" }).default("true"),
});

// GET /api/v1/images/{id}/export?format=&quality=&metadata=&marking= — a download: AI marking and Content Credentials
// always (marking=false only where ALLOW_UNMARKED_EXPORTS allows it), the provenance with metadata=true; an
// animation as a still format is its first frame, said in X-Image-Notice
export const GET = route<{ id: string }>(async ({ req, user, params }) => {
  const q = readQuery(req, query);
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
