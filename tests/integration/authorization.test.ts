// Authorization across every route of the API ("[5/7] Accounts and access"), in multi-user mode.
//
// The routes are discovered from app/api/**/route.ts, and every (route, method) must be classified in `table`
// below: `owned` (acts on one user's rows: user B gets 404 for user A's ids, and lists show B none of A's items),
// `self` (answers about the caller only), `admin` (403 for everyone else) or `public` (no caller, with the reason).
// A route or method added without a row here fails the first test, so no route escapes this file.
//
// Every owned and self case runs twice, with B's Auth.js session cookie and with B's API key (all scopes), and
// A's data is compared before and after each. Every non-public route answers 401 without credentials. Then: a
// revoked key stops at once, scopes hold, API keys cannot manage keys, cross-site POSTs with a cookie are refused
// while bearer keys are not, repeated wrong passwords lock the email out of the real Auth.js sign-in, and the
// cookie of a deleted account is no session.
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { keyHeaders, mintSessionCookie, sameOriginHeaders, sessionHeaders, signInWithPassword, signUp, withoutAuthJsError } from "../support/auth";
import { db } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import type { CollectionDto, ImageDto, PaletteDto } from "@/lib/images";
import type { JobDto } from "@/lib/images/job-dto";
import { LocalProvider } from "@/lib/providers/local";
import { setProvidersForTests } from "@/lib/providers/registry";
import { stopWebhookDeliveries } from "@/lib/webhooks/deliver";
import { webhookSigningSecret } from "@/lib/webhooks/secret";
import { expectError, expectJson, origin, uploadForm, type ErrorBody, type Handler } from "../support/http";
import { solidImage } from "../support/images";
import { storedPath } from "../support/studio";

// Before anything reads the configuration. Five attempts keep the wrong-password test short.
vi.stubEnv("AUTH_MODE", "multi-user");
vi.stubEnv("ALLOW_SIGN_UP", "true");
vi.stubEnv("SIGN_IN_ATTEMPTS_PER_15_MIN", "5");
resetEnvForTests();

// ---------------------------------------------------------------------------------------------------------------
// Route discovery
// ---------------------------------------------------------------------------------------------------------------

const root = path.resolve(import.meta.dirname, "../..");
const apiDir = path.join(root, "app/api");
const httpMethods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

interface DiscoveredRoute {
  /** The URL pattern in the file system's words: /api/v1/images/[id], /api/files/[...key]. */
  pattern: string;
  file: string;
  handlers: Partial<Record<(typeof httpMethods)[number], Handler<unknown>>>;
}

/** Every app/api/**\/route.ts (route groups dropped, private folders skipped) with its exported HTTP methods. */
async function discoverRoutes(): Promise<DiscoveredRoute[]> {
  const files = (readdirSync(apiDir, { recursive: true, encoding: "utf8" }) as string[])
    .map((f) => f.split(path.sep).join("/"))
    .filter((f) => /(^|\/)route\.(ts|tsx|js|mjs)$/.test(f))
    .sort();
  const routes: DiscoveredRoute[] = [];
  for (const file of files) {
    const folders = file.split("/").slice(0, -1);
    if (folders.some((s) => s.startsWith("_"))) continue; // private folders are not routed
    const pattern = ["/api", ...folders.filter((s) => !/^\(.*\)$/.test(s))].join("/");
    const mod = (await import(path.join(apiDir, file))) as Record<string, unknown>;
    const handlers: DiscoveredRoute["handlers"] = {};
    for (const method of httpMethods) if (typeof mod[method] === "function") handlers[method] = mod[method] as Handler<unknown>;
    routes.push({ pattern, file: `app/api/${file}`, handlers });
  }
  return routes;
}

/** The params Next would pass for `pathname` under `pattern`, or null when the path is not this route's. */
function paramsFor(pattern: string, pathname: string): Record<string, string | string[]> | null {
  const want = pattern.split("/").filter(Boolean);
  const got = pathname.split("/").filter(Boolean);
  const params: Record<string, string | string[]> = {};
  for (let i = 0; i < want.length; i++) {
    const catchAll = /^\[(\[)?\.\.\.(\w+)\]\]?$/.exec(want[i]);
    if (catchAll) {
      const rest = got.slice(i).map(decodeURIComponent);
      if (!rest.length && !catchAll[1]) return null; // [...x] needs a segment; [[...x]] does not
      params[catchAll[2]] = rest;
      return i === want.length - 1 ? params : null;
    }
    if (i >= got.length) return null;
    const dynamic = /^\[(\w+)\]$/.exec(want[i]);
    if (dynamic) params[dynamic[1]] = decodeURIComponent(got[i]);
    else if (want[i] !== got[i]) return null;
  }
  return want.length === got.length ? params : null;
}

const routes = await discoverRoutes();
/** "METHOD /pattern" → the discovered handler. */
const discovered = new Map<string, { route: DiscoveredRoute; method: string; handler: Handler<unknown> }>(
  routes.flatMap((r) => Object.entries(r.handlers).map(([method, handler]) => [`${method} ${r.pattern}`, { route: r, method, handler: handler! }] as const)),
);

// ---------------------------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------------------------

interface Person {
  id: string;
  email: string;
  password: string;
  session: string; // Cookie header
  key: string; // API key, all scopes
  keyId: string;
  keyPrefix: string;
}

interface Fixtures {
  a: Person & {
    collection: CollectionDto;
    job: JobDto;
    image: ImageDto; // generated by the job, in the collection, with a prompt
    child: ImageDto; // a resized copy of `image`
    palette: PaletteDto;
    storageKeys: string[];
  };
  b: Person & { image: ImageDto; mask: ImageDto };
}

let fx: Fixtures;

/** A's words and ids: none of them may appear in anything B is shown. */
const aSecretWord = "lighthousekeeperalice";
const aIdentifiers = () => [
  fx.a.id,
  fx.a.email,
  fx.a.keyId,
  fx.a.keyPrefix,
  fx.a.collection.id,
  fx.a.collection.name,
  fx.a.collection.slug,
  fx.a.job.id,
  fx.a.image.id,
  fx.a.child.id,
  fx.a.palette.id,
  fx.a.palette.name,
  aSecretWord,
  webhookSigningSecret(fx.a.id),
  ...fx.a.storageKeys,
];

function expectNothingOfA(text: string) {
  for (const secret of aIdentifiers()) expect(text, `B was shown "${secret}" of user A`).not.toContain(secret);
}

type Credential = "session" | "key";
const credentials: Credential[] = ["session", "key"];
const asB = (credential: Credential) => (credential === "session" ? sessionHeaders(fx.b.session) : keyHeaders(fx.b.key));

interface Probe {
  path: string;
  method?: string;
  json?: unknown;
  /** Any other body (multipart, a form post), built afresh for each request. */
  body?: () => Promise<BodyInit> | BodyInit;
  headers?: Record<string, string>;
}

/** Sends `probe` to the handler discovered for `key` ("METHOD /pattern"), with params derived from the path. */
async function call(key: string, probe: Probe, headers: Record<string, string> = {}): Promise<Response> {
  const entry = discovered.get(key);
  if (!entry) throw new Error(`No route ${key} was discovered`);
  const url = new URL(probe.path, origin);
  const params = paramsFor(entry.route.pattern, url.pathname);
  if (!params) throw new Error(`${probe.path} is not a path of ${entry.route.pattern}`);
  const all = new Headers({ ...headers, ...probe.headers });
  let body: BodyInit | undefined;
  if (probe.json !== undefined) {
    all.set("content-type", "application/json");
    body = JSON.stringify(probe.json);
  } else if (probe.body) {
    body = await probe.body();
  }
  const req = new Request(url, { method: probe.method ?? entry.method, headers: all, body });
  return entry.handler(req, { params: Promise.resolve(params) });
}

/** Everything of A's that B could change or remove, and everything B could add (nothing, for a refused request). */
async function dataOf(ownerId: string) {
  const [user, images, collections, palettes, jobs, keys] = await Promise.all([
    db().user.findUnique({ where: { id: ownerId }, select: { email: true, role: true, dailyBudgetUsd: true, rateLimitPerMinute: true, updatedAt: true } }),
    db().image.findMany({ where: { ownerId }, orderBy: { id: "asc" }, select: { id: true, parents: { select: { parentId: true, role: true }, orderBy: { parentId: "asc" } }, collections: { select: { collectionId: true }, orderBy: { collectionId: "asc" } }, storageKey: true } }),
    db().collection.findMany({ where: { ownerId }, orderBy: { id: "asc" } }),
    db().palette.findMany({ where: { ownerId }, orderBy: { id: "asc" } }),
    db().job.findMany({ where: { ownerId }, orderBy: { id: "asc" }, select: { id: true, status: true, cancelRequestedAt: true } }),
    db().apiKey.findMany({ where: { ownerId }, orderBy: { id: "asc" }, select: { id: true, revokedAt: true, scopes: true } }),
  ]);
  return { user, images, files: images.map((i) => existsSync(storedPath(i.storageKey))), collections, palettes, jobs, keys };
}

// ---------------------------------------------------------------------------------------------------------------
// The table: every (method, route) of the API
// ---------------------------------------------------------------------------------------------------------------

interface Outcome {
  status: number;
  code: string;
}

interface OwnedCase {
  /** What of A's B names, e.g. "A's image". */
  what: string;
  /** The id of A's that the request names; the case is run again with an id that does not exist. */
  foreign: () => string;
  probe: (id: string) => Probe;
  /** Default 404 not_found; a foreign id inside a body field may be a 400 (as an unknown one is). */
  expected?: Outcome;
  /** When an API key is refused before any lookup (key management is for people). */
  byKey?: Outcome;
  /** POST /api/generate answers errors as {success: false, error, request_id}. */
  compat?: boolean;
}

interface ListCase {
  what: string;
  probe: () => Probe;
  /** The ids in the answer: none may be A's (and every A identifier is checked to be absent from the text). */
  ids: (body: any) => string[];
}

type Entry =
  | { class: "owned"; cases: OwnedCase[] }
  | { class: "list"; cases: ListCase[] }
  | { class: "self"; probe: () => Probe; check: (res: Response, credential: Credential) => Promise<void> }
  | { class: "admin"; probes: Array<() => Probe> }
  | { class: "public"; reason: string; probe: () => Probe; anonymous: (res: Response) => Promise<void> };

const notFound: Outcome = { status: 404, code: "not_found" };
const badField: Outcome = { status: 400, code: "invalid_request" };
const keysRefused: Outcome = { status: 403, code: "forbidden" };

const image = (what: string, foreign: () => string, probe: (id: string) => Probe): OwnedCase => ({ what, foreign, probe });
const aImage = (probe: (id: string) => Probe): OwnedCase[] => [
  image("A's generated image", () => fx.a.image.id, probe),
  image("A's processed child", () => fx.a.child.id, probe),
];
const png = (w = 16, h = 16) => async () => uploadForm(await solidImage(w, h, [9, 99, 199]), { name: "b.png", type: "image/png" });

const catchAll = (method: string): Entry => ({
  class: "public",
  reason: "the API's 404 for paths no route serves: the same answer for everyone, it reads nothing",
  probe: () => ({ path: `/api/v1/no-such-route/${fx.a.image.id}`, method, ...(method === "GET" || method === "DELETE" ? {} : { json: {} }) }),
  anonymous: async (res) => void (await expectError(res, 404, "not_found")),
});

const table: Record<string, Entry> = {
  // --- public -----------------------------------------------------------------------------------------------------
  "GET /api/[...path]": catchAll("GET"),
  "POST /api/[...path]": catchAll("POST"),
  "PUT /api/[...path]": catchAll("PUT"),
  "PATCH /api/[...path]": catchAll("PATCH"),
  "DELETE /api/[...path]": catchAll("DELETE"),
  "GET /api/auth/[...nextauth]": {
    class: "public",
    reason: "Auth.js: CSRF token, session, providers and sign-in pages, which is how one gets a session",
    probe: () => ({ path: "/api/auth/session" }),
    anonymous: async (res) => {
      expect(res.status).toBe(200);
      expect(await res.json()).toBeNull(); // nobody signed in
    },
  },
  "POST /api/auth/[...nextauth]": {
    class: "public",
    reason: "Auth.js: sign-in and sign-out callbacks, guarded by Auth.js's own CSRF token",
    probe: () => ({
      path: "/api/auth/callback/credentials",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: () => new URLSearchParams({ email: fx.a.email, password: fx.a.password }), // the right password, no CSRF token
    }),
    anonymous: async (res) => {
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toMatch(/error=MissingCSRF/);
      expect(res.headers.getSetCookie().join("\n")).not.toContain("authjs.session-token=");
    },
  },
  "POST /api/auth/sign-up": {
    class: "public",
    reason: "creating an account needs no account (it checks CSRF and a per-address limit itself)",
    probe: () => ({ path: "/api/auth/sign-up", json: { email: "not-an-email", password: "long enough password" } }),
    anonymous: async (res) => void (await expectError(res, 400, "invalid_request")),
  },
  "GET /api/files/[...key]": {
    class: "public",
    reason: "signed, expiring file links: the HMAC signature is the credential, so links work in <img> and emails",
    probe: () => ({ path: `/api/files/${fx.a.storageKeys[0]}?expires=${Math.floor(Date.now() / 1000) + 600}&signature=forged` }),
    anonymous: async (res) => void (await expectError(res, 403, "forbidden")),
  },
  "GET /api/v1/openapi.json": {
    class: "public",
    reason: "the API's OpenAPI document: built from code (routes and their schemas), the same for everyone, no user data",
    probe: () => ({ path: "/api/v1/openapi.json" }),
    anonymous: async (res) => {
      expect(res.status).toBe(200);
      expect(((await res.clone().json()) as { openapi: string }).openapi).toBe("3.1.0");
      expectNothingOfA(await res.text());
    },
  },
  "GET /api/health": {
    class: "public",
    reason: "liveness and readiness for load balancers: database and storage up, no user data",
    probe: () => ({ path: "/api/health" }),
    anonymous: async (res) => {
      expect(res.status).toBe(200);
      expectNothingOfA(await res.text());
    },
  },
  "POST /api/webhooks/replicate": {
    class: "public",
    reason: "Replicate's prediction callbacks, authenticated by Replicate's signature rather than by a user",
    probe: () => ({ path: "/api/webhooks/replicate", json: { id: "p1", status: "succeeded" } }),
    anonymous: async (res) => void (await expectError(res, 401, "unauthorized")), // unsigned
  },

  // --- admin --------------------------------------------------------------------------------------------------------
  "GET /api/v1/admin/users": { class: "admin", probes: [() => ({ path: "/api/v1/admin/users" })] },
  "GET /api/v1/admin/usage": { class: "admin", probes: [() => ({ path: "/api/v1/admin/usage" })] },
  "PATCH /api/v1/admin/users/[id]": {
    class: "admin",
    probes: [
      () => ({ path: `/api/v1/admin/users/${fx.a.id}`, method: "PATCH", json: { dailyBudgetUsd: 0, rateLimitPerMinute: 1 } }),
      () => ({ path: `/api/v1/admin/users/${fx.b.id}`, method: "PATCH", json: { role: "admin" } }), // no self-promotion
    ],
  },
  // Settings → Providers: the instance's provider keys are for administrators alone.
  "GET /api/v1/admin/providers": { class: "admin", probes: [() => ({ path: "/api/v1/admin/providers" })] },
  "GET /api/v1/admin/providers/audit": { class: "admin", probes: [() => ({ path: "/api/v1/admin/providers/audit" })] },
  "PUT /api/v1/admin/providers/[id]": { class: "admin", probes: [() => ({ path: "/api/v1/admin/providers/openai", method: "PUT", json: { secret: "sk-not-yours-12345678" } })] },
  "PATCH /api/v1/admin/providers/[id]": { class: "admin", probes: [() => ({ path: "/api/v1/admin/providers/openai", method: "PATCH", json: { enabled: false } })] },
  "DELETE /api/v1/admin/providers/[id]": { class: "admin", probes: [() => ({ path: "/api/v1/admin/providers/openai", method: "DELETE" })] },
  "POST /api/v1/admin/providers/[id]/test": { class: "admin", probes: [() => ({ path: "/api/v1/admin/providers/openai/test", json: {} })] },

  // --- self ---------------------------------------------------------------------------------------------------------
  "GET /api/v1/me": {
    class: "self",
    probe: () => ({ path: "/api/v1/me" }),
    check: async (res, credential) => {
      const me = await expectJson<{ id: string; email: string; via: string; role: string }>(res.clone());
      expect(me).toMatchObject({ id: fx.b.id, email: fx.b.email, role: "user", via: credential === "session" ? "session" : "api-key" });
      expectNothingOfA(await res.text());
    },
  },
  "GET /api/v1/keys": {
    class: "self",
    probe: () => ({ path: "/api/v1/keys" }),
    check: async (res, credential) => {
      if (credential === "key") return void (await expectError(res, 403, "forbidden"));
      const keys = await expectJson<Array<{ id: string }>>(res.clone());
      const mine = await db().apiKey.findMany({ where: { ownerId: fx.b.id }, select: { id: true } });
      expect(keys.map((k) => k.id).sort()).toEqual(mine.map((k) => k.id).sort());
      expectNothingOfA(await res.text());
    },
  },
  "POST /api/v1/keys": {
    class: "self",
    probe: () => ({ path: "/api/v1/keys", json: { name: "made in the walk", scopes: ["read"] } }),
    check: async (res, credential) => {
      if (credential === "key") return void (await expectError(res, 403, "forbidden"));
      const created = await expectJson<{ apiKey: { id: string } }>(res, 201);
      expect((await db().apiKey.findUniqueOrThrow({ where: { id: created.apiKey.id } })).ownerId).toBe(fx.b.id);
    },
  },
  "GET /api/v1/usage": {
    class: "self",
    probe: () => ({ path: "/api/v1/usage" }),
    check: async (res) => {
      const usage = await expectJson<{ totalUsd: number }>(res.clone());
      expect(usage.totalUsd).toBe(0); // B has spent nothing (A has a finished job)
      expectNothingOfA(await res.text());
    },
  },
  // Keys need "write" here (see "scopes follow what a route does"): the secret lets its holder forge deliveries.
  "GET /api/v1/webhooks/secret": {
    class: "self",
    probe: () => ({ path: "/api/v1/webhooks/secret" }),
    check: async (res) => {
      const { secret } = await expectJson<{ secret: string }>(res.clone());
      expect(secret).toBe(webhookSigningSecret(fx.b.id));
      expectNothingOfA(await res.text()); // A's secret included
    },
  },
  "GET /api/v1/providers": {
    class: "self",
    probe: () => ({ path: "/api/v1/providers" }),
    check: async (res) => {
      await expectJson(res.clone());
      expectNothingOfA(await res.text()); // the instance's catalog: the same for everyone, nobody's data
    },
  },
  "POST /api/v1/collections": {
    class: "self",
    probe: () => ({ path: "/api/v1/collections", json: { name: "Bob Holiday" } }),
    check: async (res) => {
      const created = await expectJson<CollectionDto>(res, 201);
      expect((await db().collection.findUniqueOrThrow({ where: { id: created.id } })).ownerId).toBe(fx.b.id);
    },
  },
  "POST /api/v1/palettes": {
    class: "self",
    probe: () => ({ path: "/api/v1/palettes", json: { name: "B's own", colors: ["#112233"] } }),
    check: async (res) => {
      const created = await expectJson<PaletteDto>(res, 201);
      expect((await db().palette.findUniqueOrThrow({ where: { id: created.id } })).ownerId).toBe(fx.b.id);
    },
  },

  "POST /api/v1/images/bulk-delete": {
    class: "self",
    probe: () => ({ path: "/api/v1/images/bulk-delete", json: { ids: [fx.a.image.id, fx.a.child.id] } }),
    check: async (res) => {
      // A's ids are simply not B's: nothing deleted, both reported as not found, A's images intact.
      const result = await expectJson<{ deleted: string[]; notFound: string[] }>(res);
      expect(result.deleted).toEqual([]);
      expect([...result.notFound].sort()).toEqual([fx.a.image.id, fx.a.child.id].sort());
      expect(await db().image.count({ where: { id: { in: [fx.a.image.id, fx.a.child.id] } } })).toBe(2);
    },
  },

  "POST /api/v1/images/bulk-restore": {
    class: "self",
    probe: () => ({ path: "/api/v1/images/bulk-restore", json: { ids: [fx.a.image.id, fx.a.child.id] } }),
    check: async (res) => {
      const result = await expectJson<{ restored: string[]; notFound: string[] }>(res);
      expect(result.restored).toEqual([]);
      expect([...result.notFound].sort()).toEqual([fx.a.image.id, fx.a.child.id].sort());
    },
  },
  "DELETE /api/v1/trash": {
    class: "self",
    probe: () => ({ path: "/api/v1/trash" }),
    check: async (res) => {
      // B's own (empty) trash: A's images are not in it and stay.
      expect(await expectJson<{ purged: number }>(res)).toEqual({ purged: 0 });
      expect(await db().image.count({ where: { id: { in: [fx.a.image.id, fx.a.child.id] } } })).toBe(2);
    },
  },

  // --- lists: B sees none of A's items --------------------------------------------------------------------------------
  "GET /api/v1/images": {
    class: "list",
    cases: [
      { what: "the gallery", probe: () => ({ path: "/api/v1/images?limit=100" }), ids: (b) => b.items.map((i: ImageDto) => i.id) },
      { what: "a search for A's prompt", probe: () => ({ path: `/api/v1/images?q=${aSecretWord}` }), ids: (b) => b.items.map((i: ImageDto) => i.id) },
      {
        what: "A's collection as a filter",
        probe: () => ({ path: `/api/v1/images?collectionId=${fx.a.collection.id}` }),
        ids: (b) => b.items.map((i: ImageDto) => i.id),
      },
    ],
  },
  "GET /api/v1/collections": {
    class: "list",
    cases: [{ what: "the collections", probe: () => ({ path: "/api/v1/collections" }), ids: (b) => b.items.map((c: CollectionDto) => c.id) }],
  },
  "GET /api/v1/palettes": {
    class: "list",
    cases: [
      { what: "the palettes", probe: () => ({ path: "/api/v1/palettes?limit=100" }), ids: (b) => b.items.map((p: PaletteDto) => p.id) },
      { what: "the extracted palettes", probe: () => ({ path: "/api/v1/palettes?type=dominant" }), ids: (b) => b.items.map((p: PaletteDto) => p.id) },
    ],
  },
  "GET /api/v1/jobs": {
    class: "list",
    cases: [
      { what: "the jobs", probe: () => ({ path: "/api/v1/jobs?limit=100" }), ids: (b) => b.items.map((j: JobDto) => j.id) },
      { what: "the succeeded jobs", probe: () => ({ path: "/api/v1/jobs?status=succeeded" }), ids: (b) => b.items.map((j: JobDto) => j.id) },
    ],
  },

  // --- owned: A's ids are "not found" for B ---------------------------------------------------------------------------
  "GET /api/v1/images/[id]": { class: "owned", cases: aImage((id) => ({ path: `/api/v1/images/${id}` })) },
  "PATCH /api/v1/images/[id]": {
    class: "owned",
    cases: [
      ...aImage((id) => ({ path: `/api/v1/images/${id}`, json: { collectionId: null } })),
      { what: "A's collection, for B's image", foreign: () => fx.a.collection.id, probe: (id) => ({ path: `/api/v1/images/${fx.b.image.id}`, json: { collectionId: id } }) },
    ],
  },
  "DELETE /api/v1/images/[id]": { class: "owned", cases: aImage((id) => ({ path: `/api/v1/images/${id}` })) },
  "POST /api/v1/images/[id]/restore": { class: "owned", cases: aImage((id) => ({ path: `/api/v1/images/${id}/restore` })) },
  "GET /api/v1/images/[id]/restore": {
    class: "public",
    reason: "only POST restores; GET is the API's 404 for everyone",
    probe: () => ({ path: `/api/v1/images/${fx.a.image.id}/restore` }),
    anonymous: async (res) => void (await expectError(res, 404, "not_found")),
  },
  "GET /api/v1/images/bulk-restore": {
    class: "public",
    reason: "only POST restores; GET is the API's 404 for everyone",
    probe: () => ({ path: "/api/v1/images/bulk-restore" }),
    anonymous: async (res) => void (await expectError(res, 404, "not_found")),
  },
  // A POST that only reads: keys need "read" (see "scopes follow what a route does").
  "POST /api/v1/images/download": { class: "owned", cases: aImage((id) => ({ path: "/api/v1/images/download", json: { ids: [id] } })) },
  "GET /api/v1/images/download": {
    class: "public",
    reason: "only POST serves a download; GET is the API's 404 for everyone",
    probe: () => ({ path: "/api/v1/images/download" }),
    anonymous: async (res) => void (await expectError(res, 404, "not_found")),
  },
  "GET /api/v1/images/bulk-delete": {
    class: "public",
    reason: "only POST deletes; GET is the API's 404 for everyone",
    probe: () => ({ path: "/api/v1/images/bulk-delete" }),
    anonymous: async (res) => void (await expectError(res, 404, "not_found")),
  },
  "GET /api/v1/images/[id]/file": {
    class: "owned",
    cases: [...aImage((id) => ({ path: `/api/v1/images/${id}/file` })), image("A's thumbnail", () => fx.a.image.id, (id) => ({ path: `/api/v1/images/${id}/file?variant=thumbnail` }))],
  },
  "GET /api/v1/images/[id]/url": { class: "owned", cases: aImage((id) => ({ path: `/api/v1/images/${id}/url` })) },
  "GET /api/v1/images/[id]/export": { class: "owned", cases: aImage((id) => ({ path: `/api/v1/images/${id}/export?format=png` })) },
  "GET /api/v1/images/[id]/credentials": { class: "owned", cases: aImage((id) => ({ path: `/api/v1/images/${id}/credentials` })) },
  "GET /api/v1/images/[id]/lineage": { class: "owned", cases: aImage((id) => ({ path: `/api/v1/images/${id}/lineage` })) },
  "POST /api/v1/images/[id]/resize": { class: "owned", cases: aImage((id) => ({ path: `/api/v1/images/${id}/resize`, json: { width: 8 } })) },
  "POST /api/v1/images/[id]/crop": { class: "owned", cases: aImage((id) => ({ path: `/api/v1/images/${id}/crop`, json: { x: 0, y: 0, width: 4, height: 4 } })) },
  "POST /api/v1/images/[id]/filter": { class: "owned", cases: aImage((id) => ({ path: `/api/v1/images/${id}/filter`, json: { type: "grayscale" } })) },
  "POST /api/v1/images/[id]/process": {
    class: "owned",
    cases: aImage((id) => ({ path: `/api/v1/images/${id}/process`, json: { operations: [{ op: "filter", type: "invert" }] } })),
  },
  "POST /api/v1/images/[id]/apply-palette": {
    class: "owned",
    cases: [
      ...aImage((id) => ({ path: `/api/v1/images/${id}/apply-palette`, json: { colors: ["#ff0000"] } })),
      {
        what: "A's palette, applied to B's image",
        foreign: () => fx.a.palette.id,
        probe: (id) => ({ path: `/api/v1/images/${fx.b.image.id}/apply-palette`, json: { paletteId: id } }),
        expected: badField, // a body field naming an unknown palette
      },
    ],
  },
  "GET /api/v1/images/[id]/palettes": { class: "owned", cases: aImage((id) => ({ path: `/api/v1/images/${id}/palettes` })) },
  "POST /api/v1/images/[id]/palettes": { class: "owned", cases: aImage((id) => ({ path: `/api/v1/images/${id}/palettes`, json: { numColors: 3 } })) },
  "POST /api/v1/images/[id]/palettes/batch": { class: "owned", cases: aImage((id) => ({ path: `/api/v1/images/${id}/palettes/batch`, json: { numColors: 3 } })) },
  "POST /api/v1/images/[id]/variations": { class: "owned", cases: aImage((id) => ({ path: `/api/v1/images/${id}/variations`, json: { n: 1 } })) },
  "POST /api/v1/images/[id]/upscale": { class: "owned", cases: aImage((id) => ({ path: `/api/v1/images/${id}/upscale`, json: { factor: 2 } })) },
  "POST /api/v1/images/[id]/remove-background": { class: "owned", cases: aImage((id) => ({ path: `/api/v1/images/${id}/remove-background`, json: {} })) },
  "POST /api/v1/images/[id]/expand": { class: "owned", cases: aImage((id) => ({ path: `/api/v1/images/${id}/expand`, json: { factor: 1.5 } })) },
  "POST /api/v1/images/[id]/describe": { class: "owned", cases: aImage((id) => ({ path: `/api/v1/images/${id}/describe`, json: {} })) },
  "POST /api/v1/prompts/enhance": {
    class: "self",
    probe: () => ({ path: "/api/v1/prompts/enhance", json: { prompt: "a boat at dawn" } }),
    check: async (res) => {
      const suggestion = await expectJson<{ original: string; source: string }>(res.clone());
      expect(suggestion).toMatchObject({ original: "a boat at dawn", source: "local" });
      expectNothingOfA(await res.text());
    },
  },
  "POST /api/v1/images/[id]/refine": {
    class: "owned",
    cases: [
      ...aImage((id) => ({ path: `/api/v1/images/${id}/refine`, json: { prompt: "make it night" } })),
      {
        what: "A's image as the mask of B's refinement",
        foreign: () => fx.a.image.id,
        probe: (id) => ({ path: `/api/v1/images/${fx.b.image.id}/refine`, json: { prompt: "make it night", maskImageId: id } }),
        expected: badField,
      },
    ],
  },
  "POST /api/v1/images": {
    class: "owned",
    cases: [
      {
        what: "A's collection, for B's upload",
        foreign: () => fx.a.collection.id,
        probe: (id) => ({ path: "/api/v1/images", body: async () => uploadForm(await solidImage(12, 12, [1, 2, 3]), { name: "x.png", fields: { collectionId: id } }) }),
      },
    ],
  },
  "GET /api/v1/collections/[id]": { class: "owned", cases: [{ what: "A's collection", foreign: () => fx.a.collection.id, probe: (id) => ({ path: `/api/v1/collections/${id}` }) }] },
  "PATCH /api/v1/collections/[id]": {
    class: "owned",
    cases: [{ what: "A's collection", foreign: () => fx.a.collection.id, probe: (id) => ({ path: `/api/v1/collections/${id}`, json: { name: "Taken over" } }) }],
  },
  "DELETE /api/v1/collections/[id]": { class: "owned", cases: [{ what: "A's collection", foreign: () => fx.a.collection.id, probe: (id) => ({ path: `/api/v1/collections/${id}` }) }] },
  "POST /api/v1/collections/[id]/images": {
    class: "owned",
    cases: [
      { what: "A's collection, for B's image", foreign: () => fx.a.collection.id, probe: (id) => ({ path: `/api/v1/collections/${id}/images`, json: { imageIds: [fx.b.image.id] } }) },
    ],
  },
  "DELETE /api/v1/collections/[id]/images": {
    class: "owned",
    cases: [{ what: "A's collection", foreign: () => fx.a.collection.id, probe: (id) => ({ path: `/api/v1/collections/${id}/images`, json: { imageIds: [fx.a.image.id] } }) }],
  },
  "GET /api/v1/palettes/[id]": { class: "owned", cases: [{ what: "A's palette", foreign: () => fx.a.palette.id, probe: (id) => ({ path: `/api/v1/palettes/${id}` }) }] },
  "DELETE /api/v1/palettes/[id]": { class: "owned", cases: [{ what: "A's palette", foreign: () => fx.a.palette.id, probe: (id) => ({ path: `/api/v1/palettes/${id}` }) }] },
  "GET /api/v1/palettes/[id]/export": {
    class: "owned",
    cases: [{ what: "A's palette", foreign: () => fx.a.palette.id, probe: (id) => ({ path: `/api/v1/palettes/${id}/export?format=css` }) }],
  },
  "GET /api/v1/jobs/[id]": { class: "owned", cases: [{ what: "A's job", foreign: () => fx.a.job.id, probe: (id) => ({ path: `/api/v1/jobs/${id}` }) }] },
  "POST /api/v1/jobs/[id]/cancel": { class: "owned", cases: [{ what: "A's job", foreign: () => fx.a.job.id, probe: (id) => ({ path: `/api/v1/jobs/${id}/cancel` }) }] },
  "GET /api/v1/jobs/[id]/events": { class: "owned", cases: [{ what: "A's job", foreign: () => fx.a.job.id, probe: (id) => ({ path: `/api/v1/jobs/${id}/events` }) }] },
  "POST /api/v1/jobs": {
    class: "owned",
    cases: [
      { what: "A's image, for variations", foreign: () => fx.a.image.id, probe: (id) => ({ path: "/api/v1/jobs", json: { type: "variations", imageId: id, n: 1 } }) },
      { what: "A's image, to refine", foreign: () => fx.a.image.id, probe: (id) => ({ path: "/api/v1/jobs", json: { type: "refine", imageId: id, prompt: "night" } }) },
      { what: "A's image, to upscale", foreign: () => fx.a.image.id, probe: (id) => ({ path: "/api/v1/jobs", json: { type: "upscale", imageId: id, factor: 2 } }) },
      {
        what: "A's collection, for a collection image",
        foreign: () => fx.a.collection.id,
        probe: (id) => ({ path: "/api/v1/jobs", json: { type: "collection-image", collectionId: id, prompt: "a boat" } }),
      },
      {
        what: "A's palette, for a generation",
        foreign: () => fx.a.palette.id,
        probe: (id) => ({ path: "/api/v1/jobs", json: { type: "generate", paletteId: id, prompt: "a boat" } }),
        expected: badField,
      },
    ],
  },
  "POST /api/v1/generations": {
    class: "owned",
    cases: [
      { what: "A's collection", foreign: () => fx.a.collection.id, probe: (id) => ({ path: "/api/v1/generations", json: { prompt: "a boat", collectionId: id } }) },
      {
        what: "A's palette",
        foreign: () => fx.a.palette.id,
        probe: (id) => ({ path: "/api/v1/generations", json: { prompt: "a boat", paletteId: id } }),
        expected: badField,
      },
    ],
  },
  "POST /api/generate": {
    class: "owned",
    cases: [
      { what: "A's collection as the project", foreign: () => fx.a.collection.id, probe: (id) => ({ path: "/api/generate", json: { prompt: "a boat", project_id: id } }), compat: true },
      {
        what: "A's collection slug as the project",
        foreign: () => fx.a.collection.slug,
        probe: (id) => ({ path: "/api/generate", json: { prompt: "a boat", project_id: id } }),
        compat: true,
      },
    ],
  },
  "DELETE /api/v1/keys/[id]": {
    class: "owned",
    cases: [
      { what: "A's key by id", foreign: () => fx.a.keyId, probe: (id) => ({ path: `/api/v1/keys/${id}` }), byKey: keysRefused },
      { what: "A's key by prefix", foreign: () => fx.a.keyPrefix, probe: (id) => ({ path: `/api/v1/keys/${id}` }), byKey: keysRefused },
    ],
  },
};

/** The answer's status and error code, in either error shape; the message with `id` written as ID. */
async function outcomeOf(res: Response, compat: boolean, id: string): Promise<Outcome & { message: string }> {
  if (!compat) {
    const expected = res.status;
    const error: ErrorBody = await expectError(res, expected, (await res.clone().json()).error?.code);
    return { status: expected, code: error.code, message: error.message.replaceAll(id, "ID") };
  }
  const body = (await res.json()) as { success: boolean; error: { code: string; message: string }; request_id: string };
  expect(body.success).toBe(false);
  expect(body.request_id).toBe(res.headers.get("x-request-id"));
  return { status: res.status, code: body.error.code, message: body.error.message.replaceAll(id, "ID") };
}

/** Every request of an entry, for the runs that do not care about the answer's details. */
function probesOf(entry: Entry): Array<() => Probe> {
  switch (entry.class) {
    case "owned":
      return entry.cases.map((c) => () => c.probe(c.foreign()));
    case "list":
      return entry.cases.map((c) => c.probe);
    case "self":
      return [entry.probe];
    case "admin":
      return entry.probes;
    case "public":
      return [entry.probe];
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Fixtures, through the API as the people would make them
// ---------------------------------------------------------------------------------------------------------------

async function person(email: string, password: string): Promise<Person> {
  const account = await expectJson<{ id: string }>(await signUp({ email, password }), 201);
  const signedIn = await signInWithPassword(email, password, { address: "198.51.100.1" });
  expect(signedIn.sessionCookie, `sign-in of ${email}: ${signedIn.location}`).not.toBeNull();
  const session = signedIn.sessionCookie!;
  const res = await call("POST /api/v1/keys", { path: "/api/v1/keys", json: { name: "integration", scopes: ["read", "write", "generate"] } }, sessionHeaders(session));
  const { key, apiKey } = await expectJson<{ key: string; apiKey: { id: string; prefix: string } }>(res, 201);
  return { id: account.id, email, password, session, key, keyId: apiKey.id, keyPrefix: apiKey.prefix };
}

beforeAll(async () => {
  setProvidersForTests([new LocalProvider()]);
  const alice = await person("alice@example.com", "alice's long password");
  const bob = await person("bob@example.com", "bob's long password");
  const as = sessionHeaders(alice.session);

  const collection = await expectJson<CollectionDto>(await call("POST /api/v1/collections", { path: "/api/v1/collections", json: { name: "Alice Private Portfolio" } }, as), 201);
  const job = await expectJson<JobDto>(
    await call(
      "POST /api/v1/generations",
      { path: "/api/v1/generations?wait=true", json: { prompt: `a ${aSecretWord} on a rock`, provider: "local", collectionId: collection.id, width: 128, height: 128 } },
      as,
    ),
    201,
  );
  expect(job.status).toBe("succeeded");
  const generated = job.images[0];
  const child = await expectJson<ImageDto>(await call("POST /api/v1/images/[id]/resize", { path: `/api/v1/images/${generated.id}/resize`, json: { width: 32 } }, as), 201);
  const extracted = await expectJson<PaletteDto>(await call("POST /api/v1/images/[id]/palettes", { path: `/api/v1/images/${generated.id}/palettes`, json: { numColors: 3, name: "Alice Brand Colours" } }, as), 201);
  const storageKeys = (await db().image.findMany({ where: { ownerId: alice.id }, select: { storageKey: true } })).map((r) => r.storageKey);

  const bs = sessionHeaders(bob.session);
  const bImage = await expectJson<ImageDto>(await call("POST /api/v1/images", { path: "/api/v1/images", body: png(128, 128) }, bs), 201);
  const bMask = await expectJson<ImageDto>(await call("POST /api/v1/images", { path: "/api/v1/images", body: png(128, 128) }, bs), 201);

  fx = {
    a: { ...alice, collection, job, image: generated, child, palette: extracted, storageKeys },
    b: { ...bob, image: bImage, mask: bMask },
  };
  expect(fx.a.image.collectionId).toBe(collection.id);
  expect(fx.a.child.parentId).toBe(generated.id);
});

afterAll(() => {
  stopWebhookDeliveries(); // started by A's generation; the database goes away after this file
  setProvidersForTests(undefined);
  vi.unstubAllEnvs();
  resetEnvForTests();
});

// ---------------------------------------------------------------------------------------------------------------
// The walk
// ---------------------------------------------------------------------------------------------------------------

describe("the route table", () => {
  it("classifies every route and method found under app/api, and names no route that is gone", () => {
    const found = [...discovered.keys()].sort();
    const listed = Object.keys(table).sort();
    // unclassified: a route or method with no row here (classify it); gone: a row whose route or method was removed.
    expect({ unclassified: found.filter((k) => !listed.includes(k)), gone: listed.filter((k) => !found.includes(k)) }).toEqual({ unclassified: [], gone: [] });
    expect(found.length).toBeGreaterThan(40);
  });

  it("gives every public route a reason", () => {
    for (const [key, entry] of Object.entries(table)) if (entry.class === "public") expect(entry.reason.length, key).toBeGreaterThan(20);
  });
});

const keysOf = (cls: Entry["class"]) => Object.keys(table).filter((k) => table[k].class === cls);

const ownedRuns = keysOf("owned").flatMap((key) =>
  (table[key] as Extract<Entry, { class: "owned" }>).cases.flatMap((c, i) => credentials.map((credential) => ({ key, index: i, credential, name: `${key} with ${c.what}` }))),
);

describe.each(credentials)("user B with %s against user A's ids", (credential) => {
  it.each(ownedRuns.filter((r) => r.credential === credential).map((r) => [r.name, r] as const))("%s: not found, and A's data untouched", async (_name, run) => {
    const c = (table[run.key] as Extract<Entry, { class: "owned" }>).cases[run.index];
    const expected = (credential === "key" && c.byKey) || c.expected || notFound;
    const [beforeA, beforeB] = [await dataOf(fx.a.id), await dataOf(fx.b.id)];

    const foreignId = c.foreign();
    const theirs = await outcomeOf(await call(run.key, c.probe(foreignId), asB(credential)), Boolean(c.compat), foreignId);
    expect({ status: theirs.status, code: theirs.code }).toEqual(expected);

    // Exactly as for an id that does not exist: nothing tells B that A's exists.
    const missingId = `${foreignId.replace(/[^a-z]+$/i, "")}zzzmissing`;
    const missing = await outcomeOf(await call(run.key, c.probe(missingId), asB(credential)), Boolean(c.compat), missingId);
    expect(missing).toEqual(theirs);

    expect(await dataOf(fx.a.id)).toEqual(beforeA);
    expect(await dataOf(fx.b.id)).toEqual(beforeB); // and nothing made for B either
  });

  it.each(keysOf("list").flatMap((key) => (table[key] as Extract<Entry, { class: "list" }>).cases.map((c) => [`${key}: ${c.what}`, key, c] as const)))(
    "%s shows none of A's items",
    async (_name, key, c) => {
      const res = await call(key, c.probe(), asB(credential));
      const body = await expectJson(res.clone());
      const ids = c.ids(body);
      for (const id of ids) expect(aIdentifiers()).not.toContain(id);
      expectNothingOfA(await res.text());
    },
  );

  it("lists what is B's: B's own images are in B's gallery", async () => {
    const body = await expectJson<{ items: ImageDto[] }>(await call("GET /api/v1/images", { path: "/api/v1/images?limit=100" }, asB(credential)));
    expect(body.items.map((i) => i.id)).toEqual(expect.arrayContaining([fx.b.image.id, fx.b.mask.id]));
  });

  it.each(keysOf("self"))("%s answers about B only", async (key) => {
    const entry = table[key] as Extract<Entry, { class: "self" }>;
    const before = await dataOf(fx.a.id);
    await entry.check(await call(key, entry.probe(), asB(credential)), credential);
    expect(await dataOf(fx.a.id)).toEqual(before);
  });

  it.each(keysOf("admin"))("%s is forbidden to B (not an administrator)", async (key) => {
    const entry = table[key] as Extract<Entry, { class: "admin" }>;
    const [beforeA, beforeB] = [await dataOf(fx.a.id), await dataOf(fx.b.id)];
    for (const probe of entry.probes) await expectError(await call(key, probe(), asB(credential)), 403, "forbidden");
    expect(await dataOf(fx.a.id)).toEqual(beforeA);
    expect(await dataOf(fx.b.id)).toEqual(beforeB);
  });

  it("leaves A's key working", async () => {
    const res = await call("GET /api/v1/images", { path: "/api/v1/images?limit=100" }, keyHeaders(fx.a.key));
    const body = await expectJson<{ items: ImageDto[] }>(res);
    expect(body.items.map((i) => i.id)).toEqual(expect.arrayContaining([fx.a.image.id, fx.a.child.id]));
  });
});

describe("what B is refused is B's to be refused", () => {
  it("an administrator gets 200 on the admin routes that B was refused", async () => {
    const admin = await db().user.create({ data: { id: "usr_admin_of_this_test", email: "root@example.com", role: "admin" } });
    const headers = sessionHeaders(await mintSessionCookie(admin.id));
    await expectJson(await call("GET /api/v1/admin/users", { path: "/api/v1/admin/users" }, headers));
    await expectJson(await call("GET /api/v1/admin/usage", { path: "/api/v1/admin/usage" }, headers));
    await expectJson(await call("GET /api/v1/admin/providers", { path: "/api/v1/admin/providers" }, headers));
    await expectJson(await call("GET /api/v1/admin/providers/audit", { path: "/api/v1/admin/providers/audit" }, headers));
    await db().user.delete({ where: { id: admin.id } });
  });

  it("an Idempotency-Key that A used gives B a job of B's own, never A's", async () => {
    // Waited for, so no job of A's changes state during the tests after this one.
    const body = { prompt: "a small red boat", provider: "local", width: 64, height: 64 };
    const idempotencyKey = "shared-idempotency-key-1";
    const theirs = await expectJson<JobDto>(
      await call("POST /api/v1/generations", { path: "/api/v1/generations?wait=true", json: body, headers: { "idempotency-key": idempotencyKey } }, sessionHeaders(fx.a.session)),
      201,
    );
    for (const credential of credentials) {
      const mine = await expectJson<JobDto>(
        await call("POST /api/v1/generations", { path: "/api/v1/generations?wait=true", json: body, headers: { "idempotency-key": idempotencyKey } }, asB(credential)),
        201,
      );
      expect(mine.id).not.toBe(theirs.id);
      expect((await db().job.findUniqueOrThrow({ where: { id: mine.id } })).ownerId).toBe(fx.b.id);
    }
  });
});

/** An error of a route in its own shape: the compatibility route answers {success: false, error, request_id}. */
async function expectRouteError(key: string, res: Response, status: number, code: string): Promise<{ code: string; message: string }> {
  if (key !== "POST /api/generate") return expectError(res, status, code);
  expect(res.status).toBe(status);
  const outcome = await outcomeOf(res, true, "\u0000no-id");
  expect(outcome.code).toBe(code);
  return outcome;
}

describe("without credentials (multi-user mode)", () => {
  const guarded = Object.keys(table).filter((k) => table[k].class !== "public");

  it.each(guarded)("%s answers 401 unauthorized", async (key) => {
    const before = await dataOf(fx.a.id);
    for (const probe of probesOf(table[key])) await expectRouteError(key, await call(key, probe()), 401, "unauthorized");
    expect(await dataOf(fx.a.id)).toEqual(before);
  });

  it.each(guarded)("%s answers 401 to an unknown API key, even beside a valid session cookie", async (key) => {
    const headers = { ...sessionHeaders(fx.b.session), authorization: "Bearer isk_abcdefgh_0000000000000000000000000000000000000" };
    for (const probe of probesOf(table[key])) await expectRouteError(key, await call(key, probe(), headers), 401, "unauthorized");
  });

  it.each(keysOf("public").map((key) => [key, (table[key] as Extract<Entry, { class: "public" }>).reason] as const))("%s is public (%s)", async (key) => {
    const entry = table[key] as Extract<Entry, { class: "public" }>;
    const before = await dataOf(fx.a.id);
    await entry.anonymous(await withoutAuthJsError("MissingCSRF", () => call(key, entry.probe())));
    expect(await dataOf(fx.a.id)).toEqual(before);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Keys, scopes, CSRF, passwords, deleted accounts
// ---------------------------------------------------------------------------------------------------------------

const gallery = (headers: Record<string, string>) => call("GET /api/v1/images", { path: "/api/v1/images" }, headers);
const generationProbes = (): Array<[string, Probe]> => [
  ["POST /api/v1/generations", { path: "/api/v1/generations", json: { prompt: "a boat", provider: "local" } }],
  ["POST /api/v1/images/[id]/variations", { path: `/api/v1/images/${fx.b.image.id}/variations`, json: { n: 1 } }],
  ["POST /api/v1/images/[id]/refine", { path: `/api/v1/images/${fx.b.image.id}/refine`, json: { prompt: "night" } }],
  ["POST /api/v1/images/[id]/upscale", { path: `/api/v1/images/${fx.b.image.id}/upscale`, json: { factor: 2 } }],
  ["POST /api/v1/images/[id]/expand", { path: `/api/v1/images/${fx.b.image.id}/expand`, json: { factor: 1.5 } }],
  ["POST /api/v1/prompts/enhance", { path: "/api/v1/prompts/enhance", json: { prompt: "a boat" } }],
  ["POST /api/v1/jobs", { path: "/api/v1/jobs", json: { type: "generate", prompt: "a boat" } }],
  ["POST /api/generate", { path: "/api/generate", json: { prompt: "a boat" } }],
];

async function keyWith(scopes: string[]): Promise<string> {
  const res = await call("POST /api/v1/keys", { path: "/api/v1/keys", json: { name: `scopes ${scopes.join("+")}`, scopes } }, sessionHeaders(fx.b.session));
  return (await expectJson<{ key: string }>(res, 201)).key;
}

describe("API keys", () => {
  it("a revoked key stops working at once: 200, revoke, then 401 on the very next request", async () => {
    const res = await call("POST /api/v1/keys", { path: "/api/v1/keys", json: { name: "short-lived", scopes: ["read"] } }, sessionHeaders(fx.b.session));
    const { key, apiKey } = await expectJson<{ key: string; apiKey: { id: string } }>(res, 201);
    await expectJson(await gallery(keyHeaders(key)));
    const revoked = await expectJson<{ revokedAt: string | null }>(await call("DELETE /api/v1/keys/[id]", { path: `/api/v1/keys/${apiKey.id}` }, sessionHeaders(fx.b.session)));
    expect(revoked.revokedAt).not.toBeNull();
    const error = await expectError(await gallery(keyHeaders(key)), 401, "unauthorized");
    expect(error.message).toMatch(/revoked/);
  });

  it("a read-scoped key cannot generate (403) but can read (200)", async () => {
    const key = await keyWith(["read"]);
    const jobs = await db().job.count({ where: { ownerId: fx.b.id } });
    for (const [route, probe] of generationProbes()) {
      const res = await call(route, probe, keyHeaders(key));
      const error = await expectRouteError(route, res, 403, "forbidden");
      expect(error.message, route).toMatch(/"generate" scope/);
    }
    expect(await db().job.count({ where: { ownerId: fx.b.id } })).toBe(jobs);
    await expectJson(await gallery(keyHeaders(key)));
    await expectError(await call("POST /api/v1/collections", { path: "/api/v1/collections", json: { name: "by a reader" } }, keyHeaders(key)), 403, "forbidden");
  });

  it("a read+write key without generate can change things but cannot generate either", async () => {
    const key = await keyWith(["read", "write"]);
    const jobs = await db().job.count({ where: { ownerId: fx.b.id } });
    for (const [route, probe] of generationProbes()) await expectRouteError(route, await call(route, probe, keyHeaders(key)), 403, "forbidden");
    expect(await db().job.count({ where: { ownerId: fx.b.id } })).toBe(jobs);
    await expectJson(await call("POST /api/v1/collections", { path: "/api/v1/collections", json: { name: "by a writer" } }, keyHeaders(key)), 201);
  });

  it("scopes follow what a route does: the webhook signing secret needs write; a zip download only read", async () => {
    const reader = await keyWith(["read"]);
    const error = await expectError(await call("GET /api/v1/webhooks/secret", { path: "/api/v1/webhooks/secret" }, keyHeaders(reader)), 403, "forbidden");
    expect(error.message).toMatch(/"write" scope/);
    expect(error.message).not.toContain(webhookSigningSecret(fx.b.id));
    const writer = await keyWith(["write"]);
    expect((await expectJson<{ secret: string }>(await call("GET /api/v1/webhooks/secret", { path: "/api/v1/webhooks/secret" }, keyHeaders(writer)))).secret).toBe(webhookSigningSecret(fx.b.id));

    const download = { path: "/api/v1/images/download", json: { ids: [fx.b.image.id] } };
    const zip = await call("POST /api/v1/images/download", download, keyHeaders(reader));
    expect(zip.status, await zip.clone().text()).toBe(200);
    expect(zip.headers.get("content-type")).toBe("application/zip");
    expect(zip.headers.get("x-image-count")).toBe("1");
    await zip.arrayBuffer();
    const generator = await keyWith(["generate"]);
    expect((await expectError(await call("POST /api/v1/images/download", download, keyHeaders(generator)), 403, "forbidden")).message).toMatch(/"read" scope/);
  });

  it("an API key cannot create, list or revoke keys (403), even with every scope", async () => {
    const before = await db().apiKey.count({ where: { ownerId: fx.b.id } });
    const error = await expectError(await call("POST /api/v1/keys", { path: "/api/v1/keys", json: { name: "escalation", scopes: ["read"] } }, keyHeaders(fx.b.key)), 403, "forbidden");
    expect(error.message).toMatch(/API keys cannot/);
    await expectError(await call("GET /api/v1/keys", { path: "/api/v1/keys" }, keyHeaders(fx.b.key)), 403, "forbidden");
    await expectError(await call("DELETE /api/v1/keys/[id]", { path: `/api/v1/keys/${fx.b.keyId}` }, keyHeaders(fx.b.key)), 403, "forbidden");
    expect(await db().apiKey.count({ where: { ownerId: fx.b.id } })).toBe(before);
    expect((await db().apiKey.findUniqueOrThrow({ where: { id: fx.b.keyId } })).revokedAt).toBeNull();
  });
});

describe("cross-site requests", () => {
  const forgeries: Array<[string, Record<string, string>]> = [
    ["Origin: https://evil.example", { origin: "https://evil.example" }],
    ["Sec-Fetch-Site: cross-site", { "sec-fetch-site": "cross-site" }],
  ];

  it.each(forgeries)("a POST with B's session cookie and %s is refused (403) and creates nothing", async (_name, forged) => {
    const headers = { cookie: fx.b.session, ...forged };
    const before = await dataOf(fx.b.id);
    const collection = await expectError(await call("POST /api/v1/collections", { path: "/api/v1/collections", json: { name: "Forged" } }, headers), 403, "forbidden");
    expect(collection.message).toMatch(/^Cross-site request refused/);
    await expectError(await call("POST /api/v1/generations", { path: "/api/v1/generations", json: { prompt: "forged", provider: "local" } }, headers), 403, "forbidden");
    await expectError(await call("POST /api/v1/keys", { path: "/api/v1/keys", json: { name: "forged", scopes: ["read", "write", "generate"] } }, headers), 403, "forbidden");
    await expectError(await call("DELETE /api/v1/images/[id]", { path: `/api/v1/images/${fx.b.image.id}` }, headers), 403, "forbidden");
    await expectError(await signUp({ email: "forged@example.com", password: "forged password" }, forged), 403, "forbidden");
    expect(await dataOf(fx.b.id)).toEqual(before);
    expect(await db().user.count({ where: { email: "forged@example.com" } })).toBe(0);
  });

  it.each(forgeries)("the same POST with B's API key and %s is allowed: a bearer key is no ambient credential", async (_name, forged) => {
    const created = await expectJson<CollectionDto>(
      await call("POST /api/v1/collections", { path: "/api/v1/collections", json: { name: "By key from anywhere" } }, { ...keyHeaders(fx.b.key), ...forged }),
      201,
    );
    expect((await db().collection.findUniqueOrThrow({ where: { id: created.id } })).ownerId).toBe(fx.b.id);
  });
});

describe("password guessing through the real Auth.js sign-in", () => {
  const limit = 5; // SIGN_IN_ATTEMPTS_PER_15_MIN above

  it(`refuses sign-in after ${limit} wrong passwords for one email, even with the right one; other emails still sign in`, async () => {
    const address = "203.0.113.9";
    await expectJson(await signUp({ email: "carol@example.com", password: "carol's right password" }, { ...sameOriginHeaders, "x-forwarded-for": "203.0.113.50" }), 201);
    await expectJson(await signUp({ email: "dave@example.com", password: "dave's right password" }, { ...sameOriginHeaders, "x-forwarded-for": "203.0.113.51" }), 201);

    const startWindow = Math.floor(Date.now() / 900_000);
    const answers: Array<string | null> = [];
    for (let i = 0; i < 20; i++) {
      const attempt = await signInWithPassword("carol@example.com", `wrong password ${i}`, { address });
      expect(attempt.status).toBe(302);
      expect(attempt.location?.pathname).toBe("/sign-in");
      expect(attempt.error).toBe("CredentialsSignin");
      expect(attempt.sessionCookie).toBeNull();
      answers.push(attempt.code);
    }
    expect(answers[0]).toBe("credentials");
    // The limit counts in fixed 15-minute windows: should one have ended mid-run, the new one allows `limit` more.
    const windows = Math.floor(Date.now() / 900_000) - startWindow + 1;
    expect(answers.filter((c) => c === "rate_limited").length).toBeGreaterThanOrEqual(20 - limit * windows);
    expect(answers.every((c) => c === "credentials" || c === "rate_limited")).toBe(true);

    const right = await signInWithPassword("carol@example.com", "carol's right password", { address });
    expect(right).toMatchObject({ error: "CredentialsSignin", code: "rate_limited", sessionCookie: null });
    // The email is locked, not the address and not the other accounts: the per-address limit is wider.
    const other = await signInWithPassword("dave@example.com", "dave's right password", { address });
    expect(other.error).toBeNull();
    expect(other.sessionCookie).not.toBeNull();
    const me = await expectJson<{ email: string }>(await call("GET /api/v1/me", { path: "/api/v1/me" }, sessionHeaders(other.sessionCookie!)));
    expect(me.email).toBe("dave@example.com");
  });
});

describe("sessions of deleted accounts", () => {
  it("a session cookie (signed in, or minted) of a deleted user is no session: 401", async () => {
    const account = await expectJson<{ id: string }>(await signUp({ email: "erin@example.com", password: "erin's long password" }, { ...sameOriginHeaders, "x-forwarded-for": "203.0.113.60" }), 201);
    const signedIn = (await signInWithPassword("erin@example.com", "erin's long password", { address: "203.0.113.60" })).sessionCookie!;
    const minted = await mintSessionCookie(account.id);
    for (const cookie of [signedIn, minted]) {
      expect((await expectJson<{ id: string }>(await call("GET /api/v1/me", { path: "/api/v1/me" }, sessionHeaders(cookie)))).id).toBe(account.id);
    }
    await db().user.delete({ where: { id: account.id } });
    for (const cookie of [signedIn, minted]) {
      await expectError(await call("GET /api/v1/me", { path: "/api/v1/me" }, sessionHeaders(cookie)), 401, "unauthorized");
      await expectError(await gallery(sessionHeaders(cookie)), 401, "unauthorized");
      await expectError(await call("POST /api/v1/collections", { path: "/api/v1/collections", json: { name: "ghost" } }, sessionHeaders(cookie)), 401, "unauthorized");
    }
  });

  it("a minted cookie for a user id that never existed is no session either", async () => {
    await expectError(await gallery(sessionHeaders(await mintSessionCookie("usr_nobody"))), 401, "unauthorized");
  });
});
