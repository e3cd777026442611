// A failure halfway through saving an image leaves nothing behind: no row, no rendition row, no file.
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi, type MockInstance } from "vitest";
import { POST as filter } from "@/app/api/v1/images/[id]/filter/route";
import { POST as uploadRoute } from "@/app/api/v1/images/route";
import { env } from "@/lib/env";
import { storeImage } from "@/lib/images";
import { setStorageForTests, type StorageDriver } from "@/lib/storage";
import { LocalDiskStorage } from "@/lib/storage/local";
import { expectError, send, uploadForm } from "../support/http";
import { jpegPhotoLike, solidImage } from "../support/images";
import { ensureLocalUser, snapshot, storedFiles, upload } from "../support/studio";

const isRendition = (key: string) => /\/(preview|thumbnail)-[^/]+$/.test(key);

/** The real disk storage, with `put` replaced for some keys. */
function failingStorage(fail: (key: string) => boolean, mode: "before-write" | "after-write"): StorageDriver {
  const real = new LocalDiskStorage(env().storageDir);
  return Object.assign(Object.create(real) as LocalDiskStorage, {
    async put(key: string, body: Uint8Array, options: { contentType: string }) {
      if (!fail(key)) return real.put(key, body, options);
      // "after-write": the bytes landed but the driver still reports failure (a lost acknowledgement)
      if (mode === "after-write") await real.put(key, body, options);
      throw new Error(`disk on fire while writing ${key}`);
    },
  });
}

let stderr: MockInstance<typeof process.stderr.write>;
/** The error log lines written so far (swallowed, so the test output stays readable). */
const loggedErrors = () => stderr.mock.calls.map(([chunk]) => String(chunk)).filter((line) => line.includes('"level":"error"'));

beforeAll(ensureLocalUser);
beforeEach(() => {
  stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
});
afterEach(() => {
  setStorageForTests(undefined);
  stderr.mockRestore();
});

describe("no leftovers", () => {
  it.each(["before-write", "after-write"] as const)(
    "an upload whose rendition writes fail (%s) answers 500 and leaves no row and no file",
    async (mode) => {
      await upload(await solidImage(20, 20, [0, 0, 0])); // something already stored, which must stay
      const before = await snapshot();
      expect(before.files.length).toBeGreaterThan(0);
      const seen: string[] = [];
      setStorageForTests(failingStorage((key) => (seen.push(key), isRendition(key)), mode));

      const res = await send(uploadRoute, "/api/v1/images", { body: uploadForm(await jpegPhotoLike(600, 400), { name: "p.jpg" }) });
      const error = await expectError(res, 500, "internal");
      expect(error.message).not.toMatch(/disk on fire/); // no internals leak
      const logged = loggedErrors().filter((line) => line.includes(error.requestId));
      expect(logged).toHaveLength(1); // …but they are logged, under the request id
      expect(logged[0]).toContain("disk on fire");
      expect(seen.some((k) => /\/original-/.test(k))).toBe(true); // the original was written before the failure…
      expect(await snapshot()).toEqual(before); // …and removed again
    },
  );

  it("an upload whose original write fails answers 500 and leaves nothing", async () => {
    const before = await snapshot();
    setStorageForTests(failingStorage((key) => /\/original-/.test(key), "after-write"));
    const res = await send(uploadRoute, "/api/v1/images", { body: uploadForm(await solidImage(300, 300, [9, 90, 9])) });
    await expectError(res, 500, "internal");
    expect(await snapshot()).toEqual(before);
  });

  it("a processing request whose storage fails answers 500 and leaves nothing", async () => {
    const source = await upload(await solidImage(64, 64, [200, 100, 0]));
    const before = await snapshot();
    setStorageForTests(failingStorage(isRendition, "before-write"));
    const res = await send(filter, `/api/v1/images/${source.id}/filter`, { json: { type: "invert" }, params: { id: source.id } });
    await expectError(res, 500, "internal");
    expect(await snapshot()).toEqual(before);
  });

  it("storeImage removes the files it wrote when the database write fails", async () => {
    const before = await snapshot();
    const written: string[] = [];
    const real = new LocalDiskStorage(env().storageDir);
    setStorageForTests(
      Object.assign(Object.create(real) as LocalDiskStorage, {
        put: (key: string, body: Uint8Array, o: { contentType: string }) => (written.push(key), real.put(key, body, o)),
      }),
    );
    const data = await solidImage(50, 40, [1, 2, 3]);
    const attempt = storeImage({
      ownerId: "local",
      kind: "generated",
      data,
      format: "png",
      width: 50,
      height: 40,
      hasAlpha: false,
      collectionIds: ["col_does_not_exist"],
      fields: { prompt: "never saved" },
    });
    await expect(attempt).rejects.toMatchObject({ code: "not_found" });
    expect(written).toHaveLength(3); // original, preview, thumbnail reached the disk first
    expect(await snapshot()).toEqual(before);
  });

  it("an unknown parent is refused the same way", async () => {
    const before = await snapshot();
    const attempt = storeImage({
      ownerId: "local",
      kind: "processed",
      data: await solidImage(10, 10, [1, 1, 1]),
      format: "png",
      width: 10,
      height: 10,
      hasAlpha: false,
      parentId: "img_vanished",
    });
    await expect(attempt).rejects.toMatchObject({ code: "not_found" });
    expect(await snapshot()).toEqual(before);
  });

  it("failed uploads of bad bytes write nothing at all", async () => {
    const before = await snapshot();
    const bodies = [Buffer.alloc(0), Buffer.from("hello, not an image"), (await jpegPhotoLike(64, 64)).subarray(0, 300)];
    for (const bytes of bodies) {
      const res = await send(uploadRoute, "/api/v1/images", { body: uploadForm(bytes) });
      expect([400, 415, 422]).toContain(res.status);
      await res.text();
    }
    expect(await snapshot()).toEqual(before);
    expect(storedFiles().some((f) => f.endsWith(".tmp"))).toBe(false);
  });
});
