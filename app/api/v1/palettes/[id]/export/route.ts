import { readQuery } from "@/lib/api/request";
import { route } from "@/lib/api/route";
import { exportPalette, paletteExportQuery } from "@/lib/images";

// GET /api/v1/palettes/{id}/export?format=css|tailwind|json|png — the palette as a file
export const GET = route<{ id: string }>(async ({ req, user, params }) => {
  const { format } = readQuery(req, paletteExportQuery);
  const file = await exportPalette({ user, paletteId: params.id, format });
  const body = typeof file.body === "string" ? file.body : new Uint8Array(file.body);
  return new Response(body, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.filename}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});
