// Bad input through real HTTP: every request is refused with the right status and a helpful docs/api.md error,
// the server stays healthy, and no row or file is added or lost.
import { randomBytes } from "node:crypto";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { bombPng, jpegPhotoLike, solidImage } from "../../tests/support/images";
import { dataState, expectApiError, expectNoTrace } from "./support";

const upload = (request: APIRequestContext, buffer: Buffer, name: string, mimeType = "image/png") =>
  request.post("/api/v1/images", { multipart: { file: { name, mimeType, buffer } } });

const jsonPost = (request: APIRequestContext, url: string, data: unknown) => request.post(url, { data });

let imageId: string; // a real 64×48 image for the processing and export cases
let smallMaskId: string; // a 32×32 image: a mask of the wrong size for it

test.beforeAll(async ({ playwright }, testInfo) => {
  const request = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
  const res = await upload(request, await solidImage(64, 48, [30, 60, 90]), "fixture.png");
  expect(res.status(), await res.text()).toBe(201);
  imageId = (await res.json()).id;
  const mask = await upload(request, await solidImage(32, 32, [255, 255, 255]), "mask.png");
  expect(mask.status(), await mask.text()).toBe(201);
  smallMaskId = (await mask.json()).id;
  await request.dispose();
});

test("control: the leftovers check does see a good upload (one row, two renditions, three files)", async ({ request }) => {
  const before = dataState();
  const res = await upload(request, await solidImage(32, 32, [200, 10, 10]), "good.png");
  expect(res.status()).toBe(201);
  const { id } = await res.json();
  const after = dataState();
  expect(after.images).toBe(before.images + 1);
  expect(after.renditions).toBe(before.renditions + 2);
  const added = after.files.filter((f) => !before.files.includes(f));
  expect(added).toHaveLength(3);
  expect(added.every((f) => f.includes(`/${id}/`))).toBe(true);
});

test.describe("bad uploads", () => {
  test("a zero-byte file → 400", async ({ request }) => {
    await expectNoTrace(request, async () => {
      await expectApiError(await upload(request, Buffer.alloc(0), "empty.png"), 400, "invalid_request", /empty/i);
    });
  });

  test("a truncated JPEG → 422", async ({ request }) => {
    const jpeg = await jpegPhotoLike(320, 240);
    await expectNoTrace(request, async () => {
      const res = await upload(request, jpeg.subarray(0, Math.floor(jpeg.length * 0.6)), "cut.jpg", "image/jpeg");
      await expectApiError(res, 422, "invalid_image", /JPEG.*(damaged|truncated)/);
    });
  });

  test("a text file named .png → 415", async ({ request }) => {
    await expectNoTrace(request, async () => {
      const res = await upload(request, Buffer.from("Dear diary, today I pretended to be a PNG.\n"), "photo.png");
      await expectApiError(res, 415, "unsupported_media_type", /text file.*JPEG, PNG, WebP, AVIF or GIF/);
    });
  });

  test("an SVG carrying a <script> → 415", async ({ request }) => {
    const svg = `<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><script>fetch("/api/v1/images")</script><rect width="64" height="64"/></svg>`;
    await expectNoTrace(request, async () => {
      const res = await upload(request, Buffer.from(svg), "logo.png", "image/png");
      await expectApiError(res, 415, "unsupported_media_type", /SVG/);
    });
  });

  test("a tiny PNG whose IHDR claims 30000×30000 → 422, answered at once", async ({ request }) => {
    const bomb = bombPng(30000, 30000);
    expect(bomb.length).toBeLessThan(200);
    await expectNoTrace(request, async () => {
      const started = Date.now();
      const res = await upload(request, bomb, "bomb.png");
      const elapsed = Date.now() - started;
      await expectApiError(res, 422, "invalid_image", /30000×30000.*limit/);
      expect(elapsed).toBeLessThan(1500);
    });
  });

  test("an upload over the 25 MB limit → 413", async ({ request }) => {
    const jpegHeader = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);
    const big = Buffer.concat([jpegHeader, randomBytes(26 * 1024 * 1024)]);
    await expectNoTrace(request, async () => {
      await expectApiError(await upload(request, big, "huge.jpg", "image/jpeg"), 413, "payload_too_large", /25 MB limit/);
    });
  });

  test("a multipart body without the file field → 400", async ({ request }) => {
    await expectNoTrace(request, async () => {
      const res = await request.post("/api/v1/images", { multipart: { image: "not the right field" } });
      await expectApiError(res, 400, "invalid_request", /"file"/);
    });
  });
});

test.describe("bad processing and export parameters", () => {
  const cases: { name: string; op: string; body: unknown; message: RegExp }[] = [
    { name: "crop outside the image", op: "crop", body: { x: 40, y: 30, width: 40, height: 40 }, message: /outside the 64×48 image/ },
    { name: "crop with a negative x", op: "crop", body: { x: -1, y: 0, width: 10, height: 10 }, message: /x must not be negative/ },
    { name: "crop with zero width", op: "crop", body: { x: 0, y: 0, width: 0, height: 10 }, message: /width must be at least 1/ },
    { name: "crop with negative height", op: "crop", body: { x: 0, y: 0, width: 10, height: -4 }, message: /height must be at least 1/ },
    { name: "resize to zero width", op: "resize", body: { width: 0 }, message: /width must be at least 1/ },
    { name: "resize to a negative height", op: "resize", body: { height: -20 }, message: /height must be at least 1/ },
    { name: "resize to negative sizes", op: "resize", body: { width: -5, height: -5, maintainAspectRatio: false }, message: /must be at least 1/ },
    { name: "an unknown filter", op: "filter", body: { type: "oil-paint" }, message: /Unknown filter "oil-paint": use one of .*grayscale/ },
  ];
  for (const c of cases) {
    test(`${c.name} → 400`, async ({ request }) => {
      await expectNoTrace(request, async () => {
        const res = await jsonPost(request, `/api/v1/images/${imageId}/${c.op}`, c.body);
        const error = await expectApiError(res, 400, "invalid_request", c.message);
        if (c.op !== "crop" || !/outside/.test(c.name)) expect(Array.isArray(error.details)).toBe(true);
      });
    });
  }

  for (const quality of [0, 101]) {
    test(`export quality ${quality} → 400`, async ({ request }) => {
      await expectNoTrace(request, async () => {
        const res = await request.get(`/api/v1/images/${imageId}/export?format=jpeg&quality=${quality}`);
        await expectApiError(res, 400, "invalid_request", /quality must be 1–100/);
      });
    });
  }
});

test.describe("bad creative operations: nothing queued, charged or stored", () => {
  const cases: { name: string; op: string; body: () => unknown; message: RegExp }[] = [
    { name: "variations with strength 1.5", op: "variations", body: () => ({ strength: 1.5 }), message: /strength must be from 0 to 1/ },
    { name: "refine with strength -0.1", op: "refine", body: () => ({ prompt: "brighter", strength: -0.1 }), message: /strength must be from 0 to 1/ },
    { name: "refine without a prompt", op: "refine", body: () => ({}), message: /prompt is required/ },
    { name: "refine with a mask of another size", op: "refine", body: () => ({ prompt: "brighter", maskImageId: smallMaskId }), message: /mask is 32×32 but the image is 64×48/ },
    { name: "refine on a provider that is not configured", op: "refine", body: () => ({ prompt: "brighter", provider: "openai" }), message: /not configured on this server: set OPENAI_API_KEY/ },
    { name: "a palette of 0 colours", op: "palettes", body: () => ({ numColors: 0 }), message: /numColors must be from 1 to 16/ },
    { name: "a palette of 17 colours", op: "palettes", body: () => ({ numColors: 17 }), message: /numColors must be from 1 to 16/ },
    { name: "an unknown palette type", op: "palettes", body: () => ({ type: "pastel" }), message: /type must be one of dominant, vibrant, muted/ },
    { name: "apply an unknown palette", op: "apply-palette", body: () => ({ paletteId: "pal_nope" }), message: /not one of your palettes/ },
  ];
  for (const c of cases) {
    test(`${c.name} → 400`, async ({ request }) => {
      await expectNoTrace(request, async () => {
        await expectApiError(await jsonPost(request, `/api/v1/images/${imageId}/${c.op}`, c.body()), 400, "invalid_request", c.message);
      });
    });
  }

  test("variations of an unknown image → 404", async ({ request }) => {
    await expectNoTrace(request, async () => {
      await expectApiError(await jsonPost(request, "/api/v1/images/img_00000000000000000000/variations", {}), 404, "not_found", /not found/);
    });
  });
});

test.describe("unknown ids and malformed bodies", () => {
  test("an unknown image id → 404", async ({ request }) => {
    await expectNoTrace(request, async () => {
      await expectApiError(await request.get("/api/v1/images/does-not-exist"), 404, "not_found", /Image does-not-exist not found/);
      const res = await jsonPost(request, "/api/v1/images/does-not-exist/resize", { width: 10 });
      await expectApiError(res, 404, "not_found", /not found/);
    });
  });

  test("a well-formed id owned by nobody → 404 on read, process, export and delete", async ({ request }) => {
    const id = "img_01aaaaaaaaaaaaaaaaaa";
    await expectNoTrace(request, async () => {
      await expectApiError(await request.get(`/api/v1/images/${id}`), 404, "not_found", new RegExp(`Image ${id} not found`));
      await expectApiError(await request.get(`/api/v1/images/${id}/file`), 404, "not_found", /not found/);
      await expectApiError(await request.get(`/api/v1/images/${id}/export?format=png`), 404, "not_found", /not found/);
      await expectApiError(await jsonPost(request, `/api/v1/images/${id}/filter`, { type: "invert" }), 404, "not_found", /not found/);
      await expectApiError(await request.delete(`/api/v1/images/${id}`), 404, "not_found", /not found/);
    });
  });

  test("malformed JSON → 400", async ({ request }) => {
    await expectNoTrace(request, async () => {
      const res = await request.post(`/api/v1/images/${imageId}/resize`, {
        headers: { "content-type": "application/json" },
        data: Buffer.from('{"width": 10,'), // a Buffer is sent as is (a string would be JSON-encoded)
      });
      await expectApiError(res, 400, "invalid_request", /not valid JSON/);
    });
  });
});
