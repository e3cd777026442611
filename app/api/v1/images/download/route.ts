import { readJson } from "@/lib/api/request";
import { publicRoute, route } from "@/lib/api/route";
import { AppError } from "@/lib/errors";
import { downloadBody, downloadImages } from "@/lib/images";

// POST /api/v1/images/download {ids | filter + except?, variant?} → a streamed application/zip attachment with a manifest.json
export const POST = route(async ({ req, user }) => {
  const body = downloadBody.parse(await readJson(req));
  const zip = await downloadImages({ user, ...body });
  return new Response(zip.body, {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="${zip.fileName}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
      "X-Image-Count": String(zip.count),
    },
  });
  // A POST only because the id list can be long: it changes nothing, so a read-only key may download.
}, { scope: "read" });

// Any other method: the API's 404, as for every path with no route.
export const GET = publicRoute(async ({ req }) => {
  throw new AppError("not_found", `No route ${req.method} ${new URL(req.url).pathname}`);
});
