/**
 * The OpenAPI 3.1 document of /api/v1, built from the operation registry (operations.ts) and the routes' own zod
 * schemas — nothing in it is written a second time by hand. Served at GET /api/v1/openapi.json.
 */
import { errorStatus, type ErrorCode } from "@/lib/error-codes";
import { errorBody, headerParameter, jsonSchema, securitySchemes } from "./components";
import { operations } from "./operations";
import { responseSchemaComponents } from "./response-schemas";
import type { Operation, RequestBody } from "./types";

export interface OpenApiOptions {
  /** MAX_PROMPT_LENGTH: the prompt fields' limit. */
  maxPromptLength: number;
}

type Json = Record<string, unknown>;
type ObjectSchema = { properties?: Json; required?: string[] };

const description = [
  "The REST API of Image Studio, generated from the request schemas the routes validate with. docs/api.md describes",
  "every route, field and answer in words; the answers' fields are described there (their schemas here name the type",
  "that builds them).\n\n",
  "**Auth.** An API key (`Authorization: Bearer isk_…`) with the scope the operation names, or the studio's session;",
  "in the default `AUTH_MODE=single-user` a request with neither is the local owner's. Ids of other users' things",
  "are 404. **Errors** are always `{error: {code, message, requestId, details?}}`; the codes are the Error schema's",
  "enum. Every response carries `X-Request-Id`.",
].join(" ");

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** Error codes an operation can answer: those of its kind (auth, a path id, a body) and its own. */
export function errorsOf(op: Operation): ErrorCode[] {
  const codes = new Set<ErrorCode>();
  if (op.query || op.body) codes.add("invalid_request");
  if (op.auth !== "public") codes.add("unauthorized").add("forbidden");
  if (op.path.includes("{")) codes.add("not_found");
  // readJson / readMultipart: a body too slow (408), too large (413) or of another Content-Type (415).
  if (op.body) codes.add("request_timeout").add("payload_too_large").add("unsupported_media_type");
  for (const code of op.errors ?? []) codes.add(code);
  codes.add("internal");
  return [...codes].sort((a, b) => errorStatus[a] - errorStatus[b]);
}

function errorResponses(op: Operation): Json {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of errorsOf(op)) byStatus.set(errorStatus[code], [...(byStatus.get(errorStatus[code]) ?? []), code]);
  return Object.fromEntries(
    [...byStatus].map(([status, codes]) => [
      String(status),
      {
        description: codes.map((c) => `\`${c}\``).join(", "),
        ...(status === 429 || status === 503 ? { headers: { "Retry-After": { description: "Seconds until a retry can succeed.", schema: { type: "integer" } } } } : {}),
        content: { "application/json": { schema: ref("Error") } },
      },
    ]),
  );
}

/** `content` of a request body. */
function requestContent(body: RequestBody): Json {
  const binary = { type: "string", contentMediaType: "application/octet-stream" };
  switch (body.kind) {
    case "json":
      return { "application/json": { schema: jsonSchema(body.schema) } };
    case "job": {
      const schema = jsonSchema(body.schema);
      return {
        "application/json": { schema },
        "multipart/form-data": {
          schema: {
            type: "object",
            required: ["body"],
            properties: {
              body: { type: "string", contentMediaType: "application/json", contentSchema: schema, description: "The JSON body." },
              references: { type: "array", items: binary, description: "Reference pictures, uploaded first and added to `referenceImageIds` in order." },
            },
          },
        },
      };
    }
    case "upload": {
      const fields = jsonSchema(body.fields) as { properties?: Json };
      return {
        "multipart/form-data": {
          schema: { type: "object", required: ["file"], properties: { file: { ...binary, description: "The picture." }, ...fields.properties } },
        },
      };
    }
    case "work-package":
      return {
        "application/json": {
          schema: {
            oneOf: body.variants.map(({ type, schema, fields }) => {
              const json = jsonSchema(schema) as ObjectSchema;
              const more = fields ? (jsonSchema(fields) as ObjectSchema) : {};
              return {
                ...json,
                properties: { type: { const: type }, ...more.properties, ...json.properties },
                required: ["type", ...(more.required ?? []), ...(json.required ?? [])],
              };
            }),
          },
        },
      };
  }
}

/** The query string's parameters, one per property of the route's query schema. */
function queryParameters(op: Operation): Json[] {
  if (!op.query) return [];
  const json = jsonSchema(op.query) as { properties?: Record<string, Json>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, schema]) => ({ name, in: "query", required: json.required?.includes(name) ?? false, schema }));
}

const pathParameters = (path: string): Json[] =>
  [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({ name, in: "path", required: true, schema: { type: "string" } }));

/** getImagesByIdPalettesBatch for POST /api/v1/images/{id}/palettes/batch (postImages…). */
export const operationId = (op: Operation) =>
  op.method.toLowerCase() +
  op.path
    .replace(/^\/api\/v1\//, "")
    .split(/[/.-]/)
    .map((s) => (s.startsWith("{") ? `By${s[1].toUpperCase()}${s.slice(2, -1)}` : s.charAt(0).toUpperCase() + s.slice(1)))
    .join("");

function security(op: Operation): Json[] {
  if (op.auth === "public") return [];
  return op.peopleOnly ? [{ session: [] }] : [{ apiKey: [op.auth] }, { session: [] }];
}

function operationObject(op: Operation): Json {
  const who = [
    op.auth === "public" ? "Public: no credentials." : `API-key scope: \`${op.auth}\`.`,
    op.peopleOnly ? "People only (a session or the local owner): API keys get 403." : "",
    op.adminOnly ? "Administrators only: others get 403." : "",
  ].filter(Boolean);
  const parameters = [...pathParameters(op.path), ...queryParameters(op), ...(op.headers ?? []).map(headerParameter)];
  const success = Object.fromEntries(
    op.responses.map((r) => [
      String(r.status),
      {
        description: r.description,
        ...(r.schema ? { content: { "application/json": { schema: ref(r.schema) } } } : r.contentType ? { content: { [r.contentType]: {} } } : {}),
      },
    ]),
  );
  return {
    operationId: operationId(op),
    summary: op.summary,
    description: [op.description, ...who].filter(Boolean).join(" "),
    tags: [op.tag],
    security: security(op),
    ...(parameters.length ? { parameters } : {}),
    ...(op.body ? { requestBody: { required: true, content: requestContent(op.body) } } : {}),
    responses: { ...success, ...errorResponses(op) },
  };
}

/** The document (a plain JSON value). */
export function buildOpenApiDocument(options: OpenApiOptions) {
  const ops = operations(options);
  const paths: Record<string, Record<string, Json>> = {};
  for (const op of ops) (paths[op.path] ??= {})[op.method.toLowerCase()] = operationObject(op);
  const tags = [...new Set(ops.map((op) => op.tag))].map((name) => ({ name }));
  return {
    openapi: "3.1.0",
    info: { title: "Image Studio API", version: "v1", description, license: { name: "MIT", identifier: "MIT" } },
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    tags,
    paths,
    components: { schemas: { Error: jsonSchema(errorBody), ...responseSchemaComponents() }, securitySchemes },
  };
}

let cached: { maxPromptLength: number; json: string } | undefined;

/** The document as JSON text, built once per process (its inputs are code and MAX_PROMPT_LENGTH). */
export function openApiJson(options: OpenApiOptions): string {
  if (cached?.maxPromptLength !== options.maxPromptLength) cached = { maxPromptLength: options.maxPromptLength, json: JSON.stringify(buildOpenApiDocument(options)) };
  return cached.json;
}
