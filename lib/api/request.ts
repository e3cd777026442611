import "server-only";
import { z } from "zod";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";

const jsonLimit = 1024 * 1024;

/**
 * Reads a request body up to `maxBytes`, failing with 413 as soon as it is exceeded (never buffering more), and with
 * 408 when it has not arrived in full within REQUEST_BODY_TIMEOUT_SECONDS (a client dripping bytes would otherwise
 * hold the connection and this request for minutes). A body the client abandons is its choice, not our failure: a
 * 400 and an info line, not a logged 500.
 */
export async function readBody(request: Request, maxBytes: number, what = "The request body"): Promise<Uint8Array> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(what, maxBytes);
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const seconds = env().REQUEST_BODY_TIMEOUT_SECONDS;
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AppError("request_timeout", `${what} did not arrive within ${seconds} seconds.`)), seconds * 1000);
  });
  expired.catch(() => {});
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), expired]);
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) throw tooLarge(what, maxBytes);
      chunks.push(value);
    }
  } catch (error) {
    // Not awaited: cancelling a body whose client has stopped sending may wait for that client.
    reader.cancel().catch(() => {});
    if (error instanceof AppError) throw error;
    // Only the client (or the connection) can fail a body stream: it closed the connection mid-upload.
    log.info("request body abandoned by the client", { method: request.method, path: new URL(request.url).pathname, reason: (error as Error)?.message });
    throw new AppError("invalid_request", `${what} ended early: the client closed the connection.`);
  } finally {
    clearTimeout(timer);
  }
  return Buffer.concat(chunks, total);
}

const tooLarge = (what: string, max: number) =>
  new AppError("payload_too_large", `${what} is larger than the ${Math.round(max / 1024 / 1024)} MB limit.`);

/** Parses a JSON body (≤ 1 MB unless a route allows more); malformed JSON or a non-object is a 400. */
export async function readJson(request: Request, maxBytes = jsonLimit): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  if (type && !/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
    throw new AppError("unsupported_media_type", `Send JSON with Content-Type: application/json (got ${type}).`);
  }
  const text = Buffer.from(await readBody(request, maxBytes)).toString("utf8");
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new AppError("invalid_request", `The body is not valid JSON: ${(e as Error).message}`);
  }
}

export interface UploadedFile {
  bytes: Uint8Array;
  name: string;
  type: string;
}

/**
 * Reads a multipart form with a file field, refusing bodies over `maxBytes` (plus room for the form's own
 * framing) while they stream in.
 */
export async function readMultipart(request: Request, options: { maxBytes: number; fileField: string }) {
  if (!isMultipart(request)) {
    throw new AppError("invalid_request", `Upload the image as multipart/form-data with a "${options.fileField}" field.`);
  }
  const form = await readForm(request, options.maxBytes + 64 * 1024, "The upload");
  const file = form.files.find((f) => f.field === options.fileField)?.file;
  if (!file) {
    throw new AppError("invalid_request", `The form has no "${options.fileField}" file field.`, {
      details: [{ path: [options.fileField], message: "required" }],
    });
  }
  // A text field's last value, as FormData.forEach leaves it.
  const fields: Record<string, string> = Object.fromEntries([...form.fields].map(([key, values]) => [key, values[values.length - 1]]));
  return { file, fields };
}

/** A multipart form's text fields (each name's values in order) and files (with their field names, in order). */
export interface ReadForm {
  fields: Map<string, string[]>;
  files: Array<{ field: string; file: UploadedFile }>;
}

/** Reads a whole multipart form of at most `maxBytes` (413 past it, while it streams in). */
export async function readForm(request: Request, maxBytes: number, what = "The form"): Promise<ReadForm> {
  const type = request.headers.get("content-type") ?? "";
  const body = await readBody(request, maxBytes, what);
  let form: FormData;
  try {
    form = await new Response(body as BodyInit, { headers: { "content-type": type } }).formData();
  } catch {
    throw new AppError("invalid_request", "The multipart body is malformed.");
  }
  const fields = new Map<string, string[]>();
  const files: ReadForm["files"] = [];
  for (const [key, value] of form.entries()) {
    if (typeof value === "string") fields.set(key, [...(fields.get(key) ?? []), value]);
    else files.push({ field: key, file: { bytes: new Uint8Array(await value.arrayBuffer()), name: value.name, type: value.type } });
  }
  return { fields, files };
}

/** Whether a request carries a multipart form. */
export const isMultipart = (request: Request) => /^multipart\/form-data\b/i.test(request.headers.get("content-type") ?? "");

/** Parses the query string against a schema (values arrive as strings: use z.coerce where needed). */
export function readQuery<T extends z.ZodType>(request: Request, schema: T): z.output<T> {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  return schema.parse(params);
}

/** The `Idempotency-Key` header of a POST that creates work, if any. */
export function idempotencyKeyOf(request: Request): string | undefined {
  return request.headers.get("idempotency-key")?.trim() || undefined;
}
