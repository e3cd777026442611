/**
 * The operation registry: every route of /api/v1 with what the OpenAPI document says of it. The request schemas
 * are the routes' own (imported from where the routes take them); openapi.test.ts checks that every route file and
 * method under app/api/v1 is here and that everything here has a route file.
 */
import { accountOperations } from "./operations-account";
import { imageOperations } from "./operations-images";
import { jobOperations } from "./operations-jobs";
import type { NotAnOperation, Operation } from "./types";

export function operations(options: { maxPromptLength: number }): Operation[] {
  return [...imageOperations, ...jobOperations(options.maxPromptLength), ...accountOperations];
}

const answersNotFound = "answers 404 not_found, as for a path no route serves (the route only takes POST)";

/** Methods route files export that are not operations: the API's 404 for a method the path does not take. */
export const notOperations: NotAnOperation[] = [
  { method: "GET", path: "/api/v1/images/bulk-delete", why: answersNotFound },
  { method: "GET", path: "/api/v1/images/bulk-restore", why: answersNotFound },
  { method: "GET", path: "/api/v1/images/download", why: answersNotFound },
  { method: "GET", path: "/api/v1/images/{id}/restore", why: answersNotFound },
];
