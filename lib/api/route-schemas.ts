/**
 * Request schemas that used to be declared inside route files: a route file may export only its handlers, and the
 * OpenAPI document (lib/api/openapi) must read the very objects the routes parse with. The routes' other schemas
 * live beside their services (lib/images/*-schema.ts, lib/providers/settings/schema.ts, lib/usage/users.ts).
 */
import { z } from "zod";
import { apiKeyScopes } from "@/lib/auth/api-keys";
import { storedFormats } from "@/lib/processing";

/** POST /api/v1/images (multipart): the form's fields besides `file`. */
export const uploadFields = z.object({ collectionId: z.string().min(1).max(100).optional() });

/** PATCH /api/v1/images/{id}: join or leave a collection, star or unstar, rate 1–5 (null clears). */
export const imagePatchBody = z
  .object({
    collectionId: z.string().min(1).max(100).nullable().optional(),
    favorite: z.boolean({ error: "favorite must be true or false" }).optional(),
    rating: z.number({ error: "rating must be a whole number from 1 to 5, or null" }).int().min(1).max(5).nullable().optional(),
  })
  .strict();

/** DELETE /api/v1/images/{id}?purge=true|false. */
export const imageDeleteQuery = z.object({ purge: z.enum(["true", "false"], { error: "purge must be true or false" }).optional() });

/** GET /api/v1/images/{id}/file?variant=original|preview|thumbnail|icon-<size>. */
export const imageFileQuery = z.object({
  variant: z
    .union([z.enum(["original", "preview", "thumbnail"]), z.templateLiteral(["icon-", z.number().int().min(1).max(4096)])], {
      error: "variant must be original, preview, thumbnail or icon-<size>",
    })
    .default("original"),
});

/** GET /api/v1/images/{id}/export?format=&quality=&metadata=&marking=. */
export const imageExportQuery = z.object({
  // gif: only for an animated image (a still is refused by the service, 400).
  format: z.enum(storedFormats, { error: `format must be one of ${storedFormats.join(", ")}` }).optional(),
  quality: z.coerce.number().int("quality must be a whole number").min(1, "quality must be 1–100").max(100, "quality must be 1–100").optional(),
  metadata: z.enum(["true", "false"], { error: "metadata must be true or false" }).default("true"),
  marking: z.enum(["true", "false"], { error: "marking must be true or false" }).default("true"),
});

/** GET /api/v1/images/{id}/url?expiresIn=3600. */
export const imageUrlQuery = z.object({
  expiresIn: z.coerce.number().int("expiresIn must be whole seconds").min(1, "expiresIn must be at least 1 second").default(3600),
});

/** POST /api/v1/keys: {name, scopes}. */
export const createKeyBody = z
  .object({
    name: z.string({ error: "name is required" }).trim().min(1, "name must not be empty").max(100, "name must be at most 100 characters"),
    scopes: z.array(z.string()).min(1, `scopes must name at least one of ${apiKeyScopes.join(", ")}`).default(["read"]),
  })
  .strict();
