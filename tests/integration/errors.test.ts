// The error model at the HTTP level: status, code, message, request id, for each kind of bad request.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as unknownRoute } from "@/app/api/[...path]/route";
import { POST as createCollection } from "@/app/api/v1/collections/route";
import { GET as getImage } from "@/app/api/v1/images/[id]/route";
import { POST as resize } from "@/app/api/v1/images/[id]/resize/route";
import { GET as list, POST as uploadRoute } from "@/app/api/v1/images/route";
import { resetEnvForTests } from "@/lib/env";
import { expectError, send, uploadForm } from "../support/http";
import { bombPng, jpegPhotoLike, solidImage } from "../support/images";
import { ensureLocalUser, snapshot } from "../support/studio";

// A small upload limit keeps the 413 cases cheap; everything else here is far below it.
process.env.MAX_UPLOAD_MB = "1";
resetEnvForTests();

const uploadBytes = (bytes: Uint8Array, name = "x.png") => send(uploadRoute, "/api/v1/images", { body: uploadForm(bytes, { name }) });
const jpegHeader = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]);

let before: Awaited<ReturnType<typeof snapshot>>;
beforeAll(async () => {
  await ensureLocalUser();
  before = await snapshot();
});

describe("request ids", () => {
  it("every response carries X-Request-Id; a sane incoming one is kept, a hostile one replaced", async () => {
    const ok = await send(list, "/api/v1/images");
    expect(ok.headers.get("x-request-id")).toMatch(/^req_[\w-]{12}$/);
    const kept = await send(list, "/api/v1/images", { headers: { "x-request-id": "trace-abc-123" } });
    expect(kept.headers.get("x-request-id")).toBe("trace-abc-123");
    const replaced = await send(getImage, "/api/v1/images/nope", { headers: { "x-request-id": "<script>" }, params: { id: "nope" } });
    const error = await expectError(replaced, 404, "not_found");
    expect(error.requestId).toMatch(/^req_/);
    const ids = new Set(await Promise.all([1, 2, 3].map(async () => (await send(list, "/api/v1/images")).headers.get("x-request-id"))));
    expect(ids.size).toBe(3);
  });

  it("an unknown /api path is a JSON 404, not an HTML page", async () => {
    const res = await send(unknownRoute, "/api/v1/nothing-here", { params: { path: ["v1", "nothing-here"] } });
    const error = await expectError(res, 404, "not_found");
    expect(error.message).toBe("No route GET /api/v1/nothing-here");
  });
});

describe("bad uploads", () => {
  it("zero bytes → 400 invalid_request", async () => {
    expect((await expectError(await uploadBytes(Buffer.alloc(0)), 400, "invalid_request")).message).toMatch(/empty/);
  });

  it("a truncated JPEG → 422 invalid_image", async () => {
    const jpeg = await jpegPhotoLike(200, 150);
    const error = await expectError(await uploadBytes(jpeg.subarray(0, Math.floor(jpeg.length / 2)), "cut.jpg"), 422, "invalid_image");
    expect(error.message).toMatch(/JPEG/);
  });

  it("a text file named .png → 415, decided from the bytes", async () => {
    const error = await expectError(await uploadBytes(Buffer.from("just some words, honestly\n".repeat(4)), "photo.png"), 415, "unsupported_media_type");
    expect(error.message).toMatch(/text file/);
  });

  it("an SVG with a script → 415 naming SVG", async () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>`;
    const error = await expectError(await uploadBytes(Buffer.from(svg), "logo.svg"), 415, "unsupported_media_type");
    expect(error.message).toMatch(/SVG/);
  });

  it("a PNG whose header claims 30000×30000 → 422 at once, without decoding", async () => {
    const started = performance.now();
    const error = await expectError(await uploadBytes(bombPng(30000, 30000), "bomb.png"), 422, "invalid_image");
    expect(performance.now() - started).toBeLessThan(1500);
    expect(error.message).toMatch(/30000×30000/);
  });

  it("a body over the limit → 413, refused while it streams", async () => {
    const big = Buffer.concat([jpegHeader, randomBytes(2 * 1024 * 1024)]);
    const error = await expectError(await uploadBytes(big, "big.jpg"), 413, "payload_too_large");
    expect(error.message).toMatch(/1 MB limit/);
  });

  it("a file just over the limit inside a body that fits the framing allowance → 413", async () => {
    const file = Buffer.concat([jpegHeader, randomBytes(1024 * 1024 + 10 * 1024)]);
    await expectError(await uploadBytes(file, "big.jpg"), 413, "payload_too_large");
  });

  it("a declared Content-Length over the limit → 413 before reading", async () => {
    const req = new Request("http://test.local/api/v1/images", {
      method: "POST",
      headers: { "content-type": "multipart/form-data; boundary=x", "content-length": String(50 * 1024 * 1024) },
      body: "--x--",
    });
    await expectError(await uploadRoute(req, { params: Promise.resolve({}) }), 413, "payload_too_large");
  });

  it("a multipart body without the file field → 400 naming the field", async () => {
    const form = new FormData();
    form.set("image", "not a file");
    const error = await expectError(await send(uploadRoute, "/api/v1/images", { body: form }), 400, "invalid_request");
    expect(error.message).toMatch(/"file"/);
  });

  it("a body that is not multipart, or is malformed multipart → 400", async () => {
    await expectError(await send(uploadRoute, "/api/v1/images", { json: { file: "x" } }), 400, "invalid_request");
    const broken = await send(uploadRoute, "/api/v1/images", {
      body: "--b\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nunterminated",
      headers: { "content-type": "multipart/form-data; boundary=b" },
    });
    await expectError(broken, 400, "invalid_request");
  });

  it("a fine image still uploads after all that, and the failures left nothing behind", async () => {
    expect(await snapshot()).toEqual(before);
    expect((await uploadBytes(await solidImage(10, 10, [1, 2, 3]))).status).toBe(201);
  });
});

describe("bad JSON bodies", () => {
  it("malformed JSON → 400 invalid_request saying so", async () => {
    const res = await send(createCollection, "/api/v1/collections", { body: '{"name": "x",', headers: { "content-type": "application/json" } });
    expect((await expectError(res, 400, "invalid_request")).message).toMatch(/not valid JSON/);
  });

  it("a non-JSON content type → 415", async () => {
    const res = await send(createCollection, "/api/v1/collections", { body: "name=x", headers: { "content-type": "application/x-www-form-urlencoded" } });
    await expectError(res, 415, "unsupported_media_type");
  });

  it("unknown fields and wrong types → 400 with zod issues in details", async () => {
    const res = await send(resize, "/api/v1/images/img_any/resize", { json: { width: "wide", colour: 1 }, params: { id: "img_any" } });
    const error = await expectError(res, 400, "invalid_request");
    expect(error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: ["width"] })]));
  });
});
