import { z } from "zod";

const secret = z
  .string()
  .trim()
  .min(8, "The key is too short.")
  .max(1000, "The key is too long.")
  .regex(/^[\x21-\x7e]+$/, "A key has no spaces or special characters: paste it again.");

/**
 * PUT / PATCH /api/v1/admin/providers/{id}: fields absent stay as they are; `secret: null` removes the key and
 * `baseUrl: null` returns to the provider's own endpoint.
 */
export const providerSettingBody = z
  .object({
    enabled: z.boolean().optional(),
    secret: secret.nullable().optional(),
    baseUrl: z.string().trim().max(500).nullable().optional(),
    /** An OpenAI-compatible server's display name. */
    name: z.string().trim().min(1).max(60).nullable().optional(),
    /** An OpenAI-compatible server's model ids (the first is its default); null: OPENAI_COMPATIBLE_MODELS. */
    models: z
      .array(z.string().trim().min(1).max(100).regex(/^[\w.:/@-]+$/, "A model id has no spaces."))
      .min(1)
      .max(20)
      .nullable()
      .optional(),
  })
  .strict();
export type ProviderSettingBody = z.output<typeof providerSettingBody>;

/** POST /api/v1/admin/providers/{id}/test: typed values to try before saving; absent → the saved ones. */
export const providerTestBody = z
  .object({ secret: secret.optional(), baseUrl: z.string().trim().max(500).nullable().optional() })
  .strict();
export type ProviderTestBody = z.output<typeof providerTestBody>;

export const auditQuery = z.object({
  provider: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
