// CSRF through a real route handler: a state-changing request a browser sent from another site is refused with
// 403 and changes nothing; our own pages, non-browser clients and reads pass. The check lives in lib/api/csrf.ts
// and is called by the route wrapper (lib/api/route.ts) for every caller that is not an API key.
import { beforeAll, describe, expect, it } from "vitest";
import { GET as listCollections, POST as createCollection } from "@/app/api/v1/collections/route";
import { db } from "@/lib/db";
import type { CollectionDto } from "@/lib/images";
import { expectError, expectJson, origin, send } from "../support/http";
import { ensureLocalUser } from "../support/studio";

const post = (name: string, headers: Record<string, string> = {}) => send(createCollection, "/api/v1/collections", { json: { name }, headers });
const countNamed = (name: string) => db().collection.count({ where: { name } });

describe("CSRF on state-changing routes", () => {
  beforeAll(ensureLocalUser);

  it("refuses a POST whose Origin is another site, and creates nothing", async () => {
    const error = await expectError(await post("Forged by origin", { origin: "https://evil.example" }), 403, "forbidden");
    expect(error.message).toMatch(/^Cross-site request refused/);
    expect(await countNamed("Forged by origin")).toBe(0);
  });

  it("refuses a POST a browser marks Sec-Fetch-Site: cross-site (and same-site), and creates nothing", async () => {
    await expectError(await post("Forged by fetch metadata", { "sec-fetch-site": "cross-site" }), 403, "forbidden");
    // Fetch metadata wins over an Origin that would match.
    await expectError(await post("Forged by fetch metadata", { "sec-fetch-site": "cross-site", origin }), 403, "forbidden");
    await expectError(await post("Forged by fetch metadata", { "sec-fetch-site": "same-site" }), 403, "forbidden");
    expect(await countNamed("Forged by fetch metadata")).toBe(0);
  });

  it("accepts our own pages: Origin equal to the app's, or Sec-Fetch-Site same-origin", async () => {
    const byOrigin = await expectJson<CollectionDto>(await post("Made by the app", { origin }), 201);
    expect(byOrigin.name).toBe("Made by the app");
    await expectJson(await post("Made by the app", { origin, "sec-fetch-site": "same-origin" }), 201);
    expect(await countNamed("Made by the app")).toBe(2);
  });

  it("accepts a request with neither header (curl, server to server)", async () => {
    await expectJson(await post("Made by curl"), 201);
    expect(await countNamed("Made by curl")).toBe(1);
  });

  it("lets reads through from anywhere", async () => {
    const headers = { origin: "https://evil.example", "sec-fetch-site": "cross-site" };
    const list = await expectJson<{ items: CollectionDto[] }>(await send(listCollections, "/api/v1/collections", { headers }), 200);
    expect(Array.isArray(list.items)).toBe(true);
  });
});
