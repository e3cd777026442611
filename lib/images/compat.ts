import "server-only";
import { z } from "zod";
import type { CurrentUser } from "@/lib/auth/current-user";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { providerIds } from "@/lib/providers/types";
import { createGeneration } from "./generate";
import { generationBody } from "./generation-schema";
import { waitForGeneration } from "./generation-wait";
import { findCollectionIdByIdOrSlug } from "./repositories/collections";
import { imageStorageKey } from "./repositories/images";

/** POST /api/generate: the single-shot worker contract (docs/api.md "Compatibility route"). */
export const compatBody = z
  .object({
    prompt: z.string({ error: "prompt is required" }),
    model: z.string().max(200).optional(),
    instance_id: z.string().max(200).optional(),
    project_id: z.string().max(200).optional(),
    options: z.object({ aspect_ratio: z.string().optional(), style: z.string().optional() }).optional(),
  })
  .strict();

export async function generateCompat(options: { user: CurrentUser; body: z.output<typeof compatBody>; baseUrl: string }) {
  const { user, body, baseUrl } = options;
  const started = Date.now();
  let collectionId: string | undefined;
  if (body.project_id) {
    const found = await findCollectionIdByIdOrSlug(user.id, body.project_id);
    if (!found) throw new AppError("not_found", `Project ${body.project_id} not found`);
    collectionId = found;
  }
  const isProvider = body.model && (providerIds as readonly string[]).includes(body.model);
  const request = generationBody(env().MAX_PROMPT_LENGTH).parse({
    prompt: body.prompt,
    ...(isProvider ? { provider: body.model } : body.model ? { model: body.model } : {}),
    aspectRatio: body.options?.aspect_ratio,
    style: body.options?.style,
    collectionId,
    instanceId: body.instance_id,
  });
  const { job } = await createGeneration({ user, body: request, baseUrl });
  const done = await waitForGeneration(job.id, baseUrl);
  const image = done.images[0];
  const storageKey = await imageStorageKey(image.id);
  return {
    success: true as const,
    image_url: image.url,
    r2_path: storageKey,
    metadata: {
      provider: image.provider,
      model: image.model,
      dimensions: `${image.width}x${image.height}`,
      format: image.format,
      generation_time_ms: Date.now() - started,
      image_id: image.id,
      job_id: done.id,
      // The model asked for was retired: who served instead (requested, served, retiredOn).
      ...(done.modelMigration ? { model_migration: done.modelMigration } : {}),
    },
  };
}
