import { readMultipart, readQuery } from "@/lib/api/request";
import { route } from "@/lib/api/route";
import { uploadFields } from "@/lib/api/route-schemas";
import { env } from "@/lib/env";
import { listImages, listImagesQuery, uploadImage } from "@/lib/images";

// GET /api/v1/images — the gallery, newest first, keyset-paginated, searchable by prompt
export const GET = route(async ({ req, user, baseUrl }) => {
  const query = readQuery(req, listImagesQuery);
  return Response.json(await listImages({ ...query, user, baseUrl }));
});

// POST /api/v1/images — multipart upload (field `file`, optional `collectionId`)
export const POST = route(async ({ req, user, baseUrl }) => {
  const { file, fields } = await readMultipart(req, { maxBytes: env().maxUploadBytes, fileField: "file" });
  const { collectionId } = uploadFields.parse(fields);
  const image = await uploadImage({ user, bytes: file.bytes, fileName: file.name, collectionId, baseUrl });
  return Response.json(image, { status: 201, headers: { Location: `/api/v1/images/${image.id}` } });
});
