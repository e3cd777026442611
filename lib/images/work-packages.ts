import "server-only";
import { z } from "zod";
import type { CurrentUser } from "@/lib/auth/current-user";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { createRefinement, createVariations } from "./derive";
import { refineBody, variationsBody } from "./derive-schema";
import { createGeneration } from "./generate";
import { createBackgroundRemoval, createExpand, createUpscale } from "./tools";
import { expandBody, removeBackgroundBody, upscaleBody } from "./tools-schema";
import { generationBody } from "./generation-schema";

/** The work package types `POST /api/v1/jobs` accepts (the seeds' GenerativeAiWorker packages). */
export const workPackageTypes = ["generate", "collection-image", "variations", "refine", "upscale", "remove-background", "expand"] as const;

/** The `imageId` a work package that starts from an image names (exported for the OpenAPI document). */
export const imageIdField = z.object({ imageId: z.string({ error: "imageId is required: the image to start from" }).min(1).max(100) }).passthrough();

/**
 * Creates a job from a work package `{type, ...}`: `generate` takes the body of POST /api/v1/generations;
 * `collection-image` the same with a required `collectionId` (and `imageType: "icon"` for an icon with its
 * sizes); `variations` and `refine` the bodies of POST /api/v1/images/{id}/variations and /refine plus the
 * `imageId` to start from; `upscale`, `remove-background` and `expand` the bodies of those routes plus `imageId`. An unknown type is refused here; a job row of an unknown type (an older or newer
 * worker's) fails in the worker with the same clear message.
 */
export async function submitWorkPackage(options: { user: CurrentUser; body: unknown; idempotencyKey?: string; baseUrl: string }) {
  const { type, ...rest } = z.object({ type: z.string({ error: "type is required" }) }).passthrough().parse(options.body);
  if (!(workPackageTypes as readonly string[]).includes(type)) {
    throw new AppError("invalid_request", `Unknown job type "${type}": use one of ${workPackageTypes.join(", ")}`);
  }
  if (type !== "generate" && type !== "collection-image") {
    const { imageId, ...fields } = imageIdField.parse(rest);
    switch (type) {
      case "variations":
        return createVariations({ ...options, imageId, body: variationsBody.parse(fields) });
      case "refine":
        return createRefinement({ ...options, imageId, body: refineBody(env().MAX_PROMPT_LENGTH).parse(fields) });
      case "upscale":
        return createUpscale({ ...options, imageId, body: upscaleBody.parse(fields) });
      case "remove-background":
        return createBackgroundRemoval({ ...options, imageId, body: removeBackgroundBody.parse(fields) });
      default:
        return createExpand({ ...options, imageId, body: expandBody(env().MAX_PROMPT_LENGTH).parse(fields) });
    }
  }
  const body = generationBody(env().MAX_PROMPT_LENGTH).parse(rest);
  if (type === "collection-image" && !body.collectionId) {
    throw new AppError("invalid_request", "A collection-image job needs a collectionId", { details: [{ path: ["collectionId"], message: "required" }] });
  }
  return createGeneration({ ...options, body, jobType: type as "generate" | "collection-image" });
}
