/** The registry's image, processing, palette and collection routes (see types.ts; the document: document.ts). */
import { imageDeleteQuery, imageExportQuery, imageFileQuery, imagePatchBody, imageUrlQuery, uploadFields } from "@/lib/api/route-schemas";
import { bulkDeleteBody, bulkRestoreBody, downloadBody } from "@/lib/images/bulk";
import { collectionImagesBody, collectionInput, collectionPatch } from "@/lib/images/collections";
import { applyPaletteBody, customPaletteBody, extractPaletteBody, extractPalettesBody, listPalettesQuery, paletteExportQuery } from "@/lib/images/palette-schema";
import { listImagesQuery } from "@/lib/images/query";
import { cropBody, filterBody, processBody, resizeBody } from "@/lib/images/schemas";
import type { Operation } from "./types";

const image = "/api/v1/images/{id}";
const processed = { status: 201, description: "The new, processed image (a child of the source).", schema: "Image" } as const;
// A trashed source is refused (409); every processing slot taken (503, Retry-After); a pipeline over its time (504).
const processingErrors = ["conflict", "busy", "timeout"] as const;

export const imageOperations: Operation[] = [
  { method: "GET", path: "/api/v1/images", tag: "Images", auth: "read", summary: "List the gallery (or the trash), newest first, keyset-paginated and searchable", query: listImagesQuery, responses: [{ status: 200, description: "One page of images.", schema: "ImagePage" }] },
  {
    method: "POST", path: "/api/v1/images", tag: "Images", auth: "write", summary: "Upload a picture (JPEG, PNG, WebP, AVIF, GIF; animations stay animated)",
    body: { kind: "upload", fields: uploadFields }, responses: [{ status: 201, description: "The stored image (`Location` names it).", schema: "Image" }], errors: ["invalid_image"],
  },
  { method: "GET", path: image, tag: "Images", auth: "read", summary: "An image with its direct children", responses: [{ status: 200, description: "The image.", schema: "ImageWithChildren" }] },
  { method: "PATCH", path: image, tag: "Images", auth: "write", summary: "Join or leave a collection, star or unstar, rate 1–5 (null clears)", body: { kind: "json", schema: imagePatchBody }, responses: [{ status: 200, description: "The image as changed.", schema: "Image" }] },
  {
    method: "DELETE", path: image, tag: "Images", auth: "write", summary: "Move an image to the trash, or with purge=true delete it for good", query: imageDeleteQuery,
    responses: [{ status: 204, description: "Deleted; `X-Orphaned-Children` says how many children lost their parent." }],
  },
  {
    method: "GET", path: `${image}/file`, tag: "Images", auth: "read", summary: "The image's bytes: original, preview, thumbnail or an icon size", query: imageFileQuery, headers: ["If-None-Match"],
    responses: [{ status: 200, description: "The file, cacheable forever (ETag).", contentType: "image/*" }, { status: 304, description: "Not modified (If-None-Match matched the ETag)." }],
  },
  {
    method: "GET", path: `${image}/export`, tag: "Images", auth: "read", summary: "A download with AI marking and Content Credentials, in a chosen format", query: imageExportQuery,
    responses: [{ status: 200, description: "The file as an attachment (`X-Image-Notice` when an animation became its first frame).", contentType: "image/*" }],
  },
  { method: "GET", path: `${image}/url`, tag: "Images", auth: "read", summary: "A temporary link to the original that works without credentials", query: imageUrlQuery, responses: [{ status: 200, description: "The signed link.", schema: "SignedUrl" }] },
  { method: "GET", path: `${image}/lineage`, tag: "Images", auth: "read", summary: "The image's ancestors and descendants as a graph", responses: [{ status: 200, description: "The family.", schema: "Lineage" }] },
  { method: "GET", path: `${image}/credentials`, tag: "Images", auth: "read", summary: "The stored original's Content Credentials (C2PA), validated", responses: [{ status: 200, description: "The manifests.", schema: "ContentCredentials" }] },
  { method: "POST", path: `${image}/restore`, tag: "Images", auth: "write", summary: "Restore an image from the trash, with its lineage and collections", responses: [{ status: 200, description: "The restored image.", schema: "ImageWithChildren" }] },
  { method: "POST", path: "/api/v1/images/bulk-delete", tag: "Images", auth: "write", summary: "Trash (or purge) images by ids or by the gallery's filters", body: { kind: "json", schema: bulkDeleteBody }, responses: [{ status: 200, description: "What was deleted.", schema: "BulkDeleteResult" }] },
  { method: "POST", path: "/api/v1/images/bulk-restore", tag: "Images", auth: "write", summary: "Restore images from the trash by ids", body: { kind: "json", schema: bulkRestoreBody }, responses: [{ status: 200, description: "What was restored.", schema: "BulkRestoreResult" }] },
  {
    method: "POST", path: "/api/v1/images/download", tag: "Images", auth: "read", summary: "A zip of images by ids or by the gallery's filters, with a manifest.json",
    description: "A POST only because the id list can be long: it changes nothing, so a read-only key may download.",
    body: { kind: "json", schema: downloadBody }, responses: [{ status: 200, description: "A streamed zip attachment (`X-Image-Count`).", contentType: "application/zip" }],
  },
  { method: "DELETE", path: "/api/v1/trash", tag: "Images", auth: "write", summary: "Empty the caller's trash: every image in it deleted for good", responses: [{ status: 200, description: "How many were purged.", schema: "TrashEmptied" }] },

  { method: "POST", path: `${image}/resize`, tag: "Processing", auth: "write", summary: "Resize an image into a new one", body: { kind: "json", schema: resizeBody }, responses: [processed], errors: [...processingErrors] },
  { method: "POST", path: `${image}/crop`, tag: "Processing", auth: "write", summary: "Crop an image into a new one", body: { kind: "json", schema: cropBody }, responses: [processed], errors: [...processingErrors] },
  { method: "POST", path: `${image}/filter`, tag: "Processing", auth: "write", summary: "Apply one filter into a new image", body: { kind: "json", schema: filterBody }, responses: [processed], errors: [...processingErrors] },
  { method: "POST", path: `${image}/process`, tag: "Processing", auth: "write", summary: "Run a list of operations into one new image", body: { kind: "json", schema: processBody }, responses: [processed], errors: [...processingErrors] },
  { method: "POST", path: `${image}/apply-palette`, tag: "Processing", auth: "write", summary: "Recolour an image toward a palette into a new one", body: { kind: "json", schema: applyPaletteBody }, responses: [processed], errors: [...processingErrors] },

  { method: "GET", path: `${image}/palettes`, tag: "Palettes", auth: "read", summary: "The palettes extracted from an image", responses: [{ status: 200, description: "Its palettes, oldest first.", schema: "PaletteList" }] },
  {
    method: "POST", path: `${image}/palettes`, tag: "Palettes", auth: "write", summary: "Extract a palette from an image", body: { kind: "json", schema: extractPaletteBody },
    responses: [{ status: 201, description: "The palette (`Location` names it).", schema: "Palette" }],
  },
  { method: "POST", path: `${image}/palettes/batch`, tag: "Palettes", auth: "write", summary: "Extract several palette types at once", body: { kind: "json", schema: extractPalettesBody }, responses: [{ status: 201, description: "The palettes.", schema: "PaletteList" }] },
  { method: "GET", path: "/api/v1/palettes", tag: "Palettes", auth: "read", summary: "The caller's palettes, newest first", query: listPalettesQuery, responses: [{ status: 200, description: "One page of palettes.", schema: "PalettePage" }] },
  { method: "POST", path: "/api/v1/palettes", tag: "Palettes", auth: "write", summary: "Save a custom palette", body: { kind: "json", schema: customPaletteBody }, responses: [{ status: 201, description: "The palette (`Location` names it).", schema: "Palette" }] },
  { method: "GET", path: "/api/v1/palettes/{id}", tag: "Palettes", auth: "read", summary: "A palette", responses: [{ status: 200, description: "The palette.", schema: "Palette" }] },
  { method: "DELETE", path: "/api/v1/palettes/{id}", tag: "Palettes", auth: "write", summary: "Delete a palette (images made with it stay)", responses: [{ status: 204, description: "Deleted." }] },
  {
    method: "GET", path: "/api/v1/palettes/{id}/export", tag: "Palettes", auth: "read", summary: "A palette as a file: CSS, Tailwind, JSON or PNG swatches", query: paletteExportQuery,
    responses: [{ status: 200, description: "The file as an attachment.", contentType: "*/*" }],
  },

  { method: "GET", path: "/api/v1/collections", tag: "Collections", auth: "read", summary: "The caller's collections, newest first", responses: [{ status: 200, description: "The collections.", schema: "CollectionList" }] },
  { method: "POST", path: "/api/v1/collections", tag: "Collections", auth: "write", summary: "Create a collection", body: { kind: "json", schema: collectionInput }, responses: [{ status: 201, description: "The collection.", schema: "Collection" }] },
  { method: "GET", path: "/api/v1/collections/{id}", tag: "Collections", auth: "read", summary: "A collection", responses: [{ status: 200, description: "The collection.", schema: "Collection" }] },
  // The route parses collectionPatch.strict(): unknown keys are refused.
  { method: "PATCH", path: "/api/v1/collections/{id}", tag: "Collections", auth: "write", summary: "Rename a collection or change its description", body: { kind: "json", schema: collectionPatch.strict() }, responses: [{ status: 200, description: "The collection as changed.", schema: "Collection" }] },
  { method: "DELETE", path: "/api/v1/collections/{id}", tag: "Collections", auth: "write", summary: "Delete a collection (its images stay in the gallery)", responses: [{ status: 204, description: "Deleted." }] },
  { method: "POST", path: "/api/v1/collections/{id}/images", tag: "Collections", auth: "write", summary: "Pin images to a collection", body: { kind: "json", schema: collectionImagesBody }, responses: [{ status: 200, description: "The collection.", schema: "Collection" }] },
  { method: "DELETE", path: "/api/v1/collections/{id}/images", tag: "Collections", auth: "write", summary: "Take images off a collection (they stay in the gallery)", body: { kind: "json", schema: collectionImagesBody }, responses: [{ status: 200, description: "The collection.", schema: "Collection" }] },
];
