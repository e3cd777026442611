/** The document's shared parts: the Error schema (with every error code), security schemes, header parameters. */
import { z } from "zod";
import { errorCodes, type ErrorCode } from "@/lib/error-codes";
import { lastEventIdSchema } from "@/lib/images/jobs";
import type { RequestHeader } from "./types";

/** A zod schema as a JSON Schema (draft 2020-12, the dialect of OpenAPI 3.1), on its input side. */
export function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  // unrepresentable "any": a z.custom() (e.g. a processing operation checked in code) becomes {} rather than failing.
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: "draft-2020-12", io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  return rest;
}

/** The API's error body (docs/api.md "Conventions"), as lib/api/error-response.ts writes it. */
export const errorBody = z.object({
  error: z.object({
    code: z.enum(errorCodes as [ErrorCode, ...ErrorCode[]]).describe("What went wrong, as a code a program can switch on (docs/api.md lists when each is sent)."),
    message: z.string().describe("A sentence for people; it may change, the code does not."),
    requestId: z.string().describe("The request's X-Request-Id."),
    details: z.unknown().optional().describe("For invalid_request the zod issues `[{path, message, code, origin?, minimum?, maximum?, keys?, expected?}]`; otherwise the relevant numbers or names, when any."),
  }),
});

export const securitySchemes = {
  apiKey: {
    type: "http",
    scheme: "bearer",
    description: "An API key `isk_…` (Settings → API keys). Its scopes — read, write, generate — are listed per operation; a missing one is a 403.",
  },
  session: {
    type: "apiKey",
    in: "cookie",
    name: "authjs.session-token",
    description: "The studio's sign-in session (`__Secure-authjs.session-token` over HTTPS). State-changing requests must come from the studio itself (Sec-Fetch-Site / Origin).",
  },
};

const headerDescriptions: Record<RequestHeader, { description: string; schema: Record<string, unknown> }> = {
  "Idempotency-Key": {
    description: "A key of the caller's choosing: a retry with the same key and body answers the same job instead of making a second one (another body: 409).",
    schema: { type: "string" },
  },
  Prefer: { description: "`wait`: answer when the job has finished (201 with the finished job) instead of at once (202); `?wait=true` does the same.", schema: { type: "string", examples: ["wait"] } },
  "Last-Event-ID": { description: "Resume after this event id (also `?lastEventId=`); default 0, from the start.", schema: jsonSchema(lastEventIdSchema) },
  "If-None-Match": { description: "The ETag of a copy the caller has: 304 when it is still current.", schema: { type: "string" } },
};

export function headerParameter(name: RequestHeader) {
  return { name, in: "header", required: false, ...headerDescriptions[name] };
}
