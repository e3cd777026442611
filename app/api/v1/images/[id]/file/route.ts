import { readQuery } from "@/lib/api/request";
import { route } from "@/lib/api/route";
import { imageFileQuery } from "@/lib/api/route-schemas";
import { getImageFile } from "@/lib/images";
import { fileSecurityHeaders } from "@/lib/images/files";

// GET /api/v1/images/{id}/file?variant=original|preview|thumbnail|icon-<size> — the bytes, cacheable forever
export const GET = route<{ id: string }>(async ({ req, user, params }) => {
  const { variant } = readQuery(req, imageFileQuery);
  const file = await getImageFile({ user, imageId: params.id, variant });
  const headers = {
    ETag: file.etag,
    "Cache-Control": "private, max-age=31536000, immutable",
    ...fileSecurityHeaders,
  };
  if (req.headers.get("if-none-match") === file.etag) {
    await file.body.cancel();
    return new Response(null, { status: 304, headers });
  }
  return new Response(file.body, {
    headers: {
      ...headers,
      "Content-Type": file.contentType,
      "Content-Length": String(file.size),
      "Content-Disposition": `inline; filename="${file.fileName}"`,
    },
  });
});
