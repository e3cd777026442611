// PATCH /api/v1/images/{id} {rating}: 1–5 stored and shown in the DTO, null clears it, anything else is a 400.
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getImage, PATCH as patchImage } from "@/app/api/v1/images/[id]/route";
import { db } from "@/lib/db";
import type { ImageDto } from "@/lib/images";
import { expectError, expectJson, send } from "../support/http";
import { solidImage } from "../support/images";
import { ensureLocalUser, ensureUser, seedImage, upload } from "../support/studio";

const patch = (id: string, json: unknown) => send(patchImage, `/api/v1/images/${id}`, { method: "PATCH", json, params: { id } });
const get = async (id: string) => expectJson<ImageDto>(await send(getImage, `/api/v1/images/${id}`, { params: { id } }));

describe("image rating", () => {
  let image: ImageDto;

  beforeAll(async () => {
    await ensureLocalUser();
    await ensureUser("other");
    image = await upload(await solidImage(30, 20, [120, 40, 200]), { name: "rated.png" });
  });

  it("is null for a new image", async () => {
    expect(image.rating).toBeNull();
    expect((await get(image.id)).rating).toBeNull();
  });

  it("PATCH {rating} stores 1–5, leaving the star alone, and null clears it", async () => {
    await expectJson(await patch(image.id, { favorite: true }));
    expect(await expectJson<ImageDto>(await patch(image.id, { rating: 4 }))).toMatchObject({ rating: 4, favorite: true });
    expect((await get(image.id)).rating).toBe(4);
    expect((await db().image.findUniqueOrThrow({ where: { id: image.id } })).rating).toBe(4);
    expect((await expectJson<ImageDto>(await patch(image.id, { rating: null }))).rating).toBeNull();
    expect((await get(image.id)).rating).toBeNull();
  });

  it("refuses 0, 6, 2.5 and strings, naming rating", async () => {
    for (const rating of [0, 6, 2.5, "3"]) {
      const body = await expectError(await patch(image.id, { rating }), 400, "invalid_request");
      expect(JSON.stringify(body.details) + body.message).toMatch(/rating/);
    }
    expect((await get(image.id)).rating).toBeNull();
  });

  it("someone else's image is a 404 and stays unrated", async () => {
    const theirs = await seedImage({ ownerId: "other" });
    await expectError(await patch(theirs.id, { rating: 5 }), 404, "not_found");
    expect((await db().image.findUniqueOrThrow({ where: { id: theirs.id } })).rating).toBeNull();
  });
});
