import { z } from "zod";
import { readQuery } from "@/lib/api/request";
import { route } from "@/lib/api/route";
import { exportImageFile } from "@/lib/images";
import { outputFormats } from "@/lib/processing";

const query = z.object({
  format: z.enum(outputFormats, { error: `format must be one of ${outputFormats.join(", ")}` }).optional(),
  quality: z.coerce.number().int("quality must be a whole number").min(1, "quality must be 1–100").max(100, "quality must be 1–100").optional(),
  metadata: z.enum(["true", "false"], { error: "metadata must be true or false" }).default("true"),
  marking: z.enum(["true", "false"], { error: "marking must be true or false" }).default("true"),
});

// GET /api/v1/images/{id}/export?format=&quality=&metadata=&marking= — a download: AI marking and Content Credentials
// always (marking=false only where ALLOW_UNMARKED_EXPORTS allows it), the provenance with metadata=true
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
    },
  });
});
