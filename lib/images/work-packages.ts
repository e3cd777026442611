import "server-only";
import { z } from "zod";
import type { CurrentUser } from "@/lib/auth/current-user";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { createGeneration } from "./generate";
import { generationBody } from "./generation-schema";

/** The work package types `POST /api/v1/jobs` accepts (the seeds' GenerativeAiWorker packages). */
export const workPackageTypes = ["generate", "collection-image"] as const;

/**
 * Creates a job from a work package `{type, ...}`: `generate` takes the body of POST /api/v1/generations;
 * `collection-image` the same with a required `collectionId` (and `imageType: "icon"` for an icon with its
 * sizes). An unknown type is refused here; a job row of an unknown type (an older or newer worker's) fails in
 * the worker with the same clear message.
 */
export async function submitWorkPackage(options: { user: CurrentUser; body: unknown; idempotencyKey?: string; baseUrl: string }) {
  const { type, ...rest } = z.object({ type: z.string({ error: "type is required" }) }).passthrough().parse(options.body);
  if (!(workPackageTypes as readonly string[]).includes(type)) {
    throw new AppError("invalid_request", `Unknown job type "${type}": use one of ${workPackageTypes.join(", ")}`);
  }
  const body = generationBody(env().MAX_PROMPT_LENGTH).parse(rest);
  if (type === "collection-image" && !body.collectionId) {
    throw new AppError("invalid_request", "A collection-image job needs a collectionId", { details: [{ path: ["collectionId"], message: "required" }] });
  }
  return createGeneration({ ...options, body, jobType: type as (typeof workPackageTypes)[number] });
}
