/**
 * The JSON bodies the API answers with. They are TypeScript interfaces, not zod schemas (the services build
 * them: lib/images/dto-types.ts, …), so the document names each one, says where its fields are
 * described and which type builds it — it does not copy the fields a second time by hand (a copy that would
 * drift). `x-source` names the type; the description names the section of docs/api.md.
 */
type Section = "Images" | "Processing" | "Collections" | "Palettes" | "Generation" | "Tools" | "Webhooks" | "Accounts";

interface ResponseSchema {
  description: string;
  section: Section;
  /** The type (or function) that builds it. */
  source: string;
  type?: "object" | "array";
}

export const responseSchemas = {
  Image: { section: "Images", source: "ImageDto (lib/images/dto-types.ts)", description: "An image: id, kind, size, format, file URLs, its generation's prompt and parameters, parents, collections, provenance." },
  ImageWithChildren: { section: "Images", source: "getImage (lib/images/query.ts)", description: "An Image plus `children`: the images made from it directly (oldest first, up to 500)." },
  ImagePage: { section: "Images", source: "ImagePageDto (lib/images/dto-types.ts)", description: "`{items: Image[], nextCursor, total?}`: one page of the gallery (or the trash), newest first." },
  Lineage: { section: "Images", source: "LineageDto (lib/images/dto-types.ts)", description: "The image's family as a graph: `{image, nodes, edges, …}`." },
  SignedUrl: { section: "Images", source: "getImageUrl (lib/images/files.ts)", description: "`{url, expiresAt}`: a link to the original that works without credentials until it expires." },
  ContentCredentials: { section: "Images", source: "getImageCredentials (lib/images/credentials.ts)", description: "The stored original's Content Credentials (C2PA manifests), validated, with the signing chain." },
  BulkDeleteResult: { section: "Images", source: "BulkDeleteResult (lib/images/bulk.ts)", description: "`{deleted, notFound, purged}`." },
  BulkRestoreResult: { section: "Images", source: "bulkRestoreImages (lib/images/bulk.ts)", description: "`{restored, notFound}`." },
  TrashEmptied: { section: "Images", source: "emptyTrash (lib/images/trash.ts)", description: "`{purged}`: how many images were deleted for good." },
  Palette: { section: "Palettes", source: "PaletteDto (lib/images/dto-types.ts)", description: "A colour palette: its colours with their shares, type, name and the image it came from." },
  PaletteList: { section: "Palettes", source: "PaletteDto[] (lib/images/dto-types.ts)", description: "Palettes, oldest first.", type: "array" },
  PalettePage: { section: "Palettes", source: "listPalettes (lib/images/palettes.ts)", description: "`{items: Palette[], nextCursor}`: the caller's palettes, newest first." },
  Collection: { section: "Collections", source: "lib/images/collections.ts", description: "A collection (board): name, slug, description, image count and cover." },
  CollectionList: { section: "Collections", source: "listCollections (lib/images/collections.ts)", description: "`{items: Collection[]}`, newest first." },
  Job: { section: "Generation", source: "JobDto (lib/images/dto-types.ts)", description: "A job: type, status, progress, provider and model, its images, its error (`{code, message, details?}`), cost." },
  JobPage: { section: "Generation", source: "listJobs (lib/images/jobs.ts)", description: "`{items: Job[], nextCursor}`, newest first." },
  ProviderList: { section: "Generation", source: "listProviders (lib/providers/listing.ts)", description: "The providers with their models, prices, capabilities and health.", type: "array" },
  Usage: { section: "Generation", source: "getUsage (lib/images/usage.ts)", description: "`{from, to, days, totals, budget, limits}`: the caller's spend per day and provider." },
  ImageDescription: { section: "Tools", source: "describeImage (lib/images/describe.ts)", description: "`{prompt, source, model, costUsd}`: a prompt that would make a picture like this one." },
  PromptSuggestion: { section: "Tools", source: "enhancePrompt (lib/images/describe.ts)", description: "`{prompt, original, source, model, local, notice?, costUsd}`: a suggestion, never applied by itself." },
  WebhookSecret: { section: "Webhooks", source: "webhookSigningSecret (lib/webhooks/secret.ts)", description: "`{secret}`: what the caller's job webhooks are signed with." },
  Account: { section: "Accounts", source: "getAccount (lib/usage/users.ts)", description: "The caller: id, email, name, role, how they are signed in, their limits." },
  ApiKey: { section: "Accounts", source: "lib/auth/api-keys.ts", description: "An API key as listed: `{id, name, prefix, scopes, createdAt, lastUsedAt, revokedAt}` (never the key)." },
  ApiKeyList: { section: "Accounts", source: "listApiKeys (lib/auth/api-keys.ts)", description: "The caller's API keys.", type: "array" },
  CreatedApiKey: { section: "Accounts", source: "createApiKey (lib/auth/api-keys.ts)", description: "`{key, apiKey}`: the new key, shown this once, and its listing." },
  UserList: { section: "Accounts", source: "listUsers (lib/usage/users.ts)", description: "Every account with its limits (administrators)." },
  User: { section: "Accounts", source: "updateUser (lib/usage/users.ts)", description: "An account with its limits, as changed." },
  EveryonesUsage: { section: "Accounts", source: "getEveryonesUsage (lib/images/usage.ts)", description: "Every user's spend per day and provider (administrators)." },
  ProviderSettingList: { section: "Accounts", source: "listProviderSettings (lib/providers/settings/service.ts)", description: "The providers that can be connected in the app: who configures each, key hint, base URL." },
  ProviderSetting: { section: "Accounts", source: "saveProviderSetting (lib/providers/settings/service.ts)", description: "A provider's stored settings as saved (never the secret)." },
  ProviderTestResult: { section: "Accounts", source: "testProviderSetting (lib/providers/settings/service.ts)", description: "`{ok, message, status?, models?, request}`: the answer to the provider's cheapest unbilled request." },
  ProviderAuditLog: { section: "Accounts", source: "listProviderAuditLog (lib/providers/settings/service.ts)", description: "Who changed or tested which provider, and when (never a secret)." },
} as const satisfies Record<string, ResponseSchema>;

export type ResponseSchemaName = keyof typeof responseSchemas;

/** The components.schemas entries of the response bodies. */
export function responseSchemaComponents(): Record<string, object> {
  return Object.fromEntries(
    Object.entries(responseSchemas).map(([name, s]: [string, ResponseSchema]) => [
      name,
      {
        type: s.type ?? "object",
        description: `${s.description} Its fields are described in docs/api.md, "${s.section}".`,
        "x-source": s.source,
      },
    ]),
  );
}
