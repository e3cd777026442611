/** The registry's generation, tool and job routes (see types.ts). Prompt limits follow MAX_PROMPT_LENGTH. */
import { z } from "zod";
import { refineBody, variationsBody } from "@/lib/images/derive-schema";
import { describeBody, enhanceBody } from "@/lib/images/describe";
import { generationBody } from "@/lib/images/generation-schema";
import { lastEventIdSchema, listJobsQuery } from "@/lib/images/jobs";
import { expandBody, removeBackgroundBody, upscaleBody } from "@/lib/images/tools-schema";
import { imageIdField } from "@/lib/images/work-packages";
import type { Operation, SuccessResponse } from "./types";

const image = "/api/v1/images/{id}";
const accepted: SuccessResponse[] = [
  { status: 202, description: "The job, queued (`Location` names it).", schema: "Job" },
  { status: 201, description: "With `Prefer: wait` (or `?wait=true`): the finished job.", schema: "Job" },
];
// An Idempotency-Key reused with another body or a trashed source (409), a retired model (422), the rate limit and
// the budget (429), and — when waiting — the provider's failure (502) or the wait running out (504).
const jobErrors = ["conflict", "model_retired", "rate_limited", "budget_exceeded", "provider_error", "timeout"] as const;
const jobHeaders = ["Idempotency-Key", "Prefer"] as const;

export function jobOperations(maxPromptLength: number): Operation[] {
  const generation = generationBody(maxPromptLength);
  const refine = refineBody(maxPromptLength);
  const expand = expandBody(maxPromptLength);
  return [
    {
      method: "POST", path: "/api/v1/generations", tag: "Generation", auth: "generate", summary: "Generate images from a prompt (a job)",
      headers: [...jobHeaders], body: { kind: "job", schema: generation }, responses: accepted, errors: [...jobErrors],
    },
    {
      method: "POST", path: `${image}/variations`, tag: "Generation", auth: "generate", summary: "Variations of an image (a job)",
      headers: [...jobHeaders], body: { kind: "job", schema: variationsBody }, responses: accepted, errors: [...jobErrors],
    },
    {
      method: "POST", path: `${image}/refine`, tag: "Generation", auth: "generate", summary: "Refine an image by instruction, optionally inside a mask (a job)",
      headers: [...jobHeaders], body: { kind: "job", schema: refine }, responses: accepted, errors: [...jobErrors],
    },
    {
      method: "POST", path: `${image}/upscale`, tag: "Tools", auth: "generate", summary: "Upscale an image ×2 or ×4, locally or by a provider (a job)",
      headers: [...jobHeaders], body: { kind: "json", schema: upscaleBody }, responses: accepted, errors: [...jobErrors],
    },
    {
      method: "POST", path: `${image}/remove-background`, tag: "Tools", auth: "generate", summary: "Remove an image's background (a job)",
      headers: [...jobHeaders], body: { kind: "json", schema: removeBackgroundBody }, responses: accepted, errors: [...jobErrors],
    },
    {
      method: "POST", path: `${image}/expand`, tag: "Tools", auth: "generate", summary: "Expand an image's canvas and fill the new area (a job)",
      headers: [...jobHeaders], body: { kind: "json", schema: expand }, responses: accepted, errors: [...jobErrors],
    },
    {
      method: "POST", path: `${image}/describe`, tag: "Tools", auth: "generate", summary: "A prompt that would make a picture like this one",
      body: { kind: "json", schema: describeBody }, responses: [{ status: 200, description: "The description.", schema: "ImageDescription" }], errors: ["rate_limited", "budget_exceeded", "provider_error"],
    },
    {
      method: "POST", path: "/api/v1/prompts/enhance", tag: "Tools", auth: "generate", summary: "Suggest a more detailed prompt (never applied by itself)",
      body: { kind: "json", schema: enhanceBody(maxPromptLength) }, responses: [{ status: 200, description: "The suggestion.", schema: "PromptSuggestion" }], errors: ["rate_limited", "budget_exceeded", "provider_error"],
    },

    { method: "GET", path: "/api/v1/jobs", tag: "Jobs", auth: "read", summary: "The caller's jobs, newest first", query: listJobsQuery, responses: [{ status: 200, description: "One page of jobs.", schema: "JobPage" }] },
    {
      method: "POST", path: "/api/v1/jobs", tag: "Jobs", auth: "generate", summary: "Submit a work package `{type, …}`", headers: ["Idempotency-Key"],
      body: {
        kind: "work-package",
        variants: [
          { type: "generate", schema: generation },
          { type: "collection-image", schema: generation },
          { type: "variations", schema: variationsBody, fields: imageIdField },
          { type: "refine", schema: refine, fields: imageIdField },
          { type: "upscale", schema: upscaleBody, fields: imageIdField },
          { type: "remove-background", schema: removeBackgroundBody, fields: imageIdField },
          { type: "expand", schema: expand, fields: imageIdField },
        ],
      },
      responses: [{ status: 202, description: "The job, queued (`Location` names it).", schema: "Job" }],
      errors: ["conflict", "model_retired", "rate_limited", "budget_exceeded"],
    },
    { method: "GET", path: "/api/v1/jobs/{id}", tag: "Jobs", auth: "read", summary: "A job", responses: [{ status: 200, description: "The job.", schema: "Job" }] },
    { method: "POST", path: "/api/v1/jobs/{id}/cancel", tag: "Jobs", auth: "write", summary: "Cancel a queued or running job (a finished one is returned unchanged)", responses: [{ status: 200, description: "The job.", schema: "Job" }] },
    {
      method: "GET", path: "/api/v1/jobs/{id}/events", tag: "Jobs", auth: "read", summary: "The job's events as Server-Sent Events, resuming after Last-Event-ID",
      headers: ["Last-Event-ID"], query: z.object({ lastEventId: lastEventIdSchema.optional() }),
      responses: [{ status: 200, description: "The event stream.", contentType: "text/event-stream" }],
    },
  ];
}
