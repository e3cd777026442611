import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { errorCodes } from "@/lib/error-codes";
import { workPackageTypes } from "@/lib/images/work-packages";
import { buildOpenApiDocument, errorsOf } from "./document";
import { notOperations, operations } from "./operations";
import { responseSchemas } from "./response-schemas";

const root = path.resolve(import.meta.dirname, "../../..");
const v1 = path.join(root, "app/api/v1");
const methods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

/** Every app/api/v1/**\/route.ts as an OpenAPI path (`[id]` → `{id}`) with the HTTP methods it exports. */
function routeFiles() {
  return (readdirSync(v1, { recursive: true, encoding: "utf8" }) as string[])
    .map((f) => f.split(path.sep).join("/"))
    .filter((f) => /(^|\/)route\.ts$/.test(f))
    .map((file) => {
      const source = readFileSync(path.join(v1, file), "utf8");
      const folders = file.split("/").slice(0, -1).filter((s) => !/^\(.*\)$/.test(s));
      const exported = methods.filter((m) => new RegExp(`^export (const|async function|function) ${m}\\b|^export \\{[^}]*\\b${m}\\b[^}]*\\}`, "m").test(source));
      return { file, source, path: ["/api/v1", ...folders.map((s) => s.replace(/^\[(\w+)\]$/, "{$1}"))].join("/"), methods: exported };
    });
}

const files = routeFiles();
const ops = operations({ maxPromptLength: 4000 });
const doc = buildOpenApiDocument({ maxPromptLength: 4000 });
// A JSON document, read by path.
const paths = doc.paths as Record<string, Record<string, any>>;
const key = (method: string, p: string) => `${method} ${p}`;

describe("the OpenAPI document covers the routes, and only them", () => {
  const routed = new Set(files.flatMap((f) => f.methods.map((m) => key(m, f.path))));
  const documented = new Set(Object.entries(paths).flatMap(([p, item]) => Object.keys(item).map((m) => key(m.toUpperCase(), p))));
  const excused = new Set(notOperations.map((n) => key(n.method, n.path)));

  it("finds the route files", () => {
    expect(files.length).toBeGreaterThan(40);
    expect(routed.size).toBeGreaterThan(60);
  });

  it("documents every method every route file exports (or says why it is not an operation)", () => {
    const missing = [...routed].filter((k) => !documented.has(k) && !excused.has(k));
    expect(missing).toEqual([]);
  });

  it("documents nothing that has no route file and method", () => {
    expect([...documented].filter((k) => !routed.has(k))).toEqual([]);
    expect([...excused].filter((k) => !routed.has(k) || documented.has(k))).toEqual([]);
  });

  it("lists each operation once", () => {
    const keys = ops.map((op) => key(op.method, op.path));
    expect(keys.length).toBe(new Set(keys).size);
    expect(documented.size).toBe(keys.length);
  });

  it("asks for the scope and callers the route file declares", () => {
    for (const f of files) {
      const mine = ops.filter((op) => op.path === f.path);
      for (const scope of f.source.matchAll(/scope: "(\w+)"/g)) expect(mine.map((op) => op.auth), f.file).toContain(scope[1]);
      if (/callers:/.test(f.source)) expect(mine.some((op) => op.peopleOnly), f.file).toBe(true);
      else expect(mine.some((op) => op.peopleOnly), f.file).toBe(false);
      if (/publicRoute\(/.test(f.source)) {
        const publicOps = mine.filter((op) => op.auth === "public").length + notOperations.filter((n) => n.path === f.path).length;
        expect(publicOps, f.file).toBeGreaterThan(0);
      } else expect(mine.filter((op) => op.auth === "public"), f.file).toEqual([]);
    }
  });
});

/** Every value in a JSON tree with its path. */
function* walk(value: unknown, at = "#"): Generator<[string, unknown]> {
  yield [at, value];
  if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) yield* walk(v, `${at}/${k}`);
}

describe("the document is OpenAPI 3.1", () => {
  it("has the top-level shape of 3.1", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    expect(doc.jsonSchemaDialect).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(["apiKey", "session"]);
    // JSON round trip: nothing undefined, no functions, no cycles.
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });

  it("resolves every $ref inside the document, and embeds no $defs of its own", () => {
    const refs = [...walk(doc)].filter(([at]) => at.endsWith("/$ref")).map(([, v]) => v as string);
    expect(refs.length).toBeGreaterThan(50);
    for (const ref of refs) {
      expect(ref).toMatch(/^#\/components\/schemas\/\w+$/);
      expect(doc.components.schemas).toHaveProperty(ref.split("/").pop()!);
    }
    expect([...walk(doc)].filter(([at]) => at.endsWith("/$defs") || at.endsWith("/$schema"))).toEqual([]);
  });

  it("gives each operation a unique id, a tag, responses with a success, and every path parameter", () => {
    const ids = new Set<string>();
    const tags = new Set(doc.tags.map((t) => t.name));
    for (const [p, item] of Object.entries(paths)) {
      expect(p).toMatch(/^\/api\/v1\//);
      const templated = [...p.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const op of Object.values(item) as Array<Record<string, any>>) {
        expect(ids.has(op.operationId), op.operationId).toBe(false);
        ids.add(op.operationId);
        expect(tags.has(op.tags[0])).toBe(true);
        expect(Object.keys(op.responses).some((s) => /^[23]\d\d$/.test(s)), op.operationId).toBe(true);
        for (const [status, response] of Object.entries(op.responses) as Array<[string, any]>) {
          expect(status).toMatch(/^[1-5]\d\d$/);
          expect(response.description.length).toBeGreaterThan(0);
        }
        const params = (op.parameters ?? []) as Array<{ name: string; in: string; required: boolean }>;
        expect(params.filter((q) => q.in === "path").map((q) => q.name)).toEqual(templated);
        for (const q of params) expect(["path", "query", "header"]).toContain(q.in);
        for (const requirement of op.security) for (const scheme of Object.keys(requirement)) expect(doc.components.securitySchemes).toHaveProperty(scheme);
      }
    }
  });

  it("lists every error code in the Error schema, and answers errors with it", () => {
    const error = doc.components.schemas.Error as any;
    expect(error.properties.error.properties.code.enum).toEqual(errorCodes);
    expect(error.properties.error.required).toEqual(["code", "message", "requestId"]);
    const images = paths["/api/v1/images/{id}"];
    expect(images.get.responses["404"]).toMatchObject({ description: "`not_found`", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } });
    expect(paths["/api/v1/generations"].post.responses["429"]).toMatchObject({ description: "`rate_limited`, `budget_exceeded`", headers: { "Retry-After": expect.any(Object) } });
  });
});

describe("the response schemas name where their fields come from", () => {
  it("names a file that exists and defines (or exports) the type or function named", () => {
    for (const [name, { source }] of Object.entries(responseSchemas)) {
      const [, symbol, file] = source.match(/^(?:(\w+)(?:\[\])? )?\(?([\w/.-]+\.ts)\)?$/) ?? [];
      expect(file, name).toBeDefined();
      const text = readFileSync(path.join(root, file), "utf8");
      if (symbol) expect(text, `${name}: ${source}`).toMatch(new RegExp(`export (async function|function|interface|type|const) ${symbol}\\b`));
    }
  });
});

describe("the request schemas are the routes' own", () => {
  it("reads a generation body from generationBody, with the configured prompt limit", () => {
    const body = paths["/api/v1/generations"].post.requestBody.content;
    expect(body["application/json"].schema.properties.prompt).toMatchObject({ type: "string", minLength: 1, maxLength: 4000 });
    expect(body["application/json"].schema.additionalProperties).toBe(false);
    expect(body["multipart/form-data"].schema.properties.body.contentSchema).toEqual(body["application/json"].schema);
    expect((buildOpenApiDocument({ maxPromptLength: 100 }).paths["/api/v1/generations"] as Record<string, any>).post.requestBody.content["application/json"].schema.properties.prompt.maxLength).toBe(100);
  });

  it("describes query strings parameter by parameter, defaults included", () => {
    const params = paths["/api/v1/images"].get.parameters as Array<{ name: string; required: boolean; schema: any }>;
    expect(params.find((p) => p.name === "limit")).toMatchObject({ required: false, schema: { type: "integer", minimum: 1, maximum: 100, default: 24 } });
    expect(params.find((p) => p.name === "kind")?.schema.enum).toEqual(["generated", "uploaded", "processed"]);
  });

  it("offers every work package type POST /api/v1/jobs takes, each with its own body", () => {
    const variants = paths["/api/v1/jobs"].post.requestBody.content["application/json"].schema.oneOf as any[];
    expect(variants.map((v) => v.properties.type.const)).toEqual([...workPackageTypes]);
    const refine = variants.find((v) => v.properties.type.const === "refine");
    expect(refine.required).toEqual(expect.arrayContaining(["type", "imageId", "prompt"]));
  });

  it("describes uploads as multipart with the picture in `file`", () => {
    const upload = paths["/api/v1/images"].post.requestBody.content["multipart/form-data"].schema;
    expect(upload.required).toEqual(["file"]);
    expect(Object.keys(upload.properties)).toEqual(["file", "collectionId"]);
  });

  it("says who may call: scopes, people only, public", () => {
    expect(paths["/api/v1/generations"].post.security).toEqual([{ apiKey: ["generate"] }, { session: [] }]);
    expect(paths["/api/v1/keys"].get.security).toEqual([{ session: [] }]);
    expect(paths["/api/v1/openapi.json"].get.security).toEqual([]);
    expect(errorsOf(ops.find((op) => op.path === "/api/v1/openapi.json")!)).toEqual(["internal"]);
  });
});
