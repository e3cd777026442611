import "server-only";
import type { JobHandler } from "@/lib/jobs/worker";
import type { CreateGenerationOptions } from "./generate";
import { runGeneration } from "./generation-job";

/** Every `Job.type` this code writes (createGeneration's `jobType`; POST /api/v1/jobs accepts the same list). */
export type JobType = NonNullable<CreateGenerationOptions["jobType"]>;

/**
 * The code that runs each type of job: the one list of job handlers, given to the worker where it starts
 * (startImageWorker in ./worker.ts; tests that run a job themselves pass it to runJob). A job row of a type not
 * here (an older or newer version's) fails in the worker with a clear message.
 */
export const jobHandlers: Record<JobType, JobHandler> = {
  generate: runGeneration,
  // The seeds' work package: an image (or, with imageType "icon", an icon and its sizes) for a collection.
  "collection-image": runGeneration,
  // The studio's creative loop from an existing picture (./derive.ts).
  variations: runGeneration,
  refine: runGeneration,
  // The finishing tools (./tools.ts): a child image of the source, served by a provider's tool method.
  upscale: runGeneration,
  "remove-background": runGeneration,
  expand: runGeneration,
};
