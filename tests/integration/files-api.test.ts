// The bytes of an image: the file route (variants, ETag, caching), temporary URLs and the signed file route.
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as signedFile } from "@/app/api/files/[...key]/route";
import { GET as file } from "@/app/api/v1/images/[id]/file/route";
import { GET as urlRoute } from "@/app/api/v1/images/[id]/url/route";
import type { ImageDto } from "@/lib/images";
import { signedFilePath } from "@/lib/storage/signing";
import { expectBytes, expectError, expectJson, send } from "../support/http";
import { jpegPhotoLike, solidImage } from "../support/images";
import { ensureLocalUser, keysOf, upload } from "../support/studio";

let big: ImageDto; // 2000×1500 JPEG: preview and thumbnail are real downscales
let small: ImageDto; // 200×100 WebP: small enough to be its own preview

beforeAll(async () => {
  await ensureLocalUser();
  big = await upload(await jpegPhotoLike(2000, 1500), { name: "big.jpg" });
  small = await upload(await solidImage(200, 100, [10, 200, 30], "webp"), { name: "small.webp" });
});

const getFile = (id: string, query = "", headers: Record<string, string> = {}) =>
  send(file, `/api/v1/images/${id}/file${query}`, { params: { id }, headers });

/** Sends a request for a signed URL (absolute, as the API returns it) to the signed file route. */
function fetchSigned(url: string) {
  const { pathname } = new URL(url);
  expect(pathname.startsWith("/api/files/")).toBe(true);
  const key = pathname.slice("/api/files/".length).split("/").map(decodeURIComponent);
  return send(signedFile, url, { params: { key } });
}

describe("GET /api/v1/images/{id}/file", () => {
  it.each([
    ["", "image/jpeg", "jpeg", [2000, 1500]],
    ["?variant=original", "image/jpeg", "jpeg", [2000, 1500]],
    ["?variant=preview", "image/webp", "webp", [1440, 1080]],
    ["?variant=thumbnail", "image/webp", "webp", [320, 240]],
  ] as const)("serves %s with the right Content-Type and dimensions", async (query, type, format, [w, h]) => {
    const res = await getFile(big.id, query);
    const bytes = await expectBytes(res);
    expect(res.headers.get("content-type")).toBe(type);
    expect(res.headers.get("content-length")).toBe(String(bytes.length));
    expect(res.headers.get("x-request-id")).toMatch(/^req_/);
    const meta = await sharp(bytes).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual([format, w, h]);
  });

  it("serves a small WebP's original as its preview", async () => {
    const res = await getFile(small.id, "?variant=preview");
    const meta = await sharp(await expectBytes(res)).metadata();
    expect([res.headers.get("content-type"), meta.width, meta.height]).toEqual(["image/webp", 200, 100]);
    expect((await keysOf(small.id)).length).toBe(2); // original + thumbnail only
  });

  it("sends a strong ETag and long-lived private cache headers; If-None-Match answers 304", async () => {
    const res = await getFile(big.id, "?variant=thumbnail");
    await expectBytes(res);
    const etag = res.headers.get("etag")!;
    expect(etag).toMatch(/^"[^"]+"$/);
    expect(res.headers.get("cache-control")).toBe("private, max-age=31536000, immutable");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");

    const again = await getFile(big.id, "?variant=thumbnail", { "if-none-match": etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect(again.headers.get("etag")).toBe(etag);
    expect(again.headers.get("cache-control")).toContain("max-age=31536000");

    const original = await getFile(big.id);
    expect(original.headers.get("etag")).not.toBe(etag); // each variant has its own validator
    await original.arrayBuffer();
    const stale = await getFile(big.id, "?variant=thumbnail", { "if-none-match": '"something-else"' });
    expect(stale.status).toBe(200);
    await stale.arrayBuffer();
  });

  it("answers 400 for an unknown variant and 404 for an unknown image", async () => {
    await expectError(await getFile(big.id, "?variant=huge"), 400, "invalid_request");
    await expectError(await getFile("img_missing"), 404, "not_found");
  });
});

describe("GET /api/v1/images/{id}/url and the signed file route", () => {
  it("returns a signed URL that serves the original without a session", async () => {
    const before = Date.now();
    const res = await send(urlRoute, `/api/v1/images/${small.id}/url?expiresIn=120`, { params: { id: small.id } });
    const body = await expectJson<{ url: string; expiresAt: string }>(res);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(body.url).toMatch(/^http:\/\/test\.local\/api\/files\/u\/local\/.+\?.*signature=/);
    const expiresAt = Date.parse(body.expiresAt);
    expect(expiresAt).toBeGreaterThanOrEqual(before + 119_000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 121_000);

    const served = await fetchSigned(body.url);
    const bytes = await expectBytes(served);
    expect(served.headers.get("content-type")).toBe("image/webp");
    expect(served.headers.get("x-request-id")).toMatch(/^req_/);
    expect(served.headers.get("cache-control")).toMatch(/^private, max-age=(11[5-9]|120)$/);
    const direct = await expectBytes(await getFile(small.id));
    expect(bytes.equals(direct)).toBe(true);
  });

  it("refuses a tampered signature, key or expiry with 403", async () => {
    const { url } = await expectJson<{ url: string }>(
      await send(urlRoute, `/api/v1/images/${small.id}/url`, { params: { id: small.id } }),
    );
    const u = new URL(url);
    const signature = u.searchParams.get("signature")!;
    const flipped = new URL(url);
    flipped.searchParams.set("signature", (signature[0] === "A" ? "B" : "A") + signature.slice(1));
    const error = await expectError(await fetchSigned(flipped.toString()), 403, "forbidden");
    expect(error.message).toMatch(/not valid/);

    const later = new URL(url);
    later.searchParams.set("expires", String(Number(u.searchParams.get("expires")) + 3600));
    await expectError(await fetchSigned(later.toString()), 403, "forbidden");

    const [bigOriginal] = await keysOf(big.id);
    const otherKey = new URL(url);
    otherKey.pathname = `/api/files/${bigOriginal}`;
    await expectError(await fetchSigned(otherKey.toString()), 403, "forbidden");
  });

  it("refuses an expired link with 403", async () => {
    const [key] = await keysOf(small.id);
    const path = signedFilePath({ key, expires: Math.floor(Date.now() / 1000) - 5, contentType: "image/webp" });
    const error = await expectError(await fetchSigned(`http://test.local${path}`), 403, "forbidden");
    expect(error.message).toMatch(/expired/);

    const fresh = signedFilePath({ key, expires: Math.floor(Date.now() / 1000) + 60, contentType: "image/webp" });
    expect((await fetchSigned(`http://test.local${fresh}`)).status).toBe(200);
  });

  it("expires a real link made with expiresIn=1", async () => {
    const { url } = await expectJson<{ url: string }>(
      await send(urlRoute, `/api/v1/images/${small.id}/url?expiresIn=1`, { params: { id: small.id } }),
    );
    await new Promise((resolve) => setTimeout(resolve, 2100));
    await expectError(await fetchSigned(url), 403, "forbidden");
  });

  it("validates expiresIn (whole seconds, at least 1, at most the configured maximum)", async () => {
    for (const value of ["0", "-5", "1.5", "abc", String(8 * 24 * 3600)]) {
      const res = await send(urlRoute, `/api/v1/images/${small.id}/url?expiresIn=${value}`, { params: { id: small.id } });
      const error = await expectError(res, 400, "invalid_request");
      expect(error.message).toMatch(/expiresIn/);
    }
  });

  it("answers 404 when a validly signed key has no file", async () => {
    const path = signedFilePath({ key: "u/local/img_gone/original-0000.png", expires: Math.floor(Date.now() / 1000) + 60 });
    await expectError(await fetchSigned(`http://test.local${path}`), 404, "not_found");
  });
});
