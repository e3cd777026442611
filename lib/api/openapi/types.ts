/** The shape of the operation registry the OpenAPI document is built from (lib/api/openapi/document.ts). */
import type { z } from "zod";
import type { ApiKeyScope } from "@/lib/auth/api-keys";
import type { ErrorCode } from "@/lib/error-codes";
import type { ResponseSchemaName } from "./response-schemas";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** Request headers some operations read (their meaning: lib/api/openapi/components.ts `headerParameters`). */
export type RequestHeader = "Idempotency-Key" | "Prefer" | "Last-Event-ID" | "If-None-Match";

/** A request body, as the route reads it: the very zod schema it parses with. */
export type RequestBody =
  /** `application/json`, parsed with `schema`. */
  | { kind: "json"; schema: z.ZodType }
  /** A job request: JSON, or a multipart form with the JSON in `body` and reference pictures as `references` files. */
  | { kind: "job"; schema: z.ZodType }
  /** A multipart upload: the picture in `file`, the other fields parsed with `fields`. */
  | { kind: "upload"; fields: z.ZodObject }
  /** POST /api/v1/jobs: `{type, ...}`, each type taking another route's body, plus `fields` (the `imageId` to start from). */
  | { kind: "work-package"; variants: ReadonlyArray<{ type: string; schema: z.ZodType; fields?: z.ZodType }> };

/** What a successful call answers. */
export interface SuccessResponse {
  status: number;
  description: string;
  /** A JSON body, by the name of its response schema (see response-schemas.ts); none for a 204 or a file. */
  schema?: ResponseSchemaName;
  /** A body that is not JSON: a file, a zip, an event stream. */
  contentType?: string;
}

export interface Operation {
  method: HttpMethod;
  /** The path as OpenAPI writes it: `/api/v1/images/{id}` for the route file app/api/v1/images/[id]/route.ts. */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  /** The API-key scope the route needs (lib/api/route.ts), or "public": no credentials at all (publicRoute). */
  auth: ApiKeyScope | "public";
  /** People only (a session or the local owner): API keys are refused (`callers` in lib/api/route.ts). */
  peopleOnly?: boolean;
  /** Administrators only: others get 403. */
  adminOnly?: boolean;
  /** The query string, as the route parses it (a zod object, possibly with a transform). */
  query?: z.ZodType;
  headers?: RequestHeader[];
  body?: RequestBody;
  responses: SuccessResponse[];
  /** Error codes this operation can answer besides those every operation of its kind can (document.ts `errorsOf`). */
  errors?: ErrorCode[];
}

/** A method a route file exports that is deliberately not an operation (it answers like an unknown path). */
export interface NotAnOperation {
  method: HttpMethod;
  path: string;
  why: string;
}
