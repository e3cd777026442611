// Request bodies through the real upload route (issue 13, item 7): a file name's bidirectional controls are
// stripped; a client that abandons its upload is a 400 logged at info, not a logged 500; a body that drips in
// slower than REQUEST_BODY_TIMEOUT_SECONDS is refused with 408 request_timeout (JSON bodies as well).
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as createCollection } from "@/app/api/v1/collections/route";
import { POST as uploadRoute } from "@/app/api/v1/images/route";
import type { ImageDto } from "@/lib/images";
import { resetEnvForTests } from "@/lib/env";
import { expectError, expectJson, origin, send, uploadForm } from "../support/http";
import { solidImage } from "../support/images";
import { ensureLocalUser } from "../support/studio";

beforeAll(ensureLocalUser);
afterEach(() => {
  vi.unstubAllEnvs();
  resetEnvForTests();
});

/** A request whose body is `stream`, as a client on a slow or broken connection sends it. */
const streamed = (path: string, stream: ReadableStream<Uint8Array>, contentType: string) =>
  new Request(new URL(path, origin), { method: "POST", body: stream, headers: { "content-type": contentType }, duplex: "half" } as RequestInit);

/** The first part of a multipart upload, and a stream that sends it and then `then` (hang, or fail). */
function partialUpload(then: "hang" | "fail") {
  const boundary = "----studio-test-boundary";
  const head = new TextEncoder().encode(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`);
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(head);
      if (then === "fail") setTimeout(() => controller.error(Object.assign(new Error("aborted"), { code: "ECONNRESET" })), 20);
    },
  });
  return { stream, contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Lines the app wrote to stdout/stderr while `run` ran, parsed. */
async function logged<T>(run: () => Promise<T>): Promise<{ result: T; lines: Array<{ level: string; message: string }> }> {
  const lines: string[] = [];
  const out = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => (lines.push(String(chunk)), true));
  const err = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => (lines.push(String(chunk)), true));
  try {
    const result = await run();
    return { result, lines: lines.flatMap((l) => l.split("\n")).filter((l) => l.startsWith("{")).map((l) => JSON.parse(l)) };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

describe("uploads", () => {
  it("strip bidirectional controls (U+202E and friends) from the original name", async () => {
    const name = "invoice\u202Egnp.exe\u2066\u2069\u200E\u200F\u202A\u061C.png";
    const png = await solidImage(8, 8, [10, 20, 30]);
    const image = await expectJson<ImageDto>(await send(uploadRoute, "/api/v1/images", { body: uploadForm(png, { name, type: "image/png" }) }), 201);
    expect(image.originalName).toBe("invoicegnp.exe.png");
  });

  it("a client that aborts mid-upload gets a 400 and an info line, not a logged 500", async () => {
    vi.stubEnv("LOG_LEVEL", "info");
    resetEnvForTests();
    const { stream, contentType } = partialUpload("fail");
    const { result, lines } = await logged(() => uploadRoute(streamed("/api/v1/images", stream, contentType), { params: Promise.resolve({}) }));
    const error = await expectError(result, 400, "invalid_request");
    expect(error.message).toMatch(/closed the connection/);
    expect(lines.filter((l) => l.level === "error" || l.level === "warn")).toEqual([]);
    expect(lines.some((l) => l.level === "info" && /abandoned by the client/.test(l.message))).toBe(true);
  });
});

describe("REQUEST_BODY_TIMEOUT_SECONDS", () => {
  it("refuses an upload whose body stops arriving with 408 request_timeout", async () => {
    vi.stubEnv("REQUEST_BODY_TIMEOUT_SECONDS", "0.3");
    resetEnvForTests();
    const { stream, contentType } = partialUpload("hang");
    const error = await expectError(await uploadRoute(streamed("/api/v1/images", stream, contentType), { params: Promise.resolve({}) }), 408, "request_timeout");
    expect(error.message).toMatch(/did not arrive within 0\.3 seconds/);
  });

  it("refuses a JSON body that never ends the same way", async () => {
    vi.stubEnv("REQUEST_BODY_TIMEOUT_SECONDS", "0.3");
    resetEnvForTests();
    const stream = new ReadableStream<Uint8Array>({ start: (c) => c.enqueue(new TextEncoder().encode('{"name": "slo')) });
    await expectError(await createCollection(streamed("/api/v1/collections", stream, "application/json"), { params: Promise.resolve({}) }), 408, "request_timeout");
  });

  it("must be a positive number of seconds (a sentence names it)", async () => {
    const { parseEnv } = await import("@/lib/env");
    expect(parseEnv({}).REQUEST_BODY_TIMEOUT_SECONDS).toBe(30);
    expect(() => parseEnv({ REQUEST_BODY_TIMEOUT_SECONDS: "0" })).toThrow(/REQUEST_BODY_TIMEOUT_SECONDS must be a positive number of seconds/);
  });
});
