import { z } from "zod";
import { readQuery } from "@/lib/api/request";
import { publicRoute } from "@/lib/api/route";
import { readSignedFile } from "@/lib/images";
import { fileSecurityHeaders } from "@/lib/images/files";

const query = z.object({
  expires: z.coerce.number().int(),
  signature: z.string().min(1).max(200),
  type: z.string().max(100).optional(),
  name: z.string().max(200).optional(),
});

// GET /api/files/{key}?expires=&signature= — a signed, expiring link to a stored file (no session needed)
export const GET = publicRoute<{ key: string[] }>(async ({ req, params }) => {
  const q = readQuery(req, query);
  const key = params.key.join("/");
  const file = await readSignedFile({ key, expires: q.expires, signature: q.signature, contentType: q.type, downloadName: q.name });
  const maxAge = Math.max(0, q.expires - Math.floor(Date.now() / 1000));
  const headers: Record<string, string> = {
    "Content-Type": q.type ?? "application/octet-stream",
    "Content-Length": String(file.size),
    "Cache-Control": `private, max-age=${maxAge}`,
    ...fileSecurityHeaders,
  };
  if (q.name) headers["Content-Disposition"] = `attachment; filename="${q.name.replace(/["\\\r\n]/g, "")}"`;
  return new Response(file.body, { headers });
});
