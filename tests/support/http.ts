/**
 * Calling App Router handlers directly with real `Request` objects, and checking the API's error shape.
 */
import { expect } from "vitest";

export const origin = "http://test.local";

/** The shape of an App Router handler as `route()`/`publicRoute()` produce it. */
export type Handler<P> = (req: Request, segment: { params: Promise<P> }) => Promise<Response>;

export interface SendOptions<P> {
  method?: string;
  /** Sent as JSON with Content-Type: application/json. */
  json?: unknown;
  body?: BodyInit;
  headers?: Record<string, string>;
  params?: P;
}

/** Builds a request for `path` (relative to the test origin) and runs `handler` on it. */
export function send<P>(handler: Handler<P>, path: string, options: SendOptions<P> = {}): Promise<Response> {
  const headers = new Headers(options.headers);
  let body = options.body;
  if (options.json !== undefined) {
    headers.set("content-type", "application/json");
    body = JSON.stringify(options.json);
  }
  const method = options.method ?? (body === undefined ? "GET" : "POST");
  const req = new Request(new URL(path, origin), { method, body, headers });
  return handler(req, { params: Promise.resolve((options.params ?? {}) as P) });
}

/** A multipart upload body with a `file` field (and any extra text fields). */
export function uploadForm(bytes: Uint8Array, options: { name?: string; type?: string; fields?: Record<string, string> } = {}) {
  const form = new FormData();
  form.set("file", new Blob([new Uint8Array(bytes)], { type: options.type ?? "application/octet-stream" }), options.name ?? "upload.bin");
  for (const [key, value] of Object.entries(options.fields ?? {})) form.set(key, value);
  return form;
}

export interface ErrorBody {
  code: string;
  message: string;
  requestId: string;
  details?: unknown;
}

/**
 * Asserts a response is an API error with this status and code, in the docs/api.md shape, with the header's request
 * id repeated in the body and no stack trace; returns the error object.
 */
export async function expectError(res: Response, status: number, code: string): Promise<ErrorBody> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  const requestId = res.headers.get("x-request-id");
  expect(requestId).toMatch(/^[\w-]{6,64}$/);
  const body = JSON.parse(text) as { error: ErrorBody };
  expect(Object.keys(body)).toEqual(["error"]);
  expect(body.error.code).toBe(code);
  expect(body.error.requestId).toBe(requestId);
  expect(typeof body.error.message).toBe("string");
  expect(body.error.message.length).toBeGreaterThan(5);
  expect(text).not.toMatch(/\bat .+\.(ts|js):\d+/); // no stack frames
  return body.error;
}

/** Asserts a successful JSON response with this status (and a request id), and returns its body. */
export async function expectJson<T = Record<string, unknown>>(res: Response, status = 200): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  expect(res.headers.get("x-request-id")).toMatch(/^req_[\w-]+$/);
  return JSON.parse(text) as T;
}

/** The bytes of a response, after checking its status. */
export async function expectBytes(res: Response, status = 200): Promise<Buffer> {
  if (res.status !== status) expect(res.status, await res.text()).toBe(status);
  return Buffer.from(await res.arrayBuffer());
}
