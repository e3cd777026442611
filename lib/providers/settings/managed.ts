import "server-only";
import type { Env } from "@/lib/env";

/** The providers an administrator can connect in the app (the local renderer needs nothing). */
export const managedProviderIds = ["openai", "replicate", "google", "ideogram", "openai-compatible"] as const;
export type ManagedProviderId = (typeof managedProviderIds)[number];

export const isManagedProvider = (id: string): id is ManagedProviderId => (managedProviderIds as readonly string[]).includes(id);

export interface ManagedProviderInfo {
  name: string;
  /** What the secret is called on the page ("API key", "API token"). */
  secretLabel: string;
  /** The secret is required (every hosted provider); an OpenAI-compatible server may need none. */
  secretRequired: boolean;
  /** The base URL is required (an OpenAI-compatible server has no default). */
  baseUrlRequired: boolean;
  /** The documented endpoint when no base URL is given. */
  defaultBaseUrl: string | null;
  /** Where the provider's keys are made. */
  keysUrl: string | null;
}

export const managedProviders: Record<ManagedProviderId, ManagedProviderInfo> = {
  openai: { name: "OpenAI", secretLabel: "API key", secretRequired: true, baseUrlRequired: false, defaultBaseUrl: "https://api.openai.com/v1", keysUrl: "https://platform.openai.com/api-keys" },
  replicate: { name: "Replicate", secretLabel: "API token", secretRequired: true, baseUrlRequired: false, defaultBaseUrl: "https://api.replicate.com/v1", keysUrl: "https://replicate.com/account/api-tokens" },
  google: { name: "Google (Gemini API)", secretLabel: "API key", secretRequired: true, baseUrlRequired: false, defaultBaseUrl: "https://generativelanguage.googleapis.com", keysUrl: "https://aistudio.google.com/apikey" },
  ideogram: { name: "Ideogram", secretLabel: "API key", secretRequired: true, baseUrlRequired: false, defaultBaseUrl: "https://api.ideogram.ai", keysUrl: "https://ideogram.ai/manage-api" },
  "openai-compatible": { name: "OpenAI-compatible server", secretLabel: "API key", secretRequired: false, baseUrlRequired: true, defaultBaseUrl: null, keysUrl: null },
};

/** ENABLE_IMAGEN (the seeds' name for the Google provider's switch): on unless set to a false value. */
export const googleEnabled = (c: Env) => c.ENABLE_IMAGEN === undefined || ["true", "1", "yes", "on"].includes(c.ENABLE_IMAGEN);

/**
 * The environment variable that configures a provider, when one does: such a provider is the environment's, and the
 * stored setting (if any) is ignored — environment variables win, per provider. DISABLE_FLUX / ENABLE_IMAGEN=false
 * switch a provider off from the environment, which wins too.
 */
export function environmentSource(id: ManagedProviderId, c: Env): { variable: string; off?: boolean } | null {
  switch (id) {
    case "openai":
      if (c.OPENAI_API_KEY) return { variable: "OPENAI_API_KEY" };
      return c.AZURE_OPENAI_API_BASE && c.AZURE_OPENAI_API_KEY ? { variable: "AZURE_OPENAI_API_KEY" } : null;
    case "replicate":
      if (c.DISABLE_FLUX) return { variable: "DISABLE_FLUX", off: true };
      return c.REPLICATE_API_TOKEN ? { variable: "REPLICATE_API_TOKEN" } : null;
    case "google":
      if (!googleEnabled(c)) return { variable: "ENABLE_IMAGEN", off: true };
      return c.GEMINI_API_KEY ? { variable: "GEMINI_API_KEY" } : null;
    case "ideogram":
      return c.IDEOGRAM_API_KEY ? { variable: "IDEOGRAM_API_KEY" } : null;
    case "openai-compatible":
      return c.OPENAI_COMPATIBLE_BASE_URL ? { variable: "OPENAI_COMPATIBLE_BASE_URL" } : null;
  }
}
